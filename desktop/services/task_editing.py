"""Tasks the user adds, corrects and deletes: what the document gave, put right by hand.

Each write records every changed field in the task's history (source "user") in the same
transaction, re-derives what follows from the deadline phrase (kind, due date, quarter,
occurrences) exactly as an import does, and remembers which stated fields the user
corrected (``Task.user_edited``) so that a re-import of the document keeps them.

Delete is a *soft* delete: the row stays, hidden from every list and stamped
``deleted_at``, with its history, progress and extensions; :func:`restore_task` brings it
back (Ctrl+Z in the window, ``sonhiemvu undelete`` on the command line). A hard delete could
not be undone, and a re-import would bring the task back as new.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from db import Database
from db.models import Document, Task, TaskSupportUnit, Unit
from desktop.domain.deadline_spec import DeadlineKind
from desktop.domain.quarters import Quarter
from desktop.domain.status import TaskStatus
from desktop.domain.text import clean, fold, sortable
from desktop.services.changes import Change
from desktop.services.derived import (
    edited_marks,
    history_text,
    marks_json,
    occurrence_dues,
    quarter_key,
    read_deadline,
    record_history,
    span_of,
)
from desktop.services.importer import MANUAL_PREFIX, _sync_occurrences
from desktop.services.tasks import TaskEditError, _refresh, expect_version
from desktop.services.units import UnitResolver

# The document that holds tasks added without one ("none" in the add dialog).
MANUAL_DOCUMENT_TITLE = "Nhiệm vụ thêm ngoài văn bản"
MANUAL_HASH = "manual"

KIND_WORDS = {
    DeadlineKind.DATED.value: "có hạn cụ thể",
    DeadlineKind.RECURRING.value: "định kỳ",
    DeadlineKind.PERIOD.value: "trong một giai đoạn",
    DeadlineKind.ONGOING.value: "thường xuyên",
    DeadlineKind.CONDITIONAL.value: "theo điều kiện",
    DeadlineKind.UNKNOWN.value: "chưa đọc được",
}


@dataclass(frozen=True)
class TaskDraft:
    """Every stated field of a task, as the user wants it."""

    title: str
    lead_unit: str | None = None
    support_units: tuple[str, ...] = ()
    deadline_text: str | None = None
    section: str | None = None
    output_form: str | None = None


@dataclass(frozen=True)
class DocumentChoice:
    """A document a new task may belong to, with what its deadlines are read against."""

    id: int
    label: str
    issued: date | None
    horizon: date | None


@dataclass(frozen=True)
class DeadlineReading:
    """A deadline phrase read as the user types it: shown beside the field."""

    kind: str
    due: date | None
    quarter: str | None
    understood: bool
    occurrences: int

    @property
    def summary(self) -> str:
        if not self.understood:
            return "Chưa đọc được thời hạn này"
        parts = [KIND_WORDS.get(self.kind, self.kind)]
        if self.due is not None:
            parts.append(f"hạn {self.due:%d/%m/%Y}")
        if self.quarter:
            parts.append(self.quarter)
        if self.occurrences > 1:
            parts.append(f"{self.occurrences} kỳ")
        return " · ".join(parts)


def read_phrase(text: str | None, issued: date | None, horizon: date | None) -> DeadlineReading:
    """What the deadline phrase means, read exactly as the import would read it."""
    phrase = clean(text) if text else None
    if not phrase:
        return DeadlineReading(DeadlineKind.UNKNOWN.value, None, None, True, 0)
    spec, _ = read_deadline(phrase, None, issued, horizon)
    return DeadlineReading(
        kind=spec.kind.value,
        due=spec.due,
        quarter=Quarter.of(spec.due).label if spec.due else None,
        understood=spec.kind is not DeadlineKind.UNKNOWN,
        occurrences=len(occurrence_dues(spec, issued)),
    )


def manual_issue_date(database: Database, today: date) -> date:
    """What a task of no document reads its deadline against (see :func:`add_task`)."""
    with database.session() as session:
        found = session.scalars(
            select(Document.issued).where(Document.content_hash == MANUAL_HASH)
        ).first()
    return found or today


def list_documents(database: Database) -> list[DocumentChoice]:
    """The imported documents, newest first; the hand-added tasks' holder is left out."""
    with database.session() as session:
        documents = session.scalars(
            select(Document)
            .where(Document.content_hash != MANUAL_HASH)
            .order_by(Document.imported_at.desc(), Document.id.desc())
        ).all()
        return [DocumentChoice(d.id, _document_label(d), d.issued, d.horizon) for d in documents]


def _document_label(document: Document) -> str:
    parts = [p for p in (document.number, document.title, document.source_file) if p]
    label = " — ".join(parts[:2]) or f"Văn bản {document.id}"
    return label if len(label) <= 90 else label[:89] + "…"


def find_document(database: Database, number: str) -> DocumentChoice:
    """The document the command line names by its number ("11-CTr/ĐUK") or its id."""
    with database.session() as session:
        found = session.scalars(
            select(Document.id).where(
                Document.number_key == fold(number), Document.content_hash != MANUAL_HASH
            )
        ).first()
    for choice in list_documents(database):
        if choice.id == found:
            return choice
    raise TaskEditError(f"Không tìm thấy văn bản “{number}”.")


def draft_of(database: Database, task_id: int) -> TaskDraft:
    """The task's stated fields as they are now (to fill the editor, or to undo an edit)."""
    return draft_and_version(database, task_id)[0]


def draft_and_version(database: Database, task_id: int) -> tuple[TaskDraft, int]:
    """The stated fields and the version they were read at, in one read.

    The editor saves with that version, so an edit made meanwhile by someone else is
    refused instead of lost.
    """
    with database.session() as session:
        task = _live_task(session, task_id)
        draft = TaskDraft(
            title=task.title,
            lead_unit=_unit_name(session, task.lead_unit_id),
            support_units=tuple(_support_names(session, task.id)),
            deadline_text=task.deadline_text,
            section=task.section,
            output_form=task.output_form,
        )
        return draft, task.version


def edited_fields(database: Database, task_id: int) -> frozenset[str]:
    """The stated fields the user has corrected on this task."""
    with database.session() as session:
        return _edited(_live_task(session, task_id))


def add_task(
    database: Database,
    draft: TaskDraft,
    *,
    document_id: int | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> tuple[int, Change]:
    """A task the document missed (or a task of no document). Returns its id.

    Args:
        today: read as the issue date of the holder of tasks of no document, the first
            time one is added, so that "hằng quý" starts somewhere.
    """
    title = _validated_title(draft.title)
    stamp = now or datetime.now()
    with database.session() as session:
        document = (
            session.get(Document, document_id)
            if document_id is not None
            else _manual_document(session, stamp, today or stamp.date())
        )
        if document is None:
            raise TaskEditError("Không tìm thấy văn bản đã chọn.")
        position = session.scalar(
            select(func.coalesce(func.max(Task.position), -1)).where(
                Task.document_id == document.id
            )
        )
        task = Task(
            document_id=document.id,
            ext_id=_next_manual_id(session, document.id),
            position=int(position or 0) + 1,
            title=title,
            kind=DeadlineKind.UNKNOWN,
            status=TaskStatus.TODO,
            hidden=False,
            missing_from_source=False,
            added_by_user=True,
            search_key="",
            title_sort=sortable(title[:200]),
            created_at=stamp,
            updated_at=stamp,
        )
        session.add(task)
        session.flush()
        record_history(session, task.id, "created", None, title, source="user", at=stamp)
        _write_fields(session, task, _normalised(draft), document, stamp, record=False)
        task_id = task.id
    return task_id, Change(tasks=True, units=True, task_ids=frozenset({task_id}))


def edit_task(
    database: Database,
    task_id: int,
    draft: TaskDraft,
    *,
    user_edited: frozenset[str] | None = None,
    now: datetime | None = None,
    expected_version: int | None = None,
) -> Change:
    """Correct any stated field; the changed ones go into the history and ``user_edited``.

    Args:
        user_edited: the set of corrected fields to store instead of adding the changed
            ones (undo puts back the set as it was before the edit).
        expected_version: the task's version when the editor was filled; a task someone
            else saved since then is not overwritten (:func:`expect_version`).
    """
    draft = _normalised(draft)
    _validated_title(draft.title)
    stamp = now or datetime.now()
    with database.session() as session:
        task = _live_task(session, task_id)
        expect_version(session, task, expected_version)
        document = session.get_one(Document, task.document_id)
        changed = _write_fields(session, task, draft, document, stamp, record=True)
        marks = set(_edited(task)) | changed if user_edited is None else set(user_edited)
        stored = marks_json(marks)
        if not changed and stored == task.user_edited:
            return Change()
        task.user_edited = stored
        task.updated_at = stamp
    return Change(tasks=True, units=True, task_ids=frozenset({task_id}))


def delete_task(
    database: Database,
    task_id: int,
    *,
    now: datetime | None = None,
    expected_version: int | None = None,
) -> Change:
    """Soft delete: hidden from every list, kept with everything recorded on it."""
    stamp = now or datetime.now()
    with database.session() as session:
        task = _live_task(session, task_id)
        expect_version(session, task, expected_version)
        _set_deleted(session, task, True, stamp)
    return Change(tasks=True, task_ids=frozenset({task_id}))


def restore_task(database: Database, task_id: int, *, now: datetime | None = None) -> Change:
    """Bring a deleted task back into the lists, as it was."""
    stamp = now or datetime.now()
    with database.session() as session:
        task = session.get(Task, task_id)
        if task is None:
            raise TaskEditError("Không tìm thấy nhiệm vụ.")
        if task.deleted_at is None:
            raise TaskEditError("Nhiệm vụ này chưa bị xoá.")
        _set_deleted(session, task, False, stamp)
    return Change(tasks=True, task_ids=frozenset({task_id}))


def _set_deleted(session: Session, task: Task, deleted: bool, stamp: datetime) -> None:
    """Delete or bring back *task* (hidden with it), with the one history entry it leaves."""
    record_history(session, task.id, "deleted", not deleted, deleted, source="user", at=stamp)
    task.deleted_at = stamp if deleted else None
    task.hidden = deleted
    task.updated_at = stamp


# --- internals ------------------------------------------------------------------------


def _live_task(session: Session, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise TaskEditError(f"Không tìm thấy nhiệm vụ số {task_id}.")
    if task.deleted_at is not None:
        raise TaskEditError(f"Nhiệm vụ số {task_id} đã bị xoá.")
    return task


def _edited(task: Task) -> frozenset[str]:
    return edited_marks(task.user_edited)


def _validated_title(title: str) -> str:
    text = title.strip()
    if not text:
        raise TaskEditError("Nội dung nhiệm vụ không được để trống.")
    return text


def _optional(value: str | None) -> str | None:
    text = clean(value) if value else ""
    return text or None


def _normalised(draft: TaskDraft) -> TaskDraft:
    supports: list[str] = []
    for name in draft.support_units:
        shown = _optional(name)
        if shown and shown not in supports:
            supports.append(shown)
    return TaskDraft(
        title=draft.title.strip(),
        lead_unit=_optional(draft.lead_unit),
        support_units=tuple(supports),
        deadline_text=_optional(draft.deadline_text),
        section=_optional(draft.section),
        output_form=_optional(draft.output_form),
    )


def _manual_document(session: Session, stamp: datetime, today: date) -> Document:
    found = session.scalars(select(Document).where(Document.content_hash == MANUAL_HASH)).first()
    if found is not None:
        return found
    document = Document(
        title=MANUAL_DOCUMENT_TITLE, content_hash=MANUAL_HASH, issued=today, imported_at=stamp
    )
    session.add(document)
    session.flush()
    return document


def _next_manual_id(session: Session, document_id: int) -> str:
    used = set(
        session.scalars(
            select(Task.ext_id).where(
                Task.document_id == document_id, Task.ext_id.like(f"{MANUAL_PREFIX}%")
            )
        )
    )
    number = len(used) + 1
    while f"{MANUAL_PREFIX}{number}" in used:
        number += 1
    return f"{MANUAL_PREFIX}{number}"


def _unit_name(session: Session, unit_id: int | None) -> str | None:
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    return unit.name if unit is not None else None


def _support_names(session: Session, task_id: int) -> list[str]:
    return list(
        session.scalars(
            select(Unit.name)
            .join(TaskSupportUnit, TaskSupportUnit.unit_id == Unit.id)
            .where(TaskSupportUnit.task_id == task_id)
            .order_by(TaskSupportUnit.position, TaskSupportUnit.unit_id)
        )
    )


def _write_fields(
    session: Session,
    task: Task,
    draft: TaskDraft,
    document: Document,
    stamp: datetime,
    *,
    record: bool,
) -> set[str]:
    """Set the stated fields that differ; returns the user-field names that changed."""
    changed: set[str] = set()

    def put(field: str, mark: str, before: Any, after: Any) -> None:
        if before == after:
            return
        if record:
            record_history(
                session,
                task.id,
                field,
                history_text(before),
                history_text(after),
                source="user",
                at=stamp,
            )
        changed.add(mark)

    put("title", "title", task.title, draft.title)
    task.title = draft.title
    task.title_sort = sortable(draft.title[:200])
    put("section", "section", task.section, draft.section)
    task.section = draft.section
    put("output_form", "output_form", task.output_form, draft.output_form)
    task.output_form = draft.output_form

    resolver = UnitResolver(session)
    for name in (draft.lead_unit, *draft.support_units):
        if name and not resolver.is_unit(name):
            raise TaskEditError(
                f"“{name}” đã được đánh dấu “không phải đơn vị” (Công cụ › Đơn vị…); "
                "hãy chọn một đơn vị khác."
            )
    lead_before = _unit_name(session, task.lead_unit_id)
    lead_id = resolver.resolve(draft.lead_unit) if draft.lead_unit else None
    task.lead_unit_id = lead_id
    put("lead_unit", "lead_unit", lead_before, _unit_name(session, lead_id))

    supports_before = _support_names(session, task.id)
    session.execute(delete(TaskSupportUnit).where(TaskSupportUnit.task_id == task.id))
    seen: list[int] = []
    for name in draft.support_units:
        unit_id = resolver.resolve(name)
        if unit_id is not None and unit_id not in seen and unit_id != lead_id:
            seen.append(unit_id)
            session.add(TaskSupportUnit(task_id=task.id, unit_id=unit_id, position=len(seen)))
    session.flush()
    put(
        "support_units",
        "support_units",
        ", ".join(supports_before) or None,
        ", ".join(_support_names(session, task.id)) or None,
    )

    if draft.deadline_text != task.deadline_text or not record:
        put("deadline_text", "deadline", task.deadline_text, draft.deadline_text)
        _write_deadline(session, task, draft.deadline_text, document)
    _refresh(session, task, stamp)
    return changed


def _write_deadline(session: Session, task: Task, text: str | None, document: Document) -> None:
    """Kind, due date, quarter, span and occurrences from the phrase, as an import reads it."""
    spec, _ = read_deadline(text, None, document.issued, document.horizon)
    start, end = span_of(spec, document.issued)
    task.deadline_text = text
    task.kind = spec.kind.value
    task.due = spec.due
    task.due_quarter = quarter_key(spec.due)
    task.recurrence = spec.recurrence.value if spec.recurrence else None
    task.span_start, task.span_end = start, end
    _sync_occurrences(session, task, tuple(occurrence_dues(spec, document.issued)))
