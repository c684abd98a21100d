"""Hostile input for the task JSON importer and the deadline reader.

For every case the outcome is one of: a clear Vietnamese message and an unchanged database,
or a correct import. No other exception, no hang (each case runs under a timer), no
partial write (``PRAGMA data_version`` of a watching connection tells whether anyone wrote).
"""

from __future__ import annotations

import codecs
import json
import random
import signal
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db import Database
from desktop.domain.deadline_spec import DeadlineSpec
from desktop.domain.deadlines import parse_deadline
from desktop.services.importer import ImportRefusedError, apply_import, plan_import
from desktop.services.task_json import TaskFileError, parse_task_json
from tests.conftest import task_json
from tests.reliability.figures import record

# Watches the SQLite file with sqlite3 (the PostgreSQL import's all-or-nothing: test_pg_*).
pytestmark = pytest.mark.sqlite_only

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"
CASE_SECONDS = 20.0
SEED = 20240501


class CaseTimeoutError(Exception):
    pass


@contextmanager
def bounded(seconds: float = CASE_SECONDS) -> Iterator[None]:
    """Fail a case that runs longer than *seconds* instead of hanging the suite."""

    def expire(_signum: int, _frame: Any) -> None:
        raise CaseTimeoutError(f"case ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Harness:
    """Runs one input through the importer and checks the outcome."""

    def __init__(self, database: Database) -> None:
        assert database.path is not None
        self.database = database
        self.watcher = sqlite3.connect(database.path)
        self.outcomes = {"refused": 0, "imported": 0}
        self.slowest = 0.0

    def _version(self) -> int:
        return int(self.watcher.execute("PRAGMA data_version").fetchone()[0])

    def run(self, raw: bytes | str) -> str:
        before = self._version()
        started = time.monotonic()
        with bounded():
            outcome = self._run(raw, before)
        self.slowest = max(self.slowest, time.monotonic() - started)
        self.outcomes[outcome] += 1
        return outcome

    def _refused(self, message: str, before: int) -> str:
        assert message.strip(), "a refusal must say why"
        assert "Traceback" not in message
        assert self._version() == before, "a refused import wrote to the database"
        return "refused"

    def _run(self, raw: bytes | str, before: int) -> str:
        try:
            task_file = parse_task_json(raw, source_name="fuzz.json")
        except TaskFileError as error:
            return self._refused(str(error), before)
        try:
            plan = plan_import(self.database, task_file)
        except ImportRefusedError as error:
            assert error.problems
            return self._refused(str(error), before)
        result = apply_import(self.database, plan, backup=False)
        assert result.document_id is not None
        rows = dict(
            self.watcher.execute(
                "SELECT ext_id, title FROM tasks WHERE document_id = ? AND NOT missing_from_source",
                (result.document_id,),
            ).fetchall()
        )
        assert rows == {t.data.ext_id: t.data.title for t in plan.tasks}
        return "imported"

    def close(self) -> None:
        self.watcher.close()


@pytest.fixture
def harness(database: Database) -> Iterator[Harness]:
    running = Harness(database)
    yield running
    running.close()


def seed_payloads() -> list[dict[str, Any]]:
    """The hand-written gold lists of the five seed documents, as task JSON."""
    payloads = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        tasks = [
            {
                "id": f"G{i}",
                "title": item["title_start"],
                "lead_unit": item.get("lead_unit"),
                "support_units": item.get("support_units") or [],
                "deadline_text": item.get("deadline_text"),
                "due": item.get("due"),
            }
            for i, item in enumerate(gold["tasks"])
        ]
        document = dict(gold.get("document") or {})
        document.setdefault("number", path.stem)
        payloads.append(task_json(tasks, source_file=gold.get("seed"), **document))
    return payloads


# --- the named hostile inputs -------------------------------------------------------------


def named_cases() -> list[tuple[str, bytes | str]]:
    base = seed_payloads()[1]
    text = json.dumps(base, ensure_ascii=False)
    one = task_json([{"id": "1", "title": "Nhiệm vụ"}])

    def with_task(**fields: Any) -> str:
        return json.dumps(task_json([{"id": "X1", "title": "Nhiệm vụ", **fields}]))

    deep = (
        '{"format":"nhiemvu","version":1,"tasks":[{"id":"1","title":"a","x":'
        + ("[" * 100_000)
        + ("]" * 100_000)
        + "}]}"
    )
    shallow_deep = (
        '{"format":"nhiemvu","version":1,"tasks":[{"id":"1","title":"a","x":'
        + ("[" * 900)
        + ("]" * 900)
        + "}]}"
    )
    return [
        ("10 MB title", with_task(title="Ư" * 10_000_000)),
        ("10 MB note", with_task(notes="a" * 10_000_000)),
        ("10 MB id", with_task(id="x" * 10_000_000)),
        ("deep nesting 100000", deep),
        ("deep nesting 900 in an unknown field", shallow_deep),
        ("NUL in title", with_task(title="Nhiệm\x00vụ")),
        ("NUL in deadline", with_task(deadline_text="Quý II\x00")),
        ("NUL in unit", with_task(support_units=["Ban\x00"])),
        (
            "lone surrogate",
            '{"format":"nhiemvu","version":1,"tasks":[{"id":"1","title":"\\ud800"}]}',
        ),
        ("invalid UTF-8", text.encode("utf-8")[:-3] + b"\xff\xfe\xfd" + b"}"),
        ("UTF-8 BOM", codecs.BOM_UTF8 + text.encode("utf-8")),
        ("UTF-16 LE with BOM", codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
        ("UTF-16 BE with BOM", codecs.BOM_UTF16_BE + text.encode("utf-16-be")),
        ("UTF-16 without BOM", text.encode("utf-16-le")),
        ("legacy Windows-1258", text.encode("cp1258", errors="replace")),
        ("TCVN3-like bytes", "Nhi\xd6m v\xf4".encode("latin-1") + b'{"format":"nhiemvu"}'),
        ("impossible due 2021-02-31", with_task(due="2021-02-31")),
        ("impossible phrase 31/02/2021", with_task(deadline_text="trước ngày 31/02/2021")),
        ("Quý V", with_task(deadline_text="Quý V năm 2021")),
        ("month 13", with_task(deadline_text="Tháng 13/2021")),
        ("year 99999", with_task(due="99999-01-01")),
        ("due as number", with_task(due=20210630)),
        ("title as list", with_task(title=["a"])),
        ("tasks as object", json.dumps({**one, "tasks": {"a": 1}})),
        ("version true", json.dumps({**one, "version": True})),
        ("version 3", json.dumps({**one, "version": 3})),
        ("not an object", "[1, 2, 3]"),
        ("empty file", b""),
        ("only whitespace", b"   \n\t"),
        (
            "NaN and Infinity",
            '{"format":"nhiemvu","version":1,"tasks":[{"id":NaN,"title":Infinity}]}',
        ),
        (
            "huge integer id",
            '{"format":"nhiemvu","version":1,"tasks":[{"id":' + "9" * 5000 + ',"title":"a"}]}',
        ),
        (
            "duplicate ids",
            json.dumps(task_json([{"id": "1", "title": "a"}, {"id": "1", "title": "b"}])),
        ),
        ("document as string", json.dumps({**one, "document": "x"})),
        (
            "issued impossible",
            json.dumps(task_json([{"id": "1", "title": "a"}], issued="2021-02-30")),
        ),
    ]


def test_named_hostile_inputs(harness: Harness) -> None:
    cases = named_cases()
    for name, raw in cases:
        try:
            harness.run(raw)
        except AssertionError as error:
            raise AssertionError(f"{name}: {error}") from error
    record(
        "named_inputs", cases=len(cases), **harness.outcomes, slowest_s=round(harness.slowest, 2)
    )


def test_100000_tasks_with_one_bad_writes_nothing(harness: Harness) -> None:
    tasks: list[dict[str, Any]] = [{"id": str(i), "title": f"Nhiệm vụ {i}"} for i in range(100_000)]
    tasks[-1]["due"] = "2021-02-31"
    assert harness.run(json.dumps(task_json(tasks), ensure_ascii=False)) == "refused"
    record("hundred_thousand_refused", tasks=100_000, slowest_s=round(harness.slowest, 2))


@pytest.mark.slow
def test_100000_tasks_import(harness: Harness) -> None:
    phrases = ["Quý II năm 2021", "Hàng năm", "trước ngày 15/4/2021", "31/02/2021", "Quý V"]
    tasks = [
        {"id": str(i), "title": f"Nhiệm vụ {i}", "deadline_text": phrases[i % 5]}
        for i in range(100_000)
    ]
    started = time.monotonic()
    with bounded(600):
        assert harness._run(json.dumps(task_json(tasks), ensure_ascii=False), 0) == "imported"
    record("hundred_thousand_import", tasks=100_000, seconds=round(time.monotonic() - started, 1))


# --- the mutation fuzzer ------------------------------------------------------------------

HOSTILE_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2**70,
    1.5,
    "",
    " ",
    "\x00",
    "Ư" * 30_000,
    "31/02/2021",
    "Quý V năm 2021",
    "2021-02-31",
    "2021-13-01",
    [],
    {},
    [[[[[]]]]],
    {"a": {"b": {"c": None}}},
    "\ud800",
    "\u202e\u0301\u0300",
]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:6]):
            found += _paths(item, (*prefix, index))
    return found


def _set(root: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = root
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return root


def mutate(rng: random.Random, payload: dict[str, Any]) -> bytes | str:
    """One structural or byte-level mutation of a valid payload."""
    tree = json.loads(json.dumps(payload))
    choice = rng.randrange(8)
    if choice <= 2:  # replace a value anywhere with a hostile one
        for _ in range(rng.randint(1, 3)):
            path = rng.choice(_paths(tree))
            tree = _set(tree, path, json.loads(json.dumps(rng.choice(HOSTILE_VALUES))))
        return json.dumps(tree, ensure_ascii=rng.random() < 0.5)
    if choice == 3:  # delete a key
        path = rng.choice([p for p in _paths(tree) if p] or [("format",)])
        parent = tree
        for step in path[:-1]:
            parent = parent[step]
        del parent[path[-1]]
        return json.dumps(tree)
    if choice == 4:  # duplicate or drop tasks
        tasks = tree.get("tasks", [])
        if tasks:
            tasks.insert(rng.randrange(len(tasks)), rng.choice(tasks))
        return json.dumps(tree, ensure_ascii=False)
    raw = bytearray(json.dumps(tree, ensure_ascii=False).encode("utf-8"))
    if choice == 5:  # flip bytes
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
    elif choice == 6:  # truncate
        del raw[rng.randrange(len(raw)) :]
    else:  # splice a chunk elsewhere
        start = rng.randrange(len(raw))
        chunk = raw[start : start + rng.randint(1, 200)]
        at = rng.randrange(len(raw))
        raw[at:at] = chunk
    return bytes(raw)


def run_mutations(harness: Harness, count: int) -> dict[str, int]:
    rng = random.Random(SEED)
    seeds = seed_payloads()
    for n in range(count):
        raw = mutate(rng, rng.choice(seeds))
        try:
            harness.run(raw)
        except AssertionError as error:
            raise AssertionError(f"mutation case {n}: {error}") from error
    return dict(harness.outcomes)


def test_mutation_fuzzer_quick(harness: Harness) -> None:
    outcomes = run_mutations(harness, 400)
    assert outcomes["refused"] > 50 and outcomes["imported"] > 20
    record("mutation_quick", cases=400, **outcomes, slowest_s=round(harness.slowest, 2))


@pytest.mark.slow
def test_mutation_fuzzer_long(harness: Harness) -> None:
    outcomes = run_mutations(harness, 10_000)
    record("mutation_long", cases=10_000, **outcomes, slowest_s=round(harness.slowest, 2))


# --- property-based: hypothesis -----------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
field_values = json_values | st.sampled_from(HOSTILE_VALUES) | st.dates().map(date.isoformat)
tasks_strategy = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "id": st.text(max_size=12) | st.integers() | field_values,
            "title": st.text(max_size=60) | field_values,
            "lead_unit": st.text(max_size=30) | field_values,
            "support_units": st.lists(st.text(max_size=20), max_size=3) | field_values,
            "deadline_text": st.text(max_size=40) | field_values,
            "due": st.dates().map(date.isoformat) | field_values,
            "notes": field_values,
        },
    )
    | json_values,
    max_size=8,
)
payloads = st.fixed_dictionaries(
    {"format": st.just("nhiemvu") | json_values, "version": st.just(1) | json_values},
    optional={"tasks": tasks_strategy | json_values, "document": json_values},
)
FUZZ_SETTINGS = {
    "deadline": None,  # the case timer bounds each case; hypothesis' own deadline is flaky
    "database": None,
    "derandomize": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}
counts = {"importer": 0, "deadline": 0}


@settings(max_examples=300, **FUZZ_SETTINGS)  # type: ignore[arg-type]
@given(payload=payloads, as_bytes=st.booleans())
def test_hypothesis_payloads(harness: Harness, payload: dict[str, Any], as_bytes: bool) -> None:
    text = json.dumps(payload, ensure_ascii=False)
    harness.run(text.encode("utf-8", "surrogatepass") if as_bytes else text)
    counts["importer"] += 1
    record("hypothesis_importer", cases=counts["importer"], **harness.outcomes)


@settings(max_examples=1500, **FUZZ_SETTINGS)  # type: ignore[arg-type]
@given(
    phrase=st.text(max_size=80)
    | st.from_regex(
        r"(trước |trong |Quý |Tháng |ngày |năm |hằng |6 tháng |cuối |giai đoạn )"
        r"[0-9IVXivx/\- ]{0,14}(năm )?[0-9]{0,5}",
        fullmatch=True,
    ),
    issued=st.none() | st.dates(),
)
def test_hypothesis_deadline_reader(phrase: str, issued: date | None) -> None:
    with bounded(5):
        spec = parse_deadline(phrase, issued=issued)
    assert isinstance(spec, DeadlineSpec)
    counts["deadline"] += 1
    record("hypothesis_deadline", cases=counts["deadline"])


def test_impossible_deadlines_are_not_dates() -> None:
    for phrase in ("31/02/2021", "trước ngày 31/02/2021", "Quý V năm 2021", "Tháng 13/2021"):
        spec = parse_deadline(phrase, issued=date(2021, 4, 7))
        assert spec.due is None or spec.due.year == 2021, (phrase, spec)
