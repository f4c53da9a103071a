"""Where the program finds its resources and keeps user data (no Qt)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "workstation"
APP_AUTHOR = "workstation"
HOME_ENV = "WORKSTATION_HOME"
"""Set to a directory to keep all user data (data, config, logs, cache) under it; tests use it."""


WHEEL_DATA_DIR = "_data"
"""Inside the installed package, where a wheel built by ``make wheelhouse`` puts ``models/`` and ``resources/``."""


def install_root() -> Path:
    """The folder holding ``models/`` and ``resources/``: the PyInstaller bundle, a wheel install, or the repository."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    package = Path(__file__).resolve().parent
    wheel_data = package / WHEEL_DATA_DIR
    return wheel_data if wheel_data.is_dir() else package.parent


def resources_dir() -> Path:
    return install_root() / "resources"


def builtin_models_dir() -> Path:
    return install_root() / "models"


def _user_dir(kind: str) -> Path:
    home = os.environ.get(HOME_ENV)
    if home:
        path = Path(home) / kind
    else:
        dirs = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR)
        path = Path(
            {
                "data": dirs.user_data_dir,
                "config": dirs.user_config_dir,
                "logs": dirs.user_log_dir,
                "cache": dirs.user_cache_dir,
            }[kind]
        )
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def user_data_dir() -> Path:
    """Sessions, translation memory, imported models."""
    return _user_dir("data")


def user_config_dir() -> Path:
    return _user_dir("config")


def user_log_dir() -> Path:
    return _user_dir("logs")


def user_cache_dir() -> Path:
    return _user_dir("cache")


def user_models_dir() -> Path:
    path = user_data_dir() / "models"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
