"""desktop/frozen_startup.py on stand-ins for PyInstaller's archive reader and ``platform``."""

from __future__ import annotations

import builtins
import threading
import types
from pathlib import Path
from typing import Any

import pytest

from desktop.frozen_startup import share_archive_handle, skip_version_command

# The shape of PyInstaller 6's ZlibArchiveReader.extract: a fresh open per entry.
READER = """
class ZlibArchiveReader:
    def __init__(self, filename):
        self._filename = filename

    def extract(self, offset, length):
        with open(self._filename, "rb") as fp:
            fp.seek(offset)
            return fp.read(length)
"""


def _archive(monkeypatch: pytest.MonkeyPatch, opened: list[str]) -> types.ModuleType:
    real_open = builtins.open

    def counting_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    module = types.ModuleType("pyimod01_archive")
    exec(READER, module.__dict__)  # noqa: S102  # a fixed stand-in, not input
    return module


def test_every_entry_is_read_through_one_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = bytes(range(256)) * 40
    (tmp_path / "app.exe").write_bytes(data)
    opened: list[str] = []
    archive = _archive(monkeypatch, opened)
    reader = archive.ZlibArchiveReader(str(tmp_path / "app.exe"))

    handles = share_archive_handle(archive)
    assert handles is not None
    read = [reader.extract(i * 7, 100) for i in range(500)]
    handles.close()

    assert read == [data[i * 7 : i * 7 + 100] for i in range(500)]
    assert len(opened) == 1  # was one per entry


def test_threads_reading_at_once_each_get_their_own_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = bytes(i % 251 for i in range(200_000))
    (tmp_path / "app.exe").write_bytes(data)
    archive = _archive(monkeypatch, [])
    handles = share_archive_handle(archive)
    assert handles is not None
    reader = archive.ZlibArchiveReader(str(tmp_path / "app.exe"))
    wrong: list[int] = []

    def read_many(start: int) -> None:
        for i in range(300):
            offset = (start * 997 + i * 613) % (len(data) - 500)
            if reader.extract(offset, 500) != data[offset : offset + 500]:
                wrong.append(offset)

    threads = [threading.Thread(target=read_many, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    handles.close()
    assert wrong == []


def test_a_missing_file_still_raises_and_other_opens_are_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = _archive(monkeypatch, [])
    handles = share_archive_handle(archive)
    assert handles is not None
    with pytest.raises(FileNotFoundError):
        archive.ZlibArchiveReader(str(tmp_path / "gone.exe")).extract(0, 1)
    # The lock was let go: a later read works.
    (tmp_path / "app.exe").write_bytes(b"abc")
    assert archive.ZlibArchiveReader(str(tmp_path / "app.exe")).extract(1, 2) == b"bc"
    handles.close()
    text = tmp_path / "note.txt"
    with archive.open(text, "w", encoding="utf-8") as handle:  # not the archive's kind of open
        handle.write("x")
    assert text.read_text(encoding="utf-8") == "x"


def test_another_reader_is_left_alone() -> None:
    assert share_archive_handle(types.ModuleType("pyimod01_archive")) is None


def test_the_version_is_not_read_by_starting_a_shell_on_windows() -> None:
    started: list[str] = []
    stand_in = types.ModuleType("platform")

    def syscmd_ver(system: str = "", release: str = "", version: str = "") -> tuple[str, ...]:
        started.append("cmd /c ver")
        return system, release, "10.0.19045"

    stand_in._syscmd_ver = syscmd_ver  # type: ignore[attr-defined]
    assert skip_version_command(stand_in, "win32")
    # What win32_ver does with the answer: an empty version sends it to its own fallback
    # (sys.getwindowsversion().platform_version).
    assert stand_in._syscmd_ver()[2] == ""  # type: ignore[attr-defined]
    assert started == []


def test_elsewhere_platform_is_left_alone() -> None:
    stand_in = types.ModuleType("platform")
    stand_in._syscmd_ver = lambda *a: a  # type: ignore[attr-defined]
    before = stand_in._syscmd_ver  # type: ignore[attr-defined]
    assert not skip_version_command(stand_in, "linux")
    assert stand_in._syscmd_ver is before  # type: ignore[attr-defined]
    assert not skip_version_command(types.ModuleType("platform"), "win32")


def test_python_still_falls_back_to_the_version_it_knows() -> None:
    # The fallback skip_version_command relies on; a Python without it fails here.
    import inspect
    import platform

    assert "platform_version" in inspect.getsource(platform.win32_ver)
