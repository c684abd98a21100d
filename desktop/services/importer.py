"""Import of task JSON (or a document, through the extractor) with the rules of task-json.md.

Two steps, so the window can show a preview: :func:`plan_import` reads the file and the
database and decides everything without writing; :func:`apply_import` backs the database
up and writes the plan in one transaction. A file with any problem writes nothing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import delete, false, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import Database
from db.backup import backup_before_write
from db.models import Document, Occurrence, Task, TaskSupportUnit, Unit
from desktop.domain.deadline_spec import DeadlineKind, DeadlineSpec, Recurrence
from desktop.domain.deadlines import program_horizon
from desktop.domain.status import TaskStatus
from desktop.domain.text import fold
from desktop.domain.units import unit_key
from desktop.services.changes import NO_CHANGE, Change
from desktop.services.derived import (
    OccurrenceState,
    apply_changes,
    derived_values,
    edited_marks,
    mark_of_column,
    marks_json,
    needs_issue_date,
    occurrence_dues,
    quarter_key,
    read_deadline,
    refresh_task,
    span_of,
    user_kept_columns,
)
from desktop.services.file_problems import Problem
from desktop.services.progress import Phase, WorkProgress
from desktop.services.target_import import (
    TargetPlan,
    plan_targets,
    replan_targets,
    write_targets,
)
from desktop.services.target_json import TargetData
from desktop.services.task_json import (
    DocumentData,
    TaskData,
    TaskFile,
    TaskFileError,
    check_edited_tasks,
    read_task_file,
    validate_payload,
)
from desktop.services.unit_admin import suggestions
from desktop.services.units import UnitResolver

log = logging.getLogger(__name__)

IMPORT = "import"
"""The history's source for changes an import made (the user's are "user")."""

DOCUMENT_SUFFIXES = {".docx", ".txt", ".md", ".pdf", ".doc"}
BATCH = 2_000  # tasks between two progress reports (and two chances to cancel)
# The ids of tasks the user adds ("TM.1"): the same as tasks added by hand after an import.
MANUAL_PREFIX = "TM."


class ImportRefusedError(Exception):
    """The import cannot go ahead; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


class PlanAction(StrEnum):
    """What an import does to one task of the file."""

    NEW = "new"
    UPDATE = "update"
    SAME = "same"


@dataclass(frozen=True)
class PlannedTask:
    """One task of the file, read, with what the import will do to it."""

    data: TaskData
    action: PlanAction
    kind: DeadlineKind
    due: date | None
    recurrence: Recurrence | None
    span_start: date | None
    span_end: date | None
    occurrence_dues: tuple[date, ...]
    disagreement: bool
    changed_fields: tuple[str, ...] = ()
    # The phrase names a time without its year ("Quý IV hằng năm") and the document gives
    # no issue date to supply it: no due date, and the summary must not count it as read.
    needs_issue_date: bool = False

    @property
    def unread(self) -> bool:
        """A deadline phrase that gave no usable deadline: the user should look at it."""
        phrase = bool(self.data.deadline_text)
        return phrase and (self.kind is DeadlineKind.UNKNOWN or self.needs_issue_date)

    @property
    def guessed(self) -> tuple[str, ...]:
        """Fields the extractor guessed (task JSON version 2), for the preview to mark."""
        return self.data.guessed

    @property
    def repaired(self) -> bool:
        """The extractor restored letters of this task's text (task JSON version 2)."""
        return self.data.repaired

    # Fields the file changes but the user corrected: the user's value stays.
    user_kept: tuple[str, ...] = ()
    # What the import preview changed (see :func:`replan`): marks (derived.USER_FIELDS
    # names) to record as the user's corrections, marks whose conflict the user settled for
    # the file's value, and whether the user added this row (the extractor missed it).
    corrected: tuple[str, ...] = ()
    released: tuple[str, ...] = ()
    added: bool = False
    # The user's value now in the database for each mark of ``conflicts``, as text.
    mine: tuple[tuple[str, str | None], ...] = ()

    @property
    def conflicts(self) -> tuple[str, ...]:
        """The marks of the fields the file changes but the user corrected before."""
        marks = (mark_of_column(_PLAN_FIELD_COLUMN[f]) for f in self.user_kept)
        return tuple(dict.fromkeys(m for m in marks if m is not None))

    def file_value(self, mark: str) -> str | None:
        """What the file gives for the field of *mark*, as text (the chooser's other side)."""
        data = self.data
        values = {
            "title": data.title,
            "section": data.section,
            "lead_unit": data.lead_unit,
            "support_units": "; ".join(data.support_units) or None,
            "deadline": data.deadline_text,
            "output_form": data.output_form,
        }
        return values.get(mark)


@dataclass(frozen=True)
class ImportPlan:
    """Everything the preview shows and :func:`apply_import` writes."""

    source: str
    document: DocumentData
    content_hash: str
    existing_document_id: int | None
    horizon: date | None
    tasks: tuple[PlannedTask, ...]
    vanished_ids: tuple[str, ...]
    units: tuple[str, ...]
    new_units: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    # (name in the file, existing unit) pairs that may be one unit: the user decides.
    unit_suggestions: tuple[tuple[str, str], ...] = ()
    # The file's targets ("chỉ tiêu", version 2) and what the import does with them.
    target_plan: TargetPlan = field(default_factory=TargetPlan)
    # Tasks already imported that the user left out of this import in the preview: they
    # stay as they are (neither updated nor "không còn trong văn bản").
    left_alone: tuple[str, ...] = ()
    # The issue date was supplied by the user (the document gives none): it may be changed.
    issue_date_supplied: bool = False

    @property
    def count(self) -> int:
        return len(self.tasks)

    def counted(self, action: PlanAction) -> int:
        return sum(1 for t in self.tasks if t.action == action)

    @property
    def understood(self) -> int:
        """Tasks whose deadline was read, a due date included where the phrase names one."""
        return sum(
            1 for t in self.tasks if t.kind is not DeadlineKind.UNKNOWN and not t.needs_issue_date
        )

    @property
    def unread(self) -> tuple[PlannedTask, ...]:
        """Tasks whose deadline phrase gave no usable deadline: the user should look at them.

        That includes a phrase read but lacking its year when the document has no issue date.
        """
        return tuple(t for t in self.tasks if t.unread)

    @property
    def guessed(self) -> tuple[PlannedTask, ...]:
        """Tasks with fields the extractor guessed (version 2 files)."""
        return tuple(t for t in self.tasks if t.guessed)

    @property
    def repaired(self) -> tuple[PlannedTask, ...]:
        """Tasks whose text the extractor repaired (version 2 files)."""
        return tuple(t for t in self.tasks if t.repaired)

    @property
    def without_deadline(self) -> tuple[PlannedTask, ...]:
        """Tasks for which the document states no deadline at all."""
        return tuple(t for t in self.tasks if not t.data.deadline_text and t.due is None)

    @property
    def needs_issue_date(self) -> bool:
        """Some phrases lack a year and the document gives no issue date to supply one."""
        return self.document.issued is None and any(t.unread for t in self.tasks)

    @property
    def writes_anything(self) -> bool:
        return (
            self.existing_document_id is None
            or any(t.action is not PlanAction.SAME for t in self.tasks)
            or bool(self.vanished_ids)
            or self.target_plan.writes_anything
        )


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    change: Change
    backup: Path | None
    document_id: int | None


Extractor = Callable[[Path], dict[str, Any]]


def _default_extractor(path: Path) -> dict[str, Any]:
    from desktop.extract import ExtractError, extract_document

    try:
        payload: dict[str, Any] = extract_document(path)
    except ExtractError as error:
        raise TaskFileError(str(error)) from error
    return payload


def load_source(path: Path, extractor: Extractor | None = None) -> TaskFile:
    """A task JSON file is read as is; a document goes through the extractor first."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_task_file(path)
    if suffix in DOCUMENT_SUFFIXES:
        if suffix in (".txt", ".md"):
            _refuse_utf16_without_bom(path)
        payload = (extractor or _default_extractor)(path)
        return validate_payload(payload, source_name=path.name)
    raise TaskFileError(
        f"Không nhập được tệp “{path.name}”: chỉ nhận tệp nhiệm vụ .json hoặc văn bản "
        ".docx, .pdf, .txt, .md."
    )


def _refuse_utf16_without_bom(path: Path) -> None:
    """A text file with NUL bytes and no BOM is UTF-16 (Notepad's "Unicode") read blind.

    Read as UTF-8 or cp1252 it becomes text with a NUL between letters: either nothing is
    found or garbage is, so it is refused with the way out.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return  # the reader reports it
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        raise TaskFileError(
            f"Tệp “{path.name}” có vẻ được lưu bằng UTF-16 không có dấu BOM (hoặc không phải "
            "tệp văn bản). Hãy mở bằng Notepad và lưu lại với mã UTF-8 rồi nhập lại."
        )


def plan_from_path(
    database: Database,
    path: Path,
    *,
    issued: date | None = None,
    extractor: Extractor | None = None,
    progress: WorkProgress | None = None,
) -> ImportPlan:
    task_file = load_source(path, extractor)
    if not task_file.valid:
        raise ImportRefusedError(task_file.problems)
    if progress is not None:
        progress.check()  # reading a large file is the first half; Hủy may come during it
    return plan_import(database, task_file, issued=issued, source=path.name, progress=progress)


@dataclass(frozen=True)
class EditedTask:
    """One row of the import preview as the user left it (see :func:`replan`).

    Attributes:
        data: the task's fields, the user's edits in them. A row the user added has an
            empty ``ext_id``: the plan gives it one ("TM.1", as tasks added by hand get).
        added: the user added the row (missed by the extractor, or split off another).
        corrected: marks (:data:`~desktop.services.derived.USER_FIELDS` names) of the
            fields the user changed in the preview: kept on later re-imports.
        take_file: marks of conflicts the user settled for the file's value.
    """

    data: TaskData
    added: bool = False
    corrected: frozenset[str] = frozenset()
    take_file: frozenset[str] = frozenset()


def plan_import(
    database: Database,
    task_file: TaskFile,
    *,
    issued: date | None = None,
    source: str = "",
    progress: WorkProgress | None = None,
) -> ImportPlan:
    """Decide what the import will do, reading the database but writing nothing.

    Args:
        issued: the issue date the user supplied when the document gives none.
        progress: hears every few thousand tasks, and may cancel (the window plans on a
            worker, with Hủy).
    """
    if not task_file.valid:
        raise ImportRefusedError(task_file.problems)
    document = task_file.document
    supplied = issued is not None and document.issued is None
    if supplied:
        document = replace(document, issued=issued)
    rows = tuple(EditedTask(data) for data in task_file.tasks)
    return _plan(
        database,
        document,
        task_file.content_hash,
        source or (document.source_file or ""),
        rows,
        targets=task_file.targets,
        left_alone=(),
        supplied=supplied,
        progress=progress,
    )


def replan(
    database: Database,
    plan: ImportPlan,
    rows: tuple[EditedTask, ...] | list[EditedTask],
    *,
    left_alone: tuple[str, ...] = (),
    issued: date | None = None,
    progress: WorkProgress | None = None,
    targets: tuple[TargetData, ...] | list[TargetData] | None = None,
    targets_left_alone: tuple[str, ...] = (),
) -> ImportPlan:
    """The plan again, from the tasks (and targets) as the user edited them in the preview.

    The file is not read again: *rows* replace its tasks (checked by the file's rules,
    :func:`~desktop.services.task_json.check_edited_tasks`), *targets* its targets
    (:func:`~desktop.services.target_import.replan_targets`), everything else stays. The
    result is what :func:`apply_import` writes, in one transaction as any import.

    Args:
        left_alone: ids of tasks already imported that the user left out this time.
        issued: a new issue date, when the user supplied the first one.
        targets: the targets to import, as edited; None keeps the plan's own.
        targets_left_alone: ids of targets the user left out: not imported, and a stored
            one is left as it is (not marked gone from the document).
    """
    document = plan.document
    supplied = plan.issue_date_supplied
    if issued is not None and (document.issued is None or supplied):
        document = replace(document, issued=issued)
        supplied = True
    edited = _plan(
        database,
        document,
        plan.content_hash,
        plan.source,
        tuple(rows),
        targets=None,
        left_alone=tuple(left_alone),
        supplied=supplied,
        progress=progress,
    )
    if targets is None and not targets_left_alone:
        return replace(edited, target_plan=plan.target_plan)
    kept = plan.target_plan.targets if targets is None else tuple(targets)
    with database.session() as session:
        target_plan, problems = replan_targets(
            session, edited.existing_document_id, kept, targets_left_alone
        )
    if problems:
        raise ImportRefusedError(problems)
    return replace(edited, target_plan=target_plan)


def _plan(
    database: Database,
    document: DocumentData,
    digest: str,
    source: str,
    rows: tuple[EditedTask, ...],
    *,
    targets: tuple[TargetData, ...] | None,
    left_alone: tuple[str, ...],
    supplied: bool,
    progress: WorkProgress | None,
) -> ImportPlan:
    step = (progress if progress is not None else WorkProgress()).step
    horizon = program_end(document)
    with database.session() as session:
        existing = _find_document(session, document, digest)
        current: dict[str, Task] = {}
        tracked: dict[int, dict[date, bool]] = {}
        if existing is not None:
            for task in session.scalars(select(Task).where(Task.document_id == existing.id)):
                current[task.ext_id] = task
            tracked = _tracked_occurrences(session, existing.id)
        rows = _with_ids(rows, set(current))
        if any(row.added or row.corrected for row in rows):
            checked, problems = check_edited_tasks([row.data for row in rows])
            if problems:
                raise ImportRefusedError(problems)
            rows = tuple(replace(r, data=d) for r, d in zip(rows, checked, strict=True))
        resolver = UnitResolver(session)
        planned, warnings = [], []
        names: list[str] = []
        seen_names: set[str] = set()
        needs_new: set[str] = set()
        # Specs repeat (parse_deadline is cached): expand each recurrence once.
        dues_of: dict[DeadlineSpec, tuple[date, ...]] = {}
        for position, row in enumerate(rows):
            if position % BATCH == 0:
                step(position, len(rows))
            data = row.data
            spec, disagrees = read_deadline(data.deadline_text, data.due, document.issued, horizon)
            if disagrees:
                warnings.append(
                    f"Nhiệm vụ “{data.ext_id}”: hạn {data.due:%d/%m/%Y} trong tệp khác với "
                    f"thời hạn “{data.deadline_text}”; dùng hạn {data.due:%d/%m/%Y}."
                )
            start, end = span_of(spec, document.issued)
            undated = needs_issue_date(data.deadline_text, spec, document.issued, horizon)
            base = PlannedTask(
                data=data,
                action=PlanAction.NEW,
                kind=spec.kind,
                due=spec.due,
                recurrence=spec.recurrence,
                span_start=start,
                span_end=end,
                occurrence_dues=_dues(dues_of, spec, document.issued),
                disagreement=disagrees,
                needs_issue_date=undated,
                corrected=tuple(sorted(row.corrected)),
                released=tuple(sorted(row.take_file)),
                added=row.added,
            )
            old = current.get(data.ext_id)
            if old is not None:
                changed = _changed_fields(old, base, resolver)
                if _occurrences_change(tracked.get(old.id, {}), base.occurrence_dues):
                    changed += ("occurrences",)
                kept = _kept_by_user(old, changed, row.corrected | row.take_file)
                changed = tuple(c for c in changed if c not in kept)
                base = _with_action(
                    base, PlanAction.UPDATE if changed else PlanAction.SAME, changed
                )
                base = replace(base, user_kept=kept)
                if kept:
                    base = replace(base, mine=_mine(session, old, base.conflicts, resolver))
            planned.append(base)
            current_units = _units_of(old, resolver)
            for unit in (data.lead_unit, *data.support_units):
                if unit and unit not in seen_names and resolver.is_unit(unit):
                    seen_names.add(unit)
                    names.append(unit)
                if unit and _continued_id(resolver, unit, current_units) is None:
                    needs_new.add(unit)
        new_units = tuple(n for n in names if n in needs_new and resolver.existing_id(n) is None)
        in_file = {row.data.ext_id for row in rows} | set(left_alone)
        vanished = tuple(
            ext_id
            for ext_id, task in current.items()
            if ext_id not in in_file and not task.missing_from_source and not task.added_by_user
        )
        alike = tuple(suggestions(session, _dedupe_by_key(new_units), exclude=()))
        warnings.extend(
            f"Đơn vị “{name}” có thể là đơn vị đã có “{other}”: nếu đúng, hãy gộp trong "
            "Công cụ › Đơn vị… sau khi nhập."
            for name, other in alike
        )
        step(len(rows), len(rows))
        return ImportPlan(
            source=source,
            document=document,
            content_hash=digest,
            existing_document_id=existing.id if existing else None,
            horizon=horizon,
            tasks=tuple(planned),
            vanished_ids=vanished,
            units=_dedupe_by_key(tuple(names)),
            new_units=_dedupe_by_key(new_units),
            warnings=tuple(warnings),
            unit_suggestions=alike,
            target_plan=plan_targets(session, existing.id if existing else None, targets),
            left_alone=tuple(i for i in left_alone if i in current),
            issue_date_supplied=supplied,
        )


def _with_ids(rows: tuple[EditedTask, ...], taken: set[str]) -> tuple[EditedTask, ...]:
    """Rows added in the preview get an id no task of the document or the file has."""
    used = taken | {row.data.ext_id for row in rows if not row.added}
    result = []
    number = 1
    for row in rows:
        if row.added and (not row.data.ext_id or row.data.ext_id in used):
            while f"{MANUAL_PREFIX}{number}" in used:
                number += 1
            row = replace(row, data=replace(row.data, ext_id=f"{MANUAL_PREFIX}{number}"))
        used.add(row.data.ext_id)
        result.append(row)
    return tuple(result)


def _mine(
    session: Session, old: Task, marks: tuple[str, ...], resolver: UnitResolver
) -> tuple[tuple[str, str | None], ...]:
    """The user's value of each conflicting field, as the conflict chooser shows it."""

    def unit_name(unit_id: int | None) -> str | None:
        unit = session.get(Unit, unit_id) if unit_id is not None else None
        return unit.name if unit is not None else None

    values: dict[str, str | None] = {}
    for mark in marks:
        if mark == "lead_unit":
            values[mark] = unit_name(old.lead_unit_id)
        elif mark == "support_units":
            supports = [unit_name(u) for u in resolver.support_ids(old.id)]
            values[mark] = "; ".join(n for n in supports if n) or None
        elif mark == "deadline":
            values[mark] = old.deadline_text
        else:
            values[mark] = getattr(old, mark, None)
    return tuple(values.items())


def program_end(document: DocumentData) -> date | None:
    """Where recurring and open-ended deadlines stop.

    The horizon the file states (version 2) wins; else the one the document's title names
    ("giai đoạn 2021 - 2025"), as before version 2.
    """
    if document.horizon is not None:
        return document.horizon.last_day
    return program_horizon(document.title) if document.title else None


def _dues(
    cache: dict[DeadlineSpec, tuple[date, ...]], spec: DeadlineSpec, issued: date | None
) -> tuple[date, ...]:
    found = cache.get(spec)
    if found is None:
        found = cache[spec] = tuple(occurrence_dues(spec, issued))
    return found


def _tracked_occurrences(session: Session, document_id: int) -> dict[int, dict[date, bool]]:
    """Each task's occurrence dues, and whether the user recorded something on each."""
    found: dict[int, dict[date, bool]] = {}
    rows = session.execute(
        select(
            Occurrence.task_id,
            Occurrence.due,
            Occurrence.status,
            Occurrence.notes,
            Occurrence.result_ref,
        )
        .join(Task, Task.id == Occurrence.task_id)
        .where(Task.document_id == document_id)
    )
    for task_id, due, status, notes, result in rows:
        found.setdefault(task_id, {})[due] = _recorded_on(status, notes, result)
    return found


def _recorded_on(status: str, notes: str | None, result_ref: str | None) -> bool:
    """The user recorded progress on an occurrence: a re-import never drops it."""
    return status != TaskStatus.TODO or bool(notes) or bool(result_ref)


def _occurrences_change(have: dict[date, bool], dues: tuple[date, ...]) -> bool:
    """Whether :func:`_sync_occurrences` would add or drop any (a new horizon moves them)."""
    wanted = set(dues)
    return bool(wanted - set(have)) or any(
        not recorded for due, recorded in have.items() if due not in wanted
    )


def _with_action(task: PlannedTask, action: PlanAction, changed: tuple[str, ...]) -> PlannedTask:
    return replace(task, action=action, changed_fields=changed)


def _dedupe_by_key(names: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    result = []
    for name in names:
        key = unit_key(name)
        if key not in seen:
            seen.add(key)
            result.append(name)
    return tuple(result)


def _find_document(session: Session, document: DocumentData, digest: str) -> Document | None:
    if document.number:
        found = session.scalars(
            select(Document).where(Document.number_key == fold(document.number))
        ).first()
        if found is not None:
            return found
    query = select(Document).where(Document.content_hash == digest)
    if document.source_file:
        query = query.where(Document.source_file == document.source_file)
    return session.scalars(query).first()


def _continued_id(resolver: UnitResolver, name: str | None, current: set[int | None]) -> int | None:
    """The unit *name* means for a task that already has units *current*.

    The name's own unit, unless an alias made by the old, loose rule (before migration
    0005) leads to a unit the task already has: then that unit. So a re-import of the same
    document changes nothing, and what the old rule merged (or kept apart) stays for the
    user to review in Công cụ › Đơn vị… instead of changing silently.
    """
    if not name:
        return None
    found = resolver.existing_id(name)
    if found is None or found not in current:
        legacy = resolver.legacy_id(name)
        if legacy is not None and legacy in current:
            return legacy
    return found


def _units_of(task: Task | None, resolver: UnitResolver) -> set[int | None]:
    if task is None:
        return set()
    return {task.lead_unit_id, *resolver.support_ids(task.id)}


def _changed_fields(old: Task, new: PlannedTask, resolver: UnitResolver) -> tuple[str, ...]:
    data = new.data
    changed = []
    pairs: list[tuple[str, Any, Any]] = [
        ("title", old.title, data.title),
        ("section", old.section, data.section),
        ("deadline_text", old.deadline_text, data.deadline_text),
        ("due", old.due, new.due),
        ("kind", old.kind, new.kind),
        ("output_form", old.output_form, data.output_form),
        ("source_notes", old.source_notes, data.notes),
        ("extra_json", old.extra_json, _extra_json(data)),
        ("missing_from_source", old.missing_from_source, False),
    ]
    for name, before, after in pairs:
        if before != after:
            changed.append(name)
    lead = data.lead_unit if resolver.is_unit(data.lead_unit) else None
    lead_id = _continued_id(resolver, lead, {old.lead_unit_id})
    if lead_id != old.lead_unit_id or (lead and lead_id is None):
        changed.append("lead_unit")
    old_support = resolver.support_ids(old.id)
    new_support = [
        _continued_id(resolver, u, set(old_support))
        for u in data.support_units
        if resolver.is_unit(u)
    ]
    if None in new_support or new_support != old_support:
        changed.append("support_units")
    return tuple(changed)


# The plan's names for what changed, and the user-edited columns that keep each one.
_PLAN_FIELD_COLUMN = {
    "title": "title",
    "section": "section",
    "deadline_text": "deadline_text",
    "due": "due",
    "kind": "kind",
    "output_form": "output_form",
    "lead_unit": "lead_unit_id",
    "support_units": "support_units",
}


def _kept_by_user(
    old: Task, changed: tuple[str, ...], released: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """The changed fields the user corrected before, unless the preview *released* them."""
    kept = user_kept_columns(old.user_edited, released)
    return tuple(c for c in changed if _PLAN_FIELD_COLUMN.get(c) in kept)


def _extra_json(data: TaskData) -> str | None:
    return json.dumps(data.extra, ensure_ascii=False, sort_keys=True) if data.extra else None


def apply_import(
    database: Database,
    plan: ImportPlan,
    *,
    backup: bool = True,
    now: datetime | None = None,
    progress: WorkProgress | None = None,
    batch: int = BATCH,
) -> ImportResult:
    """Write *plan* in one transaction, after backing the database up.

    An identical re-import writes nothing (and takes no backup). *progress* hears of each
    batch (every *batch* tasks) and of each :class:`Phase`; a cancel there raises inside
    the transaction, which then writes nothing.
    """
    if not plan.writes_anything:
        return ImportResult(plan, NO_CHANGE, None, plan.existing_document_id)
    watcher = progress if progress is not None else WorkProgress()
    total = 2 * plan.count  # each task is prepared, then inserted or updated

    def step(done: int) -> None:
        """A batch inside the transaction: progress, then the WRITE phase (and Hủy)."""
        watcher.step(done, total)
        watcher.phase(Phase.WRITE)

    watcher.step(0, total)
    watcher.phase(Phase.BACKUP)
    backup_path = backup_before_write(database, "truoc-khi-nhap") if backup else None
    stamp = now or datetime.now()
    with database.session() as session:
        _recheck_under_write_lock(session, plan)
        document_id = _write_document(session, plan, stamp)
        resolver = UnitResolver(session)
        resolved: dict[str | None, int | None] = {}

        def resolve(name: str | None) -> int | None:
            # The same few unit names recur on every task: normalise each spelling once.
            if name not in resolved:
                resolved[name] = resolver.resolve(name)
            return resolved[name]

        existing = {
            t.ext_id: t
            for t in session.scalars(select(Task).where(Task.document_id == document_id))
        }
        new_rows: list[dict[str, Any]] = []
        new_plans: list[PlannedTask] = []
        touched: set[int] = set()
        for position, item in enumerate(plan.tasks):
            if position % batch == 0:
                step(position)
            if item.action is PlanAction.SAME:
                continue
            current = _units_of(existing.get(item.data.ext_id), resolver)
            lead_id = _continued_id(resolver, item.data.lead_unit, current) or resolve(
                item.data.lead_unit
            )
            support_ids = [
                _continued_id(resolver, u, current) or resolve(u) for u in item.data.support_units
            ]
            unit_names = [item.data.lead_unit, *item.data.support_units]
            if item.action is PlanAction.NEW:
                new_rows.append(_new_row(document_id, position, item, lead_id, unit_names, stamp))
                new_plans.append(item)
            elif item.action is PlanAction.UPDATE:
                task = existing[item.data.ext_id]
                kept = user_kept_columns(task.user_edited, (*item.corrected, *item.released))
                _update_task(session, task, item, position, lead_id, unit_names, stamp, kept)
                if "support_units" not in kept:
                    _set_support(session, task.id, support_ids)
                touched.add(task.id)
        if new_rows:
            # Plain Core executemany, then the ids back by (document, ext_id), which is
            # unique: RETURNING with sort_by_parameter_order splices its batches in
            # quadratic time (27x raw sqlite3 at 10,000 tasks, docs/benchmarks.md).
            connection = session.connection()
            for start in range(0, len(new_rows), batch):
                step(plan.count + start)
                connection.execute(insert(Task), new_rows[start : start + batch])
            assigned = dict(
                connection.execute(
                    select(Task.ext_id, Task.id).where(Task.document_id == document_id)
                ).all()
            )
            ids = [assigned[item.data.ext_id] for item in new_plans]
            support_rows: list[dict[str, Any]] = []
            occurrence_rows: list[dict[str, Any]] = []
            for task_id, item in zip(ids, new_plans, strict=True):
                seen: set[int] = set()
                for order, unit in enumerate(item.data.support_units):
                    unit_id = resolve(unit)
                    if unit_id is not None and unit_id not in seen:
                        seen.add(unit_id)
                        support_rows.append(
                            {"task_id": task_id, "unit_id": unit_id, "position": order}
                        )
                occurrence_rows.extend(
                    {
                        "task_id": task_id,
                        "due": due,
                        "quarter": quarter_key(due),
                        "status": TaskStatus.TODO,
                    }
                    for due in item.occurrence_dues
                )
            if support_rows:
                connection.execute(insert(TaskSupportUnit), support_rows)
            if occurrence_rows:
                connection.execute(insert(Occurrence), occurrence_rows)
            touched.update(ids)
        for ext_id in plan.vanished_ids:
            task = existing[ext_id]
            apply_changes(
                session, task.id, task, {"missing_from_source": True}, source=IMPORT, at=stamp
            )
            task.updated_at = stamp
            touched.add(task.id)
        write_targets(session, document_id, plan.target_plan, stamp)
        watcher.step(total, total)
        watcher.phase(Phase.COMMIT)  # a cancel up to the last moment still rolls it all back
    log.info(
        "Imported %s: %d new, %d updated, %d vanished",
        plan.source,
        plan.counted(PlanAction.NEW),
        plan.counted(PlanAction.UPDATE),
        len(plan.vanished_ids),
    )
    change = Change(
        tasks=True,
        units=True,
        documents=True,
        task_ids=frozenset(touched),
        targets=bool(plan.target_plan.targets or plan.target_plan.vanished),
    )
    return ImportResult(plan, change, backup_path, document_id)


def _recheck_under_write_lock(session: Session, plan: ImportPlan) -> None:
    """Take the write lock, then make sure the plan's "new document" is still new.

    Planning reads in one transaction and writing happens in another, so two imports of
    the same document started together both planned a new document and both wrote it.
    A no-op UPDATE makes SQLite take its write lock now (the second import waits here for
    the first to commit); the lookup after it then sees the first import's document. The
    unique index on the number (migration 0005) is the backstop on any engine.
    """
    if plan.existing_document_id is not None:
        return
    session.execute(update(Document).where(false()).values(id=Document.id))
    if _find_document(session, plan.document, plan.content_hash) is not None:
        raise ImportRefusedError([Problem(_imported_meanwhile(plan))])


def _imported_meanwhile(plan: ImportPlan) -> str:
    name = plan.document.number or plan.source or "này"
    return (
        f"Văn bản “{name}” vừa được nhập xong bởi một lần nhập khác chạy cùng lúc; lần nhập "
        "này không ghi thêm gì. Hãy nhập lại tệp nếu muốn xem có gì thay đổi."
    )


def _write_document(session: Session, plan: ImportPlan, stamp: datetime) -> int:
    doc = plan.document
    if plan.existing_document_id is not None:
        document = session.get_one(Document, plan.existing_document_id)
    else:
        document = Document(imported_at=stamp)
        session.add(document)
    document.number = doc.number
    document.number_key = fold(doc.number) if doc.number else None
    document.title = doc.title
    document.issued = doc.issued
    document.issuer = doc.issuer
    document.source_file = doc.source_file
    document.content_hash = plan.content_hash
    document.horizon = plan.horizon
    document.imported_at = stamp
    try:
        session.flush()
    except IntegrityError as error:  # the unique number, where the lock above cannot help
        raise ImportRefusedError([Problem(_imported_meanwhile(plan))]) from error
    return document.id


def _stated(item: PlannedTask, lead_id: int | None) -> dict[str, Any]:
    """The columns that say what the document states: what a re-import may overwrite."""
    data = item.data
    return {
        "title": data.title,
        "section": data.section,
        "lead_unit_id": lead_id,
        "deadline_text": data.deadline_text,
        "kind": item.kind,
        "due": item.due,
        "recurrence": item.recurrence,
        "span_start": item.span_start,
        "span_end": item.span_end,
        "output_form": data.output_form,
        "source_notes": data.notes,
        "extra_json": _extra_json(data),
        "missing_from_source": False,
    }


def _new_row(
    document_id: int,
    position: int,
    item: PlannedTask,
    lead_id: int | None,
    unit_names: list[str | None],
    stamp: datetime,
) -> dict[str, Any]:
    data = item.data
    return {
        **_stated(item, lead_id),
        **derived_values(
            title=data.title,
            ext_id=data.ext_id,
            section=data.section,
            deadline_text=data.deadline_text,
            kind=item.kind,
            due=item.due,
            status=TaskStatus.TODO,
            occurrences=[OccurrenceState(d, TaskStatus.TODO) for d in item.occurrence_dues],
            unit_names=unit_names,
        ),
        "document_id": document_id,
        "ext_id": data.ext_id,
        "position": position,
        "status": TaskStatus.TODO,
        "hidden": False,
        "added_by_user": item.added,
        "user_edited": marks_json(item.corrected),
        "created_at": stamp,
        "updated_at": stamp,
    }


def _update_task(
    session: Session,
    task: Task,
    item: PlannedTask,
    position: int,
    lead_id: int | None,
    unit_names: list[str | None],
    stamp: datetime,
    kept: frozenset[str],
) -> None:
    """Refresh what the document states; keep everything the user entered or corrected.

    *kept* are the columns the user's earlier corrections hold; the marks the preview
    corrected are added to the task's list, those it gave back to the file dropped.
    """
    marks = (edited_marks(task.user_edited) - set(item.released)) | set(item.corrected)
    task.user_edited = marks_json(marks)
    stated = {k: v for k, v in _stated(item, lead_id).items() if k not in kept}
    apply_changes(
        session,
        task.id,
        task,
        stated,
        source=IMPORT,
        at=stamp,
        recorded=("title", "deadline_text", "due", "lead_unit_id", "missing_from_source"),
    )
    task.position = position
    if "occurrences" not in kept:
        _sync_occurrences(session, task, item.occurrence_dues)
    # The units the user chose, not the file's, when the user corrected them.
    refresh_task(session, task, None if task.user_edited else unit_names)
    task.updated_at = stamp


def _sync_occurrences(session: Session, task: Task, dues: tuple[date, ...]) -> None:
    """Keep occurrences the user recorded something on; add new ones; drop empty stale ones."""
    wanted = set(dues)
    have = {o.due: o for o in task.occurrences}
    for due, occurrence in have.items():
        recorded = _recorded_on(occurrence.status, occurrence.notes, occurrence.result_ref)
        if due not in wanted and not recorded:
            task.occurrences.remove(occurrence)
    for due in sorted(wanted - set(have)):
        task.occurrences.append(
            Occurrence(due=due, quarter=quarter_key(due), status=TaskStatus.TODO)
        )
    session.flush()


def _set_support(session: Session, task_id: int, unit_ids: list[int | None]) -> None:
    session.execute(delete(TaskSupportUnit).where(TaskSupportUnit.task_id == task_id))
    seen: set[int] = set()
    for order, unit_id in enumerate(unit_ids):
        if unit_id is not None and unit_id not in seen:
            seen.add(unit_id)
            session.add(TaskSupportUnit(task_id=task_id, unit_id=unit_id, position=order))


def import_path(
    database: Database,
    path: Path,
    *,
    dry_run: bool = False,
    issued: date | None = None,
    extractor: Extractor | None = None,
) -> ImportResult:
    """Read, validate, plan and (unless *dry_run*) write: the command line's ``import``."""
    plan = plan_from_path(database, path, issued=issued, extractor=extractor)
    if dry_run:
        return ImportResult(plan, NO_CHANGE, None, plan.existing_document_id)
    return apply_import(database, plan)
