"""Rules: one piece of guidance each, in knowledge/rules/<ID>.yml.

A rule has a page (rules/<ID>/) and a short link (r/<ID>/) in every language, and is
listed on its theme's page, the rule index and the sources page.

Trust is the point of a rule: it says separately what the sources say (``claims``, each from
one source document, in the guide's own words) and what the guide adds on top; every step of
``how`` names its origin, a source the rule cites or ``guide``; the example is always the
guide's. The sources a rule cites are those of its claims and views.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from ..errors import ProblemList
from ..export import Exported, PerLanguage
from ..guide import Guide
from ..kind import SLUG_ID, FileKind, HandoutCard, MenuEntry, Page
from ..references import check_reference
from ..shapes import Item, Shape, identifier, paragraphs, text, unique, with_languages
from .sources import SOURCES, SourceId
from .themes import THEMES, ThemeId

RULE_ID = re.compile(r"R\d{2,4}")
INDEX_PATH = "rules/"

GUIDE_ORIGIN = "guide"  # a step the guide suggests, which no source gives
RuleId = identifier(RULE_ID, "R07", "rule")
StepOrigin = identifier(SLUG_ID, f"luthy' or '{GUIDE_ORIGIN}", "source")
TITLE_MAX = 70  # printed beside each checklist item that applies the rule
Title = text(TITLE_MAX, f"imperative, at most {TITLE_MAX} characters")
Statement = text(170, "one sentence; it is the page's meta description")
Why = paragraphs(1200, "why the rule matters, in the guide's words; no fact the claims do not support")
ClaimText = text(400, "what one source says, in the guide's own words: a paraphrase, never a quotation")
StepText = text(250, "one step")
Example = text(600, "an example made up by the guide; the page says so")
ViewOfSource = text(600, "what this source says on the disputed point")
Applies = text(300, "when this view is the one to follow")
MAX_CLAIMS = 6


class RuleText(Shape):
    title: Title
    statement: Statement
    why: Why
    example: Example | None = None


class Claim(Shape):
    """What one source says, in the guide's own words."""

    source: SourceId


class Step(Shape):
    """One step of how to apply the rule, and where it comes from."""

    origin: StepOrigin = Field(description="the ID of the source that advises this step, or 'guide' for the "
                                           "guide's own suggestion (any step, figure or habit no source gives)")


class ViewText(Shape):
    view: ViewOfSource
    applies: Applies


class View(Shape):
    """One source's position on a point where the sources disagree."""

    source: SourceId


class Rule(Item):
    """One piece of guidance: what the sources say, and what the guide suggests on top."""

    id: RuleId
    theme: ThemeId
    related: Annotated[tuple[RuleId, ...], AfterValidator(unique("rule"))] = ()
    claims: tuple[Claim, ...] = Field(min_length=1, max_length=MAX_CLAIMS, description=(
        f"what the sources say: 1 to {MAX_CLAIMS} points, each from one source, in the guide's own words"))
    how: tuple[Step, ...] = Field(min_length=2, max_length=8, description="2 to 8 steps, each with its origin")
    views: tuple[View, ...] = Field(default=(), description="where the sources disagree: one view per source")

    @property
    def sources(self) -> tuple[str, ...]:
        """The documents the rule cites: those of its claims, then of its views."""
        return tuple(dict.fromkeys([*(claim.source for claim in self.claims), *(view.source for view in self.views)]))


_SKELETON_TEXTS = """\
title: ""  # imperative, at most 70 characters
statement: ""  # one sentence, at most 170 characters
why: ""  # why it matters, in the guide's words: nothing the claims do not support
"""


class ExportedClaim(Exported):
    source: str
    text: PerLanguage


class ExportedStep(Exported):
    text: PerLanguage
    origin: str = Field(description="the ID of the source the step comes from, or 'guide' for the guide's suggestion")


class ExportedView(Exported):
    source: str
    view: PerLanguage
    applies: PerLanguage = Field(description="when this view is the one to follow")


class ExportedRule(Exported):
    """The rules: what the sources say (claims), and what the guide suggests on top (steps marked 'guide')."""

    id: str
    theme: str
    sources: list[str] = Field(description="the documents the rule cites (those of its claims and views)")
    related: list[str]
    title: PerLanguage
    statement: PerLanguage
    claims: list[ExportedClaim] = Field(description="what the sources say, each point from one source")
    why: PerLanguage = Field(description="the guide's explanation; paragraphs separated by a blank line")
    how: list[ExportedStep]
    example: PerLanguage | None = Field(description="an example made up by the guide, if the rule has one")
    views: list[ExportedView] = Field(description="where the sources disagree: each source's view")
    url: PerLanguage
    short_url: PerLanguage


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
    export_model = ExportedRule
    handout_key = "r"

    def item_model(self, languages: tuple[str, ...]) -> type[Rule]:
        claim = with_languages(Claim, ClaimText, languages, "the claim")
        step = with_languages(Step, StepText, languages, "the step")
        view = with_languages(View, ViewText, languages, "the view and when it applies")
        return with_languages(Rule, RuleText, languages, "the rule's texts", overrides=(
            ("claims", tuple[claim, ...]), ("how", tuple[step, ...]), ("views", tuple[view, ...])))

    def order(self, items: list[Rule]) -> list[Rule]:
        return sorted(items, key=rule_order)

    def short_aliases(self, item_id: str) -> tuple[str, ...]:
        """What people type for R07: r07, R7 and r7 (R12: r12). Static hosts tell the cases apart."""
        number = item_id[1:].lstrip("0") or "0"
        return tuple(sorted({item_id.lower(), f"R{number}", f"r{number}"} - {item_id}))

    def next_free_id(self, guide: Guide) -> str:
        """The next rule code never used: codes of retired rules are not given again."""
        used = {rule.id for rule in self.all(guide)} | set(guide.registry.published.get(self.section, ()))
        used |= set(guide.registry.retired.get(self.section, {}))
        return f"R{max((int(rule_id[1:]) for rule_id in used), default=0) + 1:02d}"

    def skeleton(self, rule_id: str, theme: str, languages: tuple[str, ...]) -> str:
        """A new rule's file, every key present and every text still to write."""
        def part(first: str) -> str:
            return f"  - {first}\n" + "".join(f'    {language}: ""\n' for language in languages)

        texts = "".join(f"{language}:\n" + "".join(f"  {line}\n" for line in _SKELETON_TEXTS.splitlines())
                        for language in languages)
        empty_source = 'source: ""'
        return (f"# yaml-language-server: $schema=../schemas/{self.name}.schema.json\n"
                f"id: {rule_id}\ntheme: {theme}\n"
                "related: []  # rule codes, e.g. [R12, R20]\n"
                f"# What the sources say: 1 to {MAX_CLAIMS} points, each from one source (an id in "
                "knowledge/sources.yml), in your own words.\n"
                f"claims:\n{part(empty_source)}"
                "# How to apply the rule: 2 to 8 steps; origin: the source that advises the step, "
                f"or {GUIDE_ORIGIN}.\n"
                f"how:\n{part(f'origin: {GUIDE_ORIGIN}')}{part(f'origin: {GUIDE_ORIGIN}')}" + texts)

    def check(self, guide: Guide, problems: ProblemList) -> None:
        for rule in self.all(guide):
            check_reference(guide, problems, rule, ("theme",), THEMES, rule.theme)
            for index, claim in enumerate(rule.claims):
                check_reference(guide, problems, rule, ("claims", index, "source"), SOURCES, claim.source)
            for index, view in enumerate(rule.views):
                check_reference(guide, problems, rule, ("views", index, "source"), SOURCES, view.source)
            if rule.views and len({view.source for view in rule.views}) < 2:
                rule.report(problems, ("views",), "a disagreement needs the views of at least two sources",
                            "add the view of another source, or turn the view into a claim")
            for index, step in enumerate(rule.how):
                if step.origin != GUIDE_ORIGIN and step.origin not in rule.sources:
                    rule.report(problems, ("how", index, "origin"),
                                f"the step comes from '{step.origin}', which no claim or view of this rule cites",
                                f"add what {step.origin} says as a claim, or set origin: {GUIDE_ORIGIN} if the "
                                "step is the guide's own suggestion")
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
        # Each rule leads to the one before and after it on its theme's page.
        of_theme: dict[str, list[Rule]] = {}
        for rule in rules:
            of_theme.setdefault(rule.theme, []).append(rule)
        neighbours = {rule.id: (siblings[position - 1] if position else None,
                                siblings[position + 1] if position + 1 < len(siblings) else None)
                      for siblings in of_theme.values() for position, rule in enumerate(siblings)}
        return [index, *(
            Page(self.item_path(rule.id), "rule.html",
                 {lang: f"{rule.id} · {text.title}" for lang, text in rule.texts.items()},
                 {lang: text.statement for lang, text in rule.texts.items()},
                 lambda language, rule=rule: {"rule": rule, "previous": neighbours[rule.id][0],
                                              "next": neighbours[rule.id][1]},
                 short_path=self.short_path(rule.id))
            for rule in rules
        )]

    def menu(self, guide: Guide) -> list[MenuEntry]:
        return [MenuEntry(20, (INDEX_PATH,))]

    def handout_card(self, guide: Guide, item: Rule, language: str) -> HandoutCard:
        text = item.texts[language]
        return HandoutCard(title=text.title, text=text.statement, code=item.id)

    def export(self, guide: Guide, urls: Callable[[str], dict[str, str]]) -> list[dict[str, Any]]:
        return [
            {
                "id": rule.id,
                "theme": rule.theme,
                "sources": list(rule.sources),
                "related": list(rule.related),
                "title": {lang: text.title for lang, text in rule.texts.items()},
                "statement": {lang: text.statement for lang, text in rule.texts.items()},
                "claims": [{"source": claim.source, "text": dict(claim.texts)} for claim in rule.claims],
                "why": {lang: "\n\n".join(text.why) for lang, text in rule.texts.items()},
                "how": [{"text": dict(step.texts), "origin": step.origin} for step in rule.how],
                "example": ({lang: text.example for lang, text in rule.texts.items()}
                            if any(text.example for text in rule.texts.values()) else None),
                "views": [{"source": view.source, "view": {lang: text.view for lang, text in view.texts.items()},
                           "applies": {lang: text.applies for lang, text in view.texts.items()}}
                          for view in rule.views],
                "url": urls(self.item_path(rule.id)),
                "short_url": urls(f"{self.short_dir}/{rule.id}/"),
            }
            for rule in self.all(guide)
        ]


RULES = RuleKind()
