"""Changes inside a changed block of lines: a word/morpheme diff with semantic clean-up.

Edits start and end on token boundaries (morphemes for Japanese, words for English, or
characters), so 「外務省の方針」→「外務省が方針」 is one change の→が and never half a word.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import Literal

from workstation.core.words import detect_word_lang, word_spans
from workstation.diff.tokens import Edit, diff_tokens, token_edits

__all__ = ["InlineGranularity", "boundary_score", "fold_small_equalities", "inline_edits", "slide_to_boundaries"]

InlineGranularity = Literal["word", "char"]

_SENTENCE_END = frozenset("。．.！？!?")
_PHRASE_BREAKS = _SENTENCE_END | frozenset("、，,;；:：\n")


def inline_edits(
    old: str, new: str, *, granularity: InlineGranularity, lang: str | None, timeout: float
) -> list[Edit]:
    """Character-offset edits turning ``old`` into ``new``, each starting and ending on a token boundary."""
    if granularity == "char":
        old_tokens, new_tokens = list(old), list(new)
    else:
        chosen = lang or detect_word_lang(old + new)
        old_tokens = [old[start:end] for start, end in word_spans(old, chosen)]
        new_tokens = [new[start:end] for start, end in word_spans(new, chosen)]
    edits = token_edits(diff_tokens(old_tokens, new_tokens, timeout=timeout))
    old_offsets = [0, *accumulate(len(token) for token in old_tokens)]
    new_offsets = [0, *accumulate(len(token) for token in new_tokens)]
    folded = fold_small_equalities(edits, old_offsets, new_offsets, old_tokens)
    slid = slide_to_boundaries(folded, old_tokens, new_tokens)
    return [
        (old_offsets[a], old_offsets[b], new_offsets[c], new_offsets[d]) for a, b, c, d in slid
    ]


def fold_small_equalities(
    edits: Sequence[Edit], old_offsets: Sequence[int], new_offsets: Sequence[int], old_tokens: Sequence[str]
) -> list[Edit]:
    """Semantic clean-up: absorb an unchanged run into its neighbouring edits when it is no longer than either.

    This is diff-match-patch's ``diff_cleanupSemantic`` rule (an equality no longer than the
    edits on both sides of it is folded into them, repeatedly), applied to token edits and
    required to hold both in characters and in tokens: a one-particle equality between two
    rewritten phrases is folded, while a content word between two particle swaps
    (の→が … を→に) or a word between two replaced English words stays visible. An equality
    holding a sentence end, comma or line break is never folded: separate fixes in separate
    phrases stay separate hunks. ``old_offsets[i]`` is the character offset of token ``i``.
    """

    def size(edit: Edit) -> tuple[int, int]:
        old_start, old_end, new_start, new_end = edit
        chars = max(old_offsets[old_end] - old_offsets[old_start], new_offsets[new_end] - new_offsets[new_start])
        return chars, max(old_end - old_start, new_end - new_start)

    folded: list[Edit] = []
    for edit in edits:
        current = edit
        while folded:
            previous = folded[-1]
            gap_tokens = current[0] - previous[1]
            gap_chars = old_offsets[current[0]] - old_offsets[previous[1]]
            before_chars, before_tokens = size(previous)
            after_chars, after_tokens = size(current)
            if not (
                gap_chars <= min(before_chars, after_chars)
                and gap_tokens <= min(before_tokens, after_tokens)
                and not any(_PHRASE_BREAKS.intersection(token) for token in old_tokens[previous[1] : current[0]])
            ):
                break
            folded.pop()
            current = (previous[0], current[1], previous[2], current[3])
        folded.append(current)
    return folded




def boundary_score(before: str, after: str) -> int:
    """How natural a cut between two pieces of text is, 0 (mid-phrase) to 6 (edge of the text).

    diff-match-patch's scale, with Japanese sentence ends: blank line 5, line break 4, after a
    sentence end 3, whitespace 2, other punctuation 1.
    """
    if not before or not after:
        return 6
    last, first = before[-1], after[0]
    if (last == "\n" and before.endswith("\n\n")) or after.startswith("\n\n") or (last == "\n" and first == "\n"):
        return 5
    if last == "\n" or first == "\n":
        return 4
    if last in _SENTENCE_END:
        return 3
    if last.isspace() or first.isspace():
        return 2
    if not last.isalnum() or not first.isalnum():
        return 1
    return 0


def slide_to_boundaries(edits: Sequence[Edit], old_tokens: Sequence[str], new_tokens: Sequence[str]) -> list[Edit]:
    """Slide each pure insertion or deletion along repeated tokens to the most natural place.

    「述べる{+。追記あり+}。」 and 「述べる。{+追記あり。+}」 are the same change; the second cuts
    after a sentence end and before the line break, so it is the one shown.
    """
    result = list(edits)
    for index, (old_start, old_end, new_start, new_end) in enumerate(result):
        if (old_start == old_end) == (new_start == new_end):
            continue
        inserting = old_start == old_end
        tokens = new_tokens if inserting else old_tokens
        start, end = (new_start, new_end) if inserting else (old_start, old_end)
        previous = result[index - 1] if index else None
        following = edits[index + 1] if index + 1 < len(edits) else None
        side = 2 if inserting else 0
        floor = previous[side + 1] if previous else 0
        ceiling = following[side] if following else len(tokens)
        shift = 0
        while start + shift > floor and tokens[start + shift - 1] == tokens[end + shift - 1]:
            shift -= 1
        best_shift, best_score = shift, -1
        while True:
            score = _score(tokens, start + shift, end + shift)
            if score > best_score:
                best_shift, best_score = shift, score
            if end + shift >= ceiling or tokens[start + shift] != tokens[end + shift]:
                break
            shift += 1
        if best_shift:
            result[index] = (old_start + best_shift, old_end + best_shift, new_start + best_shift, new_end + best_shift)
    return result


def _score(tokens: Sequence[str], start: int, end: int) -> int:
    before = tokens[start - 1] if start else ""
    first, last = tokens[start], tokens[end - 1]
    after = tokens[end] if end < len(tokens) else ""
    return boundary_score(before, first) + boundary_score(last, after)
