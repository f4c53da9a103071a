from __future__ import annotations

import subprocess
import sys

from workstation import __version__
from workstation.cli import SUBCOMMANDS, build_parser, main


def test_version_prints_the_package_version(capsys) -> None:
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert capsys.readouterr().out.strip() == f"workstation {__version__}"


def test_help_lists_every_subcommand() -> None:
    help_text = build_parser().format_help()
    for name in ("translate", "check", "diff", "models"):
        assert name in help_text
    assert [name for name, _, _ in SUBCOMMANDS] == ["translate", "check", "diff", "models", "data"]


def test_help_in_english_and_japanese() -> None:
    english = subprocess.run(
        [sys.executable, "-m", "workstation", "--lang", "en", "--help"], capture_output=True, text=True, check=True
    ).stdout
    japanese = subprocess.run(
        [sys.executable, "-m", "workstation", "--lang", "ja", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "Offline translation" in english
    assert "オフライン翻訳" in japanese


def test_console_script_entry_point_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "workstation", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert __version__ in result.stdout
