"""Profiles (TOML in ``resources/proofread/profiles``): which rules run, with which severity and options."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workstation.errors import WorkstationError
from workstation.i18n import Text
from workstation.paths import resources_dir
from workstation.proofread.model import Severity
from workstation.proofread.rules import all_rules
from workstation.proofread.rules.base import OptionError

DEFAULT_PROFILE = "koyobun"
RULE_KEYS = ("enabled", "severity")
"""Keys every rule table accepts besides the rule's own options."""


class ProfileError(WorkstationError):
    """A profile cannot be found or is invalid."""


@dataclass(frozen=True)
class RuleConfig:
    """A rule as a profile sets it up: on/off, severity, validated options."""

    rule_id: str
    enabled: bool
    severity: Severity
    options: Mapping[str, Any]


@dataclass(frozen=True)
class Profile:
    """A named set of rule configurations; ``rules`` holds only enabled rules, in registry order."""

    name: str
    title: Text
    description: Text
    rules: Mapping[str, RuleConfig] = field(default_factory=dict)

    def with_overrides(self, overrides: Mapping[str, Mapping[str, Any]] | None) -> Profile:
        """A copy with per-rule overrides (``{"rule-id": {"enabled": False, "max": 80}}``) applied and validated."""
        if not overrides:
            return self
        tables = {
            rule_id: dict(config.options) | {"severity": config.severity.value}
            for rule_id, config in self.rules.items()
        }
        for rule_id, table in overrides.items():
            tables.setdefault(rule_id, {}).update(table)
            if "enabled" not in table and rule_id not in self.rules:
                tables[rule_id]["enabled"] = True
        return Profile(
            self.name, self.title, self.description, _configure(tables, f"{self.name} (overrides)")
        )


def profiles_dir() -> Path:
    return resources_dir() / "proofread" / "profiles"


def available_profiles() -> list[str]:
    """Names of the bundled profiles."""
    return sorted(path.stem for path in profiles_dir().glob("*.toml"))


def load_profile(name_or_path: str | Path = DEFAULT_PROFILE) -> Profile:
    """Load a bundled profile by name, or a profile file by path; validate every rule and option."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = profiles_dir() / f"{name_or_path}.toml"
        if not path.is_file():
            names = ", ".join(available_profiles())
            raise ProfileError(
                Text(
                    f"校正プロファイル「{name_or_path}」はありません（使えるもの: {names}）。",
                    f"There is no proofreading profile {name_or_path!r} (available: {names}).",
                )
            )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(
            Text(
                f"校正プロファイルを読み込めません: {path}", f"Cannot read the proofreading profile: {path}"
            ),
            detail=str(exc),
        ) from exc
    meta = data.get("profile", {})
    unknown = set(data) - {"profile", "rules"}
    if unknown:
        raise ProfileError(
            Text(
                f"{path.name}: 不明な項目 {', '.join(sorted(unknown))}（使えるもの: profile, rules）",
                f"{path.name}: unknown section(s) {', '.join(sorted(unknown))} (allowed: profile, rules)",
            )
        )
    rules = data.get("rules", {})
    dictionary = rules.get("dictionary") if isinstance(rules, dict) else None
    if isinstance(dictionary, dict) and isinstance(dictionary.get("dictionaries"), list):
        dictionary["dictionaries"] = [_beside(path, entry) for entry in dictionary["dictionaries"]]
    return Profile(
        name=path.stem,
        title=Text(meta.get("name_ja", path.stem), meta.get("name_en", path.stem)),
        description=Text(meta.get("description_ja", ""), meta.get("description_en", "")),
        rules=_configure(rules, path.name),
    )


def _beside(profile: Path, entry: object) -> object:
    """A dictionary named relative to the profile file, when it is there (bundled names stay as they are)."""
    if isinstance(entry, str) and not Path(entry).is_absolute() and (profile.parent / entry).is_file():
        return str(profile.parent / entry)
    return entry


def _configure(tables: Mapping[str, Mapping[str, Any]], where: str) -> dict[str, RuleConfig]:
    registry = all_rules()
    unknown = [rule_id for rule_id in tables if rule_id not in registry]
    if unknown:
        raise ProfileError(
            Text(
                f"{where}: 不明な規則 {', '.join(unknown)}。`workstation check --list-rules` で一覧を確認できます。",
                f"{where}: unknown rule(s) {', '.join(unknown)}. See `workstation check --list-rules`.",
            )
        )
    configs: dict[str, RuleConfig] = {}
    for rule_id, rule in registry.items():
        if rule_id not in tables:
            continue
        table = dict(tables[rule_id])
        enabled = table.pop("enabled", True)
        severity_name = table.pop("severity", rule.severity.value)
        if not isinstance(enabled, bool):
            raise ProfileError(
                Text(
                    f"{where}: 規則 {rule_id} の enabled は true か false です。",
                    f"{where}: {rule_id}.enabled must be true or false.",
                )
            )
        try:
            severity = Severity(severity_name)
        except ValueError as exc:
            raise ProfileError(
                Text(
                    f"{where}: 規則 {rule_id} の severity は error, warning, info のいずれかです（指定値: {severity_name!r}）。",
                    f"{where}: {rule_id}.severity must be error, warning or info (got {severity_name!r}).",
                )
            ) from exc
        try:
            options = rule.resolve_options(table)
        except OptionError as exc:
            raise ProfileError(Text(f"{where}: {exc.message.ja}", f"{where}: {exc.message.en}")) from exc
        if enabled:
            configs[rule_id] = RuleConfig(rule_id, enabled, severity, options)
    return configs
