"""One build's view of the guide: the checked data, its pages rendered in every language, its links.

``prepare_site`` is the single entry point a generator's adapter calls. It loads and checks
the data and renders every page in every language before the generator writes anything, so
bad data or a broken template stops the build while the previous site is still in place. It
is cached on the content of the data and templates: the second language of a build, and
every `mkdocs serve` rebuild where nothing changed, reuse the first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .build_cache import TextCache, build_cache
from .errors import KnowledgeError
from .export import EXPORT_PATH, SCHEMA_PATH, export_schema, guide_export
from .guide import Guide
from .kind import KNOWLEDGE_DIR, Kind, MenuEntry, Page
from .kinds import KINDS
from .load import load_guide
from .qr import keep_codes_in
from .redirects import Redirect, redirects, relative_target
from .render import Renderer
from .shortlinks import short_link_pages
from .urls import absolute, host_path, language_root, output_file
from .yamlfile import keep_parsed_in

NOT_FOUND_TEMPLATE = "not_found.html"


@dataclass
class GuideSite:
    guide: Guide
    pages: tuple[Page, ...]
    renderer: Renderer
    site_url: str
    kinds: tuple[Kind[Any], ...] = KINDS
    _by_path: dict[str, Page] = field(default_factory=dict)
    _html: dict[tuple[str, str], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_path = {page.path: page for page in self.pages}

    def page_at(self, path: str) -> Page | None:
        """The generated page at ``path`` ('rules/R07/'), if the data makes one there."""
        return self._by_path.get(path)

    def render_all(self) -> None:
        """Render every page in every language now; raise KnowledgeError on the first that fails."""
        missing = self.renderer.missing_strings()
        if missing:
            raise KnowledgeError(missing)
        for page in self.pages:
            for language in self.guide.languages:
                self._html[(page.path, language)] = self.renderer.render(page, language)
        for language in self.guide.languages:
            self._html[(NOT_FOUND_TEMPLATE, language)] = self._render_not_found(language)

    def rendered(self) -> str:
        """Every page rendered so far, as one text for the build cache (reuse_rendered)."""
        return json.dumps([[path, language, html] for (path, language), html in self._html.items()],
                          ensure_ascii=False)

    def reuse_rendered(self, kept: str | None) -> bool:
        """Take the pages a build with the same inputs rendered (``rendered``), if they are all there."""
        try:
            entries = {(path, language): html for path, language, html in json.loads(kept or "[]")}
        except (ValueError, TypeError):
            return False
        wanted = {(page.path, language) for page in self.pages for language in self.guide.languages}
        wanted |= {(NOT_FOUND_TEMPLATE, language) for language in self.guide.languages}
        if not wanted <= entries.keys() or not all(isinstance(html, str) for html in entries.values()):
            return False
        self._html.update(entries)
        return True

    def html(self, page: Page, language: str) -> str:
        key = (page.path, language)
        if key not in self._html:
            self._html[key] = self.renderer.render(page, language)
        return self._html[key]

    def menu(self) -> list[MenuEntry]:
        return sorted((entry for kind in self.kinds for entry in kind.menu(self.guide)),
                      key=lambda entry: entry.position)

    def redirects(self) -> list[Redirect]:
        return redirects(self.guide, self.pages, self.kinds)

    def redirect_files(self, site_dir: Path, language: str) -> list[tuple[Path, str]]:
        """The language's short links and redirects: each page's file in ``site_dir`` and its HTML."""
        root = language_root(language, self.guide.default_language)
        files = []
        for redirect in self.redirects():
            target_page = self._by_path[redirect.to_path]
            html = self.renderer.render_template(
                "redirect.html",
                lang=language,
                t=self.guide.ui[language],
                title=target_page.titles[language],
                target=relative_target(redirect.from_path, redirect.to_path),
                canonical=absolute(self.site_url, language, self.guide.default_language, redirect.to_path),
            )
            files.append((output_file(site_dir, f"{root}{redirect.from_path}index.html"), html))
        return files

    def not_found_html(self, language: str) -> str:
        """The content of the language's "page not found": served at any address, so its links start at the host root.

        It offers the menu's pages and, for guide.js to show when the address holds one, the page
        each ID, retired ID or spelling of a short link stands for (matched in lower case).
        """
        key = (NOT_FOUND_TEMPLATE, language)
        if key not in self._html:
            self._html[key] = self._render_not_found(language)
        return self._html[key]

    def _render_not_found(self, language: str) -> str:
        def href(path: str) -> str:
            return host_path(self.site_url, language, self.guide.default_language, path)

        codes: dict[str, list[str]] = {}
        for redirect in self.redirects():
            code = redirect.from_path.rstrip("/").rsplit("/", 1)[-1].lower()
            if redirect.to_path in self._by_path and code not in codes.setdefault(redirect.to_path, []):
                codes[redirect.to_path].append(code)
        guesses = [(" ".join(item_codes), href(path), self._by_path[path].titles[language])
                   for path, item_codes in codes.items()]
        ways = [(entry.headings[language] if entry.headings else None,
                 [(href(path), self._by_path[path].titles[language]) for path in entry.paths if path in self._by_path])
                for entry in self.menu()]
        return self.renderer.render_template(
            NOT_FOUND_TEMPLATE, lang=language, t=self.guide.ui[language], home=href(""),
            guesses=guesses, ways=[(heading, links) for heading, links in ways if links])

    def export(self) -> dict[str, Any]:
        return guide_export(self.guide, self.site_url, self.kinds)

    def export_files(self, site_dir: Path) -> list[tuple[Path, str]]:
        """The export of every language and its schema: each file in ``site_dir`` and its text."""
        return [
            (output_file(site_dir, EXPORT_PATH), json.dumps(self.export(), ensure_ascii=False, indent=1) + "\n"),
            (output_file(site_dir, SCHEMA_PATH),
             json.dumps(export_schema(self.site_url, self.kinds), ensure_ascii=False, indent=1) + "\n"),
        ]


def all_pages(guide: Guide, kinds: Sequence[Kind[Any]] = KINDS) -> tuple[Page, ...]:
    """Every kind's pages, then the page of each folder of short links (netguide.shortlinks)."""
    pages = [page for kind in kinds for page in kind.pages(guide)]
    return (*pages, *short_link_pages(guide, pages, kinds))


def _fingerprint(*directories: Path) -> tuple[Any, ...]:
    entries = []
    for directory in directories:
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                stat = path.stat()
                entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


_cache: dict[tuple[Any, ...], GuideSite] = {}


def prepare_site(project_root: Path, template_dir: Path, site_url: str, languages: tuple[str, ...],
                 inputs: str = "") -> GuideSite:
    """Load and check the data and render every page (raising KnowledgeError), once per change.

    ``inputs``: the digest of everything the pages are made from (netguide.build_cache.inputs_digest);
    with it, the pages a build with the same inputs rendered are taken from the build cache.
    """
    project_root = Path(project_root)
    key = (str(project_root), str(template_dir), site_url, languages,
           _fingerprint(project_root / KNOWLEDGE_DIR, Path(template_dir)))
    site = _cache.get(key)
    if site is None:
        cache = build_cache(project_root)
        keep_parsed_in(cache.parsed)
        guide = load_guide(project_root, languages)
        keep_codes_in(cache.qr_codes)
        renderer = Renderer(guide, Path(template_dir), site_url, KINDS, cache.templates)
        site = GuideSite(guide, all_pages(guide), renderer, site_url)
        rendered_key = TextCache.digest("rendered pages", inputs, str(template_dir), site_url, *languages)
        if not (inputs and site.reuse_rendered(cache.pages.get(rendered_key))):
            site.render_all()
            if inputs:
                cache.pages.put(rendered_key, site.rendered())
        _cache.clear()
        _cache[key] = site
    return site
