"""Turn generated pages into HTML fragments through the Jinja templates in overrides/guide/.

Autoescaping is on: every text from the data is escaped exactly once, by the template.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, TemplateError, select_autoescape
from markupsafe import Markup

from .errors import KnowledgeError, Problem
from .guide import Guide
from .kind import Kind, Page
from .urls import absolute, language_root, relative

# Interface strings a template uses by name (t.copy_link, t["copy_link"]); computed names
# (t["mode_" ~ mode]) are caught when the page is rendered, still before anything is written.
_STRING_USE = re.compile(r"""\bt(?:\.([a-z][a-z0-9_]*)\b|\[\s*["']([a-z][a-z0-9_]*)["']\s*\])""")


def escaped_text(text: str) -> Markup:
    """Data text escaped once, for templates that print it unescaped (Material's page titles and descriptions).

    Apostrophes stay as they are: they are harmless in element content and double-quoted
    attributes, and an entity would end up in the search index.
    """
    if isinstance(text, Markup):
        return text
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def template_environment(template_dir: Path, bytecode_cache: BytecodeCache | None = None) -> Environment:
    return Environment(
        loader=FileSystemLoader(str(template_dir)),
        bytecode_cache=bytecode_cache,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


class Renderer:
    def __init__(self, guide: Guide, template_dir: Path, site_url: str, kinds: Sequence[Kind[Any]],
                 bytecode_cache: BytecodeCache | None = None) -> None:
        self.guide = guide
        self.site_url = site_url
        self.template_dir = Path(template_dir)
        self.env = template_environment(self.template_dir, bytecode_cache)
        self.kinds = {kind.name: kind for kind in kinds}

    def context(self, page: Page, language: str) -> dict[str, Any]:
        here = page.path
        kinds = self.kinds

        def link(kind: str, item_id: str, fragment: str = "") -> str:
            target = relative(here, kinds[kind].item_path(item_id))
            return f"{target}#{fragment}" if fragment else target

        def short_path(kind: str, item_id: str) -> str:
            return kinds[kind].short_path(item_id) or kinds[kind].item_path(item_id)

        default = self.guide.default_language

        def to_in(other: str, path: str) -> str:
            """A link from this page to ``path`` in the language ``other`` (the same page in another language)."""
            return relative(language_root(language, default) + here, language_root(other, default) + path)

        return {
            "guide": self.guide,
            "lang": language,
            "t": self.guide.ui[language],
            "page": page,
            "link": link,
            "short_link": lambda kind, item_id: relative(here, short_path(kind, item_id)),
            "short_path": short_path,
            "to": lambda path: relative(here, path),
            "absolute_url": lambda path: absolute(self.site_url, language, default, path),
            "absolute_url_in": lambda other, path: absolute(self.site_url, other, default, path),
            "to_in": to_in,
            # A file at the site's root, the same for every language (docs/js/…, docs/css/…).
            "asset": lambda path: relative(language_root(language, default) + here, path),
            "handout_key": lambda kind: kinds[kind].handout_key,
        }

    def render(self, page: Page, language: str) -> str:
        context = {**self.context(page, language), **page.context(language)}
        try:
            return self.env.get_template(page.template).render(context)
        except TemplateError as error:
            # Most often an interface string used by a template but defined in no knowledge/ui/ file.
            raise KnowledgeError([Problem(f"overrides/guide/{page.template}", page.path,
                                          f"{type(error).__name__}: {error} ({language})",
                                          "define the missing string in knowledge/ui/*.yml for every language, "
                                          "or correct the template")]) from None

    def render_template(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(context)

    def missing_strings(self) -> list[Problem]:
        """Interface strings that templates use by name and no knowledge/ui/ file defines."""
        defined = set(self.guide.ui[self.guide.default_language])
        problems = []
        for path in sorted(self.template_dir.glob("*.html")):
            source = path.read_text(encoding="utf-8")
            for number, line in enumerate(source.splitlines(), 1):
                for match in _STRING_USE.finditer(line):
                    key = match.group(1) or match.group(2)
                    if key not in defined:
                        problems.append(Problem(f"overrides/guide/{path.name}", f"t.{key}",
                                                f"the template uses the interface string '{key}', which is not defined",
                                                f"add '{key}: {{fr: …, en: …}}' to a file in knowledge/ui/", number))
        return problems
