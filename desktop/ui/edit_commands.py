"""Undoable corrections: add, edit, delete a task; rename, merge, move, "not a unit".

Each goes through :func:`~desktop.ui.undo.run_command`: the service runs once on the writer
thread, then a :class:`~desktop.ui.undo.ServiceCommand` whose redo and undo call the
services again is pushed. A merge or a "not a
unit" can be undone because the service returns a snapshot of the unit it took away; redo
takes a fresh one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from desktop.services.changes import Change
from desktop.services.task_editing import (
    TaskDraft,
    add_task,
    delete_task,
    draft_of,
    edit_task,
    edited_fields,
    restore_task,
)
from desktop.services.unit_admin import (
    UnitSnapshot,
    mark_not_unit,
    merge_units,
    move_back,
    move_tasks,
    restore_unit,
)
from desktop.services.units import rename_unit
from desktop.ui.signals import AppContext
from desktop.ui.undo import ErrorReporter, run_command


def add_task_command(
    context: AppContext, draft: TaskDraft, document_id: int | None, report: ErrorReporter
) -> int:
    """Add a task; undo deletes it (softly), redo brings the same task back."""
    database, clock, today = context.database, context.clock, context.today
    added: list[int] = []

    def add() -> Change:
        task_id, change = add_task(
            database, draft, document_id=document_id, today=today, now=clock()
        )
        added.append(task_id)
        return change

    run_command(
        context,
        "thêm nhiệm vụ",
        lambda: restore_task(database, added[0], now=clock()),
        lambda: delete_task(database, added[0], now=clock()),
        report,
        first=add,
    )
    return added[0]


def edit_task_command(
    context: AppContext,
    task_id: int,
    draft: TaskDraft,
    report: ErrorReporter,
    expected_version: int | None = None,
) -> Change:
    """Save the editor's draft, undoably.

    Refused if someone else saved the task since *expected_version* (the version the
    editor was filled at).
    """
    database, clock = context.database, context.clock
    before, marks = draft_of(database, task_id), edited_fields(database, task_id)
    return run_command(
        context,
        "sửa nhiệm vụ",
        lambda: edit_task(database, task_id, draft, now=clock()),
        lambda: edit_task(database, task_id, before, user_edited=marks, now=clock()),
        report,
        first=lambda: edit_task(
            database, task_id, draft, expected_version=expected_version, now=clock()
        ),
    )


def delete_task_command(context: AppContext, task_id: int, report: ErrorReporter) -> Change:
    database, clock = context.database, context.clock
    return run_command(
        context,
        "xoá nhiệm vụ",
        lambda: delete_task(database, task_id, now=clock()),
        lambda: restore_task(database, task_id, now=clock()),
        report,
    )


def rename_unit_command(
    context: AppContext, unit_id: int, old_name: str, new_name: str, report: ErrorReporter
) -> Change:
    database = context.database
    return run_command(
        context,
        "đổi tên đơn vị",
        lambda: rename_unit(database, unit_id, new_name),
        lambda: rename_unit(database, unit_id, old_name),
        report,
    )


class _Taken:
    """The snapshot of the unit the last run took away, for the next undo."""

    snapshot: UnitSnapshot | None = None

    def run(self, action: Callable[[], tuple[UnitSnapshot, Change]]) -> Change:
        self.snapshot, change = action()
        return change

    def restore(self, context: AppContext) -> Change:
        if self.snapshot is None:
            return Change()
        return restore_unit(context.database, self.snapshot)


def merge_units_command(
    context: AppContext, source_id: int, target_id: int, report: ErrorReporter
) -> Change:
    database, taken = context.database, _Taken()

    def merge() -> Change:
        return taken.run(lambda: merge_units(database, source_id, target_id))

    return run_command(context, "gộp đơn vị", merge, lambda: taken.restore(context), report)


def not_unit_command(context: AppContext, unit_id: int, report: ErrorReporter) -> Change:
    database, taken = context.database, _Taken()

    def mark() -> Change:
        return taken.run(lambda: mark_not_unit(database, unit_id))

    return run_command(
        context, "đánh dấu không phải đơn vị", mark, lambda: taken.restore(context), report
    )


def move_tasks_command(
    context: AppContext, task_ids: Sequence[int], target_id: int, report: ErrorReporter
) -> Change:
    database = context.database
    before: dict[int, int | None] = {}

    def move() -> Change:
        moved, change = move_tasks(database, task_ids, target_id)
        before.clear()
        before.update(moved)
        return change

    return run_command(
        context,
        "chuyển nhiệm vụ sang đơn vị khác",
        move,
        lambda: move_back(database, dict(before)),
        report,
    )
