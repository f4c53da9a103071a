"""The bundle size report: components, models counted apart, symlinks not counted twice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.build.scripts import load_script

size_report = load_script("size_report")


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    root = tmp_path / "workstation"
    files = {
        "workstation": 200,
        "_internal/unidic_lite/dicdir/sys.dic": 1000,
        "_internal/models/builtin-ja-en/model.bin": 500,
        "_internal/models/builtin-en-ja/model.bin": 400,
        "_internal/PySide6/Qt/lib/libQt6Core.so.6": 300,
        "_internal/libfoo.so.1": 100,
        "_internal/resources/proofread/profiles/koyobun.toml": 10,
    }
    for name, size in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)
    os.symlink("PySide6/Qt/lib/libQt6Core.so.6", root / "_internal" / "libQt6Core.so.6")
    return root


def test_components_and_models(bundle: Path) -> None:
    components = size_report.measure(bundle)
    assert components["models"].size == 900
    assert components["models"].parts == {"builtin-ja-en": 500, "builtin-en-ja": 400}
    assert components["UniDic dictionary (unidic-lite)"].size == 1000
    assert components["Qt (PySide6, Qt libraries, plugins)"].size == 300  # the symlink is not counted again
    assert components["system libraries"].size == 100
    assert components["program + pure-Python modules"].size == 200
    assert components["resources"].size == 10


def test_markdown_table_with_zipped_sizes(bundle: Path) -> None:
    components = size_report.measure(bundle, compressed=True)
    assert 0 < components["models"].compressed < components["models"].size  # b"xxx…" compresses well
    lines = size_report.render(size_report.table_rows(components, compressed=True), markdown=True).splitlines()
    assert lines[0] == "| component | files | size | share | zipped |"
    assert "| ↳ builtin-ja-en |  | 0.0 MB |  |  |" in lines
    assert lines[-2].startswith("| total, with models |") and lines[-1].startswith("| total, without models |")
    assert all(line.count("|") == 6 for line in lines)


def test_numbers_in_megabytes(tmp_path: Path) -> None:
    root = tmp_path / "b" / "_internal"
    (root / "models" / "m").mkdir(parents=True)
    (root / "models" / "m" / "model.bin").write_bytes(b"\0" * 3_000_000)
    (root / "libbar.so").write_bytes(b"\0" * 1_000_000)
    rows = size_report.table_rows(size_report.measure(tmp_path / "b"), compressed=False)
    totals = {row[0]: row[2] for row in rows}
    assert totals["total, with models"] == "4.0 MB"
    assert totals["total, without models"] == "1.0 MB"
    assert totals["  ↳ m"] == "3.0 MB"
