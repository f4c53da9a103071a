"""Shared pieces of the benchmarks: results, machine description, subprocess runs with peak memory."""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
CACHE = Path(os.environ.get("WORKSTATION_BENCH_CACHE", REPO / "build" / "cache" / "bench"))


@dataclass
class Result:
    """One measured number; ``ratio`` is ours divided by the peer's (>1 means we are better)."""

    name: str
    value: float
    unit: str
    peer: str | None = None
    peer_value: float | None = None
    ratio: float | None = None
    note: str = ""


def ratio_higher_is_better(ours: float, peer: float) -> float:
    return round(ours / peer, 2) if peer else float("inf")


def ratio_lower_is_better(ours: float, peer: float) -> float:
    return round(peer / ours, 2) if ours else float("inf")


def machine() -> dict[str, object]:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def run_measured(
    args: list[str], *, env: dict[str, str] | None = None, stdin: str | None = None
) -> tuple[str, float, float]:
    """Run a command; return (stdout, wall seconds, peak RSS of that child in MiB, from ``wait4``)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        args,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    with ThreadPoolExecutor(2) as pool:
        out = pool.submit(process.stdout.read)  # type: ignore[union-attr]
        err = pool.submit(process.stderr.read)  # type: ignore[union-attr]
        if stdin is not None:
            process.stdin.write(stdin)  # type: ignore[union-attr]
            process.stdin.close()  # type: ignore[union-attr]
        _, status, usage = os.wait4(process.pid, 0)
        stdout, stderr = out.result(), err.result()
    process.returncode = code = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    peak = usage.ru_maxrss / 1024
    if code not in (0, 1):
        raise RuntimeError(f"{args[0]} failed ({code}): {stderr[-2000:]}")
    return stdout, elapsed, peak


def python_worker(module: str, *args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    """Run ``python -m module args`` in a fresh process and parse the JSON it prints last."""
    stdout, _, _ = run_measured([sys.executable, "-m", module, *args], env=env)
    return json.loads(stdout.strip().splitlines()[-1])


def peak_rss_mib() -> float:
    """Peak resident memory of this process in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def japanese_lines(limit: int | None = None, *, split: str = "train.tsv") -> list[str]:
    lines = []
    with (CORPUS / split).open(encoding="utf-8") as handle:
        for row in handle:
            japanese = row.split("\t", 1)[0].strip()
            if japanese:
                lines.append(japanese)
            if limit and len(lines) >= limit:
                break
    return lines


def japanese_document(characters: int) -> str:
    """A document of about ``characters`` characters built from corpus sentences, five sentences a paragraph."""
    paragraphs: list[str] = []
    sentences: list[str] = []
    total = 0
    for line in japanese_lines(split="train.tsv"):
        sentences.append(line)
        total += len(line)
        if len(sentences) == 5:
            paragraphs.append("".join(sentences))
            sentences = []
            total += 1
        if total >= characters:
            break
    if sentences:
        paragraphs.append("".join(sentences))
    return "\n".join(paragraphs) + "\n"


def write_reports(results: list[Result], out_dir: Path, markdown_path: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    payload = {"machine": machine(), "results": [asdict(r) for r in results]}
    (out_dir / "results.json").write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    info = payload["machine"]
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {info['date']}: {info['cpu']}, {info['cores']} cores, Python {info['python']}.",
        "Ratios are ours relative to the peer: above 1 means the workstation is faster (or smaller).",
        "",
        "| benchmark | ours | unit | peer | peer's | ratio | note |",
        "|---|---:|---|---|---:|---:|---|",
    ]
    for r in results:
        peer_value = "" if r.peer_value is None else f"{r.peer_value:,.3g}"
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}×"
        lines.append(f"| {r.name} | {r.value:,.4g} | {r.unit} | {r.peer or ''} | {peer_value} | {ratio} | {r.note} |")
    markdown_path.parent.mkdir(parents=True, exist_ok=True)
    markdown_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
