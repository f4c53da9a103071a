"""Build the program's wheel with its resources and chosen models inside, for the offline wheelhouse.

A plain ``pip wheel .`` holds only code: ``models/`` and ``resources/`` live beside the package in the repository.
This script stages a copy of the source tree with both folders under ``workstation/_data/`` (where
``workstation.paths.install_root()`` finds them in an installed wheel), builds the wheel from it with pip, and checks
that the wheel really carries every shipped file. ``WORKSTATION_BUNDLE_MODELS`` picks the models, as for the bundle.

    python build/build_wheel.py --out dist/wheelhouse
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / "build" / "work" / "wheel-src"
DATA_DIR = (
    "_data"  # workstation.paths.WHEEL_DATA_DIR (not imported: this runs before the package is installed)
)
PACKAGE_DATA_LINE = 'workstation = ["py.typed"]'


def _bundle_contents():
    spec = importlib.util.spec_from_file_location(
        "bundle_contents", Path(__file__).with_name("bundle_contents.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def stage_source(stage: Path = STAGE, root: Path = ROOT) -> list[str]:
    """Copy the buildable tree to ``stage`` with the shipped files under ``workstation/_data``; return their names."""
    contents = _bundle_contents()
    shipped = contents.shipped_files(root)
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    for name in ("README.md", "LICENSE"):
        if (root / name).is_file():
            shutil.copy2(root / name, stage / name)
    shutil.copytree(
        root / "workstation",
        stage / "workstation",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", DATA_DIR),
    )
    data_root = stage / "workstation" / DATA_DIR
    for item in shipped:
        target = data_root / item.target
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(item.source, target)
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    if pyproject.count(PACKAGE_DATA_LINE) != 1:
        raise SystemExit(
            f"pyproject.toml: expected the line {PACKAGE_DATA_LINE!r} under [tool.setuptools.package-data]"
        )
    staged = pyproject.replace(PACKAGE_DATA_LINE, f'workstation = ["py.typed", "{DATA_DIR}/**/*"]')
    tomllib.loads(staged)
    (stage / "pyproject.toml").write_text(staged, encoding="utf-8")
    return [f"workstation/{DATA_DIR}/{item.target.as_posix()}" for item in shipped]


def build_wheel(out_dir: Path, stage: Path = STAGE) -> Path:
    """Build the wheel into ``out_dir`` and check that it holds every shipped file; return its path."""
    expected = stage_source(stage)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("workstation-*.whl"):
        old.unlink()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "--wheel-dir",
            str(out_dir),
            str(stage),
        ],
        check=True,
    )
    wheels = sorted(out_dir.glob("workstation-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"expected one workstation wheel in {out_dir}, found {[w.name for w in wheels]}")
    with zipfile.ZipFile(wheels[0]) as archive:
        missing = sorted(set(expected) - set(archive.namelist()))
    if missing:
        raise SystemExit(f"{wheels[0].name} lacks {len(missing)} shipped files, e.g. {missing[:3]}")
    shutil.rmtree(stage)
    return wheels[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "wheelhouse", help="folder for the wheel")
    args = parser.parse_args()
    wheel = build_wheel(args.out.resolve())
    print(f"{wheel} ({wheel.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
