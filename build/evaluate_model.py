"""Score a shipped model on ../shared/corpus/dev.tsv with the project's engine (sacreBLEU + chrF).

    .venv-train/bin/python build/evaluate_model.py models/builtin-ja-en --json build/work/ja-en/eval.json

Reports BLEU and chrF on all of dev.tsv, on its Tatoeba and Coursera parts, and on a fixed 300-line
sample (``sample_indices``: 300 line numbers drawn with ``random.Random(SAMPLE_SEED)``, kept in file
order). English output is scored with sacreBLEU's ``13a`` tokenizer; Japanese output with ``ja-mecab``
when ``mecab-python3`` + ``ipadic`` are installed, else ``char`` (the JSON says which). chrF is
sacreBLEU's character chrF (n=6, β=2, whitespace ignored) in both directions.

The engine ranks its beam's candidates by back-translation with the built-in model of the opposite direction
(``models/builtin-<target>-<source>``, or ``--back-model DIR``) when the manifest's
``decoding.back_translation_weight`` is above 0, as the program does.

``--tune-decoding`` instead scores a small grid of repetition penalties, no-repeat n-gram sizes and
length penalties on 400 other dev lines (``tuning_indices``: disjoint from the sample), then back-translation
weights with the best 3 of them, and prints the best, which ``build/train_model.py --stage card --tune-decoding``
writes into the manifest's ``decoding``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_PATH = ROOT.parent / "shared" / "corpus" / "dev.tsv"
SAMPLE_SIZE = 300
SAMPLE_SEED = 300
TUNING_SIZE = 400
TUNING_SEED = 400
TUNING_GRID = [
    (penalty, ngram, length) for penalty in (1.0, 1.1, 1.2) for ngram in (0, 3, 4) for length in (1.0, 1.5, 2.0, 2.5)
]
"""(repetition_penalty, no_repeat_ngram_size, length_penalty) points tried; the first is plain decoding."""
BACK_TRANSLATION_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0)
"""Back-translation weights tried with the best grid points (0: the first hypothesis)."""
WEIGHTED_POINTS = 3
"""How many of the best grid points the back-translation weights are tried with (ranking changes which is best)."""
EXAMPLE_MAX_CHARS = 70

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def read_dev(path: Path = DEV_PATH) -> list[tuple[str, str, str]]:
    """(ja, en, source) rows of dev.tsv in file order."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                rows.append((parts[0], parts[1], parts[2]))
    return rows


def sample_indices(count: int, size: int = SAMPLE_SIZE, seed: int = SAMPLE_SEED) -> list[int]:
    """The fixed, documented evaluation sample: ``size`` line indices drawn with ``seed``, sorted."""
    return sorted(random.Random(seed).sample(range(count), min(size, count)))


def tuning_indices(count: int, size: int = TUNING_SIZE, seed: int = TUNING_SEED) -> list[int]:
    """Held-out lines for choosing decoding defaults: ``size`` lines drawn with ``seed`` outside the sample."""
    sample = set(sample_indices(count))
    rest = [i for i in range(count) if i not in sample]
    return sorted(random.Random(seed).sample(rest, min(size, len(rest))))


def tune_decoding(
    model_path: Path, *, threads: int = 2, compute_type: str = "int8", back_model: Path | None = None
) -> dict:
    """chrF of every ``TUNING_GRID`` point on the tuning lines, then of every ``BACK_TRANSLATION_WEIGHTS`` with the
    best point (when a model of the opposite direction is at hand); ``best`` is the highest (plainest on ties)."""
    import sacrebleu

    from workstation.translate.options import TranslateOptions

    engine, manifest = open_engine(model_path, threads, compute_type, back_model)
    rows = read_dev()
    chosen = tuning_indices(len(rows))
    sources, references = sides([rows[i] for i in chosen], manifest.source_lang)

    def chrf_of(options: TranslateOptions) -> float:
        hypotheses = [result.target for result in engine.translate_sentences(sources, options)]
        return round(sacrebleu.corpus_chrf(hypotheses, [references]).score, 2)

    grid = []
    for penalty, ngram, length in TUNING_GRID:
        point = {"repetition_penalty": penalty, "no_repeat_ngram_size": ngram, "length_penalty": length}
        grid.append({**point, "chrf": chrf_of(TranslateOptions(**point, back_translation_weight=0.0))})
        print(", ".join(f"{name} {value}" for name, value in grid[-1].items()), flush=True)
    best = {**max(grid, key=lambda point: point["chrf"]), "back_translation_weight": 0.0}
    weights = []
    if engine.back_model is not None:
        names = ("repetition_penalty", "no_repeat_ngram_size", "length_penalty")
        for point in sorted(grid, key=lambda point: -point["chrf"])[:WEIGHTED_POINTS]:
            settings = {name: point[name] for name in names}
            for weight in BACK_TRANSLATION_WEIGHTS:
                chrf = point["chrf"] if weight == 0 else chrf_of(TranslateOptions(**settings, back_translation_weight=weight))
                weights.append({**settings, "back_translation_weight": weight, "chrf": chrf})
                print(f"back_translation_weight {weight} (with {settings}): chrF {chrf}", flush=True)
        best = max(weights, key=lambda point: point["chrf"])
    return {"lines": len(chosen), "seed": TUNING_SEED, "grid": grid, "back_translation": weights, "best": best}


def bleu_tokenizer(target_lang: str) -> str:
    """sacreBLEU tokenizer for the target language (ja-mecab if available, else char, for Japanese)."""
    if target_lang != "ja":
        return "13a"
    try:
        import ipadic  # noqa: F401
        import MeCab  # noqa: F401
    except ImportError:
        return "char"
    return "ja-mecab"


def sides(rows: list[tuple[str, str, str]], source_lang: str) -> tuple[list[str], list[str]]:
    """(sources, references) of dev rows for a model translating from ``source_lang``."""
    column = 0 if source_lang == "ja" else 1
    return [row[column] for row in rows], [row[1 - column] for row in rows]


def open_engine(model_path: Path, threads: int, compute_type: str, back_model: Path | None = None):
    """The project's translation engine on the model folder ``model_path``, on the CPU, and its manifest; the
    back-translation model is ``back_model`` or else the built-in model of the opposite direction."""
    from workstation.translate.engine import TranslationEngine
    from workstation.translate.manifest import load_manifest
    from workstation.translate.registry import InstalledModel

    manifest = load_manifest(model_path)
    model = InstalledModel(manifest=manifest, path=model_path, builtin=True)
    back_path = back_model or ROOT / "models" / f"builtin-{manifest.target_lang}-{manifest.source_lang}"
    back = InstalledModel(load_manifest(back_path), back_path, builtin=True) if back_path.is_dir() else None
    engine = TranslationEngine(model, threads=threads, device="cpu", compute_type=compute_type, back_model=back)
    return engine, manifest


def load_translator(model_path: Path, threads: int, compute_type: str, back_model: Path | None = None):
    """Return (translate(list[str]) -> list[str], description) using the project's engine."""
    from workstation.translate.options import TranslateOptions

    engine, manifest = open_engine(model_path, threads, compute_type, back_model)
    options = TranslateOptions().for_model(manifest.decoding)

    def translate(sentences: list[str]) -> list[str]:
        return [result.target for result in engine.translate_sentences(sentences, options)]

    ranking = (
        f", candidates ranked by back-translation with {engine.back_model.id} (weight {options.back_translation_weight})"
        if options.back_translation_weight and engine.back_model is not None
        else ""
    )
    description = (
        f"workstation.translate.engine.TranslationEngine (beam {options.beam_size}, compute_type={compute_type}{ranking})"
    )
    return translate, manifest, description


def score(hypotheses: list[str], references: list[str], tokenizer: str) -> dict[str, float]:
    import sacrebleu

    bleu = sacrebleu.corpus_bleu(hypotheses, [references], tokenize=tokenizer)
    chrf = sacrebleu.corpus_chrf(hypotheses, [references])
    return {"bleu": round(bleu.score, 2), "chrf": round(chrf.score, 2), "lines": len(references)}


def evaluate(model_path: Path, *, threads: int = 2, compute_type: str = "int8", back_model: Path | None = None) -> dict:
    """Translate all of dev.tsv and score every part; returns a JSON-ready summary."""
    translate, manifest, engine_name = load_translator(model_path, threads, compute_type, back_model)
    rows = read_dev()
    sources, references = sides(rows, manifest.source_lang)
    started = time.perf_counter()
    hypotheses = translate(sources)
    seconds = time.perf_counter() - started
    tokenizer = bleu_tokenizer(manifest.target_lang)
    sample = sample_indices(len(rows))
    parts = {
        "all": list(range(len(rows))),
        "tatoeba": [i for i, r in enumerate(rows) if r[2] == "tatoeba"],
        "coursera": [i for i, r in enumerate(rows) if r[2] == "coursera"],
        f"sample{SAMPLE_SIZE}": sample,
    }
    scores = {
        name: score([hypotheses[i] for i in indices], [references[i] for i in indices], tokenizer)
        for name, indices in parts.items()
    }
    target_pieces = _count_target_pieces(model_path, manifest, hypotheses)
    return {
        "model": manifest.id,
        "direction": f"{manifest.source_lang}-{manifest.target_lang}",
        "engine": engine_name,
        "threads": threads,
        "bleu_tokenizer": tokenizer,
        "chrf": "sacreBLEU chrF (char n=6, word n=0, beta=2)",
        "scores": scores,
        "seconds": round(seconds, 1),
        "sentences_per_second": round(len(sources) / seconds, 1),
        "target_tokens_per_second": round(target_pieces / seconds, 1),
        "sample_seed": SAMPLE_SEED,
        "sample_indices": sample,
        "examples": [
            {"source": sources[i], "reference": references[i], "output": hypotheses[i], "part": rows[i][2]}
            for i in _example_indices(rows, sources, sample)
        ],
        "hypotheses": hypotheses,
    }


def _example_indices(rows, sources: list[str], sample: list[int], per_part: int = 4) -> list[int]:
    """The first short sample lines of each part (Tatoeba, Coursera), for the model cards."""
    chosen: list[int] = []
    for part in ("tatoeba", "coursera"):
        short = [i for i in sample if rows[i][2] == part and len(sources[i]) <= EXAMPLE_MAX_CHARS]
        chosen.extend(short[:per_part])
    return chosen


def _count_target_pieces(model_path: Path, manifest, hypotheses: list[str]) -> int:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(model_path / manifest.target_tokenizer))
    return sum(len(ids) + 1 for ids in processor.encode(hypotheses))


def markdown_table(summary: dict) -> str:
    """The scores as a Markdown table (as used in the model cards)."""
    lines = [
        f"| dev.tsv part | lines | BLEU ({summary['bleu_tokenizer']}) | chrF |",
        "|---|---:|---:|---:|",
    ]
    for name, values in summary["scores"].items():
        lines.append(f"| {name} | {values['lines']} | {values['bleu']:.1f} | {values['chrf']:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", type=Path, help="model folder with workstation-model.json")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--compute-type", default="int8")
    parser.add_argument(
        "--back-model", type=Path, help="model folder of the opposite direction for back-translation ranking "
        "(default: the built-in one)"
    )
    parser.add_argument("--json", type=Path, help="write the full summary (with all outputs) here")
    parser.add_argument("--markdown", type=Path, help="write the score table here")
    parser.add_argument(
        "--tune-decoding", action="store_true", help="score the decoding grid on held-out lines instead"
    )
    args = parser.parse_args(argv)
    if args.tune_decoding:
        tuning = tune_decoding(
            args.model.resolve(), threads=args.threads, compute_type=args.compute_type, back_model=args.back_model
        )
        print(f"best: {tuning['best']}")
        return 0
    summary = evaluate(
        args.model.resolve(), threads=args.threads, compute_type=args.compute_type, back_model=args.back_model
    )
    table = markdown_table(summary)
    print(table)
    print(
        f"{summary['sentences_per_second']} sentences/s, {summary['target_tokens_per_second']} target tokens/s "
        f"({summary['threads']} threads, {summary['engine']})"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
