"""Turn generated pages into HTML fragments through the Jinja templates in overrides/guide/.

Autoescaping is on: every text from the data is escaped exactly once, by the template.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, UndefinedError, select_autoescape
from markupsafe import Markup

from . import checklists, flows
from .errors import KnowledgeError, Problem
from .model import Guide
from .pages import GeneratedPage
from .urls import absolute, page_path, relative, short_path

TEMPLATES = {"rule": "rule.html", "theme": "theme.html", "rule-index": "rule_index.html",
             "sources": "sources.html", **checklists.TEMPLATES, **flows.TEMPLATES}
# Stylesheets and scripts that only some kinds of page need, loaded on those pages alone.
ASSETS = {**checklists.ASSETS, **flows.ASSETS}
EXTENSIONS = (checklists, flows)


@dataclass(frozen=True)
class RenderedPage:
    title: str
    description: str
    html: str


def escaped_text(text: str) -> Markup:
    """Data text escaped once, for templates that print it unescaped (Material's page titles and descriptions).

    Apostrophes stay as they are: they are harmless in element content and double-quoted
    attributes, and an entity would end up in the search index.
    """
    if isinstance(text, Markup):
        return text
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def template_environment(template_dir: Path) -> Environment:
    return Environment(
        loader=FileSystemLoader(str(template_dir)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


class Renderer:
    def __init__(self, guide: Guide, template_dir: Path, site_url: str) -> None:
        self.guide = guide
        self.site_url = site_url
        self.env = template_environment(template_dir)

    def title_and_description(self, page: GeneratedPage, language: str) -> tuple[str, str]:
        ui = self.guide.ui[language]
        if page.kind == "rule":
            text = self.guide.rule(page.item_id).texts[language]
            return f"{page.item_id} · {text.title}", text.statement
        if page.kind == "theme":
            text = self.guide.theme(page.item_id).texts[language]
            return text.title, text.intro
        if page.kind == "rule-index":
            return ui["index_title"], ui["index_description"]
        if page.kind == "sources":
            return ui["sources_title"], ui["sources_description"]
        extension = self._extension(page)
        return extension.title_and_description(self.guide, page, language)

    def _extension(self, page: GeneratedPage) -> Any:
        for extension in EXTENSIONS:
            if page.kind in extension.TEMPLATES:
                return extension
        raise ValueError(f"no module renders page kind {page.kind}")

    def assets(self, page: GeneratedPage) -> tuple[str, ...]:
        return ASSETS.get(page.kind, ())

    def context(self, page: GeneratedPage, language: str) -> dict[str, Any]:
        here = page.url_path

        def link(kind: str, item_id: str, fragment: str = "") -> str:
            target = relative(here, page_path(kind, item_id))
            return f"{target}#{fragment}" if fragment else target

        def short_link(kind: str, item_id: str) -> str:
            return relative(here, short_path(kind, item_id))

        return {
            "guide": self.guide,
            "lang": language,
            "t": self.guide.ui[language],
            "page": page,
            "link": link,
            "short_link": short_link,
            "short_path": short_path,
            "to": lambda path: relative(here, path),
            "absolute_url": lambda path: absolute(self.site_url, language, self.guide.default_language, path),
        }

    def render(self, page: GeneratedPage, language: str) -> RenderedPage:
        title, description = self.title_and_description(page, language)
        context = self.context(page, language)
        if page.kind == "rule":
            context["rule"] = self.guide.rule(page.item_id)
        elif page.kind == "theme":
            context["theme"] = self.guide.theme(page.item_id)
        elif page.kind not in ("rule-index", "sources"):
            context.update(self._extension(page).template_context(self.guide, page, language))
        template = TEMPLATES[page.kind]
        try:
            html = self.env.get_template(template).render(context)
        except UndefinedError as error:
            # Most often an interface string used by a template but defined in no knowledge/ui/ file.
            raise KnowledgeError([Problem(f"overrides/guide/{template}", page.url_path, f"{error} ({language})",
                                          "define the missing string in knowledge/ui/*.yml for every language")
                                  ]) from None
        return RenderedPage(title, description, html)

    def render_template(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(context)
