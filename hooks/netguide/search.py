"""Site search: a Pagefind index per language, and what the header's search box needs.

Search runs in the reader's browser on an index that Pagefind (https://pagefind.app, the
`pagefind[bin]` package from PyPI, its binary included) builds from the pages' HTML: its service
reads each page as the build writes it (SearchIndexer). Each language has its own bundle at its
root (/pagefind/, /en/pagefind/), written as soon as that language is built (the French one
while the English pages are built), with the pages' addresses from that root: a French page
searches French pages only and an English page English ones. Pagefind stems French and English
words (it reads <html lang>) and folds accents (réseau = reseau) in the index and the query.

Nothing of it is downloaded on a page view: js/guide.js loads js/search.js, which imports the
language's pagefind.js, the first time the reader opens the search box.

What is indexed is decided by the HTML alone, so that any generator's output can be indexed:
- a page is indexed only inside its `data-pagefind-body` element; pages without one are left
  out (the redirects of short links and retired IDs, the page not found, pages marked out of
  search: the adapter leaves the attribute out for them);
- inside it, any element marked `data-search-ignore` (IGNORE_ATTRIBUTE, the guide's own
  engine-neutral mark that templates use) is left out with everything in it.
Plain Python: no MkDocs import (netguide.adapter.events feeds a SearchIndexer).
"""

from __future__ import annotations

import base64
import contextlib
import json
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    bundle_url: str  # the language's index, as the page links to it
    synonyms: Mapping[str, str] = field(default_factory=dict)


def search_box(language: str, fallback_url: str, fallback_label: str, bundle_url: str) -> SearchBox:
    return SearchBox(fallback_url, fallback_label, bundle_url, dict(SYNONYMS.get(language, {})))


class SearchIndexError(RuntimeError):
    pass


BODY_ATTRIBUTE = "data-pagefind-body"  # a page holding none is not indexed (see above)
# How long the build waits for Pagefind before giving up with a message, never for ever.
WAIT_SECONDS = 300.0
_FIX = "Fix: install the project's dependencies again (scripts/setup-env), which bring pagefind[bin] and its binary"


def pagefind_executable() -> Path:
    """The binary that pagefind[bin] brings (a dependency pinned in pyproject.toml)."""
    from pagefind_bin import get_executable  # only when the search is indexed

    return Path(get_executable())


def page_url(path: str) -> str:
    """A page's address in the index from its path in the site ('en/rules/R07/index.html' -> '/en/rules/R07/'),
    as Pagefind's own command gives it."""
    path = path.replace("\\", "/").lstrip("/")
    return "/" + (path[: -len("index.html")] if path == "index.html" or path.endswith("/index.html") else path)


class SearchIndexer:
    """Pagefind's indexing service (`pagefind --service`) in a process of its own, fed each page as the
    build writes it, so that it reads them on the other core while the build goes on; ``write_to``
    then has it write the bundle, and ``wait`` returns it.

    The service speaks base64-encoded JSON messages, each followed by a comma, on its standard input
    and output (the protocol of Pagefind's own Node and Python wrappers; the Python one, which
    looks for an answer every 0.1 s, would take 20 s for the site's 200 pages). Pages are sent as
    they come (the service reads its input on a thread of its own, so sending never waits for it);
    answers are read by a thread.
    """

    def __init__(self, executable: Path | None = None, wait_seconds: float = WAIT_SECONDS) -> None:
        self._wait_seconds = wait_seconds
        self._answers: dict[int, dict[str, Any]] = {}
        self._answered = threading.Condition()
        self._ended = False  # the service's output closed: it stopped
        self._last_id = 0
        self._added: list[int] = []
        self._failure = ""
        self._bundle: Path | None = None
        self._done = threading.Event()
        self.cancelled = False
        # What Pagefind says besides its answers, for a failure's message; open as long as the indexer.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                [str(executable or pagefind_executable()), "--service"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log)
        except OSError as error:
            self._process = None
            self._fail(str(error))
            return
        threading.Thread(target=self._read_answers, name="pagefind-answers", daemon=True).start()
        try:
            config = {"exclude_selectors": list(EXCLUDED_SELECTORS)}
            self._new_index = self._send({"type": "NewIndex", "config": config})
        except OSError as error:
            self._fail(f"it stopped before it could start ({error})")
        self._index_id: int | None = None  # answered by the time the first page comes

    def add_page(self, url: str, html: str) -> None:
        """Index the page at ``url`` (from page_url), if it marks what to index."""
        if BODY_ATTRIBUTE not in html or self._done.is_set():
            return
        try:
            self._added.append(self._send({"type": "AddFile", "index_id": self._index(), "url": url,
                                           "file_contents": html, "file_path": None}))
        except (SearchIndexError, OSError, KeyError) as error:
            self._fail(f"it stopped reading pages ({error})")

    def _index(self) -> int:
        if self._index_id is None:
            self._index_id = self._answer(self._new_index, time.monotonic() + self._wait_seconds)["index_id"]
        return self._index_id

    def write_to(self, site_dir: Path) -> None:
        """Once every page is added: write the bundle to site_dir/pagefind/, without waiting for it."""
        if self._done.is_set():
            return
        bundle = site_dir / BUNDLE_DIR
        deadline = time.monotonic() + self._wait_seconds

        def write() -> None:
            try:
                for message_id in self._added:  # every page read before the bundle is written
                    self._answer(message_id, deadline)
                self._answer(self._send({"type": "WriteFiles", "index_id": self._index(),
                                         "output_path": str(bundle)}), deadline)
                self._bundle = bundle
                self._done.set()
            except (SearchIndexError, OSError, KeyError) as error:
                self._fail(str(error) or type(error).__name__)

        threading.Thread(target=write, name="pagefind-write", daemon=True).start()

    def wait(self) -> Path:
        """The bundle folder once written (SearchIndexError if Pagefind failed, was stopped or took too long)."""
        if not self._done.wait(self._wait_seconds):
            self._fail(f"no answer in {self._wait_seconds:.0f} s")
            self.cancel()
        self._close()
        if self._failure or self._bundle is None:
            self._log.seek(0)
            said = self._log.read().decode("utf-8", "replace").strip()[-2000:]
            raise SearchIndexError(f"Pagefind could not index the site: {self._failure or 'stopped'}"
                                   f"{f' ({said})' if said else ''}. {_FIX}")
        return _tidy_bundle(self._bundle)

    def cancel(self) -> None:
        """No index wanted any more (the build failed, or a newer one starts): Pagefind is stopped.

        Whoever waits for it gets its SearchIndexError, with ``cancelled`` set.
        """
        self.cancelled = True
        self._fail("stopped")
        if self._process is not None and self._process.poll() is None:
            self._process.kill()

    def stop(self) -> None:
        """The build failed meanwhile: no index, and no process left behind."""
        self.cancel()
        self._close()

    def _fail(self, why: str) -> None:
        self._failure = self._failure or why
        self._done.set()
        with self._answered:
            self._answered.notify_all()

    def _close(self) -> None:
        if self._process is None:
            return
        if self._failure and self._process.poll() is None:
            self._process.kill()  # nothing more is wanted from it
        with contextlib.suppress(OSError):
            self._process.stdin.close()  # type: ignore[union-attr]  # the service stops at the end of its input
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def _send(self, payload: dict[str, Any]) -> int:
        self._last_id += 1
        message = {"message_id": self._last_id, "payload": payload}
        self._process.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")  # type: ignore[union-attr]
        self._process.stdin.flush()  # type: ignore[union-attr]
        return self._last_id

    def _answer(self, message_id: int, deadline: float) -> dict[str, Any]:
        with self._answered:
            self._answered.wait_for(lambda: message_id in self._answers or self._ended or self._done.is_set(),
                                    max(0.0, deadline - time.monotonic()))
            answer = self._answers.get(message_id)
        if answer is None:
            raise SearchIndexError("no answer" if time.monotonic() >= deadline else "it stopped before answering")
        if answer.get("type") == "Error":
            raise SearchIndexError(str(answer.get("message", answer))[:500])
        return answer

    def _read_answers(self) -> None:
        stream = self._process.stdout  # type: ignore[union-attr]
        pending = b""
        try:
            while chunk := stream.read1(1 << 16):  # type: ignore[union-attr]
                pending += chunk
                *messages, pending = pending.split(b",")
                for message in messages:
                    answer = json.loads(base64.b64decode(message))
                    with self._answered:
                        # An answer to a message the service could not read carries no id: a failure.
                        if answer.get("message_id") is None:
                            self._fail(str(answer.get("payload", answer))[:500])
                        else:
                            self._answers[answer["message_id"]] = answer["payload"]
                        self._answered.notify_all()
        except (OSError, ValueError) as error:
            self._fail(f"unreadable answer ({error})")
        finally:
            with self._answered:
                self._ended = True
                self._answered.notify_all()


def build_search_index(site_dir: Path) -> Path:
    """Index the finished site (every language) into site_dir/pagefind/; returns that folder."""
    indexer = SearchIndexer()
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir)
        if relative.parts[0] != BUNDLE_DIR:
            indexer.add_page(page_url(relative.as_posix()), path.read_text(encoding="utf-8", errors="replace"))
    indexer.write_to(site_dir)
    return indexer.wait()


def _tidy_bundle(bundle: Path) -> Path:
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)
    # The engine for languages Pagefind cannot stem: written every time, loaded only for those.
    entry = json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))
    if all(language.get("wasm") for language in entry["languages"].values()):
        (bundle / "wasm.unknown.pagefind").unlink(missing_ok=True)
    return bundle
