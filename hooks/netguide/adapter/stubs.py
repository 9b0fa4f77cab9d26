"""The stub files that stand for generated pages in docs/.

mkdocs-static-i18n only handles pages that exist as files under docs_dir, so each generated
page gets a small stub per language (docs/rules/R07/index.md, docs/rules/R07/index.en.md).
The stubs are derived entirely from the data (nobody edits them), are rewritten only when
their content changes, so that `mkdocs serve` does not see them as edits, and each folder
they are written to ignores itself in git.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..kind import Page

STUB_MARKER = "<!-- generated-page:"
_STUB_BODY = "<!-- Written by the build from knowledge/: edit the data, not this file. -->\n"
_GITIGNORE = "# Written by the build from knowledge/ (netguide/adapter/stubs.py).\n*\n"


def doc_stem(page_path: str) -> str:
    """The stub's path under docs/ without language suffix or extension: 'rules/R07/' -> 'rules/R07/index'."""
    return f"{page_path}index"


def page_path_of(src_uri: str, languages: Iterable[str]) -> str | None:
    """The page path a docs/ file stands for ('rules/R07/index.en.md' -> 'rules/R07/'), if it is an index."""
    stem = src_uri.removesuffix(".md")
    for language in languages:
        stem = stem.removesuffix(f".{language}")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else None


def doc_file(page_path: str, language: str, default_language: str) -> str:
    suffix = "" if language == default_language else f".{language}"
    return f"{doc_stem(page_path)}{suffix}.md"


def is_stub(text: str) -> bool:
    return text.startswith(STUB_MARKER)


def stub_text(page: Page) -> str:
    return f"{STUB_MARKER} {page.path} -->\n{_STUB_BODY}"


def sync_stubs(docs_dir: Path, pages: Iterable[Page], languages: tuple[str, ...]) -> int:
    """Make docs/ hold exactly the stubs the data calls for; return the number of files written."""
    wanted: dict[str, str] = {}
    for page in pages:
        for language in languages:
            wanted[doc_file(page.path, language, languages[0])] = stub_text(page)
    written = 0
    for relative_path, content in wanted.items():
        path = docs_dir / relative_path
        if path.is_file() and path.read_text(encoding="utf-8") == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written += 1
    for top in sorted({relative_path.split("/", 1)[0] for relative_path in wanted if "/" in relative_path}):
        ignore = docs_dir / top / ".gitignore"
        if not ignore.is_file():
            ignore.write_text(_GITIGNORE, encoding="utf-8")
    for path in sorted(docs_dir.rglob("*.md")):
        relative_path = path.relative_to(docs_dir).as_posix()
        if relative_path not in wanted and _starts_with_marker(path):
            path.unlink()
    return written


def _starts_with_marker(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as handle:
        return is_stub(handle.read(len(STUB_MARKER)))
