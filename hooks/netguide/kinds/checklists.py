"""Printable checklists: one YAML file per checklist in knowledge/checklists/.

Each checklist gets a page per language (checklists/<id>/, short link c/<id>/) that prints
on one A4 page with a QR code back to itself; an index page lists them and a print page
puts every checklist on its own sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..errors import ProblemList
from ..export import Exported, PerLanguage
from ..guide import Guide
from ..kind import SITE_PAGE_NAMES, SLUG_ID, FileKind, HandoutCard, Knowledge, MenuEntry, Page
from ..qr import qr_svg
from ..references import check_reference
from ..shapes import Item, Shape, identifier, text, with_languages
from .rules import RULES, RuleId

INDEX_PATH = "checklists/"
PRINT_PATH = "checklists/print/"
INDEX_ASSETS = ("css/checklist.css",)
# The printed sheet's styles (shared with handouts), the checklists' own, their script.
ASSETS = ("css/sheet.css", *INDEX_ASSETS, "js/checklist.js")
# How a checklist is meant to be used, after the two kinds of checklist aviation made common:
# read each item then act on it, or act from memory then stop and confirm every item.
MODES = ("read-do", "do-confirm")
MIN_ITEMS = 5
MAX_ITEMS = 9
# Limits that keep every checklist on one printed A4 page, in the longer of the two languages.
TITLE_MAX = 60
WHEN_MAX = 200
HEADING_MAX = 40
ITEM_MAX = 140

ChecklistId = identifier(SLUG_ID, "avant-inviter", "checklist")
ChecklistTitle = text(TITLE_MAX, "the checklist's name")
When = text(WHEN_MAX, "when to take the checklist out; also the page's meta description")
ItemText = text(ITEM_MAX, "what to check, in one line of the printed sheet")
Heading = text(HEADING_MAX, "the heading of a run of items, e.g. 'Every week'")


class ChecklistText(Shape):
    title: ChecklistTitle
    when: When


class ChecklistItem(Shape):
    """One check, tied to the rule it puts into practice (its code is printed beside it)."""

    rule: RuleId


class ChecklistSection(Shape):
    """A run of items under a heading (e.g. "Every week")."""

    items: Annotated[tuple[ChecklistItem, ...], Field(min_length=1)]


class Checklist(Item):
    """A checklist for one pause point."""

    id: ChecklistId
    order: Annotated[int, Field(ge=1, strict=True, description="position on the index: 1 for the first")]
    mode: Literal["read-do", "do-confirm"] = Field(
        description="read-do: read each item, then do it; do-confirm: do the task, then confirm each item")
    items: tuple[ChecklistItem, ...] | None = Field(default=None, description=f"{MIN_ITEMS} to {MAX_ITEMS} items")
    sections: tuple[ChecklistSection, ...] | None = Field(
        default=None, description="instead of items: sections, each with a heading per language and its items")

    @model_validator(mode="after")
    def _items_or_sections(self) -> Checklist:
        if self.items is not None and self.sections is not None:
            raise PydanticCustomError("guide", "{problem}", {
                "problem": "the checklist has both 'items' and 'sections'",
                "fix": "keep one: 'items' for a plain list, or 'sections' whose each section holds its items"})
        if self.items is None and self.sections is None:
            raise PydanticCustomError("guide", "{problem}", {
                "problem": "the checklist has no items",
                "fix": f"list {MIN_ITEMS} to {MAX_ITEMS} items under 'items:'"})
        return self

    @property
    def parts(self) -> tuple[tuple[ChecklistSection | None, tuple[ChecklistItem, ...]], ...]:
        """(section or None, its items): one headless part for a plain list."""
        if self.sections is not None:
            return tuple((section, section.items) for section in self.sections)
        return ((None, self.items or ()),)

    @property
    def all_items(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for _, items in self.parts for item in items)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(item.rule for item in self.all_items)

    def item_path(self, part: int, index: int) -> tuple[str | int, ...]:
        """Where an item is in the file, for messages."""
        return ("sections", part, "items", index) if self.sections is not None else ("items", index)


class ExportedChecklistItem(Exported):
    rule: str = Field(description="the rule the item puts into practice")
    text: PerLanguage
    section: PerLanguage | None = Field(default=None, description="the heading of the item's section, if any")


class ExportedChecklist(Exported):
    """The printable checklists, one per pause point."""

    id: str
    mode: Literal["read-do", "do-confirm"]
    title: PerLanguage
    when: PerLanguage
    url: PerLanguage
    short_url: PerLanguage
    rules: list[str]
    items: list[ExportedChecklistItem]


class ChecklistKind(FileKind[Checklist]):
    name = "checklist"
    section = "checklists"
    page_dir = "checklists"
    short_dir = "c"
    id_example = "avant-inviter"
    reserved_ids = SITE_PAGE_NAMES  # checklists/index/ and checklists/print/ are the site's
    found_in = "a file in knowledge/checklists/"
    export_model = ExportedChecklist
    handout_key = "c"

    def item_model(self, languages: tuple[str, ...]) -> type[Checklist]:
        item = with_languages(ChecklistItem, ItemText, languages, "the item's text")
        section = with_languages(ChecklistSection, Heading, languages, "the section's heading",
                                 overrides=(("items", Annotated[tuple[item, ...], Field(min_length=1)]),))
        return with_languages(Checklist, ChecklistText, languages, "the checklist's title and when to use it",
                              overrides=(("items", tuple[item, ...] | None),
                                         ("sections", tuple[section, ...] | None)))

    def order(self, items: list[Checklist]) -> list[Checklist]:
        return sorted(items, key=lambda checklist: (checklist.order, checklist.id))

    def check_item(self, item: Checklist, knowledge: Knowledge) -> Checklist | None:
        problems = knowledge.problems
        count = len(item.all_items)
        if not MIN_ITEMS <= count <= MAX_ITEMS:
            item.report(problems, ("items",) if item.sections is None else ("sections",),
                        f"the checklist has {count} items, a checklist needs {MIN_ITEMS} to {MAX_ITEMS}",
                        "merge or remove items" if count > MAX_ITEMS else "add items, each tied to a rule")
        seen: set[str] = set()
        for part, (_, items) in enumerate(item.parts):
            for index, entry in enumerate(items):
                if entry.rule in seen:
                    item.report(problems, (*item.item_path(part, index), "rule"),
                                f"{entry.rule} is already cited by another item of this checklist",
                                "merge those items into one, or tie each to the rule it really applies")
                seen.add(entry.rule)
        return item

    def check(self, guide: Guide, problems: ProblemList) -> None:
        first_at: dict[int, Checklist] = {}
        for checklist in self.all(guide):
            for part, (_, items) in enumerate(checklist.parts):
                for index, entry in enumerate(items):
                    check_reference(guide, problems, checklist, (*checklist.item_path(part, index), "rule"), RULES,
                                    entry.rule)
            if checklist.order in first_at:
                checklist.report(problems, ("order",),
                                 f"order {checklist.order} is also used by {first_at[checklist.order].data_file}",
                                 "give each checklist its own position")
            else:
                first_at[checklist.order] = checklist

    def pages(self, guide: Guide) -> list[Page]:
        checklists = self.all(guide)
        if not checklists:
            return []
        ui = guide.ui
        languages = guide.languages
        shared = {"checklists": checklists, "qr_svg": qr_svg, "print_path": PRINT_PATH, "index_path": INDEX_PATH}
        return [
            Page(INDEX_PATH, "checklist_index.html", {lang: ui[lang]["checklist_index_title"] for lang in languages},
                 {lang: ui[lang]["checklist_index_description"] for lang in languages},
                 lambda language: shared, assets=INDEX_ASSETS, in_menu=True),
            *(Page(self.item_path(checklist.id), "checklist.html",
                   {lang: text.title for lang, text in checklist.texts.items()},
                   {lang: text.when for lang, text in checklist.texts.items()},
                   lambda language, checklist=checklist: {**shared, "checklist": checklist},
                   short_path=self.short_path(checklist.id), assets=ASSETS, in_menu=True)
              for checklist in checklists),
            # Every checklist again, for printing: search finds each on its own page.
            Page(PRINT_PATH, "checklist_print.html", {lang: ui[lang]["checklist_print_title"] for lang in languages},
                 {lang: ui[lang]["checklist_print_description"] for lang in languages},
                 lambda language: shared, assets=ASSETS, in_menu=True, in_search=False),
        ]

    def menu(self, guide: Guide) -> list[MenuEntry]:
        checklists = self.all(guide)
        if not checklists:
            return []
        paths = (INDEX_PATH, *(self.item_path(checklist.id) for checklist in checklists), PRINT_PATH)
        return [MenuEntry(40, paths, {lang: guide.ui[lang]["nav_checklists"] for lang in guide.languages})]

    def handout_card(self, guide: Guide, item: Checklist, language: str) -> HandoutCard:
        text = item.texts[language]
        return HandoutCard(title=text.title, text=text.when)

    def export(self, guide: Guide, urls: Callable[[str], dict[str, str]]) -> list[dict[str, Any]]:
        return [
            {
                "id": checklist.id,
                "mode": checklist.mode,
                "title": {lang: text.title for lang, text in checklist.texts.items()},
                "when": {lang: text.when for lang, text in checklist.texts.items()},
                "url": urls(self.item_path(checklist.id)),
                "short_url": urls(f"{self.short_dir}/{checklist.id}/"),
                "rules": list(checklist.rule_ids),
                "items": [_export_item(entry, section) for section, items in checklist.parts for entry in items],
            }
            for checklist in self.all(guide)
        ]


def _export_item(item: ChecklistItem, section: ChecklistSection | None) -> dict[str, Any]:
    exported: dict[str, Any] = {"rule": item.rule, "text": dict(item.texts)}  # type: ignore[attr-defined]
    if section is not None:
        exported["section"] = dict(section.texts)  # type: ignore[attr-defined]
    return exported


CHECKLISTS = ChecklistKind()
