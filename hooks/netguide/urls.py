"""The site's URL scheme, in one place: page paths, short links and their relations.

Paths are relative to a language's root ('' for the default language, 'en/' for English)
and end with '/', as MkDocs writes them with use_directory_urls.
"""

from __future__ import annotations

import posixpath

PAGE_DIRS = {"rule": "rules", "theme": "themes", "checklist": "checklists", "flow": "flows"}
# Short links people can type and print: /r/R07/, /c/<checklist>/, /d/<flow (decision)>/.
SHORT_DIRS = {"rule": "r", "checklist": "c", "flow": "d"}


def language_root(language: str, default_language: str) -> str:
    return "" if language == default_language else f"{language}/"


def page_path(kind: str, item_id: str) -> str:
    return f"{PAGE_DIRS[kind]}/{item_id}/"


def short_path(kind: str, item_id: str) -> str:
    return f"{SHORT_DIRS[kind]}/{item_id}/"


def relative(from_path: str, to_path: str) -> str:
    """A link from one page of a language to another of the same language."""
    start = posixpath.dirname(from_path.rstrip("/") + "/index.html") if from_path else "."
    target = posixpath.relpath(to_path or ".", start or ".")
    if target == ".":
        return "./"
    return target + "/" if to_path == "" or to_path.endswith("/") else target


def absolute(site_url: str, language: str, default_language: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + language_root(language, default_language) + path
