"""The analyzer maps every morpheme to exact code-point offsets and caches paragraphs."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.proofread.analyzer import Analyzer, split_lines

TRICKY = (
    "ｱｲｳｴｵ　テスト😀です。\r\n"
    "「会議」は　明日　です。\r\n"
    "\r\n"
    "か\u3099いこう👨\u200d👩\u200d👧 と cafe\u0301、ﾊﾟｿｺﾝ。\r"
    "tab\tseparated  text and ＡＢＣ１２３\n"
    "NUL\x00と制御\x07文字\ud800も壊さない"
)


def _check_offsets(text: str, analyzer: Analyzer) -> None:
    for paragraph in analyzer.paragraphs(text):
        assert text[paragraph.start : paragraph.end] == paragraph.text
        previous_end = 0
        for morpheme in paragraph.analysis.morphemes:
            assert morpheme.start >= previous_end
            assert paragraph.text[morpheme.start : morpheme.end] == morpheme.surface
            assert text[paragraph.start + morpheme.start : paragraph.start + morpheme.end] == morpheme.surface
            previous_end = morpheme.end
        covered = {i for m in paragraph.analysis.morphemes for i in range(m.start, m.end)}
        for index, char in enumerate(paragraph.text):
            if char not in " \t" and unicodedata.category(char) not in ("Cc", "Cs"):
                assert index in covered, (paragraph.text, index, char)


def test_offsets_on_full_width_spaces_half_width_kana_emoji_and_crlf():
    analyzer = Analyzer()
    _check_offsets(TRICKY, analyzer)
    paragraphs = analyzer.paragraphs(TRICKY)
    assert [p.text for p in paragraphs][:3] == ["ｱｲｳｴｵ　テスト😀です。", "「会議」は　明日　です。", ""]
    first = paragraphs[0].analysis.morphemes
    emoji = next(m for m in first if m.surface == "😀")
    assert (emoji.start, emoji.end) == (9, 10)
    desu = next(m for m in first if m.surface == "です")
    assert TRICKY[paragraphs[0].start + desu.start : paragraphs[0].start + desu.end] == "です"
    second = paragraphs[1]
    assert second.start == len("ｱｲｳｴｵ　テスト😀です。\r\n")
    ashita = next(m for m in second.analysis.morphemes if m.surface == "明日")
    assert TRICKY[second.start + ashita.start : second.start + ashita.end] == "明日"


def test_line_splitting_treats_crlf_cr_and_lf_as_one_break():
    assert split_lines("a\r\nb\rc\nd") == [(0, 1), (3, 4), (5, 6), (7, 8)]
    assert split_lines("") == [(0, 0)]
    assert split_lines("a\n") == [(0, 1), (2, 2)]


def test_sentences_do_not_split_inside_quotes():
    analysis = Analyzer().analyze("彼は「行く。帰る。」と言った。次の文！？最後")
    texts = [analysis.sentence_text(s) for s in analysis.sentences]
    assert texts == ["彼は「行く。帰る。」と言った。", "次の文！？", "最後"]


def test_paragraph_cache_is_text_keyed_and_bounded():
    analyzer = Analyzer(cache_size=2)
    first = analyzer.analyze("一つ目の段落。")
    assert analyzer.analyze("一つ目の段落。") is first
    assert analyzer.misses == 1
    analyzer.analyze("二つ目。")
    analyzer.analyze("三つ目。")
    analyzer.analyze("一つ目の段落。")
    assert analyzer.misses == 4


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("あいうアイウｱｲｳ漢字会議　 \t\r\n。、「」😀👍🏽\u3099\u0301ＡＢa1１!?")
        ),
        max_size=40,
    )
)
def test_offsets_hold_for_arbitrary_text(text):
    _check_offsets(text, Analyzer())


@pytest.mark.parametrize("text", ["", "\n\n", "　", "😀"])
def test_degenerate_paragraphs(text):
    _check_offsets(text, Analyzer())


def test_path_cost_prefers_the_natural_sentence():
    analyzer = Analyzer()
    natural = analyzer.path_cost("しています。")
    assert natural < analyzer.path_cost("していま。")
    assert natural < analyzer.path_cost("してまい。")
    assert analyzer.path_cost("開店します。") < analyzer.path_cost("開店すし。")
    assert analyzer.path_cost("") == 0


def test_path_cost_takes_any_text():
    analyzer = Analyzer()
    for paragraph in TRICKY.splitlines():
        assert analyzer.path_cost(paragraph) >= 0
