"""What an import does to a document's targets: new, updated, same, gone from the file.

Targets follow the tasks' re-import rules (shared/spec/task-json.md): matched by id within
the document, their stated fields updated with a history entry, the achieved values the
user recorded kept (they live in their own table and are never touched here), and a target
gone from the new file marked "không còn trong văn bản", never deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Target, TargetHistoryEntry
from desktop.domain.targets import format_number
from desktop.services.file_problems import Problem
from desktop.services.target_json import TARGET_FIELDS, TargetData, read_targets

IMPORT = "import"
# The columns a file states, by the names of :class:`TargetData`.
STATED = {
    "text": "text",
    "section": "section",
    "comparison": "comparison",
    "value": "value",
    "value_max": "value_max",
    "unit": "unit",
    "period": "period",
    "lead_unit": "lead_unit",
    "parent": "parent_ext_id",
}


@dataclass(frozen=True)
class TargetPlan:
    """The targets of the file and what the import does with each."""

    targets: tuple[TargetData, ...] = ()
    new: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    vanished: tuple[str, ...] = ()

    @property
    def writes_anything(self) -> bool:
        return bool(self.new or self.updated or self.vanished)


def _stated(data: TargetData) -> dict[str, Any]:
    values = {column: getattr(data, name) for name, column in STATED.items()}
    values["comparison"] = data.comparison.value
    return values


def _differs(target: Target, data: TargetData) -> bool:
    return any(getattr(target, column) != value for column, value in _stated(data).items())


def plan_targets(
    session: Session,
    document_id: int | None,
    targets: tuple[TargetData, ...] | None,
    left_alone: Iterable[str] = (),
) -> TargetPlan:
    """Compare the file's targets with the document's stored ones; writes nothing.

    A file that states no targets (*targets* None: version 1, or no "targets" key) changes
    none: only a file that lists targets can say one is gone. A stored target in
    *left_alone* (the user left it out of the preview) is not "gone" either: left as it is.
    """
    if targets is None:
        return TargetPlan()
    current: dict[str, Target] = {}
    if document_id is not None:
        rows = session.scalars(select(Target).where(Target.document_id == document_id))
        current = {target.ext_id: target for target in rows}
    new = tuple(t.ext_id for t in targets if t.ext_id not in current)
    updated = tuple(
        t.ext_id
        for t in targets
        if t.ext_id in current
        and (_differs(current[t.ext_id], t) or current[t.ext_id].missing_from_source)
    )
    in_file = {t.ext_id for t in targets} | set(left_alone)
    vanished = tuple(
        ext_id
        for ext_id, target in current.items()
        if ext_id not in in_file and not target.missing_from_source
    )
    return TargetPlan(targets, new, updated, vanished)


def _as_file(data: TargetData) -> dict[str, Any]:
    """*data* as the file states a target, so the file's own checks read it again."""
    names = {"id": "ext_id"}
    raw = {name: getattr(data, names.get(name, name)) for name in TARGET_FIELDS}
    raw["comparison"] = data.comparison.value
    return raw


def replan_targets(
    session: Session,
    document_id: int | None,
    edited: Iterable[TargetData],
    left_alone: Iterable[str] = (),
) -> tuple[TargetPlan, list[Problem]]:
    """The targets' plan again, from the targets as the user edited them in the preview.

    The edited targets are checked by the same rules as a file's
    (:func:`~desktop.services.target_json.read_targets`): a value typed in the preview is
    held to what the file would be. A sub-target may name a parent that is kept or already
    stored; the ids in *left_alone* (the rows the user unchecked) are neither written nor
    marked gone. With problems the plan is empty and nothing may be written.
    """
    kept = tuple(edited)
    stored: set[str] = set()
    if document_id is not None:
        query = select(Target.ext_id).where(Target.document_id == document_id)
        stored = set(session.scalars(query))
    problems: list[Problem] = []
    # A parent that is stored (and left alone) is "in the file" for the parent check.
    ids = {t.ext_id for t in kept}
    known = [
        {"id": ext_id, "text": ext_id, "comparison": "qualitative"}
        for ext_id in sorted(stored - ids)
    ]
    checked = read_targets([_as_file(t) for t in kept] + known, problems)
    if problems:
        return TargetPlan(), problems
    targets = tuple(t for t in checked if t.ext_id in ids)
    return plan_targets(session, document_id, targets, left_alone), problems


def history_text(value: object) -> str | None:
    """A value as a history entry keeps it: "850", "10,5", "đạt"."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "đạt" if value else "không đạt"
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def _history(
    session: Session, target_id: int, field: str, old: Any, new: Any, at: datetime
) -> None:
    session.add(
        TargetHistoryEntry(
            target_id=target_id,
            period=None,
            at=at,
            source=IMPORT,
            field=field,
            old_value=history_text(old),
            new_value=history_text(new),
        )
    )


def write_targets(session: Session, document_id: int, plan: TargetPlan, stamp: datetime) -> None:
    """Write *plan* inside the import's transaction."""
    if not plan.writes_anything:
        return
    current = {
        target.ext_id: target
        for target in session.scalars(select(Target).where(Target.document_id == document_id))
    }
    for position, data in enumerate(plan.targets):
        values = _stated(data)
        target = current.get(data.ext_id)
        if target is None:
            session.add(
                Target(
                    document_id=document_id,
                    ext_id=data.ext_id,
                    position=position,
                    missing_from_source=False,
                    created_at=stamp,
                    updated_at=stamp,
                    **values,
                )
            )
            continue
        if data.ext_id not in plan.updated:
            continue
        for column, value in values.items():
            if getattr(target, column) != value:
                _history(session, target.id, column, getattr(target, column), value, stamp)
                setattr(target, column, value)
        if target.missing_from_source:
            _history(session, target.id, "missing_from_source", True, False, stamp)
            target.missing_from_source = False
        target.position = position
        target.updated_at = stamp
    for ext_id in plan.vanished:
        target = current[ext_id]
        _history(session, target.id, "missing_from_source", False, True, stamp)
        target.missing_from_source = True
        target.updated_at = stamp
    session.flush()
