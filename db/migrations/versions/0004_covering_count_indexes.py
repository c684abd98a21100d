"""covering indexes for the navigation counts; one occurrences index for quarters

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 05:10:00.000000
"""

from __future__ import annotations

from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index('ix_tasks_lead_open_due')
        batch_op.drop_index('ix_tasks_due_quarter_lead')
        batch_op.drop_index('ix_tasks_open_due')
        batch_op.create_index(
            'ix_tasks_lead_open_due', ['lead_unit_id', 'open_due', 'hidden'], unique=False
        )
        batch_op.create_index(
            'ix_tasks_due_quarter_lead',
            ['due_quarter', 'lead_unit_id', 'kind', 'hidden'],
            unique=False,
        )
        batch_op.create_index('ix_tasks_open_due', ['open_due', 'hidden'], unique=False)

    with op.batch_alter_table('occurrences', schema=None) as batch_op:
        batch_op.drop_index('ix_occurrences_quarter')
        batch_op.create_index('ix_occurrences_quarter', ['quarter', 'task_id'], unique=False)
        # (quarter, task_id) answers the per-task lookups of 0003's index too.
        batch_op.drop_index('ix_occurrences_task_quarter')


def downgrade() -> None:
    with op.batch_alter_table('occurrences', schema=None) as batch_op:
        batch_op.create_index(
            'ix_occurrences_task_quarter', ['task_id', 'quarter'], unique=False
        )
        batch_op.drop_index('ix_occurrences_quarter')
        batch_op.create_index('ix_occurrences_quarter', ['quarter'], unique=False)

    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index('ix_tasks_open_due')
        batch_op.drop_index('ix_tasks_due_quarter_lead')
        batch_op.drop_index('ix_tasks_lead_open_due')
        batch_op.create_index('ix_tasks_open_due', ['open_due'], unique=False)
        batch_op.create_index(
            'ix_tasks_due_quarter_lead', ['due_quarter', 'lead_unit_id'], unique=False
        )
        batch_op.create_index(
            'ix_tasks_lead_open_due', ['lead_unit_id', 'open_due'], unique=False
        )
