"""Logging to a rotating, user-only file in the user log directory; never to the network."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from workstation.paths import user_log_dir

LOG_FILE_NAME = "workstation.log"
_MAX_BYTES = 2_000_000
_BACKUPS = 3


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating handler whose files are created readable by the user only (0600)."""

    def _open(self):  # type: ignore[no-untyped-def]
        old_umask = os.umask(0o077)
        try:
            return super()._open()
        finally:
            os.umask(old_umask)


def log_file_path() -> Path:
    return user_log_dir() / LOG_FILE_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Attach the rotating file handler to the root logger once; return the log file path."""
    path = log_file_path()
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, _PrivateRotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    handler = _PrivateRotatingFileHandler(path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
