"""Settings declared once as data (type, default, description) and stored with QSettings.

Every key the program reads or writes is declared in :data:`DECLARED`; reading or writing an undeclared key
is a bug and raises ``KeyError``. Stored values that do not fit their declaration (edited by hand, written by an
older version) fall back to the default, with a note in the log.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

from workstation.i18n import Text
from workstation.paths import user_config_dir

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.ini"
MAX_RECENT_FILES = 10


@dataclass(frozen=True)
class Setting:
    """One declared setting; ``kind`` is ``bool``, ``int``, ``str``, ``choice``, ``path``, ``paths``, ``strings`` or ``bytes``."""

    key: str
    kind: str
    default: Any
    description: Text
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    in_dialog: bool = True


DECLARED: tuple[Setting, ...] = (
    Setting(
        "models/directory",
        "path",
        "",
        Text("追加の翻訳モデルを置くフォルダ（空欄なら既定の場所のみ）",
             "An extra folder holding translation models (empty: only the default places)"),
    ),
    Setting(
        "translate/threads",
        "int",
        0,
        Text("翻訳に使うCPUスレッド数（0 = 自動）", "CPU threads used for translation (0 = automatic)"),
        minimum=0,
        maximum=64,
    ),
    Setting(
        "translate/beam_size",
        "int",
        4,
        Text("ビーム幅（大きいほど丁寧で遅い）", "Beam size (larger is more careful and slower)"),
        minimum=1,
        maximum=16,
    ),
    Setting(
        "translate/back_translation",
        "bool",
        True,
        Text(
            "逆方向のモデルで訳の候補を選ぶ（モデルが推奨する場合。訳が良くなり、翻訳は約 3 倍遅くなる）",
            "Choose among candidate translations with the opposite-direction model (where the model recommends "
            "it; better translations, about 3 times slower)",
        ),
    ),
    Setting(
        "translate/direction",
        "choice",
        "ja-en",
        Text("起動時の翻訳方向", "Translation direction at start"),
        choices=("ja-en", "en-ja"),
    ),
    Setting(
        "proofread/profile",
        "str",
        "koyobun",
        Text("校正プロファイル", "Proofreading profile"),
    ),
    Setting(
        "proofread/dictionaries",
        "paths",
        [],
        Text("追加の校正辞書（textlint-prh 形式の YAML）", "Extra proofreading dictionaries (textlint-prh YAML)"),
    ),
    Setting(
        "proofread/disabled_rules",
        "strings",
        [],
        Text("オフにした校正ルール", "Proofreading rules switched off"),
        in_dialog=False,
    ),
    Setting(
        "ui/language",
        "choice",
        "ja",
        Text("表示言語", "User interface language"),
        choices=("ja", "en"),
    ),
    Setting(
        "ui/font_size",
        "int",
        12,
        Text("編集欄の文字サイズ（ポイント）", "Editor font size (points)"),
        minimum=8,
        maximum=36,
    ),
    Setting("translate/model/ja-en", "str", "", Text("日→英で使うモデル", "Model used for ja→en"), in_dialog=False),
    Setting("translate/model/en-ja", "str", "", Text("英→日で使うモデル", "Model used for en→ja"), in_dialog=False),
    Setting("recent/files", "paths", [], Text("最近使ったファイル", "Recent files"), in_dialog=False),
    Setting("window/geometry", "bytes", b"", Text("ウィンドウの位置と大きさ", "Window geometry"), in_dialog=False),
    Setting("window/workspace", "int", 0, Text("最後に開いていた作業画面", "Last workspace"), in_dialog=False,
            minimum=0, maximum=2),
)

BY_KEY: dict[str, Setting] = {setting.key: setting for setting in DECLARED}


def _coerce(setting: Setting, raw: Any) -> Any:
    """Turn a stored value into the declared type; raise ``ValueError`` when it does not fit."""
    kind = setting.kind
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        if str(raw).lower() in {"true", "1"}:
            return True
        if str(raw).lower() in {"false", "0"}:
            return False
        raise ValueError(raw)
    if kind == "int":
        value = int(raw)
        if (setting.minimum is not None and value < setting.minimum) or (
            setting.maximum is not None and value > setting.maximum
        ):
            raise ValueError(raw)
        return value
    if kind == "choice":
        if str(raw) not in setting.choices:
            raise ValueError(raw)
        return str(raw)
    if kind in {"str", "path"}:
        return str(raw)
    if kind in {"paths", "strings"}:
        values = json.loads(raw) if isinstance(raw, str) else raw
        if not isinstance(values, list) or not all(isinstance(item, str) for item in values):
            raise ValueError(raw)
        return list(values)
    if kind == "bytes":
        return bytes(raw.data() if hasattr(raw, "data") else raw)
    raise ValueError(kind)


def _encode(setting: Setting, value: Any) -> Any:
    if setting.kind in {"paths", "strings"}:
        return json.dumps(list(value), ensure_ascii=False)
    return value


class Settings(QObject):
    """Typed access to the declared settings; emits ``changed(key)`` after a value changes."""

    changed = Signal(str)

    def __init__(self, store: QSettings | None = None) -> None:
        super().__init__()
        self._store = store or QSettings(str(user_config_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)

    def get(self, key: str) -> Any:
        setting = BY_KEY[key]
        raw = self._store.value(key)
        if raw is None:
            return list(setting.default) if isinstance(setting.default, list) else setting.default
        try:
            return _coerce(setting, raw)
        except (TypeError, ValueError, json.JSONDecodeError):
            log.warning("setting %s has an unusable value %r; using the default", key, raw)
            return list(setting.default) if isinstance(setting.default, list) else setting.default

    def is_set(self, key: str) -> bool:
        """Whether ``key`` was stored (else :meth:`get` gives the declared default)."""
        return self._store.contains(BY_KEY[key].key)

    def set(self, key: str, value: Any) -> None:
        setting = BY_KEY[key]
        value = _coerce(setting, _encode(setting, value) if setting.kind in {"paths", "strings"} else value)
        if self.is_set(key) and self.get(key) == value:
            return
        self._store.setValue(key, _encode(setting, value))
        self._store.sync()
        self.changed.emit(key)

    def add_recent_file(self, path: str) -> list[str]:
        files = [path] + [item for item in self.get("recent/files") if item != path]
        self.set("recent/files", files[:MAX_RECENT_FILES])
        return self.get("recent/files")
