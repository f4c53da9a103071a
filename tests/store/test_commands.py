from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workstation.cli import main
from workstation.paths import user_config_dir, user_data_dir, user_log_dir, user_models_dir
from workstation.store.memory import TranslationMemory, default_memory_path
from workstation.store.sessions import default_sessions_path


def _fill(home: Path) -> None:
    # A program that autosaved and then died, leaving text to recover.
    crashed = "from workstation.store.sessions import SessionStore\ns = SessionStore()\ns.autosave('k', '自動保存された本文')"
    subprocess.run([sys.executable, "-c", crashed], check=True)
    with TranslationMemory() as memory:
        memory.add("公電", "cable", "ja", "en")
    (user_models_dir() / "my-model").mkdir()
    (user_models_dir() / "my-model" / "model.bin").write_bytes(b"weights")
    (user_config_dir() / "settings.ini").write_text("[ui]\nlang=ja\n")
    (user_log_dir() / "workstation.log.1").write_text("old log")


def test_where_prints_every_location(capsys: pytest.CaptureFixture[str], workstation_home: Path) -> None:
    assert main(["--lang", "en", "data", "where"]) == 0
    out = capsys.readouterr().out
    for path in (user_data_dir(), default_sessions_path(), default_memory_path(), user_config_dir(), user_log_dir()):
        assert str(path) in out
    assert "translation memory" in out and "log file" in out


def test_wipe_removes_sessions_memory_and_logs_but_keeps_models_and_settings(
    capsys: pytest.CaptureFixture[str], workstation_home: Path
) -> None:
    _fill(workstation_home)
    assert main(["--lang", "en", "data", "wipe", "--yes"]) == 0
    assert "Deleted" in capsys.readouterr().out
    assert not default_sessions_path().exists() and not default_memory_path().exists()
    for suffix in ("-wal", "-shm"):
        assert not default_sessions_path().with_name(default_sessions_path().name + suffix).exists()
    assert list(user_log_dir().iterdir()) == []
    assert (user_models_dir() / "my-model" / "model.bin").exists()
    assert (user_config_dir() / "settings.ini").exists()
    assert [path.name for path in user_data_dir().iterdir()] == ["models"]
    with TranslationMemory() as memory:
        assert len(memory) == 0


def test_wipe_with_models_and_settings_removes_everything(workstation_home: Path) -> None:
    _fill(workstation_home)
    assert main(["data", "wipe", "--yes", "--models", "--settings"]) == 0
    assert list(user_data_dir().iterdir()) == [] or [p.name for p in user_data_dir().iterdir()] == ["models"]
    assert not (user_models_dir() / "my-model").exists()
    assert list(user_config_dir().iterdir()) == []


def test_wipe_asks_first_and_a_no_keeps_everything(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], workstation_home: Path
) -> None:
    _fill(workstation_home)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["--lang", "en", "data", "wipe"]) == 2
    assert "nothing was deleted" in capsys.readouterr().out
    assert default_sessions_path().exists() and default_memory_path().exists()


def test_wipe_without_a_terminal_needs_yes(workstation_home: Path) -> None:
    _fill(workstation_home)
    result = subprocess.run(
        [sys.executable, "-m", "workstation", "--lang", "en", "data", "wipe"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2 and "--yes" in result.stderr
    assert default_memory_path().exists()


def test_wipe_refuses_while_the_workstation_is_running(
    capsys: pytest.CaptureFixture[str], workstation_home: Path
) -> None:
    script = (
        "import sys, time\n"
        "from workstation.store.sessions import SessionStore\n"
        "store = SessionStore()\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        assert main(["--lang", "en", "data", "wipe", "--yes"]) == 2
        assert "running" in capsys.readouterr().err
        assert default_sessions_path().exists()
    finally:
        process.kill()
        process.wait()
    assert main(["data", "wipe", "--yes"]) == 0


def test_tmx_import_and_export_commands(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fixture = Path(__file__).parent.parent / "io" / "fixtures" / "omegat-project_save.tmx"
    assert main(["--lang", "en", "data", "import-tmx", str(fixture)]) == 0
    assert "Added 3, updated 0, skipped 0 units (3 in the memory)" in capsys.readouterr().out
    out = tmp_path / "export.tmx"
    assert main(["--lang", "en", "data", "export-tmx", str(out), "--source", "ja", "--target", "en"]) == 0
    assert "Wrote 3 units" in capsys.readouterr().out
    assert 'srclang="ja-JP"' in out.read_text("utf-8")
    assert main(["data", "import-tmx", str(tmp_path / "missing.tmx")]) == 2
