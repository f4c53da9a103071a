"""Kana dropped or swapped inside a word (行れる, くだいさ, 確認しまた), found from analysis failures."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme, default_analyzer
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule

KANA_OR_KANJI_RE = re.compile(r"^[\u3041-\u309f\u3400-\u9fff々]+$")
HIRAGANA_RE = re.compile(r"^[\u3041-\u309f]+$")
SMALL_KANA = frozenset("ぁぃぅぇぉっゃゅょゎ")
ONBIN_FOLLOWERS = (
    "て",
    "で",
    "た",
    "だ",
    "ちゃ",
    "じゃ",
    "ちま",
    "じま",
    "とい",
    "どい",
    "とく",
    "どく",
    "とこ",
    "どこ",
)
ONBIN_BEFORE_MASU = frozenset({"御座る", "下さる", "いらっしゃる", "仰る", "為さる"})
VOICE_AUXILIARIES = frozenset({"れる", "られる", "せる", "させる"})
MAX_SWAP_WINDOW = 8


def anomalies(morphemes: tuple[Morpheme, ...]) -> list[tuple[int, int]]:
    """Index ranges ``(first, last)`` of morpheme sequences that cannot occur in well-formed Japanese."""
    found: list[tuple[int, int]] = []
    count = len(morphemes)
    for index, current in enumerate(morphemes):
        previous = morphemes[index - 1] if index else None
        following = morphemes[index + 1] if index + 1 < count else None
        adjacent_next = following is not None and following.start == current.end
        adjacent_prev = previous is not None and previous.end == current.start
        if (current.unknown and KANA_OR_KANJI_RE.match(current.surface)) or (
            current.pos1 in ("記号", "補助記号")
            and HIRAGANA_RE.match(current.surface)
            and not set(current.surface) <= SMALL_KANA
        ):
            found.append((index, index))
        elif (
            current.pos1 == "助動詞"
            and current.lemma in VOICE_AUXILIARIES
            and adjacent_prev
            and previous is not None
            and previous.pos1 in ("名詞", "接尾辞")
            and previous.pos2 != "数詞"
        ):
            found.append((index - 1, index))
        elif (
            current.pos1 == "動詞"
            and current.cform.startswith("連用形-")
            and current.cform.endswith("音便")
            and current.lemma not in ONBIN_BEFORE_MASU
        ):
            if following is None or not adjacent_next:
                found.append((index, index))
            elif (
                not following.surface.startswith(ONBIN_FOLLOWERS)
                and following.surface not in ("と", "ど")
                and (following.pos1 != "補助記号" or following.surface in "。．、，")
            ):
                found.append((index, index + 1))
        elif (
            current.pos1 == "接続詞"
            and adjacent_prev
            and previous is not None
            and previous.pos1 in ("動詞", "助動詞")
            and previous.cform.startswith("連用形")
        ):
            found.append((index - 1, index))
        elif current.lemma == "ます" and current.cform.endswith("撥音便"):
            found.append((index, index))
        elif (
            current.lemma == "ざます" and adjacent_prev and previous is not None and previous.surface == "ご"
        ):
            found.append((index - 1, index))
        elif (
            current.pos1 == "動詞"
            and current.ctype.startswith("五段")
            and current.cform == "未然形-一般"
            and (following is None or not adjacent_next or following.pos1 != "助動詞")
            and not (following is not None and following.lemma == "無い")
        ):
            found.append((index, index if following is None or not adjacent_next else index + 1))
    return found


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _swap_repair(text: str, start: int, end: int) -> str | None:
    """A unique adjacent-kana swap inside ``text[start:end]`` that makes the analysis well formed."""
    window = text[start:end]
    if len(window) > MAX_SWAP_WINDOW:
        return None
    analyzer = default_analyzer()
    best: list[tuple[int, str]] = []
    for position in range(len(window) - 1):
        first, second = window[position], window[position + 1]
        if first == second or not (HIRAGANA_RE.match(first) and HIRAGANA_RE.match(second)):
            continue
        candidate = window[:position] + second + first + window[position + 2 :]
        repaired = text[:start] + candidate + text[end:]
        morphemes = analyzer.analyze(repaired).morphemes
        if anomalies(morphemes):
            continue
        inside = [m for m in morphemes if m.start < start + len(candidate) and m.end > start]
        if any(m.unknown for m in inside):
            continue
        best.append((len(inside), candidate))
    if not best:
        return None
    best.sort()
    if len(best) > 1 and best[0][0] == best[1][0]:
        return None
    return best[0][1]


class BrokenWord(Rule):
    id = "broken-word"
    category = "typo"
    severity = Severity.ERROR
    name = Text("脱字・文字の入れ替わり", "Dropped or swapped kana")
    description = Text(
        "語の中で仮名が抜けたり入れ替わったりした箇所（行れる、くだいさ、確認しまた）を、形態素解析の失敗"
        "（未知語、ありえない活用のつながり）から見つけます。隣り合う仮名の入れ替えで直る場合は修正案を示します。",
        "Finds kana dropped or swapped inside a word (行れる, くだいさ, 確認しまた) from analysis failures:"
        " unknown words and inflections that cannot follow each other. Suggests the fix when swapping two"
        " adjacent kana repairs it.",
    )
    valid = (
        "資料をご確認ください。",
        "ありがとうございます。",
        "会議が行われる。",
        "書いて、読んで、話した。",
        "勉強させる。",
        "行かない。",
        "確認しました。",
        "東京へ行った。",
        "時間を使わなさ過ぎる。",
        "わぉ！やぁ、寒っ！",
        "僕が払っとこう。",
        "嘘おっしゃい。",
    )
    invalid = (
        Example("資料をご確認くだいさ。", span="くだいさ", suggestion="ください"),
        Example("会議が行れる。", span="行れる"),
        Example("内容を確認しまた。", span="しまた"),
        Example("ありがとうござます。", span="ござます"),
        Example("あたなの意見", span="あたな", suggestion="あなた"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        morphemes = analysis.morphemes
        reported_until = -1
        for first, last in _merged(anomalies(morphemes)):
            start, end = morphemes[first].start, morphemes[last].end
            if start < reported_until:
                continue
            reported_until = end
            found = analysis.text[start:end]
            repair = _swap_repair(analysis.text, start, end)
            yield Finding(
                start,
                end,
                Text(
                    f"「{found}」は語として成り立ちません。仮名の抜けや入れ替わりがないか確認してください。"
                    + (f"「{repair}」の誤りではありませんか。" if repair else ""),
                    f"「{found}」 does not form a valid word; check for a dropped or swapped kana."
                    + (f" Did you mean 「{repair}」?" if repair else ""),
                ),
                (repair,) if repair else (),
            )


RULE = BrokenWord()
