"""Deleting stored data: what "wipe" removes, and removing it (for ``workstation data wipe`` and the GUI)."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable
from pathlib import Path

__all__ = ["delete_paths", "wipe_targets"]


def wipe_targets(*, models: bool = False, settings: bool = False) -> list[Path]:
    """Everything a wipe deletes: autosaves, sessions, translation memory, logs and cache; models and settings on request."""
    from workstation.paths import (
        user_cache_dir,
        user_config_dir,
        user_data_dir,
        user_log_dir,
        user_models_dir,
    )

    models_dir = user_models_dir()
    targets = [path for path in sorted(user_data_dir().iterdir()) if path != models_dir]
    if models:
        targets.append(models_dir)
    targets += sorted(user_log_dir().iterdir()) + sorted(user_cache_dir().iterdir())
    if settings:
        targets += sorted(user_config_dir().iterdir())
    return targets


def delete_paths(paths: Iterable[Path]) -> list[str]:
    """Delete files and folders (closing this process's log files first); return ``"path: reason"`` failures.

    Close any open ``SessionStore`` or ``TranslationMemory`` before: their files are among the targets.
    """
    _close_log_files()
    failures = []
    for path in paths:
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        except OSError as exc:
            failures.append(f"{path}: {exc}")
    return failures


def _close_log_files() -> None:
    """Detach this process's log file handlers so that the log files can be deleted (needed on Windows)."""
    from workstation.paths import user_log_dir

    log_dir = str(user_log_dir())
    root = logging.getLogger()
    for handler in list(root.handlers):
        if str(getattr(handler, "baseFilename", "")).startswith(log_dir):
            root.removeHandler(handler)
            handler.close()
