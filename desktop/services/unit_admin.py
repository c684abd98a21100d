"""Putting units right: merge, move tasks, "không phải đơn vị", and undoing each of them.

Every operation that takes a unit away (a merge, marking a name as not a unit) first
takes a :class:`UnitSnapshot` — the unit's name, its spellings, the tasks it led or
supported — so :func:`restore_unit` can put it back exactly (Ctrl+Z in the window). Each
task whose units change gets a history entry in the same transaction.

The import rule itself lives in :mod:`desktop.domain.units`; here is only what the user
does with units, and the suggestions and review list that rule leaves to the user.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from db import Database
from db.models import (
    Document,
    NotUnit,
    Setting,
    Task,
    TaskSupportUnit,
    Unit,
    UnitAlias,
)
from desktop.domain.text import fold, sortable
from desktop.domain.units import display_name, similar_key, unit_key
from desktop.services.changes import Change
from desktop.services.derived import record_history, refresh_task

# Set by migration 0005 on a database whose units were matched by the old prefix rule.
REVIEW_SETTING = "units.review"
REVIEWED_SETTING = "units.reviewed"


class UnitError(Exception):
    """A rename or merge the user asked for cannot be done; ``str()`` says why."""


@dataclass(frozen=True)
class UnitSnapshot:
    """A unit as it was before it was merged away or declared not a unit."""

    id: int
    name: str
    key: str
    alias_keys: tuple[str, ...]
    lead_task_ids: tuple[int, ...]
    support: tuple[tuple[int, int], ...]  # (task id, position)
    merged_into: int | None = None
    # Tasks the merge target already supported: their support row was not the moved one.
    target_supported: tuple[int, ...] = ()


@dataclass(frozen=True)
class UnitRow:
    """One line of the units dialog."""

    id: int
    name: str
    lead_count: int
    support_count: int


@dataclass(frozen=True)
class SuspectMerge:
    """A unit the old rule may have made of several: its tasks per document."""

    unit_id: int
    name: str
    documents: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class TaskOfUnit:
    id: int
    ext_id: str
    title: str
    document: str


def unit_rows(database: Database) -> list[UnitRow]:
    """Every unit in Vietnamese order with the visible tasks it leads and supports."""
    with database.session() as session:
        visible = Task.hidden.is_(False)
        leads = dict(
            session.execute(
                select(Task.lead_unit_id, func.count()).where(visible).group_by(Task.lead_unit_id)
            ).all()
        )
        supports = dict(
            session.execute(
                select(TaskSupportUnit.unit_id, func.count())
                .join(Task, Task.id == TaskSupportUnit.task_id)
                .where(visible)
                .group_by(TaskSupportUnit.unit_id)
            ).all()
        )
        units = session.scalars(select(Unit).order_by(Unit.sort_key)).all()
        return [UnitRow(u.id, u.name, leads.get(u.id, 0), supports.get(u.id, 0)) for u in units]


def tasks_of_unit(database: Database, unit_id: int) -> list[TaskOfUnit]:
    """The visible tasks a unit leads, in document order (to move some elsewhere)."""
    with database.session() as session:
        rows = session.execute(
            select(Task.id, Task.ext_id, Task.title, Document.number, Document.title)
            .join(Document, Document.id == Task.document_id)
            .where(Task.lead_unit_id == unit_id, Task.hidden.is_(False))
            .order_by(Task.document_id, Task.position)
        ).all()
    return [TaskOfUnit(r[0], r[1], r[2], r[3] or r[4] or "") for r in rows]


def merge_units(
    database: Database, source_id: int, target_id: int, *, now: datetime | None = None
) -> tuple[UnitSnapshot, Change]:
    """Fold *source* into *target*: its tasks, support roles and spellings move.

    The next import maps every spelling of *source* to *target* (the aliases moved).
    """
    if source_id == target_id:
        raise UnitError("Không thể gộp một đơn vị vào chính nó.")
    stamp = now or datetime.now()
    with database.session() as session:
        source, target = session.get(Unit, source_id), session.get(Unit, target_id)
        if source is None or target is None:
            raise UnitError("Không tìm thấy đơn vị cần gộp.")
        snapshot = replace(
            _snapshot(session, source),
            merged_into=target_id,
            target_supported=tuple(
                session.scalars(
                    select(TaskSupportUnit.task_id).where(TaskSupportUnit.unit_id == target_id)
                )
            ),
        )
        _record_unit_change(session, snapshot, source.name, target.name, stamp)
        session.execute(
            update(Task).where(Task.lead_unit_id == source_id).values(lead_unit_id=target_id)
        )
        already = select(TaskSupportUnit.task_id).where(TaskSupportUnit.unit_id == target_id)
        session.execute(
            delete(TaskSupportUnit).where(
                TaskSupportUnit.unit_id == source_id, TaskSupportUnit.task_id.in_(already)
            )
        )
        session.execute(
            update(TaskSupportUnit)
            .where(TaskSupportUnit.unit_id == source_id)
            .values(unit_id=target_id)
        )
        session.execute(
            update(UnitAlias).where(UnitAlias.unit_id == source_id).values(unit_id=target_id)
        )
        session.delete(source)
        _reindex(session, snapshot)
    return snapshot, _changed(snapshot)


def restore_unit(
    database: Database, snapshot: UnitSnapshot, *, now: datetime | None = None
) -> Change:
    """Undo a merge or a "not a unit": the unit, its spellings and its tasks come back."""
    stamp = now or datetime.now()
    with database.session() as session:
        if session.get(Unit, snapshot.id) is not None:
            raise UnitError(f"Đơn vị “{snapshot.name}” vẫn còn; không cần khôi phục.")
        current = {
            task_id: _name(session, lead)
            for task_id, lead in session.execute(
                select(Task.id, Task.lead_unit_id).where(Task.id.in_(snapshot.lead_task_ids))
            )
        }
        if session.scalars(select(Unit.id).where(Unit.key == snapshot.key)).first() is not None:
            raise UnitError(f"Đã có một đơn vị khác tên “{snapshot.name}”; không khôi phục được.")
        session.add(
            Unit(
                id=snapshot.id,
                name=snapshot.name,
                key=snapshot.key,
                sort_key=sortable(snapshot.name),
            )
        )
        session.flush()
        for key in snapshot.alias_keys:
            alias = session.get(UnitAlias, key)
            if alias is None:
                session.add(UnitAlias(key=key, unit_id=snapshot.id))
            else:
                alias.unit_id = snapshot.id
        session.execute(delete(NotUnit).where(NotUnit.key.in_(snapshot.alias_keys)))
        session.execute(
            update(Task).where(Task.id.in_(snapshot.lead_task_ids)).values(lead_unit_id=snapshot.id)
        )
        for task_id, before in current.items():
            record_history(
                session, task_id, "lead_unit", before, snapshot.name, source="user", at=stamp
            )
        if snapshot.merged_into is not None:
            moved = [t for t, _ in snapshot.support if t not in snapshot.target_supported]
            session.execute(
                delete(TaskSupportUnit).where(
                    TaskSupportUnit.unit_id == snapshot.merged_into,
                    TaskSupportUnit.task_id.in_(moved),
                )
            )
        for task_id, position in snapshot.support:
            session.add(TaskSupportUnit(task_id=task_id, unit_id=snapshot.id, position=position))
            record_history(
                session, task_id, "support_units", None, snapshot.name, source="user", at=stamp
            )
        _reindex(session, snapshot)
    return _changed(snapshot)


def move_tasks(
    database: Database,
    task_ids: Sequence[int],
    target_id: int | None,
    *,
    now: datetime | None = None,
) -> tuple[dict[int, int | None], Change]:
    """Give *task_ids* another lead unit (to undo a wrong merge, task by task).

    Returns each task's previous lead unit, to move them back on undo. The lead unit
    becomes a correction of the user's: a re-import keeps it.
    """
    stamp = now or datetime.now()
    with database.session() as session:
        target_name = _name(session, target_id)
        if target_id is not None and target_name is None:
            raise UnitError("Không tìm thấy đơn vị nhận nhiệm vụ.")
        before: dict[int, int | None] = {}
        tasks = session.scalars(select(Task).where(Task.id.in_(list(task_ids)))).all()
        missing = sorted(set(task_ids) - {t.id for t in tasks})
        if missing:
            raise UnitError(f"Không tìm thấy nhiệm vụ số {', '.join(map(str, missing))}.")
        for task in tasks:
            if task.lead_unit_id == target_id:
                continue
            before[task.id] = task.lead_unit_id
            record_history(
                session,
                task.id,
                "lead_unit",
                _name(session, task.lead_unit_id),
                target_name,
                source="user",
                at=stamp,
            )
            task.lead_unit_id = target_id
            edited = set(json.loads(task.user_edited)) if task.user_edited else set()
            edited.add("lead_unit")
            task.user_edited = json.dumps(sorted(edited))
            task.updated_at = stamp
            session.flush()
            refresh_task(session, task)
    return before, Change(tasks=True, units=True, task_ids=frozenset(before))


def move_back(
    database: Database, before: dict[int, int | None], *, now: datetime | None = None
) -> Change:
    """Undo :func:`move_tasks`: each task gets its previous lead unit back."""
    change = Change()
    by_unit: dict[int | None, list[int]] = defaultdict(list)
    for task_id, unit_id in before.items():
        by_unit[unit_id].append(task_id)
    for unit_id, ids in by_unit.items():
        change = change | move_tasks(database, ids, unit_id, now=now)[1]
    return change


def mark_not_unit(
    database: Database, unit_id: int, *, now: datetime | None = None
) -> tuple[UnitSnapshot, Change]:
    """Mark "Không phải đơn vị": the name leaves its tasks and imports stop proposing it."""
    stamp = now or datetime.now()
    with database.session() as session:
        unit = session.get(Unit, unit_id)
        if unit is None:
            raise UnitError("Không tìm thấy đơn vị.")
        snapshot = _snapshot(session, unit)
        _record_unit_change(session, snapshot, unit.name, None, stamp)
        for key in {*snapshot.alias_keys, unit_key(unit.name)}:
            if session.get(NotUnit, key) is None:
                session.add(NotUnit(key=key, name=unit.name))
        session.execute(update(Task).where(Task.lead_unit_id == unit_id).values(lead_unit_id=None))
        session.execute(delete(TaskSupportUnit).where(TaskSupportUnit.unit_id == unit_id))
        session.execute(delete(UnitAlias).where(UnitAlias.unit_id == unit_id))
        session.delete(unit)
        _reindex(session, snapshot)
    return snapshot, _changed(snapshot)


def not_unit_names(database: Database) -> list[str]:
    with database.session() as session:
        return sorted(set(session.scalars(select(NotUnit.name))), key=sortable)


def suggestions(
    session: Session, names: Iterable[str], exclude: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """(new name, existing unit) pairs that may be one unit: shown, never merged.

    Alike means: the same loose key (accents, a plural article, an owner suffix dropped:
    "Ban Tuyên giáo" / "Ban Tuyên giáo Đảng ủy Khối"), or a name of three words or more
    continued by more words. The old rule merged the first kind silently; now the user
    decides.
    """
    aliases = dict(session.execute(select(UnitAlias.key, UnitAlias.unit_id)).all())
    by_id: dict[int, str] = dict(session.execute(select(Unit.id, Unit.name)).all())
    skip = {unit_key(n) for n in exclude}
    wanted = [n for n in dict.fromkeys(names) if unit_key(n) not in skip]
    # Each new name is compared with the units there are and with the new names before it;
    # the keys of each are computed once (an import may bring hundreds of names).
    pool = [(n, unit_key(n), similar_key(n), fold(n)) for n in by_id.values()]
    found: list[tuple[str, str]] = []
    for name in wanted:
        strict, key, folded = unit_key(name), similar_key(name), fold(name)
        alike = [
            other
            for other, other_strict, other_key, other_folded in pool
            if other_strict != strict and (other_key == key or _extends(folded, other_folded))
        ]
        legacy = aliases.get(key)  # an old accent-free alias, e.g. made by a merge
        if legacy is not None and by_id.get(legacy) not in (None, *alike):
            alike.append(by_id[legacy])
        found.extend((name, other) for other in alike)
        pool.append((name, strict, key, folded))
    return found


def _extends(one: str, other: str) -> bool:
    """One name is the other plus words, and the shorter is no bare generic ("Chi bộ")."""
    shorter, longer = sorted((one, other), key=len)
    return len(shorter.split()) >= 3 and longer.startswith(shorter + " ")


def suspect_merges(database: Database) -> list[SuspectMerge]:
    """The one-time review list of a database whose units the old prefix rule matched.

    The old rule left no trace of the names it merged, so the candidates are the units
    whose tasks come from more than one document: a name that a typo or a dropped suffix
    made shared ("Ủy ban Kiếm tra Đảng ủy" holding three committees) is among them. The
    user looks at each (and moves tasks back) or marks it reviewed; then it is not shown
    again.
    """
    with database.session() as session:
        if session.get(Setting, REVIEW_SETTING) is None:
            return []
        reviewed = _reviewed(session)
        rows = session.execute(
            select(Task.lead_unit_id, Document.number, Document.title, func.count())
            .join(Document, Document.id == Task.document_id)
            .where(Task.lead_unit_id.is_not(None), Task.hidden.is_(False))
            .group_by(Task.lead_unit_id, Document.id)
            .order_by(Document.id)
        ).all()
        per_unit: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for unit_id, number, title, count in rows:
            if unit_id is not None:
                per_unit[unit_id].append((number or title or "(không tên)", count))
        names = dict(session.execute(select(Unit.id, Unit.name)).all())
    return sorted(
        (
            SuspectMerge(unit_id, names[unit_id], tuple(documents))
            for unit_id, documents in per_unit.items()
            if len(documents) > 1 and unit_id not in reviewed and unit_id in names
        ),
        key=lambda s: sortable(s.name),
    )


def mark_reviewed(database: Database, unit_ids: Iterable[int]) -> Change:
    """Take units off the review list for good."""
    with database.session() as session:
        reviewed = _reviewed(session) | set(unit_ids)
        setting = session.get(Setting, REVIEWED_SETTING)
        value = json.dumps(sorted(reviewed))
        if setting is None:
            session.add(Setting(key=REVIEWED_SETTING, value=value))
        else:
            setting.value = value
    return Change(units=True)


# --- internals ------------------------------------------------------------------------


def _reviewed(session: Session) -> set[int]:
    setting = session.get(Setting, REVIEWED_SETTING)
    if setting is None:
        return set()
    try:
        return {int(v) for v in json.loads(setting.value)}
    except (ValueError, TypeError):
        return set()


def _snapshot(session: Session, unit: Unit) -> UnitSnapshot:
    return UnitSnapshot(
        id=unit.id,
        name=unit.name,
        key=unit.key,
        alias_keys=tuple(
            session.scalars(select(UnitAlias.key).where(UnitAlias.unit_id == unit.id))
        ),
        lead_task_ids=tuple(session.scalars(select(Task.id).where(Task.lead_unit_id == unit.id))),
        support=tuple(
            (row[0], row[1])
            for row in session.execute(
                select(TaskSupportUnit.task_id, TaskSupportUnit.position).where(
                    TaskSupportUnit.unit_id == unit.id
                )
            )
        ),
    )


def _record_unit_change(
    session: Session, snapshot: UnitSnapshot, old: str, new: str | None, stamp: datetime
) -> None:
    for task_id in snapshot.lead_task_ids:
        record_history(session, task_id, "lead_unit", old, new, source="user", at=stamp)
    for task_id, _ in snapshot.support:
        record_history(session, task_id, "support_units", old, new, source="user", at=stamp)


def _name(session: Session, unit_id: int | None) -> str | None:
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    return unit.name if unit is not None else None


def _reindex(session: Session, snapshot: UnitSnapshot) -> None:
    session.flush()
    ids = {*snapshot.lead_task_ids, *(t for t, _ in snapshot.support)}
    if ids:
        for task in session.scalars(select(Task).where(Task.id.in_(ids))):
            refresh_task(session, task)


def _changed(snapshot: UnitSnapshot) -> Change:
    ids = frozenset({*snapshot.lead_task_ids, *(t for t, _ in snapshot.support)})
    return Change(tasks=True, units=True, task_ids=ids)


def new_unit_name(name: str) -> str:
    """The name as it will be shown, refused when empty."""
    shown = display_name(name)
    if not shown:
        raise UnitError("Tên đơn vị không được để trống.")
    return shown
