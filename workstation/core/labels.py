"""Header labels of cables and official documents in the other language (件名： ⇄ SUBJECT:).

The label of a header line (``SUBJECT:``, ``REF:``, ``件名：``) is not sent to the model: a small model turns
件名 into "The name of the case". When the line's text is translated, its label is taken from this table instead,
in the form the target language writes it (``SUBJECT: `` with a space, ``件名：`` with a full-width colon).
"""

from __future__ import annotations

import re

__all__ = ["translated_label"]

JAPANESE_TO_ENGLISH = {
    "件名": "SUBJECT",
    "題名": "SUBJECT",
    "標題": "SUBJECT",
    "表題": "TITLE",
    "要旨": "SUMMARY",
    "概要": "SUMMARY",
    "参照": "REF",
    "宛先": "TO",
    "宛て先": "TO",
    "発信": "FROM",
    "発信者": "FROM",
    "差出人": "FROM",
    "写し": "CC",
    "配布先": "DISTRIBUTION",
    "配付先": "DISTRIBUTION",
    "添付": "ATTACHMENT",
    "備考": "NOTE",
}
ENGLISH_TO_JAPANESE = {
    "SUBJECT": "件名",
    "SUBJ": "件名",
    "RE": "件名",
    "TITLE": "表題",
    "SUMMARY": "要旨",
    "REF": "参照",
    "REFS": "参照",
    "REFERENCE": "参照",
    "REFERENCES": "参照",
}
_SEPARATOR = re.compile(r"[ \t\u3000:：]+$")


def translated_label(label: str, target_lang: str) -> str | None:
    """``label`` (as written, colon and spaces included) in ``target_lang``, or ``None`` when there is none."""
    word = _SEPARATOR.sub("", label)
    language = target_lang.split("-")[0]
    if language == "en" and word in JAPANESE_TO_ENGLISH:
        return f"{JAPANESE_TO_ENGLISH[word]}: "
    if language == "ja" and word.upper() in ENGLISH_TO_JAPANESE:
        return f"{ENGLISH_TO_JAPANESE[word.upper()]}："
    return None
