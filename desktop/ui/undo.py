"""Undo (Ctrl+Z) of the user's edits: each command calls a service both ways.

The service runs *before* the command is pushed, so a refused edit (a
:class:`~desktop.services.tasks.TaskEditError`) never lands on the stack; the first
``redo()`` Qt makes on push is therefore skipped. Undo writes the previous values back
through the same service, so the undo itself is in the task's history too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QUndoCommand

from desktop.services.changes import Change
from desktop.services.tasks import (
    Progress,
    TaskDetail,
    extend_deadline,
    record_progress,
    set_hidden,
    undo_extension,
)
from desktop.ui.operations import write_and_wait
from desktop.ui.signals import AppContext

log = logging.getLogger(__name__)

ErrorReporter = Callable[[BaseException], None]


class ServiceCommand(QUndoCommand):
    """One undoable write; *apply* and *revert* each return the :class:`Change`."""

    def __init__(
        self,
        context: AppContext,
        text: str,
        apply: Callable[[], Change],
        revert: Callable[[], Change],
        report: ErrorReporter,
    ) -> None:
        super().__init__(text)
        self._context = context
        self._apply = apply
        self._revert = revert
        self._report = report
        self._skip_redo = True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run(self._apply)

    def undo(self) -> None:
        self._run(self._revert)

    def _run(self, action: Callable[[], Change]) -> None:
        try:
            change = write_and_wait(action)
        except Exception as error:  # reported to the user; the command can't be replayed
            self.setObsolete(True)
            self._report(error)
            return
        self._context.signals.broadcast(change)


def run_command(
    context: AppContext,
    text: str,
    apply: Callable[[], Change],
    revert: Callable[[], Change] | None,
    report: ErrorReporter,
    initiator: object | None = None,
    first: Callable[[], Change] | None = None,
) -> Change:
    """Run *apply* now; if it changed something and can be reverted, make it undoable.

    Errors from *apply* propagate to the caller, which shows them next to the form. The
    change is broadcast as made by *initiator*; an undo or redo later is made by no one
    (the form that made the edit must then show the values it did not type).

    Args:
        first: the first run instead of *apply*: the same write checked against the
            version the form showed (someone else's save since is refused); a redo
            later replays *apply* over the user's own undo, with no such check.
    """
    change = write_and_wait(first or apply)
    if not change.any:
        return change
    if revert is not None:
        context.undo_stack.push(ServiceCommand(context, text, apply, revert, report))
    context.signals.broadcast(change.by(initiator))
    return change


def progress_of(detail: TaskDetail, occurrence_id: int | None) -> Progress:
    """The progress as currently recorded, to restore it on undo."""
    return detail.progress_of(occurrence_id)


def record_progress_command(
    context: AppContext,
    detail: TaskDetail,
    progress: Progress,
    occurrence_id: int | None,
    report: ErrorReporter,
    initiator: object | None = None,
) -> Change:
    before = progress_of(detail, occurrence_id)
    database, task_id, today, clock = context.database, detail.id, context.today, context.clock
    return run_command(
        context,
        "ghi tiến độ",
        lambda: record_progress(
            database, task_id, progress, occurrence_id=occurrence_id, today=today, now=clock()
        ),
        lambda: record_progress(
            database, task_id, before, occurrence_id=occurrence_id, now=clock()
        ),
        report,
        initiator,
        first=lambda: record_progress(
            database,
            task_id,
            progress,
            occurrence_id=occurrence_id,
            today=today,
            expected_version=detail.version,
            now=clock(),
        ),
    )


def extend_command(
    context: AppContext,
    task_id: int,
    old_due: date | None,
    new_due: date,
    reason: str,
    occurrence_id: int | None,
    report: ErrorReporter,
) -> Change:
    """Gia hạn; undo moves the due date back and the extension is no longer listed.

    A task that had no due date cannot get "no due date" back through the services, so
    that extension is not undoable.
    """
    database, clock = context.database, context.clock
    revert = None
    if old_due is not None:

        def revert_extension() -> Change:
            return undo_extension(
                database, task_id, new_due, occurrence_id=occurrence_id, now=clock()
            )

        revert = revert_extension
    return run_command(
        context,
        "gia hạn",
        lambda: extend_deadline(
            database, task_id, new_due, reason, occurrence_id=occurrence_id, now=clock()
        ),
        revert,
        report,
    )


def hide_command(context: AppContext, task_id: int, report: ErrorReporter) -> Change:
    database, clock = context.database, context.clock
    return run_command(
        context,
        "ẩn nhiệm vụ",
        lambda: set_hidden(database, task_id, True, now=clock()),
        lambda: set_hidden(database, task_id, False, now=clock()),
        report,
    )
