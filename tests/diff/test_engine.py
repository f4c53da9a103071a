"""The diff engine on Japanese and English revisions: word-snapped hunks, moves, ids, line endings, fallbacks."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from tests.diff.samples import EN_NEW, EN_OLD, JA_NEW, JA_OLD
from workstation.diff.engine import DiffOptions, TextDiff, diff_texts

UNHURRIED = DiffOptions(line_timeout=60.0, inline_budget=60.0)
"""Budgets no loaded test machine runs out of, so the tests see the engine's full result, not its fallback."""


def _changes(diff: TextDiff) -> list[tuple[str, str]]:
    return [(hunk.old_text, hunk.new_text) for hunk in diff.hunks]


def _consistent(diff: TextDiff) -> None:
    """Hunks are ordered, disjoint, and their text matches their spans."""
    old_pos = new_pos = 0
    for index, hunk in enumerate(diff.hunks):
        assert hunk.index == index
        assert hunk.old_start >= old_pos and hunk.new_start >= new_pos
        assert diff.old_text[hunk.old_start : hunk.old_end] == hunk.old_text
        assert diff.new_text[hunk.new_start : hunk.new_end] == hunk.new_text
        assert hunk.old_text != hunk.new_text
        old_pos, new_pos = hunk.old_end, hunk.new_end
    assert diff.merge({h.id for h in diff.hunks}, newline="\n") == diff.new_text
    assert diff.merge(set(), newline="\n") == diff.old_text


def test_particle_change_is_one_small_hunk() -> None:
    diff = diff_texts("外務省の方針", "外務省が方針")
    assert _changes(diff) == [("の", "が")]
    hunk = diff.hunks[0]
    assert (hunk.kind, hunk.old_start, hunk.old_end, hunk.new_start, hunk.new_end) == ("replace", 3, 4, 3, 4)
    assert hunk.granularity == "word"


def test_changed_word_is_snapped_to_the_whole_morpheme() -> None:
    assert _changes(diff_texts("新たな方針を決定した。", "新たな方策を決定した。")) == [("方針", "方策")]
    assert _changes(diff_texts("新たな方針を決定した。", "新たな方策を決定した。", DiffOptions(granularity="char"))) == [
        ("針", "策")
    ]


def test_english_changes_are_snapped_to_words() -> None:
    diff = diff_texts("The quick brown fox jumps.", "The quick red fox jumped.")
    assert _changes(diff) == [("brown", "red"), ("jumps", "jumped")]


def test_separate_fixes_in_separate_phrases_stay_separate() -> None:
    diff = diff_texts("会議を行ってる。ｶﾀｶﾅを使う。", "会議を行っている。カタカナを使う。")
    assert len(diff.hunks) == 2


def test_small_equalities_inside_a_rewrite_are_folded() -> None:
    diff = diff_texts("外務省の方針を決定した。", "外務省が方向性を決めた。")
    assert _changes(diff) == [("の方針を決定し", "が方向性を決め")]


def test_insertion_is_placed_at_the_sentence_boundary() -> None:
    diff = diff_texts("結論を述べる。\n", "結論を述べる。追記あり。\n")
    assert _changes(diff) == [("", "追記あり。")]
    assert diff.hunks[0].kind == "insert"


def test_japanese_revision() -> None:
    diff = diff_texts(JA_OLD, JA_NEW)
    _consistent(diff)
    changes = _changes(diff)
    assert ("は", "が") in changes
    assert ("する", "している") in changes or ("する。", "している。") in changes
    assert ("", "順次") in changes
    moved = [hunk for hunk in diff.hunks if hunk.move]
    assert len(moved) == 2
    source, target = sorted(moved, key=lambda h: h.move.role)
    assert source.move.role == "from" and source.kind == "delete" and "第一に" in source.old_text
    assert target.move.role == "to" and target.kind == "insert" and "第一に" in target.new_text
    assert source.move.partner == target.id and target.move.partner == source.id
    assert source.move.exact
    assert diff.stats().moved == 1
    line = next(h for h in diff.hunks if h.old_text == "は")
    assert (line.old_line, line.new_line) == (3, 3)


def test_english_revision_with_moved_paragraph() -> None:
    diff = diff_texts(EN_OLD, EN_NEW)
    _consistent(diff)
    changes = _changes(diff)
    assert ("decided on", "adopted") in changes
    assert ("in", "next") in changes
    assert any(hunk.move and hunk.move.exact for hunk in diff.hunks)


def test_moved_and_edited_passage_is_paired_fuzzily() -> None:
    old = "冒頭の段落です。\n\n関係各国との協議の結果を踏まえて新たな方針を決定した。\n\n中間の段落。\n\n末尾の段落。\n"
    new = "冒頭の段落です。\n\n中間の段落。\n\n関係各国との協議の結果を踏まえて新しい方針を決定した。\n\n末尾の段落。\n"
    diff = diff_texts(old, new)
    moved = [hunk for hunk in diff.hunks if hunk.move]
    assert len(moved) == 2
    assert not moved[0].move.exact


def test_moves_can_be_switched_off() -> None:
    diff = diff_texts(EN_OLD, EN_NEW, DiffOptions(detect_moves=False))
    assert not any(hunk.move for hunk in diff.hunks)


def test_identical_and_empty_texts() -> None:
    same = diff_texts(JA_OLD, JA_OLD)
    assert same.identical and same.hunks == () and same.blocks == ()
    assert same.merge(set()) == JA_OLD
    created = diff_texts("", "新しい文書\n")
    assert _changes(created) == [("", "新しい文書\n")] and created.hunks[0].kind == "insert"
    removed = diff_texts("古い文書\n", "")
    assert _changes(removed) == [("古い文書\n", "")] and removed.hunks[0].kind == "delete"


def test_missing_final_newline_is_a_change() -> None:
    diff = diff_texts("一行目\n二行目", "一行目\n二行目\n")
    assert _changes(diff) == [("", "\n")]
    _consistent(diff)


def test_line_granularity_keeps_whole_lines() -> None:
    diff = diff_texts("a\nb c\nd\n", "a\nb C\nd\n", DiffOptions(granularity="line"))
    assert _changes(diff) == [("b c\n", "b C\n")]
    assert diff.hunks[0].granularity == "line"
    assert diff.stats().coarse_blocks == 0


def test_oversized_block_is_compared_sentence_by_sentence() -> None:
    old = "".join(f"行{i}の内容です。\n" for i in range(50))
    new = old.replace("の内容", "が内容")
    diff = diff_texts(old, new, replace(UNHURRIED, max_inline_chars=100))
    assert len(diff.blocks) == 1
    assert _changes(diff) == [("の", "が")] * 50
    assert diff.stats().coarse_blocks == 0
    _consistent(diff)


def test_document_without_line_breaks_still_gets_word_changes() -> None:
    old = "".join(f"第{i}項の規定を適用する。" for i in range(3000))
    new = old.replace("第10項の", "第10項が").replace("第2000項の規定を", "第2000項の規則を")
    diff = diff_texts(old, new, UNHURRIED)
    assert _changes(diff) == [("の", "が"), ("規定", "規則")]
    _consistent(diff)


def test_oversized_sentence_stays_whole() -> None:
    old = "前文。" + "あ" * 300 + "。後文。"
    new = "前文。" + "あ" * 150 + "い" + "あ" * 149 + "。後文。"
    diff = diff_texts(old, new, DiffOptions(max_inline_chars=100))
    assert [h.granularity for h in diff.hunks] == ["sentence"]
    assert diff.hunks[0].old_text.startswith("あ") and diff.stats().coarse_blocks == 1
    _consistent(diff)


def test_no_inline_budget_means_line_level_but_correct() -> None:
    diff = diff_texts(JA_OLD, JA_NEW, DiffOptions(inline_budget=0))
    assert all(hunk.granularity == "line" for hunk in diff.hunks)
    _consistent(diff)


def test_large_random_rewrite_stays_correct_with_tiny_timeouts() -> None:
    rng = random.Random(7)
    vocabulary = ["外務省", "の", "方針", "を", "決定", "した", "。", "\n", "関係", "各国", "と", "協議", "a", "b "]
    old = "".join(rng.choice(vocabulary) for _ in range(6000))
    new = "".join(rng.choice(vocabulary) for _ in range(6000))
    diff = diff_texts(old, new, DiffOptions(line_timeout=0.01, inline_budget=0.05))
    _consistent(diff)


def test_ids_are_stable_across_rediffs_and_unrelated_edits() -> None:
    first = diff_texts(JA_OLD, JA_NEW)
    again = diff_texts(JA_OLD, JA_NEW)
    assert [h.id for h in first.hunks] == [h.id for h in again.hunks]
    assert len({h.id for h in first.hunks}) == len(first.hunks)

    particle = next(h for h in first.hunks if h.old_text == "は")
    merged = first.merge({particle.id}, newline="\n")
    rediff = diff_texts(merged, JA_NEW)
    assert {h.id for h in rediff.hunks} == {h.id for h in first.hunks} - {particle.id}

    edited_elsewhere = JA_NEW.replace("来年四月", "来年五月")
    third = diff_texts(JA_OLD, edited_elsewhere)
    assert particle.id in {h.id for h in third.hunks}


def test_repeated_identical_changes_get_distinct_ids() -> None:
    old = "同じ文の方針。\n" * 3
    new = "同じ文が方針。\n" * 3
    diff = diff_texts(old, new)
    assert len(diff.hunks) == 3 and len({h.id for h in diff.hunks}) == 3


def test_crlf_texts_merge_back_with_crlf() -> None:
    old = "一行目\r\n外務省の方針\r\n三行目\r\n"
    new = "一行目\r\n外務省が方針\r\n三行目\r\n"
    diff = diff_texts(old, new)
    assert diff.old_newline == "\r\n"
    assert _changes(diff) == [("の", "が")]
    assert diff.hunks[0].old_start == len("一行目\n外務省")
    assert diff.merge({diff.hunks[0].id}) == new
    assert diff.merge(set()) == old


def test_merge_rejects_unknown_ids_and_accepts_mappings() -> None:
    diff = diff_texts("外務省の方針", "外務省が方針")
    with pytest.raises(ValueError, match="unknown hunk ids"):
        diff.merge({"nope"})
    assert diff.merge({diff.hunks[0].id: True}) == "外務省が方針"
    assert diff.merge({diff.hunks[0].id: False}) == "外務省の方針"


def test_offsets_map_between_the_texts() -> None:
    diff = diff_texts("abc 外務省の方針 xyz", "abc 外務省がその方針 xyz")
    assert diff.old_to_new(0) == 0
    old_xyz = diff.old_text.index("xyz")
    assert diff.new_text[diff.old_to_new(old_xyz) :] == "xyz"
    new_xyz = diff.new_text.index("xyz")
    assert diff.old_text[diff.new_to_old(new_xyz) :] == "xyz"
    hunk = diff.hunks[0]
    assert hunk.new_start <= diff.old_to_new(hunk.old_start) <= hunk.new_end


def test_options_are_validated_and_carried() -> None:
    with pytest.raises(ValueError):
        DiffOptions(granularity="sentence")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        DiffOptions(lang="fr")
    options = DiffOptions(lang="en")
    assert diff_texts("a b", "a c", options).options is options


def test_hunk_under_the_caret() -> None:
    diff = diff_texts("外務省の方針を決定した。", "外務省が方針を順次決定した。")
    particle, inserted = diff.hunks
    assert diff.hunk_at(3) == particle and diff.hunk_at(4) == particle
    assert diff.hunk_at(3, side="old") == particle
    assert diff.hunk_at(1) is None
    assert diff.hunk_at(inserted.new_start + 1) == inserted
    assert diff.hunk_at(inserted.old_start, side="old") == inserted
    assert diff.hunk_at(len(diff.new_text)) is None
