"""The real site, built once with `mkdocs build --strict`: every rule page, short link, anchor and the export."""

from __future__ import annotations

import html
import json
import re
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import LANGUAGES, ROOTS, BuiltSite, build_site, copy_project, edit, free_port
from netguide.adapter.frontmatter import check_front_matter
from netguide.errors import ProblemList
from netguide.guide import Guide
from netguide.kinds.rules import RULES
from netguide.kinds.sources import SOURCES
from netguide.kinds.themes import THEMES


def attribute(markup: str, pattern: str) -> str:
    found = re.search(pattern, markup)
    assert found, pattern
    return html.unescape(found.group(1))


def site_path(page_url_path: str, link: str) -> str:
    """Resolve a relative link found on a page to a path under the site root."""
    return urljoin("/" + page_url_path, link).lstrip("/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_rule_page(built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    for rule in RULES.all(guide):
        text = rule.texts[language]
        page = built_site.html(f"{root}rules/{rule.id}/")
        assert f'<html lang="{language}"' in page
        assert f"<title>{rule.id} · {html.escape(text.title, quote=False)}" in page.replace("&#39;", "'")
        assert attribute(page, r'<meta name="description" content="([^"]*)"') == text.statement
        assert f'<h1 id="{rule.id}">' in page
        for anchor in ("why", "how", "sources"):
            assert f'id="{anchor}"' in page, (rule.id, anchor)
        assert ('id="example"' in page) == (text.example is not None)
        assert ('id="views"' in page) == bool(rule.views)
        # hreflang alternates: absolute, one per language and x-default
        for other, other_root in ROOTS.items():
            assert f'href="{built_site.base_url}{other_root}rules/{rule.id}/" hreflang="{other}"' in page
        assert 'hreflang="x-default"' in page
        # every link to another rule or theme from the page resolves to a built page
        for link in re.findall(r'href="(\.\./[^"#]*)', page):
            target = site_path(f"{root}rules/{rule.id}/", link)
            assert built_site.path(target).exists(), (rule.id, link)


@pytest.mark.parametrize("language", LANGUAGES)
def test_short_links_redirect_to_their_rule(built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    for rule in RULES.all(guide):
        page = built_site.html(f"{root}r/{rule.id}/")
        target = attribute(page, r'<meta http-equiv="refresh" content="0; url=([^"]+)"')
        assert site_path(f"{root}r/{rule.id}/", target) == f"{root}rules/{rule.id}/"
        assert "location.hash" in page  # keeps #fragment when JavaScript runs
        assert f'<html lang="{language}">' in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_theme_pages_and_index_anchor_every_rule(built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    index = built_site.html(f"{root}rules/")
    for theme in THEMES.all(guide):
        page = built_site.html(f"{root}themes/{theme.id}/")
        assert html.escape(theme.texts[language].title, quote=False) in page.replace("&#39;", "'")
        for rule in (rule for rule in RULES.all(guide) if rule.theme == theme.id):
            assert f'<li id="{rule.id}"' in page
            assert f'href="../../rules/{rule.id}/"' in page
    for rule in RULES.all(guide):
        assert f'<tr id="{rule.id}">' in index


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_exist_in_both_languages(built_site: BuiltSite, language: str) -> None:
    for url_path in ("", "coaches/", "sources/", "rules/"):
        page = built_site.html(ROOTS[language] + url_path)
        assert f'<html lang="{language}"' in page
        assert '<meta name="description"' in page


def test_sources_page_lists_rules_drawn_from_each_document(built_site: BuiltSite, guide: Guide) -> None:
    for language in LANGUAGES:
        page = built_site.html(ROOTS[language] + "sources/")
        for source in SOURCES.all(guide):
            assert f'<h2 id="{source.id}">' in page
            section = page.split(f'<h2 id="{source.id}">')[1].split("</section>")[0]
            for rule in (rule for rule in RULES.all(guide) if source.id in rule.sources):
                assert f'href="../rules/{rule.id}/"' in section


def test_export_lists_every_rule_with_working_urls(built_site: BuiltSite, guide: Guide) -> None:
    export = json.loads(built_site.path("api/guide.json").read_text(encoding="utf-8"))
    assert export["languages"] == list(LANGUAGES)
    assert [rule["id"] for rule in export["rules"]] == [rule.id for rule in RULES.all(guide)]
    for entry in export["rules"]:
        rule = RULES.get(guide, entry["id"])
        assert entry["theme"] == rule.theme
        for language in LANGUAGES:
            assert entry["title"][language] == rule.texts[language].title
            for key in ("url", "short_url"):
                url = entry[key][language]
                assert url.startswith(built_site.base_url)
                assert built_site.path(url.removeprefix(built_site.base_url)).is_file(), url


def test_no_page_loads_anything_from_another_site(built_site: BuiltSite) -> None:
    external = re.compile(
        r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//(?![^"]*127\.0\.0\.1)'
    )
    for path in built_site.root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not external.search(text.replace('rel="alternate"', "").replace('rel="canonical"', "")), path
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path


def test_language_switcher_lands_on_the_same_page(built_site: BuiltSite, guide: Guide) -> None:
    rule_id = RULES.all(guide)[6].id
    french = built_site.html(f"rules/{rule_id}/")
    english = built_site.html(f"en/rules/{rule_id}/")
    assert re.search(rf'href="[^"]*en/rules/{rule_id}/"[^>]*hreflang="en"', french)
    assert re.search(rf'href="[^"]*/rules/{rule_id}/"[^>]*hreflang="fr"', english)


def test_french_pages_use_french_typography(built_site: BuiltSite, guide: Guide) -> None:
    for rule in RULES.all(guide):
        page = built_site.html(f"rules/{rule.id}/")
        article = page.split('<article class="guide-rule"')[1].split("</article>")[0]
        text = html.unescape(re.sub(r"<[^>]+>", "", article))
        for mark in ":;!?»":
            assert f" {mark}" not in text, (rule.id, mark)


def test_mkdocs_serve_serves_both_languages(tmp_path) -> None:
    """The README's serve command in miniature: mkdocs serve answers with real pages, rebuilds on a
    save, and writes the search index of each build after serving it."""
    import time
    import urllib.error
    import urllib.request

    def wait_for(url: str, text: str) -> str:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = response.read().decode()
                if text in body:
                    return body
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"mkdocs serve exited: {process.stderr.read()[-2000:]}")
            time.sleep(0.2)
        pytest.fail(f"{url} never showed {text!r}")

    project = copy_project(tmp_path / "project")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"},
    )
    try:
        body = wait_for(f"http://127.0.0.1:{port}/en/rules/R12/", "Personalise every connection request")
        assert "livereload" in body
        entries = {language: f"http://127.0.0.1:{port}/{root}pagefind/pagefind-entry.json"
                    for language, root in (("fr", ""), ("en", "en/"))}
        assert '"en"' in wait_for(entries["en"], '"languages"')
        # a save: the page is rebuilt, and each language's index is written again for the new build
        edit(project / "knowledge" / "rules" / "R12.yml", "Personalise every connection request",
             "Personalise each connection request")
        wait_for(f"http://127.0.0.1:{port}/en/rules/R12/", "Personalise each connection request")
        assert '"fr"' in wait_for(entries["fr"], '"languages"')
        assert '"en"' in wait_for(entries["en"], '"languages"')
        # a missing address gets the page not found of its language (netguide.adapter.events)
        for root, language in (("", "fr"), ("en/", "en")):
            with pytest.raises(urllib.error.HTTPError) as missing:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/{root}rules/R99/", timeout=5)
            assert missing.value.code == 404
            assert f'<html lang="{language}"' in missing.value.read().decode()
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs serve then deletes its temporary site
        process.wait(timeout=30)


def _files(directory: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under ``directory``: its modification time and its content."""
    return {path.relative_to(directory).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
            for path in sorted(directory.rglob("*")) if path.is_file()}


def test_a_failed_build_leaves_the_previous_site_as_it_was(tmp_path: Path) -> None:
    """Bad data or a broken template stops `mkdocs build` before it writes anything, in the site or in docs/."""
    project = tmp_path / "project"
    copy_project(project)
    site = tmp_path / "site"
    url = "http://127.0.0.1:8000/"
    first = build_site(site, url, project)
    assert first.returncode == 0, first.stdout + first.stderr
    before = (_files(site), _files(project / "docs"))
    assert before[0]

    edit(project / "knowledge" / "rules" / "R12.yml", "theme: contact", "theme: nowhere")
    result = build_site(site, url, project)
    assert result.returncode != 0
    assert "knowledge/rules/R12.yml:3 [theme]: unknown theme 'nowhere'" in result.stdout + result.stderr
    assert (_files(site), _files(project / "docs")) == before

    edit(project / "knowledge" / "rules" / "R12.yml", "theme: nowhere", "theme: contact")
    edit(project / "overrides" / "guide" / "rule.html", "{{ t.why }}", "{{ t.why_not }}")
    result = build_site(site, url, project)
    assert result.returncode != 0
    assert "the template uses the interface string 'why_not', which is not defined" in result.stdout + result.stderr
    assert (_files(site), _files(project / "docs")) == before


# Front matter of the hand-written pages (MkDocs alone ignores a malformed one) -----------

def test_malformed_front_matter_names_file_and_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("---\ntitle: ok\ndescription: [broken\n---\n# Page\n", encoding="utf-8")
    problems = ProblemList(tmp_path)
    check_front_matter(docs, problems)
    assert len(problems.items) == 1
    assert str(problems.items[0]).startswith("docs/page.md:")
    assert problems.items[0].line in (3, 4, 5)


def test_unclosed_front_matter(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("---\ntitle: ok\n# Page\n", encoding="utf-8")
    problems = ProblemList(tmp_path)
    check_front_matter(docs, problems)
    assert len(problems.items) == 1
    assert "never closed" in str(problems.items[0])
