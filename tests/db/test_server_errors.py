"""Each way of failing to reach a shared database has its own Vietnamese message.

Against the test run's real PostgreSQL server: a port where nothing listens, a database
that does not exist, a wrong password, and a role without the right to create tables.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import make_url

from db import open_database
from db.errors import (
    DatabaseMissingError,
    PermissionDeniedError,
    ServerUnreachableError,
    StorageError,
    WrongPasswordError,
)
from tests import pg_server


@pytest.fixture
def admin(pg_admin_url: str | None) -> Iterator[str]:
    if pg_admin_url is None:
        pytest.skip("PostgreSQL is off or not installed")
    yield pg_admin_url


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (
            lambda admin: f"postgresql://postgres@127.0.0.1:{_closed_port()}/x",
            ServerUnreachableError,
            "Không kết nối được tới máy chủ",
        ),
        (
            lambda admin: pg_server.database_url(admin, "khong_co_csdl_nay"),
            DatabaseMissingError,
            "không có cơ sở dữ liệu mang tên này",
        ),
    ],
    ids=["unreachable", "missing"],
)
def test_a_server_that_cannot_be_used_says_why(
    admin: str, make: object, error: type[StorageError], words: str
) -> None:
    url = make(admin)  # type: ignore[operator]
    with pytest.raises(error, match=words):
        open_database(url)


def test_a_wrong_password_is_named(admin: str) -> None:
    role = pg_server.PASSWORD_ROLE
    pg_server.admin_execute(
        admin,
        f"DROP ROLE IF EXISTS {role}",
        f"CREATE ROLE {role} LOGIN PASSWORD 'dung-mat-khau'",
    )
    url = make_url(admin).set(username=role, password="sai-mat-khau", database="postgres")
    with pytest.raises(WrongPasswordError, match="sai tên người dùng hoặc mật khẩu"):
        open_database(url.render_as_string(hide_password=False))


def test_a_role_that_may_not_create_tables_is_told_so(admin: str) -> None:
    pg_server.admin_execute(admin, "DROP ROLE IF EXISTS chi_doc", "CREATE ROLE chi_doc LOGIN")
    empty = pg_server.create_database(admin)
    try:
        url = make_url(empty).set(username="chi_doc").render_as_string(hide_password=False)
        with pytest.raises(PermissionDeniedError, match="không có quyền"):
            open_database(url)
    finally:
        pg_server.drop_database(admin, empty)
