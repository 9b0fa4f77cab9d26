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
    """Short links, the links of retired IDs, then the other spellings of both (Kind.short_aliases)."""
    found = [Redirect(page.short_path, page.path) for page in pages if page.short_path]
    for kind in kinds:
        for old_id, new_id in guide.registry.retired.get(kind.section, {}).items():
            if kind.short_dir:
                found.append(Redirect(kind.short_path(old_id) or "", kind.item_path(new_id)))
            if kind.page_dir:
                found.append(Redirect(kind.item_path(old_id), kind.item_path(new_id)))
    return found + _aliases(guide, kinds, found, {page.path for page in pages})


def _aliases(guide: Guide, kinds: Sequence[Kind[Any]], found: list[Redirect], page_paths: set[str]) -> list[Redirect]:
    """Each short link's other spellings; an address that is already a page or a link is never taken over."""
    targets = {redirect.from_path: redirect.to_path for redirect in found}
    taken = page_paths | set(targets)
    aliases = []
    for kind in kinds:
        if not kind.short_dir:
            continue
        ids = [item.id for item in kind.all(guide)] + list(guide.registry.retired.get(kind.section, {}))
        for item_id in ids:
            target = targets.get(kind.short_path(item_id) or "")
            if target is None:
                continue
            for alias in kind.short_aliases(item_id):
                path = f"{kind.short_dir}/{alias}/"
                if path not in taken:
                    taken.add(path)
                    aliases.append(Redirect(path, target))
    return aliases


def relative_target(from_path: str, to_path: str) -> str:
    """The link from a redirect page to its target, relative so that it works under any host."""
    depth = from_path.rstrip("/").count("/") + 1
    return "../" * depth + to_path
