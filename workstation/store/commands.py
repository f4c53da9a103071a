"""``workstation data``: where data, settings and logs live; wipe stored data; TMX import and export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workstation.errors import WorkstationError
from workstation.i18n import Text
from workstation.store.wipe import delete_paths, wipe_targets

__all__ = ["add_arguments", "run", "wipe_targets"]

EXIT_OK = 0
EXIT_USAGE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="data_action", metavar="ACTION", required=True)
    actions.add_parser(
        "where",
        help=str(Text("データ・設定・ログの保存場所を表示する", "print where data, settings and logs are kept")),
    )
    wipe = actions.add_parser(
        "wipe",
        help=str(
            Text(
                "自動保存・セッション・翻訳メモリ・ログを消去する（モデルは残す）",
                "delete autosaves, sessions, translation memory and logs (models are kept)",
            )
        ),
    )
    wipe.add_argument("--yes", action="store_true", help=str(Text("確認せずに消去する", "do not ask for confirmation")))
    wipe.add_argument("--models", action="store_true", help=str(Text("取り込んだモデルも消去する", "also delete imported models")))
    wipe.add_argument("--settings", action="store_true", help=str(Text("設定も消去する", "also delete settings")))
    importing = actions.add_parser(
        "import-tmx", help=str(Text("TMX ファイルを翻訳メモリに取り込む", "import a TMX file into the translation memory"))
    )
    importing.add_argument("file", type=Path, help="TMX")
    exporting = actions.add_parser(
        "export-tmx", help=str(Text("翻訳メモリを TMX 1.4b で書き出す", "export the translation memory as TMX 1.4b"))
    )
    exporting.add_argument("file", type=Path, help="TMX")
    exporting.add_argument("--source", default="ja", help=str(Text("原文の言語（既定: ja）", "source language (default: ja)")))
    exporting.add_argument(
        "--target", default=None, help=str(Text("訳文の言語（既定: すべて）", "target language (default: every language)"))
    )


def run(args: argparse.Namespace) -> int:
    if args.data_action == "where":
        return _where()
    if args.data_action == "import-tmx":
        return _import_tmx(args.file)
    if args.data_action == "export-tmx":
        return _export_tmx(args.file, args.source, args.target)
    return _wipe(yes=args.yes, models=args.models, settings=args.settings)


def _import_tmx(path: Path) -> int:
    from workstation.store.memory import TranslationMemory

    with TranslationMemory() as memory:
        result = memory.import_tmx(path)
        total = len(memory)
    print(
        str(
            Text(
                f"{result.added} 件を追加、{result.updated} 件を更新、{result.skipped} 件を除外しました（翻訳メモリ全体 {total} 件）。",
                f"Added {result.added}, updated {result.updated}, skipped {result.skipped} units ({total} in the memory).",
            )
        )
    )
    return EXIT_OK


def _export_tmx(path: Path, source: str, target: str | None) -> int:
    from workstation.store.memory import TranslationMemory

    with TranslationMemory() as memory:
        count = memory.export_tmx(path, source, target)
    print(str(Text(f"{count} 件を {path} に書き出しました。", f"Wrote {count} units to {path}.")))
    return EXIT_OK


def _locations() -> list[tuple[Text, Path]]:
    from workstation.app_logging import log_file_path
    from workstation.paths import (
        user_cache_dir,
        user_config_dir,
        user_data_dir,
        user_log_dir,
        user_models_dir,
    )
    from workstation.store.memory import default_memory_path
    from workstation.store.sessions import default_sessions_path

    return [
        (Text("データ", "data"), user_data_dir()),
        (Text("自動保存・セッション", "autosave and sessions"), default_sessions_path()),
        (Text("翻訳メモリ", "translation memory"), default_memory_path()),
        (Text("取り込んだモデル", "imported models"), user_models_dir()),
        (Text("設定", "settings"), user_config_dir()),
        (Text("ログ", "logs"), user_log_dir()),
        (Text("ログファイル", "log file"), log_file_path()),
        (Text("キャッシュ", "cache"), user_cache_dir()),
    ]


def _where() -> int:
    rows = [(str(label), path) for label, path in _locations()]
    width = max(_display_width(label) for label, _ in rows)
    for label, path in rows:
        print(f"{label}{' ' * (width - _display_width(label))}  {path}")
    return EXIT_OK


def _display_width(text: str) -> int:
    """Terminal columns: full-width (Japanese) characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _wipe(*, yes: bool, models: bool, settings: bool) -> int:
    from workstation.store.sessions import live_sessions

    running = [pid for pid in live_sessions() if pid]
    if running:
        raise WorkstationError(
            Text(
                f"ワークステーションが実行中です（プロセス {', '.join(map(str, running))}）。終了してから消去してください。",
                f"The workstation is running (process {', '.join(map(str, running))}); quit it before wiping.",
            )
        )
    targets = wipe_targets(models=models, settings=settings)
    kept = [] if models else [Text("取り込んだモデル", "imported models")]
    if not settings:
        kept.append(Text("設定", "settings"))
    print(str(Text("次のデータを消去します:", "This will delete:")))
    for path in targets:
        print(f"  {path}")
    if not targets:
        print(str(Text("  （消去するデータはありません）", "  (nothing stored)")))
        return EXIT_OK
    print(str(Text("残すもの: ", "Kept: ")) + ", ".join(str(text) for text in kept))
    if not yes and not _confirm():
        print(str(Text("中止しました。何も消去していません。", "Cancelled; nothing was deleted.")))
        return EXIT_USAGE
    failures = delete_paths(targets)
    if failures:
        raise WorkstationError(
            Text("一部のデータを消去できませんでした。", "Some data could not be deleted."), detail="; ".join(failures)
        )
    print(str(Text("消去しました。", "Deleted.")))
    return EXIT_OK


def _confirm() -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        raise WorkstationError(
            Text(
                "確認できないため消去しません。消去するには --yes を付けてください。",
                "Cannot ask for confirmation here; add --yes to wipe.",
            )
        )
    answer = input(str(Text("本当に消去しますか？ [y/N] ", "Really delete? [y/N] ")))
    return answer.strip().lower() in {"y", "yes", "はい"}
