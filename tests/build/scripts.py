"""Load the packaging scripts under ``build/`` (a folder of scripts, not a package; ``build`` is also a PyPI name)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BUILD_DIR = Path(__file__).resolve().parents[2] / "build"


def load_script(name: str) -> ModuleType:
    """Import ``build/<name>.py`` as module ``name`` (cached in ``sys.modules``, as the scripts import each other)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BUILD_DIR / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
