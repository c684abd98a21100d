"""Which schema revisions this version of the app knows, read without opening a database.

Kept apart from :mod:`db.migrate` so that the modules that judge a file before anything is
opened (:mod:`db.identity`, the restore checks) can ask without importing the migration
machinery — and without a circle back to it.
"""

from __future__ import annotations

from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest revision under migrations/versions. A database already stamped with it opens
# without importing Alembic at all (a tenth of a second of every start); a test checks this
# constant against the scripts, so a new revision cannot be forgotten here.
HEAD = "0008_pg_version"


def is_known_revision(revision: str) -> bool:
    """Whether this version of the app knows *revision* (an older or the current schema).

    A database or backup made by a newer app must not be opened or restored by this one:
    it would then refuse to open it, and the user would be left with neither their data
    nor a working program.
    """
    # Imported here, not at the top: a database already at the head opens without Alembic.
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    return revision in {rev.revision for rev in script.walk_revisions()}
