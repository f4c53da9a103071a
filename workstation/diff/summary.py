"""Bilingual wording shared by the text and HTML reports: change counts, move notes, kind names."""

from __future__ import annotations

from workstation.diff.engine import Hunk, TextDiff
from workstation.i18n import Text

__all__ = ["KIND_NAMES", "move_note", "summary_text"]

KIND_NAMES: dict[str, Text] = {
    "replace": Text("置換", "replaced"),
    "insert": Text("挿入", "inserted"),
    "delete": Text("削除", "deleted"),
    "move": Text("移動", "moved"),
}


def summary_text(diff: TextDiff) -> Text:
    """``変更 5 件（置換 3、挿入 1、削除 1、うち移動 1 組）`` / ``5 changes: 3 replaced, ...``."""
    if diff.identical:
        return Text("相違はありません。", "No differences.")
    stats = diff.stats()
    ja = f"変更 {stats.hunks} 件（置換 {stats.replaced}、挿入 {stats.inserted}、削除 {stats.deleted}"
    en = f"{stats.hunks} change{'s' if stats.hunks != 1 else ''}: {stats.replaced} replaced, {stats.inserted} inserted, {stats.deleted} deleted"
    if stats.moved:
        ja += f"、うち移動 {stats.moved} 組"
        en += f", {stats.moved} moved passage{'s' if stats.moved != 1 else ''}"
    ja += "）"
    if stats.coarse_blocks:
        ja += f"。大きな変更 {stats.coarse_blocks} 箇所は行単位で表示"
        en += f"; {stats.coarse_blocks} large block{'s' if stats.coarse_blocks != 1 else ''} shown by whole lines"
    return Text(ja, en)


def move_note(hunk: Hunk, partner: Hunk) -> Text:
    """Where the other half of a moved passage is, e.g. ``新 12 行目へ移動`` / ``moved to new line 12``."""
    edited_ja = "（移動先で修正あり）" if hunk.move is not None and not hunk.move.exact else ""
    edited_en = " (edited there)" if hunk.move is not None and not hunk.move.exact else ""
    if hunk.move is not None and hunk.move.role == "from":
        line = _first_text_line(partner.new_text, partner.new_line)
        return Text(f"新 {line} 行目へ移動{edited_ja}", f"moved to new line {line}{edited_en}")
    line = _first_text_line(partner.old_text, partner.old_line)
    edited_ja = "（移動元から修正あり）" if edited_ja else ""
    edited_en = " (edited)" if edited_en else ""
    return Text(f"旧 {line} 行目から移動{edited_ja}", f"moved from old line {line}{edited_en}")


def _first_text_line(text: str, line: int) -> int:
    """The line where the passage's text starts (skipping leading blank lines the hunk carries)."""
    stripped = text.lstrip("\n")
    return line + (len(text) - len(stripped))
