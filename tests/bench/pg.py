"""PostgreSQL rows of ``make bench``: import N tasks and the overdue list, each beside raw
psycopg on the same server in the same run.

The server is ``SONHIEMVU_TEST_PG_URL`` or a throw-away cluster (tests/pg_server.py, the
one the tests use: fsync off, so these figures measure the app and the SQL, not a disk).
The raw baseline gets the very rows the app wrote (read back from the app's database) and
inserts them with psycopg's ``executemany`` in one transaction; the overdue list is the
same SQL the SQLite baseline runs, with PostgreSQL's placeholders.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from db import open_database
from desktop.services.importer import apply_import, plan_import
from desktop.services.queries import TaskFilter, View, task_ids, task_rows
from desktop.services.task_json import read_task_file
from tests import pg_server
from tests.bench import measure as m


def _connect(url: str) -> psycopg.Connection[Any]:
    parsed = make_url(url)
    return psycopg.connect(
        host=parsed.host,
        port=parsed.port,
        user=parsed.username,
        password=parsed.password,
        dbname=parsed.database,
    )


class _Qmark:
    """The SQLite baseline's SQL on psycopg: ``?`` → ``%s``, ``hidden = 0`` → ``false``."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.connection = connection

    def execute(self, sql: str, params: Any = ()) -> Any:
        sql = sql.replace("?", "%s").replace("hidden = 0", "hidden = false")
        return self.connection.execute(sql, list(params))  # type: ignore[arg-type]


def _read_rows(url: str) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    with _connect(url) as connection:
        rows = {}
        for table in m.TABLES:
            cursor = connection.execute(f"SELECT * FROM {table}")  # type: ignore[arg-type]
            columns = [c.name for c in cursor.description or ()]
            rows[table] = (columns, cursor.fetchall())
        return rows


def _raw_insert(url: str, rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]]) -> None:
    with _connect(url) as connection, connection.cursor() as cursor:
        for table in m.TABLES:
            columns, values = rows[table]
            if values:
                marks = ", ".join("%s" for _ in columns)
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # type: ignore[arg-type]
                    values,
                )


def bench_postgresql(run: Any, n: int, json_path: Path, admin: str) -> None:
    """Import *json_path* (N tasks) into an empty PG database, then the overdue list."""
    ours_url, raw_url = pg_server.create_database(admin), pg_server.create_database(admin)
    try:
        database = open_database(ours_url)
        open_database(raw_url).dispose()  # the same schema, empty, for the baseline
        try:
            parse, task_file = m.timed(lambda: read_task_file(json_path))
            plan_time, plan = m.timed(
                lambda: plan_import(database, task_file, source=json_path.name)
            )
            write, _ = m.timed(lambda: apply_import(database, plan, backup=False))
            rows = _read_rows(ours_url)
            raw, _ = m.timed(lambda: _raw_insert(raw_url, rows))
            run.add(
                m.Figure(
                    f"PostgreSQL: import {n:,} tasks into empty DB",
                    n,
                    parse + plan_time + write,
                    raw,
                    "raw psycopg executemany",
                )
            )
            run.add(m.Figure("  └ phase: write", n, write, raw, "raw psycopg executemany"))
            # Fresh statistics on both sides (autovacuum may have reached one and not the
            # other), so the planner chooses alike and the two timings compare.
            for url in (ours_url, raw_url):
                with _connect(url) as connection:
                    connection.execute("ANALYZE")
            flt = TaskFilter(today=m.TODAY, view=View.OVERDUE)

            def ours_screen() -> Any:
                ids = task_ids(database, flt)
                return ids, task_rows(database, ids[: m.SCREENFUL], flt.today, flt.quarter)

            with _connect(raw_url) as connection:
                raw_connection = _Qmark(connection)

                def raw_screen() -> Any:
                    ids = [
                        r[0] for r in raw_connection.execute(m.RAW_OVERDUE, (m.TODAY.isoformat(),))
                    ]
                    return ids, m.raw_rows(raw_connection, ids[: m.SCREENFUL], None)  # type: ignore[arg-type]

                ours_t, (ours_ids, _) = m.median_time(ours_screen, 7)
                raw_t, (raw_ids, _) = m.median_time(raw_screen, 7)
            if ours_ids != raw_ids:
                raise AssertionError("PostgreSQL: the raw SQL finds other overdue tasks")
            run.add(
                m.Figure(
                    "PostgreSQL: overdue list (ids + first screen)",
                    n,
                    ours_t,
                    raw_t,
                    "same queries, raw psycopg",
                )
            )
        finally:
            database.dispose()
    finally:
        pg_server.drop_database(admin, ours_url)
        pg_server.drop_database(admin, raw_url)
