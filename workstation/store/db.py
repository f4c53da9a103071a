"""Private, versioned SQLite databases: 0600 files, WAL, foreign keys, migrations by ``PRAGMA user_version``."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from workstation.errors import WorkstationError
from workstation.i18n import Text

__all__ = [
    "BUSY_TIMEOUT_MS",
    "Migration",
    "StoreError",
    "connect",
    "private_files",
    "serialized",
    "storable",
    "tighten_permissions",
    "transaction",
]

BUSY_TIMEOUT_MS = 5000
"""How long a writer waits for another process's transaction before giving up."""

Migration = Callable[[sqlite3.Connection], None] | str
"""One schema step: SQL script or a function; step ``n`` (1-based) brings the database to ``user_version = n``."""

_SIDE_FILES = ("-wal", "-shm", "-journal")
_SURROGATE = re.compile("[\ud800-\udfff]")


class StoreError(WorkstationError):
    """The data store cannot be opened or written (damaged, newer version, disk full, locked)."""


def private_files(path: Path) -> list[Path]:
    """The database file and the side files SQLite may create next to it."""
    return [path, *(path.with_name(path.name + suffix) for suffix in _SIDE_FILES)]


_Method = TypeVar("_Method", bound=Callable[..., Any])


def serialized(method: _Method) -> _Method:
    """Run a store method under the instance's ``_lock``, so that one connection serves several threads."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def storable(text: str) -> str:
    """``text`` as SQLite can store it: surrogate pairs joined, lone surrogates (invalid UTF-16) as U+FFFD."""
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def tighten_permissions(path: Path) -> None:
    """Make the database and its side files readable by the user only (no-op where absent)."""
    if os.name != "posix":
        return
    for file in private_files(path):
        with contextlib.suppress(FileNotFoundError):
            if file.stat().st_mode & 0o077:
                file.chmod(0o600)


@contextlib.contextmanager
def _private_umask() -> Iterator[None]:
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def connect(path: Path, migrations: Sequence[Migration], *, name: Text) -> sqlite3.Connection:
    """Open (creating 0600 if needed) and migrate the database at ``path``; WAL, foreign keys, busy timeout.

    ``name`` describes the database in error messages (e.g. "the translation memory").
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        with _private_umask():
            # Callers serialise access with a lock (see ``serialized``), so worker threads may use the store.
            connection = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
            try:
                connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                connection.execute("PRAGMA journal_mode = WAL")
                # FULL: each commit reaches the disk, so a power cut loses at most the change being written.
                connection.execute("PRAGMA synchronous = FULL")
                connection.execute("PRAGMA foreign_keys = ON")
                connection.execute("PRAGMA secure_delete = ON")
                _migrate(connection, migrations, name)
            except BaseException:
                connection.close()
                raise
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            Text(
                f"{name.ja}を開けません（{path}）。ファイルが壊れているか、別のプログラムが使用中です。",
                f"Cannot open {name.en} ({path}): the file is damaged or in use by another program.",
            ),
            detail=str(exc),
        ) from exc
    tighten_permissions(path)
    return connection


def _migrate(connection: sqlite3.Connection, migrations: Sequence[Migration], name: Text) -> None:
    current = connection.execute("PRAGMA user_version").fetchone()[0]
    if current > len(migrations):
        raise StoreError(
            Text(
                f"{name.ja}は新しい版のプログラムで作成されています（形式 {current}）。プログラムを更新してください。",
                f"{name.en} was written by a newer version of the program (format {current}); please update.",
            )
        )
    for version in range(current + 1, len(migrations) + 1):
        step = migrations[version - 1]
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock.
            if connection.execute("PRAGMA user_version").fetchone()[0] >= version:
                connection.execute("ROLLBACK")
                continue
            if isinstance(step, str):
                for statement in _statements(step):
                    connection.execute(statement)
            else:
                step(connection)
            connection.execute(f"PRAGMA user_version = {version}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (``executescript`` would commit our transaction)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection, *, name: Text) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; roll back on error and turn SQLite failures into :class:`StoreError`."""
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise _write_error(name, exc) from exc
    try:
        yield connection
        connection.execute("COMMIT")
    except sqlite3.Error as exc:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise _write_error(name, exc) from exc
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise


def _write_error(name: Text, exc: sqlite3.Error) -> StoreError:
    return StoreError(
        Text(
            f"{name.ja}に書き込めません。ディスクの空き容量とアクセス権を確認してください。",
            f"Cannot write to {name.en}; check the free disk space and permissions.",
        ),
        detail=str(exc),
    )
