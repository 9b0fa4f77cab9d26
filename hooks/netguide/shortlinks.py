"""The page of each short-link folder (/r/, /c/, /d/…): its short links and where each leads.

A reader or a coach who opens a folder of short links, or shortens a link by hand, gets the
list in their language instead of a directory listing or a refusal. One page per folder that a
kind declares (``Kind.short_dir``), listing every page whose short link is in it, whatever kind
the page belongs to, and the links of retired IDs that now lead elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .guide import Guide
from .kind import Kind, Page
from .urls import language_root

TEMPLATE = "short_links.html"
FOLDER_PLACEHOLDER = "{folder}"


def short_link_folders(kinds: Sequence[Kind[Any]]) -> list[str]:
    """The folders of short links, in the kinds' order, each once (several kinds may share one)."""
    return list(dict.fromkeys(kind.short_dir for kind in kinds if kind.short_dir))


def short_link_pages(guide: Guide, pages: Sequence[Page], kinds: Sequence[Kind[Any]]) -> list[Page]:
    by_path = {page.path: page for page in pages}
    result = []
    for folder in short_link_folders(kinds):
        links = [(page.short_path, page) for page in pages
                 if page.short_path and page.short_path.startswith(f"{folder}/")]
        retired = [(kind.short_path(old_id), by_path[kind.item_path(new_id)])
                   for kind in kinds if kind.short_dir == folder and kind.page_dir
                   for old_id, new_id in guide.registry.retired.get(kind.section, {}).items()
                   if kind.item_path(new_id) in by_path]
        if not links:
            continue

        def context(language: str, links: list[tuple[str, Page]] = links,
                    retired: list[tuple[str | None, Page]] = retired) -> dict[str, Any]:
            return {"links": [(short, page.path, page.titles[language]) for short, page in links],
                    "retired": [(short, page.path, page.titles[language]) for short, page in retired]}

        result.append(Page(
            f"{folder}/", TEMPLATE,
            {language: _with_folder(guide, language, "short_links_title", folder) for language in guide.languages},
            {language: _with_folder(guide, language, "short_links_description", folder)
             for language in guide.languages},
            context,
            in_search=False,
        ))
    return result


def _with_folder(guide: Guide, language: str, key: str, folder: str) -> str:
    """An interface string naming the folder as a reader of that language types it: /r/, /en/r/."""
    address = f"/{language_root(language, guide.default_language)}{folder}/"
    return guide.ui[language][key].replace(FOLDER_PLACEHOLDER, address)
