"""Fill each generated page (rule, theme, index, sources, flow, checklist) from the data, in the page's language."""

from __future__ import annotations

from typing import Any

from netguide.mkdocs_glue import current_language, guide_site
from netguide.render import escaped_text


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    site = guide_site(config)
    generated = site.page_for(page.file.src_uri)
    if generated is None:
        return markdown
    title, description = site.renderer.title_and_description(generated, current_language(config))
    page.meta["title"] = escaped_text(title)
    page.meta["description"] = escaped_text(description)
    # Read by overrides/main.html: assets only this kind of page needs.
    page.meta["guide_assets"] = site.renderer.assets(generated)
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    site = guide_site(config)
    generated = site.page_for(page.file.src_uri)
    if generated is None:
        return html
    return site.render(generated, current_language(config)).html
