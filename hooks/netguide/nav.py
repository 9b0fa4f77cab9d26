"""The site navigation, derived from the data so a new theme needs no edit elsewhere.

Rules are reached through their theme and the index, not listed in the navigation:
a navigation of every page makes each page's HTML grow with the size of the guide.
"""

from __future__ import annotations

from typing import Any

from .model import Guide


def navigation(guide: Guide, language: str) -> list[Any]:
    ui = guide.ui[language]
    nav: list[Any] = [
        "index.md",
        {ui["themes"]: [f"themes/{theme.id}.md" for theme in guide.themes]},
        "rules/index.md",
    ]
    if guide.flows:
        nav.append({ui["nav_flows"]: ["flows/index.md", *(f"flows/{flow.id}.md" for flow in guide.flows)]})
    if guide.checklists:
        nav.append({ui["nav_checklists"]: ["checklists/index.md",
                                           *(f"checklists/{item.id}.md" for item in guide.checklists),
                                           "checklists/print/index.md"]})
    return [*nav, "coaches.md", "sources/index.md"]
