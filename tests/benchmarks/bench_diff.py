"""Diff: ``workstation diff`` against ``git diff --word-diff`` on documents with scattered edits."""

from __future__ import annotations

import difflib
import random
import shutil
import statistics
import sys
import time

from tests.benchmarks.common import CACHE, Result, japanese_document, ratio_lower_is_better, run_measured

EDIT_SHARE = 0.01
RUNS = 3


def _edited(text: str, share: float, seed: int = 7) -> str:
    """Edit about ``share`` of the sentences (five a paragraph): a word replaced, inserted or deleted."""
    rng = random.Random(seed)
    lines = text.split("\n")
    for index in rng.sample(range(len(lines)), max(1, int(len(lines) * share * 5))):
        line = lines[index]
        if len(line) < 4:
            continue
        at = rng.randrange(1, len(line) - 2)
        action = rng.choice(("replace", "insert", "delete"))
        if action == "replace":
            line = line[:at] + "改訂" + line[at + 2 :]
        elif action == "insert":
            line = line[:at] + "（追記）" + line[at:]
        else:
            line = line[:at] + line[at + 2 :]
        lines[index] = line
    return "\n".join(lines)


def _difflib(old: str, new: str) -> None:
    """What a plain Python tool does: difflib on lines, then on characters inside replaced lines."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace":
            for a, b in zip(old_lines[i1:i2], new_lines[j1:j2], strict=False):
                difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _median_seconds(call) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _in_process(old: str, new: str) -> tuple[float, int, str]:
    from workstation.diff.engine import diff_texts

    diff = diff_texts(old, new)
    granularities = sorted({block.granularity for block in diff.blocks})
    return _median_seconds(lambda: diff_texts(old, new)), len(diff.hunks), ",".join(granularities)


def _command_best(args: list[str]) -> float:
    return min(run_measured(args)[1] for _ in range(RUNS))


def _case(label: str, characters: int) -> list[Result]:
    old = japanese_document(characters)
    new = _edited(old, EDIT_SHARE)
    folder = CACHE / "diff"
    folder.mkdir(parents=True, exist_ok=True)
    old_path, new_path = folder / f"{label}-old.txt", folder / f"{label}-new.txt"
    old_path.write_text(old, encoding="utf-8")
    new_path.write_text(new, encoding="utf-8")
    seconds, hunks, granularity = _in_process(old, new)
    size = f"{len(old):,} chars ({len(old.encode()) / 1e6:.1f} MB), {hunks} hunks, granularity {granularity}"
    peer = _median_seconds(lambda: _difflib(old, new))
    results = [
        Result(f"diff {label} (in process)", seconds * 1000, "ms", "difflib lines + characters", peer * 1000,
               ratio_lower_is_better(seconds, peer), size)
    ]
    ours = _command_best([sys.executable, "-m", "workstation", "diff", "--format", "json", str(old_path), str(new_path)])
    if shutil.which("git"):
        git = [
            "git", "diff", "--no-index", "--no-color", "--word-diff=porcelain", "--word-diff-regex=.",
            str(old_path), str(new_path),
        ]
        theirs = _command_best(git)
        results.append(Result(f"diff {label} (whole command)", ours, "s", "git diff --word-diff (characters)",
                              theirs, ratio_lower_is_better(ours, theirs), "startup included, best of 3"))
    else:
        results.append(Result(f"diff {label} (whole command)", ours, "s", note="git not installed"))
    return results


def run() -> list[Result]:
    return _case("100k chars, 1% of sentences edited", 100_000) + _case("1 MB, 1% of sentences edited", 350_000)
