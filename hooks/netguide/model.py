"""The guide's knowledge as plain, immutable objects.

Language-neutral facts (IDs, themes, sources, links between items) are attributes;
everything a reader sees is in ``texts``, keyed by language code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SourceText:
    kind: str
    covers: str


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    title: str
    subtitle: str | None
    author: str | None
    publisher: str | None
    texts: dict[str, SourceText]


@dataclass(frozen=True)
class ThemeText:
    title: str
    intro: str


@dataclass(frozen=True)
class Theme:
    id: str
    texts: dict[str, ThemeText]


@dataclass(frozen=True)
class ViewText:
    view: str
    applies: str


@dataclass(frozen=True)
class View:
    """One source's position on a point where the sources disagree."""

    source: str
    texts: dict[str, ViewText]


@dataclass(frozen=True)
class RuleText:
    title: str
    statement: str
    why: tuple[str, ...]
    how: tuple[str, ...]
    example: str | None


@dataclass(frozen=True)
class Rule:
    id: str
    theme: str
    sources: tuple[str, ...]
    related: tuple[str, ...]
    views: tuple[View, ...]
    texts: dict[str, RuleText]
    file: str


@dataclass(frozen=True)
class Registry:
    """Every ID ever published, per kind, and the retired ones with their replacement."""

    published: dict[str, tuple[str, ...]]
    retired: dict[str, dict[str, str]]


@dataclass(frozen=True)
class Guide:
    languages: tuple[str, ...]
    edition: str
    themes: tuple[Theme, ...]
    sources: tuple[Source, ...]
    rules: tuple[Rule, ...]
    ui: dict[str, dict[str, str]]
    registry: Registry
    checklists: tuple[Any, ...] = ()  # netguide.checklists.Checklist
    flows: tuple[Any, ...] = ()  # netguide.flows.Flow

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def ids_by_kind(self) -> dict[str, tuple[str, ...]]:
        """Every published kind of item and its IDs, as the registry records them."""
        return {
            "rules": tuple(rule.id for rule in self.rules),
            "themes": tuple(theme.id for theme in self.themes),
            "checklists": tuple(checklist.id for checklist in self.checklists),
            "flows": tuple(flow.id for flow in self.flows),
        }

    def rule(self, rule_id: str) -> Rule:
        return self._rules_by_id[rule_id]

    def theme(self, theme_id: str) -> Theme:
        return self._themes_by_id[theme_id]

    def source(self, source_id: str) -> Source:
        return self._sources_by_id[source_id]

    def rules_of_theme(self, theme_id: str) -> tuple[Rule, ...]:
        return self._rules_by_theme.get(theme_id, ())

    def rules_citing(self, source_id: str) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if source_id in rule.sources)

    def __post_init__(self) -> None:
        # Lookups are derived once; the dataclass stays frozen for callers.
        by_theme: dict[str, list[Rule]] = {}
        for rule in self.rules:
            by_theme.setdefault(rule.theme, []).append(rule)
        object.__setattr__(self, "_rules_by_id", {rule.id: rule for rule in self.rules})
        object.__setattr__(self, "_themes_by_id", {theme.id: theme for theme in self.themes})
        object.__setattr__(self, "_sources_by_id", {source.id: source for source in self.sources})
        object.__setattr__(self, "_rules_by_theme", {key: tuple(value) for key, value in by_theme.items()})
