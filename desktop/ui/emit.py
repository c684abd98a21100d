"""Emitting a Qt signal from Python, without the reference PySide6 6.12 loses on each emit.

``SignalInstance.emit`` in PySide6 6.12.0 returns ``True`` without taking a reference to
it, so every ``signal.emit(...)`` made from Python takes one reference from ``True``.
Python 3.11's ``True`` is not immortal: after a few hundred to a few thousand emits
(a session of clicking, a test run) the interpreter aborts with "bool_dealloc: deallocating
True or False". :func:`emit` gives the reference back. Should a later PySide6 return a
reference of its own, the extra one merely keeps ``True`` alive, which it is anyway.

Every signal the window emits goes through here (``tests/ui/test_emit.py`` checks that no
``.emit(`` is left elsewhere under ``desktop/ui``).

The same release (shiboken6 6.12.0 on Python 3.11) also takes a reference from ``None`` on
every call of a method that returns nothing (``setText``, ``processEvents``…: 1,000 calls,
1,000 references). ``None`` starts with thousands, so it lasts longer, but it is the same
fault and cannot be mended call by call: the remedy is a PySide6 without it, or Python 3.12+
where ``None`` and ``True`` are immortal.
"""

from __future__ import annotations

import ctypes
from typing import Any

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, then the reference to the returned bool given back."""
    result = signal.emit(*args)
    if result is True or result is False:
        _incref(result)
