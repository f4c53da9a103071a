"""Custom dictionaries in textlint-prh YAML format (expected, pattern/patterns, specs, imports)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from workstation.i18n import Text
from workstation.paths import resources_dir
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.prh import PrhDictionary, load_prh_dictionary
from workstation.proofread.rules.base import Example, Option, Rule


def dictionaries_dir() -> Path:
    return resources_dir() / "proofread" / "dictionaries"


def resolve_dictionary(name: str) -> Path:
    """A dictionary path as given, or a bundled dictionary by file name."""
    path = Path(name).expanduser()
    if not path.is_absolute() and not path.exists() and (dictionaries_dir() / name).exists():
        return dictionaries_dir() / name
    return path


class DictionaryRule(Rule):
    id = "dictionary"
    category = "dictionary"
    severity = Severity.WARNING
    name = Text("用語辞書（prh 形式）", "Term dictionary (prh format)")
    description = Text(
        "textlint-prh 形式の YAML 辞書（expected, pattern/patterns, specs, imports）に従って表記を統一します。"
        "組織で使っている辞書をそのまま使えます。辞書は読み込み時に specs で検証されます。"
        "見本として国名・国際機関名の辞書（official-names.yml）を同梱しています。",
        "Enforces spellings from textlint-prh YAML dictionaries (expected, pattern/patterns, specs, imports), so"
        " organisations can reuse the dictionaries they have; specs are checked on load. A sample dictionary of"
        " official country and organisation names (official-names.yml) is bundled.",
    )
    options = (Option("dictionaries", (), Text("辞書ファイル（YAML）", "dictionary files (YAML)")),)
    valid = (Example("世界保健機関（WHO）の発表", options={"dictionaries": ("official-names.yml",)}),)
    invalid = (
        Example(
            "世界保健機構（WHO）の発表",
            span="世界保健機構",
            suggestion="世界保健機関",
            options={"dictionaries": ("official-names.yml",)},
        ),
        Example(
            "グルジア政府",
            span="グルジア",
            suggestion="ジョージア",
            options={"dictionaries": ("official-names.yml",)},
        ),
        Example(
            "マケドニア共和国",
            span="マケドニア共和国",
            suggestion="北マケドニア",
            options={"dictionaries": ("official-names.yml",)},
        ),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        text = analysis.text
        for dictionary in self._dictionaries(options):
            for rule in dictionary.rules:
                for pattern in rule.patterns:
                    for match in pattern.finditer(text):
                        if match.start() == match.end():
                            continue
                        fixed = rule.replace(match)
                        if fixed == match.group():
                            continue
                        note = f" {rule.prh}" if rule.prh else ""
                        yield Finding(
                            match.start(),
                            match.end(),
                            Text(
                                f"「{match.group()}」は「{fixed}」と表記します（辞書 {dictionary.path.name}）。{note}".rstrip(),
                                f"Write 「{fixed}」 instead of 「{match.group()}」 (dictionary {dictionary.path.name}).{note}".rstrip(),
                            ),
                            (fixed,),
                        )

    @staticmethod
    def preload(options: Mapping[str, Any]) -> None:
        """Load (and spec-check) every dictionary now, so errors surface before checking starts."""
        DictionaryRule._dictionaries(options)

    @staticmethod
    def _dictionaries(options: Mapping[str, Any]) -> list[PrhDictionary]:
        return [load_prh_dictionary(resolve_dictionary(name)) for name in options["dictionaries"]]


RULE = DictionaryRule()
