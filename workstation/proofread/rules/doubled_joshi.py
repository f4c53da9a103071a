"""The same case particle twice in one clause (私が彼が…, 本を資料を…)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Option, Rule

BOUNDARY_POS = frozenset({"動詞", "形容詞", "助動詞", "形状詞", "接続詞", "連体詞"})
BOUNDARY_SYMBOLS = frozenset("、，。．！？!?「」『』（）()【】・:：;；")
STATIVE_VERBS = frozenset(
    {
        "有る",
        "無い",
        "居る",
        "出来る",
        "分かる",
        "見える",
        "聞こえる",
        "要る",
        "空く",
        "付く",
        "立つ",
        "覚める",
        "違う",
    }
)
"""Predicates of the double-subject construction (私が興味がある, これがお腹がすいている, 象が鼻が長い)."""


def _double_subject(morphemes: tuple[Morpheme, ...], index: int) -> bool:
    """Whether the が at ``index`` starts a stative predicate, so a preceding が-phrase is its legitimate topic."""
    following = morphemes[index + 1] if index + 1 < len(morphemes) else None
    if following is None:
        return False
    if following.pos1 in ("形容詞", "形状詞"):
        return True
    return following.pos1 == "動詞" and following.lemma in STATIVE_VERBS


def _particle_key(morphemes: tuple[Morpheme, ...], index: int, particles: frozenset[str]) -> str | None:
    """The particle to track, or None: が/を as case particles, は only right after a noun (not では/には)."""
    morpheme = morphemes[index]
    if morpheme.pos1 != "助詞" or morpheme.surface not in particles:
        return None
    previous = morphemes[index - 1] if index else None
    if previous is None or previous.pos1 not in ("名詞", "代名詞", "接尾辞"):
        return None
    if morpheme.surface in ("が", "を") and morpheme.pos2 != "格助詞":
        return None
    if morpheme.surface == "は" and morpheme.pos2 != "係助詞":
        return None
    return morpheme.surface


class DoubledJoshi(Rule):
    id = "doubled-joshi"
    category = "grammar"
    severity = Severity.WARNING
    name = Text("同じ助詞の重複（一文節内）", "Same particle twice in a clause")
    description = Text(
        "一つの節の中で格助詞「が」「を」（設定で係助詞「は」も）が二回使われ、述語に結び付かない名詞がある箇所を見つけます（私が彼が来た）。"
        "読点・述語・接続助詞・括弧で節を区切るので、「AとBと」「AもBも」「のの」、二重主語の構文（象が鼻が長い）は報告しません。",
        "Finds a clause in which the case particle が or を (optionally the topic は) appears twice with no predicate in"
        " between (私が彼が来た). Commas, predicates, conjunctive particles and brackets end a clause, so"
        " AとBと, AもBも and は in different clauses are not reported; nor is the double-subject construction (象が鼻が長い).",
    )
    options = (
        Option(
            "particles",
            ("が", "を"),
            Text(
                "対象の助詞（は を加えると対比の「は」も数えます）",
                "particles to check (add は to count topic は too)",
            ),
        ),
    )
    valid = (
        "私は、今日は休みます。",
        "彼が来たことを私が知った。",
        "リンゴとミカンとを買う。",
        "東京も大阪も晴れ。",
        "会議では議長は発言しない。",
        "本を読み、感想を書く。",
        "これがお腹がすいている状態です。",
        "私が興味があるのは歴史です。",
        "象が鼻が長い。",
        "今日は私は休みます。",
    )
    invalid = (
        Example("資料を会議を前に配る。", span="を"),
        Example("私が彼が来たことを知った。", span="が"),
        Example("今日は私は休みます。", span="は", options={"particles": ("が", "を", "は")}),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        particles = frozenset(options["particles"])
        morphemes = analysis.morphemes
        seen: dict[str, Morpheme] = {}
        for index, morpheme in enumerate(morphemes):
            if (
                morpheme.pos1 in BOUNDARY_POS
                or morpheme.pos2 == "接続助詞"
                or morpheme.surface in BOUNDARY_SYMBOLS
                or morpheme.pos1 == "空白"
            ):
                seen.clear()
                continue
            key = _particle_key(morphemes, index, particles)
            if key is None:
                continue
            if key == "が" and _double_subject(morphemes, index):
                seen.pop(key, None)
                continue
            if key in seen:
                yield Finding(
                    morpheme.start,
                    morpheme.end,
                    Text(
                        f"一つの節に助詞「{key}」が二回使われています。どちらかを別の助詞にするか、読点で区切ってください。",
                        f"The particle 「{key}」 appears twice in one clause; change one of them or separate the clauses with a comma.",
                    ),
                )
            seen[key] = morpheme


RULE = DoubledJoshi()
