"""Random Unicode through the proofreader, the auto-fixer and the segmenter (longer run: WORKSTATION_FUZZ=1).

No exception escapes, every reported offset lies within the text, applying fixes changes only the reported
spans, and a segmented document reassembles to itself.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workstation.core import segment_document, split_sentences
from workstation.proofread import Checker, apply_fixes

FUZZ = os.environ.get("WORKSTATION_FUZZ") == "1"
EXAMPLES = 2000 if FUZZ else 60

SNIPPETS = (
    "外務省の方針について説明します。", "ですです", "はは", "「閉じない括弧", "ｶﾀｶﾅ", "①㈱㌔", "\u3000", "\r\n", "\n",
    "👨‍👩‍👧", "か\u3099", "e\u0301", "。。。", "、、、", "且つ", "頂く", "Mr. Smith", "1.5", "\t", "\x00", "\x1b",
    "\ud800", "（１）", "・", "件名：", "行れる", "くだいさ", "サーバー", "サーバ", "することができる",
)
ANY_CHAR = st.characters(blacklist_categories=())
TEXTS = st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(ANY_CHAR, max_size=8)), max_size=30).map("".join)
LONG_LINES = st.integers(min_value=500, max_value=4000).map(lambda n: ("長い行" * n)[:n])
FUZZ_SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_checker = Checker()


def _unchanged_gaps_survive(text: str, fixed: str, spans: list[tuple[int, int]]) -> bool:
    """Every stretch of ``text`` outside the reported spans appears, in order, in ``fixed``."""
    cursor_text, cursor_fixed = 0, 0
    for start, end in sorted(spans):
        if start < cursor_text:
            cursor_text = max(cursor_text, end)
            continue
        gap = text[cursor_text:start]
        found = fixed.find(gap, cursor_fixed)
        if found < 0:
            return False
        cursor_fixed = found + len(gap)
        cursor_text = end
    return text[cursor_text:] in fixed[cursor_fixed:]


@FUZZ_SETTINGS
@given(st.one_of(TEXTS, LONG_LINES))
def test_proofreader_and_fixer_on_random_unicode(text: str) -> None:
    issues = _checker.check(text)
    for issue in issues:
        assert 0 <= issue.start <= issue.end <= len(text)
        assert issue.line >= 1 and issue.column >= 1
    fixed = apply_fixes(text, issues)
    assert _unchanged_gaps_survive(text, fixed, [(i.start, i.end) for i in issues if i.suggestions])


@FUZZ_SETTINGS
@given(TEXTS, st.sampled_from(["ja", "en", None]))
def test_segmenter_keeps_every_character(text: str, lang: str | None) -> None:
    document = segment_document(text, lang)
    previous_end = 0
    for segment in document.segments:
        assert previous_end <= segment.start <= segment.end <= len(text)
        previous_end = segment.end
    assert document.assemble([None] * len(document.segments), document.lang) == text


@FUZZ_SETTINGS
@given(TEXTS, st.sampled_from(["ja", "en"]))
def test_sentence_spans_are_ordered_and_inside(text: str, lang: str) -> None:
    previous_end = 0
    for span in split_sentences(text, lang):
        assert previous_end <= span.start < span.end <= len(text)
        previous_end = span.end


def test_only_punctuation_and_controls() -> None:
    for text in ("。" * 5000, "、" * 3000 + "。", "\x00\x01\x02" * 100, "「「「『『（（【", "\u3000" * 1000):
        issues = _checker.check(text)
        assert all(0 <= i.start <= i.end <= len(text) for i in issues)
        apply_fixes(text, issues)
