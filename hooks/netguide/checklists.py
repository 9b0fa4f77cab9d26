"""Printable checklists: one YAML file per checklist in knowledge/checklists/.

Each checklist gets a page per language (checklists/<id>/, short link /c/<id>/) that prints
on one A4 page with a QR code back to itself; an index page lists them and a print page
puts every checklist on its own sheet.

Contract with the rest of the package:
- load(root, problems, languages) -> tuple of Checklist, each with an ``id``
- check(guide, problems): cross-references (every item's rule exists)
- pages(guide) -> list of GeneratedPage (kinds starting with "checklist")
- title_and_description(guide, page, language) -> (title, description)
- template_context(guide, page, language) -> extra template variables
- export(guide, urls) -> list of dicts for /api/guide.json, urls(path) giving {lang: absolute URL}
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .checklist_load import check_checklists, load_checklists
from .checklist_model import Checklist, ChecklistItem
from .checklist_qr import qr_svg
from .errors import ProblemList
from .model import Guide
from .urls import page_path, short_path

INDEX_PATH = "checklists/"
PRINT_PATH = "checklists/print/"  # checklist_load.RESERVED_IDS keeps checklist IDs off this address

TEMPLATES: dict[str, str] = {
    "checklist": "checklist.html",
    "checklist-index": "checklist_index.html",
    "checklist-print": "checklist_print.html",
}
ASSETS: dict[str, tuple[str, ...]] = {
    "checklist": ("css/checklist.css", "js/checklist.js"),
    "checklist-index": ("css/checklist.css",),
    "checklist-print": ("css/checklist.css", "js/checklist.js"),
}


def load(root: Path, problems: ProblemList, languages: tuple[str, ...]) -> tuple[Checklist, ...]:
    return load_checklists(root, problems, languages)


def check(guide: Guide, problems: ProblemList) -> None:
    check_checklists(guide, problems)


def pages(guide: Guide) -> list[Any]:
    # Imported here: netguide.pages imports this module to list every generated page.
    from .pages import GeneratedPage

    if not guide.checklists:
        return []
    return [
        GeneratedPage("checklist-index", None, INDEX_PATH),
        *(GeneratedPage("checklist", checklist.id, page_path("checklist", checklist.id))
          for checklist in guide.checklists),
        GeneratedPage("checklist-print", None, PRINT_PATH),
    ]


def checklist(guide: Guide, checklist_id: str) -> Checklist:
    return next(item for item in guide.checklists if item.id == checklist_id)


def title_and_description(guide: Guide, page: Any, language: str) -> tuple[str, str]:
    ui = guide.ui[language]
    if page.kind == "checklist":
        text = checklist(guide, page.item_id).texts[language]
        return text.title, text.when
    if page.kind == "checklist-index":
        return ui["checklist_index_title"], ui["checklist_index_description"]
    if page.kind == "checklist-print":
        return ui["checklist_print_title"], ui["checklist_print_description"]
    raise ValueError(page.kind)


def template_context(guide: Guide, page: Any, language: str) -> dict[str, Any]:
    context: dict[str, Any] = {"checklists": guide.checklists, "qr_svg": qr_svg, "print_path": PRINT_PATH,
                               "index_path": INDEX_PATH}
    if page.kind == "checklist":
        context["checklist"] = checklist(guide, page.item_id)
    return context


def export(guide: Guide, urls: Callable[[str], dict[str, str]]) -> list[dict[str, Any]]:
    languages = guide.languages
    return [
        {
            "id": item.id,
            "mode": item.mode,
            "title": {lang: item.texts[lang].title for lang in languages},
            "when": {lang: item.texts[lang].when for lang in languages},
            "url": urls(page_path("checklist", item.id)),
            "short_url": urls(short_path("checklist", item.id)),
            "rules": list(item.rule_ids),
            "items": [_export_item(entry, section.headings, languages)
                      for section in item.sections for entry in section.items],
        }
        for item in guide.checklists
    ]


def _export_item(item: ChecklistItem, headings: dict[str, str], languages: tuple[str, ...]) -> dict[str, Any]:
    exported: dict[str, Any] = {"rule": item.rule, "text": {lang: item.texts[lang] for lang in languages}}
    if headings:
        exported["section"] = {lang: headings[lang] for lang in languages}
    return exported
