"""Errors are shown as clear messages in the UI language; details go to the log, never a traceback."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget

from workstation.app_logging import log_file_path, setup_logging
from workstation.errors import WorkstationError
from workstation.gui import errors
from workstation.i18n import Text, set_language


def test_a_known_error_shows_its_message_in_the_ui_language(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    error = WorkstationError(Text("ファイルが壊れています。", "The file is damaged."), detail="zip: bad header")
    box = errors.show_error(parent, error)
    assert box.text() == "ファイルが壊れています。"
    assert "zip: bad header" in box.informativeText()
    box.close()
    set_language("en")
    box = errors.show_error(parent, error)
    assert box.text() == "The file is damaged." and box.windowTitle() == "Error"
    box.close()


def test_the_excepthook_logs_the_traceback_and_shows_a_friendly_message(qtbot, monkeypatch) -> None:
    setup_logging()
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()
    try:
        raise RuntimeError("secret internal state")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    box = errors.last_message_box
    assert "予期しないエラー" in box.text()
    assert "secret" not in box.text() and "Traceback" not in box.text()
    assert str(log_file_path()) in box.text()
    logged = log_file_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "secret internal state" in logged
    box.close()
