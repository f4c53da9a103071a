"""Drive the real main window in its own process for the SIGKILL tests; report what happened as JSON lines.

    python crash_driver.py type FILE TEXT_FILE      open FILE in 校正, type TEXT_FILE's text at its end, forever
    python crash_driver.py save FILE TEXT_FILE      open FILE in 校正, type TEXT_FILE's text at its start, save
    python crash_driver.py recover RESULT_JSON      start again, take the recovery offer, write what came back

Each line on stdout is a JSON object with an ``event``. "autosaved" lines carry the length of the text that
the autosave just committed (they are printed from the autosave's own ``saved`` signal). Test code only: it
uses the window the way the program's own start-up does and adds nothing to the product.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from workstation.gui.main_window import MainWindow

WAIT_MS = 120_000
TYPING_AUTOSAVE_MS = 300
"""Quiet time before an autosave in the driven window (the product's default is seconds; a test has no time)."""
TYPING_AUTOSAVE_MAX_MS = 800
"""Longest wait for an autosave while typing goes on."""
KEY_DELAY_MS = 15


def emit(event: str, **fields: object) -> None:
    print(json.dumps({"event": event, **fields}, ensure_ascii=False), flush=True)


def wait_for(signal: SignalInstance, start: Callable[[], object] | None = None) -> None:
    """Run the event loop until ``signal`` fires (after calling ``start``); give up after :data:`WAIT_MS`."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.timeout.connect(lambda: (emit("timeout"), loop.exit(1)))
    timeout.start(WAIT_MS)
    if start is not None:
        QTimer.singleShot(0, start)  # inside the loop, so a signal that ``start`` emits at once is not missed
    if loop.exec() != 0:
        sys.exit(3)
    timeout.stop()
    signal.disconnect(loop.quit)


def type_text(widget: QWidget, text: str, delay_ms: int = 0) -> None:
    """Type ``text`` as a Japanese input method does: each character is composed, then committed."""
    for character in text:
        composing = QInputMethodEvent(character, [])
        QApplication.sendEvent(widget, composing)
        committed = QInputMethodEvent()
        committed.setCommitString(character)
        QApplication.sendEvent(widget, committed)
        if delay_ms:
            QTest.qWait(delay_ms)


def start_window() -> tuple[QApplication, MainWindow]:
    """The application and the main window, made the way the program's start-up makes them."""
    from workstation.gui.app import create_application

    app = create_application()
    from workstation.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    QTest.qWaitForWindowExposed(window)
    return app, window


def open_in_proofread(window: MainWindow, path: str) -> None:
    view = window.proofread_view
    wait_for(view.document_loaded, lambda: window.open_path(path, view))
    emit("loaded", length=len(view.editor.toPlainText()))


def report_autosaves(window: MainWindow) -> None:
    """Say on stdout each time the autosave committed, with the length of the 校正 text it wrote."""
    editor = window.proofread_view.editor
    window.autosave.saved.connect(lambda: emit("autosaved", length=len(editor.toPlainText())))


def type_forever(path: str, text: str) -> None:
    app, window = start_window()
    open_in_proofread(window, path)
    window.autosave.timer.setInterval(TYPING_AUTOSAVE_MS)
    window.autosave.deadline.setInterval(TYPING_AUTOSAVE_MAX_MS)
    report_autosaves(window)
    editor = window.proofread_view.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    emit("typing")
    type_text(editor, text, KEY_DELAY_MS)
    emit("typed_all", length=len(editor.toPlainText()))
    app.exec()


def type_and_save(path: str, text: str) -> None:
    app, window = start_window()
    open_in_proofread(window, path)
    window.autosave.timer.setInterval(TYPING_AUTOSAVE_MS)
    report_autosaves(window)
    editor = window.proofread_view.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    wait_for(window.autosave.saved, lambda: type_text(editor, text))
    window.workspaces.setCurrentWidget(window.proofread_view)
    emit("saving")
    window.actions_by_key["save"].trigger()
    emit("saved")
    app.exec()


def recover(result_path: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    _app, window = start_window()
    box = window.autosave.offer_recovery()
    result: dict[str, object] = {"offered": box is not None}
    if box is not None:
        result["box_text"] = box.text()
        restore = next(button for button in box.buttons() if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole)
        wait_for(window.autosave.recovered, restore.click)
        view = window.proofread_view
        result["proofread_text"] = view.editor.toPlainText()
        result["proofread_path"] = str(view.document.path) if view.document is not None else ""
        result["modified"] = view.is_modified()
        result["current_workspace"] = window.workspaces.currentIndex()
    Path(result_path).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    window.close()
    emit("done")


def main(argv: list[str]) -> None:
    mode, *args = argv
    if mode == "type":
        type_forever(args[0], Path(args[1]).read_text(encoding="utf-8"))
    elif mode == "save":
        type_and_save(args[0], Path(args[1]).read_text(encoding="utf-8"))
    elif mode == "recover":
        recover(args[0])
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
