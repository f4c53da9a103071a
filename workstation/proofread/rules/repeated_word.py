"""A character or word accidentally typed twice (外務省省, ですです, ステーキステーキ, 分離離して, 通りり, アルゴリズムム);
々, reduplication and onomatopoeia pass."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme, default_analyzer
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule
from workstation.proofread.rules.common import has_kanji

REDUPLICATING_POS = frozenset({"副詞", "感動詞", "形状詞", "助詞", "代名詞", "補助記号", "記号", "空白"})
"""Parts of speech whose repetition is usually intended (もっともっと, はいはい) or handled elsewhere."""


REDUPLICATED_WORDS = frozenset(
    {"要所", "繰り返し", "毎秒", "大なり", "小なり", "ほんと", "込み", "点", "時折"}
)
"""Words people double on purpose (要所要所, 繰り返し繰り返し, メートル毎秒毎秒)."""
DEMONSTRATIVES = frozenset({"この", "その", "あの", "どの"})


def _repeatable(morpheme: Morpheme) -> bool:
    """Repetition that is usually intended: emphasis (長い長い), onomatopoeia (ビュウビュウ), set reduplications."""
    if morpheme.pos1 in REDUPLICATING_POS or morpheme.pos2 == "数詞" or morpheme.unknown:
        return True
    if morpheme.pos1 == "形容詞" or (morpheme.pos1 == "連体詞" and morpheme.surface not in DEMONSTRATIVES):
        return True
    if morpheme.surface in REDUPLICATED_WORDS:
        return True
    if KATAKANA_ONLY_RE.match(morpheme.surface):
        return not _doubled_name_or_loanword(morpheme)
    return not morpheme.surface.strip() or morpheme.surface.isascii()


def _doubled_name_or_loanword(morpheme: Morpheme) -> bool:
    """A katakana loanword or name of three morae or more (ステーキ, ニュージーランド): doubling it is a slip,
    while shorter katakana doubles are onomatopoeia (ビュウビュウ, ザーザー)."""
    morae = sum(1 for char in morpheme.surface if char not in SMALL_KATAKANA)
    return morpheme.pos1 == "名詞" and morpheme.goshu in ("外", "固") and morae >= 3


KATAKANA_ONLY_RE = re.compile(r"^[\u30a1-\u30fa\u30fc]+$")
SMALL_KATAKANA = frozenset("ァィゥェォャュョヮ")
STRAY_POS = frozenset({"記号", "補助記号", "接頭辞"})
DOUBLED_IN_WORD_RE = re.compile(r"(?<=[\u30a1-\u30fa])(ンン|ーー|ッッ)(?!ー)")


def _doubled_last_kanji(first: Morpheme, second: Morpheme) -> bool:
    """外務省省, 天井井, ボートト: a one-character morpheme repeating the last character of the word before it."""
    if len(first.surface) < 2 or len(second.surface) != 1 or first.surface[-1] != second.surface:
        return False
    if first.pos1 not in ("名詞", "接尾辞") or second.pos2 == "数詞":
        return False
    if has_kanji(second.surface):
        return second.pos1 in ("名詞", "接尾辞") or second.pos1 in STRAY_POS
    if not "\u30a1" <= second.surface <= "\u30fc":
        return False
    return second.pos1 in STRAY_POS or bool(KATAKANA_ONLY_RE.match(first.surface))


def _doubled_last_kana(first: Morpheme, second: Morpheme) -> bool:
    """つもりり, ためめ: a noun's last hiragana again, read as a classical auxiliary (り) or a suffix (め)."""
    return (
        first.pos1 == "名詞"
        and len(first.surface) >= 2
        and "\u3041" <= second.surface <= "\u3093"
        and second.surface == first.surface[-1]
        and (second.pos1 == "接尾辞" or (second.pos1 == "助動詞" and second.lemma == "り"))
    )


def _doubled_ending(morpheme: Morpheme) -> bool:
    """An unknown word that is a known one with its last character typed twice (アルゴリズムム, 習習)."""
    surface = morpheme.surface
    if not morpheme.unknown or len(surface) < 2 or surface[-1] != surface[-2] or surface[-1] in "ーッン":
        return False
    if not (KATAKANA_ONLY_RE.match(surface) and len(surface) >= 4) and not (len(surface) == 2 and has_kanji(surface)):
        return False
    if len(surface) == 2:
        return True
    return any(not part.unknown for part in default_analyzer().analyze(surface[:-1], cache=False).morphemes)


def _doubled_kanji_before_verb(first: Morpheme, second: Morpheme) -> bool:
    """分離離して, 発明明された: a verb glued to a Sino-Japanese noun and starting with its last kanji."""
    return (
        first.pos1 == "名詞"
        and first.goshu == "漢"
        and len(first.surface) >= 2
        and has_kanji(first.surface[-1])
        and second.pos1 == "動詞"
        and second.pos2 != "非自立可能"
        and second.surface.startswith(first.surface[-1])
    )


class RepeatedWord(Rule):
    id = "repeated-word"
    category = "typo"
    severity = Severity.ERROR
    name = Text("文字・語の重複", "Repeated character or word")
    description = Text(
        "同じ語や漢字が誤って二度入力された箇所（「外務省省」「ですです」）を見つけます。"
        "「々」を使った語、「時々」「どんどん」などの畳語や擬音語、数字の繰り返しは対象外です。",
        "Finds a word or kanji typed twice by mistake (外務省省, ですです). Words with 々, reduplicated words"
        " and onomatopoeia (時々, どんどん, ますます) and repeated digits are not reported.",
    )
    valid = (
        "時々、人々が集まる。",
        "どんどん進める。",
        "ますます重要になる。",
        "もっともっと頑張ります。",
        "日本本土に上陸した。",
        "会社社長に就任した。",
        "1100円です。",
        "ちょっと待ってて。",
        "長い長い間待たされた。",
        "小さな小さなステップで進む。",
        "風がビュウビュウだ。",
        "要所要所で役立つ。",
        "めでたしめでたし。",
        "ゴーーール！",
        "ママとパパとバナナ",
        "ソフトウェアはこれこれだ。",
        "雨がザーザー降る。トムトムを叩く。",
        "歩行者しか検出出来ない。",
        "ココナッツを少なめに。ポンポン鳴る。そのために、やりくりが上手。",
    )
    invalid = (
        Example("外務省省の発表によれば、", span="省省", suggestion="省"),
        Example("本日は晴天ですです。", span="ですです", suggestion="です"),
        Example("会議会議を開催する。", span="会議会議", suggestion="会議"),
        Example("しかしこのこの部分が重要だ。", span="このこの", suggestion="この"),
        Example("彼女は天井井を見上げた。", span="井井", suggestion="井"),
        Example("私の英語語では", span="語語", suggestion="語"),
        Example("ボートトをくれないか。", span="トト", suggestion="ト"),
        Example("クエスチョンンマークの値", span="ンン", suggestion="ン"),
        Example("パーティーーに来なかった。", span="ーー", suggestion="ー"),
        Example("ステーキステーキの焼き加減", span="ステーキステーキ", suggestion="ステーキ"),
        Example("ニュージーランドニュージーランドで暮らす。", span="ニュージーランドニュージーランド"),
        Example("スクローススやグルコース", span="スス", suggestion="ス"),
        Example("この作業は、データタから大きな価値を生む。", span="タタ", suggestion="タ"),
        Example("混合物を分離離して", span="離離", suggestion="離"),
        Example("その通りり！", span="りり", suggestion="り"),
        Example("ためめになる本", span="めめ", suggestion="め"),
        Example("アルゴリズムムの改善", span="ムム", suggestion="ム"),
        Example("オンライン学習習アルゴリズム", span="習習", suggestion="習"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        for match in DOUBLED_IN_WORD_RE.finditer(analysis.text):
            single = match.group()[0]
            yield Finding(
                match.start(),
                match.end(),
                Text(
                    f"「{single}」が二回続いています。入力の重複と思われます。",
                    f"「{single}」 is typed twice; it looks like a doubled keystroke.",
                ),
                (single,),
            )
        morphemes = analysis.morphemes
        for morpheme in morphemes:
            if _doubled_ending(morpheme):
                yield _doubled_character(morpheme.end - 2, morpheme.surface[-1], morpheme.surface)
        for first, second in itertools.pairwise(morphemes):
            if first.end != second.start or first.unknown:
                continue
            if first.surface != second.surface:
                if (
                    _doubled_last_kanji(first, second)
                    or _doubled_kanji_before_verb(first, second)
                    or _doubled_last_kana(first, second)
                ):
                    yield _doubled_character(second.start - 1, first.surface[-1], first.surface + second.surface)
                continue
            if _repeatable(first) or (len(first.surface) == 1 and not has_kanji(first.surface)):
                continue
            yield Finding(
                first.start,
                second.end,
                Text(
                    f"「{first.surface}」が二回続いています。入力の重複と思われます。一つにしてください。",
                    f"「{first.surface}」 is repeated; it looks like a doubled keystroke. Keep one.",
                ),
                (first.surface,),
            )


def _doubled_character(start: int, doubled: str, word: str) -> Finding:
    return Finding(
        start,
        start + 2,
        Text(
            f"「{doubled}」が二回続いています（「{word}」）。入力の重複と思われます。",
            f"「{doubled}」 is typed twice (「{word}」); it looks like a doubled keystroke.",
        ),
        (doubled,),
    )


RULE = RepeatedWord()
