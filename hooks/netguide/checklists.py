"""Printable checklists: one YAML file per checklist in knowledge/checklists/.

Contract with the rest of the package (filled in by the checklists feature):
- load(root, problems, languages) -> tuple of Checklist, each with an ``id``
- check(guide, problems): cross-references (every item's rule exists)
- pages(guide) -> list of GeneratedPage (kinds starting with "checklist")
- title_and_description(guide, page, language) -> (title, description)
- template_context(guide, page, language) -> extra template variables
- export(guide, urls) -> list of dicts for /api/guide.json, urls(path) giving {lang: absolute URL}
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import ProblemList
from .model import Guide

TEMPLATES: dict[str, str] = {}
ASSETS: dict[str, tuple[str, ...]] = {}


def load(root: Path, problems: ProblemList, languages: tuple[str, ...]) -> tuple[Any, ...]:
    return ()


def check(guide: Guide, problems: ProblemList) -> None:
    return None


def pages(guide: Guide) -> list[Any]:
    return []


def title_and_description(guide: Guide, page: Any, language: str) -> tuple[str, str]:
    raise ValueError(page.kind)


def template_context(guide: Guide, page: Any, language: str) -> dict[str, Any]:
    return {}


def export(guide: Guide, urls: Callable[[str], dict[str, str]]) -> list[dict[str, Any]]:
    return []
