"""Side-by-side rows: context and folds, fragments that rebuild each line, insertion spots."""

from __future__ import annotations

from tests.diff.samples import JA_NEW, JA_OLD
from workstation.diff.engine import diff_texts
from workstation.diff.layout import Row, shown_change, side_by_side
from workstation.diff.tokens import split_lines


def _side_text(row: Row, side: str) -> str:
    fragments = row.old if side == "old" else row.new
    return "".join(fragment.text for fragment in fragments).removesuffix("\n")


def test_every_line_is_rebuilt_from_its_fragments() -> None:
    diff = diff_texts(JA_OLD, JA_NEW)
    rows = side_by_side(diff, context=None)
    old_lines = [line.removesuffix("\n") for line in split_lines(JA_OLD)]
    new_lines = [line.removesuffix("\n") for line in split_lines(JA_NEW)]
    assert [r.old_number for r in rows if r.old_number] == list(range(1, len(old_lines) + 1))
    assert [r.new_number for r in rows if r.new_number] == list(range(1, len(new_lines) + 1))
    for row in rows:
        assert row.kind != "fold"
        if row.old_number:
            assert _side_text(row, "old") == old_lines[row.old_number - 1]
        if row.new_number:
            assert _side_text(row, "new") == new_lines[row.new_number - 1]


def test_unchanged_stretches_fold_beyond_the_context() -> None:
    old = "".join(f"段落{i}。\n" for i in range(40))
    new = old.replace("段落20。", "段落二十。")
    rows = side_by_side(diff_texts(old, new), context=2)
    kinds = [row.kind for row in rows]
    assert kinds == ["fold", "context", "context", "change", "context", "context", "fold"]
    assert rows[0].folded == 18 and rows[-1].folded == 17
    change = rows[3]
    assert [(f.text, f.kind) for f in change.old] == [("段落", "equal"), ("20", "delete"), ("。", "equal")]
    assert [(f.text, f.kind) for f in change.new] == [("段落", "equal"), ("二十", "insert"), ("。", "equal")]


def test_single_hidden_line_is_shown_instead_of_folded() -> None:
    old = "a\nb\nc\nd\ne\n"
    rows = side_by_side(diff_texts(old, old.replace("a", "A").replace("e", "E")), context=1)
    assert "fold" not in [row.kind for row in rows]


def test_pure_insertion_marks_the_spot_on_the_old_side() -> None:
    rows = side_by_side(diff_texts("来年四月から実施する。\n", "来年四月から順次実施する。\n"))
    (row,) = rows
    spot = [f for f in row.old if f.kind == "delete"]
    assert len(spot) == 1 and spot[0].text == "" and spot[0].hunk_id == next(f for f in row.new if f.kind == "insert").hunk_id


def test_whitespace_changes_are_made_visible() -> None:
    assert shown_change("\u3000") == "□"
    assert shown_change(" \t\n") == "␣⇥↵"
    assert shown_change("順次\n") == "順次"


def test_wholly_deleted_line_faces_an_empty_cell() -> None:
    old = "見出し\n第一に、規則を見直す。\n第二に、研修を拡充する。\n"
    new = "見出し\n第二に、研修を拡充した。\n"
    rows = [row for row in side_by_side(diff_texts(old, new)) if row.kind == "change"]
    assert [(row.old_number, row.new_number) for row in rows] == [(2, None), (3, 2)]
