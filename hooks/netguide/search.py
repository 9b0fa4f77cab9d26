"""Site search: the Pagefind index of the finished site, and what the header's search box needs.

Search runs in the reader's browser on an index that Pagefind (https://pagefind.app, the
`pagefind[bin]` package from PyPI, its binary included) builds from the finished HTML once every
language is built. One bundle at /pagefind/ holds one index per language (Pagefind reads
<html lang>), so a French page searches French pages only and an English page English ones; it
stems French and English words and folds accents (réseau = reseau) in the index and the query.

Nothing of it is downloaded on a page view: js/guide.js loads js/search.js, which imports
/pagefind/pagefind.js, the first time the reader opens the search box.

What is indexed is decided by the HTML alone, so that any generator's output can be indexed:
- a page is indexed only inside its `data-pagefind-body` element; pages without one are left
  out (the redirects of short links and retired IDs, the page not found, pages marked out of
  search: the adapter leaves the attribute out for them);
- inside it, any element marked `data-search-ignore` (IGNORE_ATTRIBUTE, the guide's own
  engine-neutral mark that templates use) is left out with everything in it.
Plain Python: no MkDocs import (netguide.adapter.events calls build_search_index).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

BUNDLE_DIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"  # names each language's index files, which have a content hash
# Templates mark what search must leave out with this attribute (a short-link box, a flow's
# printable key); Pagefind is told to skip those elements and all they hold.
IGNORE_ATTRIBUTE = "data-search-ignore"
EXCLUDED_SELECTORS = (f"[{IGNORE_ATTRIBUTE}]",)
# Without JavaScript the header's search is a link to the rule index of the page's language.
FALLBACK_PATH = "rules/"
# Words readers type that the guide's text (nearly) never uses, per language: a query word that
# starts with a key (accents and case aside) is also searched as its value, and the two lists of
# results are merged (js/search.js). The English guide says "connection request" where French
# says "invitation".
SYNONYMS: Mapping[str, Mapping[str, str]] = {"en": {"invit": "request"}}
# What Pagefind writes and this site never loads: its ready-made interfaces (the header's search
# is ours), its highlighting script, its worker (js/search.js runs the search in the page).
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "pagefind-worker.js",
)


@dataclass(frozen=True)
class SearchBox:
    """What the header's search box (overrides/partials/search.html) needs on one page."""

    fallback_url: str  # the language's rule index, as the page links to it: the search without JavaScript
    fallback_label: str
    synonyms: Mapping[str, str] = field(default_factory=dict)


def search_box(language: str, fallback_url: str, fallback_label: str) -> SearchBox:
    return SearchBox(fallback_url, fallback_label, dict(SYNONYMS.get(language, {})))


class SearchIndexError(RuntimeError):
    pass


def pagefind_command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE_DIR,
            "--exclude-selectors", ", ".join(EXCLUDED_SELECTORS), "--silent"]


class SearchIndexRun:
    """Pagefind indexing the finished site in its own process, while the build does other work.

    Pagefind reads the pages' HTML only: what the build may still do meanwhile is anything that
    leaves the HTML's text as it is and replaces files whole (netguide.adapter.events.finish).
    """

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self._failure = ""
        try:
            self._process: subprocess.Popen[str] | None = subprocess.Popen(
                pagefind_command(site_dir), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        except OSError as error:
            self._process, self._failure = None, str(error)

    cancelled = False

    def cancel(self) -> None:
        """No index wanted any more (the build failed, or a newer one starts): Pagefind is stopped.

        Whoever waits for it (wait()) gets its SearchIndexError, with ``cancelled`` set.
        """
        self.cancelled = True
        if self._process is not None and self._process.poll() is None:
            self._process.kill()

    def stop(self) -> None:
        """The build failed meanwhile: no index, and no process left behind."""
        self.cancel()
        if self._process is not None:
            self._process.communicate()

    def wait(self) -> Path:
        """The bundle folder once Pagefind is done (SearchIndexError if it failed)."""
        if self._process is not None:
            output, _ = self._process.communicate()
            if self._process.returncode != 0:
                self._failure = output.strip() or f"exit status {self._process.returncode}"
        if self._failure:
            raise SearchIndexError(f"Pagefind could not index {self.site_dir}: {self._failure}. "
                                   "Fix: install the project's dependencies again (scripts/setup-env), "
                                   "which bring pagefind[bin] and its binary")
        return _tidy_bundle(self.site_dir / BUNDLE_DIR)


def start_search_index(site_dir: Path) -> SearchIndexRun:
    """Start indexing the finished site (every language) into site_dir/pagefind/."""
    return SearchIndexRun(site_dir)


def build_search_index(site_dir: Path) -> Path:
    """Index the finished site (every language) into site_dir/pagefind/; returns that folder."""
    return start_search_index(site_dir).wait()


def _tidy_bundle(bundle: Path) -> Path:
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)
    # The engine for languages Pagefind cannot stem: written every time, loaded only for those.
    entry = json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))
    if all(language.get("wasm") for language in entry["languages"].values()):
        (bundle / "wasm.unknown.pagefind").unlink(missing_ok=True)
    return bundle
