"""Every kind of item the guide knows, in the order they are read (a kind reads after those it cites).

Adding a kind: write its module here (shape, checks, pages, export), add it to KINDS, give it
templates in overrides/guide/, interface strings in knowledge/ui/, its data in knowledge/ and
its section in knowledge/registry.yml. Nothing else names a kind.
"""

from __future__ import annotations

from typing import Any

from ..kind import Kind
from .checklists import CHECKLISTS
from .flows import FLOWS, OUTCOMES
from .handouts import HandoutKind
from .rules import RULES
from .sources import SOURCES
from .themes import THEMES

_ITEMS: tuple[Kind[Any], ...] = (SOURCES, THEMES, RULES, CHECKLISTS, FLOWS, OUTCOMES)
# A handout holds items of the kinds above that say how (Kind.handout_key, Kind.handout_card).
HANDOUTS = HandoutKind(_ITEMS)
KINDS: tuple[Kind[Any], ...] = (*_ITEMS, HANDOUTS)

BY_NAME: dict[str, Kind[Any]] = {kind.name: kind for kind in KINDS}
