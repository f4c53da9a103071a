"""Sentence splitting for Japanese and English, giving code-point spans into the original text.

Japanese: a sentence ends at 。．！？ (and ! ? and runs such as ！？), closing brackets and quotes stay with
their sentence, and nothing splits inside a matched 「…」『…』（…）. English: a sentence ends at . ! ? unless
the period belongs to an abbreviation (Mr., Dr., U.S., No. 5, e.g., i.e., etc.), an initial (J. Smith), a
decimal (3.5) or a name such as example.com.
"""

from __future__ import annotations

import re

from workstation.core.spans import Span, is_cjk

__all__ = ["split_sentences"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())

JA_TERMINATORS = frozenset("。．！？!?")
EN_TERMINATORS = frozenset(".!?。！？")
_RUN_CHARS = frozenset("。．！？!?.…‥")
CLOSERS = frozenset("」』）)】〕］]〉》”’\"'｣>")
_OPEN_TO_CLOSE = {
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "【": "】",
    "〔": "〕",
    "［": "］",
    "《": "》",
    "〈": "〉",
    "“": "”",
    "｢": "｣",
}
_EN_OPENERS = {"(": ")", "“": "”"}

TITLES = _words("""mr mrs ms dr prof st gen col lt capt cmdr sgt adm amb sen rep gov hon rev messrs mt ft vs cf viz
    approx ca e.g i.e fig figs dept est no.s pres supt insp det gov't""")
"""Abbreviations that are (almost) never the last word of a sentence."""
NUMBER_ABBREVIATIONS = _words("""no nos art arts sec secs para paras vol vols p pp ch chap tel fax ext op ref refs item items
    jan feb mar apr jun jul aug sep sept oct nov dec""")
"""Abbreviations that do not end a sentence when a number follows (No. 5, Art. 9, Jan. 3)."""
AMBIGUOUS = _words("etc inc ltd co corp jr sr al bros esq a.m p.m u.s u.k u.n e.u")
"""Abbreviations that often end a sentence: split only when the next word clearly starts one."""
SENTENCE_STARTERS = _words("""the a an this that these those it its he she we they i you there here his her our their my in on at
    for as but and however if when while after before since although though also yet so then thus
    therefore moreover meanwhile according during under with without from to by of what who why how
    please all some no one two three next last mr mrs ms dr
    """)
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")
_WORD_AFTER = re.compile(r"[(\"'“‘\[]*([\w'’-]*)")


def split_sentences(text: str, lang: str, *, join_lines: bool = False) -> list[Span]:
    """Spans of the sentences of ``text`` (surrounding whitespace excluded), in order.

    Line breaks end a sentence unless ``join_lines`` is true (hard-wrapped prose); blank lines always do.
    """
    spans: list[Span] = []
    breaker = r"\n[ \t\u3000]*\n\s*" if join_lines else r"\n"
    start = 0
    for match in re.finditer(breaker, text):
        spans.extend(_split_region(text, start, match.start(), lang))
        start = match.end()
    spans.extend(_split_region(text, start, len(text), lang))
    return spans


def _split_region(text: str, start: int, end: int, lang: str) -> list[Span]:
    """Sentences of ``text[start:end]``, which holds no hard break."""
    japanese = lang.startswith("ja")
    inside = _protected_positions(text, start, end, _OPEN_TO_CLOSE if japanese else _EN_OPENERS)
    terminators = JA_TERMINATORS if japanese else EN_TERMINATORS
    spans: list[Span] = []
    sentence_start = start
    index = start
    while index < end:
        char = text[index]
        if char in "」』" and japanese and index > start and text[index - 1] in JA_TERMINATORS:
            boundary = _run_end(text, index, end)
            if not inside[index - start] and _quote_ends_sentence(text, boundary, end):
                spans.append(Span(sentence_start, boundary))
                sentence_start = boundary
            index = boundary
            continue
        if char not in terminators and char not in ".…":
            index += 1
            continue
        if inside[index - start]:
            index += 1
            continue
        boundary = _run_end(text, index, end)
        if _is_boundary(text, index, boundary, end, japanese):
            spans.append(Span(sentence_start, boundary))
            sentence_start = boundary
        index = boundary
    spans.append(Span(sentence_start, end))
    trimmed = [_trim(text, span) for span in spans]
    return [span for span in trimmed if span.end > span.start]


def _run_end(text: str, index: int, end: int) -> int:
    """Index just past a run of terminators and the closing brackets or quotes that follow it."""
    position = index
    while position < end and text[position] in _RUN_CHARS:
        position += 1
    while position < end and text[position] in CLOSERS:
        position += 1
    return position


def _is_boundary(text: str, index: int, boundary: int, end: int, japanese: bool) -> bool:
    run = text[index:boundary]
    following = text[boundary] if boundary < end else ""
    if not following:
        return True
    if japanese and any(char in "。．！？!?" for char in run):
        if run[0] == "．" and following.isdigit():
            return False
        if run[-1] in "」』":
            return _quote_ends_sentence(text, boundary, end)
        return True
    if japanese and not (following.isspace() and "." in run):
        return False
    if following.isspace():
        next_word = _next_word(text, boundary, end)
        if next_word[:1].islower():
            return False
        if "!" in run or "?" in run or "！" in run or "？" in run or "。" in run:
            return True
        return _period_ends_sentence(text, index, run, next_word)
    return is_cjk(following)


def _quote_ends_sentence(text: str, boundary: int, end: int) -> bool:
    """After 「…。」 a new sentence starts only at whitespace, another quote or the end, not before と/って."""
    following = text[boundary] if boundary < end else ""
    return not following or following.isspace() or following in "「『"


def _period_ends_sentence(text: str, index: int, run: str, next_word: str) -> bool:
    """Whether the period run at ``index`` (followed by whitespace and ``next_word``) ends a sentence."""
    if not next_word or run.startswith("..") or run.startswith("…") or run != ".":
        return True
    match = _WORD_BEFORE.search(text, max(0, index - 64), index)
    word = match.group(1).lstrip("'’-") if match else ""
    lowered = word.lower()
    if lowered in TITLES:
        return False
    if lowered in NUMBER_ABBREVIATIONS and next_word[:1].isdigit():
        return False
    if len(word) == 1 and word.isupper() and next_word[:1].isupper():
        return False
    if lowered in AMBIGUOUS or "." in word:
        return lowered == "etc" or next_word.lower() in SENTENCE_STARTERS
    return True


def _next_word(text: str, position: int, end: int) -> str:
    while position < end and text[position].isspace():
        position += 1
    match = _WORD_AFTER.match(text, position, end)
    return match.group(1) if match else ""


def _protected_positions(text: str, start: int, end: int, pairs: dict[str, str]) -> bytearray:
    """For each position of ``text[start:end]``, 1 when it lies strictly inside a matched bracket pair.

    Unmatched brackets protect nothing, so one stray 「 cannot stop all splitting.
    """
    depth_change = [0] * (end - start + 1)
    stack: list[tuple[str, int]] = []
    closers = {close: open_ for open_, close in pairs.items()}
    for position in range(start, end):
        char = text[position]
        if char in pairs:
            stack.append((char, position))
        elif char in closers:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == closers[char]:
                    depth_change[stack[depth][1] + 1 - start] += 1
                    depth_change[position - start] -= 1
                    del stack[depth:]
                    break
    inside = bytearray(end - start)
    depth = 0
    for offset in range(end - start):
        depth += depth_change[offset]
        inside[offset] = depth > 0
    return inside


def _trim(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
