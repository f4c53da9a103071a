"""Stray Latin letters left by the input method (かくにn, しmす)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme, default_analyzer
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule
from workstation.proofread.rules.broken_word import anomalies
from workstation.proofread.rules.common import local_context

LETTERS_RE = re.compile(
    r"(?<=[\u3041-\u309f\u30a1-\u30fa])([a-zａ-ｚ]{1,2})"
    r"(?=[\u3041-\u309f\u30a1-\u30fa\u3400-\u9fff々0-9０-９。、」？！?!])"
)
VARIABLE_CONTEXT_RE = re.compile(r"[\u3400-\u9fff々0-9０-９？！?!]")
"""What follows a variable more often than a slip: a kanji, a digit, a question or exclamation mark."""
PLAIN_FORM_ENDINGS = frozenset("るす")
VOWELS = "aiueo"
HIRAGANA_ONLY_RE = re.compile(r"^[\u3041-\u309f]+$")
KANA = {
    "": "あいうえお",
    "k": "かきくけこ",
    "s": "さしすせそ",
    "t": "たちつてと",
    "n": "なにぬねの",
    "h": "はひふへほ",
    "m": "まみむめも",
    "y": "や\0ゆ\0よ",
    "r": "らりるれろ",
    "w": "わ\0\0\0を",
    "g": "がぎぐげご",
    "z": "ざじずぜぞ",
    "d": "だぢづでど",
    "b": "ばびぶべぼ",
    "p": "ぱぴぷぺぽ",
    "j": "じゃ\0じゅ\0じょ",
    "f": "\0\0ふ\0\0",
}


def _romaji_candidates(letters: str) -> list[str]:
    """Kana the letters could have become: the finished syllable, or the consonant with each vowel."""
    letters = letters.translate({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})
    if letters == "n":
        return ["ん"]
    if len(letters) == 2 and letters[1] in VOWELS and letters[0] in KANA:
        kana = KANA[letters[0]][VOWELS.index(letters[1])]
        return [kana] if kana != "\0" else []
    if len(letters) == 1 and letters in KANA and letters not in VOWELS:
        return [kana for kana in KANA[letters] if kana != "\0"]
    if len(letters) == 1 and letters in VOWELS:
        return [KANA[""][VOWELS.index(letters)]]
    return []


def _unlikely(holder: Morpheme) -> int:
    """Tie-breaker: rare kana-only dictionary nouns (いくり) and non-standard end forms (でし) rank last."""
    rare_noun = (
        holder.pos1 == "名詞"
        and holder.surface == holder.lemma
        and bool(HIRAGANA_ONLY_RE.match(holder.surface))
    )
    odd_form = (
        holder.lemma in ("です", "ます")
        and holder.cform.startswith("終止形")
        and holder.surface != holder.lemma
    )
    return int(rare_noun) + int(odd_form)


def _finishes_plain_form(holder: Morpheme, kana: str, start: int) -> bool:
    """``kana`` (at ``start``) ends ``holder``, a verb or auxiliary begun before it, in its plain form (する, ある)."""
    return (
        kana in PLAIN_FORM_ENDINGS
        and holder.pos1 in ("動詞", "助動詞")
        and holder.start < start
        and holder.end == start + len(kana)
        and holder.cform.startswith(("終止形", "連体形"))
    )


MIZEN_FOLLOWERS = frozenset(("ない", "ぬ", "ず", "れる", "られる", "せる", "させる", "う", "まい", "しめる"))
"""Lemmas that may follow an irrealis form (未然形): 書か-ない, 見-られる."""
PLAIN_FORM_FOLLOWERS = frozenset(("だ", "です", "らしい", "べし"))
"""Auxiliaries that follow a plain form, never a continuative one: なるでしょう, やるべき."""


def _awkward(holder: Morpheme, following: Morpheme | None) -> bool:
    """Whether ``holder``'s inflected form cannot be followed by ``following`` (でかます, なりでしょう, すれこと):
    an irrealis form needs ない/れる/う…, a continuative one a verb, most auxiliaries, て or a comma, a conditional
    one ば."""
    form = holder.cform
    if holder.pos1 not in ("動詞", "助動詞", "形容詞") or following is None:
        return False
    if form.startswith("未然形"):
        return following.lemma not in MIZEN_FOLLOWERS
    if form.startswith("連用形"):
        return following.lemma in PLAIN_FORM_FOLLOWERS or not (
            following.pos1 in ("動詞", "助動詞", "形容詞")
            or following.surface == "、"
            or following.pos2 == "接続助詞"
            or following.lemma in ("ながら", "つつ", "は", "も")
        )
    if form.startswith("仮定形"):
        return holder.pos1 != "助動詞" and following.lemma != "ば"
    return False


def _volitional_without_u(holder: Morpheme, text: str) -> bool:
    """A volitional form with no う in it or after it (いまそ。 of 坐す) is no word: 「していまs。」 is います."""
    return (
        holder.cform.startswith("意志推量形")
        and not holder.surface.endswith("う")
        and not text.startswith("う", holder.end)
    )


class StrayAlphabet(Rule):
    id = "stray-alphabet"
    category = "typo"
    severity = Severity.ERROR
    name = Text("変換し残したローマ字", "Stray romaji from the input method")
    description = Text(
        "仮名の間に取り残された小文字のアルファベット（「かくにn」「しmす」）を見つけます。"
        "仮名に置き換えると一語として解析できる場合だけ報告するので、変数名や記号としての英字は対象外です。",
        "Finds lower-case Latin letters left between kana by the input method (かくにn, しmす). It reports them"
        " only when turning them into kana yields a proper word, so variables and symbols are left alone.",
    )
    valid = (
        "変数xの値を求める。",
        "このAは重要だ。",
        "ビタミンCを含む。",
        "値がnのとき",
        "kgの単位",
        "最小となるkの値を見る。",
        "このiでインデックスする。",
        "関数を最小にするuの値を求める。",
        "またはrを単語につける。",
        "結果はm掛けるmの行列となる。",
        "このk本のベクトルが張る空間",
        "1と設定しiを1インクリメントする。",
    )
    invalid = (
        Example("内容をかくにnする。", span="n", suggestion="ん"),
        Example("資料を送りmす。", span="m"),
        Example("ありがとうございまsu。", span="su", suggestion="す"),
        Example("この近くに住んでr。", span="r", suggestion="る"),
        Example("この帽子はいくrですか。", span="r", suggestion="ら"),
        Example("同じサイズでs。", span="s", suggestion="す"),
        Example("どれほど変化すrかを表す。", span="r", suggestion="る"),
        Example("分散を保持すr最小の値", span="r", suggestion="る"),
        Example("それの意味すr所は、", span="r", suggestion="る"),
        Example("ピアスをしていまs。", span="s", suggestion="す"),
        Example("写真をとりまsょう。", span="s", suggestion="し"),
        Example("学ぶことがでkます。", span="k", suggestion="き"),
        Example("外出すrことができる。", span="r", suggestion="る"),
        Example("そんな気がすr。", span="r", suggestion="る"),
        Example("使うようになrでしょう。", span="r", suggestion="る"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        text = analysis.text
        for match in LETTERS_RE.finditer(text):
            repair = self._repair(analysis, match.start(), match.end())
            if repair is None:
                continue
            yield Finding(
                match.start(),
                match.end(),
                Text(
                    f"仮名の間に英字「{match.group()}」が残っています。変換の誤りと思われます（「{repair}」）。",
                    f"The letters 「{match.group()}」 are left between kana, probably an input-method slip (「{repair}」).",
                ),
                (repair,),
            )

    @staticmethod
    def _repair(analysis: Analysis, start: int, end: int) -> str | None:
        """The kana that best turns the letters into part of a well-formed word, if any."""
        text = analysis.text
        previous = next((m for m in analysis.morphemes if m.end == start), None)
        following = next((m for m in analysis.morphemes if m.start == end), None)
        if previous is None:
            return None
        # A lone letter before a particle, a kanji or a digit is usually a variable (値がnのとき, m掛ける, k本);
        # there it only counts when it finishes a verb's plain form (変化すrか → する, 保持すr最小 → する).
        relaxed = end < len(text) and (
            bool(VARIABLE_CONTEXT_RE.match(text[end]))
            or (following is not None and following.pos2 in ("格助詞", "係助詞", "副助詞") and end - start == 1)
        )
        if relaxed and previous.pos1 not in ("動詞", "助動詞"):
            return None
        analyzer = default_analyzer()
        best: tuple[int, int, str] | None = None
        offset, context = local_context(text, start, end)
        previous_start = previous.start - offset
        start, end = start - offset, end - offset
        for kana in _romaji_candidates(context[start:end]):
            repaired = context[:start] + kana + context[end:]
            morphemes = analyzer.analyze(repaired, cache=False).morphemes
            if any(
                morphemes[first].start <= start + len(kana) and morphemes[last].end >= start
                for first, last in anomalies(morphemes)
            ):
                continue
            holder = next((m for m in morphemes if m.start <= start < m.end), None)
            if holder is None or holder.unknown or holder.pos1 in ("補助記号", "記号", "感動詞", "助詞"):
                continue
            if _volitional_without_u(holder, repaired):
                continue
            if relaxed and not _finishes_plain_form(holder, kana, start):
                continue
            if previous.pos1 == "助詞":
                joins = holder.start < previous_start or (
                    holder.start == previous_start and holder.pos1 in ("動詞", "助動詞")
                )
            else:
                joins = holder.start < start or (
                    holder.pos1 == "助動詞"
                    and previous.pos1 in ("動詞", "助動詞")
                    and previous.cform.startswith("連用形")
                )
            if not joins:
                continue
            pieces = sum(1 for m in morphemes if m.end > previous_start and m.start < start + len(kana) + 1)
            after = next((m for m in morphemes if m.start >= holder.end), None)
            swallowed = holder.pos1 == "名詞" and holder.start < start  # すり。 (掏摸) for する
            rank = (_unlikely(holder) + _awkward(holder, after) + swallowed, pieces, kana)
            if best is None or rank[:2] < best[:2]:
                best = rank
        return best[2] if best else None


RULE = StrayAlphabet()
