"""SentencePiece tokenization per family: Marian appends </s>, M2M100 adds language tokens and a target prefix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workstation.paths import builtin_models_dir
from workstation.translate.manifest import ModelError, load_manifest
from workstation.translate.tokenization import ModelTokenizer


def tokenizer(folder: Path) -> ModelTokenizer:
    return ModelTokenizer(load_manifest(folder), folder)


def test_marian_source_ends_with_eos_and_has_no_target_prefix(tiny_marian_dir: Path) -> None:
    tok = tokenizer(tiny_marian_dir)
    tokens = tok.encode("今日は晴れです。")
    assert tokens[-1] == "</s>"
    assert tokens[:-1] == tok.pieces("今日は晴れです。")
    assert tok.target_prefix() is None


def test_m2m100_source_language_token_and_target_prefix(tiny_m2m100_dir: Path) -> None:
    tok = tokenizer(tiny_m2m100_dir)
    tokens = tok.encode("今日は晴れです。")
    assert tokens[0] == "__ja__"
    assert tokens[-1] == "</s>"
    assert tok.target_prefix() == ["__en__"]
    assert tok.count("今日は晴れです。") == len(tokens)


def test_batch_encoding_matches_single(tiny_m2m100_dir: Path) -> None:
    tok = tokenizer(tiny_m2m100_dir)
    texts = ["一つ目の文。", "Second sentence."]
    assert tok.encode_batch(texts) == [tok.encode(text) for text in texts]


def test_decode_strips_prefix_special_tokens_and_control_characters(tiny_m2m100_dir: Path) -> None:
    tok = tokenizer(tiny_m2m100_dir)
    pieces = tok.pieces("Hello world")
    assert tok.decode(["__en__", *pieces, "</s>"]) == "Hello world"
    assert tok.decode(["<pad>", *pieces, "<0x0A>", "<0x07>", *tok.pieces("again")]) == "Hello world again"


def test_separate_vocabularies_decode_with_the_target_model(tiny_marian_en_ja_dir: Path) -> None:
    tok = tokenizer(tiny_marian_en_ja_dir)
    assert tok.source_path != tok.target_path
    target_pieces = list(tok.target.encode("これは文です。", out_type=str))
    assert tok.decode(target_pieces) == "これは文です。"


def test_damaged_tokenizer_gives_a_model_error(tiny_marian_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(tiny_marian_dir, folder)
    (folder / "source.spm").write_bytes(b"not a sentencepiece model")
    with pytest.raises(ModelError) as caught:
        tokenizer(folder).encode("text")
    assert "source.spm" in caught.value.message.en


def test_placeholder_copying_depends_on_the_vocabulary(tiny_marian_dir: Path) -> None:
    assert tokenizer(tiny_marian_dir).copies_placeholders, "byte fallback writes [ and ]"
    builtin = builtin_models_dir() / "builtin-ja-en"
    assert not tokenizer(builtin).copies_placeholders, "the built-in vocabulary has no [ or ]"
