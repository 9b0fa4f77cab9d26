"""References from one item to another: the one place that says an ID is unknown."""

from __future__ import annotations

from typing import Any

from .errors import ProblemList, shown
from .guide import Guide
from .kind import Kind
from .shapes import Item


def check_reference(guide: Guide, problems: ProblemList, owner: Item, path: tuple[str | int, ...], kind: Kind[Any],
                    item_id: str) -> bool:
    """One reference from ``owner`` (at ``path`` in its file) to an item of ``kind``; False when it is broken.

    Every kind that cites another checks through here, so the message is the same everywhere
    and a retired ID always names its replacement.
    """
    if guide.find(kind.name, item_id) is not None:
        return True
    replacement = guide.registry.replacement(kind.section, item_id)
    fix = (f"{item_id} is retired: cite {replacement}, which replaces it" if replacement
           else f"use the ID of an existing {kind.name} ({kind.found_in})")
    owner.report(problems, path, f"unknown {kind.name} '{shown(item_id)}'", fix)
    return False
