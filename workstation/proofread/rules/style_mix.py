"""です・ます調 and である調 mixed within one document (document-level)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal, NamedTuple

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme, Sentence
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Option, Rule

Style = Literal["polite", "plain"]
POLITE_LEMMAS = frozenset({"です", "ます"})
SECTION_BREAK_RE = re.compile(r"^[\s\u3000]*(?:記|以上)[\s\u3000]*$")
"""The 記 line of an official letter: the polite cover text and the plain body are counted apart."""


class StyleFacts(NamedTuple):
    """A paragraph's sentence-final predicates by style, or a 記 line that starts a new section."""

    section_break: bool
    polite: tuple[tuple[int, int], ...]
    plain: tuple[tuple[int, int], ...]


SECTION_BREAK = StyleFacts(True, (), ())


def sentence_style(analysis: Analysis, sentence: Sentence) -> tuple[Style, Morpheme] | None:
    """Classify a sentence by its final predicate; None for nominal endings, headings and fragments."""
    morphemes = analysis.sentence_morphemes(sentence)
    if not morphemes or morphemes[-1].surface[-1:] not in "。．！？!?":
        return None
    index = len(morphemes) - 1
    while index >= 0 and (morphemes[index].is_symbol or morphemes[index].pos2 == "終助詞"):
        index -= 1
    if index < 0:
        return None
    last = morphemes[index]
    tail: list[Morpheme] = []
    while index >= 0 and (morphemes[index].pos1 == "助動詞" or morphemes[index].pos2 == "準体助詞"):
        tail.append(morphemes[index])
        index -= 1
    if any(m.lemma in POLITE_LEMMAS for m in tail):
        return "polite", last
    if (
        last.pos1 == "助動詞"
        and last.lemma in ("だ", "た", "ない", "ぬ", "う", "まい", "らしい", "たい")
        and last.cform.startswith("終止形")
    ):
        head = morphemes[index] if index >= 0 else None
        if last.lemma == "た" and head is not None and head.lemma in POLITE_LEMMAS:
            return "polite", last
        return "plain", last
    if last.pos1 in ("動詞", "形容詞") and last.cform.startswith("終止形"):
        if last.lemma in ("御座る",):
            return "polite", last
        return "plain", last
    return None


class StyleMix(Rule):
    id = "style-mix"
    category = "style"
    severity = Severity.WARNING
    name = Text("です・ます調とである調の混在", "Mixed です・ます and である styles")
    description = Text(
        "文書の中で、文末が「です・ます」の文と「だ・である」の文が混在している箇所を見つけます。文末の形で各文の文体を判定し、"
        "少ない方の文体の文を報告します。体言止め、見出し、かぎ括弧の中の引用は数えません。"
        "公用文の「記」の行の前（です・ます調の前文）と後（である調の本文）は別々に数えます。",
        "Finds documents that mix polite (です・ます) and plain (だ・である) sentence endings and reports the"
        " sentences in the minority style. Nominal endings, headings and quotations are not counted. The polite cover"
        " text before the 記 line of an official letter and the plain body after it are counted separately.",
    )
    document_level = True
    options = (
        Option(
            "prefer",
            "auto",
            Text("基準の文体（auto は多い方）", "expected style (auto: the majority)"),
            choices=("auto", "polite", "plain"),
        ),
    )
    valid = (
        "会議を開きます。資料を配ります。「行くぞ」と言いました。",
        "会議を開く。資料を配る。",
        "会議を開きます。\n結論：延期",
        "標記について、下記のとおり報告します。\n記\n本件は延期する。方針は未定である。",
    )
    invalid = (
        Example("会議を開きます。資料を配ります。結論は延期である。", span="ある"),
        Example("会議を開く。資料を配る。結論は延期です。", span="です"),
        Example("資料を配る。", span="配る", options={"prefer": "polite"}),
    )

    def collect(self, analysis: Analysis, options: Mapping[str, Any]) -> StyleFacts:
        if SECTION_BREAK_RE.match(analysis.text):
            return SECTION_BREAK
        spans: dict[Style, list[tuple[int, int]]] = {"polite": [], "plain": []}
        for sentence in analysis.sentences:
            style = sentence_style(analysis, sentence)
            if style is not None:
                spans[style[0]].append((style[1].start, style[1].end))
        return StyleFacts(False, tuple(spans["polite"]), tuple(spans["plain"]))

    def report(
        self, starts: Sequence[int], facts: Sequence[StyleFacts], options: Mapping[str, Any]
    ) -> Iterator[Finding]:
        first = 0
        for index, found in enumerate(facts):
            if found.section_break:
                yield from self._check_section(starts[first:index], facts[first:index], options)
                first = index + 1
        yield from self._check_section(starts[first:], facts[first:], options)

    def _check_section(
        self, starts: Sequence[int], facts: Sequence[StyleFacts], options: Mapping[str, Any]
    ) -> Iterator[Finding]:
        counts = (sum(len(found.polite) for found in facts), sum(len(found.plain) for found in facts))
        prefer = options["prefer"]
        if prefer == "auto":
            if not counts[0] or not counts[1]:
                return
            prefer = "polite" if counts[0] >= counts[1] else "plain"
        minority: Style = "plain" if prefer == "polite" else "polite"
        message = Text(
            f"文体が混在しています（です・ます調 {counts[0]} 文、である調 {counts[1]} 文）。"
            + ("この文もです・ます調にそろえてください。" if prefer == "polite" else "この文もである調にそろえてください。"),
            f"Mixed styles ({counts[0]} polite, {counts[1]} plain sentences); "
            + (
                "make this sentence polite (です・ます) too."
                if prefer == "polite"
                else "make this sentence plain (だ・である) too."
            ),
        )
        for paragraph_start, found in zip(starts, facts, strict=True):
            for start, end in found.plain if minority == "plain" else found.polite:
                yield Finding(paragraph_start + start, paragraph_start + end, message)


RULE = StyleMix()
