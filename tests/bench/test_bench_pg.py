"""``make bench``'s PostgreSQL rows run end to end at a small N (the figures are not judged)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bench import pg
from tests.bench import run as bench_run
from tests.bench.generate import make_payload, write_payload


def test_postgresql_rows_import_and_list_beside_raw_psycopg(
    pg_admin_url: str | None, tmp_path: Path
) -> None:
    if pg_admin_url is None:
        pytest.skip("PostgreSQL is off or not installed")
    source = write_payload(tmp_path / "a.json", make_payload(300, seed=3, number=1))
    run = bench_run.Run()
    pg.bench_postgresql(run, 300, source, pg_admin_url)
    names = [f.name for f in run.figures]
    assert names == [
        "PostgreSQL: import 300 tasks into empty DB",
        "  └ phase: write",
        "PostgreSQL: overdue list (ids + first screen)",
    ]
    assert all(f.ours and f.baseline for f in run.figures)
