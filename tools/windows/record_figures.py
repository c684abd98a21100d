"""Write `make windows` figures between their own markers in docs/benchmarks.md.

The Linux bundle's section (``make package``) and the benchmark script's tables are left as
they are; tests/bench/run.py carries this section over when it rewrites the file. The size
budget is enforced by tools/windows/build_and_test.sh (the bundle step); the self-test time
under Wine is recorded with its budget and whether it was met, because Wine on a shared
2-core machine is not the user's PC.
"""

from __future__ import annotations

import argparse
import json
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


def _verdict(seconds: float, budget: float) -> str:
    return "met" if seconds <= budget else "**missed**"


def _runs(path: Path) -> tuple[list[float], list[float]]:
    """The bundle's self-test runs: (process start to exit, the self-test's own time)."""
    process, inner = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        process.append(float(fields[0]))
        inner.append(float(fields[1]) if len(fields) > 1 else float("nan"))
    return process, inner


def _facts(result: Path) -> dict[str, float]:
    """The timing facts a self-test wrote on its last line (process age at start and end)."""
    try:
        last = result.read_text(encoding="utf-8").splitlines()[-1]
        facts = json.loads(last)
    except (OSError, IndexError, ValueError):
        return {}
    return {k: float(v) for k, v in facts.items() if k.endswith("_s")}


def _split(process: list[float], results: list[Path]) -> str:
    """Where each run's process time went: before the self-test, its steps, after."""
    parts = []
    for total, result in zip(process, results, strict=False):
        facts = _facts(result)
        if not {"started_s", "qt_start_s", "finished_s"} <= facts.keys():
            continue
        before = facts["started_s"] - facts["qt_start_s"]
        own = facts["finished_s"] - before
        parts.append(f"{before:.2f} + {own:.2f} + {max(total - facts['finished_s'], 0):.2f}")
    return "; ".join(parts)


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
    median, inner_median = statistics.median(process), statistics.median(inner)
    result = args.self_test_file.read_text(encoding="utf-8").splitlines()[0].split(" — ")[0]
    each = ", ".join(f"{p:.2f}" for p in process)
    inner_each = ", ".join(f"{i:.1f}" for i in inner)
    split = _split(process, args.self_test_results or [])
    rows = [
        f"| Windows bundle size | {bundle_mb:.1f} MB in {bundle_files} files "
        f"| {args.budget_mb:.0f} MB (the build fails above it) |",
        f"| setup.exe (real .iss, lzma2/max) | {setup_mb:.1f} MB | |",
        f"| frozen `--self-test` under Wine, its own time (Qt start and its steps), median of "
        f"{len(inner)} | {inner_median:.1f} s (runs: {inner_each}) "
        f"| {args.budget_seconds:.1f} s — {_verdict(inner_median, args.budget_seconds)} |",
        f"| the same, the app's process start to exit, median of {len(process)} "
        f"| {median:.2f} s (runs: {each}) "
        f"| {args.budget_seconds:.1f} s — {_verdict(median, args.budget_seconds)} |",
    ]
    if split:
        rows.append(
            "| the process time split: before the self-test's first line (bootloader, Python, "
            f"the modules and DLLs loaded under Wine) + the self-test + exit | {split} s | |"
        )
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
Process start to exit is the app's own process: Wine's services are started before it, as
Windows' are running before the user starts the app (tools/windows/build_and_test.sh,
`self_test`). It still includes Wine loading the .exe and its DLLs through translated
system calls, and varies with the load other jobs put on the machine; the Windows workflow
measures the bundle on Windows itself. Wine is not Windows:
what only a real Windows can check is listed in README, Packaging.
{END}"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--setup", type=Path, required=True)
    parser.add_argument("--self-test-runs", type=Path, required=True)
    parser.add_argument("--self-test-file", type=Path, required=True)
    parser.add_argument("--self-test-results", type=Path, nargs="*", help="each run's result")
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
