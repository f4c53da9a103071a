"""The main window: menu bar, toolbar, three workspaces (翻訳・校正・比較), status bar, autosave."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from workstation import __version__
from workstation.gui import engines
from workstation.gui.app import apply_qt_language
from workstation.gui.autosave import AutosaveController
from workstation.gui.compare_view import CompareView
from workstation.gui.editor import FindBar, tint
from workstation.gui.errors import show_error
from workstation.gui.proofread_view import ProofreadView
from workstation.gui.settings import Settings
from workstation.gui.settings_dialog import SettingsDialog
from workstation.gui.strings import tr
from workstation.gui.tasks import BackgroundOp, TaskHandle, task_runner
from workstation.gui.translate_view import TranslateView
from workstation.gui.workspace import Workspace
from workstation.i18n import current_language, set_language

log = logging.getLogger(__name__)

OPEN_FILTER_KEY = "dialog.open_filter"
SHUTDOWN_WAIT_MS = 10_000
NOTICE_MS = 20_000
"""How long a notice about an opened document stays in the status bar."""


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, *, autosave: bool = True) -> None:
        super().__init__()
        self.settings = settings or Settings()
        language = self.settings.get("ui/language") if self.settings.is_set("ui/language") else current_language()
        set_language(language)
        apply_qt_language(language)
        self.resize(1280, 800)
        self.setAcceptDrops(False)
        self.translate_view = TranslateView(self.settings)
        self.proofread_view = ProofreadView(self.settings)
        self.compare_view = CompareView(self.settings)
        self.views: list[Workspace] = [self.translate_view, self.proofread_view, self.compare_view]
        self.workspaces = QTabWidget()
        self.workspaces.setDocumentMode(True)
        for view in self.views:
            self.workspaces.addTab(view, "")
        self.find_bar = FindBar()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.workspaces, 1)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self.actions_by_key: dict[str, QAction] = {}
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect_views()
        self.settings_dialog: SettingsDialog | None = None
        self.autosave = AutosaveController(self, enabled=autosave)
        self.retranslate_ui()
        self.apply_settings()
        geometry = self.settings.get("window/geometry")
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        self.workspaces.setCurrentIndex(self.settings.get("window/workspace"))
        self.settings.changed.connect(self._on_setting_changed)
        self.update_status()

    # ----- actions and menus -------------------------------------------------------------------------------
    def _action(self, key: str, slot: Callable[[], object], shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.actions_by_key[key] = action
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self._action("new", self.new_document, QKeySequence(key.New))
        self._action("open", self.open_file_dialog, QKeySequence(key.Open))
        self._action("open_compare", self.compare_view.open_two_files_dialog)
        self._action("save", self.save, QKeySequence(key.Save))
        self._action("save_as", self.save_as, QKeySequence(key.SaveAs))
        self._action("export_report", self.compare_view.export_report_dialog)
        self._action("export_bilingual", self.translate_view.export_bilingual_dialog)
        self._action("import_tmx", self.import_tmx_dialog)
        self._action("export_tmx", self.export_tmx_dialog)
        self._action("quit", self.close, QKeySequence(key.Quit))
        self._action("undo", self.undo, "Ctrl+Z")
        self._action("redo", self.redo, "Ctrl+Y")
        self.actions_by_key["redo"].setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self._action("cut", lambda: self._editor_call("cut"), QKeySequence(key.Cut))
        self._action("copy", lambda: self._editor_call("copy"), QKeySequence(key.Copy))
        self._action("paste", lambda: self._editor_call("paste"), QKeySequence(key.Paste))
        self._action("select_all", lambda: self._editor_call("selectAll"), QKeySequence(key.SelectAll))
        self._action("find", self.show_find_bar, "Ctrl+F")
        self._action("settings", self.show_settings)
        for index, name in enumerate(("view_translate", "view_proofread", "view_compare")):
            self._action(name, lambda index=index: self.workspaces.setCurrentIndex(index), f"Ctrl+{index + 1}")
        self._action("font_larger", lambda: self._change_font(+1), QKeySequence(key.ZoomIn))
        self._action("font_smaller", lambda: self._change_font(-1), QKeySequence(key.ZoomOut))
        self._action("translate", self.translate_document, "Ctrl+Return")
        self.actions_by_key["translate"].setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self._action("translate_selection", self.translate_view.translate_selection, "Ctrl+Shift+Return")
        self._action("cancel", self.cancel_work, "Esc")
        self.actions_by_key["cancel"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._action("check", self.check_document, "F7")
        self._action("apply_all", self.proofread_view.apply_all_fixes)
        self._action("next_change", self.compare_view.next_change, "F8")
        self._action("previous_change", self.compare_view.previous_change, "Shift+F8")
        self._action("load_glossary", self.translate_view.load_glossary_dialog)
        self._action("wipe_data", self._wipe_data)
        self._action("about", self._show_about)
        self._action("show_log", self._show_log_location)

    def _wipe_data(self) -> None:
        self.autosave.confirm_wipe()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.edit_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.tools_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        a = self.actions_by_key
        self.file_menu.addActions([a["new"], a["open"], a["open_compare"]])
        self.recent_menu = self.file_menu.addMenu("")
        self.file_menu.addSeparator()
        self.file_menu.addActions([a["save"], a["save_as"], a["export_bilingual"], a["export_report"]])
        self.file_menu.addSeparator()
        self.file_menu.addAction(a["quit"])
        self.edit_menu.addActions([a["undo"], a["redo"]])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([a["cut"], a["copy"], a["paste"], a["select_all"]])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([a["find"], a["settings"]])
        self.view_menu.addActions([a["view_translate"], a["view_proofread"], a["view_compare"]])
        self.view_menu.addSeparator()
        self.view_menu.addActions([a["font_larger"], a["font_smaller"]])
        self.tools_menu.addActions([a["translate"], a["translate_selection"], a["cancel"]])
        self.tools_menu.addSeparator()
        self.tools_menu.addActions([a["check"], a["apply_all"]])
        self.tools_menu.addSeparator()
        self.tools_menu.addActions([a["next_change"], a["previous_change"]])
        self.tools_menu.addSeparator()
        self.tools_menu.addActions([a["load_glossary"], a["import_tmx"], a["export_tmx"]])
        self.tools_menu.addSeparator()
        self.tools_menu.addAction(a["wipe_data"])
        self.help_menu.addActions([a["show_log"], a["about"]])
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        a = self.actions_by_key
        self.toolbar.addActions([a["open"], a["save"]])
        self.toolbar.addSeparator()
        self.toolbar.addActions([a["undo"], a["redo"]])
        self.toolbar.addSeparator()
        self.toolbar.addActions([a["translate"], a["check"], a["apply_all"]])
        self.toolbar.addSeparator()
        self.toolbar.addActions([a["previous_change"], a["next_change"]])
        self.addToolBar(self.toolbar)

    def _build_status_bar(self) -> None:
        self.model_label = QLabel()
        self.profile_label = QLabel()
        self.count_label = QLabel()
        self.offline_label = QLabel()
        self.autosave_label = QLabel()
        bar = self.statusBar()
        for label in (self.model_label, self.profile_label, self.count_label, self.autosave_label, self.offline_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)

    def _connect_views(self) -> None:
        for view in self.views:
            view.status_changed.connect(self.update_status)
            view.file_opened.connect(self.remember_recent)
            view.document_saved.connect(self.update_status)
            view.document_loaded.connect(self.update_status)
            view.notice.connect(lambda text: self.statusBar().showMessage(text, NOTICE_MS))
            if view is not self.compare_view:  # Compare puts a dropped file on the side it was dropped on
                for editor in view.editors():
                    editor.file_dropped.connect(lambda path, view=view: self.open_path(path, view))
        self.workspaces.currentChanged.connect(self._on_workspace_changed)
        self.translate_view.proofread_requested.connect(self._proofread_translation)
        self.proofread_view.review_requested.connect(self._review_fixes)
        self.compare_view.result_to_proofread.connect(self._result_to_proofread)
        self.actions_by_key["cancel"].setEnabled(False)
        self.translate_view.busy_changed.connect(self.actions_by_key["cancel"].setEnabled)

    # ----- language, settings, status ---------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        for key, action in self.actions_by_key.items():
            action.setText(tr(f"action.{key}"))
            tip = f"action.{key}.tip"
            action.setToolTip(tr(tip) if _has(tip) else action.text().replace("&", ""))
        for menu, key in (
            (self.file_menu, "menu.file"),
            (self.edit_menu, "menu.edit"),
            (self.view_menu, "menu.view"),
            (self.tools_menu, "menu.tools"),
            (self.help_menu, "menu.help"),
            (self.recent_menu, "menu.recent"),
        ):
            menu.setTitle(tr(key))
        self.toolbar.setWindowTitle(tr("toolbar.main"))
        for index, key in enumerate(("workspace.translate", "workspace.proofread", "workspace.compare")):
            self.workspaces.setTabText(index, tr(key))
        self.offline_label.setText(tr("status.offline"))
        self.offline_label.setToolTip(tr("status.offline.tip"))
        self._colour_offline_label()
        self.find_bar.retranslate_ui()
        for view in self.views:
            view.retranslate_ui()
        self._fill_recent_menu()
        self.update_status()

    def _colour_offline_label(self) -> None:
        colour = tint(self, "#2e7d32", "#81c784").name()
        self.offline_label.setStyleSheet(f"color: {colour};")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_offline_label()

    def set_ui_language(self, language: str) -> None:
        """Switch the UI language and retranslate the live window."""
        self.settings.set("ui/language", language)

    def apply_settings(self) -> None:
        size = self.settings.get("ui/font_size")
        for view in self.views:
            view.apply_font_size(size)

    def _on_setting_changed(self, key: str) -> None:
        if key == "ui/language":
            set_language(self.settings.get(key))
            apply_qt_language(self.settings.get(key))
            self.retranslate_ui()
        elif key == "ui/font_size":
            self.apply_settings()
        elif key == "recent/files":
            self._fill_recent_menu()
        for view in self.views:
            on_setting = getattr(view, "on_setting_changed", None)
            if on_setting is not None:
                on_setting(key)
        self.update_status()

    def current_view(self) -> Workspace:
        return self.views[self.workspaces.currentIndex()]

    def _on_workspace_changed(self, index: int) -> None:
        self.settings.set("window/workspace", index)
        self.update_status()

    def update_status(self) -> None:
        view = self.current_view()
        model = self.translate_view.status_model()
        self.model_label.setText(tr("status.model", model=model) if model else tr("status.no_model"))
        self.profile_label.setText(tr("status.profile", profile=self.proofread_view.status_profile()))
        self.count_label.setText(tr("status.characters", count=f"{view.character_count():,}"))
        title = getattr(view, "title", "")
        if title:
            mark = " *" if view.is_modified() else ""
            self.setWindowTitle(f"{title}{mark} — {tr('app.title')}")
        else:
            self.setWindowTitle(tr("app.title"))

    # ----- files ------------------------------------------------------------------------------------------
    def new_document(self) -> None:
        self.current_view().new_document()
        self.update_status()

    def open_file_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("dialog.open_title"), "", tr(OPEN_FILTER_KEY))
        if path:
            self.open_path(path)

    def open_path(self, path: str, view: Workspace | None = None) -> None:
        """Open ``path`` in ``view`` (default: the current workspace) and remember it as recent."""
        target = view or self.current_view()
        if target is not self.current_view():
            self.workspaces.setCurrentWidget(target)
        target.open_path(path)

    def remember_recent(self, path: str) -> None:
        self.settings.add_recent_file(str(Path(path).resolve()))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = [path for path in self.settings.get("recent/files") if path]
        for path in files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, path=path: self.open_path(path))
        if not files:
            empty = self.recent_menu.addAction(tr("menu.recent.empty"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(tr("menu.recent.clear"))
            clear.triggered.connect(lambda: self.settings.set("recent/files", []))

    def save(self) -> None:
        try:
            self.current_view().save()
        except Exception as exc:
            show_error(self, exc)

    def save_as(self) -> None:
        try:
            self.current_view().save(ask=True)
        except Exception as exc:
            show_error(self, exc)

    # ----- editing ----------------------------------------------------------------------------------------
    def _focused_editor(self) -> QPlainTextEdit | None:
        """The editable editor with focus, else the current workspace's first editable editor."""
        widget = QApplication.focusWidget()
        if isinstance(widget, QPlainTextEdit) and not widget.isReadOnly() and self.isAncestorOf(widget):
            return widget
        editors = [editor for editor in self.current_view().editors() if not editor.isReadOnly()]
        return editors[0] if editors else None

    def _editor_call(self, name: str) -> None:
        widget = QApplication.focusWidget()
        if widget is not None and hasattr(widget, name) and self.isAncestorOf(widget):
            getattr(widget, name)()

    def undo(self) -> None:
        """Undo in the focused editor; in Compare, undo the last accept/reject decision."""
        stack = self.current_view().undo_stack
        editor = self._focused_editor()
        if stack is not None and (editor is None or not editor.hasFocus()):
            stack.undo()
        elif editor is not None:
            editor.undo()

    def redo(self) -> None:
        stack = self.current_view().undo_stack
        editor = self._focused_editor()
        if stack is not None and (editor is None or not editor.hasFocus()):
            stack.redo()
        elif editor is not None:
            editor.redo()

    def show_find_bar(self) -> None:
        editor = self._focused_editor() or next(iter(self.current_view().editors()), None)
        self.find_bar.open_for(editor)

    def _change_font(self, step: int) -> None:
        setting = "ui/font_size"
        size = max(8, min(36, self.settings.get(setting) + step))
        self.settings.set(setting, size)

    def show_settings(self) -> None:
        self.settings_dialog = SettingsDialog(self.settings, self)
        self.settings_dialog.open()

    # ----- work across workspaces ------------------------------------------------------------------------
    def translate_document(self) -> None:
        self.workspaces.setCurrentWidget(self.translate_view)
        self.translate_view.translate_document()

    def check_document(self) -> None:
        self.workspaces.setCurrentWidget(self.proofread_view)
        self.proofread_view.check_now()

    def cancel_work(self) -> None:
        self.translate_view.cancel_translation()

    def _proofread_translation(self, text: str) -> None:
        self.proofread_view.load_text(text, title=tr("proofread.from_translation"))
        self.workspaces.setCurrentWidget(self.proofread_view)
        self.proofread_view.check_now()

    def _review_fixes(self, original: str, corrected: str) -> None:
        self.compare_view.compare_texts(original, corrected, from_proofread=True)
        self.workspaces.setCurrentWidget(self.compare_view)

    def _result_to_proofread(self, text: str) -> None:
        self.proofread_view.replace_text(text)
        self.workspaces.setCurrentWidget(self.proofread_view)

    # ----- translation memory files -----------------------------------------------------------------------
    def import_tmx_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("tmx.import_title"), "", tr("tmx.filter"))
        if path:
            self.import_tmx(path)

    def import_tmx(self, path: str) -> TaskHandle:
        """Import a TMX file (OmegaT, Trados ...) into the translation memory in the background."""
        return BackgroundOp(
            parent=self,
            op=lambda _context: engines.import_tmx(path),
            success=lambda result: self.statusBar().showMessage(
                tr("tmx.imported", added=result.added, updated=result.updated, skipped=result.skipped), 10_000
            ),
            name="import-tmx",
        ).run_in_background()

    def export_tmx_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("tmx.export_title"), "memory.tmx", tr("tmx.filter"))
        if path:
            self.export_tmx(path)

    def export_tmx(self, path: str) -> TaskHandle:
        view = self.translate_view
        source_lang, target_lang = view.source_lang, view.target_lang
        return BackgroundOp(
            parent=self,
            op=lambda _context: engines.export_tmx(path, source_lang, target_lang),
            success=lambda count: self.statusBar().showMessage(tr("tmx.exported", count=count), 10_000),
            name="export-tmx",
        ).run_in_background()

    # ----- about, log, closing ----------------------------------------------------------------------------
    def _show_about(self) -> None:
        QMessageBox.about(self, tr("app.title"), tr("about.text", version=__version__))

    def _show_log_location(self) -> None:
        from workstation.app_logging import log_file_path

        box = QMessageBox(QMessageBox.Icon.Information, tr("app.title"), tr("log.location", path=str(log_file_path())),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop background work, keep the autosave and mark the session closed cleanly."""
        self.settings.set("window/geometry", bytes(self.saveGeometry().data()))
        for view in self.views:
            view.shutdown()
        stopped = task_runner().shutdown(SHUTDOWN_WAIT_MS)
        if not stopped:
            log.warning("background work did not stop within %d ms", SHUTDOWN_WAIT_MS)
        self.autosave.close_session()
        event.accept()


def _has(key: str) -> bool:
    from workstation.gui.strings import STRINGS

    return key in STRINGS

