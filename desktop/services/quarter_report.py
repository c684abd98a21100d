"""The quarter's report: one row per task and per occurrence, and the counts per unit.

The CSV, the Excel workbook and the printed report all read from here, so the three never
disagree about what "Quý II/2021" holds. The task list (:mod:`desktop.services.queries`)
shows one line per task; a report needs one line per *occurrence* — a monthly task has
three in a quarter, each with its own due date, status and result — and the user's notes,
which the list rows do not carry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from db import Database
from db.models import Occurrence, Task
from desktop.domain.categories import Category, categorize
from desktop.domain.deadline_spec import DeadlineKind
from desktop.domain.quarters import Quarter
from desktop.domain.status import STATUS_LABELS, TaskStatus
from desktop.domain.text import sortable
from desktop.services.queries import TaskFilter, TaskRow, list_tasks

NO_UNIT = "(Chưa xác định đơn vị chủ trì)"
"""Shown where the document names no lead unit: such tasks still count and still print."""

CATEGORIES: tuple[Category, ...] = (
    Category.DONE_ON_TIME,
    Category.DONE_LATE,
    Category.OPEN_ON_TIME,
    Category.OPEN_OVERDUE,
    Category.NO_DEADLINE,
)
"""Report order of the categories: done first, as the reports the secretary copies do."""


@dataclass(frozen=True)
class ReportRow:
    """One line of the quarterly report: a task, or one occurrence of a recurring task.

    What the document states (title, units, deadline phrase, …) is the list's
    :class:`TaskRow`, as is; the fields here are those an occurrence has of its own.
    """

    task: TaskRow
    occurrence_id: int | None
    due: date | None
    status: str
    completed_on: date | None
    category: Category
    result_ref: str | None
    notes: str | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def unit_shown(self) -> str:
        return self.task.lead_unit or NO_UNIT

    @property
    def overdue(self) -> bool:
        return self.category is Category.OPEN_OVERDUE


@dataclass(frozen=True)
class UnitSummary:
    """How many rows of one unit (or of all units, for the total line) fall in each category."""

    unit: str
    counts: tuple[int, ...]  # aligned with CATEGORIES

    @property
    def total(self) -> int:
        return sum(self.counts)

    def count(self, category: Category) -> int:
        return self.counts[CATEGORIES.index(category)]


@dataclass(frozen=True)
class QuarterReport:
    quarter: Quarter
    today: date
    unit: str | None  # the unit the report was limited to, if any
    rows: tuple[ReportRow, ...]
    by_unit: tuple[UnitSummary, ...]  # units in Vietnamese alphabetical order
    total: UnitSummary

    def grouped(self) -> tuple[tuple[str, tuple[ReportRow, ...]], ...]:
        """Rows by lead unit (in the order of :attr:`by_unit`), overdue ones first.

        Within a unit the overdue rows come first because that is what the reader of a
        quarterly report must act on; the rest keep document order.
        """
        groups: dict[str, list[ReportRow]] = defaultdict(list)
        for row in self.rows:
            groups[row.unit_shown].append(row)
        return tuple(
            (s.unit, tuple(sorted(groups[s.unit], key=lambda r: not r.overdue)))
            for s in self.by_unit
        )


def quarter_report(
    database: Database, quarter: Quarter, today: date, unit_id: int | None = None
) -> QuarterReport:
    """Everything a quarterly export or print needs, as of *today*.

    Args:
        unit_id: limit to tasks this unit leads (``None``: all units).
    """
    rows = report_rows(database, quarter, today, unit_id)
    by_unit = summarize(rows)
    total = UnitSummary(
        "Tổng cộng",
        tuple(sum(s.counts[i] for s in by_unit) for i in range(len(CATEGORIES))),
    )
    unit = None
    if unit_id is not None:
        unit = next((r.task.lead_unit for r in rows if r.task.lead_unit), None)
    return QuarterReport(quarter, today, unit, tuple(rows), tuple(by_unit), total)


def report_rows(
    database: Database, quarter: Quarter, today: date, unit_id: int | None = None
) -> list[ReportRow]:
    """Rows in document order; a recurring task's occurrences of the quarter in date order.

    Which tasks fall in the quarter is decided by the same filter as the window's
    "Theo quý" view (dated tasks due in it, recurring tasks with an occurrence in it,
    period and ongoing tasks whose span overlaps it), so the report and the screen agree.
    """
    tasks = list_tasks(database, TaskFilter(today=today, quarter=quarter, unit_id=unit_id))
    if not tasks:
        return []
    ids = [t.id for t in tasks]
    notes: dict[int, str | None] = {}
    occurrences: dict[int, list[Occurrence]] = defaultdict(list)
    with database.session() as session:
        for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
            chunk = ids[start : start + 900]
            for task_id, task_notes in session.execute(
                select(Task.id, Task.progress_notes).where(Task.id.in_(chunk))
            ):
                notes[task_id] = task_notes
            for occurrence in session.scalars(
                select(Occurrence)
                .where(Occurrence.task_id.in_(chunk), Occurrence.quarter == quarter.key)
                .order_by(Occurrence.task_id, Occurrence.due)
            ):
                occurrences[occurrence.task_id].append(occurrence)
        session.expunge_all()
    rows: list[ReportRow] = []
    for task in tasks:
        if task.kind == DeadlineKind.RECURRING and occurrences[task.id]:
            rows.extend(_occurrence_row(task, o, today) for o in occurrences[task.id])
        else:
            rows.append(_task_row(task, notes.get(task.id)))
    return rows


def _task_row(task: TaskRow, notes: str | None) -> ReportRow:
    return ReportRow(
        task=task,
        occurrence_id=task.occurrence_id,
        due=task.due,
        status=task.status,
        completed_on=task.completed_on,
        category=task.category,
        result_ref=task.result_ref,
        notes=notes,
    )


def _occurrence_row(task: TaskRow, occurrence: Occurrence, today: date) -> ReportRow:
    done = occurrence.status == TaskStatus.DONE
    return ReportRow(
        task=task,
        occurrence_id=occurrence.id,
        due=occurrence.due,
        status=occurrence.status,
        completed_on=occurrence.completed_on,
        category=categorize(occurrence.due, occurrence.completed_on, done, today),
        result_ref=occurrence.result_ref,
        notes=occurrence.notes,
    )


def summarize(rows: Sequence[ReportRow]) -> list[UnitSummary]:
    """Counts per lead unit and category; units in Vietnamese alphabetical order."""
    counts: dict[str, list[int]] = {}
    for row in rows:
        bucket = counts.setdefault(row.unit_shown, [0] * len(CATEGORIES))
        bucket[CATEGORIES.index(row.category)] += 1
    # Tasks without a lead unit go last: they are the ones the secretary must still assign.
    order = sorted(counts, key=lambda name: (name == NO_UNIT, sortable(name)))
    return [UnitSummary(name, tuple(counts[name])) for name in order]
