"""One build's view of the guide: the validated data, its pages, and how to render them.

``prepare_site`` is the single entry point the generator adapters call. It is cached on
the content of the data and templates, so the second language of a build (and every
`mkdocs serve` rebuild where nothing changed) reuses the first load.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ProblemList
from .export import EXPORT_PATH, guide_export
from .frontmatter import check_front_matter
from .load import KNOWLEDGE_DIR, load_guide
from .model import Guide
from .pages import GENERATED_DIRS, GeneratedPage, generated_pages, pages_by_doc_path, sync_stubs
from .redirects import redirects
from .render import RenderedPage, Renderer
from .template_cache import PROCESS_CACHE
from .urls import absolute, language_root


@dataclass
class GuideSite:
    guide: Guide
    pages: list[GeneratedPage]
    renderer: Renderer
    site_url: str
    _by_doc_path: dict[str, GeneratedPage] = field(default_factory=dict)
    _by_url_path: dict[str, GeneratedPage] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_doc_path = pages_by_doc_path(self.pages)
        self._by_url_path = {page.url_path: page for page in self.pages}

    def page_for(self, src_uri: str) -> GeneratedPage | None:
        """The generated page a docs/ file stands for ('rules/R07.en.md' -> rule R07), if any."""
        stem = src_uri.rsplit(".md", 1)[0]
        for language in self.guide.languages:
            stem = stem.removesuffix(f".{language}")
        return self._by_doc_path.get(stem)

    def render(self, page: GeneratedPage, language: str) -> RenderedPage:
        return self.renderer.render(page, language)

    def write_redirects(self, site_dir: Path, language: str) -> int:
        root = language_root(language, self.guide.default_language)
        count = 0
        for redirect in redirects(self.guide):
            target_page = self._by_url_path[redirect.to_path]
            title = self.renderer.title_and_description(target_page, language)[0]
            html = self.renderer.render_template(
                "redirect.html",
                lang=language,
                t=self.guide.ui[language],
                title=title,
                target=_relative_redirect(redirect.from_path, redirect.to_path),
                canonical=absolute(self.site_url, language, self.guide.default_language, redirect.to_path),
            )
            path = site_dir / root / redirect.from_path / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
            count += 1
        return count

    def write_export(self, site_dir: Path) -> Path:
        path = site_dir / EXPORT_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        data = guide_export(self.guide, self.site_url)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return path


def _relative_redirect(from_path: str, to_path: str) -> str:
    depth = from_path.rstrip("/").count("/") + 1
    return "../" * depth + to_path


def _fingerprint(*directories: Path) -> tuple[Any, ...]:
    entries = []
    for directory in directories:
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                stat = path.stat()
                entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


_cache: dict[tuple[Any, ...], GuideSite] = {}


def prepare_site(project_root: Path, docs_dir: Path, template_dir: Path, site_url: str,
                 languages: tuple[str, ...]) -> GuideSite:
    """Load and validate the data (raising KnowledgeError), and bring docs/ stubs up to date."""
    project_root = Path(project_root)
    problems = ProblemList(project_root)
    check_front_matter(Path(docs_dir), problems, skip_dirs=GENERATED_DIRS)
    problems.raise_if_any()
    key = (str(project_root), str(docs_dir), str(template_dir), site_url, languages,
           _fingerprint(project_root / KNOWLEDGE_DIR, Path(template_dir)))
    site = _cache.get(key)
    if site is None:
        guide = load_guide(project_root, languages)
        renderer = Renderer(guide, Path(template_dir), site_url)
        # An edited rule makes a new Renderer; its templates need not be compiled again.
        renderer.env.bytecode_cache = PROCESS_CACHE
        site = GuideSite(guide, generated_pages(guide), renderer, site_url)
        _cache.clear()
        _cache[key] = site
    sync_stubs(Path(docs_dir), site.pages, languages)
    return site
