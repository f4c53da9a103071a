"""ら抜き言葉 (見れる, 食べれる, 来れる)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule
from workstation.proofread.rules.common import ICHIDAN_PREFIXES, ra_restored
from workstation.proofread.rules.re_tasu import extra_re, is_potential_verb


def _message(found: str, fixed: str) -> Text:
    return Text(
        f"「{found}」はら抜き言葉です。書き言葉では「{fixed}」とします。",
        f"「{found}」 drops the ら of the potential form (ら抜き言葉); write 「{fixed}」 in formal text.",
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
        "この映画は見れれる。",
    )
    invalid = (
        Example("ここから富士山が見れる。", span="見れる", suggestion="見られる"),
        Example("まだ食べれる。", span="食べれる", suggestion="食べられる"),
        Example("明日は来れますか。", span="来れ", suggestion="来られ"),
        Example("夜は寝れない。", span="寝れ", suggestion="寝られ"),
        Example("青と赤を混ぜれると紫になる。", span="混ぜれる", suggestion="混ぜられる"),
        Example("見れれば行く。", span="見れれ", suggestion="見られれ"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        morphemes = analysis.morphemes
        for index, morpheme in enumerate(morphemes):
            if morpheme.pos1 != "動詞" or _extra_re_reported(morphemes, index):
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
            fixed = ra_restored(morpheme)
            if fixed is not None:
                yield Finding(morpheme.start, morpheme.end, _message(morpheme.surface, fixed), (fixed,))


def _extra_re_reported(morphemes: tuple[Morpheme, ...], index: int) -> bool:
    """Whether re-tasu reports this verb with a れ added as well (見れれる → 見られる), so the fix is one."""
    return any(
        (found := extra_re(morphemes, at)) is not None and found.ra_dropped and found.start == morphemes[index].start
        for at in (index, index + 1)
        if at < len(morphemes)
    )


RULE = RaNuki()
