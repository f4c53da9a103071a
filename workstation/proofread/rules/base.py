"""The rule API: metadata, validated options, examples, and paragraph- or document-level checks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from workstation.errors import WorkstationError
from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Paragraph
from workstation.proofread.model import Finding, Severity

Category = Literal["typo", "grammar", "style", "notation", "redundancy", "usage", "koyobun", "dictionary"]
CATEGORY_NAMES: dict[str, Text] = {
    "typo": Text("誤字・脱字", "typos and omissions"),
    "grammar": Text("文法", "grammar"),
    "style": Text("文体", "style"),
    "notation": Text("表記", "notation"),
    "redundancy": Text("冗長表現", "redundancy"),
    "usage": Text("誤用・同音異義語", "misused and confusable words"),
    "koyobun": Text("公用文", "official-document style"),
    "dictionary": Text("辞書", "dictionary"),
}


class OptionError(WorkstationError):
    """A profile or override sets an unknown option or a value of the wrong type."""


@dataclass(frozen=True)
class Option:
    """A rule option: name, default (its type is the option's type), description, allowed values."""

    name: str
    default: Any
    description: Text
    choices: tuple[Any, ...] = ()
    minimum: int | None = None

    def validate(self, rule_id: str, value: Any) -> Any:
        expected = type(self.default)
        ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        if expected is tuple and isinstance(value, list):
            value, ok = tuple(value), True
        if ok and expected is tuple:
            ok = all(isinstance(item, str) for item in value)
        if not ok:
            raise OptionError(
                Text(
                    f"規則 {rule_id} のオプション {self.name} の値 {value!r} が不正です（{expected.__name__} 型が必要です）。",
                    f"Rule {rule_id}: option {self.name} has an invalid value {value!r} (expected {expected.__name__}).",
                )
            )
        if self.choices and value not in self.choices:
            allowed = ", ".join(map(str, self.choices))
            raise OptionError(
                Text(
                    f"規則 {rule_id} のオプション {self.name} には {allowed} のいずれかを指定してください（指定値: {value!r}）。",
                    f"Rule {rule_id}: option {self.name} must be one of {allowed} (got {value!r}).",
                )
            )
        if self.minimum is not None and value < self.minimum:
            raise OptionError(
                Text(
                    f"規則 {rule_id} のオプション {self.name} は {self.minimum} 以上にしてください（指定値: {value}）。",
                    f"Rule {rule_id}: option {self.name} must be at least {self.minimum} (got {value}).",
                )
            )
        return value


@dataclass(frozen=True)
class Example:
    """An example sentence; for invalid ones, ``span`` is the flagged text and ``suggestion`` the fix."""

    text: str
    span: str | None = None
    suggestion: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


class Rule:
    """Base class of every rule; one subclass per module in ``workstation.proofread.rules``."""

    id: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity]
    name: ClassVar[Text]
    description: ClassVar[Text]
    options: ClassVar[tuple[Option, ...]] = ()
    document_level: ClassVar[bool] = False
    """Document-level rules implement :meth:`collect` and :meth:`report` instead of :meth:`check`."""
    valid: ClassVar[tuple[str | Example, ...]] = ()
    invalid: ClassVar[tuple[Example, ...]] = ()

    def resolve_options(self, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Defaults overlaid with ``values``; an unknown option or a bad value raises :class:`OptionError`."""
        known = {option.name: option for option in self.options}
        resolved = {name: option.default for name, option in known.items()}
        for name, value in (values or {}).items():
            if name not in known:
                allowed = ", ".join(known) or Text("なし", "none").get("ja")
                raise OptionError(
                    Text(
                        f"規則 {self.id} に {name} というオプションはありません（使えるもの: {allowed}）。",
                        f"Rule {self.id} has no option {name!r} (available: {', '.join(known) or 'none'}).",
                    )
                )
            resolved[name] = known[name].validate(self.id, value)
        return resolved

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Finding]:
        """Findings in one paragraph, offsets relative to it (paragraph-level rules)."""
        return ()

    def collect(self, analysis: Analysis, options: Mapping[str, Any]) -> Any:
        """What a document-level rule needs from one paragraph, offsets relative to it.

        The checker caches the result by paragraph text, so it must depend on nothing but the paragraph and the
        options, and must not be changed afterwards.
        """
        return ()

    def report(
        self, starts: Sequence[int], facts: Sequence[Any], options: Mapping[str, Any]
    ) -> Iterable[Finding]:
        """Findings over the whole document, absolute offsets, from every paragraph's :meth:`collect` result.

        ``facts[i]`` was collected from the paragraph that starts at offset ``starts[i]`` of the document.
        """
        return ()

    def check_document(
        self, paragraphs: Sequence[Paragraph], options: Mapping[str, Any]
    ) -> Iterable[Finding]:
        """Findings over the whole document without any cache: :meth:`collect` each paragraph, then :meth:`report`."""
        facts = [self.collect(paragraph.analysis, options) for paragraph in paragraphs]
        return self.report([paragraph.start for paragraph in paragraphs], facts, options)


def iter_examples(examples: Iterable[str | Example]) -> Iterator[Example]:
    for example in examples:
        yield example if isinstance(example, Example) else Example(example)
