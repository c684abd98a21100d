"""Recording progress: status, completion, result document, notes, extensions, hiding.

Every change writes a history entry in the same transaction as the change itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import Database
from db.models import (
    Document,
    Extension,
    HistoryEntry,
    Occurrence,
    Task,
    TaskSupportUnit,
    Unit,
)
from desktop.domain.deadline_spec import DeadlineKind
from desktop.domain.status import STATUS_LABELS, STATUSES, TaskStatus, overall_status
from desktop.domain.text import clean
from desktop.services.changes import Change
from desktop.services.derived import (
    apply_changes,
    quarter_key,
    record_history,
    refresh_task,
)

USER = "user"
"""The history's source for the user's own edits."""


def notes_column(target: Task | Occurrence) -> str:
    """Where a task's or an occurrence's progress notes are stored (and named in the history).

    The same thing under two stored names, kept as the database has them: this is the one
    place that knows; the code above it speaks of :attr:`Progress.notes`.
    """
    return "notes" if isinstance(target, Occurrence) else "progress_notes"


class TaskEditError(Exception):
    """An edit that cannot be saved; ``str()`` is the Vietnamese reason."""


class TaskChangedError(TaskEditError):
    """Someone else saved this task after the user opened it: their values are kept.

    The message names who and when and shows the task's values now, so the user can see
    what changed before deciding to edit again (never a silent overwrite).
    """


def expect_version(session: Session, task: Task, expected: int | None) -> None:
    """Refuse the write unless *task* is still at the version the user's form showed.

    The one check every editor passes through (progress, extension, hiding, the task
    editor, delete). ``None`` means the caller showed nothing (the command line, undo).
    """
    if expected is None or task.version == expected:
        return
    lead = session.get(Unit, task.lead_unit_id) if task.lead_unit_id else None
    who = task.updated_by or "người khác"
    due = f"{task.due:%d/%m/%Y}" if task.due else "không có"
    raise TaskChangedError(
        f"Nhiệm vụ này vừa được {who} sửa lúc {task.updated_at:%H:%M %d/%m/%Y}. "
        "Thay đổi của bạn chưa được lưu; nội dung mới đã được hiển thị.\n"
        f"Hiện nay — tên: “{task.title}”; đơn vị chủ trì: {lead.name if lead else 'chưa có'}; "
        f"hạn: {due}; trạng thái: {STATUS_LABELS.get(task.status, task.status)}."
    )


@dataclass(frozen=True)
class OccurrenceInfo:
    id: int
    due: date
    status: str
    completed_on: date | None
    result_ref: str | None
    notes: str | None

    @property
    def progress(self) -> Progress:
        return Progress(self.status, self.completed_on, self.result_ref, self.notes)


@dataclass(frozen=True)
class HistoryInfo:
    at: datetime
    source: str
    field: str
    old_value: str | None
    new_value: str | None


@dataclass(frozen=True)
class ExtensionInfo:
    at: datetime
    old_due: date | None
    new_due: date
    reason: str
    occurrence_id: int | None


@dataclass(frozen=True)
class TaskDetail:
    id: int
    ext_id: str
    title: str
    section: str | None
    lead_unit: str | None
    support_units: tuple[str, ...]
    document_number: str | None
    document_title: str | None
    document_issued: date | None
    source_file: str | None
    deadline_text: str | None
    kind: str
    recurrence: str | None
    due: date | None
    span_start: date | None
    span_end: date | None
    output_form: str | None
    source_notes: str | None
    extra: dict[str, Any]
    status: str
    completed_on: date | None
    result_ref: str | None
    progress_notes: str | None
    hidden: bool
    missing_from_source: bool
    # What the form was filled from: an edit saved with it is refused if the task moved on.
    version: int
    updated_at: datetime | None
    updated_by: str | None
    occurrences: tuple[OccurrenceInfo, ...]
    history: tuple[HistoryInfo, ...]
    extensions: tuple[ExtensionInfo, ...]

    def progress_of(self, occurrence_id: int | None) -> Progress:
        """The progress recorded on the task, or on one of its occurrences."""
        for occurrence in self.occurrences:
            if occurrence.id == occurrence_id:
                return occurrence.progress
        return Progress(self.status, self.completed_on, self.result_ref, self.progress_notes)


@dataclass(frozen=True)
class Progress:
    """What the user records on a task (or one occurrence of a recurring task)."""

    status: str
    completed_on: date | None = None
    result_ref: str | None = None
    notes: str | None = None


def get_task(database: Database, task_id: int) -> TaskDetail:
    with database.session() as session:
        task = session.get(Task, task_id)
        if task is None:
            raise TaskEditError("Không tìm thấy nhiệm vụ (có thể đã bị xoá khỏi cơ sở dữ liệu).")
        document = session.get_one(Document, task.document_id)
        lead = session.get(Unit, task.lead_unit_id) if task.lead_unit_id else None
        supports = session.scalars(
            select(Unit.name)
            .join(TaskSupportUnit, TaskSupportUnit.unit_id == Unit.id)
            .where(TaskSupportUnit.task_id == task_id)
            .order_by(TaskSupportUnit.position, TaskSupportUnit.unit_id)
        ).all()
        history = session.scalars(
            select(HistoryEntry)
            .where(HistoryEntry.task_id == task_id)
            .order_by(HistoryEntry.at.desc(), HistoryEntry.id.desc())
        ).all()
        extensions = session.scalars(
            select(Extension).where(Extension.task_id == task_id).order_by(Extension.id)
        ).all()
        return TaskDetail(
            id=task.id,
            ext_id=task.ext_id,
            title=task.title,
            section=task.section,
            lead_unit=lead.name if lead else None,
            support_units=tuple(supports),
            document_number=document.number,
            document_title=document.title,
            document_issued=document.issued,
            source_file=document.source_file,
            deadline_text=task.deadline_text,
            kind=task.kind,
            recurrence=task.recurrence,
            due=task.due,
            span_start=task.span_start,
            span_end=task.span_end,
            output_form=task.output_form,
            source_notes=task.source_notes,
            extra=json.loads(task.extra_json) if task.extra_json else {},
            status=task.status,
            completed_on=task.completed_on,
            result_ref=task.result_ref,
            progress_notes=task.progress_notes,
            hidden=task.hidden,
            missing_from_source=task.missing_from_source,
            version=task.version,
            updated_at=task.updated_at,
            updated_by=task.updated_by,
            occurrences=tuple(
                OccurrenceInfo(o.id, o.due, o.status, o.completed_on, o.result_ref, o.notes)
                for o in task.occurrences
            ),
            history=tuple(
                HistoryInfo(h.at, h.source, h.field, h.old_value, h.new_value) for h in history
            ),
            extensions=tuple(
                ExtensionInfo(e.created_at, e.old_due, e.new_due, e.reason, e.occurrence_id)
                for e in extensions
            ),
        )


def _validated(progress: Progress, today: date | None) -> Progress:
    if progress.status not in STATUSES:
        raise TaskEditError(f"Trạng thái “{progress.status}” không hợp lệ.")
    completed = progress.completed_on
    if progress.status != TaskStatus.DONE:
        completed = None
    elif completed is None and today is not None:
        completed = today
    if completed is not None and today is not None and completed > today:
        raise TaskEditError(
            f"Ngày hoàn thành {completed:%d/%m/%Y} ở sau ngày hôm nay ({today:%d/%m/%Y})."
        )
    return Progress(
        status=progress.status,
        completed_on=completed,
        result_ref=clean(progress.result_ref) if progress.result_ref else None,
        notes=progress.notes.strip() if progress.notes and progress.notes.strip() else None,
    )


def record_progress(
    database: Database,
    task_id: int,
    progress: Progress,
    *,
    occurrence_id: int | None = None,
    today: date | None = None,
    now: datetime | None = None,
    expected_version: int | None = None,
) -> Change:
    """Save status, completion date, result document and notes, with history.

    Marking done without a date takes *today* as the completion date; a completion date
    after today is refused; so is a task changed by someone else since *expected_version*.
    """
    progress = _validated(progress, today)
    stamp = now or datetime.now()
    with database.session() as session:
        task = session.get(Task, task_id)
        if task is None:
            raise TaskEditError("Không tìm thấy nhiệm vụ.")
        expect_version(session, task, expected_version)
        if occurrence_id is not None:
            occurrence = session.get(Occurrence, occurrence_id)
            if occurrence is None or occurrence.task_id != task_id:
                raise TaskEditError("Không tìm thấy kỳ thực hiện này của nhiệm vụ.")
            target: Task | Occurrence = occurrence
        else:
            target = task
        fields = {
            "status": progress.status,
            "completed_on": progress.completed_on,
            "result_ref": progress.result_ref,
            notes_column(target): progress.notes,
        }
        changed = _apply(session, task, target, fields, stamp, occurrence_id)
        if not changed:
            return Change()
        if occurrence_id is not None:
            task.status = overall_status([o.status for o in task.occurrences])
        _refresh(session, task, stamp)
    return Change(tasks=True, task_ids=frozenset({task_id}))


def _apply(
    session: Session,
    task: Task,
    target: Any,
    fields: dict[str, Any],
    stamp: datetime,
    occurrence_id: int | None,
) -> bool:
    changed = apply_changes(
        session, task.id, target, fields, source=USER, at=stamp, occurrence_id=occurrence_id
    )
    return bool(changed)


def _refresh(session: Session, task: Task, stamp: datetime) -> None:
    """Recompute the derived columns after a user edit."""
    refresh_task(session, task)
    task.updated_at = stamp


def extend_deadline(
    database: Database,
    task_id: int,
    new_due: date,
    reason: str,
    *,
    occurrence_id: int | None = None,
    now: datetime | None = None,
    expected_version: int | None = None,
) -> Change:
    """Gia hạn: move a due date, keeping the old one and the reason in the history."""
    reason = clean(reason)
    if not reason:
        raise TaskEditError("Hãy ghi lý do gia hạn.")
    stamp = now or datetime.now()
    with database.session() as session:
        task = session.get(Task, task_id)
        if task is None:
            raise TaskEditError("Không tìm thấy nhiệm vụ.")
        expect_version(session, task, expected_version)
        target: Any = task
        if occurrence_id is not None:
            target = session.get(Occurrence, occurrence_id)
            if target is None or target.task_id != task_id:
                raise TaskEditError("Không tìm thấy kỳ thực hiện này của nhiệm vụ.")
        elif task.kind == DeadlineKind.RECURRING and task.occurrences:
            raise TaskEditError("Nhiệm vụ định kỳ: hãy chọn kỳ cần gia hạn.")
        old_due = target.due
        if old_due == new_due:
            raise TaskEditError("Hạn mới trùng với hạn hiện tại.")
        if occurrence_id is not None and any(
            o.due == new_due for o in task.occurrences if o.id != occurrence_id
        ):
            raise TaskEditError("Đã có một kỳ khác của nhiệm vụ với hạn này.")
        session.add(
            Extension(
                task_id=task_id,
                occurrence_id=occurrence_id,
                old_due=old_due,
                new_due=new_due,
                reason=reason,
                created_at=stamp,
            )
        )
        record_history(
            session,
            task_id,
            "due",
            old_due,
            new_due,
            source=USER,
            at=stamp,
            occurrence_id=occurrence_id,
            extension_reason=reason,
        )
        target.due = new_due
        if occurrence_id is not None:
            target.quarter = quarter_key(new_due)
        elif task.kind in (DeadlineKind.UNKNOWN, DeadlineKind.CONDITIONAL):
            # The user set a deadline where the document gave none it could be read from.
            task.kind = DeadlineKind.DATED
        _refresh(session, task, stamp)
    return Change(tasks=True, task_ids=frozenset({task_id}))


def _same_occurrence(occurrence_id: int | None) -> Any:
    if occurrence_id is None:
        return Extension.occurrence_id.is_(None)
    return Extension.occurrence_id == occurrence_id


def undo_extension(
    database: Database,
    task_id: int,
    new_due: date,
    *,
    occurrence_id: int | None = None,
    now: datetime | None = None,
) -> Change:
    """Hoàn tác gia hạn: the due date goes back and the extension is no longer one.

    The extension row is removed (it never took effect for the report or the details
    pane's list); the history keeps both moves, the second marked as the undo.
    """
    stamp = now or datetime.now()
    with database.session() as session:
        task = session.get(Task, task_id)
        if task is None:
            raise TaskEditError("Không tìm thấy nhiệm vụ.")
        target: Any = task if occurrence_id is None else session.get(Occurrence, occurrence_id)
        if target is None or (occurrence_id is not None and target.task_id != task_id):
            raise TaskEditError("Không tìm thấy kỳ thực hiện này của nhiệm vụ.")
        last = session.scalars(
            select(Extension)
            .where(Extension.task_id == task_id, _same_occurrence(occurrence_id))
            .order_by(Extension.id.desc())
            .limit(1)
        ).first()
        if last is None or last.new_due != new_due or target.due != new_due:
            raise TaskEditError("Hạn của nhiệm vụ đã đổi sau lần gia hạn này; không hoàn tác được.")
        old_due = last.old_due
        if old_due is None:
            raise TaskEditError("Nhiệm vụ chưa có hạn trước khi gia hạn; không hoàn tác được.")
        record_history(
            session,
            task_id,
            "due",
            new_due,
            old_due,
            source=USER,
            at=stamp,
            occurrence_id=occurrence_id,
            extension_reason=f"hoàn tác gia hạn ({last.reason})",
        )
        session.delete(last)
        target.due = old_due
        if occurrence_id is not None:
            target.quarter = quarter_key(old_due)
        _refresh(session, task, stamp)
    return Change(tasks=True, task_ids=frozenset({task_id}))


def set_hidden(
    database: Database, task_id: int, hidden: bool, *, now: datetime | None = None
) -> Change:
    """Hide a task from every list (Delete in the window); it is never removed."""
    stamp = now or datetime.now()
    with database.session() as session:
        task = session.get(Task, task_id)
        if task is None:
            raise TaskEditError("Không tìm thấy nhiệm vụ.")
        if task.hidden == hidden:
            return Change()
        _apply(session, task, task, {"hidden": hidden}, stamp, None)
        task.updated_at = stamp
    return Change(tasks=True, task_ids=frozenset({task_id}))
