"""ら抜き言葉 (見れる, 食べれる, 来れる)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, default_analyzer
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule
from workstation.proofread.rules.re_tasu import is_potential_verb

ICHIDAN_PREFIXES = ("上一段", "下一段", "カ行変格")


def _message(found: str, fixed: str) -> Text:
    return Text(
        f"「{found}」はら抜き言葉です。書き言葉では「{fixed}」とします。",
        f"「{found}」 drops the ら of the potential form (ら抜き言葉); write 「{fixed}」 in formal text.",
    )


@cache
def _ichidan(form: str, lemma: str) -> bool:
    """Whether ``form`` is the ichidan/kuru verb ``lemma`` (見る, 混ぜる; 乗る is godan, so 乗れる is fine)."""
    morphemes = default_analyzer().analyze(form).morphemes
    return (
        len(morphemes) == 1
        and morphemes[0].lemma == lemma
        and morphemes[0].ctype.startswith(ICHIDAN_PREFIXES)
    )


class RaNuki(Rule):
    id = "ra-nuki"
    category = "grammar"
    severity = Severity.WARNING
    name = Text("ら抜き言葉", "ら-dropping (ら抜き言葉)")
    description = Text(
        "一段動詞・カ変動詞の可能形から「ら」が抜けた形（見れる、食べれる、来れる）を見つけ、「られる」の形を提案します。",
        "Finds potential forms of ichidan and kuru verbs that drop ら (見れる, 食べれる, 来れる) and suggests the られる form.",
    )
    valid = (
        "朝日が見られる。",
        "食べられない。",
        "見れば分かる。",
        "食べれば元気になる。",
        "この道具は取れる。",
        "行ける。",
        "自転車に乗れますか。",
        "明日は行けれる。",
    )
    invalid = (
        Example("ここから富士山が見れる。", span="見れる", suggestion="見られる"),
        Example("まだ食べれる。", span="食べれる", suggestion="食べられる"),
        Example("明日は来れますか。", span="来れ", suggestion="来られ"),
        Example("夜は寝れない。", span="寝れ", suggestion="寝られ"),
        Example("青と赤を混ぜれると紫になる。", span="混ぜれる", suggestion="混ぜられる"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        morphemes = analysis.morphemes
        for index, morpheme in enumerate(morphemes):
            if morpheme.pos1 != "動詞":
                continue
            following = morphemes[index + 1] if index + 1 < len(morphemes) else None
            if (
                following is not None
                and following.lemma == "れる"
                and following.start == morpheme.end
                and morpheme.ctype.startswith(ICHIDAN_PREFIXES)
                and not is_potential_verb(morpheme)
            ):
                found = morpheme.surface + following.surface
                fixed = morpheme.surface + "ら" + following.surface
                yield Finding(morpheme.start, following.end, _message(found, fixed), (fixed,))
                continue
            lemma = morpheme.lemma
            base = morpheme.orth_base
            if not (lemma and base.endswith("れる") and lemma.endswith("る") and base != lemma):
                continue
            stem = base[:-2]
            if not morpheme.surface.startswith(stem + "れ") or not _ichidan(stem + "る", lemma):
                continue
            fixed = stem + "ら" + morpheme.surface[len(stem) :]
            yield Finding(morpheme.start, morpheme.end, _message(morpheme.surface, fixed), (fixed,))


RULE = RaNuki()
