"""A self-contained HTML report of a diff: side by side, printable, readable without colour, no external resources."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from workstation import __version__
from workstation.diff.documents import DocumentSide
from workstation.diff.engine import Hunk, TextDiff
from workstation.diff.layout import Fragment, Row, shown_change, side_by_side
from workstation.diff.summary import KIND_NAMES, move_note, summary_text
from workstation.i18n import Text, current_language

__all__ = ["render_html"]

MAX_LISTED_CHARS = 80
"""Longest text quoted per hunk in the list of changes; longer text is shortened with …."""

_STRINGS = {
    "title": Text("差分レポート", "Comparison report"),
    "old": Text("旧", "Old"),
    "new": Text("新", "New"),
    "file": Text("ファイル", "File"),
    "encoding": Text("文字コード", "Encoding"),
    "newline": Text("改行", "Line endings"),
    "lines": Text("行数", "Lines"),
    "legend": Text("凡例", "Key"),
    "legend_delete": Text("削除した文字", "deleted text"),
    "legend_insert": Text("追加した文字", "inserted text"),
    "legend_move": Text("移動した段落", "moved passage"),
    "legend_spot": Text("挿入・削除の位置", "where text was inserted or removed"),
    "legend_space": Text("□ 全角空白 ␣ 半角空白 ↵ 改行", "□ full-width space ␣ space ↵ line break"),
    "changes": Text("変更一覧", "List of changes"),
    "kind": Text("種類", "Kind"),
    "where": Text("行（旧 → 新）", "Line (old → new)"),
    "before": Text("変更前", "Before"),
    "after": Text("変更後", "After"),
    "folded": Text("変更のない {count} 行を省略", "{count} unchanged lines not shown"),
    "identical": Text("二つの文書の本文は同じです。", "The two documents have the same text."),
    "generated": Text("workstation {version} で作成", "Made with workstation {version}"),
    "inserted_mark": Text("ここに挿入", "inserted here"),
    "deleted_mark": Text("ここから削除", "removed here"),
}

_CSS = """
:root { --del-bg:#ffe0de; --del-fg:#8a1010; --ins-bg:#d6f5dc; --ins-fg:#0b5a1e; --mov-bg:#e3ecfb; --mov-fg:#1c3f86;
  --rule:#c9ced6; --muted:#5c6470; --fold-bg:#f1f3f6; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 24px; color: #1b1f24; background: #fff;
  font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic UI",
    "Yu Gothic", "Meiryo", "IPAexGothic", "TakaoPGothic", sans-serif;
  font-size: 14px; line-height: 1.7; }
h1 { font-size: 20px; margin: 0 0 12px; }
h2 { font-size: 16px; margin: 28px 0 8px; }
table { border-collapse: collapse; }
.files { margin-bottom: 12px; font-size: 13px; }
.files th, .files td { border: 1px solid var(--rule); padding: 3px 10px; text-align: left; vertical-align: top; }
.files th { background: var(--fold-bg); font-weight: 600; }
.summary { font-size: 15px; font-weight: 600; margin: 10px 0 6px; }
.legend { font-size: 12.5px; color: var(--muted); margin: 0 0 16px; }
.legend span { margin-right: 14px; white-space: nowrap; }
.diff { width: 100%; table-layout: fixed; font-size: 14px; }
.diff col.num { width: 3.6em; } .diff col.mark { width: 1.6em; }
.diff th { background: #e9edf2; border: 1px solid var(--rule); padding: 4px 8px; text-align: left; font-weight: 600;
  overflow-wrap: anywhere; }
.diff td { border-left: 1px solid var(--rule); border-right: 1px solid var(--rule); padding: 1px 6px; vertical-align: top; }
.diff td.num { color: var(--muted); text-align: right; font-variant-numeric: tabular-nums; font-size: 12px;
  padding-top: 3px; user-select: none; }
.diff td.mark { text-align: center; font-weight: 700; color: var(--muted); user-select: none; }
.diff td.text { white-space: pre-wrap; overflow-wrap: anywhere; word-break: normal; line-break: strict; }
.diff tr.change td { background: #fbfbf7; }
.diff tr.change td.old.changed { background: #fff6f5; } .diff tr.change td.new.changed { background: #f4fcf5; }
.diff tr.change.first td { border-top: 1px solid var(--rule); }
.diff tr.change.last td { border-bottom: 1px solid var(--rule); }
.diff td.empty { background: repeating-linear-gradient(135deg, #f6f7f9 0 6px, #eceef2 6px 7px) !important; }
.diff tr.fold td { background: var(--fold-bg); color: var(--muted); font-size: 12px; text-align: center;
  border: 1px solid var(--rule); padding: 2px; }
del, ins { text-decoration-thickness: 1.5px; border-radius: 2px; padding: 0 1px; }
del { background: var(--del-bg); color: var(--del-fg); text-decoration: line-through; }
ins { background: var(--ins-bg); color: var(--ins-fg); text-decoration: underline; text-underline-offset: 3px; }
del.moved, ins.moved { background: var(--mov-bg); color: var(--mov-fg); }
ins.moved { text-decoration-style: dashed; }
del::before { content: "[-"; } del::after { content: "-]"; }
ins::before { content: "{+"; } ins::after { content: "+}"; }
del::before, del::after, ins::before, ins::after { font-size: 10px; color: var(--muted); text-decoration: none;
  display: inline-block; vertical-align: 1px; }
.spot { color: #a04a00; font-weight: 700; font-size: 13px; margin: 0 1px; }
.note { display: block; font-size: 12px; color: var(--mov-fg); }
.changes { width: 100%; font-size: 13px; }
.changes th, .changes td { border: 1px solid var(--rule); padding: 2px 8px; text-align: left; vertical-align: top; }
.changes th { background: #e9edf2; }
.changes td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.changes td.id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 11px; color: var(--muted); }
footer { margin-top: 24px; font-size: 11px; color: var(--muted); }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 11px; }
  .diff { font-size: 11px; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def render_html(
    diff: TextDiff,
    *,
    old: DocumentSide | None = None,
    new: DocumentSide | None = None,
    old_label: str | None = None,
    new_label: str | None = None,
    context: int | None = 3,
) -> str:
    """The whole report as one HTML document in the current user-interface language."""
    lang = current_language()
    old_name = old_label or (old.label if old else "old")
    new_name = new_label or (new.label if new else "new")
    title = f"{_s('title')}: {old_name} → {new_name}"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(title)}</h1>",
        _files_table(diff, old, new, old_name, new_name),
        f'<p class="summary">{escape(str(summary_text(diff)))}</p>',
        _legend(),
        "</header>",
        "<main>",
    ]
    if diff.identical:
        parts.append(f"<p>{escape(_s('identical'))}</p>")
    else:
        parts.append(_diff_table(diff, side_by_side(diff, context=context), old_name, new_name))
        parts.append(_changes_table(diff))
    parts += [
        "</main>",
        f"<footer>{escape(str(_STRINGS['generated'].format(version=__version__)))}</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _s(key: str) -> str:
    return str(_STRINGS[key])


def _files_table(
    diff: TextDiff, old: DocumentSide | None, new: DocumentSide | None, old_name: str, new_name: str
) -> str:
    def row(mark: str, name: str, side: DocumentSide | None, text: str) -> str:
        encoding = side.encoding_label if side else "—"
        newline = side.newline_label if side else "—"
        lines = text.count("\n") + (1 if text and not text.endswith("\n") else 0)
        return (
            f"<tr><th>{escape(mark)}</th><td>{escape(name)}</td><td>{escape(encoding)}</td>"
            f"<td>{escape(newline)}</td><td>{lines:,}</td></tr>"
        )

    return (
        '<table class="files"><thead><tr><th></th>'
        f"<th>{escape(_s('file'))}</th><th>{escape(_s('encoding'))}</th><th>{escape(_s('newline'))}</th>"
        f"<th>{escape(_s('lines'))}</th></tr></thead><tbody>"
        + row(_s("old"), old_name, old, diff.old_text)
        + row(_s("new"), new_name, new, diff.new_text)
        + "</tbody></table>"
    )


def _legend() -> str:
    return (
        f'<p class="legend"><span>{escape(_s("legend"))}:</span>'
        f"<span><del>{escape(_s('legend_delete'))}</del></span>"
        f"<span><ins>{escape(_s('legend_insert'))}</ins></span>"
        f'<span><ins class="moved">{escape(_s("legend_move"))}</ins></span>'
        f'<span><span class="spot">‸</span> {escape(_s("legend_spot"))}</span>'
        f"<span>{escape(_s('legend_space'))}</span>"
        f"<span>− {escape(_s('old'))} / + {escape(_s('new'))}</span></p>"
    )


def _diff_table(diff: TextDiff, rows: Sequence[Row], old_name: str, new_name: str) -> str:
    out = [
        '<table class="diff" lang="ja">',
        '<colgroup><col class="num"><col class="mark"><col class="text">'
        '<col class="num"><col class="mark"><col class="text"></colgroup>',
        f'<thead><tr><th colspan="3">{escape(_s("old"))}: {escape(old_name)}</th>'
        f'<th colspan="3">{escape(_s("new"))}: {escape(new_name)}</th></tr></thead>',
        "<tbody>",
    ]
    noted: set[tuple[str, str]] = set()
    for index, row in enumerate(rows):
        if row.kind == "fold":
            text = str(_STRINGS["folded"].format(count=f"{row.folded:,}"))
            out.append(f'<tr class="fold"><td colspan="6">⋯ {escape(text)} ⋯</td></tr>')
            continue
        classes = [row.kind]
        if row.kind == "change":
            previous = rows[index - 1] if index else None
            following = rows[index + 1] if index + 1 < len(rows) else None
            if previous is None or previous.block != row.block:
                classes.append("first")
            if following is None or following.block != row.block:
                classes.append("last")
        out.append(
            f'<tr class="{" ".join(classes)}"'
            + (f' id="b{row.block}"' if "first" in classes else "")
            + ">"
            + _cells(diff, row.old_number, row.old, "old", noted)
            + _cells(diff, row.new_number, row.new, "new", noted)
            + "</tr>"
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _cells(
    diff: TextDiff, number: int | None, fragments: Sequence[Fragment], side: str, noted: set[tuple[str, str]]
) -> str:
    if number is None:
        return f'<td class="num {side} empty"></td><td class="mark {side} empty"></td><td class="text {side} empty"></td>'
    changed = any(fragment.kind != "equal" for fragment in fragments)
    moved = any(fragment.moved for fragment in fragments if fragment.kind != "equal")
    mark = ("⇄" if moved else "−" if side == "old" else "+") if changed else ""
    body = "".join(_fragment_html(diff, fragment, side, noted) for fragment in fragments)
    cls = f"{side} changed" if changed else side
    return (
        f'<td class="num {cls}">{number}</td><td class="mark {cls}">{mark}</td>'
        f'<td class="text {cls}">{body}</td>'
    )


def _fragment_html(diff: TextDiff, fragment: Fragment, side: str, noted: set[tuple[str, str]]) -> str:
    """One fragment; the first visible piece of a moved passage gets a note saying where the other half is."""
    if fragment.kind == "equal":
        return escape(fragment.text)
    hunk = diff.hunk(fragment.hunk_id) if fragment.hunk_id else None
    if not fragment.text:
        label = _s("inserted_mark") if side == "old" else _s("deleted_mark")
        return f'<span class="spot" title="{escape(label)}">‸</span>'
    tag = "del" if fragment.kind == "delete" else "ins"
    cls = ' class="moved"' if fragment.moved else ""
    title = f' title="{escape(_hunk_title(diff, hunk))}"' if hunk else ""
    html = f"<{tag}{cls}{title}>{escape(shown_change(fragment.text))}</{tag}>"
    if hunk is not None and hunk.move is not None and fragment.text.strip() and (hunk.id, side) not in noted:
        noted.add((hunk.id, side))
        html = f'<span class="note">⇄ {escape(str(move_note(hunk, diff.hunk(hunk.move.partner))))}</span>' + html
    return html


def _hunk_title(diff: TextDiff, hunk: Hunk) -> str:
    kind = KIND_NAMES["move" if hunk.move else hunk.kind]
    return f"{kind} #{hunk.index + 1} ({hunk.id})"


def _changes_table(diff: TextDiff) -> str:
    out = [
        f"<h2>{escape(_s('changes'))}</h2>",
        '<table class="changes" lang="ja"><thead><tr>'
        f"<th>#</th><th>{escape(_s('kind'))}</th><th>{escape(_s('where'))}</th>"
        f"<th>{escape(_s('before'))}</th><th>{escape(_s('after'))}</th><th>id</th></tr></thead><tbody>",
    ]
    for hunk in diff.hunks:
        kind = KIND_NAMES["move" if hunk.move else hunk.kind]
        old_text = f"<del>{escape(_clip(hunk.old_text))}</del>" if hunk.old_text else ""
        new_text = f"<ins>{escape(_clip(hunk.new_text))}</ins>" if hunk.new_text else ""
        out.append(
            f"<tr><td>{hunk.index + 1}</td><td>{escape(str(kind))}</td>"
            f'<td><a href="#b{hunk.block}">{hunk.old_line} → {hunk.new_line}</a></td>'
            f'<td class="text">{old_text}</td><td class="text">{new_text}</td>'
            f'<td class="id">{escape(hunk.id)}</td></tr>'
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _clip(text: str) -> str:
    shown = shown_change(text) if not text.strip() else text.strip("\n").replace("\n", "↵")
    return shown if len(shown) <= MAX_LISTED_CHARS else shown[: MAX_LISTED_CHARS - 1] + "…"
