from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """A umask that would make new files world-readable, to show that the stores do not rely on it."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)
