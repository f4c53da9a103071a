"""``workstation check``: proofread Japanese text files; report as text or JSON, or write the fixed text."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workstation.errors import WorkstationError
from workstation.i18n import Text, current_language

if TYPE_CHECKING:
    from workstation.io.docx import DocxContent
    from workstation.io.text import TextFile
    from workstation.proofread.checker import Checker
    from workstation.proofread.model import Issue

EXIT_OK = 0
EXIT_FINDINGS = 1
STDIN_NAME = "-"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = str(
        Text(
            "終了コード: 0 = エラー相当の指摘なし、1 = エラー相当の指摘あり、2 = 使い方・入出力の誤り。\n"
            '--format json: ファイルが一つなら {"file", "issues"} のオブジェクト、複数ならその配列を出力します。\n'
            "start/end はファイルの文字列（改行を含む）でのコードポイント位置、line/column は 1 始まりです。",
            "Exit status: 0 = no error-level issue, 1 = error-level issues found, 2 = usage or I/O error.\n"
            '--format json: one file gives a {"file", "issues"} object, several files a list of them.\n'
            "start/end are code-point offsets into the file's text (newlines included); line/column are 1-based.\n"
            ".docx files are checked one paragraph a line; --fix rewrites the paragraphs' text and keeps the formatting.",
        )
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help=str(Text("校正するファイル（- は標準入力）", "files to proofread (- for standard input)")),
    )
    parser.add_argument(
        "--profile",
        default=None,
        metavar="NAME",
        help=str(
            Text(
                "校正プロファイル（既定: koyobun）または .toml ファイル",
                "proofreading profile (default: koyobun) or a .toml file",
            )
        ),
    )
    parser.add_argument(
        "--dict",
        dest="dictionaries",
        action="append",
        default=[],
        metavar="FILE.yml",
        help=str(Text("追加の prh 形式辞書（複数指定可）", "extra prh dictionary (repeatable)")),
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help=str(Text("出力形式", "output format"))
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help=str(Text("修正案を適用した文章を出力する", "write the text with all suggestions applied")),
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help=str(Text("--fix の出力先（既定: 標準出力）", "where --fix writes (default: standard output)")),
    )
    parser.add_argument(
        "--list-rules", action="store_true", help=str(Text("規則の一覧を表示する", "list the rules"))
    )
    parser.add_argument(
        "--list-profiles",
        action="store_true",
        help=str(Text("プロファイルの一覧を表示する", "list the profiles")),
    )


def run(args: argparse.Namespace) -> int:
    from workstation.proofread.checker import Checker
    from workstation.proofread.profiles import DEFAULT_PROFILE

    if args.list_rules:
        return _list_rules()
    if args.list_profiles:
        return _list_profiles()
    if not args.files:
        raise WorkstationError(
            Text(
                "校正するファイルを指定してください（標準入力は -）。",
                "Name at least one file to check (- for standard input).",
            )
        )
    if args.output and not args.fix:
        raise WorkstationError(Text("-o は --fix と一緒に指定してください。", "-o is only used with --fix."))
    if args.fix and len(args.files) != 1:
        raise WorkstationError(
            Text("--fix は一度に一つのファイルに使ってください。", "--fix works on one file at a time.")
        )
    checker = Checker(args.profile or DEFAULT_PROFILE, dictionaries=tuple(args.dictionaries))
    if args.fix:
        return _fix(checker, args.files[0], args.output)
    reports = []
    worst = EXIT_OK
    for name in args.files:
        source = _read(name)
        issues = _check(checker, name, source.text)
        if any(issue.severity.value == "error" for issue in issues):
            worst = EXIT_FINDINGS
        reports.append((name, source.text, issues))
    if args.format == "json":
        payload = [_json_report(name, issues) for name, _, issues in reports]
        json.dump(payload[0] if len(payload) == 1 else payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for name, text, issues in reports:
            _print_text_report(name, text, issues)
    return worst


def _check(checker: Checker, name: str, text: str) -> list[Issue]:
    """Check ``text``; on a terminal, a long text shows how far the check has got on standard error."""
    if not sys.stderr.isatty():
        return checker.check(text)
    label = str(Text("校正中", "Checking"))
    shown = False
    issues: list[Issue] = []
    for step in checker.session().steps(text):
        issues = step.issues
        if not step.finished:
            print(f"\r{label} {name} {100 * step.checked // step.total}%", end="", file=sys.stderr, flush=True)
            shown = True
    if shown:
        print(file=sys.stderr)
    return issues


@dataclass(frozen=True)
class Source:
    """A checked input: its text (offsets refer to it) and how to write a corrected version like it."""

    text: str
    text_file: TextFile | None = None
    docx: DocxContent | None = None

    def encode(self, fixed: str) -> bytes:
        if self.docx is not None:
            from workstation.io.docx import render_docx

            return render_docx(self.docx, fixed)
        assert self.text_file is not None
        template = dataclasses.replace(self.text_file, newline="\n")
        try:
            return template.encode(fixed)
        except UnicodeEncodeError as exc:
            raise WorkstationError(
                Text(
                    f"修正後の文章を {template.encoding} で保存できません。UTF-8 で保存し直してください。",
                    f"The fixed text cannot be encoded as {template.encoding}; save the file as UTF-8 first.",
                ),
                detail=str(exc),
            ) from exc


def _read(name: str) -> Source:
    """Plain text keeps its own line endings (offsets match the file); .docx gives one line per paragraph."""
    from workstation.io.documents import DOCX_SUFFIXES, UNSUPPORTED_SUFFIXES, open_document
    from workstation.io.text import decode_bytes, read_text

    if name == STDIN_NAME:
        text_file = decode_bytes(sys.stdin.buffer.read(), keep_newlines=True)
        return Source(text_file.text, text_file=text_file)
    suffix = Path(name).suffix.lower()
    if suffix in DOCX_SUFFIXES or suffix in UNSUPPORTED_SUFFIXES or Path(name).is_dir():
        document = open_document(name)
        notice = document.notice()
        if notice is not None:
            print(f"{name}: {notice}", file=sys.stderr)
        return Source(document.text, docx=document.docx)
    text_file = read_text(name, keep_newlines=True)
    return Source(text_file.text, text_file=text_file)


def _json_report(name: str, issues: list[Issue]) -> dict[str, object]:
    language = current_language()
    return {"file": name, "issues": [issue.to_json(language) for issue in issues]}


def _print_text_report(name: str, text: str, issues: list[Issue]) -> None:
    labels = {
        "error": Text("エラー", "error"),
        "warning": Text("警告", "warning"),
        "info": Text("情報", "info"),
    }
    for issue in issues:
        found = text[issue.start : issue.end].replace("\r", "").replace("\n", "⏎")
        if len(found) > 30:
            found = found[:29] + "…"
        fix = f" → 「{issue.suggestions[0]}」" if issue.suggestions else ""
        print(
            f"{name}:{issue.line}:{issue.column}: {labels[issue.severity.value]} [{issue.rule_id}] 「{found}」{fix} {issue.message}"
        )
    counts = {
        level: sum(1 for issue in issues if issue.severity.value == level)
        for level in ("error", "warning", "info")
    }
    print(
        str(
            Text(
                f"{name}: エラー {counts['error']} 件、警告 {counts['warning']} 件、情報 {counts['info']} 件",
                f"{name}: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info",
            )
        ),
        file=sys.stderr,
    )


def _fix(checker: Checker, name: str, output: str | None) -> int:
    from workstation.io.atomic import atomic_write_bytes
    from workstation.proofread.checker import apply_fixes

    source = _read(name)
    issues = _check(checker, name, source.text)
    fixed = apply_fixes(source.text, issues)
    data = source.encode(fixed)
    if output is None or output == STDIN_NAME:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        try:
            atomic_write_bytes(Path(output), data)
        except OSError as exc:
            raise WorkstationError(
                Text(f"書き込めません: {output}", f"Cannot write: {output}"), detail=str(exc)
            ) from exc
    remaining = checker.check(fixed)
    applied = len(issues) - len(remaining)
    print(
        str(
            Text(
                f"{name}: {max(applied, 0)} 件を修正しました。残りの指摘 {len(remaining)} 件。",
                f"{name}: fixed {max(applied, 0)} issues; {len(remaining)} remain.",
            )
        ),
        file=sys.stderr,
    )
    return EXIT_FINDINGS if any(issue.severity.value == "error" for issue in remaining) else EXIT_OK


def _list_rules() -> int:
    from workstation.proofread.profiles import load_profile
    from workstation.proofread.rules import all_rules
    from workstation.proofread.rules.base import CATEGORY_NAMES

    default = load_profile()
    for rule in all_rules().values():
        mark = "*" if rule.id in default.rules else " "
        options = ", ".join(f"{option.name}={option.default!r}" for option in rule.options)
        print(
            f"{mark} {rule.id:24s} {rule.severity.value:8s} {CATEGORY_NAMES[rule.category]}  {rule.name}"
            + (f"  ({options})" if options else "")
        )
    print(
        str(Text("* = 既定プロファイル（koyobun）で有効", "* = enabled in the default profile (koyobun)")),
        file=sys.stderr,
    )
    return EXIT_OK


def _list_profiles() -> int:
    from workstation.proofread.profiles import available_profiles, load_profile

    for name in available_profiles():
        profile = load_profile(name)
        print(f"{name:12s} {profile.title}  —  {profile.description}")
    return EXIT_OK
