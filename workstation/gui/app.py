"""Start the Qt application and show the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from workstation.gui.main_window import MainWindow
from workstation.gui.strings import tr

log = logging.getLogger(__name__)


def run_gui(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("workstation")
    app.setApplicationDisplayName(tr("app.title"))
    window = MainWindow()
    window.show()
    log.info("main window shown")
    return app.exec()
