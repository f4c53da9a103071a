"""Precision and recall per rule on errors injected into clean Japanese (Coursera and Tatoeba dev lines).

Run: ``.venv/bin/python -m tests.proofread.error_injection [--per-rule N] [--seed S]``.

For every rule an injector turns clean host sentences into sentences with exactly one error of the kind the
rule targets (a doubled particle, a swapped kana, 但し for ただし, ...), recording the span of the error. The
evaluation set of a rule is its injected texts plus the same hosts unchanged. A reported issue of that rule
that overlaps an injected span is a true positive; every other issue of that rule (on the clean hosts, or
elsewhere in an injected text) counts as a false positive — so real slips in the hosts count against us.
Where the hosts offer no natural place for an error (二重敬語, 慣用句, 機種依存文字), the injector adds one of
several erroneous phrases or sentences to the host; those rows are marked "template": they show that the rule
works inside varied real sentences, not how much of the real-world variety it covers.
"""

from __future__ import annotations

import argparse
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workstation.proofread import Checker, default_analyzer
from workstation.proofread.analyzer import Morpheme
from workstation.proofread.model import Issue
from workstation.proofread.rules import all_rules
from workstation.proofread.rules.re_tasu import is_potential_verb

DATA = Path(__file__).parent / "data"
HOST_FILES = ("coursera_dev_ja.txt", "tatoeba_dev_ja.txt")


@dataclass(frozen=True)
class Injection:
    text: str
    start: int
    end: int


Injector = Callable[[random.Random, str], Injection | None]
INJECTORS: dict[str, tuple[Injector, bool]] = {}
"""rule id → (injector, uses templates)."""
RESTORABLE: set[str] = set()
"""Rules whose injector corrupts a correct word, so the right fix gives back the clean host (not so for 見る →
見れる, whose fix is 見られる, nor for templates)."""


def injector(rule_id: str, *, template: bool = False, restorable: bool = False) -> Callable[[Injector], Injector]:
    def register(function: Injector) -> Injector:
        INJECTORS[rule_id] = (function, template)
        if restorable:
            RESTORABLE.add(rule_id)
        return function

    return register


def morphemes(text: str) -> tuple[Morpheme, ...]:
    return default_analyzer().analyze(text).morphemes


def replace(text: str, start: int, end: int, new: str, mark: tuple[int, int] | None = None) -> Injection:
    """``text`` with ``[start, end)`` replaced; the error span is ``mark`` relative to ``new`` (default: all of it)."""
    first, last = mark or (0, len(new))
    return Injection(text[:start] + new + text[end:], start + first, start + last)


def pick(rng: random.Random, items: list):
    return rng.choice(items) if items else None


def prefixed(rng: random.Random, text: str, phrases: list[tuple[str, tuple[int, int]]]) -> Injection:
    """``text`` after one of ``phrases``, chosen at random; each comes with the error's span inside it."""
    phrase, span = rng.choice(phrases)
    return Injection(phrase + text, *span)


def sub_once(
    rng: random.Random,
    text: str,
    pattern: str,
    build: Callable[[re.Match[str]], tuple[str, tuple[int, int] | None]],
):
    match = pick(rng, list(re.finditer(pattern, text)))
    if match is None:
        return None
    new, mark = build(match)
    return replace(text, match.start(), match.end(), new, mark)


# --- 誤字・脱字 -------------------------------------------------------------------------------------------


@injector("doubled-particle", restorable=True)
def _doubled_particle(rng, text):
    hosts = [
        m
        for m in morphemes(text)
        if m.pos1 == "助詞" and m.surface in ("は", "を", "が", "に", "で") and m.pos2 != "接続助詞"
    ]
    m = pick(rng, hosts)
    return None if m is None else replace(text, m.start, m.end, m.surface * 2)


@injector("repeated-word", restorable=True)
def _repeated_word(rng, text):
    hosts = [
        m
        for m in morphemes(text)
        if (m.pos1 == "名詞" and len(m.surface) >= 2 and m.pos2 != "数詞" and not m.surface.isascii())
        or m.lemma == "です"
    ]
    m = pick(rng, hosts)
    if m is None:
        return None
    if m.pos1 == "名詞" and rng.random() < 0.5:
        return replace(
            text, m.start, m.end, m.surface + m.surface[-1], (len(m.surface) - 1, len(m.surface) + 1)
        )
    return replace(text, m.start, m.end, m.surface * 2)


HIRAGANA = re.compile(r"[\u3041-\u3093]")


@injector("broken-word", restorable=True)
def _broken_word(rng, text):
    items = morphemes(text)
    chains = []
    for index, m in enumerate(items):
        if m.pos1 == "動詞" and index + 1 < len(items) and items[index + 1].pos1 == "助動詞":
            end = index + 1
            while end + 1 < len(items) and items[end + 1].pos1 == "助動詞":
                end += 1
            span = text[m.start : items[end].end]
            if len(span) >= 3 and HIRAGANA.search(span[1:]):
                chains.append((m.start, items[end].end))
    chain = pick(rng, chains)
    if chain is None:
        return None
    start, end = chain
    word = text[start:end]
    positions = [i for i in range(1, len(word)) if HIRAGANA.match(word[i])]
    position = rng.choice(positions)
    if (
        rng.random() < 0.5
        and position + 1 < len(word)
        and HIRAGANA.match(word[position + 1])
        and word[position] != word[position + 1]
    ):
        broken = word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    else:
        broken = word[:position] + word[position + 1 :]
    return replace(text, start, end, broken)


@injector("unmatched-bracket")
def _unmatched_bracket(rng, text):
    closers = [m for m in re.finditer(r"[」』）)]", text)]
    if closers and rng.random() < 0.5:
        m = rng.choice(closers)
        return Injection(text[: m.start()] + text[m.end() :], *_opener_span(text, m.start()))
    items = [m for m in morphemes(text) if m.pos1 == "名詞" and m.pos2 != "数詞"]
    m = pick(rng, items)
    if m is None:
        return None
    return replace(text, m.start, m.start, "「", (0, 1))


def _opener_span(text: str, closer: int) -> tuple[int, int]:
    pairs = {"」": "「", "』": "『", "）": "（", ")": "("}
    opener = text.rfind(pairs[text[closer]], 0, closer)
    return (opener, opener + 1) if opener >= 0 else (closer, closer + 1)


ROMAJI = {
    "ん": "n",
    "ま": "m",
    "か": "k",
    "す": "s",
    "た": "t",
    "る": "r",
    "し": "s",
    "ら": "r",
    "な": "n",
    "き": "k",
}


@injector("stray-alphabet", restorable=True)
def _stray_alphabet(rng, text):
    hosts = []
    for m in morphemes(text):
        if m.pos1 in ("動詞", "助動詞", "名詞") and len(m.surface) >= 2:
            for offset in range(1, len(m.surface)):
                if m.surface[offset] in ROMAJI and HIRAGANA.match(m.surface[offset - 1]):
                    hosts.append(m.start + offset)
    position = pick(rng, hosts)
    if position is None:
        return None
    return replace(text, position, position + 1, ROMAJI[text[position]])


@injector("combining-mark", restorable=True)
def _combining_mark(rng, text):
    hosts = [
        i for i, c in enumerate(text) if unicodedata.normalize("NFD", c) != c and "\u3040" <= c <= "\u30ff"
    ]
    position = pick(rng, hosts)
    return (
        None
        if position is None
        else replace(text, position, position + 1, unicodedata.normalize("NFD", text[position]))
    )


@injector("invisible-char", restorable=True)
def _invisible_char(rng, text):
    position = rng.randrange(1, max(2, len(text)))
    return replace(text, position, position, "\u200b")


# --- 文法 ------------------------------------------------------------------------------------------------


@injector("ra-nuki")
def _ra_nuki(rng, text):
    hosts = [
        m
        for m in morphemes(text)
        if m.pos1 == "動詞"
        and m.ctype.startswith(("上一段", "下一段"))
        and m.cform.startswith(("終止形", "連体形"))
        and m.surface.endswith("る")
        and m.lemma not in ("居る", "出来る", "見える", "呉れる")
        and not is_potential_verb(m)  # 話せる → 話せれる is れ足す, not ら抜き
    ]
    m = pick(rng, hosts)
    return None if m is None else replace(text, m.start, m.end, m.surface[:-1] + "れる")


@injector("re-tasu", restorable=True)
def _re_tasu(rng, text):
    hosts = [
        m
        for m in morphemes(text)
        if is_potential_verb(m) and m.surface.endswith(("る", "ます", "ない")) and HIRAGANA.match(m.surface[-1])
    ]
    m = pick(rng, hosts)
    if m is None:
        return None
    stem = len(m.orth_base) - 1
    return replace(text, m.start, m.end, m.surface[:stem] + "れ" + m.surface[stem:])


@injector("i-nuki", restorable=True)
def _i_nuki(rng, text):
    match = pick(rng, list(re.finditer(r"([てで])い(る|た|ない)", text)))
    if match is None:
        return None
    return replace(
        text, match.start(), match.end(), match.group(1) + match.group(2), (0, 1 + len(match.group(2)))
    )


GODAN_A = {
    "き": "か",
    "ぎ": "が",
    "し": "さ",
    "ち": "た",
    "に": "な",
    "び": "ば",
    "み": "ま",
    "り": "ら",
    "い": "わ",
}


@injector("sa-ire")
def _sa_ire(rng, text):
    items = morphemes(text)
    hosts = [
        m
        for i, m in enumerate(items)
        if m.pos1 == "動詞"
        and m.ctype.startswith("五段")
        and m.cform == "連用形-一般"
        and m.surface[-1] in GODAN_A
        and i + 1 < len(items)
        and items[i + 1].lemma == "ます"
    ]
    m = pick(rng, hosts)
    if m is None:
        return None
    after = items[items.index(m) + 1]
    new = m.surface[:-1] + GODAN_A[m.surface[-1]] + "させていただき"
    return replace(text, m.start, after.start, new, (0, len(new) - 5))


@injector("double-negative")
def _double_negative(rng, text):
    return sub_once(rng, text, r"(?<=[ら-ろかさまわなた])ない(?=[。、])", lambda m: ("ないことはない", None))


@injector("conjunctive-ga", template=True)
def _conjunctive_ga(rng, text):
    match = re.search(r"(ます|です|ました|でした|る|た)。", text)
    if match is None or match.end() < len(text) * 0.3:
        return None
    head = text[: match.end() - 1]
    extra = rng.choice(["が、結果は変わらなかったが、", "が、時間がかかったが、", "が、理由は不明だが、"])
    new = head + extra + "次に進みます。"
    return Injection(new, len(head) + extra.rindex("が"), len(head) + extra.rindex("が") + 1)


@injector("double-honorific", template=True)
def _double_honorific(rng, text):
    phrases = [
        ("先生がおっしゃられたように、", (3, 9)),
        ("部長がお帰りになられた後、", (3, 10)),
        ("明日お伺いさせていただきますが、", (2, 12)),
        ("資料を拝見させていただき、", (3, 12)),
        ("大臣がいらっしゃられる前に、", (3, 11)),
    ]
    return prefixed(rng, text, phrases)


@injector("doubled-joshi")
def _doubled_joshi(rng, text):
    items = morphemes(text)
    hosts = [
        i
        for i, m in enumerate(items)
        if m.surface == "を" and m.pos2 == "格助詞" and i and items[i - 1].pos1 == "名詞"
    ]
    index = pick(rng, hosts)
    if index is None:
        return None
    noun = items[index - 1]
    extra = rng.choice(["資料を", "書類を", "報告を"])
    new = text[: noun.start] + extra + text[noun.start :]
    return Injection(new, items[index].start + len(extra), items[index].end + len(extra))


# --- 文体 ------------------------------------------------------------------------------------------------


@injector("style-mix", template=True)
def _style_mix(rng, text):
    match = re.search(r"です。$", text)
    if match is None:
        return None
    lead = "会議を開きます。資料を配ります。"
    new = lead + text[: match.start()] + "である。"
    start = len(lead) + match.start() + 1
    return Injection(new, start, start + 2)


@injector("sentence-length", template=True)
def _sentence_length(rng, text):
    if not text.endswith("。") or len(text) > 60:
        return None
    filler = (
        "、その後に関係者と十分に協議を重ねたうえで改めて全体の方針を決定し、各部局に対して具体的な指示を行うとともに"
        "進捗状況を定期的に確認して必要に応じて計画を見直し、その結果を関係機関と共有して次年度以降の施策に反映させる"
        "こととしています"
    )
    new = text[:-1] + filler + "。"
    return Injection(new, 0, len(new))


@injector("too-many-commas")
def _too_many_commas(rng, text):
    if not text.endswith("。") or "。" in text[:-1]:
        return None
    particles = [
        m
        for m in morphemes(text)
        if m.pos1 == "助詞" and m.pos2 in ("格助詞", "係助詞") and m.end < len(text) - 1
    ]
    if len(particles) < 5:
        return None
    new = text
    for m in sorted(rng.sample(particles, 5), key=lambda m: -m.end):
        new = new[: m.end] + "、" + new[m.end :]
    return Injection(new, 0, len(new))


@injector("kanji-run", template=True)
def _kanji_run(rng, text):
    phrase = rng.choice(
        [
            "新型感染症対策本部会議決定事項について、",
            "国際協力機構技術協力事業評価報告書では、",
            "在外公館警備対策強化計画策定後、",
        ]
    )
    return Injection(phrase + text, 0, len(re.match(r"[\u4e00-\u9fff]+", phrase).group()))


@injector("repeated-conjunction", template=True)
def _repeated_conjunction(rng, text):
    conjunction = rng.choice(["しかし", "また", "さらに", "そして"])
    new = f"{conjunction}、状況は変わった。{conjunction}、{text}"
    start = len(f"{conjunction}、状況は変わった。")
    return Injection(new, start, start + len(conjunction))


# --- 表記 ------------------------------------------------------------------------------------------------

VARIANTS = [
    ("サーバー", "サーバ"),
    ("子供", "子ども"),
    ("行う", "行なう"),
    ("取り扱い", "取扱い"),
    ("ユーザー", "ユーザ"),
    ("コンピューター", "コンピュータ"),
    ("出来る", "できる"),
    ("分かる", "わかる"),
]


@injector("notation-variants", template=True)
def _notation_variants(rng, text):
    if rng.random() < 0.3:
        digits = pick(rng, list(re.finditer(r"[0-9]+", text)))
        if digits is not None:
            lead = "第1回から第3回まで。"
            wide = digits.group().translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})
            return Injection(
                lead + text[: digits.start()] + wide + text[digits.end() :],
                len(lead) + digits.start(),
                len(lead) + digits.end(),
            )
    major, minor = rng.choice(VARIANTS)
    lead = f"{major}について。{major}の件。"
    return Injection(lead + f"{minor}の状況。" + text, len(lead), len(lead) + len(minor))


HALF = str.maketrans(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォッャュョー",
    "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ",
)


@injector("halfwidth-kana", restorable=True)
def _halfwidth_kana(rng, text):
    match = pick(
        rng,
        [
            m
            for m in re.finditer(r"[ァ-ンー]{2,}", text)
            if m.group().translate(HALF) != m.group()
            and all(
                c
                in "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォッャュョー"
                for c in m.group()
            )
        ],
    )
    return None if match is None else replace(text, match.start(), match.end(), match.group().translate(HALF))


@injector("platform-dependent", template=True)
def _platform_dependent(rng, text):
    char = rng.choice(["①", "②", "㈱", "㌔", "Ⅲ"])
    return Injection(char + text, 0, 1)


# --- 冗長・誤用 ------------------------------------------------------------------------------------------


@injector("redundant-expression", template=True)
def _redundant(rng, text):
    for pattern, new in (
        ("最初に", "まず最初に"),
        ("必要", "必ず必要"),
        ("現在", "今現在"),
        ("最後", "一番最後"),
    ):
        if pattern in text and rng.random() < 0.5:
            return sub_once(rng, text, pattern, lambda m, new=new: (new, None))
    phrases = [
        ("まず最初に、", (0, 5)),
        ("頭痛が痛いので、", (0, 5)),
        ("馬から落馬して、", (0, 5)),
        ("後で後悔しないよう、", (0, 4)),
        ("一番最初に、", (0, 4)),
        ("必ず必要な点として、", (0, 4)),
    ]
    return prefixed(rng, text, phrases)


@injector("wordy-expression", restorable=True)
def _wordy(rng, text):
    return sub_once(
        rng, text, r"(?<=[\u4e00-\u9fff])でき(?=る|ます|ない|た)", lambda m: ("することができ", None)
    )


@injector("confusable-word", template=True)
def _confusable(rng, text):
    for correct, wrong, span in (
        ("社会保障", "社会保証", (2, 4)),
        ("意思表示", "意志表示", (0, 2)),
        ("対照的", "対象的", (0, 2)),
        ("以外", None, None),
    ):
        if wrong and correct in text:
            return sub_once(rng, text, correct, lambda m, wrong=wrong, span=span: (wrong, span))
    phrases = [
        ("社会保証制度の下で、", (2, 4)),
        ("責任を追求する立場から、", (3, 5)),
        ("法律を適応した結果、", (3, 5)),
        ("意志表示として、", (0, 2)),
        ("人事移動に伴い、", (2, 4)),
        ("対象的に、", (0, 2)),
        ("以外と早く、", (0, 2)),
    ]
    return prefixed(rng, text, phrases)


@injector("idiom-misuse", template=True)
def _idiom(rng, text):
    phrases = [
        ("的を得た意見として、", (0, 4)),
        ("汚名挽回のために、", (0, 4)),
        ("取り付く暇もなく、", (0, 5)),
        ("雪辱を晴らすために、", (0, 4)),
    ]
    return prefixed(rng, text, phrases)


@injector("dictionary", template=True)
def _dictionary(rng, text):
    phrases = [
        ("世界保健機構によれば、", (0, 6)),
        ("グルジア政府は、", (0, 4)),
        ("国際労働機構の報告で、", (0, 6)),
        ("ヴェトナムでは、", (0, 5)),
    ]
    return prefixed(rng, text, phrases)


# --- 公用文 ----------------------------------------------------------------------------------------------


@injector("koyobun-conjunction", template=True)
def _koyobun_conjunction(rng, text):
    kanji = {
        "ただし": "但し",
        "なお": "尚",
        "したがって": "従って",
        "かつ": "且つ",
        "あるいは": "或いは",
        "すなわち": "即ち",
    }
    word = rng.choice(list(kanji))
    return Injection(f"{kanji[word]}、{text}", 0, len(kanji[word]))


@injector("koyobun-formal-noun", restorable=True)
def _koyobun_formal_noun(rng, text):
    items = morphemes(text)
    hosts = [
        (m, new)
        for i, m in enumerate(items)
        for new in [{"こと": "事", "ため": "為", "よう": "様"}.get(m.surface)]
        if new
        and i
        and (
            items[i - 1].pos1 in ("動詞", "助動詞") or (m.surface != "こと" and items[i - 1].surface == "の")
        )
        and m.pos1 in ("名詞", "形状詞")
    ]
    host = pick(rng, hosts)
    return None if host is None else replace(text, host[0].start, host[0].end, host[1])


@injector("koyobun-auxiliary", restorable=True)
def _koyobun_auxiliary(rng, text):
    table = {
        "ください": "下さい",
        "いただ": "頂",
        "おく": "置く",
        "くる": "来る",
        "いく": "行く",
        "みる": "見る",
        "ほしい": "欲しい",
    }
    return sub_once(
        rng,
        text,
        r"(?<=[てで])(ください|いただ|おく|くる|いく|みる|ほしい)",
        lambda m: (table[m.group()], None),
    )


@injector("koyobun-counter")
def _koyobun_counter(rng, text):
    found = sub_once(rng, text, r"(?<=[0-9])か(?=月|所|国)", lambda m: (rng.choice("ヶヵカ"), None))
    if found:
        return found
    number = str(rng.randint(2, 12))
    lead = f"{number}{rng.choice('ヶヵカ')}{rng.choice(['月', '所', '国'])}の後、"
    return Injection(lead + text, len(number), len(number) + 1)


KANJI_DIGITS = "〇一二三四五六七八九"


def to_kanji(value: int) -> str:
    if value < 10:
        return KANJI_DIGITS[value]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else KANJI_DIGITS[tens]) + "十" + (KANJI_DIGITS[ones] if ones else "")


@injector("koyobun-numerals")
def _koyobun_numerals(rng, text):
    match = pick(
        rng, [m for m in re.finditer(r"(?<![0-9.,])([2-9]|[1-9][0-9])(?=[人年月日回件個円時分歳])", text)]
    )
    if match is None:
        value = rng.randint(2, 99)
        lead = f"{to_kanji(value)}{rng.choice('人件回')}が対象となり、"
        return Injection(lead + text, 0, len(to_kanji(value)))
    kanji = to_kanji(int(match.group()))
    return replace(text, match.start(), match.end(), kanji)


@injector("koyobun-punctuation", restorable=True)
def _koyobun_punctuation(rng, text):
    return sub_once(rng, text, r"(?<=[\u3041-\u30ff\u4e00-\u9fff])、", lambda m: ("，", None))


# --- evaluation --------------------------------------------------------------------------------------------


@dataclass
class Score:
    rule_id: str
    samples: int = 0
    detected: int = 0
    repaired: int = 0
    false_positives: int = 0
    template: bool = False

    @property
    def precision(self) -> float:
        reported = self.detected + self.false_positives
        return self.detected / reported if reported else float("nan")

    @property
    def recall(self) -> float:
        return self.detected / self.samples if self.samples else float("nan")


def load_hosts() -> list[str]:
    lines: list[str] = []
    for name in HOST_FILES:
        lines.extend(line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip())
    return lines


def evaluate(per_rule: int = 100, seed: int = 7, rules: list[str] | None = None) -> list[Score]:
    checker = Checker("koyobun")
    hosts = load_hosts()
    scores = []
    for rule_id in rules or sorted(INJECTORS):
        function, template = INJECTORS[rule_id]
        rng = random.Random(f"{seed}-{rule_id}")
        order = hosts[:]
        rng.shuffle(order)
        score = Score(rule_id, template=template)
        for host in order:
            if score.samples >= per_rule:
                break
            injection = function(rng, host)
            if injection is None or injection.text == host:
                continue
            score.samples += 1
            hit = repaired = False
            for issue in checker.check(injection.text):
                if issue.rule_id != rule_id:
                    continue
                if (
                    issue.start < injection.end and issue.end > injection.start
                ) or issue.start == injection.start:
                    hit = True
                    repaired = repaired or _gives_back(injection.text, issue, host)
                else:
                    score.false_positives += 1
            score.detected += hit
            score.repaired += repaired
            score.false_positives += sum(1 for issue in checker.check(host) if issue.rule_id == rule_id)
        scores.append(score)
    return scores


def _gives_back(text: str, issue: Issue, host: str) -> bool:
    """Whether the issue's first suggestion turns the injected text back into the clean host."""
    return bool(issue.suggestions) and text[: issue.start] + issue.suggestions[0] + text[issue.end :] == host


def table(scores: list[Score]) -> str:
    """One row per rule; ``fixed`` counts found errors whose first suggestion gives back the clean sentence, for
    the rules whose injections can be undone that way (others show –)."""
    rows = [
        f"{'rule':24s} {'injected':>8s} {'found':>6s} {'fixed':>6s} {'FP':>5s} {'precision':>9s} {'recall':>7s}  note"
    ]
    for score in scores:
        rows.append(
            f"{score.rule_id:24s} {score.samples:8d} {score.detected:6d}"
            f" {score.repaired if score.rule_id in RESTORABLE else '–':>6} {score.false_positives:5d}"
            f" {score.precision:9.3f} {score.recall:7.3f}  {'template' if score.template else ''}"
        )
    total = Score(
        "TOTAL",
        sum(s.samples for s in scores),
        sum(s.detected for s in scores),
        0,
        sum(s.false_positives for s in scores),
    )
    rows.append(
        f"{'(all rules)':24s} {total.samples:8d} {total.detected:6d} {'–':>6} {total.false_positives:5d} {total.precision:9.3f} {total.recall:7.3f}"
    )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-rule", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("rules", nargs="*")
    args = parser.parse_args()
    missing = sorted(set(all_rules()) - set(INJECTORS))
    print(table(evaluate(args.per_rule, args.seed, args.rules or None)))
    if missing:
        print("rules without an injector:", ", ".join(missing))


if __name__ == "__main__":
    main()
