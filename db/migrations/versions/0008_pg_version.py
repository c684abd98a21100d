"""several people at once: a version on each task, who changed it, a data-change counter

Revision ID: 0008_pg_version
Revises: 0007_targets
Create Date: 2026-12-01 02:00:00.000000

``tasks.version`` goes up by one on every write of a task (SQLAlchemy's version counter),
so an edit of a task someone else changed since it was opened is refused instead of
overwriting their work; ``tasks.updated_by`` names who wrote it last, for that refusal's
message. ``data_version`` holds one number bumped in the same transaction as every write;
a window polls it to see that another window (or person) changed the data.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0008_pg_version'
down_revision = '0007_targets'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never batch mode on ``tasks``: a batch copies and drops the table,
    # and with foreign keys on, dropping it cascades to its occurrences and history.
    op.add_column(
        'tasks', sa.Column('version', sa.Integer(), nullable=False, server_default='1')
    )
    op.add_column('tasks', sa.Column('updated_by', sa.String(length=200), nullable=True))
    op.create_table(
        'data_version',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('counter', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_data_version')),
    )
    op.execute("INSERT INTO data_version (id, counter) VALUES (1, 0)")


def downgrade() -> None:
    # For developers only (the app never downgrades).
    op.drop_table('data_version')
    op.drop_column('tasks', 'updated_by')
    op.drop_column('tasks', 'version')
