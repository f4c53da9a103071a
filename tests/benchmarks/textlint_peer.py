"""textlint with its Japanese presets, installed from the npm registry into the benchmark cache."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.benchmarks.common import CACHE

PACKAGES = ("textlint", "textlint-rule-preset-ja-technical-writing", "textlint-rule-preset-japanese")
CONFIG = {"rules": {"preset-ja-technical-writing": True, "preset-japanese": True}}


def textlint_dir() -> Path:
    return CACHE / "textlint"


def ensure_textlint() -> Path:
    """Install textlint and the presets once; return the textlint executable."""
    folder = textlint_dir()
    executable = folder / "node_modules" / ".bin" / "textlint"
    if not executable.exists():
        if shutil.which("npm") is None:
            raise RuntimeError("npm is not installed; textlint cannot be benchmarked")
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / "package.json").exists():
            (folder / "package.json").write_text('{"name": "bench-textlint", "private": true}\n', encoding="utf-8")
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", *PACKAGES], cwd=folder, check=True
        )
    (folder / ".textlintrc.json").write_text(json.dumps(CONFIG), encoding="utf-8")
    return executable


def textlint_command(document: Path) -> list[str]:
    folder = textlint_dir()
    return [str(ensure_textlint()), "--config", str(folder / ".textlintrc.json"), "--format", "json", str(document)]


def textlint_version() -> str:
    return subprocess.run([str(ensure_textlint()), "--version"], capture_output=True, text=True, check=True).stdout.strip()
