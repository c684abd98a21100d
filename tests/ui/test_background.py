"""Background reads: answers on the GUI thread, the newest request wins, errors shown."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from db import Database
from desktop.services.queries import TaskFilter, navigation_counts, task_ids
from desktop.ui import task_table_model
from desktop.ui.background import BackgroundQuery, wait_for_background
from desktop.ui.signals import AppContext
from desktop.ui.task_table_model import TaskTableModel
from tests.ui.conftest import Dialogs
from tests.ui.window_data import TODAY

pytestmark = pytest.mark.usefixtures("data_dir")


def test_the_call_runs_on_a_worker_and_the_answer_arrives_on_the_gui_thread(
    qtbot: Any, qapp: Any
) -> None:
    query = BackgroundQuery()
    ran_on: list[int] = []
    delivered_on: list[int] = []

    def call() -> str:
        ran_on.append(threading.get_ident())
        return "xong"

    query.finished.connect(lambda _result: delivered_on.append(threading.get_ident()))
    with qtbot.waitSignal(query.finished, timeout=5000) as blocker:
        query.submit(call)
        assert query.busy
    assert blocker.args == ["xong"]
    assert not query.busy
    assert ran_on and ran_on[0] != threading.get_ident()
    assert delivered_on == [threading.get_ident()]


def test_an_older_answer_arriving_after_a_newer_one_is_dropped(qtbot: Any, qapp: Any) -> None:
    query = BackgroundQuery()
    release = threading.Event()
    started = threading.Event()

    def slow() -> str:
        started.set()
        assert release.wait(10)
        return "cũ"

    results: list[str] = []
    query.finished.connect(results.append)
    query.submit(slow)
    assert started.wait(10)  # the old request is running, not merely queued
    with qtbot.waitSignal(query.finished, timeout=5000):
        query.submit(lambda: "mới")
    release.set()
    with qtbot.assertNotEmitted(query.finished):
        assert wait_for_background()
        QCoreApplication.processEvents()  # the old answer is delivered here, and dropped
    assert results == ["mới"]


def test_a_request_superseded_before_it_starts_never_runs(qtbot: Any, qapp: Any) -> None:
    query = BackgroundQuery()
    calls: list[str] = []
    release = threading.Event()
    blockers = [BackgroundQuery(), BackgroundQuery()]
    for blocker in blockers:  # both worker threads busy: the next request waits its turn
        blocker.submit(lambda: release.wait(10))

    def call(word: str) -> str:
        calls.append(word)
        return word

    query.submit(lambda: call("cũ"))
    with qtbot.waitSignal(query.finished, timeout=5000) as arrived:
        query.submit(lambda: call("mới"))
        release.set()
    assert arrived.args == ["mới"]
    assert calls == ["mới"]


def test_an_error_is_delivered_on_the_gui_thread(qtbot: Any, qapp: Any) -> None:
    query = BackgroundQuery()
    failed_on: list[int] = []
    query.failed.connect(lambda _error: failed_on.append(threading.get_ident()))

    def broken() -> None:
        raise ValueError("hỏng")

    with (
        qtbot.assertNotEmitted(query.finished),
        qtbot.waitSignal(query.failed, timeout=5000) as blocker,
    ):
        query.submit(broken)
    [error] = blocker.args
    assert isinstance(error, ValueError) and str(error) == "hỏng"
    assert failed_on == [threading.get_ident()]
    assert not query.busy


def test_an_error_of_a_superseded_request_is_logged(
    qtbot: Any, qapp: Any, caplog: pytest.LogCaptureFixture
) -> None:
    query = BackgroundQuery()
    release = threading.Event()
    started = threading.Event()

    def broken() -> None:
        started.set()
        assert release.wait(10)
        raise ValueError("cũ và hỏng")

    query.submit(broken)
    assert started.wait(10)
    with qtbot.waitSignal(query.finished, timeout=5000):
        query.submit(lambda: "mới")
    release.set()
    with caplog.at_level(logging.WARNING), qtbot.assertNotEmitted(query.failed):
        assert wait_for_background()
        QCoreApplication.processEvents()
    assert "cũ và hỏng" in caplog.text


def test_a_failed_table_query_is_shown_through_the_error_dialog(
    qtbot: Any,
    context: AppContext,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(*_args: Any) -> list[int]:
        raise RuntimeError("truy vấn hỏng")

    monkeypatch.setattr(task_table_model, "task_ids", broken)
    model = TaskTableModel(context)
    with caplog.at_level(logging.ERROR), qtbot.assertNotEmitted(model.loaded):
        qtbot.waitUntil(lambda: bool(dialogs.texts("critical")), timeout=5000)
    assert dialogs.texts("critical")[0].startswith("Đã xảy ra lỗi không mong đợi.")
    assert "truy vấn hỏng" in caplog.text  # the details went to the log
    assert model.rowCount() == 0 and not model.loading


def test_services_read_a_real_sqlite_file_from_worker_threads(
    qtbot: Any, seeded: Database, qapp: Any
) -> None:
    """The file pool allows any thread, and each service call opens its own session."""
    flt = TaskFilter(today=TODAY)
    expected_ids = task_ids(seeded, flt)
    expected_counts = navigation_counts(seeded, TODAY)
    assert seeded.path is not None and seeded.path.is_file()
    ids, counts = BackgroundQuery(), BackgroundQuery()
    got: list[Any] = []
    ids.finished.connect(got.append)
    counts.finished.connect(got.append)
    with qtbot.waitSignals([ids.finished, counts.finished], timeout=5000):
        for _ in range(3):  # several reads at once, on both worker threads
            ids.submit(lambda: task_ids(seeded, flt))
            counts.submit(lambda: navigation_counts(seeded, TODAY))
    assert len(got) == 2  # the newest of each; the others were dropped or never ran
    assert expected_ids in got and len(expected_ids) == 7
    assert expected_counts in got
