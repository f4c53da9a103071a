"""Show errors as clear messages in the UI language, details to the log, never a traceback."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from workstation.app_logging import log_file_path
from workstation.errors import WorkstationError
from workstation.gui.strings import tr

log = logging.getLogger(__name__)

last_message_box: QMessageBox | None = None
"""The most recent error box (tests read it; the user simply sees it)."""


def describe(error: BaseException) -> tuple[str, str]:
    """``(message, detail)`` for the user: the bilingual message of a known error, a friendly one otherwise."""
    if isinstance(error, WorkstationError):
        return str(error.message), error.detail
    if isinstance(error, MemoryError):
        return tr("error.memory"), ""
    if isinstance(error, OSError):
        return tr("error.os", reason=error.strerror or str(error)), str(error)
    return tr("error.unexpected", log=str(log_file_path())), ""


def show_error(parent: QWidget | None, error: BaseException, *, title_key: str = "error.title") -> QMessageBox:
    """Log ``error`` and show a non-blocking message box; return it."""
    global last_message_box
    message, detail = describe(error)
    if isinstance(error, WorkstationError):
        log.info("user error: %s (%s)", getattr(error.message, "en", message), error.detail)
    else:
        log.error("error shown to the user", exc_info=(type(error), error, error.__traceback__))
    box = QMessageBox(parent if isinstance(parent, QWidget) else None)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr(title_key))
    box.setText(message)
    if detail and isinstance(error, WorkstationError):
        box.setInformativeText(tr("error.detail", detail=detail[:500]))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setModal(True)
    box.open()
    last_message_box = box
    return box


def install_excepthook() -> None:
    """Log uncaught exceptions from Qt callbacks and show a friendly message instead of a traceback."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        if QApplication.instance() is None:
            log.error("uncaught exception:\n%s", "".join(traceback.format_exception(kind, value, tb)))
            return
        show_error(QApplication.activeWindow(), value.with_traceback(tb))

    sys.excepthook = hook
