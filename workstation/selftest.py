"""``workstation --self-test``: check that an installation works, end to end, and name what does not.

Each step runs on its own (one failure never hides the others) and prints one line as soon as it finishes, so even a
crash of the window step leaves the earlier results on screen. The steps: every installed model loads and translates
two fixed everyday sentences to output that contains an expected word (a broken model, tokenizer or conversion gives
fluent-looking nonsense, never "coffee" for コーヒー); both directions (ja→en, en→ja) have a model; the proofreader finds a planted error (UniDic dictionary,
rules and profiles); the diff engine diffs and merges; the store writes, "crashes" and recovers a document in a
temporary folder; the main window builds (Qt platform plugin, offscreen when there is no display). User data is never
touched: the store and window steps run with ``WORKSTATION_HOME`` pointed at a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from workstation import __version__, paths
from workstation.errors import WorkstationError
from workstation.i18n import Text, current_language, set_language

if TYPE_CHECKING:
    from workstation.translate.registry import InstalledModel, ModelRegistry

__all__ = ["MEANING_CHECKS", "REQUIRED_DIRECTIONS", "SAMPLE_SENTENCES", "StepResult", "run_self_test"]

REQUIRED_DIRECTIONS: tuple[tuple[str, str], ...] = (("ja", "en"), ("en", "ja"))
SAMPLE_SENTENCES: dict[str, str] = {
    "ja": "本日、大使は外務大臣と会談した。",
    "en": "The ambassador met the foreign minister today.",
}
"""For a direction without meaning checks: the translation must not come out empty."""
MEANING_CHECKS: dict[tuple[str, str], tuple[tuple[str, tuple[str, ...]], ...]] = {
    ("ja", "en"): (
        ("ありがとうございます。", ("thank",)),
        ("私は毎朝コーヒーを飲みます。", ("coffee",)),
    ),
    ("en", "ja"): (
        ("Thank you very much.", ("ありがとう", "有難う", "有り難う", "感謝", "どうも")),
        ("I drink coffee every morning.", ("コーヒー", "珈琲")),
    ),
}
"""Two everyday sentences per direction and the words of which the translation must contain one (case ignored).

Any working model translates them so (tests/translate/test_builtin_models.py measures the built-in models on more
sentences of the kind), whatever kernels the CPU picks; a word list, not one expected output, so a better model that
words it differently passes too."""
PROOFREAD_SAMPLE = "会議をを開催します。"
"""A doubled particle (をを): every profile must flag it."""
DIFF_SAMPLE = ("外務省の方針を確認した。", "外務省が方針を確認した。")
STORE_SAMPLE = "公電の下書き（自己診断）\n本日、大使は外務大臣と会談した。"
EXIT_OK = 0
EXIT_FAILED = 1


@dataclass(frozen=True)
class StepResult:
    """One line of the report: what was checked, whether it worked, and what was seen or what went wrong."""

    name: Text
    ok: bool
    detail: str
    seconds: float


Step = tuple[Text, Callable[[], str]]


def run_self_test(
    *,
    registry: ModelRegistry | None = None,
    include_window: bool = True,
    out: TextIO | None = None,
) -> int:
    """Run every step, print the report, and return 0 when all passed or 1 naming the failed steps."""
    out = out or sys.stdout
    _print(out, Text("workstation {v} 自己診断", "workstation {v} self-test").format(v=__version__))
    _print(
        out,
        Text("  インストール先: {p}（{k}）", "  installed at: {p} ({k})").format(
            p=paths.install_root(), k=_kind()
        ),
    )
    results: list[StepResult] = []
    for name, check in _steps(registry, include_window):
        result = _run_step(name, check)
        results.append(result)
        _print_result(out, result)
    failed = [result for result in results if not result.ok]
    if not failed:
        _print(out, Text("結果: 全 {n} 項目 正常", "Result: all {n} checks passed").format(n=len(results)))
        return EXIT_OK
    names = ", ".join(str(result.name) for result in failed)
    _print(
        out,
        Text("結果: {n} 項目中 {f} 項目で失敗: {names}", "Result: {f} of {n} checks failed: {names}").format(
            n=len(results), f=len(failed), names=names
        ),
    )
    return EXIT_FAILED


def _steps(registry: ModelRegistry | None, include_window: bool) -> Iterator[Step]:
    """The steps in order; model steps are discovered from the registry (itself a step when it cannot be read)."""
    translations: dict[str, str] = {}
    models: list[InstalledModel] = []
    try:
        if registry is None:
            from workstation.translate.registry import ModelRegistry

            registry = ModelRegistry()
        models = registry.models()
        broken = registry.broken()
    except Exception as exc:  # the registry itself is broken: report it and go on with the other steps
        error = exc
        yield Text("モデル一覧", "model registry"), lambda: _raise(error)
        broken = []
    for model in models:
        yield (
            Text("モデル {id}", "model {id}").format(id=model.id),
            lambda model=model: _check_model(model, translations),
        )
    for item in broken:
        yield (
            Text("モデル {name}", "model {name}").format(name=item.path.name),
            lambda item=item: _raise(
                WorkstationError(Text(f"{item.reason.ja}（{item.path}）", f"{item.reason.en} ({item.path})"))
            ),
        )
    for source, target in REQUIRED_DIRECTIONS:
        yield (
            Text("翻訳 {s}→{t}", "translation {s}→{t}").format(s=source, t=target),
            lambda s=source, t=target: _check_direction(registry, s, t, translations),
        )
    yield Text("校正", "proofreading"), _check_proofreading
    yield Text("差分", "diff"), _check_diff
    yield Text("保存データ", "store"), _check_store
    if include_window:
        yield Text("画面", "window"), _check_window


def _run_step(name: Text, check: Callable[[], str]) -> StepResult:
    started = time.perf_counter()
    try:
        detail = check()
        ok = True
    except WorkstationError as exc:
        detail, ok = str(exc), False
    except Exception as exc:  # a self-test reports every failure and carries on
        detail, ok = f"{type(exc).__name__}: {exc}", False
    return StepResult(name, ok, detail, time.perf_counter() - started)


def _raise(error: BaseException) -> str:
    raise error


def _check_model(model: InstalledModel, translations: dict[str, str]) -> str:
    """Load the model and translate its direction's everyday sentences, each to output with an expected word."""
    from workstation.translate.cache import TranslationCache
    from workstation.translate.engine import TranslationEngine

    manifest = model.manifest
    direction = (manifest.source_lang, manifest.target_lang)
    checks = MEANING_CHECKS.get(direction) or (
        (SAMPLE_SENTENCES.get(manifest.source_lang, SAMPLE_SENTENCES["en"]), ()),
    )
    engine = TranslationEngine(model, cache=TranslationCache())
    try:
        engine.load()
        results = engine.translate_sentences([source for source, _ in checks])
    finally:
        engine.unload()
    for (source, expected), result in zip(checks, results, strict=True):
        if not result.target.strip():
            raise WorkstationError(Text("翻訳結果が空です。", "The translation came out empty."), detail=model.id)
        if expected and not any(word in result.target.lower() for word in expected):
            raise WorkstationError(
                Text(
                    "「{s}」の訳「{t}」に {w} のいずれも含まれません。モデル・トークナイザー・変換のどれかが壊れています。",
                    "“{s}” came out as “{t}”, with none of {w}: the model, its tokenizer or its conversion is broken.",
                ).format(s=source, t=_shorten(result.target), w=" / ".join(expected)),
                detail=model.id,
            )
    translations[model.id] = results[0].target
    shown = "; ".join(f"{source} → {_shorten(result.target, 30)}" for (source, _), result in zip(checks, results, strict=True))
    return f"{manifest.source_lang}→{manifest.target_lang}: {shown}"


def _check_direction(
    registry: ModelRegistry | None, source: str, target: str, translations: dict[str, str]
) -> str:
    """The model picked for the direction exists and translated in its own step."""
    if registry is None:
        raise WorkstationError(Text("モデル一覧を読めません。", "The model registry cannot be read."))
    model = registry.default_for(source, target)
    if model.id not in translations:
        raise WorkstationError(
            Text(
                "既定のモデル {id} が翻訳できません（上記参照）。",
                "The default model {id} does not translate (see above).",
            ).format(id=model.id)
        )
    return str(Text("既定のモデル: {id}", "default model: {id}").format(id=model.id))


def _check_proofreading() -> str:
    """The default profile flags the planted doubled particle (dictionary, analyzer, rules and profile load)."""
    from workstation.proofread.checker import Checker

    issues = Checker().check(PROOFREAD_SAMPLE)
    if not issues:
        raise WorkstationError(
            Text("誤り「をを」が検出されません。", "The planted error 「をを」 was not found."),
            detail=PROOFREAD_SAMPLE,
        )
    rules = ", ".join(sorted({issue.rule_id for issue in issues}))
    return str(
        Text("{n} 件検出 ({rules})", "{n} issue(s) found ({rules})").format(n=len(issues), rules=rules)
    )


def _check_diff() -> str:
    """Diff two Japanese strings; accepting every hunk gives the new text, rejecting every hunk the old one."""
    from workstation.diff.engine import diff_texts

    old, new = DIFF_SAMPLE
    diff = diff_texts(old, new)
    if not diff.hunks:
        raise WorkstationError(Text("差分が検出されません。", "No difference was found."))
    if diff.merge({hunk.id for hunk in diff.hunks}) != new or diff.merge(set()) != old:
        raise WorkstationError(
            Text("差分の適用結果が正しくありません。", "Merging the hunks gave a wrong text.")
        )
    changes = "; ".join(f"{hunk.old_text or '∅'}→{hunk.new_text or '∅'}" for hunk in diff.hunks)
    return str(Text("{n} 件の変更: {c}", "{n} change(s): {c}").format(n=len(diff.hunks), c=changes))


def _check_store() -> str:
    """Autosave a document, "crash" (close without a clean exit), reopen and recover it, in a temporary folder."""
    from workstation.store.sessions import DocumentInfo, SessionStore

    with _temporary_home() as home:
        database = home / "selftest-sessions.sqlite3"
        store = SessionStore(database)
        key = store.new_document_key()
        store.autosave(key, STORE_SAMPLE, info=DocumentInfo(kind="untitled", title="self-test"))
        store.close()
        reopened = SessionStore(database)
        try:
            recovered = [document for document in reopened.pending_recovery() if document.key == key]
            if not recovered or recovered[0].text != STORE_SAMPLE:
                raise WorkstationError(
                    Text(
                        "自動保存した文書を復元できません。", "The autosaved document could not be recovered."
                    )
                )
            reopened.discard(recovered[0])
            reopened.mark_clean_exit()
        finally:
            reopened.close()
        private = os.name != "posix" or (database.stat().st_mode & 0o077) == 0
        if not private:
            raise WorkstationError(
                Text("保存データが他のユーザーから読めます。", "The data file is readable by other users."),
                detail=oct(database.stat().st_mode),
            )
    return str(
        Text("書き込み・復元 OK（SQLite {v}）", "written and recovered (SQLite {v})").format(
            v=_sqlite_version()
        )
    )


def _check_window() -> str:
    """Build the main window with the Qt platform plugin in use (``offscreen`` when there is no display)."""
    if sys.platform.startswith("linux") and not any(
        os.environ.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # without a display Qt would abort the whole process
    from workstation.xcb_check import require_xcb_libraries

    require_xcb_libraries()  # Qt would abort the whole self-test
    language = current_language()
    try:
        with _temporary_home():
            from workstation.gui.selfcheck import build_main_window

            return build_main_window()
    finally:
        set_language(language)  # the window applies the UI language of its settings; the report keeps its own


@contextmanager
def _temporary_home() -> Iterator[Path]:
    """Point ``WORKSTATION_HOME`` at a fresh temporary folder for the duration, then put it back."""
    previous = os.environ.get(paths.HOME_ENV)
    with tempfile.TemporaryDirectory(prefix="workstation-selftest-", ignore_cleanup_errors=True) as folder:
        os.environ[paths.HOME_ENV] = folder
        try:
            yield Path(folder)
        finally:
            if previous is None:
                os.environ.pop(paths.HOME_ENV, None)
            else:
                os.environ[paths.HOME_ENV] = previous


def _kind() -> str:
    """How the program was installed: the PyInstaller bundle, a wheel (``make wheelhouse``), or a source checkout."""
    if getattr(sys, "frozen", False):
        return "bundle"
    if paths.install_root().name == paths.WHEEL_DATA_DIR:
        return "wheel"
    return f"source, Python {sys.version.split()[0]}"


def _sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _print(out: TextIO, text: Text) -> None:
    print(str(text), file=out, flush=True)


def _print_result(out: TextIO, result: StepResult) -> None:
    mark = "OK  " if result.ok else "FAIL"
    print(f"  [{mark}] {result.name}: {result.detail} ({result.seconds:.1f} s)", file=out, flush=True)
