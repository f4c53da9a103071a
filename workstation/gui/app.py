"""Start the Qt application and show the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication

from workstation.gui.errors import install_excepthook
from workstation.gui.strings import tr

log = logging.getLogger(__name__)

UI_FONT_FAMILIES = ["Noto Sans CJK JP", "Yu Gothic UI", "Meiryo UI", "Hiragino Sans", "Noto Sans", "sans-serif"]


_qt_translators: list[QTranslator] = []


def apply_qt_language(language: str) -> None:
    """Qt's own texts (standard buttons, file dialogs, context menus) in the UI language."""
    app = QCoreApplication.instance()
    if app is None:
        return
    while _qt_translators:
        app.removeTranslator(_qt_translators.pop())
    if language != "ja":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_ja", "qt_ja"):
        translator = QTranslator()
        if translator.load(name, folder):
            app.installTranslator(translator)
            _qt_translators.append(translator)
            return
    log.info("no Qt translation for Japanese found in %s", folder)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with high-DPI rounding, a Japanese-capable UI font and the system palette."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("workstation")
    app.setOrganizationName("workstation")
    app.setApplicationDisplayName(tr("app.title"))
    font = QFont(app.font())
    font.setFamilies([*UI_FONT_FAMILIES])
    app.setFont(font)
    return app


def run_gui(argv: list[str] | None = None) -> int:
    app = create_application(argv)
    install_excepthook()
    from workstation.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    window.autosave.offer_recovery()
    log.info("main window shown")
    return app.exec()
