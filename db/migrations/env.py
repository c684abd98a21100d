"""Alembic environment: always run in code with a connection handed over by db.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from db.models import Base

config = context.config
connection = config.attributes.get("connection")


def run(connection_to_use: Connection) -> None:
    context.configure(
        connection=connection_to_use,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:  # the alembic command line, for developers writing a revision
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as own_connection:
        run(own_connection)
