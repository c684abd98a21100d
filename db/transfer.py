"""Copy every row of one database of this app into another, in one transaction.

Used to move a SQLite file's data into an empty shared database (``sonhiemvu copy-to``),
to write a shared database's portable snapshot (a SQLite file of the same schema) and to
bring such a snapshot back. Tables are read and written through SQLAlchemy's reflection
of each side, so dates, booleans and text keep their types across backends; the
parents come before their children (foreign keys hold at every row).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, MetaData, Table, func, select, text

BATCH = 2000
# Alembic's stamp is not data: each side keeps its own, and the caller checks they match.
# The change counter is per database too: each side's own row stays.
SKIPPED = frozenset({"alembic_version", "data_version"})


def data_tables(connection: Connection) -> list[Table]:
    """This database's tables, parents before children."""
    metadata = MetaData()
    metadata.reflect(connection)
    return [t for t in metadata.sorted_tables if t.name not in SKIPPED]


def row_counts(connection: Connection) -> dict[str, int]:
    return {
        table.name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
        for table in data_tables(connection)
    }


def copy_rows(
    source: Connection,
    target: Connection,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Copy every row of *source* into the same tables of *target*; returns rows per table.

    The caller owns *target*'s transaction: nothing is committed here, so a failure part
    way leaves the target as it was.
    """
    written: dict[str, int] = {}
    targets = {t.name: t for t in data_tables(target)}
    for table in data_tables(source):
        destination = targets[table.name]
        columns = [c.name for c in table.columns if c.name in destination.columns]
        count = 0
        result = source.execute(select(*(table.c[name] for name in columns)))
        while batch := result.fetchmany(BATCH):
            target.execute(
                destination.insert(), [dict(zip(columns, row, strict=True)) for row in batch]
            )
            count += len(batch)
            if progress is not None:
                progress(table.name, count)
        written[table.name] = count
    if target.dialect.name == "postgresql":
        reset_sequences(target)
    return written


def reset_sequences(connection: Connection) -> None:
    """Move each ``id`` sequence past the copied ids (explicit ids do not advance it)."""
    for table in data_tables(connection):
        if "id" not in table.columns:
            continue  # pg_get_serial_sequence gives NULL for a table without one: no-op
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            )
        )
