"""A page's table of contents, read from the headings of its final HTML.

MkDocs computes a page's table of contents from its Markdown, before the hooks give a generated
page its HTML (the stub's Markdown has no heading) and before French pages are typeset. Material
draws the contents column and the "skip to content" link (the first entry) from it, so every page
gets its table of contents again from what the reader will see: headings h1 to h3 that have an
id, in document order, each nested under the last heading of a higher level. A heading marked
data-toc="skip" stays out (a step of a decision flow is not a section of the page).
"""

from __future__ import annotations

import html
import re
from typing import Any

from mkdocs.structure.toc import TableOfContents, get_toc

_HEADING = re.compile(r"<h([1-3])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
_ID = re.compile(r'\bid="([^"]+)"')
_SKIP = re.compile(r'\bdata-toc="skip"')
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


def headings(markup: str) -> list[tuple[int, str, str]]:
    """(level, id, title as escaped text) of each heading that belongs in the table of contents."""
    found = []
    for match in _HEADING.finditer(markup):
        level, attributes, content = match.groups()
        anchor = _ID.search(attributes)
        if anchor is None or _SKIP.search(attributes):
            continue
        text = _SPACES.sub(" ", html.unescape(_TAG.sub("", content))).strip()
        found.append((int(level), html.unescape(anchor.group(1)), html.escape(text, quote=False)))
    return found


def table_of_contents(markup: str) -> TableOfContents:
    tokens: list[dict[str, Any]] = []
    open_tokens: list[dict[str, Any]] = []  # the last token of each level still open, outermost first
    for level, anchor, title in headings(markup):
        token: dict[str, Any] = {"level": level, "id": anchor, "name": title, "children": []}
        while open_tokens and open_tokens[-1]["level"] >= level:
            open_tokens.pop()
        (open_tokens[-1]["children"] if open_tokens else tokens).append(token)
        open_tokens.append(token)
    return get_toc(tokens)  # type: ignore[arg-type]
