from __future__ import annotations

import codecs
import csv
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from workstation.io.documents import Document, open_document, save_document
from workstation.io.errors import DocumentError
from workstation.io.export import export_bilingual, export_target

SAMPLE = "在外公館からの公電です。\n第二段落：～①②ｱｲｳ、髙橋氏と﨑山氏。\n\nEnglish line 3."
ENCODINGS = [
    ("utf-8", False, "\n"),
    ("utf-8", True, "\r\n"),
    ("utf-16-le", True, "\r\n"),
    ("utf-16-be", True, "\n"),
    ("cp932", False, "\r\n"),
    ("euc_jp", False, "\n"),
    ("iso2022_jp", False, "\r\n"),
]
BOMS = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


def _sample_for(encoding: str) -> str:
    # EUC-JP and ISO-2022-JP have no NEC/IBM extensions (①, 髙, 﨑) nor half-width kana in JIS X 0208.
    if encoding in ("euc_jp", "iso2022_jp"):
        return "在外公館からの公電です。\n第二段落：〜、高橋氏と崎山氏。\n\nEnglish line 3."
    return SAMPLE


@pytest.mark.parametrize(("encoding", "bom", "newline"), ENCODINGS)
def test_every_encoding_round_trips_through_open_and_save(
    tmp_path: Path, encoding: str, bom: bool, newline: str
) -> None:
    text = _sample_for(encoding)
    original = (BOMS[encoding] if bom else b"") + text.replace("\n", newline).encode(encoding)
    path = tmp_path / "cable.txt"
    path.write_bytes(original)
    document = open_document(path)
    assert (document.kind, document.text) == ("txt", text)
    assert (document.encoding, document.bom, document.newline) == (encoding, bom, newline)
    saved = save_document(document, document.text)
    assert path.read_bytes() == original
    edited = save_document(saved, text + "\n追記。")
    assert open_document(path).text == text + "\n追記。"
    assert (edited.encoding, edited.newline) == (encoding, newline)


def test_save_as_another_encoding_and_newline(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("日本語\r\n".encode("cp932"))
    document = open_document(path)
    saved = save_document(
        document, document.text, tmp_path / "b.txt", encoding="utf-8", newline="\n", bom=True
    )
    assert (tmp_path / "b.txt").read_bytes() == codecs.BOM_UTF8 + "日本語\n".encode()
    assert saved.path == tmp_path / "b.txt" and saved.encoding == "utf-8"
    assert path.read_bytes() == "日本語\r\n".encode("cp932")


def _formatted_docx(path: Path) -> Path:
    document = docx.Document()
    paragraph = document.add_paragraph(style="Heading 1")
    paragraph.add_run("件名：").bold = True
    paragraph.add_run("定例会議")
    body = document.add_paragraph()
    run = body.add_run("本日、")
    run.italic = True
    run.font.size = Pt(14)
    body.add_run("大使館で会儀を開催しました。")
    underlined = body.add_run("以上")
    underlined.underline = True
    table = document.add_table(rows=2, cols=2)
    for row, texts in zip(table.rows, (("項目", "内容"), ("日時", "五月一日")), strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    document.add_paragraph("結び")
    document.save(path)
    return path


def test_docx_reads_paragraphs_tables_and_run_formatting(tmp_path: Path) -> None:
    document = open_document(_formatted_docx(tmp_path / "a.docx"))
    assert document.kind == "docx"
    assert (
        document.text
        == "件名：定例会議\n本日、大使館で会儀を開催しました。以上\n項目\n内容\n日時\n五月一日\n結び"
    )
    assert document.docx is not None
    heading, body, *_ = document.docx.paragraphs
    assert heading.style == "Heading1" and heading.runs[0].bold is True and heading.runs[1].bold is None
    assert [(run.text, run.italic, run.size_pt, run.underline) for run in body.runs] == [
        ("本日、", True, 14.0, None),
        ("大使館で会儀を開催しました。", None, None, None),
        ("以上", None, None, True),
    ]
    assert [paragraph.in_table for paragraph in document.docx.paragraphs] == [
        False,
        False,
        True,
        True,
        True,
        True,
        False,
    ]


def test_docx_proofreading_edit_keeps_every_run_and_its_formatting(tmp_path: Path) -> None:
    document = open_document(_formatted_docx(tmp_path / "a.docx"))
    fixed = document.text.replace("会儀", "会議").replace("本日、", "本日（五月一日）、")
    saved = save_document(document, fixed)
    reopened = open_document(tmp_path / "a.docx")
    assert reopened.text == fixed == saved.text
    body = reopened.docx.paragraphs[1]
    assert [(run.text, run.italic, run.size_pt, run.underline) for run in body.runs] == [
        ("本日（五月一日）、", True, 14.0, None),
        ("大使館で会議を開催しました。", None, None, None),
        ("以上", None, None, True),
    ]
    assert reopened.docx.paragraphs[0].runs[0].bold is True


def test_docx_translation_takes_each_paragraphs_main_formatting(tmp_path: Path) -> None:
    document = open_document(_formatted_docx(tmp_path / "a.docx"))
    translation = "Subject: Regular meeting\nToday a meeting was held at the embassy. End\nItem\nDetails\nDate\n1 May\nClosing"
    exported = export_target(document, translation, tmp_path / "a.en.docx")
    reopened = open_document(tmp_path / "a.en.docx")
    assert reopened.text == translation == exported.text
    heading, body, *_ = reopened.docx.paragraphs
    assert heading.style == "Heading1" and [run.text for run in heading.runs] == ["Subject: Regular meeting"]
    assert [(run.italic, run.size_pt) for run in body.runs] == [(None, None)]  # the dominant run was plain
    assert open_document(tmp_path / "a.docx").text.startswith("件名：")


def test_docx_added_and_removed_lines_become_paragraphs(tmp_path: Path) -> None:
    document = open_document(_formatted_docx(tmp_path / "a.docx"))
    lines = document.text.split("\n")
    edited = "\n".join([lines[0], "新しい段落", lines[1], *lines[2:6]])  # insert one, drop "結び"
    save_document(document, edited)
    reopened = open_document(tmp_path / "a.docx")
    assert reopened.text == edited
    removed_cell = "\n".join([*lines[:2], "", *lines[3:]])
    save_document(reopened, removed_cell)
    assert open_document(tmp_path / "a.docx").text == removed_cell


def test_docx_line_breaks_and_tabs_inside_a_paragraph(tmp_path: Path) -> None:
    source = docx.Document()
    source.add_paragraph().add_run("一行目\n二行目\tタブ")
    source.save(tmp_path / "b.docx")
    document = open_document(tmp_path / "b.docx")
    assert document.text == "一行目\u2028二行目\tタブ"
    save_document(document, "First\u2028second\tTab")
    assert open_document(tmp_path / "b.docx").text == "First\u2028second\tTab"


def test_text_document_saved_as_docx_and_docx_saved_as_text(tmp_path: Path) -> None:
    saved = save_document(Document.untitled("一\n二"), "一\n二", tmp_path / "new.docx")
    assert open_document(tmp_path / "new.docx").text == "一\n二" == saved.text
    save_document(saved, "一\n二", tmp_path / "plain.txt")
    assert (tmp_path / "plain.txt").read_bytes() == "一\n二".encode()


def test_export_target_text_keeps_encoding_when_possible(tmp_path: Path) -> None:
    path = tmp_path / "src.txt"
    path.write_bytes("公電\r\n".encode("cp932"))
    document = open_document(path)
    export_target(document, "Cable\n", tmp_path / "out.txt")
    assert (tmp_path / "out.txt").read_bytes() == b"Cable\r\n"
    export_target(document, "Emoji 😀\n", tmp_path / "emoji.txt")
    assert (tmp_path / "emoji.txt").read_bytes() == "Emoji 😀\r\n".encode()


PAIRS = [("本日は晴天です。", "It is fine today."), ("会議は\n二行。", 'The meeting, "two lines".')]


def test_export_bilingual_docx_table(tmp_path: Path) -> None:
    export_bilingual(PAIRS, tmp_path / "bi.docx", source_lang="ja", target_lang="en")
    table = docx.Document(tmp_path / "bi.docx").tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["日本語 (ja)", "英語 (en)"],
        ["本日は晴天です。", "It is fine today."],
        ["会議は\n二行。", 'The meeting, "two lines".'],
    ]


def test_export_bilingual_text_tsv_and_csv(tmp_path: Path) -> None:
    export_bilingual(PAIRS, tmp_path / "bi.txt")
    assert (tmp_path / "bi.txt").read_text("utf-8") == (
        '本日は晴天です。\nIt is fine today.\n\n会議は\n二行。\nThe meeting, "two lines".\n'
    )
    export_bilingual(PAIRS, tmp_path / "bi.tsv")
    rows = list(csv.reader(io.StringIO((tmp_path / "bi.tsv").read_text("utf-8")), delimiter="\t"))
    assert rows[1:] == [list(pair) for pair in PAIRS]
    export_bilingual(PAIRS, tmp_path / "bi.csv", source_lang="en", target_lang="ja")
    data = (tmp_path / "bi.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert next(iter(csv.reader(io.StringIO(data.decode("utf-8-sig"))))) == ["英語 (en)", "日本語 (ja)"]


_W = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_EDGE_PARAGRAPHS = (
    f'<w:p {_W}><w:r><w:t xml:space="preserve">詳細は </w:t></w:r><w:hyperlink r:id="rId99"><w:r><w:rPr>'
    '<w:rStyle w:val="Hyperlink"/></w:rPr><w:t>こちら</w:t></w:r></w:hyperlink><w:r><w:t>を参照。</w:t></w:r></w:p>',
    f'<w:p {_W}><w:r><w:t>削除前</w:t></w:r><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r>'
    '<w:delText>消した</w:delText></w:r></w:del><w:ins w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r>'
    "<w:t>挿入</w:t></w:r></w:ins><w:r><w:t>後</w:t></w:r></w:p>",
    f'<w:p {_W}><w:r><w:t>頁:</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
    '<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    f'<w:p {_W}><w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="distributeSpace"/></w:rubyPr><w:rt><w:r>'
    "<w:t>がいむしょう</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>外務省</w:t></w:r></w:rubyBase></w:ruby></w:r>"
    "<w:r><w:t>の見解</w:t></w:r></w:p>",
)


def test_docx_hyperlinks_tracked_changes_fields_and_ruby_survive_an_edit(tmp_path: Path) -> None:
    import zipfile

    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    source = docx.Document()
    section = source.element.body.find(qn("w:sectPr"))
    for xml in _EDGE_PARAGRAPHS:
        section.addprevious(parse_xml(xml))
    source.save(tmp_path / "edge.docx")
    document = open_document(tmp_path / "edge.docx")
    assert (
        document.text == "詳細は こちらを参照。\n削除前挿入後\n頁:1\n外務省の見解"
    )  # not deleted text nor furigana
    edited = document.text.replace("参照。", "ご参照ください。").replace("挿入後", "挿入した後")
    save_document(document, edited)
    assert open_document(tmp_path / "edge.docx").text == edited
    xml = zipfile.ZipFile(tmp_path / "edge.docx").read("word/document.xml").decode()
    kept_markup = (
        "<w:hyperlink",
        "<w:delText>消した</w:delText>",
        "<w:ins ",
        "PAGE",
        'w:fldCharType="end"',
        "がいむしょう",
    )
    for kept in kept_markup:
        assert kept in xml


def _notes_xml(kind: str, texts: tuple[str, ...]) -> str:
    """A footnotes or endnotes part: the two separator notes Word writes, then one note per text."""
    notes = "".join(
        f'<w:{kind} w:id="{number}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t>{text}</w:t></w:r></w:p></w:{kind}>'
        for number, text in enumerate(texts, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:{kind}s xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>'
        f"{notes}</w:{kind}s>"
    )


def _with_notes(data: bytes, kind: str = "footnote", xml: str | None = None) -> bytes:
    """``data`` (a .docx) with a footnotes or endnotes part (by default one note with text)."""
    xml = xml if xml is not None else _notes_xml(kind, ("外務省調べ。",))
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                override = (
                    f'<Override PartName="/word/{kind}s.xml" ContentType="application/'
                    f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"/>'
                )
                content = content.replace(b"</Types>", override.encode() + b"</Types>")
            elif info.filename == "word/_rels/document.xml.rels":
                relation = (
                    f'<Relationship Id="rId{kind}s" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    f'relationships/{kind}s" Target="{kind}s.xml"/>'
                )
                content = content.replace(b"</Relationships>", relation.encode() + b"</Relationships>")
            target.writestr(info, content)
        target.writestr(f"word/{kind}s.xml", xml)
    return buffer.getvalue()


def _document_with_text_outside_the_body(path: Path) -> Path:
    document = docx.Document()
    body = document.add_paragraph("本日、会議が開催されました。")
    document.sections[0].header.paragraphs[0].text = "秘"
    document.sections[0].footer.paragraphs[0].text = "－ 1 －"
    document.add_comment(body.runs, text="日付を確認", author="校閲者")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(
        _with_notes(_with_notes(buffer.getvalue()), "endnote", _notes_xml("endnote", ("出典", "同上")))
    )
    return path


def test_docx_reads_headers_footers_and_notes_after_the_body(tmp_path: Path) -> None:
    document = open_document(_document_with_text_outside_the_body(tmp_path / "cable.docx"))
    assert (
        document.text == "本日、会議が開催されました。\n秘\n－ 1 －\n外務省調べ。\n出典\n同上"
    )  # not the separators
    assert [p.part for p in document.docx.paragraphs] == [
        "body",
        "header",
        "footer",
        "footnote",
        "endnote",
        "endnote",
    ]
    outside = document.docx.outside_body
    assert (outside.headers, outside.footers, outside.footnotes, outside.endnotes, outside.comments) == (
        1,
        1,
        1,
        2,
        1,
    )
    notice = document.notice()
    assert notice == outside.notice()
    assert (
        "本文の後にヘッダー 1・フッター 1・脚注 1・文末脚注 2 段落を表示（保存時は元の位置へ）。"
        in notice.ja
    )
    assert "コメント 1 段落は読み込みません。" in notice.ja
    assert notice.en == (
        "After the body: header 1, footer 1, footnote 1, endnote 2 (paragraphs; saved back where they belong)."
        " Comments (1 paragraph) are not read."
    )


def test_docx_lines_know_their_place_until_lines_are_added_or_removed(tmp_path: Path) -> None:
    document = open_document(_document_with_text_outside_the_body(tmp_path / "cable.docx"))
    places = ("body", "header", "footer", "footnote", "endnote", "endnote")
    assert document.line_places(document.text) == places
    assert document.line_places(document.text.replace("秘", "極秘")) == places
    assert document.line_places("前書き\n" + document.text) is None
    assert open_document(_formatted_docx(tmp_path / "a.docx")).line_places("本文") is None
    assert Document.untitled("テキスト").line_places("テキスト") is None


def test_docx_edits_outside_the_body_are_written_back_where_they_came_from(tmp_path: Path) -> None:
    document = open_document(_document_with_text_outside_the_body(tmp_path / "cable.docx"))
    edited = "本日、会議が開催された。\n極秘\n－ 2 －\n外務省の調べ。\n出典：白書\n同上"
    saved = save_document(document, edited)
    assert saved.text == edited
    reopened = docx.Document(str(tmp_path / "cable.docx"))
    assert [p.text for p in reopened.paragraphs] == ["本日、会議が開催された。"]
    assert reopened.sections[0].header.paragraphs[0].text == "極秘"
    assert reopened.sections[0].footer.paragraphs[0].text == "－ 2 －"
    with zipfile.ZipFile(tmp_path / "cable.docx") as archive:
        footnotes = archive.read("word/footnotes.xml").decode("utf-8")
        comments = archive.read("word/comments.xml").decode("utf-8")
    assert (
        "外務省の調べ。" in footnotes
        and "<w:footnoteRef/>" in footnotes
        and 'w:type="separator"' in footnotes
    )
    assert "日付を確認" in comments
    assert saved.docx.outside_body == document.docx.outside_body


def test_docx_deleting_a_note_line_keeps_the_note_and_its_reference(tmp_path: Path) -> None:
    document = open_document(_document_with_text_outside_the_body(tmp_path / "cable.docx"))
    lines = document.text.split("\n")
    saved = save_document(document, "\n".join(line for line in lines if line != "外務省調べ。"))
    assert "外務省調べ。" not in saved.text and saved.docx.outside_body.footnotes == 0
    with zipfile.ZipFile(tmp_path / "cable.docx") as archive:
        footnotes = archive.read("word/footnotes.xml").decode("utf-8")
    assert '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r></w:p></w:footnote>' in footnotes


def test_docx_with_a_damaged_footnotes_part_is_refused_clearly(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    path = tmp_path / "broken-notes.docx"
    path.write_bytes(_with_notes(buffer.getvalue(), xml="<w:footnotes><w:footnote>"))
    with pytest.raises(DocumentError) as info:
        open_document(path)
    assert "壊れている" in info.value.message.ja


def test_docx_with_only_body_text_has_no_notice(tmp_path: Path) -> None:
    document = open_document(_formatted_docx(tmp_path / "a.docx"))
    assert document.docx.outside_body.total == 0
    assert document.docx.outside_body.notice() is None
    assert document.notice() is None
    assert Document.untitled("テキスト").notice() is None
