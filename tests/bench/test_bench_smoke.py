"""The benchmark code itself works (generator, one import and one query at N=200).

No timing is asserted: CI machines vary. ``make bench`` runs the real thing.
"""

from __future__ import annotations

from pathlib import Path

from db import open_database
from desktop.domain.deadlines import parse_deadline
from desktop.services.queries import task_ids
from tests.bench import measure as m
from tests.bench import run as bench_run
from tests.bench.generate import make_payload, taskwarrior_tasks, units, write_payload

N = 200


def test_generator_covers_units_and_every_kind_of_deadline() -> None:
    payload = make_payload(N)
    tasks = payload["tasks"]
    assert len(tasks) == N
    assert len({t["id"] for t in tasks}) == N
    assert {t["lead_unit"] for t in tasks} - {None} <= set(units())
    kinds = {
        parse_deadline(t["deadline_text"], issued=m.date(2021, 1, 15)).kind.value for t in tasks
    }
    assert kinds >= {"dated", "recurring", "period", "ongoing", "conditional", "unknown"}
    assert make_payload(N) == payload  # reproducible
    assert len(taskwarrior_tasks(payload)) == N


def test_import_against_raw_sqlite_and_the_queries_agree(tmp_path: Path) -> None:
    source = write_payload(tmp_path / "a.json", make_payload(N))
    empty = m.empty_database(tmp_path / "empty.sqlite3")
    ours = m.copy_database(empty, tmp_path / "ours.sqlite3")
    times = m.our_import(ours, source)
    assert times.total > 0
    rows = m.rows_added(empty, ours)
    assert len(rows["tasks"][1]) == N
    raw = m.copy_database(empty, tmp_path / "raw.sqlite3")
    m.raw_insert(raw, rows)
    assert m.rows_added(empty, raw)["tasks"][1] == rows["tasks"][1]

    database = open_database(ours)
    connection = m.raw_connect(ours)
    try:
        for case in m.query_cases(ours):
            ids = task_ids(database, case.flt)
            raw_ids = [r[0] for r in connection.execute(case.raw_sql, case.raw_params)]
            assert ids == raw_ids
            assert len(m.raw_rows(connection, raw_ids, case.flt.quarter)) == len(ids)
        assert task_ids(database, m.query_cases(ours)[0].flt)  # some tasks are overdue
    finally:
        connection.close()
        database.dispose()


def test_report_is_written(tmp_path: Path) -> None:
    out = tmp_path / "benchmarks.md"
    run = bench_run.Run()
    run.figures.append(m.Figure("import", N, 0.5, 0.25, "raw sqlite3"))
    bench_run.write_report(run, out, {"CPU": "test", "cores": "2"}, 1.0)
    text = out.read_text(encoding="utf-8")
    assert "| import | 200 | 500.0 ms | 250.0 ms | raw sqlite3 | 2.00× |" in text


def test_report_keeps_the_bundle_sections_it_does_not_own(tmp_path: Path) -> None:
    # make package and make windows write their own sections of the same file.
    out = tmp_path / "benchmarks.md"
    package = "<!-- package:start -->\nLinux bundle 125.0 MB\n<!-- package:end -->"
    windows = "<!-- windows:start -->\nWindows bundle 77.6 MB\n<!-- windows:end -->"
    out.write_text(f"# Benchmarks\nold table\n\n{package}\n\n{windows}\n", encoding="utf-8")
    bench_run.write_report(bench_run.Run(), out, {"CPU": "test", "cores": "2"}, 1.0)
    text = out.read_text(encoding="utf-8")
    assert package in text
    assert windows in text
    assert "old table" not in text


def test_window_probe_reports_start_filter_search_and_memory(tmp_path: Path) -> None:
    from tests.bench import window

    source = write_payload(tmp_path / "a.json", make_payload(N))
    db = m.copy_database(m.empty_database(tmp_path / "empty.sqlite3"), tmp_path / "db.sqlite3")
    m.our_import(db, source)
    case = m.query_cases(db)[1]
    assert case.flt.unit_id is not None and case.flt.quarter is not None
    quarter = f"{case.flt.quarter.year}-Q{case.flt.quarter.number}"
    bare = window.probe("bare")
    ours = window.probe(
        "app", str(db), m.TODAY.isoformat(), str(case.flt.unit_id), quarter, "tuyen giao"
    )
    assert bare["start"] > 0 and bare["rss"] > 0
    assert ours["rows_all"] == N
    assert ours["rows_filtered"] == len(task_ids(open_database(db), case.flt))
    assert ours["filter"] > 0 and ours["search"] > 0 and ours["rss"] > bare["rss"]
