"""The one way to run work off the GUI thread (after Anki's ``QueryOp`` and task manager).

``BackgroundOp(parent=..., op=..., success=...).failure(...).with_progress(...).run_in_background()``
runs ``op(context)`` on a worker thread of a :class:`QThreadPool`; its result, failure and progress come
back to the GUI thread by queued signals. **Never touch a widget inside ``op``**: it runs on another thread.
When ``parent`` is destroyed before the work ends (the window was closed), the callbacks are dropped and the
work is asked to cancel, so closing the window during work is safe.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")

PROGRESS_INTERVAL_S = 0.05
"""Progress reports closer together than this are coalesced so the GUI thread is never flooded."""

WORKER_THREADS = 3
"""Worker threads: translation, checking and diffing can each run at once."""


class Cancelled(Exception):
    """Raised inside ``op`` (via :meth:`TaskContext.check_cancelled`) to stop early."""


class CancelFlag:
    """A thread-safe cancel flag; ``cancel_token`` objects of the engines can be chained to it."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._listeners: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            listeners = list(self._listeners)
        for listener in listeners:
            listener()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def on_cancel(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` (from any thread) when cancelled; at once if already cancelled."""
        with self._lock:
            if not self._event.is_set():
                self._listeners.append(listener)
                return
        listener()


@dataclass
class TaskContext:
    """What ``op`` receives: a cancel flag and a thread-safe progress reporter."""

    flag: CancelFlag
    _report: Callable[[int, int, str], None]
    _last_report: float = field(default=0.0)

    @property
    def cancelled(self) -> bool:
        return self.flag.cancelled

    def check_cancelled(self) -> None:
        if self.flag.cancelled:
            raise Cancelled

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report progress; safe to call very often from the worker thread."""
        now = time.monotonic()
        if done < total and now - self._last_report < PROGRESS_INTERVAL_S:
            return
        self._last_report = now
        self._report(done, total, message)


class _Relay(QObject):
    """Lives in the GUI thread; signals emitted from the worker are delivered to its slots, queued."""

    progressed = Signal(int, int, str)
    finished = Signal(object, object)  # (result, exception or None)

    def __init__(
        self,
        on_progress: Callable[[int, int, str], None],
        on_finished: Callable[[object, object], None],
    ) -> None:
        super().__init__()
        self._on_progress = on_progress
        self._on_finished = on_finished
        self.progressed.connect(self._deliver_progress, Qt.ConnectionType.QueuedConnection)
        self.finished.connect(self._deliver_finished, Qt.ConnectionType.QueuedConnection)

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, message: str) -> None:
        self._on_progress(done, total, message)

    @Slot(object, object)
    def _deliver_finished(self, result: object, error: object) -> None:
        self._on_finished(result, error)


class _Job(QRunnable):
    def __init__(self, op: Callable[[TaskContext], Any], context: TaskContext, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._op = op
        self._context = context
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._op(self._context)
        except BaseException as exc:
            self._emit(None, exc)
        else:
            self._emit(result, None)

    def _emit(self, result: object, error: BaseException | None) -> None:
        if shiboken6.isValid(self._relay):
            self._relay.finished.emit(result, error)


class TaskHandle(QObject):
    """A running background op: cancel it, or wait on ``done`` (emitted in the GUI thread)."""

    done = Signal()
    progressed = Signal(int, int, str)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.flag = CancelFlag()
        self.running = True
        self.outcome: str = ""
        """``success``, ``failure`` or ``cancelled`` once finished."""

    def cancel(self) -> None:
        self.flag.cancel()


class BackgroundOp(Generic[T]):
    """Build and start one background operation (see the module docstring)."""

    def __init__(
        self,
        *,
        parent: QObject,
        op: Callable[[TaskContext], T],
        success: Callable[[T], None],
        name: str = "",
    ) -> None:
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[BaseException], None] | None = None
        self._cancelled: Callable[[], None] | None = None
        self._progress: Callable[[int, int, str], None] | None = None
        self._name = name or getattr(op, "__qualname__", "op")

    def failure(self, handler: Callable[[BaseException], None]) -> BackgroundOp[T]:
        """Called on the GUI thread with the exception; the default shows a friendly error message."""
        self._failure = handler
        return self

    def on_cancelled(self, handler: Callable[[], None]) -> BackgroundOp[T]:
        self._cancelled = handler
        return self

    def with_progress(self, handler: Callable[[int, int, str], None]) -> BackgroundOp[T]:
        """Called on the GUI thread with ``(done, total, message)`` as the op reports progress."""
        self._progress = handler
        return self

    def run_in_background(self) -> TaskHandle:
        return task_runner().start(self)


class TaskRunner(QObject):
    """Owns the worker pool and the handles of the ops in flight."""

    def __init__(self, threads: int = WORKER_THREADS) -> None:
        super().__init__()
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(threads)
        self.active: list[TaskHandle] = []
        self._relays: dict[int, _Relay] = {}
        """Relays of the ops in flight, kept alive here until their result is delivered."""

    def start(self, spec: BackgroundOp[Any]) -> TaskHandle:
        handle = TaskHandle(spec._name)
        parent = spec._parent

        def on_progress(done: int, total: int, message: str) -> None:
            if not handle.running or not shiboken6.isValid(parent):
                return
            handle.progressed.emit(done, total, message)
            if spec._progress is not None:
                spec._progress(done, total, message)

        def on_finished(result: object, error: object) -> None:
            handle.running = False
            self.active = [h for h in self.active if h is not handle]
            self._relays.pop(id(handle), None)
            relay.deleteLater()
            parent_alive = shiboken6.isValid(parent)
            try:
                if isinstance(error, Cancelled) or handle.flag.cancelled:
                    handle.outcome = "cancelled"
                    log.info("task %s cancelled", handle.name)
                    if parent_alive and spec._cancelled is not None:
                        spec._cancelled()
                elif error is not None:
                    handle.outcome = "failure"
                    if not parent_alive:
                        log.warning("task %s failed after its window closed: %r", handle.name, error)
                    elif spec._failure is not None:
                        spec._failure(error)  # type: ignore[arg-type]
                    else:
                        from workstation.gui.errors import show_error

                        show_error(parent if isinstance(parent, QObject) else None, error)  # type: ignore[arg-type]
                else:
                    handle.outcome = "success"
                    if parent_alive:
                        spec._success(result)
            finally:
                handle.done.emit()

        relay = _Relay(on_progress, on_finished)
        self._relays[id(handle)] = relay
        context = TaskContext(handle.flag, relay.progressed.emit)
        if isinstance(parent, QObject):
            parent.destroyed.connect(handle.cancel)
        self.active.append(handle)
        self.pool.start(_Job(spec._op, context, relay))
        return handle

    def cancel_all(self) -> None:
        for handle in list(self.active):
            handle.cancel()

    @Slot()
    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel everything and wait for the workers; ``True`` when all stopped in time."""
        self.cancel_all()
        return self.pool.waitForDone(timeout_ms)


_runner: TaskRunner | None = None


def task_runner() -> TaskRunner:
    """The application's single task runner (created on first use, in the GUI thread)."""
    global _runner
    if _runner is None or not shiboken6.isValid(_runner):
        _runner = TaskRunner()
    return _runner
