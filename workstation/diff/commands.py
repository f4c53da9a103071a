"""`workstation diff OLD NEW`: compare two documents as text, JSON or a self-contained HTML report.

Exit status like diff(1): 0 when the texts are the same, 1 when they differ, 2 on errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workstation.i18n import Text

if TYPE_CHECKING:
    from workstation.diff.documents import DocumentComparison

EXIT_SAME = 0
EXIT_DIFFERENT = 1
DEFAULT_CONTEXT = 3

FORMATS = ("text", "json", "html")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help=str(Text("比較元の文書（.txt / .docx、- は標準入力）", "the original document (.txt / .docx; - for standard input)")))
    parser.add_argument("new", metavar="NEW", help=str(Text("比較先の文書（.txt / .docx、- は標準入力）", "the revised document (.txt / .docx; - for standard input)")))
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help=str(Text("出力形式（既定: text）", "output format (default: text)")),
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help=str(Text("出力先ファイル（既定: 標準出力）", "write to this file (default: standard output)"))
    )
    parser.add_argument(
        "--context",
        type=_non_negative,
        default=DEFAULT_CONTEXT,
        metavar="N",
        help=str(Text("変更の前後に表示する行数（既定: 3）", "unchanged lines shown around each change (default: 3)")),
    )
    parser.add_argument(
        "--granularity",
        choices=("word", "char", "line"),
        default="word",
        help=str(
            Text(
                "行内の比較単位: word（日本語は形態素）、char、line（既定: word）",
                "unit inside changed lines: word (morphemes for Japanese), char or line (default: word)",
            )
        ),
    )
    parser.add_argument(
        "--words",
        choices=("auto", "ja", "en"),
        default="auto",
        help=str(Text("単語の区切り方（既定: 自動判定）", "how to find word boundaries (default: detect)")),
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help=str(Text("text 形式の色付け（既定: 端末なら色付け）", "colour in text format (default: when writing to a terminal)")),
    )


def _non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(str(Text("0 以上の整数を指定してください", "expected a whole number of 0 or more")))
    return number


def run(args: argparse.Namespace) -> int:
    from workstation.diff.documents import compare_files
    from workstation.diff.engine import DiffOptions

    options = DiffOptions(granularity=args.granularity, lang=None if args.words == "auto" else args.words)
    comparison = compare_files(args.old, args.new, options)
    output = render(comparison, args)
    if args.output:
        _write_file(Path(args.output), output)
    else:
        _write_stdout(output)
    return EXIT_SAME if comparison.diff.identical else EXIT_DIFFERENT


_SAME_TEXT_NOTE = Text(
    "本文は同じです（文字コードまたは改行の種類が異なります）。",
    "The text is the same (the encodings or line endings differ).",
)


def render(comparison: DocumentComparison, args: argparse.Namespace) -> str:
    """The report in the requested format."""
    if args.format == "json":
        import json

        from workstation.diff.json_report import diff_to_json

        return json.dumps(diff_to_json(comparison.diff, old=comparison.old, new=comparison.new), ensure_ascii=False, indent=2) + "\n"
    if args.format == "html":
        from workstation.diff.html_report import render_html

        return render_html(comparison.diff, old=comparison.old, new=comparison.new, context=args.context)
    from workstation.diff.text_report import render_text

    text = render_text(
        comparison.diff,
        context=args.context,
        color=_use_color(args),
        old_label=str(comparison.old.describe()),
        new_label=str(comparison.new.describe()),
    )
    if comparison.same_text_different_form:
        text += str(_SAME_TEXT_NOTE) + "\n"
    return text


def _use_color(args: argparse.Namespace) -> bool:
    if args.color != "auto":
        return bool(args.color == "always")
    if args.output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _write_file(path: Path, text: str) -> None:
    from workstation.io.atomic import atomic_write_bytes
    from workstation.io.errors import write_error

    try:
        atomic_write_bytes(path, text.encode("utf-8"))
    except OSError as exc:
        raise write_error(path, exc) from exc


def _write_stdout(text: str) -> None:
    encoding = sys.stdout.encoding or "utf-8"
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode(encoding, errors="replace"))
    sys.stdout.flush()
