"""Read-side use cases: the task lists the window and ``sonhiemvu list`` show.

A list is two steps, as in Anki's browser: :func:`task_ids` runs the filter and sort in
SQL and returns ids only (cheap even at 100,000 tasks); :func:`task_rows` fetches the
display rows for a slice of ids when a view needs them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from db import Database
from db.models import Document, Occurrence, Task, TaskSupportUnit, Unit
from desktop.domain.categories import (
    DUE_SOON_DAYS,
    Category,
    Flag,
    categorize,
    current_occurrence,
    due_soon_until,
    flag_for,
    overdue_before,
)
from desktop.domain.deadline_spec import DeadlineKind
from desktop.domain.quarters import Quarter, quarter_in_search
from desktop.domain.status import STATUS_LABELS, TaskStatus
from desktop.domain.text import fold

__all__ = [
    "DUE_SOON_DAYS",
    "Flag",
    "NavigationCounts",
    "SortKey",
    "TaskFilter",
    "TaskRow",
    "View",
    "count_tasks",
    "flag_for",
    "list_tasks",
    "navigation_counts",
    "task_ids",
    "task_rows",
]


class View(StrEnum):
    ALL = "all"
    OVERDUE = "overdue"
    DUE_SOON = "soon"
    NO_DEADLINE = "no_deadline"


class SortKey(StrEnum):
    POSITION = "position"
    TITLE = "title"
    UNIT = "unit"
    DEADLINE = "deadline"
    DUE = "due"
    STATUS = "status"


@dataclass(frozen=True)
class TaskFilter:
    today: date
    view: View = View.ALL
    unit_id: int | None = None
    quarter: Quarter | None = None
    document_id: int | None = None
    status: str | None = None
    search: str = ""
    include_hidden: bool = False
    soon_days: int = DUE_SOON_DAYS


def document_label(number: str | None, title: str | None) -> str:
    """How a document is named: its number ("10-CTr/ĐUK"), or its title when it has none."""
    if number:
        return number
    if title:
        return title if len(title) <= 60 else title[:59].rstrip() + "…"
    return "(Văn bản chưa có số)"


@dataclass(frozen=True)
class TaskRow:
    """One line of a task list, ready to show (dates as dates; formatting is the view's)."""

    id: int
    ext_id: str
    document_number: str | None
    title: str
    lead_unit: str | None
    support_units: tuple[str, ...]
    deadline_text: str | None
    kind: str
    recurrence: str | None
    due: date | None
    quarter: Quarter | None
    status: str
    completed_on: date | None
    result_ref: str | None
    category: Category
    flag: Flag
    occurrence_id: int | None
    missing_from_source: bool
    hidden: bool
    document_title: str | None = None

    @property
    def document_label(self) -> str:
        return document_label(self.document_number, self.document_title)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def overdue(self) -> bool:
        return self.flag is Flag.OVERDUE


def _quarter_clause(quarter: Quarter) -> ColumnElement[bool]:
    first, last = quarter.first_day, quarter.last_day
    in_occurrence = exists().where(Occurrence.task_id == Task.id, Occurrence.quarter == quarter.key)
    spans = and_(
        Task.kind.in_([DeadlineKind.PERIOD, DeadlineKind.ONGOING]),
        or_(Task.span_start.is_(None), Task.span_start <= last),
        or_(Task.span_end.is_(None), Task.span_end >= first),
    )
    return or_(
        and_(Task.kind != DeadlineKind.RECURRING, Task.due_quarter == quarter.key),
        and_(Task.kind == DeadlineKind.RECURRING, in_occurrence),
        and_(spans, or_(Task.span_start.is_not(None), Task.span_end.is_not(None))),
    )


def _quarter_number_clause(number: int) -> ColumnElement[bool]:
    """Due in the *number*-th quarter of any year (a search for "quý II" without a year)."""
    in_occurrence = exists().where(Occurrence.task_id == Task.id, Occurrence.quarter % 10 == number)
    return or_(
        and_(Task.kind != DeadlineKind.RECURRING, Task.due_quarter % 10 == number),
        and_(Task.kind == DeadlineKind.RECURRING, in_occurrence),
    )


def _search_clause(text: str) -> ColumnElement[bool] | None:
    """Every word in the task's search key; a quarter named ("quý II/2021") is a due filter.

    "quy ii" as two words matched "quy định" and section "II." in 86 of 153 tasks: a
    quarter is what the secretary means by it, so it selects the tasks due in it.
    """
    clauses = []
    named = quarter_in_search(text)
    if named is not None:
        quarter = named.quarter
        clauses.append(
            _quarter_clause(quarter)
            if quarter is not None
            else _quarter_number_clause(named.number)
        )
        words = named.rest.split()
    else:
        words = fold(text).split()
    if not words and not clauses:
        return None
    for word in words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append(Task.search_key.like(f"%{escaped}%", escape="\\"))
    return and_(*clauses)


def _filtered(query: Select[Any], flt: TaskFilter) -> Select[Any]:
    if not flt.include_hidden:
        query = query.where(Task.hidden.is_(False))
    # open_due is the due date of what is still open (None once done): the domain rule's
    # bounds on it select exactly the rows flag_for marks overdue or due soon.
    if flt.view is View.OVERDUE:
        query = query.where(Task.open_due < overdue_before(flt.today))
    elif flt.view is View.DUE_SOON:
        query = query.where(
            Task.open_due >= overdue_before(flt.today),
            Task.open_due <= due_soon_until(flt.today, flt.soon_days),
        )
    elif flt.view is View.NO_DEADLINE:
        query = query.where(Task.due.is_(None), Task.kind != DeadlineKind.PERIOD)
    if flt.unit_id is not None:
        query = query.where(Task.lead_unit_id == flt.unit_id)
    if flt.quarter is not None:
        query = query.where(_quarter_clause(flt.quarter))
    if flt.document_id is not None:
        query = query.where(Task.document_id == flt.document_id)
    if flt.status:
        query = query.where(Task.status == flt.status)
    clause = _search_clause(flt.search)
    if clause is not None:
        query = query.where(clause)
    return query


def task_ids(
    database: Database,
    flt: TaskFilter,
    sort: SortKey = SortKey.POSITION,
    descending: bool = False,
) -> list[int]:
    """Ids of the tasks matching *flt*, in display order."""
    query = select(Task.id)
    if sort is SortKey.UNIT:
        query = query.outerjoin(Unit, Unit.id == Task.lead_unit_id)
    order: list[Any]
    if sort is SortKey.TITLE:
        order = [Task.title_sort]
    elif sort is SortKey.UNIT:
        order = [Unit.sort_key, Task.document_id, Task.position]
    elif sort is SortKey.DEADLINE:
        order = [Task.deadline_text]
    elif sort is SortKey.DUE:
        order = [func.coalesce(Task.open_due, Task.due), Task.document_id, Task.position]
    elif sort is SortKey.STATUS:
        order = [Task.status, func.coalesce(Task.open_due, Task.due)]
    else:
        order = [Task.document_id, Task.position]
    empty_last = order[0].is_(None)
    if descending:
        order = [o.desc() for o in order]
    # Rows without a value go last whichever way the user sorts. The columns of the other
    # sorts are never NULL, and without the IS NULL term the default order is read
    # straight off ix_tasks_list_order instead of sorting 100,000 rows.
    if sort in (SortKey.POSITION, SortKey.TITLE, SortKey.STATUS):
        query = query.order_by(*order, Task.id)
    else:
        query = query.order_by(empty_last, *order, Task.id)
    with database.session() as session:
        # Core rows, unpacked: a third of the ORM's cost per id at 100,000 tasks.
        return [task_id for (task_id,) in session.connection().execute(_filtered(query, flt))]


def count_tasks(database: Database, flt: TaskFilter) -> int:
    with database.session() as session:
        return session.scalar(_filtered(select(func.count(Task.id)), flt)) or 0


def task_rows(
    database: Database, ids: Sequence[int], today: date, quarter: Quarter | None = None
) -> list[TaskRow]:
    """Display rows for *ids*, in the order given.

    With *quarter*, a recurring task shows its occurrence in that quarter (its own due
    date and status), as the quarterly report counts it.
    """
    if not ids:
        return []
    with database.session() as session:
        return _rows(session, list(ids), today, quarter)


def _rows(session: Session, ids: list[int], today: date, quarter: Quarter | None) -> list[TaskRow]:
    by_id: dict[int, TaskRow] = {}
    for chunk_start in range(0, len(ids), 900):
        chunk = ids[chunk_start : chunk_start + 900]
        supports: dict[int, list[str]] = defaultdict(list)
        for task_id, name in session.execute(
            select(TaskSupportUnit.task_id, Unit.name)
            .join(Unit, Unit.id == TaskSupportUnit.unit_id)
            .where(TaskSupportUnit.task_id.in_(chunk))
            # unit_id breaks ties (a unit restored after a merge takes back position 0
            # beside the one that held it meanwhile): the same order on every backend.
            .order_by(TaskSupportUnit.task_id, TaskSupportUnit.position, TaskSupportUnit.unit_id)
        ):
            supports[task_id].append(name)
        occurrences: dict[int, list[Any]] = defaultdict(list)
        occurrence_query = select(*_OCCURRENCE_COLUMNS).where(Occurrence.task_id.in_(chunk))
        if quarter is not None:
            occurrence_query = occurrence_query.where(Occurrence.quarter == quarter.key)
        else:
            # Only the occurrence that matters now: the earliest open one, else the last.
            occurrence_query = occurrence_query.join(Task, Task.id == Occurrence.task_id).where(
                or_(Occurrence.due == Task.open_due, Task.open_due.is_(None))
            )
        for occurrence in session.execute(occurrence_query.order_by(Occurrence.due)):
            occurrences[occurrence.task_id].append(occurrence)
        rows = session.execute(
            select(*_ROW_COLUMNS, Unit.name, Document.number, Document.title.label("doc_title"))
            .join(Document, Document.id == Task.document_id)
            .outerjoin(Unit, Unit.id == Task.lead_unit_id)
            .where(Task.id.in_(chunk))
        )
        for task in rows:
            by_id[task.id] = _row(
                task, task.name, task.number, supports[task.id], occurrences[task.id], today
            )
    return [by_id[i] for i in ids if i in by_id]


# Plain columns, not ORM entities: a page of rows costs a third as much (docs/benchmarks.md).
_ROW_COLUMNS = (
    Task.id,
    Task.ext_id,
    Task.title,
    Task.deadline_text,
    Task.kind,
    Task.recurrence,
    Task.due,
    Task.status,
    Task.completed_on,
    Task.result_ref,
    Task.missing_from_source,
    Task.hidden,
)
_OCCURRENCE_COLUMNS = (
    Occurrence.id,
    Occurrence.task_id,
    Occurrence.due,
    Occurrence.status,
    Occurrence.completed_on,
    Occurrence.result_ref,
)


def _row(
    task: Any,
    unit_name: str | None,
    number: str | None,
    supports: list[str],
    occurrences: list[Any],
    today: date,
) -> TaskRow:
    """*task* and *occurrences* are rows of ``_ROW_COLUMNS`` and ``_OCCURRENCE_COLUMNS``."""
    due, status, completed, result, occurrence_id = (
        task.due,
        task.status,
        task.completed_on,
        task.result_ref,
        None,
    )
    # Within the quarter, when one is asked for.
    chosen = current_occurrence(occurrences) if task.kind == DeadlineKind.RECURRING else None
    if chosen is not None:
        due, status, completed = chosen.due, chosen.status, chosen.completed_on
        result, occurrence_id = chosen.result_ref, chosen.id
    done = status == TaskStatus.DONE
    category = categorize(due, completed, done, today)
    return TaskRow(
        id=task.id,
        ext_id=task.ext_id,
        document_number=number,
        title=task.title,
        lead_unit=unit_name,
        support_units=tuple(supports),
        deadline_text=task.deadline_text,
        kind=task.kind,
        recurrence=task.recurrence,
        due=due,
        quarter=Quarter.of(due) if due else None,
        status=status,
        completed_on=completed,
        result_ref=result,
        category=category,
        flag=flag_for(due, done, today),
        occurrence_id=occurrence_id,
        missing_from_source=task.missing_from_source,
        hidden=task.hidden,
        document_title=task.doc_title,
    )


def list_tasks(
    database: Database,
    flt: TaskFilter,
    sort: SortKey = SortKey.POSITION,
    descending: bool = False,
) -> list[TaskRow]:
    """Everything at once: for the command line and exports, not for 100,000-row views."""
    return task_rows(database, task_ids(database, flt, sort, descending), flt.today, flt.quarter)


@dataclass(frozen=True)
class NavigationCounts:
    """The numbers beside each entry of the navigation pane."""

    total: int
    overdue: int
    due_soon: int
    no_deadline: int
    units: tuple[tuple[int, str, int], ...]  # (unit id, name, count) in Vietnamese order
    quarters: tuple[tuple[Quarter, int], ...]
    documents: tuple[tuple[int, str, int], ...] = ()  # (document id, label, count), imported order


def navigation_counts(database: Database, today: date) -> NavigationCounts:
    base = TaskFilter(today=today)
    with database.session() as session:

        def count(flt: TaskFilter) -> int:
            return session.scalar(_filtered(select(func.count(Task.id)), flt)) or 0

        total = count(base)
        overdue = count(TaskFilter(today=today, view=View.OVERDUE))
        soon = count(TaskFilter(today=today, view=View.DUE_SOON))
        none = count(TaskFilter(today=today, view=View.NO_DEADLINE))
        unit_rows = session.execute(
            select(Unit.id, Unit.name, func.count(Task.id))
            .join(Task, Task.lead_unit_id == Unit.id)
            .where(Task.hidden.is_(False))
            .group_by(Unit.id, Unit.name, Unit.sort_key)
            .order_by(Unit.sort_key)
        )
        units = tuple((uid, name, n) for uid, name, n in unit_rows)
        quarters = _quarter_counts(session)
        documents = tuple(
            (doc_id, document_label(number, title), n)
            for doc_id, number, title, n in session.execute(
                select(Document.id, Document.number, Document.title, func.count(Task.id))
                .join(Task, Task.document_id == Document.id)
                .where(Task.hidden.is_(False))
                .group_by(Document.id, Document.number, Document.title)
                .order_by(Document.id)
            )
        )
    return NavigationCounts(total, overdue, soon, none, units, quarters, documents)


def _quarter_counts(session: Session) -> tuple[tuple[Quarter, int], ...]:
    counts: dict[int, int] = defaultdict(int)
    visible = Task.hidden.is_(False)
    for key, n in session.execute(
        select(Task.due_quarter, func.count())
        .where(visible, Task.kind != DeadlineKind.RECURRING, Task.due_quarter.is_not(None))
        .where(Task.kind.not_in([DeadlineKind.PERIOD, DeadlineKind.ONGOING]))
        .group_by(Task.due_quarter)
    ):
        if key is not None:
            counts[key] += n
    for key, n in session.execute(
        # "Not one of the (few) hidden tasks" rather than a join: an index-only scan of
        # ix_occurrences_quarter instead of one task lookup per occurrence.
        select(Occurrence.quarter, func.count(func.distinct(Occurrence.task_id)))
        .where(Occurrence.task_id.not_in(select(Task.id).where(Task.hidden.is_(True))))
        .group_by(Occurrence.quarter)
    ):
        counts[key] += n
    if not counts:
        return ()
    first, last = Quarter.from_key(min(counts)), Quarter.from_key(max(counts))
    spans = session.execute(
        select(Task.span_start, Task.span_end, func.count())
        .where(visible, Task.kind.in_([DeadlineKind.PERIOD, DeadlineKind.ONGOING]))
        .where(or_(Task.span_start.is_not(None), Task.span_end.is_not(None)))
        .group_by(Task.span_start, Task.span_end)
    )
    for start, end, n in spans:
        quarter = Quarter.of(start) if start else first
        stop = Quarter.of(end) if end else last
        quarter = max(quarter, first)
        stop = min(stop, last)
        while quarter <= stop:
            counts[quarter.key] += n
            quarter = quarter.next()
    return tuple((Quarter.from_key(k), counts[k]) for k in sorted(counts))
