"""verify_model recomputes sizes and SHA-256 and reports each changed, missing or unexpected file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.tiny_models import build_tiny_marian
from workstation.translate.manifest import ModelError, build_manifest, load_manifest, write_manifest
from workstation.translate.verify import FileProblem, Problem, check_sizes, verify_model

pytestmark = pytest.mark.usefixtures("english")


def fake_model(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(bytes(range(256)) * 4)
    (folder / "source.spm").write_bytes(b"source")
    (folder / "target.spm").write_bytes(b"target")
    (folder / "sub").mkdir()
    for i in range(6):
        (folder / "sub" / f"f{i}.txt").write_text(f"file {i}", encoding="utf-8")
    manifest = build_manifest(folder, id="fake-ja-en", source_lang="ja", target_lang="en", family="marian")
    write_manifest(folder, manifest)
    return folder


def test_clean_model_verifies(tmp_path: Path) -> None:
    folder = fake_model(tmp_path / "m")
    seen: list[str] = []
    report = verify_model(folder, progress=seen.append)
    assert report.ok and report.checked == 9 and report.problems == []
    assert seen == sorted(seen) and len(seen) == 9
    assert str(report.summary()) == "fake-ja-en: OK (9 files checked)"
    report.raise_if_failed()


def test_tampered_real_model_is_detected(tmp_path: Path) -> None:
    folder = build_tiny_marian(tmp_path / "tiny")
    assert verify_model(folder).ok
    data = bytearray((folder / "model.bin").read_bytes())
    data[-10] ^= 0x01
    (folder / "model.bin").write_bytes(bytes(data))
    report = verify_model(folder)
    [problem] = report.problems
    assert problem.name == "model.bin" and problem.problem is Problem.CHANGED
    assert problem.expected is not None and problem.actual is not None
    assert problem.expected.size == problem.actual.size and problem.expected.sha256 != problem.actual.sha256
    assert "SHA-256" in str(problem.describe())
    assert check_sizes(folder, load_manifest(folder)) == [], "same size: only hashing finds it"


def test_every_kind_of_problem_is_reported(tmp_path: Path) -> None:
    folder = fake_model(tmp_path / "m")
    (folder / "source.spm").write_bytes(b"source, longer now")
    (folder / "target.spm").unlink()
    (folder / "sub" / "f1.txt").write_text("file X", encoding="utf-8")
    (folder / "planted.py").write_text("import os", encoding="utf-8")
    report = verify_model(folder)
    assert [(p.name, p.problem) for p in report.problems] == [
        ("source.spm", Problem.CHANGED),
        ("sub/f1.txt", Problem.CHANGED),
        ("target.spm", Problem.MISSING),
        ("planted.py", Problem.UNEXPECTED),
    ]
    assert not report.ok
    assert str(report.summary()) == "fake-ja-en: 4 problem(s)"
    assert str(report.problems[0].describe()) == "source.spm: contents changed (6 → 18 bytes)"
    assert str(report.problems[2].describe()) == "target.spm: file is missing"
    assert str(report.problems[3].describe()) == "planted.py: file not listed in the manifest"
    with pytest.raises(ModelError, match=r"failed verification: source\.spm: contents changed"):
        report.raise_if_failed()


def test_long_problem_lists_are_shortened(tmp_path: Path) -> None:
    folder = fake_model(tmp_path / "m")
    for i in range(6):
        (folder / "sub" / f"f{i}.txt").unlink()
    with pytest.raises(ModelError, match="and 1 more"):
        verify_model(folder).raise_if_failed()


def test_check_sizes_is_a_fast_partial_check(tmp_path: Path) -> None:
    folder = fake_model(tmp_path / "m")
    manifest = load_manifest(folder)
    (folder / "model.bin").write_bytes(b"short")
    (folder / "target.spm").unlink()
    problems = check_sizes(folder, manifest)
    assert [(p.name, p.problem) for p in problems] == [
        ("model.bin", Problem.CHANGED),
        ("target.spm", Problem.MISSING),
    ]
    assert "(1,024 → 5 bytes)" in str(problems[0].describe())


def test_missing_folder_reports_every_file_missing(tmp_path: Path) -> None:
    folder = fake_model(tmp_path / "m")
    manifest = load_manifest(folder)
    report = verify_model(tmp_path / "gone", manifest)
    assert {p.problem for p in report.problems} == {Problem.MISSING} and len(report.problems) == 9
    assert isinstance(report.problems[0], FileProblem)
