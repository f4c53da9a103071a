"""Tiny, randomly initialised CTranslate2 translation models that tests build themselves.

The models are real CTranslate2 Transformer models (built with ``ctranslate2.specs``, no torch) with real
SentencePiece tokenizers trained on a few hundred lines of the shared corpus. Their weights are random, so
their output is gibberish, but it is deterministic with greedy decoding: tests assert structure (order,
counts, spans, determinism), never meaning.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from workstation.translate.manifest import build_manifest, write_manifest

CORPUS = Path("/work/shared/corpus/train.tsv")
"""Where the shared corpus lives on the build machine; a small built-in sample is used when it is absent."""

SEED = 1234
D_MODEL = 32
FFN = 64
HEADS = 2
LAYERS = 1
TRAINING_LINES = 400

_FALLBACK_PAIRS = (
    ("今日は晴れです。", "It is sunny today."),
    ("会議は午後三時に始まります。", "The meeting starts at three in the afternoon."),
    ("大使館から連絡がありました。", "The embassy contacted us."),
    ("この件について報告します。", "I will report on this matter."),
    ("明日の予定を確認してください。", "Please check tomorrow's schedule."),
    ("外務省は声明を発表した。", "The Ministry of Foreign Affairs issued a statement."),
    ("彼は東京に住んでいる。", "He lives in Tokyo."),
    ("資料を添付します。", "I am attaching the documents."),
)


def training_pairs(count: int = TRAINING_LINES) -> list[tuple[str, str]]:
    """``count`` (Japanese, English) pairs picked evenly from the corpus, always the same ones."""
    if not CORPUS.is_file():
        pairs = list(_FALLBACK_PAIRS)
        return (pairs * (count // len(pairs) + 1))[:count]
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    step = max(1, len(lines) // count)
    pairs = []
    for line in lines[::step][:count]:
        ja, en = line.split("\t")[:2]
        pairs.append((ja, en))
    return pairs


def train_sentencepiece(lines: Sequence[str], destination: Path, *, vocab_size: int = 1200) -> Path:
    """Train a small unigram SentencePiece model with byte fallback (any input encodes) on ``lines``."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=0.98,
        byte_fallback=True,
        hard_vocab_limit=False,
        num_threads=1,
        seed_sentencepiece_size=100000,
        shuffle_input_sentence=False,
        minloglevel=2,
    )
    destination.write_bytes(model.getvalue())
    return destination


def spm_pieces(model_path: Path) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(model_path))
    return [processor.id_to_piece(index) for index in range(processor.get_piece_size())]


def _random(rng: np.random.Generator, *shape: int) -> np.ndarray:
    return (rng.standard_normal(shape) * 0.2).astype(np.float32)


def _fill_linear(linear, rng: np.random.Generator, out_dim: int, in_dim: int) -> None:
    linear.weight = _random(rng, out_dim, in_dim)
    linear.bias = np.zeros(out_dim, dtype=np.float32)


def _fill_norm(norm) -> None:
    norm.gamma = np.ones(D_MODEL, dtype=np.float32)
    norm.beta = np.zeros(D_MODEL, dtype=np.float32)


def _fill_layers(layers: Iterator, rng: np.random.Generator, *, cross_attention: bool) -> None:
    for layer in layers:
        _fill_linear(layer.self_attention.linear[0], rng, 3 * D_MODEL, D_MODEL)
        _fill_linear(layer.self_attention.linear[1], rng, D_MODEL, D_MODEL)
        _fill_norm(layer.self_attention.layer_norm)
        if cross_attention:
            _fill_linear(layer.attention.linear[0], rng, D_MODEL, D_MODEL)
            _fill_linear(layer.attention.linear[1], rng, 2 * D_MODEL, D_MODEL)
            _fill_linear(layer.attention.linear[2], rng, D_MODEL, D_MODEL)
            _fill_norm(layer.attention.layer_norm)
        _fill_linear(layer.ffn.linear_0, rng, FFN, D_MODEL)
        _fill_linear(layer.ffn.linear_1, rng, D_MODEL, FFN)
        _fill_norm(layer.ffn.layer_norm)


def build_transformer(
    destination: Path,
    source_vocabulary: list[str],
    target_vocabulary: list[str],
    *,
    pre_norm: bool,
    decoder_start_token: str,
    seed: int = SEED,
) -> Path:
    """Save a random-weight CTranslate2 Transformer with the given vocabularies into ``destination``."""
    from ctranslate2.specs import common_spec, transformer_spec

    activation = common_spec.Activation.RELU if pre_norm else common_spec.Activation.SWISH
    spec = transformer_spec.TransformerSpec.from_config(LAYERS, HEADS, pre_norm=pre_norm, activation=activation)
    rng = np.random.default_rng(seed)
    spec.encoder.embeddings[0].weight = _random(rng, len(source_vocabulary), D_MODEL)
    spec.decoder.embeddings.weight = _random(rng, len(target_vocabulary), D_MODEL)
    spec.encoder.scale_embeddings = float(np.sqrt(D_MODEL))
    spec.decoder.scale_embeddings = float(np.sqrt(D_MODEL))
    if pre_norm:
        _fill_norm(spec.encoder.layer_norm)
        _fill_norm(spec.decoder.layer_norm)
    _fill_layers(spec.encoder.layer, rng, cross_attention=False)
    _fill_layers(spec.decoder.layer, rng, cross_attention=True)
    _fill_linear(spec.decoder.projection, rng, len(target_vocabulary), D_MODEL)
    spec.register_source_vocabulary(source_vocabulary)
    spec.register_target_vocabulary(target_vocabulary)
    spec.config.unk_token = "<unk>"
    spec.config.bos_token = "<s>"
    spec.config.eos_token = "</s>"
    spec.config.decoder_start_token = decoder_start_token
    spec.validate()
    spec.optimize(quantization="int8")
    destination.mkdir(parents=True, exist_ok=True)
    spec.save(str(destination))
    return destination


def build_tiny_marian(
    dest: Path,
    *,
    shared_vocab: bool = True,
    source_lang: str = "ja",
    target_lang: str = "en",
    model_id: str | None = None,
    quality: int = 0,
) -> Path:
    """An OPUS-MT/Marian-style model folder: ``source.spm``, ``target.spm``, CTranslate2 files, manifest.

    Like models converted from Transformers, the source needs ``</s>`` appended and the decoder starts
    from ``<pad>``.
    """
    dest.mkdir(parents=True, exist_ok=True)
    pairs = training_pairs()
    by_lang = {"ja": [ja for ja, _ in pairs], "en": [en for _, en in pairs]}
    source_lines, target_lines = by_lang[source_lang], by_lang[target_lang]
    if shared_vocab:
        train_sentencepiece(source_lines + target_lines, dest / "source.spm")
        shutil.copyfile(dest / "source.spm", dest / "target.spm")
    else:
        train_sentencepiece(source_lines, dest / "source.spm")
        train_sentencepiece(target_lines, dest / "target.spm")
    source_vocabulary = [*spm_pieces(dest / "source.spm"), "<pad>"]
    target_vocabulary = [*spm_pieces(dest / "target.spm"), "<pad>"]
    build_transformer(dest, source_vocabulary, target_vocabulary, pre_norm=False, decoder_start_token="<pad>")
    manifest = build_manifest(
        dest,
        id=model_id or f"tiny-marian-{source_lang}-{target_lang}",
        name_ja=f"テスト用 Marian {source_lang}→{target_lang}",
        name_en=f"Test Marian {source_lang}→{target_lang}",
        source_lang=source_lang,
        target_lang=target_lang,
        family="marian",
        model_dir=".",
        source_tokenizer="source.spm",
        target_tokenizer="target.spm",
        source_prefix=(),
        source_suffix=("</s>",),
        target_prefix=(),
        quality=quality,
        license="CC-BY 2.0 (tokenizer training text: Tatoeba); random weights",
        origin="tests/helpers/tiny_models.py",
        ctranslate2_version=_ctranslate2_version(),
    )
    write_manifest(dest, manifest)
    return dest


def build_tiny_m2m100(
    dest: Path,
    *,
    source_lang: str = "ja",
    target_lang: str = "en",
    model_id: str | None = None,
    quality: int = 0,
) -> Path:
    """An M2M100-style multilingual model: one ``sentencepiece.bpe.model``, ``__xx__`` language tokens.

    The source is ``__ja__ pieces </s>``, the target starts with ``__en__`` (target prefix); the decoder
    starts from ``</s>``.
    """
    dest.mkdir(parents=True, exist_ok=True)
    pairs = training_pairs()
    lines = [ja for ja, _ in pairs] + [en for _, en in pairs]
    train_sentencepiece(lines, dest / "sentencepiece.bpe.model")
    vocabulary = [*spm_pieces(dest / "sentencepiece.bpe.model"), "<pad>", "__en__", "__ja__"]
    build_transformer(dest, vocabulary, vocabulary, pre_norm=True, decoder_start_token="</s>", seed=SEED + 1)
    manifest = build_manifest(
        dest,
        id=model_id or f"tiny-m2m100-{source_lang}-{target_lang}",
        name_ja=f"テスト用 M2M100 {source_lang}→{target_lang}",
        name_en=f"Test M2M100 {source_lang}→{target_lang}",
        source_lang=source_lang,
        target_lang=target_lang,
        family="m2m100",
        model_dir=".",
        source_tokenizer="sentencepiece.bpe.model",
        target_tokenizer="sentencepiece.bpe.model",
        source_prefix=(f"__{source_lang}__",),
        source_suffix=("</s>",),
        target_prefix=(f"__{target_lang}__",),
        quality=quality,
        license="CC-BY 2.0 (tokenizer training text: Tatoeba); random weights",
        origin="tests/helpers/tiny_models.py",
        ctranslate2_version=_ctranslate2_version(),
    )
    write_manifest(dest, manifest)
    return dest


def _ctranslate2_version() -> str:
    import ctranslate2

    return ctranslate2.__version__
