"""Atomic file writes: temp file in the same folder, flush, fsync, replace, fsync the folder."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from pathlib import Path

STALE_TEMPORARY_SECONDS = 600
"""A leftover temporary file older than this is from a save that was killed; the next save removes it."""


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, private: bool = False) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never half of one.

    A new file is created 0600 when ``private`` is set; an existing file keeps its permissions. Temporary
    files left by an earlier save of the same file that was killed are removed.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o600 if private else 0o666 & ~_current_umask()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(directory)
    _remove_stale_temporaries(directory, target.name)


def _remove_stale_temporaries(directory: Path, name: str) -> None:
    remove_interrupted_saves(directory / name, older_than=time.time() - STALE_TEMPORARY_SECONDS)


def remove_interrupted_saves(path: str | os.PathLike[str], *, older_than: float | None = None) -> int:
    """Delete the temporary files that interrupted saves of ``path`` left beside it; return how many.

    Only files last written before ``older_than`` (a timestamp; default: any age) are removed, so that a
    save in progress in another process is left alone. They may hold part of a document's text.
    """
    target = Path(path)
    removed = 0
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.is_symlink() or not leftover.is_file():
                continue
            if older_than is None or leftover.stat().st_mtime < older_than:
                leftover.unlink()
                removed += 1
    return removed


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
