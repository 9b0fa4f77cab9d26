"""Which pages the data generates, and the stub files that stand for them in docs/.

mkdocs-static-i18n only handles pages that exist as files under docs_dir, so each
generated page gets a small stub per language. The stubs are derived entirely from the
data (nobody edits them) and are rewritten only when their content changes, so that
`mkdocs serve` does not see them as edits.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import checklists, flows
from .model import Guide
from .urls import page_path

GENERATED_DIRS = ("rules", "themes", "sources", "checklists", "flows")
STUB_MARKER = "<!-- generated-page:"


@dataclass(frozen=True)
class GeneratedPage:
    kind: str  # which template renders it: rule, theme, rule-index, sources, checklist..., flow...
    item_id: str | None
    url_path: str  # relative to the language root, e.g. "rules/R07/"

    @property
    def doc_path(self) -> str:
        """The stub's path under docs/, without language suffix or extension."""
        stem = self.url_path.rstrip("/")
        return f"{stem}/index" if self.item_id is None else stem


def generated_pages(guide: Guide) -> list[GeneratedPage]:
    pages = [GeneratedPage("rule-index", None, "rules/"), GeneratedPage("sources", None, "sources/")]
    pages += [GeneratedPage("theme", theme.id, page_path("theme", theme.id)) for theme in guide.themes]
    pages += [GeneratedPage("rule", rule.id, page_path("rule", rule.id)) for rule in guide.rules]
    return pages + checklists.pages(guide) + flows.pages(guide)


def pages_by_doc_path(pages: list[GeneratedPage]) -> dict[str, GeneratedPage]:
    return {page.doc_path: page for page in pages}


def stub_text(page: GeneratedPage) -> str:
    key = f"{page.kind} {page.item_id}" if page.item_id else page.kind
    return (
        f"{STUB_MARKER} {key} -->\n"
        "<!-- Written by the build from knowledge/: edit the data, not this file. -->\n"
    )


def stub_files(pages: list[GeneratedPage], languages: tuple[str, ...]) -> dict[str, str]:
    """Stub path under docs/ -> its content, one per page and language."""
    default = languages[0]
    files = {}
    for page in pages:
        for language in languages:
            suffix = "" if language == default else f".{language}"
            files[f"{page.doc_path}{suffix}.md"] = stub_text(page)
    return files


def sync_stubs(docs_dir: Path, pages: list[GeneratedPage], languages: tuple[str, ...],
               generated_dirs: tuple[str, ...] = GENERATED_DIRS) -> int:
    """Make docs/<generated dirs> hold exactly the stubs the data calls for; return files written."""
    wanted = stub_files(pages, languages)
    written = 0
    for relative_path, content in wanted.items():
        path = docs_dir / relative_path
        if path.is_file() and path.read_text(encoding="utf-8") == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written += 1
    for directory in generated_dirs:
        for path in sorted((docs_dir / directory).rglob("*.md")):
            relative_path = path.relative_to(docs_dir).as_posix()
            if relative_path not in wanted and path.read_text(encoding="utf-8").startswith(STUB_MARKER):
                path.unlink()
    return written
