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

pytestmark = pytest.mark.usefixtures("english")


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


def _tiny_m2m100_config(transformers: object, vocab_size: int, **extra: object) -> object:
    return transformers.M2M100Config(  # type: ignore[attr-defined]
        vocab_size=vocab_size,
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=128,
        pad_token_id=1,
        eos_token_id=2,
        bos_token_id=0,
        decoder_start_token_id=2,
        **extra,
    )


def build_tiny_hf_m2m100(folder: Path, *, language_tokens: bool = True) -> Path:
    """A random M2M100 model with an M2M100Tokenizer (``__ja__``-style language tokens)."""
    torch = pytest.importorskip("torch", reason="the converter test needs the 'convert' extra (torch)")
    transformers = pytest.importorskip(
        "transformers", reason="the converter test needs the 'convert' extra (transformers)"
    )
    import sentencepiece as spm

    folder.mkdir(parents=True)
    pairs = training_pairs(200)
    train_sentencepiece(
        [ja for ja, _ in pairs] + [en for _, en in pairs], folder / "sentencepiece.bpe.model", vocab_size=1500
    )
    processor = spm.SentencePieceProcessor(model_file=str(folder / "sentencepiece.bpe.model"))
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for index in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(index), len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    from transformers.models.m2m_100.tokenization_m2m_100 import FAIRSEQ_LANGUAGE_CODES

    tokenizer = transformers.M2M100Tokenizer(
        vocab_file=str(folder / "vocab.json"),
        spm_file=str(folder / "sentencepiece.bpe.model"),
        src_lang="en",
        tgt_lang="fr",
        additional_special_tokens=[f"__{code}__" for code in FAIRSEQ_LANGUAGE_CODES["m2m100"]]
        if language_tokens
        else [],
    )
    tokenizer.save_pretrained(folder)
    known = tokenizer.get_vocab()
    size = (
        len(known)
        + len([t for t in tokenizer.additional_special_tokens if t not in known])
        + tokenizer.num_madeup_words
    )
    torch.manual_seed(0)
    transformers.M2M100ForConditionalGeneration(_tiny_m2m100_config(transformers, size)).save_pretrained(
        folder
    )
    return folder


def build_tiny_hf_nllb(folder: Path) -> Path:
    """A random NLLB-200-style model (M2M100 architecture, NllbTokenizer with ``jpn_Jpan``-style tokens)."""
    torch = pytest.importorskip("torch", reason="the converter test needs the 'convert' extra (torch)")
    transformers = pytest.importorskip(
        "transformers", reason="the converter test needs the 'convert' extra (transformers)"
    )
    folder.mkdir(parents=True)
    pairs = training_pairs(200)
    train_sentencepiece(
        [ja for ja, _ in pairs] + [en for _, en in pairs], folder / "sentencepiece.bpe.model", vocab_size=1500
    )
    tokenizer = transformers.NllbTokenizer(
        vocab_file=str(folder / "sentencepiece.bpe.model"), src_lang="eng_Latn", tgt_lang="fra_Latn"
    )
    tokenizer.save_pretrained(folder)
    torch.manual_seed(0)
    config = _tiny_m2m100_config(
        transformers, max(tokenizer.get_vocab().values()) + 1, tokenizer_class="NllbTokenizer"
    )
    transformers.M2M100ForConditionalGeneration(config).save_pretrained(folder)
    return folder


@pytest.mark.parametrize(
    ("builder", "family", "source_prefix", "target_prefix"),
    [
        (build_tiny_hf_m2m100, "m2m100", "__ja__", "__en__"),
        (build_tiny_hf_nllb, "nllb", "jpn_Jpan", "eng_Latn"),
    ],
)
def test_convert_multilingual(
    tmp_path: Path, builder: object, family: str, source_prefix: str, target_prefix: str
) -> None:
    hf = builder(tmp_path / "hf")  # type: ignore[operator]
    with pytest.raises(ModelError, match="--from and --to"):
        convert_model(
            hf, tmp_path / "out"
        )  # the tokenizer's last-used languages are not the model's direction
    manifest = convert_model(
        hf, tmp_path / "out", ConvertOptions(source_lang="ja", target_lang="en", quality=1)
    )
    assert manifest.family == family
    assert (manifest.source_lang, manifest.target_lang) == ("ja", "en")
    assert manifest.source_prefix == (source_prefix,) and manifest.target_prefix == (target_prefix,)
    assert manifest.source_suffix == ("</s>",)
    assert manifest.source_tokenizer == manifest.target_tokenizer == "sentencepiece.bpe.model"
    assert verify_model(tmp_path / "out").ok
    vocabulary = json.loads((tmp_path / "out" / "shared_vocabulary.json").read_text(encoding="utf-8"))
    assert source_prefix in vocabulary and target_prefix in vocabulary


def test_conversion_that_loses_the_language_tokens_is_refused(tmp_path: Path) -> None:
    hf = build_tiny_hf_m2m100(tmp_path / "hf", language_tokens=False)
    with pytest.raises(ModelError, match="source vocabulary has no language token __ja__"):
        convert_model(hf, tmp_path / "out", ConvertOptions(source_lang="ja", target_lang="en"))
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".incoming-")]
