"""The main window: menu bar, three workspaces (翻訳・校正・比較) and a status bar."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from workstation import __version__
from workstation.gui.strings import tr


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(tr("app.title"))
        self.resize(1280, 800)
        self.workspaces = QTabWidget()
        self.workspaces.setDocumentMode(True)
        for key in ("workspace.translate", "workspace.proofread", "workspace.compare"):
            self.workspaces.addTab(QWidget(), tr(key))
        self.setCentralWidget(self.workspaces)
        self._build_menus()
        self.offline_label = QLabel(tr("status.offline"))
        self.statusBar().addPermanentWidget(self.offline_label)

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        self.file_menu = menu_bar.addMenu(tr("menu.file"))
        self.edit_menu = menu_bar.addMenu(tr("menu.edit"))
        self.view_menu = menu_bar.addMenu(tr("menu.view"))
        self.tools_menu = menu_bar.addMenu(tr("menu.tools"))
        self.help_menu = menu_bar.addMenu(tr("menu.help"))
        quit_action = QAction(tr("action.quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.file_menu.addAction(quit_action)
        about_action = QAction(tr("action.about"), self)
        about_action.triggered.connect(self._show_about)
        self.help_menu.addAction(about_action)

    def _show_about(self) -> None:
        QMessageBox.about(self, tr("app.title"), tr("about.text", version=__version__))
