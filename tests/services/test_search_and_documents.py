"""A quarter named in the search box selects the tasks due in it; tasks by document."""

from __future__ import annotations

import pytest

from db import Database
from desktop.domain.quarters import Quarter, quarter_in_search
from desktop.services.queries import TaskFilter, list_tasks, navigation_counts
from tests.conftest import import_payload, task_json
from tests.services.test_quarter_report import Q2, TODAY, seed_quarter


@pytest.mark.parametrize(
    ("typed", "number", "year", "rest"),
    [
        ("quy ii", 2, None, ""),
        ("quý II", 2, None, ""),
        ("Q2/2021", 2, 2021, ""),
        ("quý 2 năm 2021", 2, 2021, ""),
        ("Quý IV/2021 tuyên giáo", 4, 2021, "tuyen giao"),
        ("báo cáo quý I", 1, None, "bao cao"),
    ],
)
def test_quarter_in_search(typed: str, number: int, year: int | None, rest: str) -> None:
    found = quarter_in_search(typed)
    assert found is not None
    assert (found.number, found.year, found.rest) == (number, year, rest)


@pytest.mark.parametrize("typed", ["quy định", "Nghị quyết", "II.1", "quyết định II", "quyen"])
def test_words_that_are_no_quarter(typed: str) -> None:
    assert quarter_in_search(typed) is None


def _titles(database: Database, search: str) -> set[str]:
    return {r.ext_id for r in list_tasks(database, TaskFilter(today=TODAY, search=search))}


def test_searching_a_quarter_finds_the_tasks_due_in_it(database: Database) -> None:
    seed_quarter(database)
    due_in_q2 = {r.ext_id for r in list_tasks(database, TaskFilter(today=TODAY, quarter=Q2))}
    for typed in ("Q2/2021", "quý 2 năm 2021", "Quý II/2021", "quy ii nam 2021"):
        assert _titles(database, typed) == due_in_q2, typed
    # Without a year: the second quarter of any year; no "quy định", no section "II.".
    anywhere = _titles(database, "quy ii")
    assert due_in_q2 - {"PL.6", "PL.7"} <= anywhere  # the spans are no due date in Q2
    for task in list_tasks(database, TaskFilter(today=TODAY, search="quy ii")):
        assert task.due is not None and Quarter.of(task.due).number == 2 or task.kind == "recurring"


def test_tasks_by_document_and_a_document_without_number(database: Database) -> None:
    seed_quarter(database)
    import_payload(
        database,
        task_json(
            [{"id": "K1", "title": "Nhiệm vụ của kế hoạch"}],
            number=None,
            title="Kế hoạch thực hiện Chỉ thị 05",
            source_file="ke-hoach.txt",
        ),
    )
    counts = navigation_counts(database, TODAY)
    labels = [label for _id, label, _n in counts.documents]
    assert labels == ["10-CTr/ĐUK", "Kế hoạch thực hiện Chỉ thị 05"]
    plan_id = counts.documents[1][0]
    rows = list_tasks(database, TaskFilter(today=TODAY, document_id=plan_id))
    assert [r.ext_id for r in rows] == ["K1"]
    assert rows[0].document_label == "Kế hoạch thực hiện Chỉ thị 05"
