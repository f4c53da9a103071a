"""ModelRegistry: where models are found, broken ones reported, and which model serves a direction."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from workstation import paths
from workstation.translate.manifest import MANIFEST_NAME, ModelError, build_manifest, write_manifest
from workstation.translate.registry import (
    MODELS_ENV,
    ModelRegistry,
    ModelSettings,
    NoModelError,
    load_settings,
    save_settings,
    settings_path,
)

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "builtin-models"
    root.mkdir()
    monkeypatch.setattr(paths, "builtin_models_dir", lambda: root)
    monkeypatch.delenv(MODELS_ENV, raising=False)
    return root


def fake_model(
    folder: Path, model_id: str, source: str = "ja", target: str = "en", *, quality: int = 0
) -> Path:
    """A model folder with placeholder files and a valid manifest (the registry never loads weights)."""
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(model_id.encode() * 10)
    (folder / "source.spm").write_bytes(b"s")
    (folder / "target.spm").write_bytes(b"t")
    manifest = build_manifest(
        folder, id=model_id, source_lang=source, target_lang=target, family="marian", quality=quality
    )
    write_manifest(folder, manifest)
    return folder


def test_finds_models_in_every_root(builtin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_model(builtin / "builtin-ja-en", "builtin-ja-en")
    fake_model(paths.user_models_dir() / "user-ja-en", "user-ja-en")
    fake_model(tmp_path / "extra" / "extra-ja-en", "extra-ja-en")
    fake_model(tmp_path / "configured" / "configured-en-ja", "configured-en-ja", "en", "ja")
    single = fake_model(tmp_path / "env-single", "env-single")
    fake_model(tmp_path / "env-root" / "env-child", "env-child")
    save_settings(ModelSettings(model_dirs=(str(tmp_path / "configured"),)))
    monkeypatch.setenv(MODELS_ENV, os.pathsep.join([str(single), str(tmp_path / "env-root"), ""]))
    registry = ModelRegistry(extra_dirs=[tmp_path / "extra"])
    models = registry.models()
    assert [m.id for m in models] == [
        "user-ja-en",
        "extra-ja-en",
        "configured-en-ja",
        "env-single",
        "env-child",
        "builtin-ja-en",
    ]
    assert [m.builtin for m in models] == [False] * 5 + [True]
    assert registry.broken() == []
    assert registry.roots()[0] == (paths.user_models_dir(), False)
    assert registry.directions() == [("en", "ja"), ("ja", "en")]
    model = registry.get("extra-ja-en")
    assert model.model_path == model.path and model.source_tokenizer_path == model.path / "source.spm"
    assert registry.is_user_installed(registry.get("user-ja-en"))
    assert not registry.is_user_installed(model)


def test_broken_models_are_reported_not_fatal(builtin: Path) -> None:
    user = paths.user_models_dir()
    fake_model(user / "good", "good")
    bad_json = fake_model(user / "bad-json", "bad-json")
    (bad_json / MANIFEST_NAME).write_text("{", encoding="utf-8")
    no_manifest = user / "no-manifest"
    no_manifest.mkdir()
    (no_manifest / "model.bin").write_bytes(b"x")
    resized = fake_model(user / "resized", "resized")
    (resized / "model.bin").write_bytes(b"truncated")
    fake_model(builtin / "good-copy", "good")
    (user / "notes").mkdir()  # not a model: ignored
    (user / ".incoming-abc").mkdir()  # an import in progress: ignored
    fake_model(user / ".incoming-xyz" / "inner", "inner")
    registry = ModelRegistry()
    assert [m.id for m in registry.models()] == ["good"]
    reasons = {item.path.name: str(item.reason) for item in registry.broken()}
    assert set(reasons) == {"bad-json", "no-manifest", "resized", "good-copy"}
    assert "not valid JSON" in reasons["bad-json"]
    assert "manifest" in reasons["no-manifest"] and "is missing" in reasons["no-manifest"]
    assert (
        "model.bin: contents changed" in reasons["resized"]
        and "workstation models verify resized" in reasons["resized"]
    )
    assert "already used by the model in" in reasons["good-copy"]
    with pytest.raises(ModelError, match="Model resized cannot be used: files do not match"):
        registry.get("resized")


def test_default_prefers_quality_then_installed_over_builtin(builtin: Path) -> None:
    user = paths.user_models_dir()
    fake_model(builtin / "builtin-ja-en", "builtin-ja-en")
    registry = ModelRegistry()
    assert registry.default_for("ja", "en").id == "builtin-ja-en"
    fake_model(user / "installed-ja-en", "installed-ja-en")
    registry.refresh()
    assert registry.default_for("ja", "en").id == "installed-ja-en"
    fake_model(user / "better-ja-en", "better-ja-en", quality=5)
    fake_model(builtin / "builtin-great", "builtin-great", quality=9)
    registry.refresh()
    assert [m.id for m in registry.for_direction("ja", "en")] == [
        "builtin-great",
        "better-ja-en",
        "installed-ja-en",
        "builtin-ja-en",
    ]
    assert registry.default_for("ja", "en").id == "builtin-great"


def test_user_choice_is_persisted_and_comes_first(builtin: Path) -> None:
    user = paths.user_models_dir()
    fake_model(user / "a-ja-en", "a-ja-en", quality=1)
    fake_model(user / "b-ja-en", "b-ja-en", quality=9)
    fake_model(user / "c-en-ja", "c-en-ja", "en", "ja")
    ModelRegistry().set_default("ja", "en", "a-ja-en")
    fresh = ModelRegistry()
    assert fresh.user_default("ja", "en") == "a-ja-en"
    assert fresh.default_for("ja", "en").id == "a-ja-en"
    assert fresh.default_for("ja", "en", preferred_id="b-ja-en").id == "b-ja-en"
    assert json.loads(settings_path().read_text())["defaults"] == {"ja>en": "a-ja-en"}
    assert oct(settings_path().stat().st_mode & 0o777) == "0o600"
    with pytest.raises(ModelError, match="translates en→ja, not ja→en"):
        fresh.set_default("ja", "en", "c-en-ja")
    with pytest.raises(ModelError, match="translates en→ja, not ja→en"):
        fresh.default_for("ja", "en", preferred_id="c-en-ja")
    with pytest.raises(ModelError, match=r"Model zzz is not installed\. Installed: a-ja-en"):
        fresh.set_default("ja", "en", "zzz")
    fresh.set_default("ja", "en", None)
    assert fresh.default_for("ja", "en").id == "b-ja-en"


def test_saved_choice_that_disappeared_falls_back(builtin: Path) -> None:
    import shutil

    user = paths.user_models_dir()
    fake_model(user / "gone-ja-en", "gone-ja-en")
    fake_model(builtin / "builtin-ja-en", "builtin-ja-en")
    ModelRegistry().set_default("ja", "en", "gone-ja-en")
    shutil.rmtree(user / "gone-ja-en")
    assert ModelRegistry().default_for("ja", "en").id == "builtin-ja-en"


def test_no_model_for_a_direction(builtin: Path) -> None:
    fake_model(builtin / "builtin-ja-en", "builtin-ja-en")
    with pytest.raises(NoModelError) as caught:
        ModelRegistry().default_for("en", "ja")
    message = str(caught.value)
    assert "No translation model for en→ja" in message
    assert "Installed: builtin-ja-en (ja→en)" in message
    assert "workstation models import PATH" in message
    with pytest.raises(NoModelError, match="Installed: -"):
        ModelRegistry(include_builtin=False).default_for("ja", "en")


def test_the_reverse_model_is_the_default_of_the_opposite_direction(builtin: Path) -> None:
    user = paths.user_models_dir()
    fake_model(builtin / "builtin-ja-en", "builtin-ja-en")
    fake_model(builtin / "builtin-en-ja", "builtin-en-ja", "en", "ja")
    fake_model(user / "good-en-ja", "good-en-ja", "en", "ja", quality=5)
    registry = ModelRegistry()
    assert registry.reverse_of(registry.get("builtin-ja-en")).id == "good-en-ja"
    assert registry.reverse_of(registry.get("good-en-ja")).id == "builtin-ja-en"
    registry.set_default("en", "ja", "builtin-en-ja")
    assert ModelRegistry().reverse_of(registry.get("builtin-ja-en")).id == "builtin-en-ja"
    (builtin / "builtin-ja-en" / MANIFEST_NAME).unlink()
    lonely = ModelRegistry()
    assert lonely.reverse_of(lonely.get("good-en-ja")) is None


def test_unreadable_settings_are_ignored(builtin: Path) -> None:
    settings_path().write_text("{broken", encoding="utf-8")
    assert load_settings() == ModelSettings()
    settings_path().write_text(
        '{"model_dirs": "not a list", "defaults": [], "trusted_keys": [1, "k"]}', encoding="utf-8"
    )
    assert load_settings() == ModelSettings(trusted_keys=("k",))
    fake_model(builtin / "builtin-ja-en", "builtin-ja-en")
    assert ModelRegistry().default_for("ja", "en").id == "builtin-ja-en"


def test_missing_roots_are_fine(builtin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "nowhere"))
    registry = ModelRegistry(extra_dirs=[tmp_path / "also-nowhere"])
    assert registry.models() == [] and registry.broken() == []
