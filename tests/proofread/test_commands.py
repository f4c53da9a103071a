"""`workstation check`: JSON contract, exit codes, --fix, stdin, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.helpers.documents import docx_with_header
from workstation.cli import main

SAMPLE = "但し、頭痛が痛い。\r\n資料をご確認くだいさ。\r\n"
CLEAN = "会議は明日の午前十時から開きます。\n"


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "sample.txt"
    path.write_bytes(SAMPLE.encode("cp932"))
    return path


@pytest.fixture
def clean(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    return path


def test_json_contract_for_one_file(sample, capsys):
    assert main(["check", "--format", "json", str(sample)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["file"] == str(sample)
    issues = report["issues"]
    assert issues
    for issue in issues:
        assert set(issue) == {"rule", "severity", "message", "start", "end", "line", "column", "suggestions"}
        assert issue["severity"] in ("error", "warning", "info")
        assert isinstance(issue["suggestions"], list)
        assert SAMPLE[issue["start"] : issue["end"]]
    broken = next(i for i in issues if i["rule"] == "broken-word")
    assert SAMPLE[broken["start"] : broken["end"]] == "くだいさ"
    assert (broken["line"], broken["column"]) == (2, 7)
    assert broken["suggestions"] == ["ください"]


def test_json_for_several_files_is_a_list_and_english_messages(sample, clean, capsys):
    assert main(["--lang", "en", "check", "--format", "json", str(clean), str(sample)]) == 1
    reports = json.loads(capsys.readouterr().out)
    assert [r["file"] for r in reports] == [str(clean), str(sample)]
    for issue in reports[1]["issues"]:
        assert issue["message"].isascii() or any(c.isascii() and c.isalpha() for c in issue["message"])
    main(["--lang", "ja", "check", "--format", "json", str(clean)])
    capsys.readouterr()


def test_exit_codes(clean, sample, tmp_path, capsys):
    assert main(["check", str(clean)]) == 0
    assert main(["check", str(sample)]) == 1
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
    assert main(["check", "--profile", "nope", str(clean)]) == 2
    assert main(["check"]) == 2
    assert main(["check", "-o", "x.txt", str(clean)]) == 2
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    assert main(["check", str(binary)]) == 2
    bad_dict = tmp_path / "bad.yml"
    bad_dict.write_text("rules: [1]", encoding="utf-8")
    assert main(["check", "--dict", str(bad_dict), str(clean)]) == 2
    capsys.readouterr()


def test_text_report_lists_file_line_column_rule(sample, capsys):
    main(["check", str(sample)])
    out = capsys.readouterr().out
    assert f"{sample}:2:7:" in out and "[broken-word]" in out and "ください" in out


def test_fix_writes_output_keeping_encoding_and_newlines(sample, tmp_path, capsys):
    out = tmp_path / "fixed.txt"
    assert main(["check", "--fix", "-o", str(out), str(sample)]) == 0
    assert out.read_bytes() == "ただし、頭が痛い。\r\n資料をご確認ください。\r\n".encode("cp932")
    assert sample.read_bytes() == SAMPLE.encode("cp932")
    capsys.readouterr()


def test_extra_dictionary_option(tmp_path, capsys):
    dictionary = tmp_path / "terms.yml"
    dictionary.write_text("rules:\n  - expected: 外務省\n    pattern: 外務相省\n", encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("外務相省の発表。\n", encoding="utf-8")
    main(["check", "--format", "json", "--dict", str(dictionary), str(text)])
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert any(i["rule"] == "dictionary" and i["suggestions"] == ["外務省"] for i in issues)


def _run(args, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, WORKSTATION_LANG="ja")
    return subprocess.run(
        [sys.executable, "-m", "workstation", *args], input=stdin, capture_output=True, env=env, timeout=120
    )


def test_stdin_and_fix_to_stdout():
    result = _run(["check", "--fix", "-"], SAMPLE.encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == "ただし、頭が痛い。\r\n資料をご確認ください。\r\n".encode()
    result = _run(["check", "--format", "json", "-"], SAMPLE.encode("utf-8"))
    assert result.returncode == 1
    assert json.loads(result.stdout)["file"] == "-"


def test_list_rules_and_profiles(capsys):
    assert main(["check", "--list-rules"]) == 0
    out = capsys.readouterr().out
    assert "broken-word" in out and "koyobun-conjunction" in out
    assert main(["--lang", "en", "check", "--list-profiles"]) == 0
    out = capsys.readouterr().out
    assert "koyobun" in out and "general" in out and "technical" in out


def test_own_profile_file(tmp_path, clean, capsys):
    profile = tmp_path / "mine.toml"
    profile.write_text(
        '[profile]\nname_ja = "自分用"\nname_en = "mine"\n[rules.sentence-length]\nmax = 10\nseverity = "error"\n',
        encoding="utf-8",
    )
    assert main(["check", "--profile", str(profile), "--format", "json", str(clean)]) == 1
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert [issue["rule"] for issue in issues] == ["sentence-length"]


def test_docx_is_checked_by_paragraph_and_fixed_keeping_formatting(tmp_path, capsys):
    import docx

    source = tmp_path / "report.docx"
    document = docx.Document()
    document.add_paragraph("但し、例外がある。")
    paragraph = document.add_paragraph()
    paragraph.add_run("資料をご確認").bold = True
    paragraph.add_run("くだいさ。")
    document.save(source)
    assert main(["check", "--format", "json", str(source)]) == 1
    issues = json.loads(capsys.readouterr().out)["issues"]
    text = "但し、例外がある。\n資料をご確認くだいさ。"
    assert {text[i["start"] : i["end"]] for i in issues} >= {"但し", "くだいさ"}
    fixed = tmp_path / "fixed.docx"
    assert main(["check", "--fix", "-o", str(fixed), str(source)]) == 0
    paragraphs = docx.Document(fixed).paragraphs
    assert [p.text for p in paragraphs] == ["ただし、例外がある。", "資料をご確認ください。"]
    assert paragraphs[1].runs[0].bold
    capsys.readouterr()


def test_docx_headers_are_checked_and_fixed_after_the_body(tmp_path, capsys):
    import docx

    source = docx_with_header(tmp_path / "cable.docx", ("会議が開催された。",), "会議の資料をを確認")
    assert main(["check", "--format", "json", str(source)]) == 1
    captured = capsys.readouterr()
    issues = json.loads(captured.out)["issues"]
    assert [(issue["rule"], issue["line"]) for issue in issues] == [("doubled-particle", 2)]
    assert f"{source}: 本文の後にヘッダー 1 段落を表示" in captured.err
    fixed = tmp_path / "fixed.docx"
    assert main(["check", "--fix", "-o", str(fixed), str(source)]) == 0
    assert docx.Document(str(fixed)).sections[0].header.paragraphs[0].text == "会議の資料を確認"


def test_unsupported_formats_are_refused_with_a_hint(tmp_path, capsys):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 binary")
    assert main(["check", str(pdf)]) == 2
    assert "pdf" in capsys.readouterr().err.lower()


def test_a_long_check_shows_progress_on_a_terminal_only(tmp_path, capsys, monkeypatch):
    from workstation.proofread import checker

    monkeypatch.setattr(checker, "STEP_CHARS", 40)
    path = tmp_path / "long.txt"
    path.write_text("".join(f"第{i}段落です、が、頭痛が痛い。\n" for i in range(20)), encoding="utf-8")
    exit_code = main(["check", "--format", "json", str(path)])
    quiet = capsys.readouterr()
    assert quiet.err == "" and json.loads(quiet.out)["issues"]
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert main(["check", "--format", "json", str(path)]) == exit_code
    shown = capsys.readouterr()
    assert f"\r校正中 {path} " in shown.err or f"\rChecking {path} " in shown.err
    assert shown.err.endswith("%\n")
    assert json.loads(shown.out) == json.loads(quiet.out), "the same issues with or without progress"
