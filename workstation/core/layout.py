"""Classification of one line of a document: blank, a marking, a header label, a list item or plain text.

The patterns cover what officers meet in cables and official documents: classification lines
(CONFIDENTIAL, 秘, 取扱注意), routing lines (FM/TO/INFO/TAGS), labels whose value is translated
(SUBJECT:, REF:, 件名：), list markers (1. / (1) / （1） / ア / （ア） / ・ / - / •) and portion marks ((C), (SBU)).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["LineInfo", "LineKind", "classify_line", "display_width"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


class LineKind(StrEnum):
    BLANK = "blank"
    MARKING = "marking"
    """Carried over whole: classification lines, SECTION 1 OF 2, END SUMMARY, 以上, separators."""
    ROUTING = "routing"
    """A header line carried over whole (FM, TO, INFO, TAGS, DATE, 日付 ...)."""
    HEADER = "header"
    """A label kept verbatim and a value that is translated (SUBJECT:, REF:, 件名：)."""
    LIST_ITEM = "list_item"
    TEXT = "text"


@dataclass(frozen=True)
class LineInfo:
    """What a line is; ``body_start`` is the offset (within the line) where translatable text begins."""

    kind: LineKind
    indent: str
    body_start: int
    marker: str = ""
    label: str = ""


_SPACE = "[ \\t\\u3000]"
_SPACED_LETTERS = re.compile(r"\b(?:[A-Z] ){3,}[A-Z]\b")
INDENT = re.compile(f"{_SPACE}*")

CLASSIFICATION_WORDS = _words("""TOP SECRET CONFIDENTIAL UNCLASSIFIED LIMITED OFFICIAL USE ONLY SENSITIVE BUT FOR RESTRICTED NOFORN
    NODIS EXDIS LIMDIS SIPDIS ORCON REL TO USA JPN FVEY FOUO SBU LOU CLASSIFICATION PROPIN IMMEDIATE
    PRIORITY ROUTINE NIACT FLASH
    秘 極秘 厳秘 部外秘 取扱注意 関係者限り 至急 大至急 公電 平文 暗号 注意 無期限 限定 配布注意 秘密 特定秘密 機密
    部内限り 内部限り 注意扱い 機密性2 機密性3 要保護 親展""")
_STRONG_CLASSIFICATION = _words("""SECRET CONFIDENTIAL UNCLASSIFIED RESTRICTED NOFORN NODIS EXDIS LIMDIS SIPDIS FOUO SBU LOU
    秘 極秘 厳秘 部外秘 取扱注意 関係者限り 至急 大至急 公電 平文 秘密 特定秘密 機密 部内限り 内部限り 注意扱い
    機密性2 機密性3 要保護 親展""")
_MARKING_LINE = re.compile(
    r"""(?:
        (?:BEGIN|END)\s+(?:SUMMARY|TEXT|NOTE|COMMENT|QUOTE|CABLE|INFORMAL\s+TRANSLATION|TRANSLATION)\.?
      | (?:UN)?QUOTE\.? | END\s+QUOTE\.? | SECTION\s+\d+\s+OF\s+\d+ | PAGE\s+\d+(?:\s+OF\s+\d+)?
      | [(（]?以上[)）]? | [-－ー―]\s*以上\s*[-－ー―] | 記 | 了 | 別添 | 別紙
      | [-=_*~・･.。,，#＃=＝ー―－─━—–\s]{3,}
    )""",
    re.VERBOSE,
)
_TRANSLATED_LABELS = (
    "(?i:SUBJECT|SUBJ|REFS?|REFERENCES?|SUMMARY|TITLE)|RE"
    "|件名|題名|標題|表題|要旨|概要|参照|宛先|宛て先|発信|発信者|差出人|写し|配布先|配付先|添付|備考"
)
_ROUTING_LABELS = (
    r"FM|FROM|TO|INFO|CC|BCC|E\.\s?O\.(?:\s*\d+)?|EO|TAGS|MRN|DTG|DATE|(?i:CLASSIFIED\s+BY)|(?i:REASONS?)|DECL|DECLASSIFY\s+ON"
    "|SIPDIS|PASS\\s+TO|POC"
    "|日付|番号|文書番号|発信日|発信番号|電信番号|起案|決裁|受信日|受信番号"
)
_HEADER = re.compile(f"(?P<label>(?:{_TRANSLATED_LABELS}){_SPACE}*[:：]|(?:件名|題名|標題){_SPACE}+){_SPACE}*")
_ROUTING_COLON = re.compile(f"(?:{_ROUTING_LABELS}){_SPACE}*[:：]")
_ROUTING_BARE = re.compile(r"(?:FM|TO|INFO|CC|TAGS|E\.\s?O\.|SIPDIS|MRN|DTG)(?=\s|$)")
_PORTION = r"[(（](?:U|C|S|TS|SBU|LOU|FOUO|CUI|[CS]\s?/{1,2}\s?(?:NF|REL)|SBU\s?/{1,2}\s?NF)[)）]"
_MARKER = re.compile(
    "(?P<marker>"
    + "|".join(
        (
            r"[(（][0-9０-９]{1,3}[)）]",
            r"[(（](?:[ivxIVX]{1,5}|[a-zA-Zａ-ｚＡ-Ｚ])[)）]",
            r"[(（][ア-ンｱ-ﾝ][)）]",
            r"[(（][一二三四五六七八九十]{1,3}[)）]",
            r"[①-⑳⑴-⒇㈠-㈩]",
            r"[0-9０-９]{1,3}(?:[.．][0-9０-９]{1,3})*[.．)）](?![0-9０-９])",
            r"[0-9０-９]{1,2}(?:[.．][0-9０-９]{1,3})+(?=[ \t\u3000]+[A-Z\u3000-\u9fff])",
            r"(?:[ivxIVX]{1,5}|[a-zA-Z])[.)](?=[ \t\u3000])",
            r"[ア-ン](?=[ \t\u3000])",
            r"[一二三四五六七八九十]{1,3}[、．.](?![0-9０-９])",
            r"第[0-9０-９一二三四五六七八九十百]{1,4}[条章節項款](?=[ \t\u3000])",
            r"[・•◦‣●○■□◆◇▪▫►▶➢※★☆]",
            r"[-–—*+‐－>](?=[ \t\u3000])",
            _PORTION,
        )
    )
    + f")(?:{_SPACE}*{_PORTION})?{_SPACE}*"
)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width font (wide East Asian characters count two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _classification_words(stripped: str) -> list[str]:
    text = stripped.strip("【】［］[]()（）〔〕<>《》〈〉 \t\u3000")
    text = _SPACED_LETTERS.sub(lambda match: match.group(0).replace(" ", ""), text)
    return [word for word in re.split(r"[\s/／・,，、\-－]+", text) if word]


def _is_classification(stripped: str, *, in_header_zone: bool) -> bool:
    """A classification line (``CONFIDENTIAL``, ``秘``, ``C O N F I D E N T I A L``).

    In the header zone an all-capitals line that starts with a classification is one too
    (``CONFIDENTIAL SECTION 01 OF 02 TOKYO 001234``).
    """
    words = _classification_words(stripped)
    if not words or words[0] not in CLASSIFICATION_WORDS:
        return False
    known = [word in CLASSIFICATION_WORDS for word in words]
    if all(known):
        return any(word in _STRONG_CLASSIFICATION for word in words)
    return in_header_zone and words[0] in _STRONG_CLASSIFICATION and not any(c.islower() for c in stripped)


def classify_line(line: str, *, in_header_zone: bool = False) -> LineInfo:
    """Classify one line (without its newline).

    ``in_header_zone`` allows bare routing lines such as ``FM AMEMBASSY TOKYO`` (no colon), which are only
    recognised before the first paragraph of body text.
    """
    indent = INDENT.match(line).group(0)  # type: ignore[union-attr]
    rest = line[len(indent) :]
    stripped = rest.rstrip()
    if not stripped:
        return LineInfo(LineKind.BLANK, indent, len(line))
    if _is_classification(stripped, in_header_zone=in_header_zone) or _MARKING_LINE.fullmatch(stripped):
        return LineInfo(LineKind.MARKING, indent, len(line))
    if _ROUTING_COLON.match(rest) or (
        in_header_zone and _ROUTING_BARE.match(rest) and not any(char.islower() for char in rest)
    ):
        return LineInfo(LineKind.ROUTING, indent, len(line))
    header = _HEADER.match(rest)
    if header and (header.group("label")[0].isupper() or not header.group("label").isascii()):
        return LineInfo(LineKind.HEADER, indent, len(indent) + header.end(), label=header.group("label"))
    marker = _MARKER.match(rest)
    if marker and marker.end() < len(stripped):
        return LineInfo(LineKind.LIST_ITEM, indent, len(indent) + marker.end(), marker=marker.group("marker"))
    return LineInfo(LineKind.TEXT, indent, len(indent))
