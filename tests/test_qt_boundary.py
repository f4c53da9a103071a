"""Only workstation/gui may import Qt: engines must run in the CLI, tests and batch jobs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import workstation
from tests.helpers.qt_boundary import qt_imports_outside_gui

PACKAGE = Path(workstation.__file__).parent


def test_no_qt_import_outside_gui() -> None:
    assert qt_imports_outside_gui(PACKAGE) == []


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6\n",
        "from PySide6.QtCore import QObject\n",
        "def f():\n    import shiboken6\n",
        "import importlib\nimportlib.import_module('PySide6.QtWidgets')\n",
    ],
)
def test_boundary_check_catches_a_qt_import_in_core(tmp_path: Path, source: str) -> None:
    package = tmp_path / "workstation"
    (package / "core").mkdir(parents=True)
    (package / "gui").mkdir()
    (package / "gui" / "window.py").write_text("import PySide6\n", encoding="utf-8")
    (package / "core" / "sneaky.py").write_text(source, encoding="utf-8")
    assert [v.split(":")[0] for v in qt_imports_outside_gui(package)] == ["core/sneaky.py"]


def test_engines_import_without_loading_qt() -> None:
    modules = [
        f"workstation.{p.relative_to(PACKAGE).with_suffix('').as_posix().replace('/', '.')}"
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0] != "gui" and p.name != "__main__.py"
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {sorted(m.removesuffix('.__init__') for m in modules)!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
