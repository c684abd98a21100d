"""the user's corrections: edited fields, soft delete, user-added tasks, "not a unit"; strict unit keys

Revision ID: 0006_edit
Revises: 0005
Create Date: 2026-12-01 01:00:00.000000

Unit keys change meaning here: a name now matches an existing unit only when it is the same
name up to case, spaces and the placement of the tone mark ("ủy"/"uỷ"); the old keys also
dropped accents and a trailing "Đảng ủy Khối", which merged different committees. Every
unit gets its strict key (and an alias for it); the old aliases stay, because some of them
record merges the user made, and the importer now only *suggests* units reached through them.

The key function is frozen below on purpose: a migration must do tomorrow what it did today,
whatever desktop/domain/units.py becomes.
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op


revision = '0006_edit'
down_revision = '0005'
branch_labels = None
depends_on = None

_TONES = {'\u0300', '\u0301', '\u0303', '\u0309', '\u0323'}
_PUNCT = re.compile(r"[\"'“”‘’().,;:]+")
_DASH = re.compile(r"\s*[-‐‑–—]\s*")


def _strict_key(name: str) -> str:
    text = unicodedata.normalize('NFC', name.replace('ƣ', 'ư').replace('Ƣ', 'Ư')).casefold()
    text = _PUNCT.sub(' ', text)
    text = re.sub(r'\s+', ' ', _DASH.sub(' - ', text)).strip(' -')
    words = []
    for word in text.split(' '):
        decomposed = unicodedata.normalize('NFD', word)
        tones = ''.join(c for c in decomposed if c in _TONES)
        letters = ''.join(c for c in decomposed if c not in _TONES)
        words.append(unicodedata.normalize('NFC', letters) + tones)
    return ' '.join(words)


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: a batch would copy and drop ``tasks``, and with
    # foreign keys on, dropping it cascades to occurrences, support units and history.
    op.add_column('tasks', sa.Column('user_edited', sa.Text(), nullable=True))
    op.add_column('tasks', sa.Column('deleted_at', sa.DateTime(), nullable=True))
    op.add_column(
        'tasks',
        sa.Column('added_by_user', sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        'not_units',
        sa.Column('key', sa.String(length=300), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_not_units')),
    )

    connection = op.get_bind()
    units = connection.execute(sa.text('SELECT id, name, key FROM units ORDER BY id')).all()
    if units:
        # Units made by the old prefix rule: the units dialog shows a one-time review list.
        connection.execute(
            sa.text("INSERT INTO settings (key, value) VALUES ('units.review', '1')")
        )
    taken = set(connection.execute(sa.text('SELECT key FROM unit_aliases')).scalars())
    keys = {key for _, _, key in units}
    for unit_id, name, old_key in units:
        key = _strict_key(name)
        if key in taken and key != old_key:
            # Another unit already has this strict key (names that differ only in the kind
            # of dash were two units before): keep both, the user may merge them.
            continue
        if key not in keys or key == old_key:
            keys.discard(old_key)
            keys.add(key)
            connection.execute(
                sa.text('UPDATE units SET key = :key WHERE id = :id'), {'key': key, 'id': unit_id}
            )
        taken.add(key)
        connection.execute(
            # ON CONFLICT DO NOTHING, not SQLite's INSERT OR IGNORE: PostgreSQL runs it too.
            sa.text(
                'INSERT INTO unit_aliases (key, unit_id) VALUES (:key, :id) '
                'ON CONFLICT DO NOTHING'
            ),
            {'key': key, 'id': unit_id},
        )


def downgrade() -> None:
    # For developers only (the app never downgrades): batch mode recreates ``tasks``; run it
    # with foreign keys off or on a database without occurrences and history.
    op.drop_table('not_units')
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_column('added_by_user')
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('user_edited')
