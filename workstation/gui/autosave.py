"""Autosave every workspace through the session store a few seconds after a change; offer recovery after a crash."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from workstation.gui.errors import show_error
from workstation.gui.strings import tr

if TYPE_CHECKING:
    from workstation.gui.main_window import MainWindow
    from workstation.gui.workspace import Workspace

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 2000
"""Quiet time after the last change before the contents are written to the session store."""

AUTOSAVE_MAX_DELAY_MS = 10_000
"""Longest a change waits while the user keeps typing without a pause: autosave happens at least this often."""

WORKSPACE_NAMES = ("translate", "proofread", "diff")


class AutosaveController(QObject):
    """Keeps one store document per workspace; writes dirty ones after :data:`AUTOSAVE_DELAY_MS` of quiet, and at
    least every :data:`AUTOSAVE_MAX_DELAY_MS` while changes go on."""

    saved = Signal()
    recovered = Signal()

    def __init__(self, window: MainWindow, *, enabled: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.enabled = enabled
        self._store: Any = None
        self._failed = False
        self.keys: dict[str, str] = {}
        self.dirty: set[str] = set()
        self.recovery_box: QMessageBox | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        self.deadline = QTimer(self)
        self.deadline.setSingleShot(True)
        self.deadline.setInterval(AUTOSAVE_MAX_DELAY_MS)
        self.deadline.timeout.connect(self.flush)
        for name, view in zip(WORKSPACE_NAMES, window.views, strict=True):
            view.content_changed.connect(lambda name=name: self.mark_dirty(name))
            view.document_saved.connect(lambda name=name: self.mark_saved(name))

    def view(self, name: str) -> Workspace:
        return self.window.views[WORKSPACE_NAMES.index(name)]

    def store(self) -> Any:
        """The session store, opened on first use; ``None`` when it cannot be opened (reported once)."""
        if self._store is None and not self._failed and self.enabled:
            from workstation.store.sessions import SessionStore

            try:
                self._store = SessionStore()
            except Exception as exc:
                self._failed = True
                show_error(self.window, exc)
        return self._store

    def key(self, name: str) -> str:
        if name not in self.keys:
            from workstation.store.sessions import SessionStore

            self.keys[name] = SessionStore.new_document_key()
        return self.keys[name]

    def mark_dirty(self, name: str) -> None:
        if not self.enabled:
            return
        self.dirty.add(name)
        self.timer.start()
        if not self.deadline.isActive():
            self.deadline.start()

    def flush(self) -> None:
        """Write every changed workspace now (one transaction each)."""
        self.timer.stop()
        self.deadline.stop()
        store = self.store()
        if store is None:
            self.dirty.clear()
            return
        for name in sorted(self.dirty):
            snapshot = self.view(name).snapshot()
            if not snapshot.get("text") and not snapshot.get("target_text") and name not in self.keys:
                continue
            try:
                store.autosave(
                    self.key(name),
                    snapshot.get("text", ""),
                    info=self._info(name, snapshot),
                    target_text=snapshot.get("target_text"),
                    segments=snapshot.get("segments"),
                )
            except Exception as exc:
                log.exception("autosave failed")
                self._failed = True
                show_error(self.window, exc)
                break
        self.dirty.clear()
        self.window.autosave_label.setText(tr("status.autosaved", time=time.strftime("%H:%M:%S")))
        self.saved.emit()

    def mark_saved(self, name: str) -> None:
        store = self.store()
        if store is None:
            return
        self.dirty.add(name)
        self.flush()
        try:
            store.mark_saved(self.key(name), info=self._info(name, self.view(name).snapshot()))
        except Exception:
            log.exception("could not record the save in the session store")

    def _info(self, name: str, snapshot: dict[str, Any]) -> Any:
        from workstation.store.sessions import DocumentInfo

        return DocumentInfo(
            path=snapshot.get("path") or None,
            kind=snapshot.get("kind") or ("txt" if snapshot.get("path") else "untitled"),
            encoding=snapshot.get("encoding") or "utf-8",
            newline=snapshot.get("newline") or "\n",
            bom=bool(snapshot.get("bom")),
            workspace=name,
            title=snapshot.get("title") or "",
            source_lang=snapshot.get("source_lang"),
            target_lang=snapshot.get("target_lang"),
        )

    # ----- recovery ---------------------------------------------------------------------------------------
    def pending(self) -> list[Any]:
        store = self.store()
        if store is None:
            return []
        try:
            return list(store.pending_recovery())
        except Exception:
            log.exception("cannot read the recovery data")
            return []

    def offer_recovery(self) -> QMessageBox | None:
        """Ask (without blocking) whether to restore what a crashed session left; ``None`` when nothing is left."""
        documents = self.pending()
        if not documents:
            return None
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("recovery.title"))
        names = "\n".join(
            f"・{document.info.title or tr('recovery.untitled')}（{tr('workspace.' + _workspace_tab(document.info.workspace))}）"
            for document in documents[:10]
        )
        box.setText(tr("recovery.text", count=len(documents), names=names))
        restore = box.addButton(tr("recovery.restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("recovery.discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.buttonClicked.connect(lambda button: self._answer(documents, button is restore))
        box.open()
        self.recovery_box = box
        return box

    def _answer(self, documents: list[Any], restore: bool) -> None:
        if restore:
            self.recover(documents)
        else:
            self.store().discard()

    def recover(self, documents: list[Any]) -> None:
        """Restore the newest recovered document of each workspace; drop the older ones."""
        store = self.store()
        taken: set[str] = set()
        for document in documents:
            name = document.info.workspace if document.info.workspace in WORKSPACE_NAMES else "translate"
            if name in taken:
                store.discard(document)
                continue
            taken.add(name)
            self.keys[name] = store.restore(document)
            self.view(name).restore(
                {
                    "text": document.text,
                    "target_text": document.target_text,
                    "segments": list(document.segments),
                    "path": document.info.path or "",
                    "title": document.info.title,
                    "source_lang": document.info.source_lang,
                    "target_lang": document.info.target_lang,
                }
            )
            self.window.workspaces.setCurrentWidget(self.view(name))
        self.recovered.emit()

    # ----- closing and wiping -----------------------------------------------------------------------------
    def close_session(self) -> None:
        """Write what is pending; a clean-exit mark only when nothing unsaved remains (else it is recovered)."""
        if self._store is None and not self.dirty:
            return
        if self.dirty:
            self.flush()
        store = self._store
        if store is None:
            return
        try:
            if not any(view.is_modified() for view in self.window.views):
                store.mark_clean_exit()
            store.close()
        except Exception:
            log.exception("could not close the session store")
        self._store = None

    def confirm_wipe(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("wipe.title"),
            tr("wipe.text"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(tr("wipe.confirm"))
        box.button(QMessageBox.StandardButton.No).setText(tr("button.cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda result: self.wipe() if result == QMessageBox.StandardButton.Yes else None)
        box.open()

    def wipe(self) -> None:
        """Delete autosaves, translation memory, caches and logs; the texts on screen and the files stay."""
        from workstation.errors import WorkstationError
        from workstation.gui import engines
        from workstation.i18n import Text

        self.timer.stop()
        self.deadline.stop()
        self.dirty.clear()
        if self._store is not None:
            self._store.close()
            self._store = None
        self.keys.clear()
        self.window.translate_view.release_cached_data()
        failures = engines.wipe_stored_data()
        if failures:
            show_error(
                self.window,
                WorkstationError(Text("一部のデータを消去できませんでした。", "Some data could not be deleted."), detail="; ".join(failures)),
            )
            return
        self.window.statusBar().showMessage(tr("wipe.done"), 5000)


def _workspace_tab(name: str) -> str:
    return {"diff": "compare"}.get(name, name)
