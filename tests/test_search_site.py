"""The built site's search: Pagefind's index per language, what it holds and leaves out, the header's
markup, and Material's stylesheet trimmed for the site (netguide/search.py, netguide/adapter/material_assets.py).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import material
import pytest

from conftest import LANGUAGES, ROOTS, BuiltSite, search_records
from netguide import search
from netguide.adapter import material_assets
from netguide.adapter.material_assets import Names, can_match, collapse_whitespace, trim, used_names
from netguide.guide import Guide
from netguide.kinds.flows import FLOWS
from netguide.kinds.rules import RULES
from netguide.search import IGNORE_ATTRIBUTE, SearchIndexer, SearchIndexError, build_search_index


def flat(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


# --- the index --------------------------------------------------------------------------------


def test_each_language_has_its_own_index_with_every_rule(built_site: BuiltSite, guide: Guide) -> None:
    for language, root in ROOTS.items():
        # each language's bundle at its root, holding that language only
        entry = json.loads((built_site.root / root / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [language]
        assert list((built_site.root / root / "pagefind").glob(f"pagefind.{language}_*.pf_meta"))
        records = search_records(built_site, language)
        assert all(url.startswith(f"/{root}") and (root or not url.startswith("/en/")) for url in records)
        for rule in RULES.all(guide):
            record = records[f"/{root}rules/{rule.id}/"]
            assert record["meta"]["title"].startswith(rule.id), (language, rule.id)
            assert flat(rule.texts[language].title) in flat(record["content"])


def test_only_pages_of_content_are_indexed(built_site: BuiltSite) -> None:
    html_pages = [path for path in built_site.root.rglob("*.html") if "pagefind" not in path.parts]
    redirects = [path for path in html_pages if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")]
    for language, root in ROOTS.items():
        urls = set(search_records(built_site, language))
        # short links and redirects, the short-link folders, the print page, the page not found
        assert not [url for url in urls if re.match(rf"/{root}(r|c|d)/", url)], urls
        assert f"/{root}checklists/print/" not in urls
        assert not [url for url in urls if "404" in url]
        assert {f"/{root}", f"/{root}rules/", f"/{root}checklists/", f"/{root}flows/", f"/{root}coaches/"} <= urls
    indexed = sum(len(search_records(built_site, language)) for language in LANGUAGES)
    assert 0 < indexed < len(html_pages) - len(redirects)
    # pages out of search say so in the HTML: no data-pagefind-body
    assert "data-pagefind-body" not in built_site.html("checklists/print/")
    assert "data-pagefind-body" not in built_site.html("en/r/")
    assert "data-pagefind-body" not in built_site.html("404.html")
    assert built_site.html("rules/R07/").count("data-pagefind-body") == 1


def test_what_templates_mark_data_search_ignore_is_left_out(built_site: BuiltSite, guide: Guide) -> None:
    for language, root in ROOTS.items():
        records = search_records(built_site, language)
        rule = records[f"/{root}rules/R07/"]["content"]
        assert IGNORE_ATTRIBUTE in built_site.html(f"{root}rules/R07/").split('class="guide-permalink"', 1)[1][:40]
        assert "http://" not in rule and "https://" not in rule  # the short-link box
        for flow in FLOWS.all(guide):
            page = records[f"/{root}flows/{flow.id}/"]
            question = flat(next(node for node in flow.nodes if node.is_question and node is not flow.start)
                            .texts[language].question)
            assert flat(page["content"]).count(question) == 1  # not a second time from the printable key
            assert not [anchor for anchor in page["anchors"] if anchor["id"].startswith(("k-", "flow-key"))]


def test_data_search_ignore_maps_to_pagefind_on_any_html(tmp_path: Path) -> None:
    """The mapping is generic: any element marked, its headings and ids included, on any page."""
    site = tmp_path / "site"
    (site / "one").mkdir(parents=True)
    (site / "one" / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>One</title></head><body><nav>menu</nav>'
        '<main data-pagefind-body><h1>Findable page</h1><p>kept words</p>'
        f'<section {IGNORE_ATTRIBUTE}><h2 id="hidden-heading">Zebra heading</h2><p>quagga</p></section>'
        f'<p>more <span {IGNORE_ATTRIBUTE}="">okapi</span> words</p><h2 id="kept">Kept heading</h2></main>'
        "</body></html>", encoding="utf-8")
    (site / "two.html").write_text('<!doctype html><html lang="en"><body><p>unmarked page</p></body></html>',
                                   encoding="utf-8")
    bundle = build_search_index(site)
    (record,) = search_records(site, "en", language_root="").values()
    assert record["url"] == "/one/"
    assert "kept words" in record["content"] and "Kept heading" in record["content"]
    assert not {"Zebra", "quagga", "okapi", "menu"} & set(re.findall(r"\w+", record["content"]))
    assert [anchor["id"] for anchor in record["anchors"]] == ["kept"]
    # Pagefind's ready-made interfaces and its worker are not part of the site
    assert not [name for name in search.UNUSED_FILES if (bundle / name).exists()]
    assert (bundle / "pagefind.js").is_file() and not (bundle / "wasm.unknown.pagefind").exists()


def test_a_failing_indexer_stops_the_build_with_a_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "pagefind_executable", lambda: tmp_path / "no-pagefind")
    with pytest.raises(SearchIndexError, match=r"Pagefind could not index .*Fix: install the project's dep"):
        build_search_index(tmp_path)


def test_an_indexer_that_stops_or_never_answers_fails_the_build_in_bounded_time(tmp_path: Path) -> None:
    page = '<html lang="en"><body><main data-pagefind-body><p>words</p></main></body></html>'
    stops = tmp_path / "stops"  # ends at once, whatever it is sent
    stops.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    stops.chmod(0o755)
    stopping = SearchIndexer(stops)
    stopping.add_page("/one/", page)
    stopping.write_to(tmp_path)
    with pytest.raises(SearchIndexError, match="stopped"):
        stopping.wait()
    silent = tmp_path / "silent"  # reads everything, answers nothing, keeps its output open
    silent.write_text("#!/bin/sh\nwhile read -r line; do :; done\n", encoding="utf-8")
    silent.chmod(0o755)
    mute = SearchIndexer(silent, wait_seconds=1)
    mute.add_page("/one/", page)  # waits for the new index's answer at most wait_seconds
    mute.write_to(tmp_path)
    with pytest.raises(SearchIndexError, match="no answer"):
        mute.wait()
    assert not (tmp_path / search.BUNDLE_DIR).exists()


def test_pages_are_sent_only_when_they_mark_what_to_index() -> None:
    assert search.page_url("index.html") == "/" and search.page_url("rules/R07/index.html") == "/rules/R07/"
    assert search.page_url("404.html") == "/404.html"
    indexer = SearchIndexer()
    indexer.add_page("/redirect/", '<html lang="fr"><head><meta http-equiv="refresh"></head></html>')
    indexer.add_page("/page/", '<html lang="fr"><main data-pagefind-body><p>mots</p></main></html>')
    assert len(indexer._added) == 1
    indexer.stop()


def test_pagefind_comes_from_the_project_dependencies() -> None:
    version = subprocess.run([str(search.pagefind_executable()), "--version"], capture_output=True,
                             text=True, check=True)
    assert version.stdout.strip() == "pagefind 1.5.2"


def test_no_material_search_is_left_in_the_site(built_site: BuiltSite) -> None:
    assert not (built_site.root / "search").exists() and not (built_site.root / "en" / "search").exists()
    for path in ("", "rules/R07/", "en/rules/R07/", "404.html", "en/404.html"):
        page = built_site.html(path)
        assert 'data-md-component="search' not in page  # Material's script leaves our dialog alone
        assert 'name="search"' not in page  # Material fetches its index when a form of that name exists
        assert "search.highlight" not in page


# --- the header's search box -------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_search_is_a_link_to_the_rule_index_without_javascript(built_site: BuiltSite, guide: Guide,
                                                                      language: str) -> None:
    root = ROOTS[language]
    label = guide.ui[language]["index_title"]
    for path, index in ((f"{root}rules/R07/", "../"), (root, "rules/"), (f"{root}coaches/", "../rules/")):
        page = built_site.html(path)
        header = page.split("<header", 1)[1].split("</header>", 1)[0]
        # at the end of the header's bar, where Material puts its own search
        assert header.index('class="md-select"') < header.index('class="md-search guide-search"')
        assert header.rstrip().endswith("</div></nav>")
        assert page.count('class="md-search guide-search"') == 1
        link = re.search(r'<a class="md-header__button md-icon guide-search__open" href="([^"]+)"'
                         r' title="([^"]+)" aria-label="([^"]+)"', header)
        assert link and link.groups() == (index, label, label), path
        assert f'<form class="md-search__form" action="{index}">' in header
        assert 'data-search-script="' in header and 'data-search-bundle="' in header


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_not_found_searches_from_any_address(built_site: BuiltSite, language: str) -> None:
    root = ROOTS[language]
    page = built_site.html(f"{root}404.html")
    assert re.search(rf'guide-search__open" href="/{root}rules/"', page)
    assert f'data-search-script="/js/search.js" data-search-bundle="/{root}pagefind/"' in page


def test_synonyms_reach_the_page_of_their_language(built_site: BuiltSite) -> None:
    for language, root in ROOTS.items():
        attribute = re.search(r'data-synonyms="([^"]*)"', built_site.html(f"{root}rules/R07/")).group(1)
        assert json.loads(attribute.replace("&#34;", '"')) == search.SYNONYMS.get(language, {})


# --- Material's stylesheet, trimmed for the site -----------------------------------------------


def test_every_page_links_the_trimmed_stylesheet(built_site: BuiltSite) -> None:
    folder = built_site.root / material_assets.STYLESHEET_DIR
    (stylesheet,) = [path for path in folder.glob("main.*.min.css")]
    assert material_assets.STYLESHEET.match(stylesheet.name)
    (original,) = (Path(material.__file__).parent / "templates" / material_assets.STYLESHEET_DIR).glob("main.*.min.css")
    assert stylesheet.name != original.name and not (folder / f"{original.name}.map").exists()
    trimmed = stylesheet.read_text(encoding="utf-8")
    assert len(trimmed) < 0.75 * original.stat().st_size
    # the trim is its own fixed point: nothing left can be dropped
    assert trim(trimmed, used_names(built_site.root)) == trimmed
    for path in built_site.root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert original.name not in text, path
        if "<link rel=\"stylesheet\"" in text:
            assert stylesheet.name in text, path


def test_the_trim_keeps_what_scripts_add_and_drops_what_nothing_uses(built_site: BuiltSite) -> None:
    (stylesheet,) = (built_site.root / material_assets.STYLESHEET_DIR).glob("main.*.min.css")
    css = stylesheet.read_text(encoding="utf-8")
    for kept in (".md-search-result__icon",  # js/search.js builds it
                 ".md-header__title--active", ".md-nav__link--active",  # Material's bundle toggles them
                 ".md-search__input", ".md-select__link", ".md-skip"):  # in the pages
        assert kept in css, kept
    for dropped in (".admonition", ".tabbed-set", ".highlighttable", ".md-banner", ".md-consent", ".md-feedback"):
        assert dropped not in css, dropped


def test_can_match_judges_each_selector_on_what_can_occur() -> None:
    names = Names(frozenset({"md-typeset", "md-nav", "used", "js"}), ("md-tag--",))
    assert can_match(".md-typeset .used", names)
    assert not can_match(".md-typeset .admonition", names)
    assert can_match(".md-typeset :is(.admonition,.used)", names)
    assert not can_match(".md-typeset :is(.admonition,details.note)", names)
    assert can_match(".md-typeset .used:not(.admonition)", names)  # :not() decides nothing
    assert can_match('a[href^="#top"].used', names)  # a hash in an attribute's value names no id
    assert can_match(".md-tag--python", names)  # a class a script builds from "md-tag--"
    assert can_match("html", names) and can_match("[dir=rtl] .js", names)
    assert can_match(".md-typeset .\\31 0", names)  # not understood: kept


def test_trim_keeps_what_it_does_not_judge() -> None:
    names = Names(frozenset({"used"}), ())
    css = ('@charset "UTF-8";.unused{a:b}.used,.unused{c:d}'
           "@media screen{.unused{e:f}.used{g:h}}@media print{.unused{i:j}}"
           "@keyframes k{0%{opacity:0}to{opacity:1}}@font-face{font-family:x}"
           '.used:after{content:"}{"}')
    assert trim(css, names) == ('@charset "UTF-8";.used{c:d}@media screen{.used{g:h}}'
                                "@keyframes k{0%{opacity:0}to{opacity:1}}@font-face{font-family:x}"
                                '.used:after{content:"}{"}')


def test_trim_drops_the_custom_properties_nothing_reads() -> None:
    css = (':root{--read:1;--unread:url("data:image/svg+xml;charset=utf-8,<svg/>");--chained:2;'
           "--by-unused:var(--chained);--named-elsewhere:3}.used{color:var(--read)}.unused{color:var(--by-unused)}")
    names = Names(frozenset({"used"}), (), frozenset({"--named-elsewhere"}))
    assert trim(css, names) == ":root{--read:1;--named-elsewhere:3}.used{color:var(--read)}"


def test_used_names_come_from_pages_and_scripts(tmp_path: Path) -> None:
    (tmp_path / "js").mkdir()
    (tmp_path / "index.html").write_text(
        '<html class="no-js"><body id=top><p class=\'a b\'>x</p>'
        '<script>document.body.classList.add("inline-added")</script></body></html>', encoding="utf-8")
    (tmp_path / "js" / "app.js").write_text(
        'el.classList.toggle("md-nav__link--active"); el.className = `md-source__fact--${kind}`;', encoding="utf-8")
    names = used_names(tmp_path)
    assert {"no-js", "top", "a", "b", "inline-added", "md-nav__link--active"} <= names.exact
    assert names.can_occur("md-source__fact--stars") and not names.can_occur("md-typeset")


def test_collapse_whitespace_keeps_what_a_reader_gets() -> None:
    page = ('<p class="a   b"\n   title="x\n  y">\n    Some\n      <em>text</em>   and\n\n  more\n  </p>\n'
            "<pre>  keep\n    this </pre>\n<code>a\n   b</code>\n<script>if (a)\n    b();</script>\n"
            "<textarea>\n  typed</textarea>\n<kbd>Ctrl\n  C</kbd>")
    assert collapse_whitespace(page) == (
        '<p class="a   b"\n   title="x\n  y">\nSome\n<em>text</em>   and\nmore\n</p>\n'
        "<pre>  keep\n    this </pre>\n<code>a\n   b</code>\n<script>if (a)\n    b();</script>\n"
        "<textarea>\n  typed</textarea>\n<kbd>Ctrl\n  C</kbd>")
    assert collapse_whitespace(collapse_whitespace(page)) == collapse_whitespace(page)


@pytest.mark.browser
def test_collapsed_pages_look_and_read_the_same(browser, built_site: BuiltSite) -> None:
    """A page as Material's templates indent it and collapsed: the same text, the same pixels."""
    stylesheet = next((built_site.root / material_assets.STYLESHEET_DIR).glob("main.*.min.css"))
    indented = (f'<!doctype html><html><head><link rel="stylesheet" href="{stylesheet.as_uri()}"></head>'
                '<body dir="ltr"><article class="md-content__inner md-typeset">\n    <h1 id="t">\n      '
                '<span class="guide-code">R07</span>\n      Title\n    </h1>\n    <p>\n      One\n      '
                '<a href="#t">link</a>\n      ,\n      <strong>strong</strong>\n    </p>\n    <ul>\n      '
                "<li>\n        item\n      </li>\n    </ul>\n    <pre><code>  code\n    kept</code></pre>\n"
                "  </article></body></html>")
    tab = browser.new_page(viewport={"width": 600, "height": 400})
    try:
        seen = []
        for html in (indented, collapse_whitespace(indented)):
            path = built_site.root.parent / "collapse.html"
            path.write_text(html, encoding="utf-8")
            tab.goto(path.as_uri())
            seen.append((tab.locator("body").inner_text(), tab.screenshot()))
        assert seen[0] == seen[1]
    finally:
        tab.close()
