"""二重敬語 (おっしゃられる, お帰りになられる, お伺いさせていただく)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule

RESPECTFUL_VERBS = frozenset({"仰る", "いらっしゃる", "召し上がる", "為さる", "下さる", "見える"})
"""Verbs that are already respectful (尊敬語); adding れる/られる doubles the honorific."""
HUMBLE_NOUNS = frozenset({"伺い", "拝見", "拝読", "拝聴", "拝借", "拝受", "拝察"})
"""Humble (謙譲語) words; adding させていただく on top doubles the humility."""
PASSIVE = frozenset({"れる", "られる"})


def _message(found: str, hint_ja: str, hint_en: str) -> Text:
    return Text(
        f"「{found}」は二重敬語です。敬語が重なると不自然になります。{hint_ja}",
        f"「{found}」 stacks two honorifics (二重敬語), which sounds wrong. {hint_en}",
    )


class DoubleHonorific(Rule):
    id = "double-honorific"
    category = "grammar"
    severity = Severity.WARNING
    name = Text("二重敬語", "Double honorific")
    description = Text(
        "尊敬語に「れる・られる」を重ねた形（おっしゃられる、お帰りになられる）や、"
        "謙譲語に「させていただく」を重ねた形（お伺いさせていただく、拝見させていただく）を見つけます。",
        "Finds respectful verbs with an extra れる/られる (おっしゃられる, お帰りになられる) and humble words"
        " with an extra させていただく (お伺いさせていただく, 拝見させていただく).",
    )
    valid = (
        "大臣がおっしゃる。",
        "部長がお帰りになる。",
        "資料を拝見します。",
        "明日伺います。",
        "先生が話された。",
    )
    invalid = (
        Example("大臣がおっしゃられた。", span="おっしゃられ"),
        Example("部長がお帰りになられる。", span="お帰りになられる", suggestion="お帰りになる"),
        Example("明日お伺いさせていただきます。", span="お伺いさせていただき"),
        Example("資料を拝見させていただきました。", span="拝見させていただき"),
        Example("いらっしゃられる方", span="いらっしゃられる", suggestion="いらっしゃる"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        morphemes = analysis.morphemes
        for index, morpheme in enumerate(morphemes):
            following = morphemes[index + 1] if index + 1 < len(morphemes) else None
            if following is None:
                break
            if morpheme.pos1 == "動詞" and following.lemma in PASSIVE:
                finding = self._respectful(morphemes, index, following)
                if finding:
                    yield finding
            elif morpheme.lemma in HUMBLE_NOUNS or (morpheme.surface == "伺い" and morpheme.pos1 == "動詞"):
                finding = self._humble(morphemes, index)
                if finding:
                    yield finding

    @staticmethod
    def _respectful(morphemes: tuple[Morpheme, ...], index: int, passive: Morpheme) -> Finding | None:
        verb = morphemes[index]
        start = verb.start
        if verb.lemma in RESPECTFUL_VERBS:
            base = verb.orth_base or verb.lemma
        elif (
            verb.lemma == "成る"
            and index >= 2
            and morphemes[index - 1].surface == "に"
            and _honorific_noun(morphemes, index - 2)
        ):
            start = morphemes[index - 2].start - (
                1 if index >= 3 and morphemes[index - 3].pos1 == "接頭辞" else 0
            )
            base = "".join(m.surface for m in morphemes if start <= m.start < verb.start) + (
                verb.orth_base or "なる"
            )
        else:
            return None
        found_end = passive.end
        found = "".join(m.surface for m in morphemes if start <= m.start < found_end)
        suggestions = (base,) if passive.cform.startswith(("終止形", "連体形")) else ()
        return Finding(
            start,
            found_end,
            _message(
                found, f"「{base}」だけで十分な敬意を表せます。", f"「{base}」 alone is respectful enough."
            ),
            suggestions,
        )

    @staticmethod
    def _humble(morphemes: tuple[Morpheme, ...], index: int) -> Finding | None:
        tail = morphemes[index + 1 : index + 5]
        surfaces = "".join(m.surface for m in tail)
        if not surfaces.startswith(("させていただ", "させて頂", "させていただ")):
            return None
        start = morphemes[index].start
        if index and morphemes[index - 1].pos1 == "接頭辞" and morphemes[index - 1].surface in ("お", "御"):
            start = morphemes[index - 1].start
        last = next(m for m in tail if m.lemma == "頂く")
        found = "".join(m.surface for m in morphemes if start <= m.start < last.end)
        return Finding(
            start,
            last.end,
            _message(
                found,
                "「伺います」「拝見します」のように、謙譲語だけで表してください。",
                "Use the humble word alone (伺います, 拝見します).",
            ),
        )


def _honorific_noun(morphemes: tuple[Morpheme, ...], index: int) -> bool:
    """お帰り / ご覧 / ご出席: the noun of お〜になる."""
    noun = morphemes[index]
    if noun.lemma == "御覧":
        return True
    return (
        index >= 1
        and morphemes[index - 1].pos1 == "接頭辞"
        and morphemes[index - 1].surface in ("お", "ご", "御")
    )


RULE = DoubleHonorific()
