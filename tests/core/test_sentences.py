"""Sentence splitting for Japanese and English: valid and invalid split points, exact spans."""

from __future__ import annotations

import pytest

from workstation.core.sentences import split_sentences


def sentences(text: str, lang: str, **options: bool) -> list[str]:
    return [span.of(text) for span in split_sentences(text, lang, **options)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今日は晴れです。明日は雨です。", ["今日は晴れです。", "明日は雨です。"]),
        ("本当ですか？！はい！", ["本当ですか？！", "はい！"]),
        ("すごい!本当?うん。", ["すごい!", "本当?", "うん。"]),
        # a quotation with its own full stop is not split, and its closing bracket stays inside
        ("彼は「行こう。すぐに。」と言った。私は従った。", ["彼は「行こう。すぐに。」と言った。", "私は従った。"]),
        # two quoted utterances in a row are two sentences
        ("「はい。」「いいえ。」", ["「はい。」", "「いいえ。」"]),
        # brackets after the full stop stay with the sentence
        ("（注：例である。）次の文。", ["（注：例である。）次の文。"]),
        ("これで終わり。）次の文。", ["これで終わり。）", "次の文。"]),
        # full-width decimal point is not a sentence end
        ("３．５％増加した。", ["３．５％増加した。"]),
        # an unmatched opening bracket does not swallow the rest of the text
        ("「引用が閉じない。次の文。", ["「引用が閉じない。", "次の文。"]),
        ("　全角スペースで始まる文。", ["全角スペースで始まる文。"]),
        # an ellipsis inside a Japanese sentence is not its end
        ("それは……わからない。", ["それは……わからない。"]),
        # English inside Japanese text follows the English rules
        ("会議で Mr. Smith が発言した。It was long. 以上。", ["会議で Mr. Smith が発言した。", "It was long.", "以上。"]),
    ],
)
def test_japanese(text: str, expected: list[str]) -> None:
    assert sentences(text, "ja") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith went to Washington. He left.", ["Mr. Smith went to Washington.", "He left."]),
        ("Dr. J. Brown met Amb. Sato.", ["Dr. J. Brown met Amb. Sato."]),
        ("The U.S. Embassy said so. Then it stopped.", ["The U.S. Embassy said so.", "Then it stopped."]),
        ("The talks ended in the U.S. Next week they resume.", ["The talks ended in the U.S.", "Next week they resume."]),
        ("See No. 5 and Art. 9. It applies.", ["See No. 5 and Art. 9.", "It applies."]),
        ("The answer is no. We left.", ["The answer is no.", "We left."]),
        ("Prices rose 3.5 percent, e.g. in Tokyo, i.e. the capital.", ["Prices rose 3.5 percent, e.g. in Tokyo, i.e. the capital."]),
        ("Apples, pears, etc. They were sold.", ["Apples, pears, etc.", "They were sold."]),
        ("Apples, pears, etc. were sold.", ["Apples, pears, etc. were sold."]),
        ("Visit example.com today. Thanks.", ["Visit example.com today.", "Thanks."]),
        ('He asked "Why?" and left. "Really?" she said.', ['He asked "Why?" and left.', '"Really?" she said.']),
        ('He said "Go." Then he left.', ['He said "Go."', "Then he left."]),
        ("We met at 10 a.m. The minister spoke.", ["We met at 10 a.m.", "The minister spoke."]),
        ("Wait... what happened? Nothing.", ["Wait... what happened?", "Nothing."]),
        ("What? Yes! OK.", ["What?", "Yes!", "OK."]),
        ("English then 日本語。", ["English then 日本語。"]),
    ],
)
def test_english(text: str, expected: list[str]) -> None:
    assert sentences(text, "en") == expected


def test_spans_are_code_point_offsets() -> None:
    text = "𠮷野家に行った。😀楽しかった。"
    spans = split_sentences(text, "ja")
    assert [span.of(text) for span in spans] == ["𠮷野家に行った。", "😀楽しかった。"]
    assert spans[1].start == len("𠮷野家に行った。")


def test_line_breaks_are_hard_unless_joined() -> None:
    text = "This is a wrapped\nsentence. And another.\n\nNew paragraph"
    assert sentences(text, "en") == ["This is a wrapped", "sentence.", "And another.", "New paragraph"]
    assert sentences(text, "en", join_lines=True) == [
        "This is a wrapped\nsentence.",
        "And another.",
        "New paragraph",
    ]


def test_whitespace_only_gives_nothing() -> None:
    assert split_sentences(" \n\u3000 ", "ja") == []
    assert split_sentences("", "en") == []
