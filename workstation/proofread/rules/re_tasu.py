"""れ足す言葉 (行けれる → 行ける, 書けれる → 書ける, 動かせれる → 動かせる)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme, default_analyzer
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule


@cache
def _reading(word: str) -> str:
    """The katakana reading of a dictionary form (捕らえる → トラエル)."""
    morphemes = default_analyzer().analyze(word).morphemes
    return "".join(morpheme.kana_base for morpheme in morphemes)


def is_potential_verb(morpheme: Morpheme) -> bool:
    """A potential form the analyser reads as a 下一段 verb of its own (行け → 行く, 見れ → 見る), not another
    spelling of the same verb (捉える, lemma 捕らえる)."""
    return (
        morpheme.pos1 == "動詞"
        and morpheme.ctype.startswith("下一段")
        and morpheme.orth_base.endswith("る")
        and morpheme.orth_base != morpheme.lemma
        and morpheme.kana_base != _reading(morpheme.lemma)
    )


def _extra_re(morphemes: tuple[Morpheme, ...], index: int) -> tuple[int, int, str] | None:
    """``(start, end, fixed)`` when the morpheme at ``index`` adds a れ to a form that already means "can"."""
    current = morphemes[index]
    if (
        current.pos1 == "助動詞"
        and current.lemma == "せる"
        and current.surface.startswith("せれ")
        and not current.cform.startswith("仮定形")
    ):
        return current.start, current.end, "せ" + current.surface[2:]
    following = morphemes[index + 1] if index + 1 < len(morphemes) else None
    if (
        is_potential_verb(current)
        and current.cform.startswith("仮定形")
        and current.surface.endswith("れ")
        and following is not None
        and following.start == current.end
        and following.pos1 == "助動詞"
    ):
        return current.start, current.end, current.surface[:-1]
    if current.pos1 != "助動詞" or current.lemma != "れる" or not index:
        return None
    previous = morphemes[index - 1]
    if previous.end != current.start:
        return None
    if is_potential_verb(previous) or (previous.ctype.startswith("五段") and previous.cform == "命令形"):
        return previous.start, current.end, previous.surface + current.surface[1:]
    return None


class ReTasu(Rule):
    id = "re-tasu"
    category = "grammar"
    severity = Severity.WARNING
    name = Text("れ足す言葉", "Extra れ (れ足す言葉)")
    description = Text(
        "五段動詞の可能形にさらに「れ」を足した形（行けれる、書けれる、動かせれる）を見つけ、"
        "「れ」を除いた形（行ける、書ける、動かせる）を提案します。",
        "Finds an extra れ added to the potential form of a godan verb (行けれる, 書けれる, 動かせれる) and"
        " suggests the form without it (行ける, 書ける, 動かせる).",
    )
    valid = (
        "明日は行ける。",
        "字が書けます。",
        "資料が読まれる。",
        "先生に言われる。",
        "車を動かせる。",
        "それは持てる。",
        "彼に行かせる。",
        "私に言わせれば、それは違う。",
        "行ければ行く。書ければいい。",
    )
    invalid = (
        Example("明日は行けれる。", span="行けれる", suggestion="行ける"),
        Example("この字なら書けれます。", span="書けれ", suggestion="書け"),
        Example("もう行けれない。", span="行けれ", suggestion="行け"),
        Example("英語が話せれる人", span="話せれる", suggestion="話せる"),
        Example("持てれる能力を発揮する。", span="持てれる", suggestion="持てる"),
        Example("単位で動かせれるように", span="せれる", suggestion="せる"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        morphemes = analysis.morphemes
        for index in range(len(morphemes)):
            found = _extra_re(morphemes, index)
            if found is None:
                continue
            start, end, fixed = found
            surface = analysis.text[start:end]
            yield Finding(
                start,
                end,
                Text(
                    f"「{surface}」は可能の意味に「れ」を足した、れ足す言葉です。「{fixed}」とします。",
                    f"「{surface}」 adds a れ to a form that already means \"can\" (れ足す言葉); write 「{fixed}」.",
                ),
                (fixed,),
            )


RULE = ReTasu()
