"""One search index per language instead of one holding both.

Material downloads the search index on every page load. mkdocs-static-i18n merges every
language into the one file at /search/search_index.json, so a reader downloaded the other
language's index too and got results in both languages. After the build, the merged file
is split: /search/search_index.json keeps the default language, /<lang>/search/ each other
one, with its locations made relative to that language's root (overrides/main.html points
each page's search at its language's root). Each index names its language alone, so the
search worker loads that language's stemmer only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

INDEX_PATH = "search/search_index.json"
# Templates mark what search must leave out (a flow's printed key, the anchors of results that
# have pages of their own) with the engine-neutral attribute; Material's search reads its own.
IGNORE_ATTRIBUTE = " data-search-ignore"


def mark_for_search(html: str) -> str:
    """A generated page's HTML with the elements search must ignore marked for Material's search."""
    return html.replace(IGNORE_ATTRIBUTE, f"{IGNORE_ATTRIBUTE} data-search-exclude")


def split_index(index: dict[str, Any], languages: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """The merged index -> {language root ('' or 'en/'): that language's index}."""
    default = languages[0]
    roots = {language: "" if language == default else f"{language}/" for language in languages}
    docs: dict[str, list[dict[str, Any]]] = {root: [] for root in roots.values()}
    for doc in index["docs"]:
        root = next((r for r in roots.values() if r and doc["location"].startswith(r)), "")
        docs[root].append({**doc, "location": doc["location"].removeprefix(root)})
    return {
        root: {**index, "config": {**index["config"], "lang": [language]}, "docs": docs[root]}
        for language, root in roots.items()
    }


def write_language_indexes(site_dir: Path, languages: tuple[str, ...]) -> int:
    merged = site_dir / INDEX_PATH
    if not merged.is_file():
        return 0
    parts = split_index(json.loads(merged.read_text(encoding="utf-8")), languages)
    for root, index in parts.items():
        path = site_dir / root / INDEX_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(parts)
