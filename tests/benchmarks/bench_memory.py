"""Translation memory: import speed and lookup latency (exact + fuzzy) with 10k and 100k ja→en units.

Units are real sentence pairs from ``shared/corpus/train.tsv`` (synthetic sentences when it is absent);
queries are held-out sentences and lightly edited stored ones. Run alone with
``python -m tests.benchmarks.bench_memory``.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import CORPUS, Result
from workstation.store.memory import TranslationMemory

SIZES = (10_000, 100_000)
QUERIES = 200
SEED = 8


def _pairs(count: int) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    corpus = CORPUS / "train.tsv"
    if corpus.is_file():
        with corpus.open(encoding="utf-8") as handle:
            for line in handle:
                fields = line.rstrip("\n").split("\t")
                if len(fields) >= 2 and fields[0] and fields[1]:
                    pairs.append((fields[0], fields[1]))
                if len(pairs) >= count:
                    break
    rng = random.Random(SEED)
    words = ["外務省は", "関係各国との", "協議の結果を", "踏まえ、", "新たな方針を", "決定した。", "大使館で", "会議を開いた。"]
    while len(pairs) < count:
        pairs.append(("".join(rng.choice(words) for _ in range(6)), f"synthetic {len(pairs)}"))
    return pairs


def _queries(pairs: list[tuple[str, str]]) -> list[str]:
    rng = random.Random(SEED)
    queries = []
    for source, _ in rng.sample(pairs, QUERIES):
        cut = rng.randrange(len(source))
        queries.append(source[:cut] + rng.choice("のはを新旧") + source[cut + 1 :])  # one character changed
    return queries


def run() -> list[Result]:
    results = []
    all_pairs = _pairs(max(SIZES))
    for size in SIZES:
        pairs = all_pairs[:size]
        with tempfile.TemporaryDirectory() as folder, TranslationMemory(Path(folder) / "tm.sqlite3") as memory:
            started = time.perf_counter()
            memory.add_many(((("ja", s), ("en", t)), {"origin": "tm"}) for s, t in pairs)
            imported = time.perf_counter() - started
            results.append(Result(f"TM import {size:,} units", round(size / imported), "units/s"))
            timings = []
            hits = 0
            for query in _queries(pairs):
                started = time.perf_counter()
                matches = memory.lookup(query, "ja", "en")
                timings.append((time.perf_counter() - started) * 1000)
                hits += bool(matches)
            timings.sort()
            results.append(Result(f"TM lookup, {size:,} units (mean)", round(statistics.mean(timings), 2), "ms",
                                  note=f"{hits}/{len(timings)} queries matched"))
            results.append(Result(f"TM lookup, {size:,} units (p95)", round(timings[int(len(timings) * 0.95)], 2), "ms"))
            size_mb = (Path(folder) / "tm.sqlite3").stat().st_size / 1048576
            results.append(Result(f"TM database size, {size:,} units", round(size_mb, 1), "MiB"))
    return results


if __name__ == "__main__":
    for result in run():
        print(f"{result.name}: {result.value:,} {result.unit} {result.note}")
