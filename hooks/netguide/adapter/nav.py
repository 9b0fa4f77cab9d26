"""The site navigation, laid from the kinds' menu entries and the hand-written pages.

Pages that are not in the menu (a rule, reached through its theme and the index) are kept out
of the navigation: a navigation of every page makes each page's HTML grow with the guide.
"""

from __future__ import annotations

from typing import Any

from ..kind import MenuEntry
from ..render import escaped_text
from .stubs import doc_stem

# The hand-written pages of docs/ and their place among the kinds' entries.
HAND_WRITTEN = (MenuEntry(0, ("index.md",)), MenuEntry(80, ("coaches.md",)))


def _doc(path: str) -> str:
    return path if path.endswith(".md") else f"{doc_stem(path)}.md"


def navigation(entries: list[MenuEntry], language: str) -> list[Any]:
    nav: list[Any] = []
    for entry in sorted([*HAND_WRITTEN, *entries], key=lambda entry: entry.position):
        docs = [_doc(path) for path in entry.paths]
        if entry.headings is None:
            nav.extend(docs)
        else:
            # Material prints navigation titles as they are: escape the interface string once, here.
            nav.append({escaped_text(entry.headings[language]): docs})
    return nav
