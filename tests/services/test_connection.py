"""The shared server's address: checked before connecting; the password never in a URL
that is shown, and escaped whatever it holds."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from db import StorageError
from desktop.services.connection import SharedServer, check_connection


def test_a_password_with_any_characters_survives_the_url() -> None:
    server = SharedServer("may-chu", "van_phong", "thư_ký", 5433)
    url = make_url(server.url("p@ss:/wörd?#"))
    assert (url.host, url.port, url.database, url.username) == (
        "may-chu",
        5433,
        "van_phong",
        "thư_ký",
    )
    assert url.password == "p@ss:/wörd?#"
    assert "p@ss" not in str(url)  # a logged URL hides it


def test_missing_fields_are_named_before_any_connection() -> None:
    with pytest.raises(StorageError, match="Hãy điền máy chủ, người dùng"):
        check_connection(SharedServer("", "van_phong", " "), None)
    with pytest.raises(StorageError, match="Cổng phải là một số"):
        check_connection(SharedServer("may-chu", "db", "u", 0), None)
