"""The "Chỉ tiêu" tab of the import preview, through its real widgets: seed 002's targets
shown in words, one value edited and one target left out, and the database holds exactly
what the tab showed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from db.models import Target
from desktop.ui.import_dialog import TAB_TARGETS
from desktop.ui.import_targets_model import (
    COL_ACTION,
    COL_COMPARISON,
    COL_ID,
    COL_TEXT,
    COL_VALUE,
    SUB_INDENT,
)
from desktop.ui.signals import AppContext
from tests.targets.seed_targets import SEED_002
from tests.ui.test_import_preview_editing import (
    confirm_with_keys,
    current_editor,
    open_preview,
    reactivate,
    type_text,
)

pytestmark = [
    pytest.mark.usefixtures("data_dir", "dialogs"),
    pytest.mark.qt_log_ignore("propagateSizeHints", "support raise", "grabbing the keyboard"),
]


SHOTS = os.environ.get("SONHIEMVU_SHOTS")  # a folder: the tab is saved there to be looked at


def row_of(model: Any, ext_id: str) -> int:
    ids = [model.index(r, COL_ID).data() for r in range(model.rowCount())]
    return ids.index(ext_id)


def test_targets_tab_edits_are_what_is_imported(
    qtbot: Any, qtmodeltester: Any, context: AppContext
) -> None:
    dialog = open_preview(qtbot, context, SEED_002)
    model, view = dialog.targets_model, dialog.targets_view
    assert dialog.plan is not None and dialog.tabs.isTabVisible(TAB_TARGETS)
    assert "chỉ tiêu: " in dialog.summary.text() and " mới, 0 cập nhật" in dialog.summary.text()
    assert dialog.tabs.tabText(TAB_TARGETS) == f"Chỉ tiêu ({model.rowCount()})"
    assert model.rowCount() == len(dialog.plan.target_plan.targets) >= 10
    qtmodeltester.check(model)
    eight = row_of(model, "CT.8")
    assert model.index(eight, COL_COMPARISON).data() == "trên"
    assert model.index(eight, COL_VALUE).data() == "800"
    assert model.index(eight, COL_ACTION).data() == "mới"
    child = next(t for t in dialog.plan.target_plan.targets if t.parent)
    assert model.index(row_of(model, child.ext_id), COL_TEXT).data().startswith(SUB_INDENT)

    dialog.tabs.setCurrentIndex(TAB_TARGETS)
    # Edit CT.8's value as a user does: go to the cell, Enter, type, Enter.
    view.setFocus()
    view.setCurrentIndex(model.index(eight, COL_VALUE))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.state() == view.State.EditingState
    editor = current_editor(view)
    editor.selectAll()
    type_text(editor, "850")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert model.index(eight, COL_VALUE).data() == "850"
    # Leave CT.10 out: its check box, toggled with the space bar.
    ten = row_of(model, "CT.10")
    view.setCurrentIndex(model.index(ten, COL_ID))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.index(ten, COL_ID).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.index(ten, COL_ACTION).data() == "không nhập"
    assert model.edited and model.left_alone() == ("CT.10",)
    qtmodeltester.check(model)
    if SHOTS:
        dialog.resize(1200, 700)
        dialog.grab().save(str(Path(SHOTS) / "import-targets-tab.png"))

    reactivate(qtbot, dialog)
    confirm_with_keys(qtbot, dialog)
    with context.database.session() as session:
        found = {t.ext_id: t for t in session.scalars(select(Target))}
    assert found["CT.8"].value == 850
    assert "CT.10" not in found
    assert len(found) == model.rowCount() - 1


def test_a_sub_target_goes_with_its_target(qtbot: Any, context: AppContext) -> None:
    dialog = open_preview(qtbot, context, SEED_002)
    model = dialog.targets_model
    assert dialog.plan is not None
    child = next(t for t in dialog.plan.target_plan.targets if t.parent)
    assert child.parent is not None
    parent, sub = row_of(model, child.parent), row_of(model, child.ext_id)
    checked, unchecked = Qt.CheckState.Checked, Qt.CheckState.Unchecked
    model.setData(model.index(parent, COL_ID), unchecked, Qt.ItemDataRole.CheckStateRole)
    assert model.index(sub, COL_ID).data(Qt.ItemDataRole.CheckStateRole) == unchecked
    model.setData(model.index(sub, COL_ID), checked, Qt.ItemDataRole.CheckStateRole)
    assert model.index(parent, COL_ID).data(Qt.ItemDataRole.CheckStateRole) == checked
    # A value that is not a figure is refused; the file's stays.
    before = model.index(parent, COL_VALUE).data()
    assert not model.setData(model.index(parent, COL_VALUE), "nhiều")
    assert model.index(parent, COL_VALUE).data() == before
