"""Check a model folder against its manifest: every listed file present with the same size and SHA-256."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from workstation.i18n import Text
from workstation.translate.manifest import (
    FileEntry,
    ModelError,
    ModelManifest,
    hash_file,
    iter_model_files,
    load_manifest,
)

__all__ = ["FileProblem", "Problem", "VerifyReport", "check_sizes", "verify_model"]


class Problem(Enum):
    MISSING = "missing"
    CHANGED = "changed"
    UNEXPECTED = "unexpected"


_PROBLEM_TEXT = {
    Problem.MISSING: Text("ファイルがありません", "file is missing"),
    Problem.CHANGED: Text("内容が変更されています", "contents changed"),
    Problem.UNEXPECTED: Text("定義ファイルにないファイルです", "file not listed in the manifest"),
}


@dataclass(frozen=True)
class FileProblem:
    """One file that does not match the manifest."""

    name: str
    problem: Problem
    expected: FileEntry | None = None
    actual: FileEntry | None = None

    def describe(self) -> Text:
        text = _PROBLEM_TEXT[self.problem]
        detail = ""
        if self.problem is Problem.CHANGED and self.expected and self.actual:
            if self.expected.size != self.actual.size:
                detail = f" ({self.expected.size:,} → {self.actual.size:,} bytes)"
            else:
                detail = f" (SHA-256 {self.expected.sha256[:12]}… → {self.actual.sha256[:12]}…)"
        return Text(f"{self.name}: {text.ja}{detail}", f"{self.name}: {text.en}{detail}")


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of checking one model folder."""

    model_id: str
    path: Path
    checked: int
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> Text:
        if self.ok:
            return Text(
                f"{self.model_id}: OK ({self.checked} ファイルを確認)",
                f"{self.model_id}: OK ({self.checked} files checked)",
            )
        return Text(
            f"{self.model_id}: {len(self.problems)} 件の問題があります",
            f"{self.model_id}: {len(self.problems)} problem(s)",
        )

    def raise_if_failed(self) -> None:
        if self.ok:
            return
        listing_ja = "; ".join(problem.describe().ja for problem in self.problems[:5])
        listing_en = "; ".join(problem.describe().en for problem in self.problems[:5])
        more = len(self.problems) - 5
        if more > 0:
            listing_ja += f"; ほか {more} 件"
            listing_en += f"; and {more} more"
        raise ModelError(
            Text(
                f"モデル {self.model_id} ({self.path}) の検証に失敗しました: {listing_ja}",
                f"Model {self.model_id} ({self.path}) failed verification: {listing_en}",
            )
        )


def verify_model(
    path: Path,
    manifest: ModelManifest | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> VerifyReport:
    """Recompute size and SHA-256 of every file under ``path`` and compare with the manifest.

    Reports each changed, missing or unexpected file (the manifest itself excluded). ``progress`` is called
    with each file name before it is hashed.
    """
    path = Path(path)
    manifest = manifest or load_manifest(path)
    present = set(iter_model_files(path)) if path.is_dir() else set()
    problems: list[FileProblem] = []
    for name, expected in sorted(manifest.files.items()):
        file_path = path / name
        if name not in present or not file_path.is_file():
            problems.append(FileProblem(name, Problem.MISSING, expected=expected))
            continue
        if progress is not None:
            progress(name)
        try:
            actual = hash_file(file_path)
        except OSError:
            problems.append(FileProblem(name, Problem.MISSING, expected=expected))
            continue
        if actual != expected:
            problems.append(FileProblem(name, Problem.CHANGED, expected=expected, actual=actual))
    for name in sorted(present - set(manifest.files)):
        problems.append(FileProblem(name, Problem.UNEXPECTED))
    return VerifyReport(manifest.id, path, len(manifest.files), problems)


def check_sizes(path: Path, manifest: ModelManifest) -> list[FileProblem]:
    """A fast check (no hashing): every listed file exists with its recorded size."""
    problems: list[FileProblem] = []
    for name, expected in sorted(manifest.files.items()):
        try:
            size = (Path(path) / name).stat().st_size
        except OSError:
            problems.append(FileProblem(name, Problem.MISSING, expected=expected))
            continue
        if size != expected.size:
            problems.append(FileProblem(name, Problem.CHANGED, expected=expected, actual=FileEntry(size, "")))
    return problems
