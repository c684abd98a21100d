# The README's two commands, `make run` and `make test`, set up everything on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench score soak screenshots package windows clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Qt's X11 platform plugin needs these on a Linux desktop (Windows and macOS need nothing).
XCB_PACKAGES := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0

run: $(STAMP)
	@if [ "$$(uname)" = Linux ] && [ -n "$$DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ] && \
	  ldd $$($(PY) -c 'import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent / "Qt/lib/libQt6XcbQpa.so.6")') | grep -q "not found"; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(XCB_PACKAGES) >/dev/null; \
	  else echo "Qt needs these system packages for its window: sudo apt-get update && sudo apt-get install $(XCB_PACKAGES)"; exit 1; fi; \
	fi
	$(PY) -m desktop $(ARGS)

test: lint typecheck pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow" $(PYTEST_ARGS)

# Import, query and window figures at 10,000 and 100,000 tasks → docs/benchmarks.md.
# Taskwarrior is a baseline: installed with apt-get when missing and possible, else skipped.
bench: $(STAMP)
	@command -v task >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get install -y -qq taskwarrior >/dev/null || echo "Taskwarrior not installed: its columns are skipped."; \
	  elif command -v apt-get >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	    sudo -n apt-get install -y -qq taskwarrior >/dev/null || echo "Taskwarrior not installed: its columns are skipped."; \
	  else echo "Taskwarrior not installed (needs apt-get as root): its columns are skipped."; fi; }
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.bench.run $(BENCH_ARGS)

# The extractor over the seeds and the development corpus → the table of docs/extraction.md.
score: $(STAMP)
	$(PY) tests/extract/write_scores.py

soak: $(STAMP)
	rm -rf build/reliability
	QT_QPA_PLATFORM=offscreen SONHIEMVU_RELIABILITY_RESULTS=build/reliability $(PY) -m pytest -q -m slow $(PYTEST_ARGS)
	$(PY) -m tests.reliability.write_report --run quick build/reliability

# --- make package: the PyInstaller bundle of this machine (dist/sonhiemvu/), self-tested ------
# PyInstaller lives in its own venv under build/ (requirements-package.txt), so `make test`
# never needs it. PyInstaller does not cross-compile: this builds a Linux bundle here and a
# Windows one on the Windows runner (.github/workflows/windows.yml).
PKG_VENV := build/.venv-package
PKG_PY := $(PKG_VENV)/bin/python
PKG_STAMP := $(PKG_VENV)/.installed
BUNDLE := dist/sonhiemvu
BUNDLE_BUDGET_MB ?= 150
COLD_START_BUDGET_S ?= 3.0
STARTUP_RUNS ?= 5
# Also checked inside pyinstaller.spec; here on what actually landed in dist/.
FORBIDDEN_IN_BUNDLE := QtWebEngine|Qt6?Quick|Qt6?Qml|/qml/|Qt6?3D|opengl32sw|_tkinter|/tcl[0-9]|/tk[0-9]

$(PKG_STAMP): requirements.lock requirements-package.txt
	$(PYTHON) -m venv $(PKG_VENV)
	$(PKG_PY) -m pip install --quiet --upgrade pip
	$(PKG_PY) -m pip install --quiet -r requirements.lock -r requirements-package.txt
	touch $@

package: $(PKG_STAMP)
	rm -rf $(BUNDLE)
	$(PKG_PY) -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller pyinstaller.spec
	@if find $(BUNDLE) | grep -i -E '$(FORBIDDEN_IN_BUNDLE)'; then \
		echo "make package: the files above must not be in the bundle"; exit 1; fi
	QT_QPA_PLATFORM=offscreen $(BUNDLE)/sonhiemvu --self-test --data-dir "$$(mktemp -d)"
	BUNDLE=$(BUNDLE) BUNDLE_BUDGET_MB=$(BUNDLE_BUDGET_MB) \
		COLD_START_BUDGET_S=$(COLD_START_BUDGET_S) STARTUP_RUNS=$(STARTUP_RUNS) \
		$(PKG_PY) -c 'import os; exec(os.environ["PACKAGE_FIGURES"])'

# Measures the bundle and its cold start, writes them between the package markers of
# docs/benchmarks.md (the rest of that file belongs to the benchmark script), then enforces
# the budgets. Cold start: process start to the main window shown (offscreen), timed by the
# --screenshot PNG the shown window writes, over a new data folder each run.
define PACKAGE_FIGURES
import os, platform, statistics, subprocess, sys, tempfile, time
from datetime import date
from pathlib import Path

bundle = Path(os.environ["BUNDLE"])
size_budget = float(os.environ["BUNDLE_BUDGET_MB"])
start_budget = float(os.environ["COLD_START_BUDGET_S"])
files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
size_mb = sum(p.stat().st_size for p in files) / 1e6
exe = bundle / ("sonhiemvu.exe" if sys.platform == "win32" else "sonhiemvu")
shown, exited = [], []
for _ in range(int(os.environ["STARTUP_RUNS"])):
    with tempfile.TemporaryDirectory() as folder:
        shot = Path(folder) / "window.png"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SONHIEMVU_DATA_DIR=folder)
        launched = time.time()
        run = subprocess.run([str(exe), "--screenshot", str(shot)], env=env,
                             capture_output=True, timeout=120)
        exited.append(time.time() - launched)
        if run.returncode != 0 or not shot.exists():
            sys.exit(f"make package: the bundle did not show its window: {run.stderr[-2000:]!r}")
        shown.append(shot.stat().st_mtime - launched)
median = statistics.median(shown)
section = f"""<!-- package:start -->
## The bundle (`make package`)

Measured by `make package` on {date.today().isoformat()}: {platform.system()} {platform.machine()},
Python {platform.python_version()}, {os.cpu_count()} CPU(s); `dist/sonhiemvu/` (onedir).

| figure | value | budget (the build fails above it) |
|---|---|---|
| bundle size | {size_mb:.1f} MB in {len(files)} files | {size_budget:.0f} MB |
| cold start, first run after the build | {shown[0]:.2f} s | |
| cold start, median of {len(shown)} runs | {median:.2f} s | {start_budget:.1f} s |
| process start to exit (window shown, grabbed, closed), median | {statistics.median(exited):.2f} s | |

Cold start is process start to the main window shown (offscreen platform), over a new data
folder (database created and migrated), timed by the screenshot the shown window writes.
The first run follows the build, so the files are in the OS cache; a first start after a
reboot reads them from disk and takes longer. From the system's library folders the bundle
takes only what Python's own modules and Qt's C++ runtime link to (zlib, bz2, lzma, sqlite3,
ffi, uuid, expat, libstdc++, libgcc_s; pyinstaller.spec); X11/xcb, fontconfig, glib, dbus and
the like are the desktop's, so the size does not depend on what else the build machine has.
The Windows bundle's figures under Wine are in the next section (`make windows`).
<!-- package:end -->"""
doc = Path("docs/benchmarks.md")
text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
begin, end = text.find("<!-- package:start -->"), text.find("<!-- package:end -->")
if begin >= 0 and end > begin:
    text = text[:begin] + section + text[end + len("<!-- package:end -->"):]
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
doc.parent.mkdir(parents=True, exist_ok=True)
doc.write_text(text, encoding="utf-8")
print(f"bundle {size_mb:.1f} MB (budget {size_budget:.0f}); cold start {shown[0]:.2f} s first, "
      f"{median:.2f} s median (budget {start_budget:.1f}) -> {doc}")
problems = []
if size_mb > size_budget:
    problems.append(f"the bundle is {size_mb:.1f} MB, over its {size_budget:.0f} MB budget")
if median > start_budget:
    problems.append(f"cold start is {median:.2f} s, over its {start_budget:.1f} s budget")
if problems:
    sys.exit("make package: " + "; ".join(problems))
endef
export PACKAGE_FIGURES

# --- make windows: the Windows bundle and installer, built and tested here under Wine --------
# Installs what it needs (apt, PyPI, npm), builds with pyinstaller.spec and the real .iss, then
# installs per user, self-tests, imports, upgrades and uninstalls; see tools/windows/.
windows:
	tools/windows/build_and_test.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# The PNGs of docs/screenshots/ (sample data, today fixed at 01/10/2021), rendered offscreen.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop.ui.screenshots docs/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop.ui.target_screenshots docs/screenshots tests/data/seeds/002_a71cb89a44c4d540.txt
