"""The pinned PySide6 keeps Python's reference counts: a long session must not abort.

PySide6/shiboken6 6.12.0 on Python 3.11 took one reference from ``True`` on every
``signal.emit(...)`` and one from ``None`` on every call of a Qt method returning nothing.
``True`` and ``None`` are not immortal before Python 3.12, so after some hundreds of emits
(a session of clicking, a test run) the interpreter aborted with "bool_dealloc" or crashed.
The pin in requirements.lock avoids that release; this test fails on any release that has
the fault, so a new pin cannot bring it back.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    ping = Signal(int)


def test_a_thousand_emits_and_calls_leave_true_and_none_their_references(qapp: Any) -> None:
    sender = _Sender()
    heard: list[int] = []
    sender.ping.connect(heard.append)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for number in range(1000):
        sender.ping.emit(number)
        sender.setObjectName(f"gửi {number}")  # a Qt method that returns nothing
    assert len(heard) == 1000
    # A few references may come and go with the interpreter's own work; a lost reference
    # per call would show as a drop of about a thousand.
    assert sys.getrefcount(True) > true_before - 50
    assert sys.getrefcount(None) > none_before - 50
