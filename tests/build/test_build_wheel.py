"""The wheel's staging: resources and models go under ``workstation/_data``, where an installed wheel finds them."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from tests.build.scripts import BUILD_DIR, load_script
from tests.build.test_bundle_contents import _model

build_wheel = load_script("build_wheel")
REPO = BUILD_DIR.parent


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "workstation").mkdir(parents=True)
    (root / "workstation" / "__init__.py").write_text('__version__ = "0"\n', encoding="utf-8")
    (root / "workstation" / "__pycache__").mkdir()
    shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
    (root / "README.md").write_text("# readme\n", encoding="utf-8")
    (root / "resources" / "proofread").mkdir(parents=True)
    (root / "resources" / "proofread" / "koyobun.toml").write_text("[rules]\n", encoding="utf-8")
    _model(root, "ja-en", {"model.bin": b"w"}, {"checkpoint.pt": b"big"})
    return root


def test_staging_puts_shipped_files_under_the_package_data_folder(
    tree: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.delenv("WORKSTATION_BUNDLE_MODELS", raising=False)
    stage = tmp_path / "stage"
    expected = build_wheel.stage_source(stage, tree)
    data = stage / "workstation" / "_data"
    assert (data / "resources" / "proofread" / "koyobun.toml").is_file()
    assert (data / "models" / "ja-en" / "model.bin").read_bytes() == b"w"
    assert not (data / "models" / "ja-en" / "checkpoint.pt").exists()
    assert not (stage / "workstation" / "__pycache__").exists()
    assert "workstation/_data/models/ja-en/model.bin" in expected
    package_data = tomllib.loads((stage / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert package_data["package-data"]["workstation"] == ["py.typed", "_data/**/*"]


def test_the_data_folder_name_is_the_one_the_program_looks_for() -> None:
    from workstation.paths import WHEEL_DATA_DIR

    assert build_wheel.DATA_DIR == WHEEL_DATA_DIR


def test_an_installed_wheel_finds_its_data_folder(tmp_path: Path, monkeypatch) -> None:
    import workstation.paths as paths

    package = tmp_path / "site-packages" / "workstation"
    (package / "_data" / "resources").mkdir(parents=True)
    monkeypatch.setattr(paths, "__file__", str(package / "paths.py"))
    assert paths.install_root() == package / "_data"
    assert paths.resources_dir() == package / "_data" / "resources"


def test_the_repository_is_the_root_when_there_is_no_data_folder(tmp_path: Path, monkeypatch) -> None:
    import workstation.paths as paths

    package = tmp_path / "repo" / "workstation"
    package.mkdir(parents=True)
    monkeypatch.setattr(paths, "__file__", str(package / "paths.py"))
    assert paths.install_root() == tmp_path / "repo"
