"""Size of the built one-folder application, by component, with and without the bundled models.

    python build/size_report.py [dist/workstation] [--markdown] [--compressed]

Counts regular files only (PyInstaller's symlinks are not counted twice). ``--compressed`` adds what each component
takes when zipped (deflate level 6), a fair guess for the installer and for copying by USB.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = "models"

COMPONENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (MODELS, ("models/*",)),
    ("UniDic dictionary (unidic-lite)", ("unidic_lite/*",)),
    ("Qt (PySide6, Qt libraries, plugins)", ("PySide6/*", "shiboken6/*", "libQt6*", "libicu*", "libpyside6*")),
    ("CTranslate2 (+ OpenMP)", ("ctranslate2*",)),
    ("SentencePiece", ("sentencepiece*",)),
    ("fugashi + MeCab", ("fugashi*",)),
    ("NumPy", ("numpy*",)),
    ("Python runtime", ("libpython*", "python3*/*", "base_library.zip", "lib-dynload/*")),
    ("program + pure-Python modules", ("workstation", "workstation.exe", "workstationw.exe", "workstation/*")),
    ("resources", ("resources/*",)),
    ("other Python packages", ("cryptography*", "lxml*", "yaml*", "_yaml*", "rapidfuzz*", "charset_normalizer*",
                               "docx*", "cffi*", "_cffi*", "*.dist-info/*", "*.pyd")),
    ("system libraries", ("*.so*", "*.dll")),
)  # fmt: skip
OTHER = "other"


@dataclass
class Component:
    name: str
    size: int = 0
    files: int = 0
    compressed: int = 0
    parts: dict[str, int] = field(default_factory=dict)


def data_root(bundle: Path) -> Path:
    """Where PyInstaller 6 puts everything but the executables (``_internal``), or the bundle itself."""
    internal = bundle / "_internal"
    return internal if internal.is_dir() else bundle


def regular_files(folder: Path) -> Iterator[Path]:
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            path = Path(dirpath) / name
            if not path.is_symlink():
                yield path


def classify(relative: str) -> str:
    for name, patterns in COMPONENTS:
        if any(fnmatch.fnmatch(relative, pattern) for pattern in patterns):
            return name
    return OTHER


def compressed_size(path: Path) -> int:
    compressor = zlib.compressobj(6)
    total = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            total += len(compressor.compress(chunk))
    return total + len(compressor.flush())


def measure(bundle: Path, *, compressed: bool = False) -> dict[str, Component]:
    components = {name: Component(name) for name, _ in COMPONENTS}
    components[OTHER] = Component(OTHER)
    root = data_root(bundle)
    for path in regular_files(bundle):
        relative = path.relative_to(root if path.is_relative_to(root) else bundle).as_posix()
        component = components[classify(relative)]
        size = path.stat().st_size
        component.size += size
        component.files += 1
        if compressed:
            component.compressed += compressed_size(path)
        if component.name == MODELS:
            model = relative.split("/")[1] if "/" in relative else relative
            component.parts[model] = component.parts.get(model, 0) + size
    return {name: c for name, c in components.items() if c.files}


def _mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def table_rows(components: dict[str, Component], *, compressed: bool) -> list[list[str]]:
    """Header, one row per component (largest first, each model under ``models``), then the two totals."""
    total = sum(c.size for c in components.values())
    models = components.get(MODELS, Component(MODELS))
    rows = [["component", "files", "size", "share"] + (["zipped"] if compressed else [])]
    for c in sorted(components.values(), key=lambda c: -c.size):
        rows.append([c.name, str(c.files), _mb(c.size), f"{100 * c.size / total:.0f} %"])
        rows[-1] += [_mb(c.compressed)] if compressed else []
        for model, size in sorted(c.parts.items()):
            rows.append([f"  ↳ {model}", "", _mb(size), ""] + ([""] if compressed else []))
    packed_total = sum(c.compressed for c in components.values())
    for label, size, packed in (
        ("total, with models", total, packed_total),
        ("total, without models", total - models.size, packed_total - models.compressed),
    ):
        rows.append([label, "", _mb(size), ""] + ([_mb(packed)] if compressed else []))
    return rows


def render(rows: list[list[str]], *, markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
        lines += ["| " + " | ".join(cell.replace("  ↳", "↳") for cell in row) + " |" for row in rows[1:]]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        row[0].ljust(widths[0])
        + "".join(cell.rjust(width + 2) for cell, width in zip(row[1:], widths[1:], strict=True))
        for row in rows
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / "workstation")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table for the README")
    parser.add_argument("--compressed", action="store_true", help="also measure the zipped size (slower)")
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    args = parser.parse_args()
    if not args.bundle.is_dir():
        parser.error(f"no bundle at {args.bundle}; build it with `make dist`")
    components = measure(args.bundle, compressed=args.compressed)
    print(render(table_rows(components, compressed=args.compressed), markdown=args.markdown))
    if args.json:
        args.json.write_text(
            json.dumps({name: vars(c) for name, c in components.items()}, indent=2, ensure_ascii=False)
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
