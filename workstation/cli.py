"""The ``workstation`` command: the GUI by default; translate, check, diff and models subcommands."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from typing import Protocol

from workstation import __version__
from workstation.app_logging import log_file_path, setup_logging
from workstation.errors import WorkstationError
from workstation.i18n import LANGUAGES, Text, set_language

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class CommandModule(Protocol):
    """What a subcommand module provides."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


SUBCOMMANDS: tuple[tuple[str, str, Text], ...] = (
    ("translate", "workstation.translate.commands", Text("文書を翻訳する (ja⇄en)", "translate a document (ja⇄en)")),
    ("check", "workstation.proofread.commands", Text("日本語の文書を校正する", "proofread Japanese documents")),
    ("diff", "workstation.diff.commands", Text("二つの文書の差分を表示する", "show the differences between two documents")),
    ("models", "workstation.translate.model_commands", Text("翻訳モデルを管理する", "manage translation models")),
    ("data", "workstation.store.commands", Text("保存データの場所を表示・消去する", "show or wipe stored data")),
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workstation",
        description=str(
            Text(
                "オフライン翻訳・日本語校正ワークステーション。引数なしで画面を開きます。",
                "Offline translation and Japanese proofreading workstation. Without arguments it opens the window.",
            )
        ),
    )
    parser.add_argument("--version", action="version", version=f"workstation {__version__}")
    parser.add_argument("--lang", choices=LANGUAGES, help=str(Text("表示言語", "user interface language")))
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=str(
            Text(
                "モデル・翻訳・校正・差分・保存・画面を点検して結果を表示する（正常なら終了コード 0）",
                "check models, translation, proofreading, diff, store and window, and report (exit 0 when all pass)",
            )
        ),
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name, help_text in SUBCOMMANDS:
        module: CommandModule = importlib.import_module(module_name)  # type: ignore[assignment]
        sub = subparsers.add_parser(name, help=str(help_text), description=str(help_text))
        module.add_arguments(sub)
        sub.set_defaults(handler=module.run)
    return parser


def _preselect_language(argv: Sequence[str]) -> None:
    """Apply ``--lang`` before the parser is built so that help texts use it."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            set_language(argv[index + 1])
        elif arg.startswith("--lang="):
            set_language(arg.split("=", 1)[1])


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    _preselect_language(arguments)
    setup_logging()
    args = build_parser().parse_args(arguments)
    try:
        if args.self_test:
            from workstation.selftest import run_self_test

            return run_self_test()
        if args.command is None:
            from workstation.xcb_check import require_xcb_libraries

            require_xcb_libraries()  # before Qt is loaded: Qt would name the wrong library and abort
            from workstation.gui.app import run_gui

            return run_gui()
        return int(args.handler(args))
    except WorkstationError as exc:
        log.info("user error: %s (%s)", exc.message.en, exc.detail)
        print(f"workstation: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(str(Text("中断しました。", "Interrupted.")), file=sys.stderr)
        return 130
    except Exception:
        log.exception("unexpected error")
        print(
            str(
                Text(
                    f"workstation: 予期しないエラーが発生しました。詳細はログを参照してください: {log_file_path()}",
                    f"workstation: an unexpected error occurred; see the log for details: {log_file_path()}",
                )
            ),
            file=sys.stderr,
        )
        return EXIT_INTERNAL
