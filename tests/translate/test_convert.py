"""`workstation models convert` on a tiny randomly initialised MarianMTModel built and saved by the test (no download)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.tiny_models import train_sentencepiece, training_pairs
from workstation.cli import main
from workstation.translate.convert import ConvertOptions, convert_model, detect_hf_model
from workstation.translate.manifest import ModelError, load_manifest
from workstation.translate.verify import verify_model


def _write_marian_tokenizer_files(folder: Path) -> dict[str, int]:
    pairs = training_pairs(200)
    train_sentencepiece([ja for ja, _ in pairs], folder / "source.spm", vocab_size=1200)
    train_sentencepiece([en for _, en in pairs], folder / "target.spm", vocab_size=400)
    import sentencepiece as spm

    pieces: list[str] = []
    for name in ("source.spm", "target.spm"):
        processor = spm.SentencePieceProcessor(model_file=str(folder / name))
        pieces += [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    vocab: dict[str, int] = {}
    for piece in [*pieces, "<pad>"]:
        vocab.setdefault(piece, len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    return vocab


def build_tiny_hf_marian(folder: Path, *, source_lang: str = "ja", target_lang: str = "en") -> Path:
    """A random MarianMTModel + MarianTokenizer files saved with save_pretrained, as the training helper does."""
    torch = pytest.importorskip("torch", reason="the converter test needs the 'convert' extra (torch)")
    transformers = pytest.importorskip(
        "transformers", reason="the converter test needs the 'convert' extra (transformers)"
    )
    folder.mkdir(parents=True)
    vocab = _write_marian_tokenizer_files(folder)
    torch.manual_seed(0)
    config = transformers.MarianConfig(
        vocab_size=len(vocab),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=128,
        pad_token_id=vocab["<pad>"],
        eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["<pad>"],
    )
    transformers.MarianMTModel(config).save_pretrained(folder)
    tokenizer = transformers.MarianTokenizer(
        source_spm=str(folder / "source.spm"),
        target_spm=str(folder / "target.spm"),
        vocab=str(folder / "vocab.json"),
        source_lang=source_lang,
        target_lang=target_lang,
    )
    tokenizer.save_pretrained(folder)
    return folder


def test_detect_needs_a_transformers_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"config\.json"):
        detect_hf_model(tmp_path)
    (tmp_path / "config.json").write_text('{"model_type": "bert"}', encoding="utf-8")
    with pytest.raises(ModelError, match="bert"):
        detect_hf_model(tmp_path)
    (tmp_path / "config.json").write_text('{"model_type": "marian"}', encoding="utf-8")
    with pytest.raises(ModelError, match=r"source\.spm"):
        detect_hf_model(tmp_path)


def test_convert_without_the_extra_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    hf = tmp_path / "opus-mt-ja-en"
    hf.mkdir()
    (hf / "config.json").write_text('{"model_type": "marian"}', encoding="utf-8")
    for name in ("source.spm", "target.spm"):
        (hf / name).write_bytes(b"x")
    real_import = builtins.__import__

    def no_torch(name: str, *args: object, **kwargs: object) -> object:
        if name in ("torch", "transformers"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_torch)
    with pytest.raises(ModelError, match=r"workstation\[convert\]"):
        convert_model(hf, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_convert_tiny_marian_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hf = build_tiny_hf_marian(tmp_path / "hf-tiny-ja-en")
    out = tmp_path / "converted" / "tiny-ja-en"
    code = main(["models", "convert", str(hf), "-o", str(out), "--id", "tiny-conv-ja-en", "--quality", "3"])
    assert code == 0, capsys.readouterr().err
    manifest = load_manifest(out)
    assert manifest.id == "tiny-conv-ja-en"
    assert (manifest.source_lang, manifest.target_lang, manifest.family) == ("ja", "en", "marian")
    assert manifest.source_suffix == ("</s>",)
    assert manifest.quality == 3
    assert {"model.bin", "source.spm", "target.spm"} <= set(manifest.files)
    assert verify_model(out).ok
    assert json.loads((out / "config.json").read_text())["decoder_start_token"] == "</s>"
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".incoming-")]

    import ctranslate2
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(out / "source.spm"))
    translator = ctranslate2.Translator(str(out), device="cpu")
    result = translator.translate_batch(
        [[*processor.encode("会議は明日です。", out_type=str), "</s>"]], max_decoding_length=5
    )
    assert len(result[0].hypotheses[0]) <= 5

    code = main(["models", "import", str(out)])
    assert code == 0, capsys.readouterr().err
    assert "tiny-conv-ja-en" in capsys.readouterr().out


def test_convert_refuses_existing_output_and_infers_direction(tmp_path: Path) -> None:
    hf = build_tiny_hf_marian(tmp_path / "model", source_lang="en", target_lang="ja")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ModelError, match="--force"):
        convert_model(hf, out)
    manifest = convert_model(hf, out, ConvertOptions(force=True))
    assert (manifest.source_lang, manifest.target_lang) == ("en", "ja")
    assert manifest.id == "out"
