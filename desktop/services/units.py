"""Units: matched by normalised name, renamed and merged by the user.

A merge re-points every spelling (alias) of the merged unit, so later imports that still
write the old name land on the unit the user kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db import Database
from db.models import NotUnit, Task, TaskSupportUnit, Unit, UnitAlias
from desktop.domain.text import fold, sortable
from desktop.domain.units import display_name, similar_key, unit_key
from desktop.services.changes import Change
from desktop.services.derived import refresh_task
from desktop.services.unit_admin import UnitError, unit_rows
from desktop.services.unit_admin import merge_units as merge_recorded


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    task_count: int


class UnitResolver:
    """Finds (and, when asked to resolve, creates) units within one session."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._aliases: dict[str, int] = dict(
            session.execute(select(UnitAlias.key, UnitAlias.unit_id)).all()
        )
        self._support: dict[int, list[int]] | None = None
        # Names the user said are not units ("Hoạt động"): never resolved, never proposed.
        self._not_units = set(session.scalars(select(NotUnit.key)))

    def is_unit(self, name: str | None) -> bool:
        return bool(name) and unit_key(name or "") not in self._not_units

    def existing_id(self, name: str | None) -> int | None:
        if not name:
            return None
        return self._aliases.get(unit_key(name))

    def legacy_id(self, name: str | None) -> int | None:
        """The unit an alias of the old, loose rule gives *name* (databases before 0005).

        Only the importer's re-import of a task that already has that unit uses it; a new
        name is never matched this way (task-json.md: no silent merge).
        """
        if not name:
            return None
        return self._aliases.get(similar_key(name))

    def resolve(self, name: str | None) -> int | None:
        """The unit id for *name*, creating the unit on first sight (None: not a unit)."""
        if not name or not self.is_unit(name):
            return None
        key = unit_key(name)
        found = self._aliases.get(key)
        if found is not None:
            return found
        shown = display_name(name)
        unit = Unit(name=shown, key=key, sort_key=sortable(shown))
        self._session.add(unit)
        self._session.flush()
        self._session.add(UnitAlias(key=key, unit_id=unit.id))
        self._aliases[key] = unit.id
        return unit.id

    def support_ids(self, task_id: int) -> list[int]:
        if self._support is None:
            self._support = {}
            rows = self._session.execute(
                select(TaskSupportUnit.task_id, TaskSupportUnit.unit_id).order_by(
                    TaskSupportUnit.task_id, TaskSupportUnit.position
                )
            )
            for owner, unit_id in rows:
                self._support.setdefault(owner, []).append(unit_id)
        return self._support.get(task_id, [])


def list_units(database: Database) -> list[UnitInfo]:
    """Units in Vietnamese order, with how many visible tasks each leads.

    The counting lives in :func:`desktop.services.unit_admin.unit_rows` (which also counts
    the tasks each unit supports, for the units dialog).
    """
    return [UnitInfo(r.id, r.name, r.lead_count) for r in unit_rows(database)]


def rename_unit(database: Database, unit_id: int, new_name: str) -> Change:
    name = display_name(new_name)
    if not name:
        raise UnitError("Tên đơn vị không được để trống.")
    key = unit_key(name)
    with database.session() as session:
        unit = session.get(Unit, unit_id)
        if unit is None:
            raise UnitError("Không tìm thấy đơn vị.")
        owner = session.get(UnitAlias, key)
        if owner is not None and owner.unit_id != unit_id:
            raise UnitError(f"Đã có đơn vị “{name}”. Hãy dùng “Gộp đơn vị” để gộp hai đơn vị.")
        unit.name = name
        unit.sort_key = sortable(name)
        if owner is None:
            session.add(UnitAlias(key=key, unit_id=unit_id))
        _reindex_tasks_of(session, unit_id)
    return Change(units=True, tasks=True)


def _reindex_tasks_of(session: Session, unit_id: int) -> None:
    session.flush()
    supported = select(TaskSupportUnit.task_id).where(TaskSupportUnit.unit_id == unit_id)
    for task in session.scalars(
        select(Task).where(or_(Task.lead_unit_id == unit_id, Task.id.in_(supported)))
    ):
        refresh_task(session, task)


def merge_units(database: Database, source_id: int, target_id: int) -> Change:
    """Fold *source* into *target*: its tasks, its support roles and all its spellings.

    One home for the merge (with the tasks' history and an undo snapshot):
    :func:`desktop.services.unit_admin.merge_units`.
    """
    return merge_recorded(database, source_id, target_id)[1]


def find_unit(database: Database, name: str) -> UnitInfo | None:
    """The unit a user typed: any spelling documents used, with or without accents."""
    key, folded = unit_key(name), fold(name)
    with database.session() as session:
        alias = session.get(UnitAlias, key)
        if alias is not None:
            found = session.get_one(Unit, alias.unit_id)
            return UnitInfo(found.id, found.name, 0)
    # A renamed unit is found by its new name even when no document ever spelled it so.
    return next((u for u in list_units(database) if fold(u.name) == folded), None)


@dataclass(frozen=True)
class UnitChoices:
    """What a form offering units needs: the names to pick from, and every known spelling.

    ``keys`` holds the strict key (:func:`unit_key`) of every alias, so a name typed in
    another spelling of a known unit is not called new ("mới"); a name a user marked as
    not a unit is in ``not_units``.
    """

    names: tuple[str, ...]
    keys: frozenset[str]
    not_units: frozenset[str]

    def is_new(self, name: str) -> bool:
        key = unit_key(name)
        return key not in self.keys and key not in self.not_units


def unit_choices(database: Database) -> UnitChoices:
    with database.session() as session:
        names = tuple(session.scalars(select(Unit.name).order_by(Unit.sort_key)))
        keys = frozenset(session.scalars(select(UnitAlias.key)))
        not_units = frozenset(session.scalars(select(NotUnit.key)))
    return UnitChoices(names, keys | {unit_key(n) for n in names}, not_units)
