"""The guide as a whole, once read and checked (netguide.load): every kind's items, the
interface strings, the edition and the registry of published IDs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Registry:
    """Every ID ever published, per kind (by section), and the retired ones with their replacement."""

    published: dict[str, tuple[str, ...]] = field(default_factory=dict)
    retired: dict[str, dict[str, str]] = field(default_factory=dict)
    lines: dict[tuple[str, ...], int] = field(default_factory=dict)

    def replacement(self, section: str, item_id: str) -> str | None:
        return self.retired.get(section, {}).get(item_id)


@dataclass(frozen=True)
class Guide:
    languages: tuple[str, ...]
    edition: str
    ui: Mapping[str, Mapping[str, str]]  # language -> interface string key -> text
    registry: Registry
    items: Mapping[str, tuple[Any, ...]]  # kind name -> its items, in site order
    _by_id: dict[str, dict[str, Any]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({kind: {item.id: item for item in items} for kind, items in self.items.items()})

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def of(self, kind: str) -> tuple[Any, ...]:
        return self.items.get(kind, ())

    def get(self, kind: str, item_id: str) -> Any:
        return self._by_id[kind][item_id]

    def find(self, kind: str, item_id: str) -> Any | None:
        return self._by_id.get(kind, {}).get(item_id)
