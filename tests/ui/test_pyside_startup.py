"""PySide6's per-import source scan is skipped (desktop/ui/pyside_startup.py)."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest

from desktop.ui import pyside_startup


def test_the_pinned_pyside_has_the_hook_and_it_is_replaced() -> None:
    # Importing desktop.ui did it; a PySide6 without the hook would make this fail, so the
    # module is looked at again when PySide6 is upgraded.
    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside is pyside_startup._no_source_scan
    assert pyside_startup.skip_feature_scan()


def test_a_module_imported_afterwards_is_not_read_for_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "sonhiemvu_probe_module.py"
    source.write_text("VALUE = 'PySide6'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    read: list[Any] = []
    original = __import__("inspect").getsource

    def spy(obj: Any) -> str:
        read.append(obj)
        return str(original(obj))

    monkeypatch.setattr("inspect.getsource", spy)
    # An import statement: PySide6's hook wraps __import__, not importlib.import_module.
    module = __import__("sonhiemvu_probe_module")
    try:
        assert isinstance(module, types.ModuleType) and module.VALUE == "PySide6"
        assert read == []
    finally:
        sys.modules.pop("sonhiemvu_probe_module", None)


def test_without_the_hook_there_is_nothing_to_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "shibokensupport.feature")
    assert not pyside_startup.skip_feature_scan()
