"""GUI fixtures: a main window on real settings in the test's own WORKSTATION_HOME, tiny real translation models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workstation.i18n import set_language

TINY_JA_EN = "tiny-marian-ja-en"
TINY_EN_JA = "tiny-marian-en-ja"


@pytest.fixture(autouse=True)
def japanese_ui() -> Iterator[None]:
    """Every GUI test starts (and ends) with the default Japanese UI."""
    set_language("ja")
    yield
    set_language("ja")


@pytest.fixture(scope="session")
def tiny_models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with tiny, randomly initialised CTranslate2 models for ja→en and en→ja (built once)."""
    from tests.helpers.tiny_models import build_tiny_marian

    root = tmp_path_factory.mktemp("gui-models")
    build_tiny_marian(root / TINY_JA_EN, source_lang="ja", target_lang="en", model_id=TINY_JA_EN)
    build_tiny_marian(root / TINY_EN_JA, source_lang="en", target_lang="ja", model_id=TINY_EN_JA)
    return root


@pytest.fixture
def settings(tiny_models_dir: Path):
    from workstation.gui.settings import Settings

    store = Settings()
    store.set("models/directory", str(tiny_models_dir))
    store.set("translate/model/ja-en", TINY_JA_EN)
    store.set("translate/model/en-ja", TINY_EN_JA)
    return store


@pytest.fixture
def window(qtbot, settings):
    from workstation.gui.main_window import MainWindow

    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


TEST_PROFILE = """
[profile]
name_ja = "テスト用"
name_en = "Test"

[rules.ra-nuki]
[rules.doubled-particle]
[rules.repeated-word]
"""


@pytest.fixture
def test_profile(tmp_path: Path, settings) -> Path:
    """A small proofreading profile (three real rules), chosen in the settings."""
    path = tmp_path / "test-profile.toml"
    path.write_text(TEST_PROFILE, encoding="utf-8")
    settings.set("proofread/profile", str(path))
    return path
