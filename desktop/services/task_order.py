"""Task ids in display order, sorting either way with empty values last.

A stop-gap beside :func:`desktop.services.queries.task_ids`, whose descending sort puts
``.desc()`` inside the ``IS NULL`` test (``ORDER BY title_sort DESC IS NULL``), which
SQLite rejects. Once that is fixed there, the window can call it directly again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from db import Database
from db.models import Task, Unit
from desktop.services.queries import SortKey, TaskFilter, _filtered


def ordered_task_ids(
    database: Database,
    flt: TaskFilter,
    sort: SortKey = SortKey.POSITION,
    descending: bool = False,
) -> list[int]:
    """Ids of the tasks matching *flt*; rows without the sorted value always go last."""
    query = select(Task.id)
    if sort is SortKey.UNIT:
        query = query.outerjoin(Unit, Unit.id == Task.lead_unit_id)
    keys: list[Any]
    if sort is SortKey.TITLE:
        keys = [Task.title_sort]
    elif sort is SortKey.UNIT:
        keys = [Unit.sort_key, Task.document_id, Task.position]
    elif sort is SortKey.DEADLINE:
        keys = [Task.deadline_text]
    elif sort is SortKey.DUE:
        keys = [func.coalesce(Task.open_due, Task.due), Task.document_id, Task.position]
    elif sort is SortKey.STATUS:
        keys = [Task.status, func.coalesce(Task.open_due, Task.due)]
    else:
        keys = [Task.document_id, Task.position]
    empty_last = keys[0].is_(None)
    order = [key.desc() for key in keys] if descending else keys
    query = query.order_by(empty_last, *order, Task.id)
    with database.session() as session:
        return list(session.scalars(_filtered(query, flt)))
