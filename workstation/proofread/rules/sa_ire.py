"""さ入れ言葉 (読まさせる → 読ませる)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule

BENEFACTIVE = frozenset({"頂く", "貰う", "下さる", "呉れる"})


def _causative_sa(morphemes: tuple[Morpheme, ...], index: int) -> bool:
    """休まさせてください: UniDic reads 休まさ as the causative verb 休ます; flag it only before a benefactive."""
    verb = morphemes[index]
    if verb.ctype != "五段-サ行" or not verb.surface.endswith("さ") or len(verb.surface) < 3:
        return False
    if verb.lemma[-2:-1] not in tuple("かさたなまらわがばぱ"):
        return False
    tail = morphemes[index + 1 : index + 4]
    return (
        len(tail) == 3
        and tail[0].lemma == "せる"
        and tail[1].surface == "て"
        and tail[2].lemma in BENEFACTIVE
    )


class SaIre(Rule):
    id = "sa-ire"
    category = "grammar"
    severity = Severity.WARNING
    name = Text("さ入れ言葉", "Superfluous さ (さ入れ言葉)")
    description = Text(
        "五段動詞に「させる」を付けた形（読まさせる、行かさせていただく）を見つけ、「せる」の形（読ませる）を提案します。"
        "サ変動詞（勉強させる）や一段動詞（食べさせる）は正しい形なので対象外です。",
        "Finds godan verbs followed by させる (読まさせる, 行かさせていただく) and suggests the せる form (読ませる)."
        " Suru verbs (勉強させる) and ichidan verbs (食べさせる) are correct and not reported.",
    )
    valid = ("資料を読ませていただきます。", "子供に食べさせる。", "勉強させる。", "彼を行かせる。")
    invalid = (
        Example("資料を読まさせていただきます。", span="読まさせ", suggestion="読ませ"),
        Example("明日は休まさせてください。", span="休まさせ", suggestion="休ませ"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        morphemes = analysis.morphemes
        for index, (verb, auxiliary) in enumerate(itertools.pairwise(morphemes)):
            if verb.pos1 != "動詞" or not verb.cform.startswith("未然形") or verb.end != auxiliary.start:
                continue
            if (
                verb.ctype.startswith("五段")
                and auxiliary.lemma == "させる"
                and auxiliary.surface.startswith("さ")
            ):
                found = verb.surface + auxiliary.surface
                fixed = verb.surface + auxiliary.surface[1:]
            elif _causative_sa(morphemes, index):
                found = verb.surface + auxiliary.surface
                fixed = verb.surface[:-1] + auxiliary.surface
            else:
                continue
            yield Finding(
                verb.start,
                auxiliary.end,
                Text(
                    f"「{found}」はさ入れ言葉です。五段動詞には「せる」を付けて「{fixed}」とします。",
                    f"「{found}」 has a superfluous さ (さ入れ言葉); godan verbs take せる: 「{fixed}」.",
                ),
                (fixed,),
            )


RULE = SaIre()
