"""Alembic migrations run in code at start-up.

The ``Config`` is built here with an absolute ``script_location`` next to this file, so it
works from a checkout, an installed wheel and a PyInstaller bundle alike (PyInstaller 6
puts data under ``_internal``; ``Path(__file__)`` follows it).

SQLite DDL is not transactional under Alembic, so an existing database is backed up before
an upgrade and restored if the upgrade fails.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from db.backup import automatic_backup, restore_from
from db.database import Database
from db.errors import DatabaseTooNewError, StorageError, translate
from db.identity import APPLICATION_ID
from db.models import Base
from db.revisions import HEAD, MIGRATIONS, is_known_revision

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)


def stamped_revision(database: Database) -> str | None:
    """The revision a database is stamped with, read with plain SQL (None if unstamped)."""
    with database.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(database: Database) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database.url.replace("%", "%%"))
    return config


def head_revision(database: Database) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(database)).get_current_head()
    assert head is not None
    return head


def current_revision(database: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(database: Database) -> str | None:
    """Create, or upgrade, the schema. Returns the path of the pre-upgrade backup, if any."""
    try:
        if stamped_revision(database) == HEAD:
            return None
    except Exception as error:
        known = translate(error)
        if known is not None:
            raise known from error
        raise
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config(database)
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    try:
        current = current_revision(database)
        with database.engine.connect() as connection:
            has_tables = bool(inspect(connection).get_table_names())
    except Exception as error:
        known = translate(error)
        if known is not None:
            raise known from error
        raise

    if current == head:
        return None
    if current is not None and not is_known_revision(current):
        raise DatabaseTooNewError()
    if current is None and not has_tables:
        # A new database: create the schema from the models and stamp it at head.
        try:
            Base.metadata.create_all(database.engine)
            with database.engine.begin() as connection:
                if database.is_sqlite:
                    connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                config.attributes["connection"] = connection
                command.stamp(config, "head")
        except Exception as error:
            known = translate(error)
            raise (known or error) from error
        return None
    if current is None:
        raise StorageError(
            "Tệp này không phải cơ sở dữ liệu của Sổ nhiệm vụ (không có thông tin phiên bản). "
            "Dữ liệu trong tệp không bị thay đổi."
        )

    backup = None
    if database.is_sqlite and database.path is not None:
        backup = automatic_backup(database.path, "truoc-nang-cap")
    log.info("Upgrading database %s from %s to %s", database.shown_url, current, head)
    try:
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except Exception as error:
        log.exception("Migration failed; restoring the backup")
        if backup is not None and database.path is not None:
            database.dispose()
            restore_from(backup, database.path)
        known = translate(error)
        raise (
            known
            or StorageError(
                "Nâng cấp cơ sở dữ liệu thất bại; dữ liệu đã được khôi phục như trước khi nâng cấp."
            )
        ) from error
    return str(backup) if backup else None
