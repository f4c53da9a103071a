"""Open documents and their unsaved contents, autosaved to SQLite so that a crash or power cut loses nothing."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import threading
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from workstation.i18n import Text
from workstation.io.atomic import STALE_TEMPORARY_SECONDS, remove_interrupted_saves
from workstation.paths import user_data_dir
from workstation.store.db import Migration, connect, serialized, storable, tighten_permissions, transaction

__all__ = [
    "SEGMENT_STATES",
    "SESSIONS_FILE_NAME",
    "DocumentInfo",
    "RecoveredDocument",
    "SegmentState",
    "SessionStore",
    "default_sessions_path",
    "live_sessions",
]

SESSIONS_FILE_NAME = "sessions.sqlite3"
SEGMENT_STATES = ("machine", "edited", "confirmed")
SegmentStateName = Literal["machine", "edited", "confirmed"]

if TYPE_CHECKING:
    from workstation.io.documents import Document

_NAME = Text("自動保存データ", "the autosave store")

_MIGRATIONS: tuple[Migration, ...] = (
    # 1: sessions, open documents, editor contents.
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        started REAL NOT NULL,
        ended REAL,
        clean INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        path TEXT,
        kind TEXT NOT NULL,
        encoding TEXT NOT NULL,
        newline TEXT NOT NULL,
        bom INTEGER NOT NULL,
        workspace TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        opened REAL NOT NULL,
        changed REAL,
        saved REAL,
        UNIQUE (session_id, key)
    );
    CREATE TABLE contents (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        target_text TEXT
    );
    """,
    # 2: translation languages and per-segment translation states.
    """
    ALTER TABLE documents ADD COLUMN source_lang TEXT;
    ALTER TABLE documents ADD COLUMN target_lang TEXT;
    CREATE TABLE segments (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        source_start INTEGER NOT NULL,
        source_end INTEGER NOT NULL,
        target TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('machine', 'edited', 'confirmed')),
        model_id TEXT,
        options TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (document_id, idx)
    ) WITHOUT ROWID;
    CREATE INDEX documents_by_session ON documents(session_id);
    """,
)
SCHEMA_VERSION = len(_MIGRATIONS)

_LIVE: set[tuple[str, int]] = set()
"""(database, session id) of the stores open in this process."""


def default_sessions_path() -> Path:
    return user_data_dir() / SESSIONS_FILE_NAME


@dataclass(frozen=True)
class DocumentInfo:
    """Where an open document comes from and how to write it back."""

    path: str | None = None
    kind: str = "txt"
    """``txt``, ``docx`` or ``untitled``."""
    encoding: str = "utf-8"
    newline: str = "\n"
    bom: bool = False
    workspace: str = "translate"
    """``translate``, ``proofread`` or ``diff``."""
    title: str = ""
    source_lang: str | None = None
    target_lang: str | None = None

    @classmethod
    def for_document(
        cls,
        document: Document,
        *,
        workspace: str = "translate",
        source_lang: str | None = None,
        target_lang: str | None = None,
    ) -> DocumentInfo:
        """The info of an opened document (see :func:`workstation.io.documents.open_document`)."""
        path = None if document.path is None else str(document.path)
        kind = document.kind if document.path is not None else "untitled"
        title = document.path.name if document.path is not None else ""
        return cls(
            path, kind, document.encoding, document.newline, document.bom, workspace, title, source_lang, target_lang
        )


@dataclass(frozen=True)
class SegmentState:
    """One translated segment: its span in the source text, the target, and what produced it."""

    source_start: int
    source_end: int
    target: str
    state: SegmentStateName = "machine"
    model_id: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.state not in SEGMENT_STATES:
            raise ValueError(f"segment state must be one of {SEGMENT_STATES}, not {self.state!r}")
        if not 0 <= self.source_start <= self.source_end:
            raise ValueError(f"bad source span {self.source_start}..{self.source_end}")
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))


@dataclass(frozen=True)
class RecoveredDocument:
    """A document whose session ended without a clean exit and whose last autosave was never saved to a file."""

    session_id: int
    key: str
    info: DocumentInfo
    text: str
    target_text: str | None
    segments: tuple[SegmentState, ...]
    changed: float
    """When it was last autosaved (seconds since the epoch)."""
    saved: float | None
    """When it was last saved to its file, if ever."""

    def document(self) -> Document:
        """A document to go on editing and save: the recovered text over the file's saved format.

        A .docx is re-read from its file (its formatting is the template for saving); when that file is gone or
        unreadable, the text is offered as ``<name>.recovered.txt``. Text keeps its recorded encoding and line endings.
        """
        from workstation.io.documents import Document
        from workstation.io.errors import DocumentError
        from workstation.io.text import TextFile

        path = Path(self.info.path) if self.info.path else None
        if path is not None and self.info.kind == "docx":
            try:
                from workstation.io.docx import read_docx

                content = read_docx(path)
                return Document(path, "docx", self.text, docx=content)
            except DocumentError:
                path = path.with_suffix(".recovered.txt")
        text_file = TextFile(self.text, self.info.encoding, self.info.bom, self.info.newline)
        return Document(path, "txt", self.text, text_file=text_file)


class SessionStore:
    """The autosave database of one running program; ``close()`` it, after ``mark_clean_exit()`` on a normal quit."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_sessions_path()
        self._lock = threading.RLock()
        self._written_segments: dict[str, tuple[SegmentState, ...]] = {}
        self._connection = connect(self.path, _MIGRATIONS, name=_NAME)
        with transaction(self._connection, name=_NAME) as db:
            cursor = db.execute(
                "INSERT INTO sessions (pid, host, started) VALUES (?, ?, ?)",
                (os.getpid(), platform.node(), time.time()),
            )
        assert cursor.lastrowid is not None
        self.session_id: int = cursor.lastrowid
        tighten_permissions(self.path)
        _LIVE.add((str(self.path.resolve()), self.session_id))

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @staticmethod
    def new_document_key() -> str:
        """A fresh key naming one open document (one editor tab) in :meth:`autosave`."""
        return uuid.uuid4().hex

    @serialized
    def autosave(
        self,
        key: str,
        text: str,
        *,
        info: DocumentInfo | None = None,
        target_text: str | None = None,
        segments: Sequence[SegmentState] | None = None,
        saved: bool = False,
    ) -> None:
        """Store the current contents of document ``key`` in one transaction.

        ``info`` is needed the first time; ``target_text`` and ``segments`` left as ``None`` keep what was stored.
        ``saved=True`` says the contents equal the file (just opened or saved): nothing to recover after a crash.
        """
        now = time.time()
        text = storable(text)
        target_text = None if target_text is None else storable(target_text)
        try:
            self._autosave(key, text, info, target_text, segments, now, saved)
        except BaseException:
            self._written_segments.pop(key, None)  # the rollback may have dropped segment rows
            raise

    def _autosave(
        self,
        key: str,
        text: str,
        info: DocumentInfo | None,
        target_text: str | None,
        segments: Sequence[SegmentState] | None,
        now: float,
        saved: bool,
    ) -> None:
        with transaction(self._connection, name=_NAME) as db:
            document_id = self._document_id(db, key)
            if document_id is None:
                document_id = self._insert_document(db, key, info or DocumentInfo(), now)
            elif info is not None:
                self._update_info(db, document_id, info)
            db.execute(
                "UPDATE documents SET changed = ?, saved = CASE WHEN ? THEN ? ELSE saved END WHERE id = ?",
                (now, saved, now, document_id),
            )
            if target_text is None:
                db.execute(
                    "INSERT INTO contents (document_id, text) VALUES (?, ?)"
                    " ON CONFLICT (document_id) DO UPDATE SET text = excluded.text",
                    (document_id, text),
                )
            else:
                db.execute(
                    "INSERT OR REPLACE INTO contents (document_id, text, target_text) VALUES (?, ?, ?)",
                    (document_id, text, target_text),
                )
            if segments is not None:
                self._write_segments(db, key, document_id, tuple(segments))

    def _write_segments(
        self, db: sqlite3.Connection, key: str, document_id: int, segments: tuple[SegmentState, ...]
    ) -> None:
        """Write the segments that differ from the last autosave of ``key`` (all of them the first time)."""
        previous = self._written_segments.get(key)
        if previous is None:
            db.execute("DELETE FROM segments WHERE document_id = ?", (document_id,))
            changed = list(enumerate(segments))
        else:
            db.execute("DELETE FROM segments WHERE document_id = ? AND idx >= ?", (document_id, len(segments)))
            changed = [
                (index, segment)
                for index, segment in enumerate(segments)
                if index >= len(previous) or previous[index] != segment
            ]
        db.executemany(
            "INSERT OR REPLACE INTO segments (document_id, idx, source_start, source_end, target, state, model_id,"
            " options) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    document_id,
                    index,
                    segment.source_start,
                    segment.source_end,
                    storable(segment.target),
                    segment.state,
                    segment.model_id,
                    json.dumps(dict(segment.options), sort_keys=True, default=str),
                )
                for index, segment in changed
            ],
        )
        self._written_segments[key] = segments

    @serialized
    def mark_saved(self, key: str, *, info: DocumentInfo | None = None) -> None:
        """Record that document ``key`` was just written to its file (``info`` after "Save as")."""
        with transaction(self._connection, name=_NAME) as db:
            document_id = self._document_id(db, key)
            if document_id is None:
                return
            if info is not None:
                self._update_info(db, document_id, info)
            db.execute("UPDATE documents SET saved = ? WHERE id = ?", (time.time(), document_id))

    @serialized
    def close_document(self, key: str) -> None:
        """Forget document ``key`` (its tab was closed after saving or discarding)."""
        self._written_segments.pop(key, None)
        with transaction(self._connection, name=_NAME) as db:
            db.execute("DELETE FROM documents WHERE session_id = ? AND key = ?", (self.session_id, key))

    @serialized
    def pending_recovery(self) -> list[RecoveredDocument]:
        """Documents of sessions that ended without a clean exit, autosaved after their last save; newest first."""
        dead = self._dead_unclean_sessions()
        if not dead:
            return []
        marks = ",".join("?" * len(dead))
        rows = self._connection.execute(
            "SELECT d.id, d.session_id, d.key, d.path, d.kind, d.encoding, d.newline, d.bom, d.workspace, d.title,"
            " d.source_lang, d.target_lang, d.changed, d.saved, c.text, c.target_text"
            " FROM documents d JOIN contents c ON c.document_id = d.id"
            f" WHERE d.session_id IN ({marks}) AND d.changed IS NOT NULL"
            " AND (d.saved IS NULL OR d.changed > d.saved)"
            " ORDER BY d.changed DESC",
            dead,
        ).fetchall()
        return [self._recovered(row) for row in rows]

    @serialized
    def restore(self, document: RecoveredDocument) -> str:
        """Take a recovered document into this session (autosave goes on under the returned key)."""
        with transaction(self._connection, name=_NAME) as db:
            db.execute(
                "UPDATE documents SET session_id = ? WHERE session_id = ? AND key = ?",
                (self.session_id, document.session_id, document.key),
            )
        self._written_segments[document.key] = document.segments
        self._prune()
        self._remove_interrupted_saves([document])
        return document.key

    @serialized
    def discard(self, document: RecoveredDocument | None = None) -> None:
        """Drop one recovered document, or with no argument every document awaiting recovery."""
        self._remove_interrupted_saves([document] if document is not None else self.pending_recovery())
        with transaction(self._connection, name=_NAME) as db:
            if document is None:
                dead = self._dead_unclean_sessions()
                db.executemany("DELETE FROM documents WHERE session_id = ?", [(sid,) for sid in dead])
            else:
                db.execute(
                    "DELETE FROM documents WHERE session_id = ? AND key = ?", (document.session_id, document.key)
                )
        self._prune()

    def _remove_interrupted_saves(self, documents: list[RecoveredDocument]) -> None:
        """Delete what saves cut off by the crash left beside recovered files (partial plaintext).

        Leftovers of any age go when no other program has this database open; otherwise only old ones,
        so that another instance's save in progress is left alone.
        """
        others = [pid for pid in live_sessions(self.path) if pid != os.getpid()]
        older_than = time.time() - STALE_TEMPORARY_SECONDS if others else None
        for document in documents:
            if document.info.path:
                remove_interrupted_saves(document.info.path, older_than=older_than)

    @serialized
    def mark_clean_exit(self) -> None:
        """The program is quitting normally: drop this session's autosaves (the user saved or discarded them)."""
        self._written_segments.clear()
        with transaction(self._connection, name=_NAME) as db:
            db.execute("DELETE FROM documents WHERE session_id = ?", (self.session_id,))
            db.execute("UPDATE sessions SET ended = ?, clean = 1 WHERE id = ?", (time.time(), self.session_id))
        self._prune()

    @serialized
    def close(self) -> None:
        """Close the database (without a clean-exit mark unless :meth:`mark_clean_exit` was called)."""
        _LIVE.discard((str(self.path.resolve()), self.session_id))
        self._connection.close()

    def _document_id(self, db: sqlite3.Connection, key: str) -> int | None:
        row = db.execute(
            "SELECT id FROM documents WHERE session_id = ? AND key = ?", (self.session_id, key)
        ).fetchone()
        return None if row is None else int(row[0])

    def _insert_document(self, db: sqlite3.Connection, key: str, info: DocumentInfo, now: float) -> int:
        cursor = db.execute(
            "INSERT INTO documents (session_id, key, path, kind, encoding, newline, bom, workspace, title,"
            " source_lang, target_lang, opened) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (self.session_id, key, *_info_values(info), now),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _update_info(self, db: sqlite3.Connection, document_id: int, info: DocumentInfo) -> None:
        db.execute(
            "UPDATE documents SET path = ?, kind = ?, encoding = ?, newline = ?, bom = ?, workspace = ?, title = ?,"
            " source_lang = ?, target_lang = ? WHERE id = ?",
            (*_info_values(info), document_id),
        )

    def _dead_unclean_sessions(self) -> list[int]:
        rows = self._connection.execute(
            "SELECT id, pid, host FROM sessions WHERE clean = 0 AND id != ?", (self.session_id,)
        ).fetchall()
        database = str(self.path.resolve())
        return [sid for sid, pid, host in rows if not _session_alive(database, sid, pid, host)]

    def _prune(self) -> None:
        """Delete what crashed sessions saved cleanly, then finished sessions that hold no documents any more."""
        dead = set(self._dead_unclean_sessions())
        with transaction(self._connection, name=_NAME) as db:
            db.executemany(
                "DELETE FROM documents WHERE session_id = ? AND (changed IS NULL OR changed <= saved)",
                [(sid,) for sid in dead],
            )
            rows = db.execute(
                "SELECT s.id, s.clean FROM sessions s WHERE s.id != ?"
                " AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.session_id = s.id)",
                (self.session_id,),
            ).fetchall()
            db.executemany(
                "DELETE FROM sessions WHERE id = ?", [(sid,) for sid, clean in rows if clean or sid in dead]
            )

    def _recovered(self, row: tuple[Any, ...]) -> RecoveredDocument:
        (document_id, session_id, key, path, kind, encoding, newline, bom, workspace, title,
         source_lang, target_lang, changed, saved, text, target_text) = row  # fmt: skip
        segments = tuple(
            SegmentState(start, end, target, state, model_id, json.loads(options))
            for start, end, target, state, model_id, options in self._connection.execute(
                "SELECT source_start, source_end, target, state, model_id, options FROM segments"
                " WHERE document_id = ? ORDER BY idx",
                (document_id,),
            )
        )
        info = DocumentInfo(path, kind, encoding, newline, bool(bom), workspace, title, source_lang, target_lang)
        return RecoveredDocument(session_id, key, info, text, target_text, segments, changed, saved)


def live_sessions(path: str | os.PathLike[str] | None = None) -> list[int]:
    """Process ids of running programs that have the autosave database at ``path`` open."""
    database = Path(path) if path is not None else default_sessions_path()
    if not database.exists():
        return []
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        rows = connection.execute("SELECT id, pid, host FROM sessions WHERE clean = 0").fetchall()
    except sqlite3.DatabaseError:
        return []
    finally:
        connection.close()
    resolved = str(database.resolve())
    return sorted({pid for sid, pid, host in rows if _session_alive(resolved, sid, pid, host)})


def _info_values(info: DocumentInfo) -> tuple[Any, ...]:
    return (
        None if info.path is None else storable(info.path),
        info.kind,
        info.encoding,
        info.newline,
        int(info.bom),
        info.workspace,
        storable(info.title),
        info.source_lang,
        info.target_lang,
    )


def _session_alive(database: str, session_id: int, pid: int, host: str) -> bool:
    if host != platform.node():
        return False
    if pid == os.getpid():
        return (database, session_id) in _LIVE
    return _pid_alive(pid)


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
