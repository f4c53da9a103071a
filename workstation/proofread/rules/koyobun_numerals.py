"""公用文: Arabic numerals in horizontal text (二十五人 → 25人, 令和四年三月 → 令和4年3月)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
COUNTERS = frozenset(
    {
        "年",
        "月",
        "日",
        "時",
        "分",
        "秒",
        "人",
        "名",
        "回",
        "件",
        "個",
        "円",
        "歳",
        "才",
        "割",
        "倍",
        "週",
        "週間",
        "日間",
        "時間",
        "か月",
        "箇月",
        "ヶ月",
        "カ月",
        "か国",
        "カ国",
        "か所",
        "カ所",
        "条",
        "項",
        "号",
        "章",
        "節",
        "部",
        "台",
        "枚",
        "冊",
        "社",
        "校",
        "点",
        "本",
        "階",
        "期",
        "位",
        "泊",
        "度",
        "キロ",
        "メートル",
        "ドル",
        "万",
        "億",
    }
)
IDIOMS_RE = re.compile(
    r"一日中|一年中|三日坊主|三日天下|十人十色|二度と|[一二三]度目の正直|百年に一度|千載一遇|一石二鳥|二人三脚|七転八倒|"
    r"四六時中|一日千秋|一期一会|三々五々|二束三文|八方美人|十中八九|百も承知|九分九厘|一か八か|二者択一|三拍子|"
    r"[一二]日酔い|一昨[日年]|もう一[回度]|一人前|一年中|一時期"
)
"""Set phrases whose numerals stay in kanji (公用文作成の考え方: 慣用的な語)."""
ONE_WITH_COUNTERS = frozenset(
    {"年", "月", "日", "時", "分", "秒", "円", "件", "か月", "箇月", "週間", "日間", "時間", "万", "億"}
)
"""一 is converted only in dates, times, amounts and counts of cases (1月, 1件); 一冊, 一回, 一度 often read as idioms."""


def kanji_number(text: str) -> int | None:
    """Value of a kanji numeral below 10,000 (二十五 → 25, 二〇二二 → 2022); None if it is not one."""
    if not text or any(char not in DIGITS and char not in UNITS for char in text):
        return None
    if all(char in DIGITS for char in text):
        return int("".join(str(DIGITS[char]) for char in text)) if len(text) > 1 or text in DIGITS else None
    total, current = 0, None
    for char in text:
        if char in DIGITS:
            if current is not None:
                return None
            current = DIGITS[char]
        else:
            total += (1 if current is None else current) * UNITS[char]
            current = None
    return total + (current or 0)


class KoyobunNumerals(Rule):
    id = "koyobun-numerals"
    category = "koyobun"
    severity = Severity.INFO
    name = Text("算用数字（公用文・横書き）", "Arabic numerals (official style, horizontal text)")
    description = Text(
        "「公用文作成の考え方」に従い、横書きでは数量や日付を算用数字で書きます（二十五人→25人、三月→3月）。"
        "語を構成する数（一部、一般、四半期）、「一つ」「一人」などの一、概数（数十人、二、三日）は対象外です。",
        "Following 公用文作成の考え方, horizontal text writes quantities and dates in Arabic numerals (二十五人→25人,"
        " 三月→3月). Numbers inside words (一部, 一般, 四半期), 一 with counters such as 一つ/一人, and approximate"
        " numbers (数十人, 二、三日) are left alone.",
    )
    valid = (
        "一部の職員",
        "一般的な方法",
        "一つの案",
        "数十人が参加した。",
        "二、三日かかる。",
        "十分に検討する。",
        "25人",
    )
    invalid = (
        Example("二十五人が参加した。", span="二十五", suggestion="25"),
        Example("令和四年三月", span="三", suggestion="3"),
        Example("第三回会合", span="三", suggestion="3"),
        Example("二〇二二年", span="二〇二二", suggestion="2022"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        morphemes = analysis.morphemes
        index = 0
        while index < len(morphemes):
            if morphemes[index].pos2 != "数詞" or (
                kanji_number(morphemes[index].surface[:1]) is None
                and morphemes[index].surface[:1] not in UNITS
            ):
                index += 1
                continue
            last = index
            while (
                last + 1 < len(morphemes)
                and morphemes[last + 1].pos2 == "数詞"
                and morphemes[last + 1].start == morphemes[last].end
            ):
                last += 1
            finding = self._finding(analysis, morphemes, index, last)
            if finding:
                yield finding
            index = last + 1

    @staticmethod
    def _finding(
        analysis: Analysis, morphemes: tuple[Morpheme, ...], first: int, last: int
    ) -> Finding | None:
        start, end = morphemes[first].start, morphemes[last].end
        numeral = analysis.text[start:end]
        value = kanji_number(numeral)
        if value is None or last + 1 >= len(morphemes) or IDIOMS_RE.match(analysis.text, start):
            return None
        counter = morphemes[last + 1]
        if counter.start != end or counter.surface not in COUNTERS:
            return None
        if value == 1 and counter.surface not in ONE_WITH_COUNTERS:
            return None
        if (
            first
            and morphemes[first - 1].surface in ("数", "何", "幾", "、", "，")
            and morphemes[first - 1].end == start
        ):
            return None
        if first and morphemes[first - 1].pos2 == "数詞":
            return None
        fixed = str(value)
        return Finding(
            start,
            end,
            Text(
                f"横書きの公用文では数量は算用数字で書きます。「{numeral}{counter.surface}」は「{fixed}{counter.surface}」としてください。",
                f"Horizontal official text writes quantities in Arabic numerals: 「{fixed}{counter.surface}」 for 「{numeral}{counter.surface}」.",
            ),
            (fixed,),
        )


RULE = KoyobunNumerals()
