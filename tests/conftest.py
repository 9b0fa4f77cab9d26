"""Shared fixtures: the real site built once per session, served on loopback, and Chromium.

Site and browser tests assert on what a person would get: the built HTML, pages opened
in Debian's Chromium through Playwright, printed PDFs.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from netguide.adapter.config import project_languages
from netguide.errors import KnowledgeError, Problem
from netguide.guide import Guide
from netguide.load import load_guide
from netguide.search import BUNDLE_DIR
from netguide.urls import language_root

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
import check_deploy  # noqa: E402 (deploy/nginx.conf on loopback, as benchmarks/check_deploy.py runs it)
from common import copy_project, scratch_dir  # noqa: E402 (the benchmarks' copy: config, hooks, templates, prose, data)

# Chromium flags for a closed network: no background calls home, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update",
]
# The site's languages and each one's root ('' for the default, 'en/'), from mkdocs.yml.
LANGUAGES = project_languages(PROJECT_ROOT)
ROOTS = {language: language_root(language, LANGUAGES[0]) for language in LANGUAGES}


def published_ids(section: str) -> list[str]:
    """The published IDs of a kind, read from the registry alone (for parametrizing tests at collection)."""
    registry = yaml.safe_load((PROJECT_ROOT / "knowledge" / "registry.yml").read_text(encoding="utf-8"))
    return list(registry[section]["published"])


@pytest.fixture(scope="session")
def guide() -> Guide:
    """The real knowledge base, loaded and checked once per session."""
    return load_guide(PROJECT_ROOT, LANGUAGES)


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    base_url: str

    def path(self, url_path: str) -> Path:
        """The file a static host would serve for a URL path like 'en/rules/R07/'."""
        target = self.root / url_path.lstrip("/")
        return target / "index.html" if url_path.endswith("/") or not url_path else target

    def html(self, url_path: str) -> str:
        return self.path(url_path).read_text(encoding="utf-8")

    def url(self, url_path: str) -> str:
        return self.base_url + url_path.lstrip("/")


def search_records(site: BuiltSite | Path, language: str, language_root: str | None = None) -> dict[str, dict]:
    """Pagefind's record of each indexed page of a language, by URL path from the site's root (gzip files,
    with a signature). Each language's bundle is at its root and gives addresses from there; a folder
    indexed whole (build_search_index) has one bundle at its root: ``language_root`` ''."""
    site_root = site.root if isinstance(site, BuiltSite) else site
    root = ROOTS.get(language, "") if language_root is None else language_root
    records = {}
    for path in (site_root / root / BUNDLE_DIR / "fragment").glob(f"{language}_*.pf_fragment"):
        record = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8").removeprefix("pagefind_dcd"))
        records[f"/{root}{record['url'].lstrip('/')}"] = record
    return records


@contextmanager
def nginx_serving(built_site: BuiltSite) -> Iterator[tuple[str, Path]]:
    """A copy of the built site served by deploy/nginx.conf on loopback: (its base URL, the copy)."""
    work = scratch_dir("test-nginx")
    try:
        work.chmod(0o755)  # nginx's workers run unprivileged and must read the copy
        site = work / "site"
        shutil.copytree(built_site.root, site)
        site.chmod(0o755)  # pytest's temporary directories are private to their owner
        with check_deploy.NginxServer(site, free_port(), work / "nginx") as server:
            yield server.url, site
    finally:
        shutil.rmtree(work, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_site(site_dir: Path, site_url: str, project_root: Path = PROJECT_ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project_root, env=env, capture_output=True, text=True, check=False,
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, server_port: int) -> BuiltSite:
    """The real site, both languages, built with `mkdocs build --strict` once per session."""
    site_dir = tmp_path_factory.mktemp("site")
    base_url = f"http://127.0.0.1:{server_port}/"
    result = build_site(site_dir, base_url)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return BuiltSite(site_dir, base_url)


@pytest.fixture(scope="session")
def served_site(built_site: BuiltSite, server_port: int) -> Iterator[BuiltSite]:
    handler = functools.partial(_QuietHandler, directory=str(built_site.root))
    server = ThreadingHTTPServer(("127.0.0.1", server_port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield built_site
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class RequestLog:
    """Every request a page makes, to check none leaves the site and none fails."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.third_party: list[str] = []
        self.failed: list[str] = []

    def attach(self, page: object) -> None:
        page.on("request", self._on_request)
        page.on("response", self._on_response)

    def _on_request(self, request: object) -> None:
        url = request.url
        if not url.startswith((self.base_url, "data:", "blob:", "about:")):
            self.third_party.append(url)

    def _on_response(self, response: object) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")


@pytest.fixture
def page(browser: object, served_site: BuiltSite) -> Iterator[object]:
    """A fresh browser tab with JavaScript on; fails the test on any third-party or failed request."""
    context = browser.new_context(base_url=served_site.base_url, viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site.base_url.rstrip("/"))
    tab = context.new_page()
    log = RequestLog(served_site.base_url)
    log.attach(tab)
    tab.requests = log
    yield tab
    context.close()
    assert not log.third_party, f"third-party requests: {log.third_party}"
    assert not log.failed, f"failed requests: {log.failed}"


@pytest.fixture
def nojs_page(browser: object, served_site: BuiltSite) -> Iterator[object]:
    """A browser tab with JavaScript disabled."""
    context = browser.new_context(base_url=served_site.base_url, java_script_enabled=False)
    tab = context.new_page()
    yield tab
    context.close()


def axe_violations(tab: object) -> list[str]:
    """axe-core's violations on the page as it is now, one line each (rule id, then a target)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab)
    return [
        f"{violation['id']}: {violation['help']} at {violation['nodes'][0]['target']}"
        for violation in results.response["violations"]
    ]


def problems_of(root: Path) -> list[Problem]:
    """The problems that stop loading the knowledge base at ``root`` (the test fails if it loads)."""
    with pytest.raises(KnowledgeError) as caught:
        load_guide(root, LANGUAGES)
    return caught.value.problems


def message_of(root: Path) -> str:
    with pytest.raises(KnowledgeError) as caught:
        load_guide(root, LANGUAGES)
    return str(caught.value)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project that builds on its own, to break or extend without touching the real one."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A copy of the project's knowledge/ in a scratch project root, for bad-input tests."""
    shutil.copytree(PROJECT_ROOT / "knowledge", tmp_path / "knowledge")
    return tmp_path
