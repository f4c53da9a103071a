"""Glossary files: CSV/TSV (OmegaT, Excel; any supported encoding, header or not) and TBX (v2 ``martif``, v3 ``tbx``)."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from typing import Any

from workstation.i18n import Text
from workstation.io.errors import DocumentError, xml_errors
from workstation.io.text import MAX_TEXT_BYTES, read_text
from workstation.store.glossary import Glossary, GlossaryEntry
from workstation.store.matching import primary_language

__all__ = ["TBX_SUFFIXES", "read_delimited_glossary", "read_glossary", "read_tbx"]

TBX_SUFFIXES = (".tbx", ".xml")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_LANGUAGE_HEADERS = {
    "ja": {"ja", "ja-jp", "jpn", "japanese", "日本語", "和文", "和"},
    "en": {"en", "en-us", "en-gb", "eng", "english", "英語", "英文", "英"},
}
_SOURCE_HEADERS = {"source", "src", "term", "source term", "原語", "原文", "用語", "見出し語"}
_TARGET_HEADERS = {"target", "tgt", "translation", "target term", "訳語", "訳文", "対訳"}
_NOTE_HEADERS = {"note", "notes", "comment", "comments", "definition", "description", "備考", "注記", "説明", "コメント"}
_DNT_HEADERS = {"dnt", "do not translate", "do-not-translate", "untranslatable", "non-translatable", "翻訳不要", "訳さない"}
_TRUE = {"1", "true", "yes", "y", "x", "○", "◯", "✓", "✔", "はい", "dnt", "do not translate"}
_DNT_NOTES = re.compile(r"do\s*not\s*translate|donottranslate|untranslatable|non-?translatable|翻訳不要|訳さない", re.I)
_DEPRECATED = {"deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecated", "superseded"}
_PREFERRED = {"preferredterm-admn-sts", "preferred"}


def read_glossary(
    path: str | os.PathLike[str], *, source_lang: str | None = None, target_lang: str | None = None
) -> Glossary:
    """Read a glossary by its suffix: ``.tbx``/``.xml`` as TBX, anything else as CSV/TSV."""
    source = Path(path)
    if source.suffix.lower() in TBX_SUFFIXES:
        return read_tbx(source, source_lang=source_lang, target_lang=target_lang)
    return read_delimited_glossary(source, source_lang=source_lang, target_lang=target_lang)


def read_delimited_glossary(
    path: str | os.PathLike[str], *, source_lang: str | None = None, target_lang: str | None = None
) -> Glossary:
    """CSV or TSV: ``source, target[, note]`` (OmegaT's layout) or columns named by a header row.

    Header names may be roles (source/target/note/DNT, 原語/訳語/備考/翻訳不要) or languages (ja/en,
    日本語/英語). A row whose target equals its source, or marked in a DNT column, is "do not translate".
    """
    source = Path(path)
    text = read_text(source).text
    delimiter = _delimiter(text, source.suffix.lower())
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if any(cell.strip() for cell in row)]
    rows = [row for row in rows if not row[0].lstrip().startswith("#")]
    if not rows:
        raise DocumentError(Text(f"用語集が空です: {source.name}", f"The glossary is empty: {source.name}"))
    columns, languages = _header(rows[0], source_lang, target_lang)
    if columns is not None:
        rows = rows[1:]
    else:
        columns = {"source": 0, "target": 1, "note": 2}
    src, tgt = _languages(source_lang, target_lang, languages, [row[0] for row in rows[:50] if row])
    entries = []
    skipped = 0
    for row in rows:
        cells = [cell.strip() for cell in row]
        term = _cell(cells, columns.get("source"))
        translation = _cell(cells, columns.get("target"))
        flagged = _cell(cells, columns.get("dnt")).casefold() in _TRUE
        if not term or not (translation or flagged):
            skipped += 1
            continue
        do_not_translate = flagged or translation == term
        entries.append(
            GlossaryEntry(term, translation or term, _cell(cells, columns.get("note")), do_not_translate)
        )
    return Glossary(entries, source_lang=src, target_lang=tgt, name=source.name, skipped=skipped)


def read_tbx(
    path: str | os.PathLike[str], *, source_lang: str | None = None, target_lang: str | None = None
) -> Glossary:
    """TBX-Basic / TBX v2 (``<martif>``, ``termEntry``/``langSet``/``tig``) and TBX v3 (``<tbx>``, ``conceptEntry``).

    Deprecated or superseded target terms become ``forbidden``; a note saying "do not translate" marks the entry.
    """
    import defusedxml.ElementTree as SafeTree

    source = Path(path)
    try:
        if source.stat().st_size > MAX_TEXT_BYTES * 4:
            raise DocumentError(Text(f"用語集が大きすぎます: {source.name}", f"The glossary is too large: {source.name}"))
        with xml_errors(source, "TBX"):
            root = SafeTree.parse(source, forbid_dtd=False).getroot()
    except OSError as exc:
        raise DocumentError(
            Text(f"ファイルを読み込めません: {source}", f"Cannot read the file: {source}"), detail=str(exc)
        ) from exc
    if _local(root.tag) not in {"martif", "tbx"}:
        raise DocumentError(Text(f"TBX ファイルではありません: {source.name}", f"This is not a TBX file: {source.name}"))
    concepts = [_concept(element) for element in root.iter() if _local(element.tag) in {"termEntry", "conceptEntry"}]
    seen_languages: list[str] = []
    for concept in concepts:
        for lang in concept["terms"]:
            if lang not in seen_languages:
                seen_languages.append(lang)
    src = primary_language(source_lang) if source_lang else _pick(seen_languages, None)
    tgt = primary_language(target_lang) if target_lang else _pick(seen_languages, src)
    entries = []
    skipped = 0
    for concept in concepts:
        sources = [term for term, status in concept["terms"].get(src, []) if status not in _DEPRECATED]
        targets = concept["terms"].get(tgt, [])
        preferred = sorted(
            (term for term, status in targets if status not in _DEPRECATED), key=lambda t: _rank(t, targets)
        )
        forbidden = tuple(term for term, status in targets if status in _DEPRECATED)
        do_not_translate = bool(_DNT_NOTES.search(concept["notes"] + " " + concept["flags"]))
        if not sources or not (preferred or do_not_translate):
            skipped += 1
            continue
        for term in sources:
            target = preferred[0] if preferred else term
            entries.append(
                GlossaryEntry(
                    term,
                    target,
                    concept["notes"].strip(),
                    do_not_translate or target == term,
                    tuple(preferred[1:]),
                    forbidden,
                )
            )
    return Glossary(entries, source_lang=src or "ja", target_lang=tgt or "en", name=source.name, skipped=skipped)


def _delimiter(text: str, suffix: str) -> str:
    sample = text.split("\n", 20)[:20]
    tabs = sum(line.count("\t") for line in sample)
    if suffix in (".tsv", ".tab", ".utf8", ".txt") and tabs:
        return "\t"
    counts = {delimiter: sum(line.count(delimiter) for line in sample) for delimiter in (",", "\t", ";")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ("\t" if suffix in (".tsv", ".tab", ".txt") else ",")


def _header(row: list[str], source_lang: str | None, target_lang: str | None) -> tuple[dict[str, int] | None, list[str]]:
    """Column roles and the languages named by a header row, or ``(None, [])`` when the row is data."""
    columns: dict[str, int] = {}
    languages: list[tuple[str, int]] = []
    for index, cell in enumerate(row):
        name = cell.strip().casefold().lstrip("\ufeff")
        language = next((code for code, names in _LANGUAGE_HEADERS.items() if name in names), None)
        if language is not None:
            languages.append((language, index))
        elif name in _SOURCE_HEADERS:
            columns.setdefault("source", index)
        elif name in _TARGET_HEADERS:
            columns.setdefault("target", index)
        elif name in _NOTE_HEADERS:
            columns.setdefault("note", index)
        elif name in _DNT_HEADERS:
            columns.setdefault("dnt", index)
    if not columns and not languages:
        return None, []
    if languages:
        wanted_source = primary_language(source_lang) if source_lang else languages[0][0]
        for language, index in languages:
            if language == wanted_source:
                columns.setdefault("source", index)
        wanted_target = primary_language(target_lang) if target_lang else None
        for language, index in languages:
            if index != columns.get("source") and (wanted_target is None or language == wanted_target):
                columns.setdefault("target", index)
    columns.setdefault("source", 0)
    columns.setdefault("target", 1 if columns["source"] != 1 else 0)
    ordered = [language for language, index in sorted(languages, key=lambda pair: pair[1] != columns["source"])]
    return columns, ordered


def _languages(
    source_lang: str | None, target_lang: str | None, named: list[str], samples: list[str]
) -> tuple[str, str]:
    src = primary_language(source_lang) if source_lang else (named[0] if named else None)
    if src is None:
        src = "ja" if sum(bool(_JAPANESE.search(sample)) for sample in samples) * 2 >= max(len(samples), 1) else "en"
    tgt = primary_language(target_lang) if target_lang else next((lang for lang in named if lang != src), None)
    return src, tgt or ("en" if src == "ja" else "ja")


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _concept(element: Any) -> dict[str, Any]:
    terms: dict[str, list[tuple[str, str]]] = {}
    notes: list[str] = []
    flags: list[str] = []
    for child in element.iter():
        name = _local(child.tag)
        if name in {"langSet", "langSec"}:
            lang = primary_language(child.get(_XML_LANG) or child.get("lang") or "")
            for group in child.iter():
                if _local(group.tag) in {"tig", "ntig", "termSec"}:
                    term_element = next((e for e in group.iter() if _local(e.tag) == "term"), None)
                    if term_element is None:
                        continue
                    term = "".join(term_element.itertext()).strip()
                    status = ""
                    for note in group.iter():
                        if _local(note.tag) == "termNote" and note.get("type") in {
                            "administrativeStatus",
                            "normativeAuthorization",
                        }:
                            status = "".join(note.itertext()).strip().casefold()
                        elif _local(note.tag) in {"termNote", "note", "descrip"}:
                            flags.append("".join(note.itertext()))
                    if term:
                        terms.setdefault(lang, []).append((term, status))
        elif (name == "descrip" and child.get("type") in {"definition", "explanation"}) or name == "note":
            text = " ".join("".join(child.itertext()).split())
            if text and text not in notes:
                notes.append(text)
    return {"terms": terms, "notes": "; ".join(notes), "flags": " ".join(flags)}


def _pick(languages: list[str], other: str | None) -> str | None:
    for preferred in ("ja", "en"):
        if preferred in languages and preferred != other:
            return preferred
    return next((lang for lang in languages if lang != other), None)


def _rank(term: str, targets: list[tuple[str, str]]) -> int:
    status = next((status for candidate, status in targets if candidate == term), "")
    return 0 if status in _PREFERRED else 1
