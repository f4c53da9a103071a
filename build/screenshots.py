"""Save a screenshot of each workspace (翻訳・校正・比較) with real content, for the README.

    .venv/bin/python build/screenshots.py                 # offscreen, Japanese UI, into docs/images/
    xvfb-run -a .venv/bin/python build/screenshots.py     # the same under a virtual X server
    .venv/bin/python build/screenshots.py --lang en --models /path/to/models

Everything runs on the real engines (translation model, proofreading rules, diff) in a throw-away
WORKSTATION_HOME, so no user data is read or written. Translation uses the best installed model for
each direction (the built-in ones unless ``--models`` adds others).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
SIZE = (1440, 880)
TIMEOUT_MS = 180_000

CABLE = """件名：第5回日米経済対話の開催について

1. 本日、外務省において第5回日米経済対話が開催された。
2. 双方は、サプライチェーンの強靱化と重要技術の保護について意見を交換した。
3. 次回の会合は来年春に東京で開催する予定である。

以上、ご報告します。
"""

ANSWER = """令和6年度の予算案について、政府の考えをお答えします。
政府としては、物価高に対応するため、必要な支援を着実に実施してまいります。
地方の声にも耳を傾け、見れる範囲で丁寧に説明していきたいと考えています。
また、関係省庁と緊密に連携し、必要な対策をを講じてまいります。
外務省省としても、在外邦人の安全確保に万全を期します。
本件については、引き続き検討を行うことができるものである。
"""

CABLE_EN = """SUBJECT: Fifth Japan-US Economic Dialogue

1. The fifth Japan-US Economic Dialogue was held at the Ministry of Foreign Affairs today.
2. The two sides exchanged views on supply chain resilience and the protection of critical technologies.
3. The next meeting is scheduled to be held in Tokyo next spring.

End of report.
"""

GLOSSARY = "ja,en\n外務省,Ministry of Foreign Affairs\n経済対話,Economic Dialogue\nサプライチェーン,supply chain\n"

MEMORY = (
    ("次回の会合は来年春に東京で開催する予定である。", "The next meeting is scheduled to be held in Tokyo next spring."),
    ("次回の会合は来年秋に大阪で開催する予定である。", "The next meeting is scheduled to be held in Osaka next autumn."),
)

SAMPLES = {"ja-en": CABLE, "en-ja": CABLE_EN}
"""The Translate screenshot's source text per direction (the glossary and memory work both ways)."""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("ja", "en"), default="ja", help="UI language of the screenshots")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for workspace-*.png")
    parser.add_argument("--models", type=Path, help="an extra folder of translation models")
    parser.add_argument("--dark", action="store_true", help="use a dark palette (to check the dark look)")
    parser.add_argument("--direction", choices=("ja-en", "en-ja"), default="ja-en", help="translation direction shown")
    return parser.parse_args(argv)


def wait_for(signal, trigger) -> None:  # type: ignore[no-untyped-def]
    """Run ``trigger`` and spin the event loop until ``signal`` fires (or the timeout passes)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    trigger()
    loop.exec()
    signal.disconnect(loop.quit)


def settle(ms: int = 300) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def dark_palette():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#2b2b2b"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#2f65ca"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.PlaceholderText, "#8a8a8a"),
    ):
        palette.setColor(role, QColor(color))
    return palette


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    home = Path(tempfile.mkdtemp(prefix="workstation-screenshots-"))
    os.environ["WORKSTATION_HOME"] = str(home)
    os.environ["WORKSTATION_LANG"] = args.lang
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))

    from workstation.gui.app import create_application
    from workstation.gui.main_window import MainWindow
    from workstation.gui.settings import Settings
    from workstation.store.memory import TranslationMemory

    app = create_application()
    app.setStyle("Fusion")
    if args.dark:
        app.setPalette(dark_palette())
    settings = Settings()
    settings.set("ui/language", args.lang)
    if args.models:
        settings.set("models/directory", str(args.models.resolve()))
    with TranslationMemory() as memory:
        for source, target in MEMORY:
            memory.add(source, target, "ja", "en", origin="human")
            memory.add(target, source, "en", "ja", origin="human")
    window = MainWindow(settings, autosave=False)
    window.resize(*SIZE)
    window.show()
    settle()
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = ("-en" if args.lang == "en" else "") + ("-dark" if args.dark else "")

    translate = window.translate_view
    window.workspaces.setCurrentWidget(translate)
    glossary = home / "glossary.csv"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    translate.set_direction(args.direction)
    translate.source_editor.setPlainText(SAMPLES[args.direction])
    translate.load_glossary(str(glossary))
    if translate.model is None:
        print(f"no translation model for {args.direction} is installed; the Translate screenshot shows no translation")
    else:
        wait_for(translate.translated, translate.translate_document)
        segment = translate.tracker.segments[-2]
        wait_for(
            translate.lookups_shown,
            lambda: translate.source_editor.select_span(segment.source_start + 3, segment.source_start + 3),
        )
        translate.side.setCurrentIndex(1)
    settle()
    window.grab().save(str(args.out / f"workspace-translate{suffix}.png"))

    proofread = window.proofread_view
    window.workspaces.setCurrentWidget(proofread)
    wait_for(proofread.checked, lambda: proofread.load_text(ANSWER, title="answer.txt") or proofread.check_now())
    proofread.table.selectRow(0)
    first = proofread.selected_issue()
    if first is not None:
        proofread.editor.select_span(first.start, first.start)
    settle()
    window.grab().save(str(args.out / f"workspace-proofread{suffix}.png"))

    compare = window.compare_view
    wait_for(compare.diffed, proofread.apply_all_fixes)
    if compare.diff is not None and compare.diff.hunks:
        compare.accept_button.click()
        if len(compare.diff.hunks) > 2:
            compare.reject_button.click()
    settle()
    window.grab().save(str(args.out / f"workspace-compare{suffix}.png"))
    window.close()
    for name in ("translate", "proofread", "compare"):
        print(args.out / f"workspace-{name}{suffix}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
