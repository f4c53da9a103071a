"""`workstation translate` end to end: a tiny model imported from a folder, text and JSON output, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workstation.cli import main
from workstation.i18n import set_language

CABLE = Path(__file__).parent.parent / "core" / "data" / "cable_ja.txt"


@pytest.fixture(autouse=True)
def english_messages():
    set_language("en")
    yield
    set_language("ja")


@pytest.fixture
def imported(tiny_marian_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Import the tiny ja→en model the way IT would, from its folder; return its id."""
    assert main(["models", "import", str(tiny_marian_dir)]) == 0
    capsys.readouterr()
    return "tiny-marian-ja-en"


def test_text_output_keeps_the_layout(imported: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "--beam", "1", "--max-length", "16", str(CABLE)]) == 0
    captured = capsys.readouterr()
    source_lines = CABLE.read_text(encoding="utf-8").split("\n")
    lines = captured.out.split("\n")
    assert len(lines) == len(source_lines)
    assert lines[:3] == ["秘", "取扱注意", ""]
    assert lines[3].startswith("SUBJECT: ")
    assert lines[-2:] == ["以上", ""]
    assert "Translating" not in captured.err


def test_json_output_has_segments_with_paragraphs(imported: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert main(["translate", "--from", "ja", "--to", "en", "--beam", "1", "--format", "json", "-o", str(out), str(CABLE)]) == 0
    assert capsys.readouterr().out == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["model"] == imported
    assert (data["source_lang"], data["target_lang"]) == ("ja", "en")
    assert data["options"]["beam_size"] == 1
    assert (data["options"]["repetition_penalty"], data["options"]["no_repeat_ngram_size"]) == (1.0, 0)
    assert data["options"]["back_translation_weight"] == 0.0
    source = CABLE.read_text(encoding="utf-8")
    assert len(data["segments"]) == 11
    for segment in data["segments"]:
        assert {"source", "target", "score", "paragraph", "start", "end"} <= set(segment)
        assert source[segment["start"] : segment["end"]] == segment["source"]
        assert segment["index"] in data["paragraphs"][segment["paragraph"]]["segments"]
    assert data["target"].startswith("秘\n取扱注意\n")


def test_decoding_flags_override_the_model_defaults(imported: str, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    flags = ["--repetition-penalty", "1.3", "--no-repeat-ngram", "3", "--length-penalty", "2", "--threads", "2", "--workers", "1"]
    flags += ["--back-translation-weight", "0.5"]
    assert main(["translate", "--beam", "1", *flags, "--format", "json", "-o", str(out), str(CABLE)]) == 0
    options = json.loads(out.read_text(encoding="utf-8"))["options"]
    assert (options["repetition_penalty"], options["no_repeat_ngram_size"], options["length_penalty"]) == (1.3, 3, 2.0)
    assert options["back_translation_weight"] == 0.5


def test_a_glossary_sends_its_terms_and_keeps_its_do_not_translate_terms(
    imported: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text("ja,en,DNT\n外務大臣,Minister for Foreign Affairs,\n取扱注意,Limited Official Use,\nTPP,TPP,x\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["translate", "--beam", "1", "--glossary", str(glossary), "--format", "json", "-o", str(out), str(CABLE)]) == 0
    options = json.loads(out.read_text(encoding="utf-8"))["options"]
    assert options["glossary_terms"] == [["取扱注意", "Limited Official Use"], ["外務大臣", "Minister for Foreign Affairs"]]
    assert options["keep_terms"] == ["TPP"]
    warning = capsys.readouterr().err
    assert "外務大臣 → Minister for Foreign Affairs" in warning, "the random model cannot have used the term"


def test_an_unreadable_glossary_is_an_error(imported: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "--glossary", str(tmp_path / "none.csv"), str(CABLE)]) == 2
    assert "none.csv" in capsys.readouterr().err


def test_model_chosen_by_id_and_standard_input(
    imported: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("今日は晴れです。\n".encode("cp932"))))
    assert main(["translate", "-m", imported, "--beam", "1", "--max-length", "16", "-"]) == 0
    output = capsys.readouterr().out
    assert output.endswith("\n") and output.strip()


def test_output_file_keeps_crlf_line_endings(imported: str, tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes("一つ目の文。\r\n\r\n二つ目の文。\r\n".encode())
    out = tmp_path / "out.txt"
    assert main(["translate", "--beam", "1", "--max-length", "16", "-o", str(out), str(source)]) == 0
    data = out.read_bytes()
    assert data.count(b"\r\n") == 3
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_model_from_a_models_dir_without_import(tiny_marian_dir: Path, capsys) -> None:
    assert main(["translate", "--models-dir", str(tiny_marian_dir.parent), "--beam", "1", "--max-length", "16", str(CABLE)]) == 0
    assert capsys.readouterr().out.startswith("秘\n")


def test_missing_direction_says_what_is_installed(imported: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "--from", "ja", "--to", "fr", str(CABLE)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "ja→fr" in err
    assert imported in err
    assert "workstation models import" in err


def test_direction_conflicting_with_the_model(imported: str, capsys) -> None:
    assert main(["translate", "-m", imported, "--from", "en", str(CABLE)]) == 2
    assert "ja→en" in capsys.readouterr().err


def test_empty_input_is_an_error(imported: str, tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    assert main(["translate", str(empty)]) == 2
    assert "nothing to translate" in capsys.readouterr().err


def test_binary_input_is_an_error(imported: str, tmp_path: Path, capsys) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert main(["translate", str(binary)]) == 2
    assert "binary" in capsys.readouterr().err


def test_missing_file_is_an_error(imported: str, tmp_path: Path, capsys) -> None:
    assert main(["translate", str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt" in capsys.readouterr().err


def test_no_models_at_all(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workstation.paths.builtin_models_dir", lambda: tmp_path / "none")
    assert main(["translate", "--from", "ja", "--to", "en", str(CABLE)]) == 2
    assert "No translation model for ja→en" in capsys.readouterr().err


def test_bad_beam_is_a_clear_error(imported: str, capsys) -> None:
    assert main(["translate", "--beam", "99", str(CABLE)]) == 2
    assert "beam_size" in capsys.readouterr().err


def test_keep_terms_and_missing_span_warning(imported: str, tmp_path: Path, capsys) -> None:
    terms = tmp_path / "terms.txt"
    terms.write_text("# glossary\n外務省\n", encoding="utf-8")
    source = tmp_path / "in.txt"
    source.write_text("外務省は2026-11-24に声明を発表した。\n", encoding="utf-8")
    assert main(["translate", "--beam", "1", "--max-length", "16", "--keep-file", str(terms), "--format", "json", str(source)]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["options"]["keep_terms"] == ["外務省"]
    segment = data["segments"][0]
    for protected in ("外務省", "2026-11-24"):
        reported = protected in {item["text"] for item in segment["missing"]}
        assert (protected in segment["target"]) != reported
    if segment["missing"]:
        assert "missing from the translation" in captured.err


def test_second_run_is_answered_from_the_cache(imported: str, capsys) -> None:
    arguments = ["translate", "--beam", "1", "--max-length", "16", "--format", "json", str(CABLE)]
    assert main(arguments) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(arguments) == 0
    second = json.loads(capsys.readouterr().out)
    assert all(segment["cached"] for segment in second["segments"])
    assert second["target"] == first["target"]
    assert main([*arguments, "--no-cache"]) == 0
    assert not any(segment["cached"] for segment in json.loads(capsys.readouterr().out)["segments"])


def test_progress_goes_to_stderr_only_on_a_terminal(imported: str, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert main(["translate", "--beam", "1", "--max-length", "16", "--no-cache", str(CABLE)]) == 0
    captured = capsys.readouterr()
    assert "\rTranslating 11/11" in captured.err
    assert "Translating" not in captured.out


def test_input_in_the_wrong_language_for_the_model_is_warned_about(imported: str, tmp_path: Path, capsys) -> None:
    source = tmp_path / "english.txt"
    source.write_text("This is an English sentence.\n", encoding="utf-8")
    assert main(["translate", "-m", imported, "--beam", "1", "--max-length", "16", str(source)]) == 0
    assert "looks like en" in capsys.readouterr().err


def test_a_docx_is_translated_into_a_docx_with_its_layout_headers_and_notes(imported: str, tmp_path: Path, capsys) -> None:
    import docx

    source = tmp_path / "cable.docx"
    document = docx.Document()
    document.add_paragraph("件名：会議の開催について").runs[0].bold = True
    document.add_paragraph("本日、会議が開催された。次回は来年春の予定である。")
    document.sections[0].header.paragraphs[0].text = "本資料は内部資料である。"
    document.save(source)
    target = tmp_path / "cable.en.docx"
    assert main(["translate", "--beam", "1", "--max-length", "16", "-o", str(target), str(source)]) == 0
    captured = capsys.readouterr()
    assert "After the body: header 1" in captured.err
    translated = docx.Document(str(target))
    body = [paragraph.text for paragraph in translated.paragraphs]
    assert len(body) == 2 and body[0].startswith("SUBJECT: ")
    assert translated.paragraphs[0].runs[0].bold
    header = translated.sections[0].header.paragraphs[0].text
    assert header and header != "本資料は内部資料である。"
    assert main(["translate", "--beam", "1", "--max-length", "16", str(source)]) == 0
    assert capsys.readouterr().out.split("\n")[:2] == body


def test_text_translated_into_a_docx_becomes_a_new_word_document(imported: str, tmp_path: Path) -> None:
    import docx

    target = tmp_path / "cable.docx"
    assert main(["translate", "--beam", "1", "--max-length", "16", "-o", str(target), str(CABLE)]) == 0
    paragraphs = [paragraph.text for paragraph in docx.Document(str(target)).paragraphs]
    assert paragraphs[:3] == ["秘", "取扱注意", ""]
    assert len(paragraphs) == len(CABLE.read_text(encoding="utf-8").rstrip("\n").split("\n")) + 1
