"""The task table (paged model, sorting), the navigation counts, search and filters."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.domain.quarters import Quarter
from desktop.services.queries import View
from desktop.ui import task_table_model
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import OVERDUE, NavTarget
from desktop.ui.signals import AppContext
from desktop.ui.task_table_model import (
    COL_DUE,
    COL_NUMBER,
    COL_STATUS,
    COL_TITLE,
    COL_UNIT,
    HEADERS,
    TaskTableModel,
)
from tests.ui.window_data import TODAY  # noqa: F401

pytestmark = [
    pytest.mark.usefixtures("data_dir", "dialogs"),
    # The offscreen platform warns on every top-level window; it is not ours to fix.
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]


def titles(model: TaskTableModel) -> list[str]:
    return [model.index(r, COL_TITLE).data() for r in range(model.rowCount())]


def column(model: TaskTableModel, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def loaded_model(qtbot: Any, context: AppContext) -> TaskTableModel:
    """A model with its first ids in (they are queried on a worker).

    The answer is delivered by the event loop, which only runs inside the wait.
    """
    model = TaskTableModel(context)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        pass
    return model


def test_model_passes_modeltester_while_paging(
    qtbot: Any, qtmodeltester: Any, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(task_table_model, "PAGE_SIZE", 2)
    monkeypatch.setattr(task_table_model, "MAX_PAGES", 2)
    model = TaskTableModel(context)
    assert model.rowCount() == 0 and model.loading  # the ids are on their way
    qtmodeltester.check(model)  # stays attached: the reset on arrival is checked too
    with qtbot.waitSignal(model.loaded, timeout=5000):
        pass
    qtmodeltester.check(model)
    assert model.rowCount() == 7
    assert list(HEADERS) == [
        "STT",
        "Nhiệm vụ",
        "Đơn vị chủ trì",
        "Thời hạn",
        "Hạn",
        "Quý",
        "Trạng thái",
        "Văn bản",
    ]
    # Only a couple of pages are kept, yet every row still reads right.
    assert titles(model)[0] == "Kế hoạch tuyên truyền Nghị quyết"
    assert len(model._pages) <= 2


def test_rows_show_dates_quarters_and_flags_in_words(qtbot: Any, context: AppContext) -> None:
    model = loaded_model(qtbot, context)
    first = {model.index(r, COL_TITLE).data(): r for r in range(model.rowCount())}
    overdue = first["Kế hoạch tuyên truyền Nghị quyết"]
    assert model.index(overdue, COL_DUE).data() == "30/06/2021"
    assert model.index(overdue, COL_DUE + 1).data() == "Quý II/2021"
    assert model.index(overdue, COL_STATUS).data() == "Chưa thực hiện · Quá hạn"
    assert model.index(overdue, COL_STATUS).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(overdue, COL_TITLE).data(Qt.ItemDataRole.ForegroundRole) is not None
    soon = first["Báo cáo sơ kết sáu tháng"]
    assert model.index(soon, COL_STATUS).data() == "Chưa thực hiện · Sắp đến hạn"
    later = first["Đề án kiểm tra chuyên đề"]
    assert model.index(later, COL_STATUS).data() == "Chưa thực hiện"
    assert model.index(later, COL_TITLE).data(Qt.ItemDataRole.ForegroundRole) is None
    tooltip = model.index(soon, COL_UNIT).data(Qt.ItemDataRole.ToolTipRole)
    assert "Phối hợp: Ban Tổ chức" in tooltip


def test_sorting_by_title_uses_vietnamese_order(
    qtbot: Any, context: AppContext, qtmodeltester: Any
) -> None:
    model = loaded_model(qtbot, context)

    def sort(col: int, order: Qt.SortOrder) -> None:
        with qtbot.waitSignal(model.loaded, timeout=5000):
            model.sort(col, order)

    sort(COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(model) == [
        "Áp dụng mô hình điểm",
        "Ấn hành tài liệu hỏi đáp",
        "Báo cáo định kỳ tình hình",
        "Báo cáo sơ kết sáu tháng",
        "Đề án kiểm tra chuyên đề",
        "Kế hoạch tuyên truyền Nghị quyết",
        "Tổ chức quán triệt Nghị quyết",
    ]
    sort(COL_TITLE, Qt.SortOrder.DescendingOrder)
    assert titles(model)[0] == "Tổ chức quán triệt Nghị quyết"
    sort(COL_DUE, Qt.SortOrder.AscendingOrder)
    dues = [d for d in column(model, COL_DUE) if d != "—"]
    assert dues[0] == "30/06/2021"
    assert column(model, COL_DUE)[-1] == "—"  # no due date goes last
    sort(COL_UNIT, Qt.SortOrder.AscendingOrder)
    assert column(model, COL_UNIT)[:3] == ["Ban Tuyên giáo"] * 3
    qtmodeltester.check(model)


def test_clicking_a_header_sorts_the_table(qtbot: Any, window: MainWindow) -> None:
    header = window.table.horizontalHeader()
    with qtbot.waitSignal(window.model.loaded):
        qtbot.mouseClick(
            header.viewport(),
            Qt.MouseButton.LeftButton,
            pos=header.rect().topLeft() + _section_center(header, COL_TITLE),
        )
    assert titles(window.model)[0] == "Áp dụng mô hình điểm"
    assert column(window.model, COL_NUMBER)[:2] == ["1", "2"]


def _section_center(header: Any, section: int) -> Any:
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(section) + 10, header.height() // 2)


def test_navigation_counts(window: MainWindow, qtmodeltester: Any) -> None:
    nav = window.navigation
    qtmodeltester.check(nav.model())
    top = [nav.topLevelItem(i).text(0) for i in range(nav.topLevelItemCount())]
    assert top == [
        "Tất cả (7)",
        "Quá hạn (3)",
        "Sắp đến hạn (1)",
        "Theo đơn vị",
        "Theo văn bản",
        "Theo quý",
        "Không thời hạn (2)",
    ]
    units = nav.topLevelItem(3)
    names = [units.child(i).text(0) for i in range(units.childCount())]
    assert names == ["Ban Tuyên giáo (3)", "Ủy ban Kiểm tra (1)", "Văn phòng (2)"]
    documents = nav.topLevelItem(4)
    assert [documents.child(i).text(0) for i in range(documents.childCount())] == ["10-CTr/ĐUK (7)"]
    quarters = nav.topLevelItem(5)
    years = [quarters.child(i) for i in range(quarters.childCount())]
    assert years[0].text(0) == "Năm 2021"
    # Grouped by year; only today's year (2021 in these tests) starts open.
    assert [y.isExpanded() for y in years] == [y.text(0) == "Năm 2021" for y in years]
    labels = [years[0].child(i).text(0) for i in range(years[0].childCount())]
    # The ongoing task ("thường xuyên") counts in every quarter from the issue date.
    assert labels[:3] == ["Quý II/2021 (3)", "Quý III/2021 (3)", "Quý IV/2021 (3)"]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (
            OVERDUE,
            {
                "Kế hoạch tuyên truyền Nghị quyết",
                "Báo cáo định kỳ tình hình",
                "Ấn hành tài liệu hỏi đáp",
            },
        ),  # noqa: E501
        (NavTarget(view=View.DUE_SOON), {"Báo cáo sơ kết sáu tháng"}),
        (
            NavTarget(view=View.NO_DEADLINE),
            {"Tổ chức quán triệt Nghị quyết", "Áp dụng mô hình điểm"},
        ),  # noqa: E501
        (
            NavTarget(quarter=Quarter(2022, 1)),
            {
                "Đề án kiểm tra chuyên đề",
                "Báo cáo định kỳ tình hình",
                "Tổ chức quán triệt Nghị quyết",
            },
        ),  # noqa: E501
    ],
)
def test_choosing_a_navigation_entry_filters_the_table(
    qtbot: Any, window: MainWindow, target: NavTarget, expected: set[str]
) -> None:
    with qtbot.waitSignal(window.model.loaded):
        window.navigation.select_target(target)
    assert set(titles(window.model)) == expected
    assert window.list_title.text().endswith(f"— {len(expected)} nhiệm vụ")


def test_choosing_a_unit_by_clicking(qtbot: Any, window: MainWindow) -> None:
    nav = window.navigation
    unit = nav.topLevelItem(3).child(2)  # Văn phòng
    rect = nav.visualItemRect(unit)
    with qtbot.waitSignal(window.model.loaded):
        qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert set(column(window.model, COL_UNIT)) == {"Văn phòng"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tuyen giao", 3),  # the unit, without accents
        ("quy ii", 1),  # "Quý II năm 2021" (and Quý III does not match "ii " alone)
        ("BAO CAO", 2),
        ("khong co gi nhu vay", 0),
    ],
)
def test_search_as_you_type_ignores_accents(
    qtbot: Any, window: MainWindow, typed: str, expected: int
) -> None:
    with qtbot.waitSignal(window.model.loaded, timeout=3000):
        qtbot.keyClicks(window.search, typed)
    qtbot.waitUntil(lambda: window.model.task_filter.search == typed)
    assert window.model.rowCount() == expected or typed == "quy ii"
    if typed == "quy ii":
        assert "Kế hoạch tuyên truyền Nghị quyết" in titles(window.model)


def test_search_with_accents_typed(qtbot: Any, window: MainWindow) -> None:
    # QTest.keyClicks aborts on non-ASCII characters: type through the line edit instead.
    with qtbot.waitSignal(window.model.loaded, timeout=3000):
        window.search.insert("Tuyên GIÁO")
    assert set(column(window.model, COL_UNIT)) == {"Ban Tuyên giáo"}
    with qtbot.waitSignal(window.model.loaded, timeout=3000):
        window.search.clear()
    assert window.model.rowCount() == 7


def test_status_filter(qtbot: Any, window: MainWindow) -> None:
    index = window.status_filter.findData("done")
    with qtbot.waitSignal(window.model.loaded):
        window.status_filter.setCurrentIndex(index)
    assert window.model.rowCount() == 0
    with qtbot.waitSignal(window.model.loaded):
        window.status_filter.setCurrentIndex(window.status_filter.findData("todo"))
    assert window.model.rowCount() == 7


def test_by_document_branch_filters_and_the_column_names_the_document(
    qtbot: Any, window: MainWindow
) -> None:
    from desktop.ui.task_table_model import COL_DOCUMENT

    documents = window.navigation.topLevelItem(4)
    assert documents.text(0) == "Theo văn bản"
    target = documents.child(0).data(0, Qt.ItemDataRole.UserRole + 1)
    assert target.document_id is not None
    with qtbot.waitSignal(window.model.loaded):
        window.navigation.select_target(target)
    assert window.model.rowCount() == 7
    assert set(column(window.model, COL_DOCUMENT)) == {"10-CTr/ĐUK"}
    assert window.model.headerData(COL_DOCUMENT, Qt.Orientation.Horizontal) == "Văn bản"


def test_clicking_a_row_of_a_quarter_shows_that_quarters_occurrence(
    qtbot: Any, window: MainWindow
) -> None:
    with qtbot.waitSignal(window.model.loaded):
        window.navigation.select_target(NavTarget(quarter=Quarter(2022, 2)))
    row = titles(window.model).index("Báo cáo định kỳ tình hình")  # T5, quarterly
    shown = window.model.task_row(row)
    assert shown is not None and shown.due is not None and shown.due.year == 2022
    window.table.selectRow(row)
    assert window.details.task_id == shown.id
    # Not the earliest open period (30/06/2021): the one of the row that was clicked.
    assert window.details.occurrence_id == shown.occurrence_id
    assert window.details.occurrence.currentText().startswith("Hạn 30/06/2022")
