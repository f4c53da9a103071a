"""Header labels take the target language's form when their line is translated (件名： ⇄ SUBJECT:)."""

from __future__ import annotations

import pytest

from workstation.core.document import segment_document
from workstation.core.labels import translated_label


@pytest.mark.parametrize(
    ("label", "target", "expected"),
    [
        ("件名：", "en", "SUBJECT: "),
        ("件名　", "en", "SUBJECT: "),
        ("参照 :", "en", "REF: "),
        ("要旨：", "en-US", "SUMMARY: "),
        ("SUBJECT:", "ja", "件名："),
        ("Subject:", "ja", "件名："),
        ("REFS:", "ja", "参照："),
        ("件名：", "ja", None),
        ("SUBJECT:", "en", None),
        ("件名：", "fr", None),
    ],
)
def test_labels_in_the_other_language(label: str, target: str, expected: str | None) -> None:
    assert translated_label(label, target) == expected


def test_a_translated_header_line_gets_the_target_label_and_the_spans_follow() -> None:
    text = "秘\n\n件名：日米協議について\n\n  参照：前回の公電\n本文です。\n"
    document = segment_document(text, "ja")
    targets = ["On the Japan-US talks", "The previous cable", "This is the text."]
    assembled, spans = document.assemble_with_spans(targets, "en")
    assert assembled == "秘\n\nSUBJECT: On the Japan-US talks\n\n  REF: The previous cable\nThis is the text.\n"
    assert [assembled[span.start : span.end] for span in spans] == targets


def test_an_untranslated_header_line_keeps_its_label() -> None:
    document = segment_document("SUBJECT: Fifth dialogue\n\n1. It was held.\n", "en")
    assert document.assemble([None, "開催された。"], "ja") == "SUBJECT: Fifth dialogue\n\n1. 開催された。\n"
    assert document.assemble(["第5回対話", "開催された。"], "ja") == "件名：第5回対話\n\n1. 開催された。\n"
