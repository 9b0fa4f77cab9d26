"""Printable checklists as plain, immutable objects (see checklists.py for how they are published)."""

from __future__ import annotations

from dataclasses import dataclass

# How a checklist is meant to be used, after the two kinds of checklist aviation made common:
# read each item then act on it, or act from memory then stop and confirm every item.
MODES = ("read-do", "do-confirm")
MIN_ITEMS = 5
MAX_ITEMS = 9


@dataclass(frozen=True)
class ChecklistText:
    title: str
    when: str  # when to take the checklist out; also the page's meta description


@dataclass(frozen=True)
class ChecklistItem:
    rule: str  # the rule the item puts into practice; its code is printed beside the item
    texts: dict[str, str]


@dataclass(frozen=True)
class ChecklistSection:
    """A run of items, with a heading (e.g. "Every week") or, in a one-section checklist, none."""

    headings: dict[str, str]  # empty when the section has no heading
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Checklist:
    id: str
    order: int
    mode: str
    texts: dict[str, ChecklistText]
    sections: tuple[ChecklistSection, ...]
    file: str

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for section in self.sections for item in section.items)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(item.rule for item in self.items)
