"""Diff speed: 1 MB and 100k-character documents with scattered edits, and a worst case (everything rewritten).

Run alone with ``python -m tests.benchmarks.bench_diff``; ``make bench`` runs it with the others.
"""

from __future__ import annotations

import random
import statistics
import time

from tests.benchmarks.common import CORPUS, Result
from workstation.diff.engine import TextDiff, diff_texts

RUNS = 3
EDITS = 100
SEED = 6


def _japanese(characters: int) -> str:
    if (CORPUS / "train.tsv").is_file():
        from tests.benchmarks.common import japanese_document

        return japanese_document(characters)
    rng = random.Random(SEED)
    phrases = ["外務省は", "関係各国との", "協議の結果を踏まえ、", "新たな方針を", "決定した。", "在外公館における", "情報管理の強化を", "目的とする。"]
    lines, total = [], 0
    while total < characters:
        line = "".join(rng.choice(phrases) for _ in range(rng.randint(8, 20)))
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines) + "\n"


def _scatter_edits(text: str, edits: int, rng: random.Random) -> str:
    """Particle swaps, inserted words, deleted sentences spread over the document, and one moved paragraph."""
    lines = text.split("\n")
    for index in rng.sample(range(len(lines) - 1), min(edits, len(lines) - 1)):
        line = lines[index]
        action = rng.choice(["particle", "insert", "delete"])
        if action == "particle" and "の" in line:
            position = line.index("の")
            lines[index] = line[:position] + "が" + line[position + 1 :]
        elif action == "insert" and line:
            position = rng.randrange(len(line))
            lines[index] = line[:position] + "順次" + line[position:]
        elif "。" in line[:-1]:
            lines[index] = line[line.index("。") + 1 :]
    moved = lines.pop(len(lines) // 3)
    lines.insert(2 * len(lines) // 3, moved)
    return "\n".join(lines)


def _one_megabyte(text: str) -> str:
    """Whole lines of ``text`` up to 1,000,000 bytes of UTF-8."""
    kept, size = [], 0
    for line in text.splitlines(keepends=True):
        size += len(line.encode("utf-8"))
        if size > 1_000_000:
            break
        kept.append(line)
    return "".join(kept)


def _time(old: str, new: str) -> tuple[float, TextDiff]:
    timings = []
    result = None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = diff_texts(old, new)
        timings.append(time.perf_counter() - started)
    assert result is not None
    return statistics.median(timings), result


def run() -> list[Result]:
    rng = random.Random(SEED)
    results = []
    big = _one_megabyte(_japanese(1_000_000))
    for name, old in (("1 MB Japanese", big), ("100k-char Japanese", _japanese(100_000))):
        new = _scatter_edits(old, EDITS, rng)
        seconds, diff = _time(old, new)
        stats = diff.stats()
        results.append(
            Result(
                f"diff {name}, {EDITS} scattered edits",
                round(seconds, 3),
                "s",
                note=f"{len(old):,} chars / {len(old.encode()):,} bytes; {stats.hunks} hunks, "
                f"{stats.moved} moved, {stats.coarse_blocks} blocks kept line-level",
            )
        )
    lines = big.split("\n")
    rewritten = "\n".join(lines[: len(lines) // 2] + ["".join(reversed(line)) for line in lines[len(lines) // 2 :]])
    shuffled = lines[: len(lines) // 2] + rng.sample(lines[len(lines) // 2 :], len(lines) - len(lines) // 2)
    for name, new in (("second half rewritten", rewritten), ("second half's lines shuffled", "\n".join(shuffled))):
        seconds, diff = _time(big, new)
        results.append(
            Result(
                f"diff 1 MB Japanese, {name} (worst case)",
                round(seconds, 3),
                "s",
                note=f"{diff.stats().hunks} hunks, {diff.stats().coarse_blocks} blocks kept line-level",
            )
        )
    return results


if __name__ == "__main__":
    for result in run():
        print(f"{result.name}: {result.value} {result.unit} ({result.note})")
