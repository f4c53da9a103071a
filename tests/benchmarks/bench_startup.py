"""Start-up to the first window shown, and resident memory once the built-in models are loaded."""

from __future__ import annotations

import json
import statistics
import sys
import time

from tests.benchmarks.common import Result, run_measured

RUNS = 5

SHOW_WINDOW = """
import os, sys, time
from workstation.gui.app import create_application
app = create_application()
from workstation.gui.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
print(json.dumps({"seconds": time.time() - float(os.environ["BENCH_T0"])}))
"""

LOAD_MODELS = """
import json
from pathlib import Path
from workstation.translate.engine import TranslationEngine
from workstation.translate.registry import ModelRegistry
registry = ModelRegistry()
engines = [TranslationEngine(registry.default_for(s, t)) for s, t in (("ja", "en"), ("en", "ja"))]
engines[0].translate_sentences(["おはようございます。"])
engines[1].translate_sentences(["Good morning."])
rss = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmRSS"))
print(json.dumps({"rss_mib": int(rss.split()[1]) / 1024, "models": [e.model_id for e in engines]}))
"""


def _child(code: str) -> dict[str, object]:
    env = {"BENCH_T0": repr(time.time()), "QT_QPA_PLATFORM": "offscreen"}
    stdout, _, _ = run_measured([sys.executable, "-c", "import json\n" + code], env=env)
    return json.loads(stdout.strip().splitlines()[-1])


def run() -> list[Result]:
    first = float(_child(SHOW_WINDOW)["seconds"])
    warm = [float(_child(SHOW_WINDOW)["seconds"]) for _ in range(RUNS)]
    loaded = _child(LOAD_MODELS)
    return [
        Result("start-up to first window shown", statistics.median(warm), "s",
               note=f"median of {RUNS} after a first run of {first:.2f} s; interpreter start included, offscreen"),
        Result("resident memory, both built-in models loaded", float(loaded["rss_mib"]), "MiB",
               note="after one translation each way: " + ", ".join(map(str, loaded["models"]))),
    ]
