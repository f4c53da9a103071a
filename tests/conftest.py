"""Shared fixtures: every test keeps user data in its own temporary WORKSTATION_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workstation.i18n import current_language, set_language

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def workstation_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("workstation-home")
    monkeypatch.setenv("WORKSTATION_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def restore_language() -> object:
    """Tests that switch the message language (``--lang en``) must not leak it into later tests."""
    language = current_language()
    yield
    set_language(language)


@pytest.fixture
def english() -> None:
    """Messages in English for the test (``restore_language`` puts the previous language back)."""
    set_language("en")
