"""Kana dropped or swapped inside a word (行れる, くだいさ, 確認しまた), found from analysis failures."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme, default_analyzer
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule
from workstation.proofread.rules.common import local_context, to_hiragana

LOWER_LATIN = frozenset(string.ascii_lowercase)

KANA_OR_KANJI_RE = re.compile(r"^[\u3041-\u309f\u3400-\u9fff々]+$")
HIRAGANA_RE = re.compile(r"^[\u3041-\u309f]+$")
SMALL_KANA = frozenset("ぁぃぅぇぉっゃゅょゎ")
IMPOSSIBLE_KANA_RE = re.compile(
    r"[っッ][あいうえおなにぬねのまみむめもやゆよらりるれろわをんアイウエオナニヌネノマミムメモヤユヨラリルレロワヲン]"
    r"|(?<![きしちにひみりぎじぢびぴキシチニヒミリギジヂビピ])[ゃゅょ]"
)
"""Small kana that cannot follow their neighbour: っ before a vowel/nasal/liquid, ゃゅょ after a non-い-row kana."""
KANJI_ONLY_RE = re.compile(r"^[\u3400-\u9fff々]+$")
ONBIN_FOLLOWERS = (
    "て",
    "で",
    "た",
    "だ",
    "ちゃ",
    "じゃ",
    "ちま",
    "じま",
    "と",
    "ど",
)
"""What may follow a verb's euphonic 連用形 (書い-て, 読ん-だ, 書い-ちゃう, 置い-とく)."""
ONBIN_BEFORE_MASU = frozenset({"御座る", "下さる", "いらっしゃる", "仰る", "為さる", "済む"})
VOICE_AUXILIARIES = frozenset({"れる", "られる", "せる", "させる"})
MAX_REPAIR_WINDOW = 8
MAX_REPAIRS = 3
MAX_REPAIRED_SPANS = 2
CHARS_PER_REPAIRED_SPAN = 50
"""A paragraph with more broken spans than 2 or one per 50 characters is garbled (OCR, random kana), not prose
with a slip: its spans are reported without repairs, which cost hundreds of re-analyses each."""
SHORTLIST = 30
"""How many of the cheapest repair candidates are re-analysed for well-formedness."""
ALTERNATIVE_MARGIN = 2000
"""Path-cost gap past which a second or third repair is not offered. On injected slips it kept 9 of the 12
right alternatives to a wrong first repair and 39 of the 144 wrong ones."""
REPAIR_KANA = tuple(kana for kana in map(chr, range(ord("ぁ"), ord("ん") + 1)) if kana not in "ぁぃぅぇぉゎゐゑ")
"""Kana a repair may put back: modern hiragana, small っゃゅょ included."""
SENTENCE_END = "。．！？!?"
E_ROW_KANA = frozenset("えけげせぜてでねへべぺめれ")
MASHI_FOLLOWERS = frozenset({"て", "たり"})
"""What may follow ます's 連用形 besides た/たら (あり-まし-て, 行き-まし-たり)."""


AFTER_MIZEN = frozenset(
    {
        "ない",
        "無い",
        "れる",
        "られる",
        "せる",
        "させる",
        "う",
        "まい",
        "ぬ",
        "ず",
        "しめる",
        "ざる",
        "べし",
        "じ",
        "んす",
        "む",
    }
)
"""What can follow a godan verb's 未然形 (書か-ない, 書か-れる, 書こ-う)."""
ARCHAIC_SLIPS = frozenset({"り", "ざます"})
"""Classical auxiliaries that only appear in modern text when kana went missing (得らます, 帰らなれけば)."""
HONORIFIC_IMPERATIVE = frozenset({"いらっしゃる", "下さる", "為さる", "仰る", "召す", "遊ばす"})
FINAL_PARTICLE_SLIPS = frozenset({"い", "さ"})


def _check(morphemes: tuple[Morpheme, ...], index: int) -> tuple[int, int] | None:
    """The anomalous range at ``index``, if the morpheme there cannot follow its neighbours."""
    current = morphemes[index]
    count = len(morphemes)
    previous = morphemes[index - 1] if index and morphemes[index - 1].end == current.start else None
    following = (
        morphemes[index + 1] if index + 1 < count and morphemes[index + 1].start == current.end else None
    )
    if current.unknown and KANA_OR_KANJI_RE.match(current.surface):
        return index, index
    if (
        _kana_symbol(current)
        and not set(current.surface) <= SMALL_KANA
        and (len(current.surface) == 1 or _kana_symbol(previous) or _kana_symbol(following))
    ):
        return index, index
    if current.pos1 == "助動詞" and previous is not None:
        if (
            current.lemma in VOICE_AUXILIARIES
            and (previous.pos1 == "名詞" or (previous.pos1 == "接尾辞" and previous.pos2 == "名詞的"))
            and previous.pos2 != "数詞"
            and not _clipped_noun(previous)
        ):
            return index - 1, index
        if (
            current.lemma in ("せる", "させる")
            and previous.pos1 in ("動詞", "助動詞")
            and not previous.cform.startswith("未然形")
            and previous.ctype != "カ行変格"
            and not (
                current.lemma == "させる"
                and (previous.ctype.startswith(("上一段", "下一段")) or previous.lemma.endswith("ずる"))
            )
        ):
            return index - 1, index
        if current.lemma == "せる" and previous.pos1 == "動詞" and previous.ctype.startswith(("上一段", "下一段")):
            return index - 1, index
        if current.lemma == "た" and previous.pos1 == "名詞" and previous.pos2 != "数詞":
            return index - 1, index
        if current.lemma == "た" and (
            (previous.pos1 == "接尾辞" and previous.pos2 == "名詞的")
            or previous.pos2 == "格助詞"
            or previous.pos1 == "接頭辞"
            or previous.cform.startswith("語幹")
            or (previous.lemma in ("ます", "です") and previous.cform.startswith("終止形"))
        ):
            return index - 1, index
        if (
            current.lemma == "だ"
            and previous.pos1 in ("動詞", "助動詞")
            and previous.cform.startswith("連用形")
            and len(previous.surface) <= 2
            and HIRAGANA_RE.match(previous.surface)
            and previous.lemma != "だ"
            and not (index >= 2 and morphemes[index - 2].pos1 == "接頭辞")
        ):
            return index - 1, index
        if current.lemma == "です" and current.surface == "す" and previous.pos1 in ("動詞", "助動詞"):
            return index - 1, index
        if (
            current.lemma == "ます"
            and current.cform == "命令形"
            and previous.lemma not in HONORIFIC_IMPERATIVE
        ):
            return index - 1, index
        if current.lemma == "ます" and previous.pos1 not in ("動詞", "助動詞") and previous.pos2 != "動詞的":
            return index - 1, index
        if current.ctype.startswith("文語") and current.lemma == "む" and previous.cform.startswith("連用形"):
            return index - 1, index
        if current.ctype.startswith("文語") and current.lemma == "き" and previous.cform.startswith("終止形"):
            return index - 1, index
        if current.lemma == "まい" and following is not None and following.pos1 == "助動詞":
            return index, index + 1
    if (
        current.pos1 == "助動詞"
        and current.ctype.startswith("文語")
        and current.lemma in ARCHAIC_SLIPS
        and not (
            previous is not None
            and (previous.ctype.startswith("文語") or previous.cform.startswith("命令形"))
        )
    ):
        return (index - 1 if previous is not None and current.lemma == "ざます" else index), index
    if current.pos1 == "接尾辞" and current.surface == "ら" and previous is not None and previous.pos1 == "動詞":
        return index - 1, index
    if (
        current.pos2 == "終助詞"
        and current.surface == "な"
        and previous is not None
        and previous.pos1 == "動詞"
        and previous.cform.startswith("連用形")
        and (previous.lemma in ("出来る", "得る") or _potential(previous))
    ):
        # 寝な (an order) is colloquial, but できな, あり得な, いけな cannot be orders: ない lost its い.
        return index - 1, index
    if (
        previous is not None
        and previous.pos1 == "動詞"
        and previous.cform.startswith("連用形")
        and (
            (current.pos1 == "名詞" and current.surface in ("しま", "すま"))
            or (current.lemma == "為る" and previous.lemma == "居る")
        )
    ):
        return index - 1, index
    if (
        current.ctype == "サ行変格"
        and current.cform == "未然形-サ"
        and following is not None
        and following.lemma not in VOICE_AUXILIARIES
    ):
        return index, index + 1
    if current.cform.endswith("省略") and following is not None and following.lemma == "ます":
        return index, index + 1
    if previous is not None and current.pos1 == "助詞" and current.pos2 == "接続助詞":
        if current.surface == "し" and previous.ctype == "サ行変格" and previous.cform.startswith("連用形"):
            return index - 1, index
        if (
            current.surface in ("て", "で")
            and previous.pos1 == "名詞"
            and len(previous.surface) == 1
            and KANJI_ONLY_RE.match(previous.surface)
        ):
            return index - 1, index
    if (
        current.pos1 == "感動詞"
        and len(current.surface) <= 2
        and previous is not None
        and (previous.pos2 == "格助詞" or previous.pos1 == "助動詞")
        and (following is None or following.surface[:1] in SENTENCE_END)
    ):
        return index - 1, index
    if (
        current.ctype == "助動詞-ヤ"
        and current.surface == "や"
        and (following is None or following.is_symbol)
    ):
        return index, index
    if (
        current.lemma in ("ます", "です")
        and current.cform.startswith("連用形")
        and _sentence_end(following)
        and not (previous is not None and previous.lemma == "因る")
    ):
        return index, index
    if (
        current.lemma == "ます"
        and current.cform == "連用形-一般"
        and following is not None
        and not following.is_symbol
        and following.lemma != "た"
        and following.surface not in MASHI_FOLLOWERS
    ):
        return index, index + 1
    if current.lemma == "ます" and current.cform.endswith("撥音便"):
        return index, index
    if (
        current.lemma == "ます"
        and current.cform.startswith("未然形")
        and (following is None or following.lemma not in ("ず", "ぬ", "う", "む"))
    ):
        return index, index if following is None else index + 1
    if (
        current.lemma == "ない"
        and current.cform.startswith("語幹")
        and following is not None
        and following.pos1 == "助詞"
    ):
        return index, index + 1
    if (
        current.surface == "っ"
        and current.pos1 == "補助記号"
        and previous is not None
        and previous.pos1 == "助詞"
        and following is not None
        and HIRAGANA_RE.match(following.surface[:1])
    ):
        return index, index + 1
    if (
        current.pos1 == "名詞"
        and current.surface == "しま"
        and previous is not None
        and previous.pos3 == "サ変可能"
        and following is not None
        and following.surface[:1] in SENTENCE_END
    ):
        return index - 1, index
    glued = _check_glued(morphemes, index, previous, following)
    if glued is not None:
        return glued
    if current.pos1 == "動詞":
        if (
            current.lemma == "居る"
            and previous is not None
            and previous.pos1 == "動詞"
            and previous.cform == "連用形-一般"
            and current.surface in ("い", "いる", "いた", "いま")
        ):
            return index - 1, index
        return _check_verb(morphemes, index, previous, following)
    if previous is not None and previous.pos1 in ("動詞", "助動詞"):
        if current.pos1 == "接続詞" and previous.pos1 == "動詞" and previous.cform.startswith("連用形"):
            return index - 1, index
        if (
            current.pos2 == "終助詞"
            and current.surface in FINAL_PARTICLE_SLIPS
            and previous.cform.startswith(("連用形", "已然形"))
        ):
            return index - 1, index
        if (
            len(current.surface) == 1
            and HIRAGANA_RE.match(current.surface)
            and previous.pos1 == "動詞"
            and (
                current.pos1 == "名詞"
                or (current.pos1 == "感動詞" and following is not None and following.pos1 == "助詞")
            )
        ):
            return index - 1, index
    if (
        previous is not None
        and previous.pos2 == "接続助詞"
        and previous.surface in ("て", "で")
        and current.surface == "いま"
        and _sentence_end(following)
    ):
        return index - 1, index
    if (
        current.pos1 == "接続詞"
        and len(current.surface) == 1
        and previous is not None
        and previous.pos2 == "格助詞"
    ):
        return index, index + 1 if following is not None else index
    return None


def _sentence_end(morpheme: Morpheme | None) -> bool:
    return morpheme is None or morpheme.surface[:1] in SENTENCE_END


def _check_glued(
    morphemes: tuple[Morpheme, ...], index: int, previous: Morpheme | None, following: Morpheme | None
) -> tuple[int, int] | None:
    """Conjugated forms left hanging where a kana went missing or moved (落ち。, なかっ。, しすま, ていすま)."""
    current = morphemes[index]
    if following is not None and _sentence_end(following):
        if current.pos1 == "助動詞" and current.cform.endswith("促音便"):
            return index, index
        if (
            current.pos1 == "動詞"
            and following.surface[:1] not in "？?"
            and current.ctype.startswith(("五段", "上一段"))
            and current.cform == "連用形-一般"
            and not (previous is not None and previous.pos1 == "接頭辞")
        ):
            return index, index
    if (
        current.pos1 == "感動詞"
        and len(current.surface) == 1
        and HIRAGANA_RE.match(current.surface)
        and previous is not None
        and (
            (previous.pos1 in ("動詞", "助動詞") and previous.cform.startswith("連用形"))
            or (previous.pos2 == "接続助詞" and previous.surface in ("て", "で"))
        )
        and following is not None
        and not following.is_symbol
    ):
        kana_noun = following.pos1 == "名詞" and HIRAGANA_RE.match(following.surface)
        return index - 1, index + 1 if kana_noun else index
    if previous is None or previous.pos1 not in ("動詞", "助動詞"):
        return None
    if current.pos1 == "名詞" and current.surface == "すま" and _sentence_end(following):
        return index - 1, index
    if not previous.cform.startswith("連用形"):
        return None
    if current.pos1 == "名詞" and current.surface == "ま" and _sentence_end(following):
        return index - 1, index
    return None


def _check_verb(
    morphemes: tuple[Morpheme, ...], index: int, previous: Morpheme | None, following: Morpheme | None
) -> tuple[int, int] | None:
    current = morphemes[index]
    if current.lemma == "成る" and previous is not None and previous.pos1 == "動詞" and previous.cform == "連用形-一般":
        return index - 1, index
    if (
        current.ctype.startswith("五段")
        and current.ctype != "五段-サ行"
        and current.cform == "連用形-一般"
        and not HIRAGANA_RE.match(current.surface)
        and following is not None
        and (following.lemma == "た" or (following.pos1 == "助詞" and following.surface in ("て", "で", "たり")))
    ):
        return index, index + 1
    if (
        current.ctype.startswith("五段")
        and current.cform == "連用形-一般"
        and following is not None
        and following.pos1 == "助動詞"
        and following.lemma in ("れる", "られる")
    ):
        return index, index + 1
    if (
        current.cform == "連用形-一般"
        and following is not None
        and following.pos1 == "副詞"
        and index + 2 < len(morphemes)
        and morphemes[index + 2].surface[:1] in SENTENCE_END
    ):
        return index, index + 1
    if (
        current.cform.startswith("連用形-")
        and current.cform.endswith("音便")
        and current.lemma not in ONBIN_BEFORE_MASU
    ):
        if following is None:
            return index, index
        if not following.surface.startswith(ONBIN_FOLLOWERS) and (
            following.pos1 != "補助記号" or following.surface in "。．、，"
        ):
            return index, index + 1
    if (
        current.ctype.startswith("五段")
        and current.cform == "未然形-一般"
        and (following is None or following.lemma not in AFTER_MIZEN)
        and (following is None or following.pos1 in ("助動詞", "助詞") or following.is_symbol)
    ):
        return index, index if following is None else index + 1
    if (
        KANJI_ONLY_RE.match(current.surface)
        and current.ctype.startswith(("上一段", "下一段"))
        and current.orth_base
        and current.orth_base != current.lemma
        and not _dictionary_form(current.orth_base)
    ):
        return index, index + 1 if following is not None else index
    if (
        _potential(current)
        and to_hiragana(current.orth_base[-2:-1]) not in E_ROW_KANA
        and following is not None
        and following.pos1 in ("助動詞", "助詞")
    ):
        # A potential verb (読め, lemma 読む) whose base is not 〜eる: UniDic's stray 思る read from 思てる
        # (申込書's 申込 is one too, but a suffix follows it, not a conjugation).
        return index, index + 1
    return None


def _potential(verb: Morpheme) -> bool:
    """A potential verb (読め, 行け): UniDic tags it 下一段 under the godan verb's lemma (読む, 行く)."""
    return verb.ctype.startswith("下一段") and not verb.lemma.endswith("る")


def _kana_symbol(morpheme: Morpheme | None) -> bool:
    """Hiragana that the analysis could only read as a symbol (よろく → よろ + く)."""
    return (
        morpheme is not None
        and morpheme.pos1 in ("記号", "補助記号")
        and bool(HIRAGANA_RE.match(morpheme.surface))
    )


@cache
def _dictionary_form(word: str) -> bool:
    """Whether ``word`` is a verb's written dictionary form (観る, 診る) rather than a broken stem (思る)."""
    morphemes = default_analyzer().analyze(word, cache=False).morphemes
    return len(morphemes) == 1 and morphemes[0].orth_base == word and not morphemes[0].unknown


def _clipped_noun(noun: Morpheme) -> bool:
    """点取 read as a noun whose lemma is 点取り: the verb 取る cut off by the analysis, not a dropped kana."""
    return bool(noun.lemma) and noun.lemma != noun.surface and noun.lemma.startswith(noun.surface)


def anomalies(morphemes: tuple[Morpheme, ...]) -> list[tuple[int, int]]:
    """Index ranges ``(first, last)`` of morpheme sequences that cannot occur in well-formed Japanese."""
    found: list[tuple[int, int]] = []
    for index in range(len(morphemes)):
        span = _check(morphemes, index)
        if span is not None:
            found.append(span)
    text = "".join(
        " " * (m.start - (morphemes[i - 1].end if i else 0)) + m.surface for i, m in enumerate(morphemes)
    )
    for match in IMPOSSIBLE_KANA_RE.finditer(text):
        inside = [i for i, m in enumerate(morphemes) if m.start < match.end() and m.end > match.start()]
        if inside:
            found.append((inside[0], inside[-1]))
    return found


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _edits(window: str) -> list[str]:
    """Every one-kana repair of ``window``: adjacent hiragana swapped, a kana put in, a hiragana taken out."""
    edits: dict[str, None] = {}
    for position in range(len(window) - 1):
        first, second = window[position], window[position + 1]
        if first != second and HIRAGANA_RE.match(first) and HIRAGANA_RE.match(second):
            edits[window[:position] + second + first + window[position + 2 :]] = None
    for position in range(len(window) + 1):
        for kana in REPAIR_KANA:
            edits[window[:position] + kana + window[position:]] = None
    if len(window) > 1:
        for position, char in enumerate(window):
            if HIRAGANA_RE.match(char):
                edits[window[:position] + window[position + 1 :]] = None
    edits.pop(window, None)
    return list(edits)


def _repairs(text: str, start: int, end: int) -> tuple[str, ...]:
    """Up to ``MAX_REPAIRS`` one-kana repairs of ``text[start:end]``, most natural first.

    Candidates are ranked by MeCab's path cost of their sentence; the cheapest ``SHORTLIST`` are re-analysed
    and kept only when the result is well formed with no unknown word, colloquial contraction (住みゃ) or
    classical form (買へます) where the repair went. Alternatives costing more than ``ALTERNATIVE_MARGIN`` above the best are dropped.
    """
    window = text[start:end]
    if len(window) > MAX_REPAIR_WINDOW:
        return ()
    offset, context = local_context(text, start, end)
    before, after = context[: start - offset], context[end - offset :]
    analyzer = default_analyzer()
    ranked = sorted((analyzer.path_cost(before + candidate + after), candidate) for candidate in _edits(window))
    repairs: list[str] = []
    best_cost = 0
    for cost, candidate in ranked[:SHORTLIST]:
        if repairs and cost > best_cost + ALTERNATIVE_MARGIN:
            break
        morphemes = analyzer.analyze(before + candidate + after, cache=False).morphemes
        if anomalies(morphemes):
            continue
        inside = [m for m in morphemes if m.start < len(before) + len(candidate) and m.end > len(before)]
        if any(m.unknown or m.cform.endswith("融合") or m.ctype.startswith("文語") for m in inside):
            continue
        if not repairs:
            best_cost = cost
        repairs.append(candidate)
        if len(repairs) == MAX_REPAIRS:
            break
    return tuple(repairs)


class BrokenWord(Rule):
    id = "broken-word"
    category = "typo"
    severity = Severity.ERROR
    name = Text("脱字・文字の入れ替わり", "Dropped or swapped kana")
    description = Text(
        "語の中で仮名が抜けたり入れ替わったりした箇所（行れる、くだいさ、確認しまた）を、形態素解析の失敗"
        "（未知語、ありえない活用のつながり）から見つけます。仮名一字の補い・削除・隣との入れ替えで正しく解析できる"
        "候補を、文として自然な順（MeCab の連接コスト）に三つまで示します。",
        "Finds kana dropped or swapped inside a word (行れる, くだいさ, 確認しまた) from analysis failures:"
        " unknown words and inflections that cannot follow each other. Suggests up to three repairs that add,"
        " remove or swap one kana and analyse cleanly, most natural sentence first (MeCab's path cost).",
    )
    valid = (
        "資料をご確認ください。",
        "資料を確認しまs。",
        "ありがとうございます。",
        "会議が行われる。",
        "書いて、読んで、話した。",
        "勉強させる。",
        "子どもを優れた音楽に触れさせるべきだ。私たちを疲れさせるのです。毎日母に青野菜を食べさせられた。事を信じさせよう。",
        "行かない。",
        "確認しました。",
        "東京へ行った。",
        "時間を使わなさ過ぎる。",
        "わぉ！やぁ、寒っ！",
        "僕が払っとこう。",
        "嘘おっしゃい。",
        "時は金なり。",
        "寒っ！やったっ。",
        "もしお望みなら送ります。",
        "していないのでだから",
        "しょうゆとちゃわん、キャッシュ",
        "行きません。行きましょう。いらっしゃいませ。",
        "知らなさそうだ。",
        "あとで電話ちょうだい。",
        "変更なし。異常なし。",
        "遅れてごめん。",
        "医者に診てもらった。映画を観たい。",
        "嫌がらせはやめて。",
        "本当にすいません。",
        "ご迷惑をおかけして申し訳ございません。",
        "来ないよりまし。",
        "理由がわかりかねます。",
        "私のせいです。",
        "お腹が空いてなさそうね。",
        "始めよければ半ば成功。",
        "いい点取れた？",
        "雨やんだ？",
        "あの犬を来させないで。",
        "父は眠り通しだった。",
        "ここにしまっときましょう。説明書を読んどきゃよかった。",
        "ねこっかぶり！",
        "「全部やった」と言えたら",
        "データにおける課題",
        "知らんって。",
        "見てごらん。",
        "部屋から出てちょうだい。",
        "社内においていくつか検討した。",
        "あきれてものも言えない。",
        "書類を話した。子どもに服を着せた。言わせておけ。",
        "ご来場ありがとうございました。ありまして、行きましたり。",
        "事務所にいらしてください。愛想がつきた。",
        "お待ちになった。",
        "こっちへおいで。お願い。進め。休め！嘘つけ。どこ住み？",
        "クッキーをお一つどうぞ。仕事があるので。",
        "申込書に写真を添付する。本が読めます。イケてる。よく思えます。",
        "本当にありがとう。資料を分析させる。雨で中止。時間をかけて検討した。",
        "早く寝な。ここで待っていな。会議をしました。部長と話した。",
    )
    invalid = (
        Example("資料をご確認くだいさ。", span="くだいさ", suggestion="ください"),
        Example("会議が行れる。", span="行れる"),
        Example("内容を確認しまた。", span="しまた", suggestion="しました"),
        Example("ありがとうござます。", span="ござます", suggestion="ございます"),
        Example("あたなの意見", span="あたな", suggestion="あなた"),
        Example("私は彼に会た。", span="会た", suggestion="会った"),
        Example("紙を貼り合わた。", span="合わた"),
        Example("銀行は9時に開店しす。", span="しす", suggestion="します"),
        Example("洞察を得らます。", span="ら"),
        Example("ペットを飼っていまし。", span="まし"),
        Example("ゲームの仕方を知てっるの？", span="てっる"),
        Example("焼き加減はどういたしまょしう？", span="ょし", suggestion="しょ"),
        Example("トムは電気を消た。", span="消た"),
        Example("音楽を聴きいたの？", span="聴きい"),
        Example("ストリームを持っていなら、", span="いなら"),
        Example("生鮮野菜を買ます。", span="買ます"),
        Example("乗せてもらえませか。", span="ませか", suggestion="ませんか"),
        Example("あまり知らなかもしれない。", span="なか"),
        Example("提示することができま。", span="できま"),
        Example("我々が直面しなっかたような", span="っかた"),
        Example("混合物も通過しま。", span="通過しま"),
        Example("奈良に住みた。", span="住みた"),
        Example("会議が行きれる。", span="行きれる"),
        Example("説明したいと考えていまた。", span="いまた", suggestion="いました"),
        Example("昨日行きますた。", span="ますた"),
        Example("ことができなった。", span="できなっ"),
        Example("4点について触れせていただきたい。", span="触れせ"),
        Example("飼っていましが、九匹を除いて", span="ましが"),
        Example("別の例を見てみましう。", span="ましう", suggestion="ましょう"),
        Example("子と恋に落ち。", span="落ち"),
        Example("実験は行われなかっ。", span="なかっ", suggestion="なかった"),
        Example("9時に開店しすま。", span="しすま", suggestion="します"),
        Example("結果が予測されていすま。", span="ていすま", suggestion="ています"),
        Example("力を作用させまています。", span="せま"),
        Example("基礎をお教えしすま。", span="しすま"),
        Example("僕を悪い奴だと思てる。", span="思てる", suggestion="思ってる"),
        Example("そうは思まいせん。", span="思まい", suggestion="思いま"),
        Example("全く受け入れらない。", span="受け入れら"),
        Example("ステムを使うきか？", span="使うき"),
        Example("道路で悲惨な事故があっ。", span="があっ", suggestion="があった"),
        Example("構成要素に分解さません。", span="さませ"),
        Example("速さによって分離されす。", span="れす"),
        Example("学校はどこにあますか？", span="あます", suggestion="あります"),
        Example("情報量が急増ししまた。", span="しし"),
        Example("なんで泣ているの？", span="泣て", suggestion="泣いて"),
        Example("君にはできなと思うよ。", span="できな", suggestion="できない"),
        Example("その生活をしてはいけな。", span="いけな"),
        Example("コーヒーをお願いしま。", span="願いしま"),
        Example("発作を起こしていした。", span="いし"),
        Example("強い風が１日中吹た。", span="吹た"),
        Example("２時に遅い昼食をとた。", span="とた"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        morphemes = analysis.morphemes
        reported_until = -1
        spans = _merged(anomalies(morphemes))
        suggest = len(spans) <= max(MAX_REPAIRED_SPANS, len(analysis.text) // CHARS_PER_REPAIRED_SPAN)
        for first, last in spans:
            start, end = morphemes[first].start, morphemes[last].end
            if start < reported_until or _next_to_latin(analysis.text, start, end):
                continue
            repairs: tuple[str, ...] = ()
            if suggest:
                start, end, repairs = _repaired_span(analysis.text, start, end, reported_until)
            reported_until = end
            found = analysis.text[start:end]
            repair = repairs[0] if repairs else None
            yield Finding(
                start,
                end,
                Text(
                    f"「{found}」は語として成り立ちません。仮名の抜けや入れ替わりがないか確認してください。"
                    + (f"「{repair}」の誤りではありませんか。" if repair else ""),
                    f"「{found}」 does not form a valid word; check for a dropped or swapped kana."
                    + (f" Did you mean 「{repair}」?" if repair else ""),
                ),
                repairs,
            )


def _repaired_span(text: str, start: int, end: int, floor: int) -> tuple[int, int, tuple[str, ...]]:
    """The span and its repairs; a lone small kana (まょしう) is repaired together with its neighbours, since the
    slip is usually a swap with one of them (ましょう), and the span is then trimmed to what the repairs change.
    The widened span never reaches back before ``floor``, where the previous finding ends."""
    if end - start > 1 or text[start] not in SMALL_KANA or start - 1 < max(floor, 0) or end == len(text):
        return start, end, _repairs(text, start, end)
    repairs = _repairs(text, start - 1, end + 1)
    if not repairs:
        return start, end, ()
    window = text[start - 1 : end + 1]
    head = min(_shared_prefix(window, repair) for repair in repairs)
    tail = min(_shared_prefix(window[head:][::-1], repair[head:][::-1]) for repair in repairs)
    tail = min(tail, len(window) - head - 1)
    return start - 1 + head, end + 1 - tail, tuple(repair[head : len(repair) - tail] for repair in repairs)


def _shared_prefix(first: str, second: str) -> int:
    """How many leading characters the two strings share."""
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


def _next_to_latin(text: str, start: int, end: int) -> bool:
    """Whether a lower-case Latin letter touches the span: then the stray romaji is the slip (確認しまs。 → します),
    which stray-alphabet reports, and the kana around it are not broken."""
    return (start > 0 and text[start - 1] in LOWER_LATIN) or (end < len(text) and text[end] in LOWER_LATIN)


RULE = BrokenWord()
