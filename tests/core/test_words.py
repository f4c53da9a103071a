"""Word boundaries: spans tile the text, morphemes for Japanese with exact code-point offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.words import MAX_CHUNK_CHARS, detect_word_lang, word_spans, words


def _assert_tiles(text: str, spans: list[tuple[int, int]]) -> None:
    position = 0
    for start, end in spans:
        assert start == position and end > start
        position = end
    assert position == len(text)


def test_japanese_morphemes_with_offsets() -> None:
    text = "外務省の方針を決定した。"
    assert words(text, "ja") == ["外務", "省", "の", "方針", "を", "決定", "し", "た", "。"]
    _assert_tiles(text, word_spans(text, "ja"))


def test_japanese_whitespace_mecab_skips_is_kept_as_spans() -> None:
    text = "  外務省の方針\u3000を\n\n決定した。 Hello world\t\tです\n"
    pieces = words(text, "ja")
    assert "".join(pieces) == text
    assert pieces[0] == "  "
    assert pieces.count("\n") == 3
    assert "\t\t" in pieces and "Hello" in pieces
    _assert_tiles(text, word_spans(text, "ja"))


def test_surrogate_pairs_and_emoji_keep_code_point_offsets() -> None:
    text = "𠮷野家で🍣を食べた。"
    spans = word_spans(text, "ja")
    _assert_tiles(text, spans)
    assert "".join(text[s:e] for s, e in spans) == text


def test_english_words_whitespace_and_punctuation() -> None:
    text = "Hello, world!\n  it's e-mail\n\n"
    assert words(text, "en") == ["Hello", ",", " ", "world", "!", "\n", "  ", "it's", " ", "e-mail", "\n", "\n"]


def test_detection_per_text() -> None:
    assert detect_word_lang("The minister arrived.") == "en"
    assert detect_word_lang("The minister 到着.") == "ja"
    assert words("The minister arrived.") == ["The", " ", "minister", " ", "arrived", "."]
    assert "外務" in words("外務省の方針")


def test_long_lines_are_cut_into_chunks_without_losing_text() -> None:
    text = ("関係各国と協議した結果、" * (MAX_CHUNK_CHARS // 6)) + "終わり"
    spans = word_spans(text, "ja")
    _assert_tiles(text, spans)
    assert len(text) > MAX_CHUNK_CHARS


def test_empty_and_unknown_language() -> None:
    assert word_spans("") == []
    with pytest.raises(ValueError, match="unknown word language"):
        word_spans("abc", "fr")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("外務省のをが方針決定しました。、 \u3000\n\tabcXYZ12！？「」ｶﾀ𠮷")), max_size=60))
def test_spans_always_tile_the_text(text: str) -> None:
    for lang in ("ja", "en", None):
        _assert_tiles(text, word_spans(text, lang))


def test_characters_mecab_cannot_take_keep_their_offsets() -> None:
    assert words("外務省\x00の方針を", "ja") == ["外務", "省", "\x00", "の", "方針", "を"]
    assert words("外務省\ud800の方針", "ja") == ["外務", "省", "\ud800", "の", "方針"]
