"""Shared fixtures: every test keeps user data in its own temporary WORKSTATION_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def workstation_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("workstation-home")
    monkeypatch.setenv("WORKSTATION_HOME", str(home))
    return home
