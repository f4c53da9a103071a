"""`workstation diff`: the three formats, -o, --context, exit codes like diff(1)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.diff.samples import JA_NEW, JA_OLD
from workstation.cli import main


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "改訂前.txt"
    new = tmp_path / "改訂後.txt"
    old.write_bytes(JA_OLD.replace("\n", "\r\n").encode("cp932"))
    new.write_text(JA_NEW, encoding="utf-8")
    return old, new


def test_text_format_and_exit_code_one(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = files
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("--- 改訂前.txt（Shift_JIS (CP932)、改行 CRLF）\n+++ 改訂後.txt（UTF-8、改行 LF）\n")
    assert "外務省[-は-]{+が+}本日" in out
    assert "\x1b[" not in out


def test_colour_can_be_forced(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = files
    assert main(["diff", "--color", "always", str(old), str(new)]) == 1
    assert "\x1b[31m" in capsys.readouterr().out


def test_json_format_reports_encodings(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = files
    assert main(["diff", "--format", "json", str(old), str(new)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["old"]["encoding"] == "cp932" and data["old"]["newline"] == "CRLF"
    assert data["new"]["encoding"] == "utf-8" and data["new"]["newline"] == "LF"
    assert data["hunks"][0]["old"]["text"] == "は"


def test_html_format_to_a_file(files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = files
    out = tmp_path / "report.html"
    assert main(["diff", "--format", "html", "-o", str(out), "--context", "1", str(old), str(new)]) == 1
    assert capsys.readouterr().out == ""
    html = out.read_text(encoding="utf-8")
    assert "Shift_JIS (CP932)" in html and "改訂前.txt" in html and "<del" in html
    assert "<script" not in html


def test_identical_documents_exit_zero(files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, _ = files
    copy = tmp_path / "copy.txt"
    copy.write_text(JA_OLD, encoding="utf-8")
    assert main(["diff", str(old), str(copy)]) == 0
    out = capsys.readouterr().out
    assert "相違はありません" in out and "文字コードまたは改行" in out
    assert main(["diff", "--format", "json", str(old), str(old)]) == 0
    assert json.loads(capsys.readouterr().out)["identical"] is True


def test_errors_exit_two(files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, _ = files
    assert main(["diff", str(old), str(tmp_path / "missing.txt")]) == 2
    assert "workstation:" in capsys.readouterr().err
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    assert main(["diff", str(binary), str(old)]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["diff", "--context", "-1", str(old), str(old)])
    assert exit_info.value.code == 2


def test_english_messages(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = files
    try:
        assert main(["--lang", "en", "diff", str(old), str(new)]) == 1
    finally:
        main(["--lang", "ja", "diff", str(old), str(old)])
    out = capsys.readouterr().out
    assert "Shift_JIS (CP932), CRLF line endings" in out


def test_console_command_end_to_end(files: tuple[Path, Path]) -> None:
    old, new = files
    result = subprocess.run(
        [sys.executable, "-m", "workstation", "diff", "--format", "json", str(old), str(new)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["stats"]["moved"] == 1


def test_standard_input_as_one_side(files: tuple[Path, Path]) -> None:
    old, new = files
    result = subprocess.run(
        [sys.executable, "-m", "workstation", "--lang", "en", "diff", "--format", "json", str(old), "-"],
        input=new.read_bytes(),
        capture_output=True,
    )
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout.decode("utf-8"))
    assert data["new"]["name"] == "(standard input)" and data["new"]["encoding"] == "utf-8"
    both = subprocess.run([sys.executable, "-m", "workstation", "diff", "-", "-"], input=b"", capture_output=True)
    assert both.returncode == 2
