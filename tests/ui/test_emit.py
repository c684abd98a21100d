"""Signals emitted from Python leave ``True`` its references (PySide6 6.12, see ui/emit.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.ui.emit import emit

UI = Path(__file__).resolve().parents[2] / "desktop" / "ui"


class _Sender(QObject):
    ping = Signal(int)


def test_a_thousand_emits_take_no_reference_from_true(qapp: Any) -> None:
    sender = _Sender()
    heard: list[int] = []
    sender.ping.connect(heard.append)
    before = sys.getrefcount(True)
    for number in range(1000):
        emit(sender.ping, number)
    assert len(heard) == 1000
    assert sys.getrefcount(True) >= before


def test_no_bare_emit_is_left_in_the_window_code() -> None:
    bare = [
        f"{path.name}:{number}"
        for path in sorted(UI.glob("*.py"))
        if path.name != "emit.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.emit\b", line) and "import emit" not in line
    ]
    assert bare == []
