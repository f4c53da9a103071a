"""Translation: our engine vs Transformers fp32 and an Argos-style loop on an OPUS-MT-base-sized model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.benchmarks.common import (
    CACHE,
    CORPUS,
    Result,
    python_worker,
    ratio_higher_is_better,
    ratio_lower_is_better,
)

SENTENCES = 500
PARAGRAPH_SENTENCES = 5
VOCAB_SIZE = 32_000
MODEL_ID = "bench-opus-base-random"


def work_dir() -> Path:
    return CACHE / "translation"


def _spm(work: Path) -> Path:
    """A 32k SentencePiece model trained on the corpus (both languages), cached."""
    import sentencepiece

    prefix = work / "spm32k"
    model = prefix.with_suffix(".model")
    if not model.exists():
        work.mkdir(parents=True, exist_ok=True)
        sentencepiece.SentencePieceTrainer.train(
            input=str(CORPUS / "train.tsv"),
            model_prefix=str(prefix),
            vocab_size=VOCAB_SIZE,
            model_type="unigram",
            character_coverage=0.9995,
            input_sentence_size=200_000,
            shuffle_input_sentence=True,
            pad_id=0, eos_id=1, unk_id=2, bos_id=-1,
            pad_piece="<pad>", eos_piece="</s>", unk_piece="<unk>",
            num_threads=2,
        )
    return model


def _hf_model(work: Path) -> Path:
    """An OPUS-MT-base-sized Marian (6+6 layers, d_model 512, FFN 2048, 8 heads) with random weights."""
    import sentencepiece
    import torch
    from transformers import MarianConfig, MarianMTModel

    hf = work / "hf"
    if (hf / "config.json").exists():
        return hf
    spm = _spm(work)
    processor = sentencepiece.SentencePieceProcessor(model_file=str(spm))
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    # Like OPUS-MT: <pad> is the last id, which CTranslate2's Marian converter expects.
    vocab = {piece: i for i, piece in enumerate(p for p in pieces if p != "<pad>")}
    vocab["<pad>"] = len(vocab)
    torch.manual_seed(0)
    config = MarianConfig(
        vocab_size=len(vocab), d_model=512, encoder_layers=6, decoder_layers=6,
        encoder_attention_heads=8, decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048,
        max_position_embeddings=512, pad_token_id=vocab["<pad>"], eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["<pad>"], share_encoder_decoder_embeddings=True,
    )
    model = MarianMTModel(config)
    hf.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(hf)
    for name in ("source.spm", "target.spm"):
        (hf / name).write_bytes(spm.read_bytes())
    (hf / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (hf / "tokenizer_config.json").write_text(
        json.dumps({"source_lang": "ja", "target_lang": "en", "model_max_length": 512}), encoding="utf-8"
    )
    return hf


def _converted(work: Path, hf: Path) -> Path:
    """Convert with the project's own converter (``workstation models convert``) to CTranslate2 int8."""
    ct2 = work / "ct2"
    if not (ct2 / "model.bin").exists():
        subprocess.run(
            [sys.executable, "-m", "workstation", "models", "convert", str(hf), "-o", str(ct2),
             "--id", MODEL_ID, "--from", "ja", "--to", "en"],
            check=True,
        )
    return ct2


def _paragraphs(work: Path) -> None:
    lines = []
    with (CORPUS / "dev.tsv").open(encoding="utf-8") as handle:
        for row in handle:
            japanese = row.split("\t", 1)[0].strip().rstrip("。．.!?！？") + "。"
            lines.append(japanese)
            if len(lines) == SENTENCES:
                break
    paragraphs = [lines[i : i + PARAGRAPH_SENTENCES] for i in range(0, len(lines), PARAGRAPH_SENTENCES)]
    (work / "paragraphs.json").write_text(json.dumps(paragraphs, ensure_ascii=False), encoding="utf-8")


def run() -> list[Result]:
    work = work_dir()
    hf = _hf_model(work)
    _converted(work, hf)
    _paragraphs(work)
    module = "tests.benchmarks.translation_workers"
    ours = python_worker(module, "ours", str(work))
    argos = python_worker(module, "argos", str(work))
    transformers = python_worker(module, "transformers", str(work))
    one_worker = python_worker(module, "ours-one-worker", str(work))
    note = f"{ours['sentences']} sentences, beam 4, 24 tokens each, OPUS-MT base size, int8 vs fp32"
    results = []
    for peer_name, peer in (("Transformers generate() fp32", transformers), ("Argos-style loop (CTranslate2)", argos)):
        results += [
            Result("translation throughput", ours["tokens_per_second"], "target tokens/s", peer_name,
                   peer["tokens_per_second"], ratio_higher_is_better(ours["tokens_per_second"], peer["tokens_per_second"]), note),
            Result("translation latency, one 20-token sentence", ours["latency_ms"], "ms", peer_name,
                   peer["latency_ms"], ratio_lower_is_better(ours["latency_ms"], peer["latency_ms"]), "median"),
            Result("translation peak memory", ours["peak_rss_mib"], "MiB", peer_name, peer["peak_rss_mib"],
                   ratio_lower_is_better(ours["peak_rss_mib"], peer["peak_rss_mib"])),
            Result("model load time", ours["load_seconds"], "s", peer_name, peer["load_seconds"],
                   ratio_lower_is_better(ours["load_seconds"], peer["load_seconds"])),
        ]
    layout_peer = "the same engine, one worker with all threads"
    layout_note = "thread layout: one single-thread CTranslate2 worker per core vs one multi-thread worker"
    results += [
        Result("translation throughput, thread layout", ours["tokens_per_second"], "target tokens/s", layout_peer,
               one_worker["tokens_per_second"],
               ratio_higher_is_better(ours["tokens_per_second"], one_worker["tokens_per_second"]), layout_note),
        Result("translation latency, thread layout", ours["latency_ms"], "ms", layout_peer, one_worker["latency_ms"],
               ratio_lower_is_better(ours["latency_ms"], one_worker["latency_ms"]), "median, one 20-token sentence"),
        Result("translation peak memory, thread layout", ours["peak_rss_mib"], "MiB", layout_peer,
               one_worker["peak_rss_mib"], ratio_lower_is_better(ours["peak_rss_mib"], one_worker["peak_rss_mib"])),
    ]
    return results
