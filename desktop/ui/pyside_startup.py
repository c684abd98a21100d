"""Spare every import the source scan PySide6 makes for its ``__feature__`` switches.

From its first import on, PySide6 (PYSIDE-2029) reads the source of *every* module imported
afterwards (``inspect.getsource``) to see whether it mentions "PySide6", so that a module
could later opt into ``from __feature__ import snake_case``. The app never uses those
features, and the scan is costly where file lookups are: each of the ~800 modules the
program imports is looked up on disk, and in the frozen Windows bundle there is no source to
find at all. Measured on this project: importing the window and the self-test's modules
1.34 → 0.88 s on Linux, and 1.5 s of a 10 s self-test under Wine from the Windows Python.

Modules are then marked "does not use PySide", which only means "do not switch features
for this module" — with no feature ever selected, Qt's classes look the same to every module.
A module that does write ``from __feature__ import …`` still gets it: that import goes
through PySide's own import hook, not through this check.
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401  # loads shibokensupport.feature


def _no_source_scan(_module: object) -> bool:
    return False


def skip_feature_scan() -> bool:
    """Replace the scan; False when this PySide6 has no such hook (nothing to skip)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        return False
    setattr(feature, "_mod_uses_pyside", _no_source_scan)  # noqa: B010  # a private hook
    return True
