# The README's two commands, `make run` and `make test`, set up everything on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench soak screenshots package clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
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

soak: $(STAMP)
	rm -rf build/reliability
	QT_QPA_PLATFORM=offscreen SONHIEMVU_RELIABILITY_RESULTS=build/reliability $(PY) -m pytest -q -m slow $(PYTEST_ARGS)
	$(PY) -m tests.reliability.write_report --run quick build/reliability

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# The PNGs of docs/screenshots/ (sample data, today fixed at 01/10/2021), rendered offscreen.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop.ui.screenshots docs/screenshots
