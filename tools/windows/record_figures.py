"""Write `make windows` figures between their own markers in docs/benchmarks.md.

The Linux bundle's section (``make package``) and the benchmark script's tables are left as
they are; tests/bench/run.py carries this section over when it rewrites the file. The size
budget is enforced by tools/windows/build_and_test.sh (the bundle step); the self-test time
under Wine is recorded with its budget and whether it was met, because Wine on a shared
2-core machine is not the user's PC.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- windows:start -->", "<!-- windows:end -->"
STEP_LINE = re.compile(r"^\[\s*\d+\]\s+(?P<name>.+?)\s+ok\s+(?P<seconds>[\d.]+) s$")


def _size(path: Path) -> tuple[float, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6, len(files)


def _wine_version() -> str:
    try:
        return subprocess.run(
            ["wine", "--version"], capture_output=True, text=True, timeout=60, check=False
        ).stdout.strip()
    except OSError:
        return "wine"


def _runs(path: Path) -> tuple[list[float], list[float]]:
    """The bundle's self-test runs: (process start to exit, the self-test's own time)."""
    process, inner = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        process.append(float(fields[0]))
        inner.append(float(fields[1]) if len(fields) > 1 else float("nan"))
    return process, inner


def _steps(path: Path | None) -> str:
    if path is None or not path.exists():
        return ""
    rows = [
        f"| {m['name']} | {m['seconds']} s |"
        for line in path.read_text(encoding="utf-8").splitlines()
        if (m := STEP_LINE.match(line.strip()))
    ]
    if not rows:
        return ""
    return (
        "\nStep times of that run (`make windows`; build/windows/ caches as they were):\n\n"
        "| step | time |\n|---|---|\n" + "\n".join(rows) + "\n"
    )


def section(args: argparse.Namespace) -> str:
    bundle_mb, bundle_files = _size(args.bundle)
    setup_mb = args.setup.stat().st_size / 1e6
    process, inner = _runs(args.self_test_runs)
    median = statistics.median(process)
    met = "met" if median <= args.budget_seconds else "**missed**"
    result = args.self_test_file.read_text(encoding="utf-8").splitlines()[0].split(" — ")[0]
    each = ", ".join(f"{p:.2f}" for p in process)
    inner_each = ", ".join(f"{i:.1f}" for i in inner)
    rows = [
        f"| Windows bundle size | {bundle_mb:.1f} MB in {bundle_files} files "
        f"| {args.budget_mb:.0f} MB (the build fails above it) |",
        f"| setup.exe (real .iss, lzma2/max) | {setup_mb:.1f} MB | |",
        f"| frozen `--self-test` under Wine, process start to exit, median of {len(process)} "
        f"| {median:.2f} s (runs: {each}) | {args.budget_seconds:.1f} s — {met} |",
        f"| the same, the self-test's own time (its steps) | {inner_each} s | |",
    ]
    return f"""{START}
## The Windows bundle and installer (`make windows`, under Wine)

Measured by `make windows` on {date.today().isoformat()}: {platform.system()} {platform.machine()},
{_wine_version()}, embeddable CPython 3.11 (Windows), {os.cpu_count()} CPU(s) shared with
other jobs; `build/windows/dist/sonhiemvu/` (onedir) and `dist/installer/` (the real .iss).

| figure | value | budget |
|---|---|---|
{chr(10).join(rows)}

The first self-test run follows the build; its result: `{result}`.
{_steps(args.steps_file)}
Process start to exit includes Wine starting the .exe and its DLLs (translated system
calls, fonts read through fontconfig) and varies with the load the other jobs put on the
machine; the Windows workflow measures the bundle on Windows itself. Wine is not Windows:
what only a real Windows can check is listed in README, Packaging.
{END}"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--setup", type=Path, required=True)
    parser.add_argument("--self-test-runs", type=Path, required=True)
    parser.add_argument("--self-test-file", type=Path, required=True)
    parser.add_argument("--steps-file", type=Path)
    parser.add_argument("--budget-mb", type=float, required=True)
    parser.add_argument("--budget-seconds", type=float, required=True)
    args = parser.parse_args()
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    new = section(args)
    begin, end = text.find(START), text.find(END)
    if 0 <= begin < end:
        text = text[:begin] + new + text[end + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + new + "\n"
    DOC.write_text(text, encoding="utf-8")
    print(f"Windows figures written between {START} and {END} in {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
