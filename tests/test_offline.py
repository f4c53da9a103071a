"""The offline guarantee: every flow runs with the network patched to fail loudly, and none tries it."""

from __future__ import annotations

import ast
import json
import socket
import zipfile
from pathlib import Path

import pytest

import workstation
from tests.helpers.network_guard import NetworkAttempt, network_blocked
from tests.helpers.tiny_models import build_tiny_marian

PACKAGE = Path(workstation.__file__).parent
NETWORK_MODULES = {
    "socket", "ssl", "http", "urllib.request", "urllib3", "requests", "httpx", "aiohttp", "ftplib", "smtplib",
    "poplib", "imaplib", "telnetlib", "xmlrpc", "asyncio", "websocket", "websockets", "huggingface_hub",
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_imports_a_network_library() -> None:
    offenders = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in PACKAGE.rglob("*.py")
        for name in _imports(path)
        if name in NETWORK_MODULES or name.split(".")[0] in NETWORK_MODULES - {"urllib"}
    }
    assert not offenders


def test_the_guard_itself_catches_connections_and_lookups(monkeypatch) -> None:
    with network_blocked(monkeypatch) as attempts:
        with pytest.raises(NetworkAttempt):
            socket.create_connection(("192.0.2.1", 80))
        with pytest.raises(NetworkAttempt):
            socket.getaddrinfo("example.invalid", 443)
        with pytest.raises(NetworkAttempt):
            socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert len(attempts) == 3


@pytest.fixture(scope="module")
def argos_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real .argosmodel archive wrapping a tiny CTranslate2 model."""
    root = tmp_path_factory.mktemp("argos")
    model = build_tiny_marian(root / "tiny")
    package = root / "translate-ja_en.argosmodel"
    with zipfile.ZipFile(package, "w") as archive:
        folder = "translate-ja_en-1_0"
        metadata = {"package_version": "1.0", "from_code": "ja", "to_code": "en", "from_name": "Japanese",
                    "to_name": "English"}
        archive.writestr(f"{folder}/metadata.json", json.dumps(metadata))
        archive.write(model / "source.spm", f"{folder}/sentencepiece.model")
        for item in model.iterdir():
            if item.name not in {"workstation-model.json", "source.spm", "target.spm"}:
                archive.write(item, f"{folder}/model/{item.name}")
    return package


def test_full_flows_make_no_network_attempt(monkeypatch, tmp_path: Path, argos_package: Path) -> None:
    from workstation.cli import main
    from workstation.diff.engine import diff_texts
    from workstation.io.text import read_text, write_text
    from workstation.proofread import Checker, apply_fixes
    from workstation.translate.engine import TranslationEngine
    from workstation.translate.importing import import_model
    from workstation.translate.registry import ModelRegistry

    source = tmp_path / "cable.txt"
    source.write_text("件名：会議について\n\n本日、会議を開催しました。次回は５月に開催します。\n", encoding="utf-8")
    with network_blocked(monkeypatch) as attempts:
        installed = import_model(argos_package)
        model = ModelRegistry().get(installed.manifest.id)
        engine = TranslationEngine(model, threads=1)
        translation = engine.translate_document(read_text(source).text)
        assert translation.segments
        checker = Checker()
        text = "会議を開催しましたした。"
        fixed = apply_fixes(text, checker.check(text))
        assert diff_texts(text, fixed) is not None
        write_text(tmp_path / "out.txt", translation.text)
        assert main(["translate", "-m", installed.manifest.id, str(source), "-o", str(tmp_path / "cli.txt")]) == 0
        assert main(["check", "--format", "json", str(source)]) in (0, 1)
        assert main(["diff", str(source), str(tmp_path / "out.txt"), "-o", str(tmp_path / "d.html"),
                     "--format", "html"]) in (0, 1)
        assert main(["models", "verify", installed.manifest.id]) == 0
    assert attempts == []
