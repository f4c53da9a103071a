"""The window step of ``workstation --self-test``: the Qt platform plugin loads and the main window builds."""

from __future__ import annotations

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication

from workstation.gui.app import create_application


def build_main_window() -> str:
    """Create the application and the main window, let it paint once, close it; describe what ran."""
    from workstation.gui.main_window import MainWindow

    app = create_application()
    window = MainWindow()
    window.show()
    QApplication.processEvents()
    size = f"{window.width()}×{window.height()}"
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return f"Qt {qVersion()}, platform {app.platformName()}, main window {size}"
