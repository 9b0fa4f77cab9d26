"""The machine-readable export /api/guide.json that other tools and coaches' materials rely on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .guide import Guide
from .kind import Kind
from .urls import absolute

EXPORT_PATH = "api/guide.json"
FORMAT_VERSION = 1


def guide_export(guide: Guide, site_url: str, kinds: Sequence[Kind[Any]]) -> dict[str, Any]:
    languages = guide.languages
    default = guide.default_language

    def urls(path: str) -> dict[str, str]:
        return {language: absolute(site_url, language, default, path) for language in languages}

    export: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "edition": guide.edition,
        "languages": list(languages),
        "default_language": default,
    }
    for kind in kinds:
        part = kind.export(guide, urls)
        if part is not None:
            export[kind.section] = part
    export["retired"] = {section: dict(ids) for section, ids in guide.registry.retired.items() if ids}
    return export
