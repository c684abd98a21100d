"""one document per number: a unique index on documents.number_key; the application id

Two imports of the same document started at the same moment both planned "new document"
and both wrote it (8 of 10 racing pairs did). The importer now re-checks inside its
writing transaction, and this index makes a second row with the same number impossible
whatever the path.

A database may already hold such twins. They are kept, with their tasks and everything
the user recorded: the oldest keeps the number as its matching key (a re-import updates
it, as before, since it was the one found first); each later twin's key gets ``#<id>``
appended, so it stays visible under its number but no longer collides.

The file is also marked as this app's with ``PRAGMA application_id`` (db/identity.py), so
it is recognised before anything writes to it; a new database gets the mark when created.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 01:00:00.000000
"""

from __future__ import annotations

from alembic import op

from db.identity import APPLICATION_ID


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    op.execute(
        "UPDATE documents SET number_key = number_key || ' #' || id "
        "WHERE number_key IS NOT NULL AND id NOT IN "
        "(SELECT MIN(id) FROM documents WHERE number_key IS NOT NULL GROUP BY number_key)"
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index('ix_documents_number_key')
        batch_op.create_index('ix_documents_number_key', ['number_key'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index('ix_documents_number_key')
        batch_op.create_index('ix_documents_number_key', ['number_key'], unique=False)
