"""The machine-readable export /api/guide.json that other tools and coaches' materials rely on."""

from __future__ import annotations

from typing import Any

from . import checklists, flows
from .model import Guide
from .urls import absolute, page_path, short_path

EXPORT_PATH = "api/guide.json"
FORMAT_VERSION = 1


def guide_export(guide: Guide, site_url: str) -> dict[str, Any]:
    languages = guide.languages
    default = guide.default_language

    def urls(path: str) -> dict[str, str]:
        return {language: absolute(site_url, language, default, path) for language in languages}

    return {
        "format": FORMAT_VERSION,
        "edition": guide.edition,
        "languages": list(languages),
        "default_language": default,
        "themes": [
            {"id": theme.id, "title": {lang: theme.texts[lang].title for lang in languages},
             "url": urls(page_path("theme", theme.id))}
            for theme in guide.themes
        ],
        "rules": [
            {
                "id": rule.id,
                "theme": rule.theme,
                "sources": list(rule.sources),
                "related": list(rule.related),
                "title": {lang: rule.texts[lang].title for lang in languages},
                "statement": {lang: rule.texts[lang].statement for lang in languages},
                "url": urls(page_path("rule", rule.id)),
                "short_url": urls(short_path("rule", rule.id)),
            }
            for rule in guide.rules
        ],
        "checklists": checklists.export(guide, urls),
        "flows": flows.export(guide, urls),
        "retired": {kind: dict(ids) for kind, ids in guide.registry.retired.items() if ids},
        "sources": [
            {"id": source.id, "title": source.title, "file": source.file,
             "url": {lang: url + f"#{source.id}" for lang, url in urls("sources/").items()}}
            for source in guide.sources
        ],
    }
