"""A translation cache keyed by (model, options, source sentence): re-translating an edited document only
translates the sentences that changed.

Entries live in memory (least recently used dropped first) and, when a path is given, in a private SQLite
file under the user's cache folder so that they survive restarts. Nothing leaves the device.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CACHE_FILE_NAME", "CachedTranslation", "TranslationCache"]

log = logging.getLogger(__name__)

CACHE_FILE_NAME = "translation-cache.sqlite3"
DEFAULT_MEMORY_ENTRIES = 20_000
SCHEMA_VERSION = 2
"""2: back_score added (an older cache file is emptied and recreated)."""


@dataclass(frozen=True)
class CachedTranslation:
    target: str
    score: float
    missing: tuple[str, ...] = ()
    """Texts of protected spans the model lost (kept so that a cache hit reports them again)."""
    back_score: float | None = None


def cache_key(model_key: str, options_signature: str, source: str) -> str:
    return hashlib.sha256("\x00".join((model_key, options_signature, source)).encode("utf-8")).hexdigest()


class TranslationCache:
    """Thread-safe cache of sentence translations; ``path=None`` keeps it in memory only."""

    def __init__(self, path: Path | None = None, *, memory_entries: int = DEFAULT_MEMORY_ENTRIES) -> None:
        self.path = path
        self.memory_entries = memory_entries
        self._memory: OrderedDict[str, CachedTranslation] = OrderedDict()
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0
        if path is not None:
            self._db = self._open(path)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.touch(mode=0o600)
        db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            db.execute("DROP TABLE IF EXISTS translations")
            db.execute(
                "CREATE TABLE translations (key TEXT PRIMARY KEY, target TEXT NOT NULL, "
                "score REAL NOT NULL, missing TEXT NOT NULL, back_score REAL)"
            )
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return db

    @classmethod
    def _open(cls, path: Path) -> sqlite3.Connection | None:
        """Open (or create, readable only by the user) the cache file; a damaged file is replaced."""
        try:
            return cls._connect(path)
        except sqlite3.DatabaseError as exc:
            log.warning("translation cache %s unusable (%s); starting a new one", path, exc)
        except OSError as exc:
            log.warning("translation cache %s cannot be opened (%s); using memory only", path, exc)
            return None
        try:
            path.unlink()
            return cls._connect(path)
        except (OSError, sqlite3.DatabaseError) as exc:
            log.warning("translation cache %s cannot be recreated (%s); using memory only", path, exc)
            return None

    def get(self, model_key: str, options_signature: str, source: str) -> CachedTranslation | None:
        key = cache_key(model_key, options_signature, source)
        with self._lock:
            found = self._memory.get(key)
            if found is not None:
                self._memory.move_to_end(key)
            elif self._db is not None:
                row = self._db.execute(
                    "SELECT target, score, missing, back_score FROM translations WHERE key = ?", (key,)
                ).fetchone()
                if row is not None:
                    found = CachedTranslation(row[0], row[1], tuple(json.loads(row[2])), row[3])
                    self._remember(key, found)
            if found is None:
                self.misses += 1
            else:
                self.hits += 1
            return found

    def put(self, model_key: str, options_signature: str, source: str, value: CachedTranslation) -> None:
        key = cache_key(model_key, options_signature, source)
        with self._lock:
            self._remember(key, value)
            if self._db is not None:
                try:
                    self._db.execute(
                        "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?)",
                        (
                            key,
                            value.target,
                            value.score,
                            json.dumps(list(value.missing), ensure_ascii=False),
                            value.back_score,
                        ),
                    )
                except sqlite3.Error as exc:
                    log.warning("translation cache write failed: %s", exc)

    def _remember(self, key: str, value: CachedTranslation) -> None:
        self._memory[key] = value
        self._memory.move_to_end(key)
        while len(self._memory) > self.memory_entries:
            self._memory.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._memory.clear()
            if self._db is not None:
                self._db.execute("DELETE FROM translations")

    def __len__(self) -> int:
        with self._lock:
            if self._db is not None:
                return int(self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0])
            return len(self._memory)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
