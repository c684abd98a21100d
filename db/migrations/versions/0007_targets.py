"""targets ("chỉ tiêu") of a document, the values achieved per period, and their history

Revision ID: 0007_targets
Revises: 0006_edit
Create Date: 2026-12-01 02:10:00.000000

New tables only: nothing existing is altered, so no table is rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007_targets'
down_revision = '0006_edit'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'targets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('ext_id', sa.String(length=200), nullable=False),
        sa.Column('parent_ext_id', sa.String(length=200), nullable=True),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('section', sa.Text(), nullable=True),
        sa.Column('comparison', sa.String(length=20), nullable=False),
        sa.Column('value', sa.Float(), nullable=True),
        sa.Column('value_max', sa.Float(), nullable=True),
        sa.Column('unit', sa.String(length=200), nullable=True),
        sa.Column('period', sa.String(length=100), nullable=True),
        sa.Column('lead_unit', sa.String(length=300), nullable=True),
        sa.Column('missing_from_source', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['document_id'], ['documents.id'],
            name=op.f('fk_targets_document_id_documents'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_targets')),
        sa.UniqueConstraint('document_id', 'ext_id', name=op.f('uq_targets_document_id_ext_id')),
    )
    op.create_index(op.f('ix_targets_document_id'), 'targets', ['document_id'], unique=False)
    op.create_table(
        'target_achievements',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('period', sa.String(length=20), nullable=False),
        sa.Column('achieved', sa.Float(), nullable=True),
        sa.Column('met', sa.Boolean(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['target_id'], ['targets.id'],
            name=op.f('fk_target_achievements_target_id_targets'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_target_achievements')),
        sa.UniqueConstraint(
            'target_id', 'period', name=op.f('uq_target_achievements_target_id_period')
        ),
    )
    op.create_index(
        op.f('ix_target_achievements_target_id'), 'target_achievements', ['target_id'],
        unique=False,
    )
    op.create_table(
        'target_history',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('period', sa.String(length=20), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('source', sa.String(length=20), nullable=False),
        sa.Column('field', sa.String(length=50), nullable=False),
        sa.Column('old_value', sa.Text(), nullable=True),
        sa.Column('new_value', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ['target_id'], ['targets.id'],
            name=op.f('fk_target_history_target_id_targets'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_target_history')),
    )
    op.create_index(
        op.f('ix_target_history_target_id'), 'target_history', ['target_id'], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_target_history_target_id'), table_name='target_history')
    op.drop_table('target_history')
    op.drop_index(op.f('ix_target_achievements_target_id'), table_name='target_achievements')
    op.drop_table('target_achievements')
    op.drop_index(op.f('ix_targets_document_id'), table_name='targets')
    op.drop_table('targets')
