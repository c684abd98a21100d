"""indexes for the task lists: list order, occurrences by task and quarter

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 05:05:00.000000
"""

from __future__ import annotations

from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index(
            'ix_tasks_list_order',
            ['document_id', 'position', 'id', 'hidden', 'open_due'],
            unique=False,
        )

    with op.batch_alter_table('occurrences', schema=None) as batch_op:
        batch_op.create_index(
            'ix_occurrences_task_quarter', ['task_id', 'quarter'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('occurrences', schema=None) as batch_op:
        batch_op.drop_index('ix_occurrences_task_quarter')

    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index('ix_tasks_list_order')
