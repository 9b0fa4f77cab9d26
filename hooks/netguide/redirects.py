"""Short links and the links of retired IDs, written as static redirect pages.

A redirect page works without JavaScript (meta refresh) and, with it, keeps the ?query and
#fragment of the address it was opened with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .guide import Guide
from .kind import Kind, Page


@dataclass(frozen=True)
class Redirect:
    from_path: str  # relative to the language root, ends with '/'
    to_path: str


def redirects(guide: Guide, pages: Sequence[Page], kinds: Sequence[Kind[Any]]) -> list[Redirect]:
    found = [Redirect(page.short_path, page.path) for page in pages if page.short_path]
    for kind in kinds:
        for old_id, new_id in guide.registry.retired.get(kind.section, {}).items():
            if kind.short_dir:
                found.append(Redirect(kind.short_path(old_id) or "", kind.item_path(new_id)))
            if kind.page_dir:
                found.append(Redirect(kind.item_path(old_id), kind.item_path(new_id)))
    return found


def relative_target(from_path: str, to_path: str) -> str:
    """The link from a redirect page to its target, relative so that it works under any host."""
    depth = from_path.rstrip("/").count("/") + 1
    return "../" * depth + to_path
