"""The one background-task pattern: results, failures, progress and cancellation come back on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget

from workstation.errors import WorkstationError
from workstation.gui import errors
from workstation.gui.tasks import BackgroundOp, CancelFlag, TaskContext
from workstation.i18n import Text


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_op_runs_off_the_gui_thread_and_success_runs_on_it(qtbot, parent) -> None:
    seen: dict[str, object] = {}

    def op(context: TaskContext) -> int:
        seen["op_thread"] = threading.get_ident()
        for done in range(1, 4):
            context.progress(done, 3)
        return 42

    def success(value: int) -> None:
        seen["value"] = value
        seen["success_in_gui_thread"] = QThread.currentThread() is QApplication.instance().thread()

    progress: list[tuple[int, int]] = []
    handle = BackgroundOp(parent=parent, op=op, success=success).with_progress(
        lambda done, total, _message: progress.append((done, total))
    ).run_in_background()
    with qtbot.waitSignal(handle.done, timeout=5000):
        pass
    assert seen["value"] == 42
    assert seen["success_in_gui_thread"] is True
    assert seen["op_thread"] != threading.get_ident()
    assert handle.outcome == "success"
    assert progress and progress[-1] == (3, 3)


def test_failure_goes_to_the_failure_handler(qtbot, parent) -> None:
    failures: list[BaseException] = []

    def op(_context: TaskContext) -> None:
        raise WorkstationError(Text("読めません", "Cannot read"))

    handle = BackgroundOp(parent=parent, op=op, success=lambda _v: None).failure(failures.append).run_in_background()
    with qtbot.waitSignal(handle.done, timeout=5000):
        pass
    assert handle.outcome == "failure"
    assert isinstance(failures[0], WorkstationError)


def test_default_failure_shows_a_friendly_message_not_a_traceback(qtbot, parent) -> None:
    def op(_context: TaskContext) -> None:
        raise ValueError("internal detail")

    handle = BackgroundOp(parent=parent, op=op, success=lambda _v: None).run_in_background()
    with qtbot.waitSignal(handle.done, timeout=5000):
        pass
    box = errors.last_message_box
    assert box is not None and box.isVisible()
    assert "予期しないエラー" in box.text()
    assert "Traceback" not in box.text() and "internal detail" not in box.text()
    box.close()


def test_cancel_stops_the_op_and_skips_success(qtbot, parent) -> None:
    started = threading.Event()
    called: list[str] = []

    def op(context: TaskContext) -> str:
        started.set()
        while True:
            context.check_cancelled()
            threading.Event().wait(0.005)

    handle = (
        BackgroundOp(parent=parent, op=op, success=lambda _v: called.append("success"))
        .on_cancelled(lambda: called.append("cancelled"))
        .run_in_background()
    )
    assert started.wait(5)
    with qtbot.waitSignal(handle.done, timeout=5000):
        handle.cancel()
    assert called == ["cancelled"]
    assert handle.outcome == "cancelled"


def test_closing_the_parent_cancels_the_work_and_drops_callbacks(qtbot) -> None:
    parent = QWidget()
    started = threading.Event()
    called: list[str] = []

    def op(context: TaskContext) -> str:
        started.set()
        while not context.cancelled:
            threading.Event().wait(0.005)
        return "late"

    handle = BackgroundOp(parent=parent, op=op, success=called.append).run_in_background()
    assert started.wait(5)
    with qtbot.waitSignal(handle.done, timeout=5000):
        parent.deleteLater()
    assert called == []
    assert handle.flag.cancelled


def test_cancel_flag_notifies_listeners_once_and_late_listeners_at_once() -> None:
    flag = CancelFlag()
    heard: list[str] = []
    flag.on_cancel(lambda: heard.append("early"))
    flag.cancel()
    flag.on_cancel(lambda: heard.append("late"))
    assert flag.cancelled
    assert heard == ["early", "late"]
