"""Session-wide tiny CTranslate2 models (built once; tests that change files copy them first)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.tiny_models import build_tiny_m2m100, build_tiny_marian


@pytest.fixture(scope="session")
def tiny_marian_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ja→en Marian-style model folder with a shared vocabulary."""
    return build_tiny_marian(tmp_path_factory.mktemp("models") / "tiny-marian-ja-en")


@pytest.fixture(scope="session")
def tiny_marian_en_ja_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An en→ja Marian-style model folder with separate source and target vocabularies."""
    return build_tiny_marian(
        tmp_path_factory.mktemp("models") / "tiny-marian-en-ja", shared_vocab=False, source_lang="en", target_lang="ja"
    )


@pytest.fixture(scope="session")
def tiny_m2m100_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ja→en M2M100-style model folder (language tokens, target prefix)."""
    return build_tiny_m2m100(tmp_path_factory.mktemp("models") / "tiny-m2m100-ja-en")
