"""A throw-away PostgreSQL server for the tests, and fresh databases on it.

The db, services and import tests run against SQLite and PostgreSQL alike (the
``backend`` fixture in tests/conftest.py). The server is either the one named by
``SONHIEMVU_TEST_PG_URL`` (an administrator URL, e.g. ``postgresql://postgres@host:5432/postgres``)
or a cluster started here: ``initdb`` into a temporary folder and ``pg_ctl start`` on a free
port of 127.0.0.1, as the ``postgres`` user when the tests run as root (initdb refuses root).
``SONHIEMVU_TEST_PG=0`` turns PostgreSQL off, so ``make test`` needs no server.

Each test gets its own database, copied from a template (``CREATE DATABASE … TEMPLATE``)
with the C collation, so text sorts byte-wise as in SQLite; it is dropped afterwards.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

ENABLE_VAR = "SONHIEMVU_TEST_PG"
URL_VAR = "SONHIEMVU_TEST_PG_URL"
TEMPLATE = "sonhiemvu_test_template"
PASSWORD_ROLE = "sonhiemvu_pw"
_counter = itertools.count(1)


def pg_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl (Debian keeps them off PATH), newest version."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user() -> dict[str, Any]:
    """Run the server's programs as ``postgres`` when we are root (initdb refuses root)."""
    return {"user": "postgres", "group": "postgres"} if os.geteuid() == 0 else {}


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Start a private cluster; yield its administrator URL; stop and delete it."""
    bin_dir = pg_bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL binaries (initdb, pg_ctl) not found")
    folder = Path(tempfile.mkdtemp(prefix="sonhiemvu-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    port = _free_port()
    run = _as_server_user()
    subprocess.run(
        [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]
        + ["-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
        check=True,
        capture_output=True,
        **run,
    )
    # One role logs in with a password over TCP (the wrong-password test); others: trust.
    hba = data / "pg_hba.conf"
    hba.write_text(
        f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n" + hba.read_text(), "utf-8"
    )
    # fsync off: a test cluster is thrown away, and syncing would only slow the suite.
    options = f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
    options += " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    subprocess.run(
        [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log")]
        + ["-o", options, "-w", "-t", "60", "start"],
        check=True,
        capture_output=True,
        **run,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            **run,
        )
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def admin_url() -> Iterator[str | None]:
    """This run's server: ``SONHIEMVU_TEST_PG_URL``, or a throw-away cluster, ready to copy.

    None when PostgreSQL is off (``SONHIEMVU_TEST_PG=0``) or not installed. The tests and
    the benchmarks both take their server from here.
    """
    given = os.environ.get(URL_VAR)
    if given:
        prepare_template(given)
        yield given
        return
    if not wanted() or pg_bin_dir() is None:
        yield None
        return
    with throwaway_cluster() as url:
        prepare_template(url)
        yield url


def wanted() -> bool:
    return os.environ.get(ENABLE_VAR, "1") != "0"


def admin_execute(admin_url: str, *statements: str) -> None:
    import psycopg

    url = make_url(admin_url)
    with psycopg.connect(
        host=url.host,
        port=url.port,
        user=url.username,
        password=url.password,
        dbname=url.database or "postgres",
        autocommit=True,
    ) as connection:
        for statement in statements:
            connection.execute(statement)  # type: ignore[arg-type]


def database_url(admin_url: str, name: str) -> str:
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def prepare_template(admin_url: str) -> None:
    """An empty UTF-8, C-collated database every test database is copied from."""
    admin_execute(
        admin_url,
        f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)",
        f"CREATE DATABASE {TEMPLATE} TEMPLATE template0 ENCODING 'UTF8' "
        "LC_COLLATE 'C' LC_CTYPE 'C'",
    )


def create_database(admin_url: str) -> str:
    """A new empty database for one test; returns its URL."""
    name = f"sonhiemvu_test_{os.getpid()}_{next(_counter)}"
    admin_execute(admin_url, f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    return database_url(admin_url, name)


def drop_database(admin_url: str, url: str) -> None:
    name = make_url(url).database
    admin_execute(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
