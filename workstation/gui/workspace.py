"""What the main window expects of each workspace (翻訳・校正・比較)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from workstation.gui.editor import TextEditor
from workstation.gui.settings import Settings


class Workspace(QWidget):
    """A tab of the main window; it arranges engines and reports state for the status bar."""

    status_changed = Signal()
    """Emitted when anything the status bar shows (model, profile, character count) changed."""
    content_changed = Signal()
    """Emitted when the user's text changed (drives autosave)."""
    busy_changed = Signal(bool)
    file_opened = Signal(str)
    """Emitted with the path of a file the workspace opened (for the recent-files menu)."""
    document_loaded = Signal()
    """Emitted after a document read in the background is shown."""
    document_saved = Signal()
    """Emitted after the workspace wrote its document to a file."""
    notice = Signal(str)
    """Emitted with something the user should know about a document just opened (text outside a .docx body)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.undo_stack: QUndoStack | None = None
        """Workspace-level undo (decisions that are not text edits), used when no editor has focus."""

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def editors(self) -> list[TextEditor]:
        raise NotImplementedError

    def open_path(self, path: str) -> None:
        raise NotImplementedError

    def new_document(self) -> None:
        """Start an empty, untitled document (the old text can be brought back with undo)."""
        raise NotImplementedError

    def read_documents(self, paths: list[str], show: Callable[..., None]) -> None:
        """Read ``paths`` off the GUI thread (large .docx files take seconds), then call ``show(*documents)``;
        a file that cannot be read gets a clear message and changes nothing."""
        from workstation.gui import engines
        from workstation.gui.errors import show_error
        from workstation.gui.tasks import BackgroundOp

        def shown(documents: list[Any]) -> None:
            show(*documents)
            for document in documents:
                self.file_opened.emit(str(document.path))
                outside = document.notice()
                if outside is not None:
                    self.notice.emit(f"{document.path.name}: {outside}")
            self.document_loaded.emit()

        BackgroundOp(
            parent=self,
            op=lambda _context: [engines.open_document(path) for path in paths],
            success=shown,
            name="open",
        ).failure(lambda error: show_error(self, error)).run_in_background()

    def save(self, *, ask: bool = False) -> None:
        """Save the workspace's document (``ask``: choose a new file name)."""
        raise NotImplementedError

    def character_count(self) -> int:
        return sum(len(editor.toPlainText()) for editor in self.editors()[:1])

    def is_modified(self) -> bool:
        """Whether the user changed something that is not yet saved to a file."""
        return any(editor.document().isModified() for editor in self.editors() if not editor.isReadOnly())

    def status_model(self) -> str:
        return ""

    def status_profile(self) -> str:
        return ""

    def apply_font_size(self, point_size: int) -> None:
        from workstation.gui.editor import editor_font

        for editor in self.editors():
            editor.setFont(editor_font(point_size))

    def snapshot(self) -> dict[str, Any]:
        """What autosave keeps for this workspace (plain data)."""
        return {}

    def restore(self, state: dict[str, Any]) -> None:
        """Bring back a :meth:`snapshot` after a crash."""

    def changeEvent(self, event: QEvent) -> None:
        """Follow the system's light or dark palette when it changes while the program runs."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.repaint_marks()

    def repaint_marks(self) -> None:
        """Recolour the highlights for the current palette (light or dark)."""

    def shutdown(self) -> None:
        """Stop background work owned by the workspace (window closing)."""
