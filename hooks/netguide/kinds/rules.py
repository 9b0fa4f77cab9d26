"""Rules: one piece of guidance each, in knowledge/rules/<ID>.yml.

A rule has a page (rules/<ID>/) and a short link (r/<ID>/) in every language, and is
listed on its theme's page, the rule index and the sources page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, Field

from ..errors import ProblemList
from ..kind import FileKind, MenuEntry, Page
from ..references import check_reference
from ..shapes import Item, Shape, identifier, paragraphs, text, unique, with_languages
from .sources import SOURCES, SourceId
from .themes import THEMES, ThemeId

if TYPE_CHECKING:
    from ..guide import Guide

RULE_ID = re.compile(r"R\d{2,4}")
INDEX_PATH = "rules/"

RuleId = identifier(RULE_ID, "R07", "rule")
Title = text(70, "imperative, at most 70 characters")
Statement = text(170, "one sentence; it is the page's meta description")
Why = paragraphs(1500, "why the rule matters, in paragraphs separated by a blank line")
Step = text(300, "one step")
Example = text(800, "a short example")
ViewOfSource = text(800, "what this source says on the disputed point")
Applies = text(400, "when this view is the one to follow")


class RuleText(Shape):
    title: Title
    statement: Statement
    why: Why
    how: Annotated[tuple[Step, ...], Field(min_length=2, max_length=8, description="2 to 8 steps")]
    example: Example | None = None


class ViewText(Shape):
    view: ViewOfSource
    applies: Applies


class View(Shape):
    """One source's position on a point where the sources disagree."""

    source: SourceId


class Rule(Item):
    """One piece of guidance."""

    id: RuleId
    theme: ThemeId
    sources: Annotated[tuple[SourceId, ...], Field(min_length=1, description="the documents the rule comes from"),
                       AfterValidator(unique("source"))]
    related: Annotated[tuple[RuleId, ...], AfterValidator(unique("rule"))] = ()
    views: tuple[View, ...] = Field(default=(), description="where the sources disagree: one view per source")


_SKELETON_TEXTS = """\
title: ""  # imperative, at most 70 characters
statement: ""  # one sentence, at most 170 characters
why: ""
how:
  - ""
  - ""
"""


def rule_order(rule: Rule) -> tuple[int, str]:
    return len(rule.id), rule.id


class RuleKind(FileKind[Rule]):
    name = "rule"
    section = "rules"
    id_pattern = RULE_ID
    id_example = "R07"
    page_dir = "rules"
    short_dir = "r"
    found_in = "a file in knowledge/rules/"

    def item_model(self, languages: tuple[str, ...]) -> type[Rule]:
        view = with_languages(View, ViewText, languages, "the view and when it applies")
        return with_languages(Rule, RuleText, languages, "the rule's texts", overrides=(("views", tuple[view, ...]),))

    def order(self, items: list[Rule]) -> list[Rule]:
        return sorted(items, key=rule_order)

    def next_free_id(self, guide: Guide) -> str:
        """The next rule code never used: codes of retired rules are not given again."""
        used = {rule.id for rule in self.all(guide)} | set(guide.registry.published.get(self.section, ()))
        used |= set(guide.registry.retired.get(self.section, {}))
        return f"R{max((int(rule_id[1:]) for rule_id in used), default=0) + 1:02d}"

    def skeleton(self, rule_id: str, theme: str, languages: tuple[str, ...]) -> str:
        """A new rule's file, every key present and every text still to write."""
        texts = "".join(f"{language}:\n" + "".join(f"  {line}\n" for line in _SKELETON_TEXTS.splitlines())
                        for language in languages)
        return (f"# yaml-language-server: $schema=../schemas/{self.name}.schema.json\n"
                f"id: {rule_id}\ntheme: {theme}\n"
                "sources: []  # the documents the rule comes from: ids in knowledge/sources.yml\n"
                "related: []  # rule codes, e.g. [R12, R20]\n" + texts)

    def check(self, guide: Guide, problems: ProblemList) -> None:
        for rule in self.all(guide):
            check_reference(guide, problems, rule, ("theme",), THEMES, rule.theme)
            for index, source in enumerate(rule.sources):
                check_reference(guide, problems, rule, ("sources", index), SOURCES, source)
            for index, view in enumerate(rule.views):
                if view.source not in rule.sources:
                    rule.report(problems, ("views", index, "source"),
                                f"the view cites '{view.source}', which is not among the rule's sources",
                                f"add {view.source} to sources")
            for index, related in enumerate(rule.related):
                if related == rule.id:
                    rule.report(problems, ("related", index), "a rule cannot be related to itself",
                                f"remove {rule.id}")
                else:
                    check_reference(guide, problems, rule, ("related", index), self, related)

    def pages(self, guide: Guide) -> list[Page]:
        rules = self.all(guide)
        index = Page(INDEX_PATH, "rule_index.html",
                     {lang: guide.ui[lang]["index_title"] for lang in guide.languages},
                     {lang: guide.ui[lang]["index_description"] for lang in guide.languages},
                     lambda language: {"rules": rules, "themes": THEMES.all(guide)}, in_menu=True)
        return [index, *(
            Page(self.item_path(rule.id), "rule.html",
                 {lang: f"{rule.id} · {text.title}" for lang, text in rule.texts.items()},
                 {lang: text.statement for lang, text in rule.texts.items()},
                 lambda language, rule=rule: {"rule": rule},
                 short_path=self.short_path(rule.id))
            for rule in rules
        )]

    def menu(self, guide: Guide) -> list[MenuEntry]:
        return [MenuEntry(20, (INDEX_PATH,))]

    def export(self, guide: Guide, urls: Callable[[str], dict[str, str]]) -> list[dict[str, Any]]:
        return [
            {
                "id": rule.id,
                "theme": rule.theme,
                "sources": list(rule.sources),
                "related": list(rule.related),
                "title": {lang: text.title for lang, text in rule.texts.items()},
                "statement": {lang: text.statement for lang, text in rule.texts.items()},
                "url": urls(self.item_path(rule.id)),
                "short_url": urls(f"{self.short_dir}/{rule.id}/"),
            }
            for rule in self.all(guide)
        ]


RULES = RuleKind()
