"""One engine per process (so peak memory is its own): ``python -m tests.benchmarks.translation_workers ENGINE``.

Every engine decodes exactly ``DECODE_TOKENS`` tokens per sentence (equal minimum and maximum length), so the
work compared is equal even though the model's random weights make the output meaningless.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

from tests.benchmarks.common import peak_rss_mib

DECODE_TOKENS = 24
BEAM = 4
LATENCY_RUNS = 25
ARGOS_BATCH = 32


def _paragraphs(path: Path) -> list[list[str]]:
    return json.loads(path.read_text(encoding="utf-8"))


def _threads() -> int:
    return os.cpu_count() or 1


def ours(work: Path, workers: int | None = None) -> dict[str, object]:
    """Our engine on the whole document; ``workers`` = 1 forces one multi-threaded worker (the old layout)."""
    from workstation.translate.cache import TranslationCache
    from workstation.translate.engine import TranslateOptions, TranslationEngine
    from workstation.translate.registry import ModelRegistry

    paragraphs = _paragraphs(work / "paragraphs.json")
    document = "\n\n".join("".join(p) for p in paragraphs)
    started = time.perf_counter()
    model = ModelRegistry(extra_dirs=(work / "ct2",)).get("bench-opus-base-random")
    engine = TranslationEngine(model, threads=_threads(), workers=workers, cache=TranslationCache(memory_entries=0))
    engine.load()
    load = time.perf_counter() - started
    options = TranslateOptions(
        beam_size=BEAM, min_decoding_length=DECODE_TOKENS, max_decoding_length=DECODE_TOKENS, protect=frozenset()
    )
    started = time.perf_counter()
    result = engine.translate_document(document, options)
    elapsed = time.perf_counter() - started
    sentences = len(result.segments)
    latency = _median_latency(lambda: engine.translate_sentences([LATENCY_SENTENCE], options))
    return _report(sentences, elapsed, load, latency)


def argos_style(work: Path) -> dict[str, object]:
    """Argos Translate's loop: one ``translate_batch`` call per paragraph, batches of 32 sentences."""
    import ctranslate2
    import sentencepiece

    paragraphs = _paragraphs(work / "paragraphs.json")
    started = time.perf_counter()
    translator = ctranslate2.Translator(str(work / "ct2"), device="cpu", compute_type="int8", intra_threads=_threads())
    processor = sentencepiece.SentencePieceProcessor(model_file=str(work / "ct2" / "source.spm"))
    load = time.perf_counter() - started

    def translate(sentences: list[str]) -> None:
        tokens = [[*processor.encode(s, out_type=str), "</s>"] for s in sentences]
        translator.translate_batch(
            tokens,
            beam_size=BEAM,
            max_batch_size=ARGOS_BATCH,
            min_decoding_length=DECODE_TOKENS,
            max_decoding_length=DECODE_TOKENS,
        )

    started = time.perf_counter()
    for paragraph in paragraphs:
        translate(paragraph)
    elapsed = time.perf_counter() - started
    latency = _median_latency(lambda: translate([LATENCY_SENTENCE]))
    return _report(sum(map(len, paragraphs)), elapsed, load, latency)


def transformers_fp32(work: Path) -> dict[str, object]:
    """Hugging Face Transformers ``generate()`` in PyTorch fp32 on the same model, sorted batches of 16."""
    import sentencepiece
    import torch
    from transformers import MarianMTModel

    torch.set_num_threads(_threads())
    paragraphs = _paragraphs(work / "paragraphs.json")
    sentences = sorted((s for p in paragraphs for s in p), key=len)
    started = time.perf_counter()
    model = MarianMTModel.from_pretrained(work / "hf").eval()
    processor = sentencepiece.SentencePieceProcessor(model_file=str(work / "hf" / "source.spm"))
    vocab = json.loads((work / "hf" / "vocab.json").read_text(encoding="utf-8"))
    load = time.perf_counter() - started
    eos = vocab["</s>"]
    pad = vocab["<pad>"]
    unk = vocab["<unk>"]

    def translate(batch: list[str]) -> None:
        ids = [[vocab.get(piece, unk) for piece in processor.encode(s, out_type=str)] + [eos] for s in batch]
        width = max(map(len, ids))
        input_ids = torch.tensor([row + [pad] * (width - len(row)) for row in ids])
        with torch.inference_mode():
            model.generate(
                input_ids=input_ids,
                attention_mask=(input_ids != pad).long(),
                num_beams=BEAM,
                min_new_tokens=DECODE_TOKENS,
                max_new_tokens=DECODE_TOKENS,
            )

    started = time.perf_counter()
    for start in range(0, len(sentences), 16):
        translate(sentences[start : start + 16])
    elapsed = time.perf_counter() - started
    latency = _median_latency(lambda: translate([LATENCY_SENTENCE]), runs=9)
    return _report(len(sentences), elapsed, load, latency)


LATENCY_SENTENCE = "本日の会議では、来年度の予算案と人員配置について詳しく議論しました。"


def _median_latency(call, runs: int = LATENCY_RUNS) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _report(sentences: int, elapsed: float, load: float, latency: float) -> dict[str, object]:
    tokens = sentences * DECODE_TOKENS
    return {
        "sentences": sentences,
        "target_tokens": tokens,
        "seconds": elapsed,
        "tokens_per_second": tokens / elapsed,
        "load_seconds": load,
        "latency_ms": latency * 1000,
        "peak_rss_mib": peak_rss_mib(),
    }


def ours_one_worker(work: Path) -> dict[str, object]:
    return ours(work, workers=1)


ENGINES = {"ours": ours, "ours-one-worker": ours_one_worker, "argos": argos_style, "transformers": transformers_fp32}

if __name__ == "__main__":
    print(json.dumps(ENGINES[sys.argv[1]](Path(sys.argv[2]))))
