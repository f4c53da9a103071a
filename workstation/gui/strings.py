"""The table of every visible GUI string, Japanese first, English available."""

from __future__ import annotations

from workstation.i18n import Text

STRINGS: dict[str, Text] = {
    "app.title": Text("翻訳・校正ワークステーション", "Translation & Proofreading Workstation"),
    "menu.file": Text("ファイル(&F)", "&File"),
    "menu.edit": Text("編集(&E)", "&Edit"),
    "menu.view": Text("表示(&V)", "&View"),
    "menu.tools": Text("ツール(&T)", "&Tools"),
    "menu.help": Text("ヘルプ(&H)", "&Help"),
    "action.quit": Text("終了(&Q)", "&Quit"),
    "action.about": Text("このプログラムについて(&A)", "&About"),
    "workspace.translate": Text("翻訳", "Translate"),
    "workspace.proofread": Text("校正", "Proofread"),
    "workspace.compare": Text("比較", "Compare"),
    "status.offline": Text("● オフライン動作中（外部への通信なし）", "● Offline (no network connections)"),
    "about.text": Text(
        "オフライン翻訳・日本語校正ワークステーション {version}\nすべての処理はこの端末内で行われ、外部への通信は一切ありません。",
        "Offline translation and Japanese proofreading workstation {version}\n"
        "Everything runs on this device; nothing is sent anywhere.",
    ),
}


def tr(key: str, **values: object) -> str:
    """The string ``key`` in the current UI language, formatted with ``values``."""
    text = STRINGS[key]
    return str(text.format(**values) if values else text)
