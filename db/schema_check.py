"""Is a database file's schema really this app's? Checked column by column, row by row.

Table names and a migration stamp are easy to forge (or to get by accident: a half-made
file, another tool's export): such a file was restored ("Đã khôi phục") and every command
after it failed. Before a file replaces the user's data it must have every column the
models name, in every table, and every row must read back through the models' types.
"""

from __future__ import annotations

from sqlalchemy import inspect, select

from db.database import Database
from db.errors import StorageError
from db.models import Base

READ_BATCH = 2000


class SchemaMismatchError(StorageError):
    """The file's tables do not hold what this app's tables hold."""


def verify_schema(database: Database) -> None:
    """Raise :class:`SchemaMismatchError` unless *database* matches the models and reads whole.

    The database must be at the head revision (open it with :func:`db.open_database`,
    which migrates), so the models are the schema to compare with.
    """
    with database.engine.connect() as connection:
        inspector = inspect(connection)
        present = set(inspector.get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name not in present:
                raise SchemaMismatchError(f"thiếu bảng “{table.name}”")
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            missing = [c.name for c in table.columns if c.name not in columns]
            if missing:
                raise SchemaMismatchError(f"bảng “{table.name}” thiếu cột {', '.join(missing[:5])}")
            try:
                rows = connection.execute(select(*table.columns)).partitions(READ_BATCH)
                for _batch in rows:
                    pass
            except (ValueError, TypeError, OverflowError) as error:
                raise SchemaMismatchError(
                    f"bảng “{table.name}” có dữ liệu không đọc được ({error})"
                ) from error
