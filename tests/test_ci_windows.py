""".ci/run's Windows part (tools/windows/ci_windows.sh), each path run with stand-ins.

The real installer needs root and the package mirror, and the real `make windows` takes ten
minutes: the stand-ins exit as the real ones would, so the skip, the failure and the build
paths are each exercised here on every `make test`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "windows" / "ci_windows.sh"


def _stand_in(path: Path, body: str) -> Path:
    path.write_text("#!/usr/bin/env bash\n" + body, encoding="utf-8")
    path.chmod(0o755)
    return path


def _run(tmp_path: Path, install_body: str, make_body: str) -> subprocess.CompletedProcess[str]:
    install = _stand_in(tmp_path / "install_wine.sh", install_body)
    make = _stand_in(tmp_path / "make", make_body)
    env = {**os.environ, "SONHIEMVU_INSTALL_WINE": str(install), "MAKE": str(make)}
    return subprocess.run(
        ["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_a_mirror_that_refuses_wine_skips_with_the_reason(tmp_path: Path) -> None:
    done = _run(
        tmp_path,
        'echo "install_wine: the package mirror refuses to install Wine" >&2; exit 3\n',
        f"touch {tmp_path}/made\n",
    )
    assert done.returncode == 0
    assert "windows: SKIPPED — the package mirror refuses to install Wine" in done.stdout
    assert not (tmp_path / "made").exists()


@pytest.mark.parametrize("status", [1, 2, 100])
def test_any_other_install_failure_fails_ci(tmp_path: Path, status: int) -> None:
    done = _run(tmp_path, f"echo broken; exit {status}\n", f"touch {tmp_path}/made\n")
    assert done.returncode == 1
    assert f"windows: installing Wine failed (exit {status})" in done.stdout
    assert "SKIPPED" not in done.stdout
    assert not (tmp_path / "made").exists()


def test_with_wine_installed_make_windows_runs_and_its_failure_fails_ci(tmp_path: Path) -> None:
    passed = _run(tmp_path, "exit 0\n", 'echo "make $*: 14/14 steps passed"\n')
    assert passed.returncode == 0
    assert "make windows: 14/14 steps passed" in passed.stdout

    failed = _run(tmp_path, "exit 0\n", 'echo "step 7 failed: platforms/qwindows"; exit 2\n')
    assert failed.returncode != 0
    assert "platforms/qwindows" in failed.stdout
