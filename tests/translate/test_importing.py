"""Importing real (tiny) CTranslate2 models: Marian shared/separate vocab, M2M100, NLLB, Argos packages."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.helpers.tiny_models import (
    build_tiny_m2m100,
    build_tiny_marian,
    build_transformer,
    spm_pieces,
    train_sentencepiece,
    training_pairs,
)
from workstation.translate.archive import STAGING_PREFIX
from workstation.translate.importing import (
    ImportRequest,
    detect_ctranslate2_dir,
    import_model,
    language_token,
)
from workstation.translate.manifest import MANIFEST_NAME, ModelError, load_manifest
from workstation.translate.registry import InstalledModel, ModelRegistry
from workstation.translate.verify import Problem, verify_model

pytestmark = pytest.mark.usefixtures("english")


def raw_ct2(folder: Path) -> Path:
    """A model folder as a CTranslate2 conversion leaves it: no workstation manifest."""
    (folder / MANIFEST_NAME).unlink()
    return folder


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("source-models")
    built = {
        "marian-shared": raw_ct2(build_tiny_marian(root / "opus-mt-ja-en", shared_vocab=True)),
        "marian-separate": raw_ct2(
            build_tiny_marian(root / "fugumt-en-ja", shared_vocab=False, source_lang="en", target_lang="ja")
        ),
        "m2m100": raw_ct2(build_tiny_m2m100(root / "m2m100_418M-ct2")),
        "nllb": build_tiny_nllb(root / "nllb-200-distilled-ct2"),
    }
    return built


def build_tiny_nllb(folder: Path) -> Path:
    """An NLLB-200-style CTranslate2 folder: one sentencepiece.bpe.model and jpn_Jpan/eng_Latn tokens."""
    folder.mkdir(parents=True)
    pairs = training_pairs()
    train_sentencepiece([ja for ja, _ in pairs] + [en for _, en in pairs], folder / "sentencepiece.bpe.model")
    vocabulary = [
        *spm_pieces(folder / "sentencepiece.bpe.model"),
        "<pad>",
        "eng_Latn",
        "jpn_Jpan",
        "zho_Hans",
    ]
    build_transformer(folder, vocabulary, vocabulary, pre_norm=True, decoder_start_token="</s>", seed=99)
    return folder


def translate(model: InstalledModel, text: str) -> str:
    from workstation.translate.engine import TranslationEngine

    engine = TranslationEngine(model, threads=1, device="cpu")
    try:
        [result] = engine.translate_sentences([text])
    finally:
        engine.unload()
    assert result.model_id == model.id
    return result.target


def assert_clean(dest: Path) -> None:
    assert not [p for p in dest.iterdir() if p.name.startswith(STAGING_PREFIX)]


def test_marian_shared_vocabulary(models: dict[str, Path], tmp_path: Path) -> None:
    dest = tmp_path / "models"
    model = import_model(models["marian-shared"], dest_root=dest)
    manifest = model.manifest
    assert model.id == "opus-mt-ja-en"  # direction and id taken from the folder name
    assert (manifest.source_lang, manifest.target_lang, manifest.family) == ("ja", "en", "marian")
    assert (manifest.source_tokenizer, manifest.target_tokenizer) == ("source.spm", "target.spm")
    assert manifest.source_suffix == ("</s>",) and manifest.target_prefix == ()
    assert "shared_vocabulary.json" in manifest.files
    assert model.path == dest / "opus-mt-ja-en" and not model.builtin
    assert verify_model(model.path).ok
    assert isinstance(translate(model, "会議は明日の午後です。"), str)
    assert_clean(dest)
    assert [m.id for m in ModelRegistry(include_builtin=False, extra_dirs=[dest]).models()] == [
        "opus-mt-ja-en"
    ]


def test_marian_separate_vocabularies(models: dict[str, Path], tmp_path: Path) -> None:
    model = import_model(
        models["marian-separate"], ImportRequest(quality=2, name_en="FuguMT"), dest_root=tmp_path
    )
    manifest = model.manifest
    assert (manifest.source_lang, manifest.target_lang) == ("en", "ja")
    assert {"source_vocabulary.json", "target_vocabulary.json"} <= set(manifest.files)
    assert manifest.quality == 2 and manifest.name_en == "FuguMT"
    assert verify_model(model.path).ok
    assert isinstance(translate(model, "The meeting is tomorrow."), str)


def test_m2m100_needs_a_direction_and_uses_language_tokens(models: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="--from and --to"):
        import_model(models["m2m100"], dest_root=tmp_path)
    model = import_model(
        models["m2m100"], ImportRequest(source_lang="ja", target_lang="en"), dest_root=tmp_path
    )
    manifest = model.manifest
    assert manifest.family == "m2m100"
    assert manifest.source_prefix == ("__ja__",) and manifest.target_prefix == ("__en__",)
    assert manifest.source_suffix == ("</s>",)
    assert manifest.source_tokenizer == manifest.target_tokenizer == "sentencepiece.bpe.model"
    assert model.id == "m2m100_418M-ct2-ja-en"
    assert verify_model(model.path).ok
    assert isinstance(translate(model, "今日は晴れです。"), str)
    # the same multilingual folder serves the other direction under another id
    other = import_model(
        models["m2m100"], ImportRequest(source_lang="en", target_lang="ja"), dest_root=tmp_path
    )
    assert other.manifest.source_prefix == ("__en__",) and other.id == "m2m100_418M-ct2-en-ja"


def test_nllb_accepts_short_or_nllb_codes(models: dict[str, Path], tmp_path: Path) -> None:
    model = import_model(
        models["nllb"], ImportRequest(source_lang="jpn_Jpan", target_lang="eng_Latn"), dest_root=tmp_path
    )
    manifest = model.manifest
    assert manifest.family == "nllb"
    assert (manifest.source_lang, manifest.target_lang) == ("ja", "en")
    assert manifest.source_prefix == ("jpn_Jpan",) and manifest.target_prefix == ("eng_Latn",)
    assert isinstance(translate(model, "今日は晴れです。"), str)
    short = import_model(
        models["nllb"],
        ImportRequest(source_lang="en", target_lang="ja", model_id="nllb-en-ja"),
        dest_root=tmp_path,
    )
    assert short.manifest.source_prefix == ("eng_Latn",) and short.manifest.target_prefix == ("jpn_Jpan",)
    with pytest.raises(ModelError, match="no language token kor_Hang"):
        import_model(models["nllb"], ImportRequest(source_lang="ko", target_lang="en"), dest_root=tmp_path)


def test_family_detection(models: dict[str, Path]) -> None:
    assert detect_ctranslate2_dir(models["marian-shared"]).family == "marian"
    assert detect_ctranslate2_dir(models["m2m100"]).family == "m2m100"
    assert detect_ctranslate2_dir(models["nllb"]).family == "nllb"
    assert language_token("m2m100", "ja") == "__ja__"
    assert language_token("nllb", "ja") == "jpn_Jpan"
    with pytest.raises(ModelError, match="Unknown NLLB language"):
        language_token("nllb", "xx")


def test_native_marian_conversion_adds_eos_itself(models: dict[str, Path], tmp_path: Path) -> None:
    folder = shutil.copytree(models["marian-shared"], tmp_path / "opus-mt-ja-en-native")
    config = json.loads((folder / "config.json").read_text())
    config["add_source_eos"] = True
    (folder / "config.json").write_text(json.dumps(config))
    model = import_model(folder, ImportRequest(model_id="native"), dest_root=tmp_path / "models")
    assert model.manifest.source_suffix == ()


def test_broken_ct2_folders_get_clear_messages(models: dict[str, Path], tmp_path: Path) -> None:
    dest = tmp_path / "models"
    no_target = shutil.copytree(models["marian-shared"], tmp_path / "x-ja-en")
    (no_target / "target.spm").unlink()
    with pytest.raises(ModelError, match=r"no target\.spm"):
        import_model(no_target, dest_root=dest)
    (no_target / "source.spm").unlink()
    with pytest.raises(ModelError, match="has no tokenizer"):
        import_model(no_target, dest_root=dest)
    no_model = tmp_path / "empty-ja-en"
    no_model.mkdir()
    with pytest.raises(ModelError, match=r"holds no CTranslate2 model \(model\.bin\)"):
        import_model(no_model, dest_root=dest)
    bad_spm = shutil.copytree(models["marian-shared"], tmp_path / "bad-ja-en")
    (bad_spm / "source.spm").write_bytes(b"not a sentencepiece model")
    with pytest.raises(ModelError, match="cannot be loaded as a SentencePiece model"):
        import_model(bad_spm, dest_root=dest)
    no_direction = shutil.copytree(models["marian-shared"], tmp_path / "mymodel")
    with pytest.raises(ModelError, match="--from and --to"):
        import_model(no_direction, dest_root=dest)
    assert not dest.exists() or list(dest.iterdir()) == []


def test_existing_id_is_kept_unless_replace(models: dict[str, Path], tmp_path: Path) -> None:
    first = import_model(models["marian-shared"], dest_root=tmp_path)
    with pytest.raises(ModelError, match="already installed"):
        import_model(models["marian-shared"], dest_root=tmp_path)
    second = import_model(models["marian-shared"], ImportRequest(replace=True, quality=7), dest_root=tmp_path)
    assert second.path == first.path and second.manifest.quality == 7
    assert sorted(p.name for p in tmp_path.iterdir()) == ["opus-mt-ja-en"]


def test_import_a_workstation_model_folder_verifies_it_first(tmp_path: Path) -> None:
    source = build_tiny_marian(tmp_path / "built", model_id="built-ja-en")
    model = import_model(source, dest_root=tmp_path / "models")
    assert model.id == "built-ja-en" and verify_model(model.path).ok
    with (source / "model.bin").open("r+b") as handle:
        handle.seek(100)
        byte = handle.read(1)
        handle.seek(100)
        handle.write(bytes([byte[0] ^ 1]))
    with pytest.raises(ModelError, match=r"failed verification: model\.bin: contents changed"):
        import_model(source, ImportRequest(model_id="again"), dest_root=tmp_path / "models")


def argos_package(
    source: Path, out: Path, *, metadata: dict, tokenizer_name: str = "sentencepiece.model"
) -> Path:
    """Zip ``source`` (a CTranslate2 folder) the way Argos Translate packages are laid out."""
    top = "translate-ja_en-1_1"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{top}/metadata.json", json.dumps(metadata))
        zf.writestr(f"{top}/README.md", "Argos package for tests")
        for name in ("model.bin", "config.json", "shared_vocabulary.json"):
            zf.write(source / name, f"{top}/model/{name}")
        tokenizer = source / (
            "sentencepiece.bpe.model" if (source / "sentencepiece.bpe.model").exists() else "source.spm"
        )
        zf.write(tokenizer, f"{top}/{tokenizer_name}")
        zf.writestr(f"{top}/stanza/tokenize.pt", b"stanza sentence splitter data")
    return out


def test_argos_package(models: dict[str, Path], tmp_path: Path) -> None:
    metadata = {
        "package_version": "1.1",
        "argos_version": "1.0",
        "from_code": "ja",
        "from_name": "Japanese",
        "to_code": "en",
        "to_name": "English",
    }
    archive = argos_package(
        models["marian-shared"], tmp_path / "translate-ja_en-1_1.argosmodel", metadata=metadata
    )
    dest = tmp_path / "models"
    model = import_model(archive, dest_root=dest)
    manifest = model.manifest
    assert model.id == "argos-ja-en-1.1"
    assert manifest.family == "argos"
    assert (manifest.source_lang, manifest.target_lang) == ("ja", "en")
    assert manifest.model_dir == "translate-ja_en-1_1/model"
    assert manifest.source_tokenizer == manifest.target_tokenizer == "translate-ja_en-1_1/sentencepiece.model"
    assert manifest.source_suffix == () and manifest.target_prefix == ()
    assert manifest.name_en == "Argos Japanese→English 1.1"
    assert verify_model(model.path).ok
    assert isinstance(translate(model, "資料を添付します。"), str)
    assert_clean(dest)


def test_argos_target_prefix_is_honoured(models: dict[str, Path], tmp_path: Path) -> None:
    metadata = {"package_version": "2.0", "from_code": "ja", "to_code": "en", "target_prefix": "__en__"}
    archive = argos_package(models["m2m100"], tmp_path / "multi.argosmodel", metadata=metadata)
    model = import_model(archive, dest_root=tmp_path / "models")
    assert model.manifest.target_prefix == ("__en__",)
    assert isinstance(translate(model, "資料を添付します。"), str)
    bad = dict(metadata, target_prefix="__xx__")
    archive = argos_package(models["m2m100"], tmp_path / "bad.argosmodel", metadata=bad)
    with pytest.raises(ModelError, match="no language token __xx__"):
        import_model(archive, ImportRequest(model_id="other"), dest_root=tmp_path / "models")


def test_argos_bpe_tokenizer(models: dict[str, Path], tmp_path: Path) -> None:
    metadata = {"package_version": "1.0", "from_code": "ja", "to_code": "en"}
    spm_as_bpe = argos_package(
        models["marian-shared"], tmp_path / "a.argosmodel", metadata=metadata, tokenizer_name="bpe.model"
    )
    model = import_model(spm_as_bpe, dest_root=tmp_path / "models")
    assert model.manifest.source_tokenizer.endswith("/bpe.model")
    moses = tmp_path / "moses"
    moses.mkdir()
    for name in ("model.bin", "config.json", "shared_vocabulary.json"):
        shutil.copy(models["marian-shared"] / name, moses / name)
    (moses / "source.spm").write_text("#version: 0.2\nt h\nth e</w>\n", encoding="utf-8")
    archive = argos_package(
        moses, tmp_path / "moses.argosmodel", metadata=metadata, tokenizer_name="bpe.model"
    )
    with pytest.raises(ModelError, match="Moses \\+ BPE tokenizer"):
        import_model(archive, ImportRequest(model_id="moses"), dest_root=tmp_path / "models")


def test_argos_without_metadata_or_direction(models: dict[str, Path], tmp_path: Path) -> None:
    archive = argos_package(
        models["marian-shared"], tmp_path / "nodir.argosmodel", metadata={"package_version": "1"}
    )
    with pytest.raises(ModelError, match="does not say its direction"):
        import_model(archive, dest_root=tmp_path / "models")
    model = import_model(
        archive, ImportRequest(source_lang="ja", target_lang="en"), dest_root=tmp_path / "models"
    )
    assert model.manifest.direction == "ja→en"
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(ModelError, match="not an Argos package"):
        import_model(plain, dest_root=tmp_path / "models")


def test_unpacked_argos_folder(models: dict[str, Path], tmp_path: Path) -> None:
    archive = argos_package(
        models["marian-shared"],
        tmp_path / "p.argosmodel",
        metadata={"from_code": "ja", "to_code": "en", "package_version": "1.1"},
    )
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path / "unpacked")
    model = import_model(tmp_path / "unpacked" / "translate-ja_en-1_1", dest_root=tmp_path / "models")
    assert model.manifest.model_dir == "model" and model.manifest.family == "argos"


def test_verify_detects_tampering_after_import(models: dict[str, Path], tmp_path: Path) -> None:
    model = import_model(
        models["m2m100"], ImportRequest(source_lang="en", target_lang="ja"), dest_root=tmp_path
    )
    data = bytearray((model.path / "model.bin").read_bytes())
    data[len(data) // 2] ^= 0x01
    (model.path / "model.bin").write_bytes(bytes(data))
    report = verify_model(model.path)
    assert [(p.name, p.problem) for p in report.problems] == [("model.bin", Problem.CHANGED)]
    assert load_manifest(model.path).id == model.id


def test_both_directions_of_a_multilingual_model_share_disk_space(
    models: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workstation.translate import importing

    monkeypatch.setattr(importing, "SHARE_MIN_BYTES", 1)
    forward = import_model(
        models["nllb"], ImportRequest(source_lang="ja", target_lang="en"), dest_root=tmp_path
    )
    backward = import_model(
        models["nllb"], ImportRequest(source_lang="en", target_lang="ja"), dest_root=tmp_path
    )
    assert (forward.path / "model.bin").stat().st_ino == (backward.path / "model.bin").stat().st_ino
    assert (forward.path / "model.bin").stat().st_nlink == 2
    assert verify_model(forward.path).ok and verify_model(backward.path).ok
    # a damaged installed copy is never shared
    shutil.rmtree(backward.path)
    data = bytearray((forward.path / "model.bin").read_bytes())
    data[10] ^= 1
    (forward.path / "model.bin").write_bytes(bytes(data))
    third = import_model(
        models["nllb"],
        ImportRequest(source_lang="ja", target_lang="zh", model_id="third"),
        dest_root=tmp_path,
    )
    assert (third.path / "model.bin").stat().st_nlink == 1
    assert verify_model(third.path).ok


def test_weights_of_other_frameworks_are_not_copied(models: dict[str, Path], tmp_path: Path) -> None:
    folder = shutil.copytree(models["marian-shared"], tmp_path / "opus-mt-ja-en")
    (folder / "model.safetensors").write_bytes(b"torch weights")
    (folder / "pytorch_model.bin").write_bytes(b"torch weights")
    (folder / "README.md").write_text("model card", encoding="utf-8")
    model = import_model(folder, dest_root=tmp_path / "models")
    assert "README.md" in model.manifest.files
    assert not {"model.safetensors", "pytorch_model.bin"} & set(model.manifest.files)


def test_language_codes_are_checked_before_copying(models: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="Language code 'Japanese' is not valid"):
        import_model(
            models["marian-shared"],
            ImportRequest(source_lang="Japanese", target_lang="en"),
            dest_root=tmp_path,
        )
    assert list(tmp_path.iterdir()) == []


def test_options_cannot_contradict_an_existing_manifest(tmp_path: Path) -> None:
    source = build_tiny_marian(tmp_path / "built", model_id="built-ja-en")
    with pytest.raises(ModelError, match="This model is ja→en"):
        import_model(source, ImportRequest(source_lang="en", target_lang="ja"), dest_root=tmp_path / "models")
    assert (
        import_model(source, ImportRequest(source_lang="ja"), dest_root=tmp_path / "models").id
        == "built-ja-en"
    )
