"""れ足す言葉 (行けれる → 行ける, 書けれる → 書ける, 動かせれる → 動かせる; with ら抜き too: 見れれる → 見られる)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, NamedTuple

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme, default_analyzer
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule
from workstation.proofread.rules.common import ra_restored


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


class ExtraRe(NamedTuple):
    """An extra れ: the span, its fix, and whether the form had also dropped the ら of an ichidan verb (見れれる)."""

    start: int
    end: int
    fixed: str
    ra_dropped: bool


def extra_re(morphemes: tuple[Morpheme, ...], index: int) -> ExtraRe | None:
    """The extra れ that the morpheme at ``index`` adds to a form that already means "can", if it does."""
    current = morphemes[index]
    if (
        current.pos1 == "助動詞"
        and current.lemma == "せる"
        and current.surface.startswith("せれ")
        and not current.cform.startswith("仮定形")
    ):
        return ExtraRe(current.start, current.end, "せ" + current.surface[2:], False)
    following = morphemes[index + 1] if index + 1 < len(morphemes) else None
    if (
        is_potential_verb(current)
        and current.cform.startswith("仮定形")
        and current.surface.endswith("れ")
        and following is not None
        and following.start == current.end
        and following.pos1 == "助動詞"
    ):
        return _fixed(current, current.start, current.end, current.surface[:-1], "")
    if current.pos1 != "助動詞" or current.lemma != "れる" or not index:
        return None
    previous = morphemes[index - 1]
    if previous.end != current.start:
        return None
    if is_potential_verb(previous) or (previous.ctype.startswith("五段") and previous.cform == "命令形"):
        return _fixed(previous, previous.start, current.end, previous.surface, current.surface[1:])
    return None


def _fixed(verb: Morpheme, start: int, end: int, verb_part: str, rest: str) -> ExtraRe:
    """The fix ``verb_part + rest``, with the ら put back too when ``verb`` is a ら抜き form (見れれる → 見られる)."""
    restored = ra_restored(verb, verb_part)
    return ExtraRe(start, end, (restored or verb_part) + rest, restored is not None)


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
        "見られる。",
    )
    invalid = (
        Example("明日は行けれる。", span="行けれる", suggestion="行ける"),
        Example("この字なら書けれます。", span="書けれ", suggestion="書け"),
        Example("もう行けれない。", span="行けれ", suggestion="行け"),
        Example("英語が話せれる人", span="話せれる", suggestion="話せる"),
        Example("持てれる能力を発揮する。", span="持てれる", suggestion="持てる"),
        Example("単位で動かせれるように", span="せれる", suggestion="せる"),
        Example("この映画は見れれる。", span="見れれる", suggestion="見られる"),
        Example("もう見れれない。", span="見れれ", suggestion="見られ"),
        Example("全部食べれれます。", span="食べれれ", suggestion="食べられ"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        morphemes = analysis.morphemes
        for index in range(len(morphemes)):
            found = extra_re(morphemes, index)
            if found is None:
                continue
            surface = analysis.text[found.start : found.end]
            yield Finding(found.start, found.end, _message(surface, found), (found.fixed,))


def _message(surface: str, found: ExtraRe) -> Text:
    if found.ra_dropped:
        return Text(
            f"「{surface}」はら抜き言葉にさらに「れ」を足した形です。「{found.fixed}」とします。",
            f"「{surface}」 drops the ら of the potential form and adds a れ (ら抜き + れ足す); write 「{found.fixed}」.",
        )
    return Text(
        f"「{surface}」は可能の意味に「れ」を足した、れ足す言葉です。「{found.fixed}」とします。",
        f"「{surface}」 adds a れ to a form that already means \"can\" (れ足す言葉); write 「{found.fixed}」.",
    )


RULE = ReTasu()
