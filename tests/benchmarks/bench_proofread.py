"""Proofreading: ``workstation check`` against textlint's Japanese presets on the same ~100k-character document."""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from tests.benchmarks.common import (
    CACHE,
    Result,
    japanese_document,
    ratio_higher_is_better,
    run_measured,
)
from tests.benchmarks.textlint_peer import textlint_command, textlint_version

DOCUMENT_CHARS = 100_000
RUNS = 3


def _document() -> tuple[Path, str]:
    text = japanese_document(DOCUMENT_CHARS)
    path = CACHE / "proofread-100k.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, text


def _best_of(command: list[str]) -> tuple[float, float, str]:
    timings, peaks, output = [], [], ""
    for _ in range(RUNS):
        output, elapsed, peak = run_measured(command)
        timings.append(elapsed)
        peaks.append(peak)
    return min(timings), max(peaks), output


def _incremental_latency(text: str) -> float:
    """Median seconds to re-check after editing one paragraph, through the editor's incremental path."""
    from workstation.proofread import Checker, CheckSession

    session = CheckSession(Checker())
    session.update(text)
    paragraphs = text.split("\n")
    samples = []
    for index in range(0, min(len(paragraphs) - 1, 200), 10):
        edited = paragraphs.copy()
        edited[index] = edited[index].replace("。", "、。", 1) + "追記"
        started = time.perf_counter()
        session.update("\n".join(edited))
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def run() -> list[Result]:
    path, text = _document()
    ours, ours_peak, ours_output = _best_of([sys.executable, "-m", "workstation", "check", "--format", "json", str(path)])
    theirs, theirs_peak, theirs_output = _best_of(textlint_command(path))
    ours_cps = len(text) / ours
    theirs_cps = len(text) / theirs
    our_issues = len(json.loads(ours_output)["issues"])
    their_issues = sum(len(item["messages"]) for item in json.loads(theirs_output))
    note = f"{len(text):,} chars; whole command, best of {RUNS}; issues: ours {our_issues}, textlint {their_issues}"
    results = [
        Result("proofread throughput", ours_cps, "chars/s", f"textlint {textlint_version()}", theirs_cps,
               ratio_higher_is_better(ours_cps, theirs_cps), note),
        Result("proofread peak memory", ours_peak, "MiB", "textlint", theirs_peak,
               ratio_higher_is_better(theirs_peak, ours_peak)),
        Result("incremental re-check after one paragraph edit", _incremental_latency(text) * 1000, "ms",
               note="median, editor path (CheckSession.update)"),
    ]
    return results
