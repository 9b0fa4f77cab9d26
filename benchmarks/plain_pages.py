"""The plain baseline's one hook: a page's HTML, already rendered, goes in without Markdown.

benchmarks/plain.py writes each generated page as a Markdown file holding the HTML our templates
render for it. Python-Markdown would parse that HTML again (seconds for the whole site) where our
build never parses a generated page: so the baseline hands MkDocs an empty Markdown body and puts
the stored HTML back as the page's content. What is left is what MkDocs, Material and
mkdocs-static-i18n do for the same pages either way: read files, lay the navigation, render the
theme, write the site, index it for search.
"""

from __future__ import annotations

from typing import Any

STORED_HTML_KEY = "plain_stored_html"
_stored_html: dict[str, str] = {}


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    if page.meta.get(STORED_HTML_KEY):  # set by plain.py on the pages our hooks generate
        _stored_html[page.file.src_uri] = markdown
        return ""
    return markdown


def on_page_content(html: str, page: Any, **_: Any) -> str:
    return _stored_html.pop(page.file.src_uri, html)
