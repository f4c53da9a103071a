"""Which resources and model files the bundle, the wheel and the installer ship."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.build.scripts import load_script

contents = load_script("bundle_contents")


def _model(
    root: Path, model_id: str, files: dict[str, bytes], leftovers: dict[str, bytes] | None = None
) -> Path:
    folder = root / "models" / model_id
    folder.mkdir(parents=True)
    for name, data in {**files, **(leftovers or {})}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    manifest = {
        "id": model_id,
        "files": {name: {"size": len(data), "sha256": "0" * 64} for name, data in files.items()},
    }
    (folder / contents.MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    return folder


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    _model(
        tmp_path,
        "ja-en",
        {"model.bin": b"w", "source.spm": b"s"},
        {"checkpoint-3.pt": b"x", "notes.txt": b"n"},
    )
    _model(tmp_path, "en-ja", {"model.bin": b"w", "sub/vocab.txt": b"v"})
    (tmp_path / "models" / "half-copied").mkdir()  # no manifest: not a model
    (tmp_path / "resources" / "proofread" / "__pycache__").mkdir(parents=True)
    (tmp_path / "resources" / "proofread" / "koyobun.toml").write_text("[rules]\n", encoding="utf-8")
    (tmp_path / "resources" / "proofread" / "__pycache__" / "x.pyc").write_bytes(b"")
    (tmp_path / "models" / "ja-en" / "MODEL_CARD.md").write_text("# card\n", encoding="utf-8")
    return tmp_path


def test_a_model_ships_only_its_manifest_the_files_it_lists_and_its_card(tree: Path) -> None:
    names = [p.name for p in contents.model_files(tree / "models" / "ja-en")]
    assert names == ["MODEL_CARD.md", "model.bin", "source.spm", contents.MANIFEST_NAME]


def test_files_in_subfolders_keep_their_place(tree: Path) -> None:
    shipped = {item.target.as_posix() for item in contents.shipped_files(tree, "all")}
    assert "models/en-ja/sub/vocab.txt" in shipped
    assert "resources/proofread/koyobun.toml" in shipped
    assert not any("__pycache__" in name or "checkpoint" in name for name in shipped)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ["en-ja", "ja-en"]),
        ("all", ["en-ja", "ja-en"]),
        ("none", []),
        ("ja-en", ["ja-en"]),
        (" ja-en , en-ja ", ["en-ja", "ja-en"]),
    ],
)
def test_the_environment_variable_chooses_the_models(
    tree: Path, monkeypatch, value: str, expected: list[str]
) -> None:
    monkeypatch.setenv(contents.MODELS_ENV, value)
    assert [p.name for p in contents.selected_model_dirs(tree)] == expected


def test_an_unknown_model_id_is_an_error_not_a_smaller_bundle(tree: Path) -> None:
    with pytest.raises(contents.BundleError, match="no-such-model"):
        contents.selected_model_dirs(tree, {"ja-en", "no-such-model"})


def test_a_file_listed_in_the_manifest_but_missing_is_an_error(tree: Path) -> None:
    (tree / "models" / "ja-en" / "source.spm").unlink()
    with pytest.raises(contents.BundleError, match=r"ja-en: source\.spm"):
        contents.shipped_files(tree, "all")


def test_without_models_only_resources_ship(tree: Path) -> None:
    assert [item.target.as_posix() for item in contents.shipped_files(tree, "none")] == [
        "resources/proofread/koyobun.toml"
    ]


def test_public_keys_ship_to_the_trusted_keys_folder(tree: Path) -> None:
    keys = tree / "build" / "trusted-keys"
    keys.mkdir(parents=True)
    (keys / "it-2026.pub").write_text(
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", encoding="utf-8"
    )
    (keys / "README.txt").write_text("not a key", encoding="utf-8")
    shipped = {item.target.as_posix() for item in contents.shipped_files(tree, "none")}
    assert "trusted-keys/it-2026.pub" in shipped
    assert not any("README" in name for name in shipped)


def test_a_private_key_never_ships(tree: Path) -> None:
    keys = tree / "build" / "trusted-keys"
    keys.mkdir(parents=True)
    (keys / "oops.pub").write_text("-----BEGIN PRIVATE KEY-----\nAAAA\n", encoding="utf-8")
    with pytest.raises(contents.BundleError, match="private key"):
        contents.shipped_files(tree, "none")


def test_the_keys_folder_is_the_one_the_program_reads() -> None:
    from workstation.translate.bundle import TRUSTED_KEYS_DIR

    assert contents.KEYS_TARGET == TRUSTED_KEYS_DIR
