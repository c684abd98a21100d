"""The "Chỉ tiêu" window: seed 002's nine yearly targets of 2021 entered, eight met, undo.

Values are typed through the model (as the table's editor does), each one an undoable write
with a history entry; the count below the table, the exported PDF and the history follow.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from desktop.ui.main_window import MainWindow
from desktop.ui.signals import AppContext, AppSignals
from desktop.ui.targets_view import ACHIEVED, RESULT, TargetsWindow
from tests.targets.seed_targets import MISSED, YEARLY_2021, import_seed_002
from tests.ui.conftest import Dialogs

TODAY = date(2021, 12, 31)
# The offscreen platform says so of every top-level window shown (as in the other tests).
pytestmark = [pytest.mark.qt_log_ignore("propagateSizeHints", r"raise\(\)")]


@pytest.fixture
def view(qtbot: Any, tmp_path: Path, data_dir: Path, dialogs: Dialogs, qapp: Any) -> Any:
    database = import_seed_002(tmp_path / "db.sqlite3")
    context = AppContext(database, TODAY, AppSignals(), QUndoStack())
    window = TargetsWindow(context)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.query.finished, timeout=5000):
        window.show()
    yield window
    from desktop.ui.background import wait_for_background

    window.close()
    assert wait_for_background()
    database.dispose()


def _reloaded(qtbot: Any, view: TargetsWindow) -> Any:
    return qtbot.waitSignal(view.query.finished, timeout=5000)


def _enter(qtbot: Any, view: TargetsWindow, start: str, text: str) -> None:
    row = next(i for i, r in enumerate(view.model.rows) if r.text.startswith(start))
    with _reloaded(qtbot, view):
        assert view.model.setData(view.model.index(row, ACHIEVED), text)


def test_nine_yearly_targets_eight_met_with_undo_history_and_pdf(
    qtbot: Any, qtmodeltester: Any, view: TargetsWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    assert view.period == "2021"
    qtmodeltester.check(view.model)
    top = [r for r in view.model.rows if not r.is_sub_target]
    assert len(top) == 9
    assert "Đạt 0/9 chỉ tiêu" in view.summary_label.text()
    for start, value in YEARLY_2021.items():
        text = "đạt" if value.met else str(value.achieved).removesuffix(".0").replace(".", ",")
        _enter(qtbot, view, start, text)
    qtmodeltester.check(view.model)
    summary = view.summary_label.text()
    assert summary.startswith("Năm 2021: Đạt 8/9 chỉ tiêu; chưa đạt 1 chỉ tiêu: " + MISSED)
    assert "(đạt 80%)" in summary
    missed = next(i for i, r in enumerate(view.model.rows) if r.name == MISSED)
    index = view.model.index(missed, RESULT)
    assert index.data() == "Không đạt"
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert view.model.index(missed, ACHIEVED).data() == "80%"

    # The history of the selected target, newest first.
    with qtbot.waitSignal(view.history_query.finished, timeout=5000):
        view.table.setCurrentIndex(view.model.index(missed, 1))
    assert "Đạt được (Năm 2021): — → 80" in view.history.item(0).text()

    # Undo takes the last entry back (the qualitative "Đoàn Thanh niên …"); redo puts it again.
    with _reloaded(qtbot, view):
        view.context.undo_stack.undo()
    assert "Đạt 7/9 chỉ tiêu" in view.summary_label.text()
    assert view.summary_label.text().endswith("; 1 chỉ tiêu chưa đánh giá.")
    with _reloaded(qtbot, view):
        view.context.undo_stack.redo()
    assert "Đạt 8/9 chỉ tiêu; chưa đạt 1 chỉ tiêu" in view.summary_label.text()

    # A wrong entry is refused with a message and writes nothing.
    assert not view.model.setData(view.model.index(missed, ACHIEVED), "tám mươi")
    assert any("không phải một số" in text for text in dialogs.texts("warning"))

    pdf = view.export_report(tmp_path / "chi-tieu-2021.pdf")
    assert pdf is not None
    text = " ".join(
        " ".join(unicodedata.normalize("NFC", p.extract_text()).split())
        for p in PdfReader(pdf).pages
    )
    assert "đạt 8/9 chỉ tiêu" in text and MISSED in text


def test_a_period_of_the_term_shows_every_target(qtbot: Any, view: TargetsWindow) -> None:
    with _reloaded(qtbot, view):
        view.select(None, "giua-ky")
    assert len([r for r in view.model.rows if not r.is_sub_target]) == 10
    assert view.summary_label.text().startswith("Sơ kết giữa nhiệm kỳ: Đạt 0/10 chỉ tiêu")


def test_the_main_window_opens_the_view(qtbot: Any, window: MainWindow) -> None:
    window.targets_action.trigger()
    views = [w for w in window.findChildren(TargetsWindow)]
    assert len(views) == 1 and views[0].isVisible()
    qtbot.waitUntil(lambda: "Không có chỉ tiêu" in views[0].summary_label.text(), timeout=5000)
    views[0].close()
