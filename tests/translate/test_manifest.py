"""The model manifest: round trip, hashing, and a clear ModelError for every kind of invalid field."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from workstation.errors import WorkstationError
from workstation.i18n import set_language
from workstation.translate.manifest import (
    MANIFEST_NAME,
    DecodingDefaults,
    FileEntry,
    ModelError,
    build_manifest,
    load_manifest,
    manifest_to_dict,
    validate_model_id,
    write_manifest,
)

pytestmark = pytest.mark.usefixtures("english")


def make_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.bin").write_bytes(b"\x00model-weights" * 10)
    (folder / "source.spm").write_bytes(b"source-spm")
    (folder / "target.spm").write_bytes(b"target-spm")
    (folder / "extra").mkdir()
    (folder / "extra" / "README.md").write_text("notes", encoding="utf-8")
    return folder


def built(folder: Path, **fields: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": "test-ja-en",
        "source_lang": "ja",
        "target_lang": "en",
        "family": "marian",
    }
    values.update(fields)
    manifest = build_manifest(make_folder(folder), **values)
    write_manifest(folder, manifest)
    return json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))


def rewrite(folder: Path, data: dict[str, Any]) -> None:
    (folder / MANIFEST_NAME).write_text(json.dumps(data), encoding="utf-8")


def test_build_hashes_every_file_and_round_trips(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "m")
    manifest = build_manifest(
        folder,
        id="test-ja-en",
        name_ja="テスト",
        name_en="Test",
        source_lang="ja",
        target_lang="en",
        family="marian",
        source_suffix=["</s>"],
        quality=5,
        license="MIT",
        origin="unit test",
        decoding=DecodingDefaults(1.2, 4),
    )
    assert set(manifest.files) == {"model.bin", "source.spm", "target.spm", "extra/README.md"}
    data = (folder / "model.bin").read_bytes()
    assert manifest.files["model.bin"] == FileEntry(len(data), hashlib.sha256(data).hexdigest())
    assert manifest.source_suffix == ("</s>",)
    assert manifest.ctranslate2_version  # the installed version by default
    write_manifest(folder, manifest)
    assert load_manifest(folder) == manifest
    # the manifest never lists itself, even when rebuilt over an existing one
    rebuilt = build_manifest(folder, id="x", source_lang="ja", target_lang="en", family="marian")
    assert MANIFEST_NAME not in rebuilt.files
    assert manifest.total_size == sum(entry.size for entry in manifest.files.values())
    assert manifest.direction == "ja→en"
    assert manifest.display_name("ja") == "テスト"


def test_written_json_matches_the_agreed_schema(tmp_path: Path) -> None:
    data = built(tmp_path / "m", source_suffix=["</s>"], target_prefix=["eng_Latn"])
    assert data["format"] == 1
    assert data["tokenizer"] == {"source": "source.spm", "target": "target.spm"}
    assert data["name"] == {"ja": "test-ja-en", "en": "test-ja-en"}
    assert data["target_prefix"] == ["eng_Latn"]
    assert set(data["files"]["model.bin"]) == {"size", "sha256"}
    assert data["decoding"] == {
        "repetition_penalty": 1.0,
        "no_repeat_ngram_size": 0,
        "length_penalty": 1.0,
        "back_translation_weight": 0.0,
    }
    assert list(data) == list(manifest_to_dict(load_manifest(tmp_path / "m")))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("id"), "required field 'id' is missing"),
        (lambda d: d.pop("files"), "required field 'files' is missing"),
        (lambda d: d.pop("tokenizer"), "required field 'tokenizer' is missing"),
        (lambda d: d.update(format=2), "newer than this program"),
        (lambda d: d.update(format="1"), "'format' has the wrong type"),
        (lambda d: d.update(id="../evil"), "not allowed"),
        (lambda d: d.update(family="gpt"), "unknown family 'gpt'"),
        (lambda d: d.update(source_lang="Japanese"), "language code 'Japanese'"),
        (lambda d: d.update(quality="high"), "'quality' has the wrong type"),
        (lambda d: d.update(quality=True), "'quality' has the wrong type"),
        (lambda d: d.update(source_prefix=[""]), "list of non-empty strings"),
        (lambda d: d.update(model_dir="../elsewhere"), "points outside the model folder"),
        (lambda d: d.update(model_dir="/abs"), "points outside the model folder"),
        (lambda d: d["tokenizer"].update(source="C:\\x.spm"), "points outside the model folder"),
        (lambda d: d["files"].update({"../x": {"size": 1, "sha256": "0" * 64}}), "points outside"),
        (lambda d: d["files"]["model.bin"].update(sha256="XYZ"), "64 lower-case hex"),
        (lambda d: d["files"]["model.bin"].update(size=-1), "non-negative integer"),
        (lambda d: d["files"].pop("target.spm"), "required file 'target.spm'"),
        (lambda d: d.update(decoding={"beam": 8}), "'decoding' has unknown fields: beam"),
        (lambda d: d.update(decoding={"repetition_penalty": 0}), "'decoding' is out of range"),
        (lambda d: d.update(decoding={"no_repeat_ngram_size": 99}), "'decoding' is out of range"),
        (lambda d: d.update(decoding={"no_repeat_ngram_size": 2.5}), "'no_repeat_ngram_size' has the wrong type"),
        (lambda d: d.update(decoding={"length_penalty": -0.5}), "'decoding' is out of range"),
        (lambda d: d.update(decoding={"length_penalty": 11}), "'decoding' is out of range"),
        (lambda d: d.update(decoding={"length_penalty": "2"}), "'length_penalty' has the wrong type"),
        (lambda d: d.update(decoding={"back_translation_weight": -1}), "'decoding' is out of range"),
        (lambda d: d.update(decoding={"back_translation_weight": True}), "'back_translation_weight' has the wrong type"),
        (lambda d: d.update(decoding=[1]), "'decoding' has the wrong type"),
        (lambda d: d["files"].pop("model.bin"), "required file 'model.bin'"),
        (
            lambda d: d["files"].update({MANIFEST_NAME: {"size": 1, "sha256": "0" * 64}}),
            "lists the manifest itself",
        ),
    ],
)
def test_invalid_fields_give_clear_errors(tmp_path: Path, change: Any, message: str) -> None:
    folder = tmp_path / "m"
    data = built(folder)
    change(data)
    rewrite(folder, data)
    with pytest.raises(ModelError) as caught:
        load_manifest(folder)
    assert isinstance(caught.value, WorkstationError)
    assert message in str(caught.value)
    assert str(folder / MANIFEST_NAME) in str(caught.value)
    assert caught.value.message.ja  # bilingual


def test_manifests_without_decoding_defaults_decode_plainly(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    data = built(folder)
    del data["decoding"]
    rewrite(folder, data)
    assert load_manifest(folder).decoding == DecodingDefaults(1.0, 0)
    data["decoding"] = {"repetition_penalty": 1.1}
    rewrite(folder, data)
    assert load_manifest(folder).decoding == DecodingDefaults(1.1, 0)
    data["decoding"] = {"length_penalty": 2}
    rewrite(folder, data)
    assert load_manifest(folder).decoding == DecodingDefaults(1.0, 0, 2.0)
    data["decoding"] = {"back_translation_weight": 0.3}
    rewrite(folder, data)
    assert load_manifest(folder).decoding == DecodingDefaults(back_translation_weight=0.3)


def test_missing_unreadable_and_non_json_manifests(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="is missing"):
        load_manifest(tmp_path)
    (tmp_path / MANIFEST_NAME).write_bytes(b"\xff\xfe{ not json")
    with pytest.raises(ModelError, match="not valid JSON"):
        load_manifest(tmp_path)
    (tmp_path / MANIFEST_NAME).write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ModelError, match="not a JSON object"):
        load_manifest(tmp_path)


def test_japanese_messages(tmp_path: Path) -> None:
    set_language("ja")
    try:
        with pytest.raises(ModelError, match="ありません"):
            load_manifest(tmp_path)
    finally:
        set_language("en")


def test_build_requires_core_fields_and_known_names(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "m")
    with pytest.raises(ModelError, match="'family' is missing"):
        build_manifest(folder, id="a", source_lang="ja", target_lang="en")
    with pytest.raises(TypeError):
        build_manifest(folder, id="a", source_lang="ja", target_lang="en", family="marian", colour="red")
    with pytest.raises(ModelError, match="does not exist"):
        build_manifest(tmp_path / "none", id="a", source_lang="ja", target_lang="en", family="marian")
    with pytest.raises(ModelError, match=r"required file 'sentencepiece\.bpe\.model'"):
        build_manifest(
            folder,
            id="a",
            source_lang="ja",
            target_lang="en",
            family="m2m100",
            source_tokenizer="sentencepiece.bpe.model",
            target_tokenizer="sentencepiece.bpe.model",
        )


@pytest.mark.parametrize("bad", ["", ".", "..", "a/b", "a b", "-x", "x" * 101, "モデル"])
def test_model_ids_must_be_safe_folder_names(bad: str) -> None:
    with pytest.raises(ModelError):
        validate_model_id(bad)


def test_good_model_ids() -> None:
    for good in ("builtin-ja-en", "opus-mt-ja-en", "nllb_200.600M", "A1"):
        assert validate_model_id(good) == good
