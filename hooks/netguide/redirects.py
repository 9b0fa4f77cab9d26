"""Short links and the links of retired IDs, written as static redirect pages.

A redirect page works without JavaScript (meta refresh) and, with it, keeps the
#fragment of the address it was opened with.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Guide
from .registry import SINGULAR
from .urls import PAGE_DIRS, SHORT_DIRS, page_path, short_path


@dataclass(frozen=True)
class Redirect:
    from_path: str  # relative to the language root, ends with '/'
    to_path: str


def redirects(guide: Guide) -> list[Redirect]:
    found = []
    for kind, ids in guide.ids_by_kind().items():
        what = SINGULAR[kind]
        if what in SHORT_DIRS:
            found += [Redirect(short_path(what, item_id), page_path(what, item_id)) for item_id in ids]
        for old_id, new_id in guide.registry.retired.get(kind, {}).items():
            if what in SHORT_DIRS:
                found.append(Redirect(short_path(what, old_id), page_path(what, new_id)))
            if what in PAGE_DIRS:
                found.append(Redirect(page_path(what, old_id), page_path(what, new_id)))
    return found
