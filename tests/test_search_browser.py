"""The header's search, as a reader uses it in Chromium (Pagefind's index, js/search.js).

Per language: the queries of the search issue find the expected rule among the first results
(stemming, accents, rule codes typed any way); each language searches its own pages; a flow's
question leads to its block; excerpts stay short; nothing of the search is downloaded before the
reader opens it, and opening it then finds results; it opens by click, by "/", "s" and Tab +
Enter on the phone's button, closes with Escape, and the arrows move through the results;
axe-core finds nothing with results shown; without JavaScript the magnifier leads to the rule index.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from conftest import LANGUAGES, ROOTS, BuiltSite, axe_violations
from netguide.guide import Guide
from netguide.kinds.flows import FLOWS

pytestmark = pytest.mark.browser

RULE_PAGE = "rules/R21/"
TOP = 5
# Everything the search may download: our dialog's script and Pagefind's files (and Material's
# search, which must not come back).
SEARCH_FILES = re.compile(r"/(pagefind/|js/search\.js|css/search\.css|search/|assets/javascripts/(workers|lunr)/)")
# Rules that speak of invitations (the English guide mostly says "connection request").
ON_INVITATIONS = {"R07", "R11", "R12", "R13", "R15", "R17", "R18", "R19", "R20"}
RULE_CODES = [("R7", {"R07"}), ("r07", {"R07"}), ("r7", {"R07"}), ("R12", {"R12"}), ("r12", {"R12"})]
CASES = [
    ("fr", "recommander", {"R21"}), ("fr", "recommandation", {"R21"}), ("fr", "recommandez", {"R21"}),
    ("en", "recommended", {"R21"}), ("en", "invites", ON_INVITATIONS), ("en", "accepting", {"R17", "R18", "R19"}),
    *((language, query, expected) for language in LANGUAGES for query, expected in RULE_CODES),
]
SAME_RESULTS = [("fr", "reseau", "réseau"), ("fr", "controle", "contrôle"), ("en", "resume", "résumé")]


def open_search(page, language: str, path: str = RULE_PAGE) -> None:
    page.goto(f"/{ROOTS[language]}{path}")
    page.locator("input.md-search__input").click()


def search(page, query: str) -> list[str]:
    """Type the query into the open search box; the result links, once shown for this query."""
    page.locator("input.md-search__input").fill(query)
    page.wait_for_function("query => document.getElementById('guide-search-results').dataset.for === query", arg=query)
    return page.locator("#guide-search-results a[href]").evaluate_all("links => links.map(link => link.href)")


def first_pages(links: list[str]) -> list[str]:
    return list(dict.fromkeys(link.split("#")[0] for link in links))[:TOP]


def rules_in(pages: list[str]) -> list[str]:
    return [found.group(1) for page in pages if (found := re.search(r"/rules/(R\d+)/$", page))]


@pytest.mark.parametrize(("language", "query", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_query_finds_the_expected_rule(page, served_site: BuiltSite, language: str, query: str,
                                       expected: set[str]) -> None:
    open_search(page, language)
    pages = first_pages(search(page, query))
    assert set(rules_in(pages)) & expected, f"{query!r} in {language}: first pages {pages}"
    # each language searches its own pages only
    root = served_site.url(ROOTS[language])
    assert all(url.startswith(root) and (language == "en" or "/en/" not in url) for url in pages)


@pytest.mark.parametrize(("language", "plain", "accented"), SAME_RESULTS)
def test_accents_do_not_matter(page, served_site: BuiltSite, language: str, plain: str, accented: str) -> None:
    open_search(page, language)
    without = first_pages(search(page, plain))
    assert without and without == first_pages(search(page, accented))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_flow_question_leads_to_its_block(page, served_site: BuiltSite, guide: Guide, language: str) -> None:
    flow = FLOWS.all(guide)[0]
    question = next(node for node in flow.nodes if node.is_question and node is not flow.start)
    open_search(page, language)
    links = search(page, question.texts[language].question)
    assert served_site.url(f"{ROOTS[language]}flows/{flow.id}/#{question.anchor}") in links
    # the flow's printable key repeats every question: it is not a second entry
    assert not [link for link in links if "#k-" in link or "#flow-key" in link]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_flow_outcome_is_found_where_it_is_explained(page, served_site: BuiltSite, language: str) -> None:
    """Where an outcome lives, the export says: its own page when it has one (export's "url"), else its
    block on the flow's page; a search for its title leads there, and only there."""
    export = json.loads(served_site.html("api/guide.json"))
    flow = export["flows"][0]
    outcome = next(node for node in flow["nodes"] if node["kind"] == "outcome")
    where = outcome["url"][language] if "url" in outcome else f"{flow['url'][language]}#{outcome['anchor']}"
    open_search(page, language)
    links = search(page, outcome["outcome"][language])
    path = urlsplit(where).path + (f"#{urlsplit(where).fragment}" if urlsplit(where).fragment else "")
    assert served_site.url(path) in links
    if "url" in outcome:  # not a second entry on the flow's page
        assert not [link for link in links if f"#{outcome['anchor']}" in link]


@pytest.mark.parametrize("language", LANGUAGES)
def test_excerpts_stay_short_even_for_the_rule_index(page, served_site: BuiltSite, guide: Guide,
                                                     language: str) -> None:
    open_search(page, language)
    # the rule index holds every rule's code, title and statement
    links = search(page, guide.ui[language]["index_title"])
    assert served_site.url(f"{ROOTS[language]}rules/") in [link.split("#")[0] for link in links]
    entries = page.locator("#guide-search-results a[href]").evaluate_all("links => links.map(a => a.innerText)")
    assert entries and max(map(len, entries)) <= 300, max(entries, key=len)


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_of_the_search_loads_before_it_is_opened(page, served_site: BuiltSite, language: str) -> None:
    asked: list[str] = []
    # on the context: a worker's requests are not always reported to the page
    page.context.on("request", lambda request: asked.append(request.url))
    page.goto(f"/{ROOTS[language]}{RULE_PAGE}", wait_until="networkidle")
    page.wait_for_timeout(1000)
    assert asked and not [url for url in asked if SEARCH_FILES.search(url)]
    page.locator("input.md-search__input").click()
    page.keyboard.type("R12")
    page.locator("#guide-search-results a[href]").first.wait_for()
    assert page.locator("#guide-search-results a[href]").first.evaluate("a => a.href") == served_site.url(
        f"{ROOTS[language]}rules/R12/")
    searched = [url for url in asked if SEARCH_FILES.search(url)]
    assert any(url.endswith("/js/search.js") for url in searched)
    assert any(url.endswith("/css/search.css") for url in searched)
    assert any(url.endswith("/pagefind/pagefind.js") for url in searched)
    assert not [url for url in searched if "/pagefind/pagefind-worker" in url]  # the search runs in the page
    # Pagefind's files of a language are named after it (fr_…, wasm.fr.…): none of the other's
    others = [other for other in LANGUAGES if other != language]
    assert not [url for url in searched for other in others if re.search(rf"/pagefind/(.*[/.])?{other}[._]", url)]


def test_opens_with_the_slash_key_and_the_arrows_move_through_results(page, served_site: BuiltSite) -> None:
    page.goto(f"/en/{RULE_PAGE}")
    page.locator("h1").click()  # the focus in the page, not in a field
    page.keyboard.press("/")
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("r7")
    page.wait_for_function("document.getElementById('guide-search-results').dataset.for === 'r7'")
    links = page.locator("#guide-search-results a[href]")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == links.nth(0).evaluate("a => a.href")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == links.nth(1).evaluate("a => a.href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(served_site.url("en/rules/R07/"))


def test_enter_in_the_box_opens_the_first_result(page, served_site: BuiltSite) -> None:
    open_search(page, "fr")
    search(page, "r12")
    page.keyboard.press("Enter")
    page.wait_for_url(served_site.url("rules/R12/"))


def test_s_key_opens_and_escape_closes(page, served_site: BuiltSite) -> None:
    page.goto(f"/{RULE_PAGE}")
    page.locator("h1").click()
    page.keyboard.press("s")
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_header_button_opens_with_tab_and_enter_on_a_phone(browser, served_site: BuiltSite) -> None:
    context = browser.new_context(base_url=served_site.base_url, viewport={"width": 412, "height": 823})
    try:
        page = context.new_page()
        page.goto(f"/{RULE_PAGE}")
        button = page.locator(".guide-search__open")
        assert button.is_visible()
        assert button.get_attribute("role") == "button"
        for _ in range(30):  # Tab from the top of the page until the search button has the focus
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('guide-search__open')"):
                break
        else:
            pytest.fail("Tab never reached the header's search button")
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__search').checked")
        page.keyboard.type("r12")
        page.wait_for_function("document.getElementById('guide-search-results').dataset.for === 'r12'")
        assert page.locator("#guide-search-results a[href]").first.is_visible()
        # Escape gives the focus back to the button
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__search').checked")
        assert page.evaluate("document.activeElement.classList.contains('guide-search__open')")
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_open_search_with_results_passes_axe(page, served_site: BuiltSite, language: str) -> None:
    open_search(page, language)
    search(page, "R12")
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_magnifier_leads_to_the_rule_index(nojs_page, served_site: BuiltSite, guide: Guide,
                                                                  language: str) -> None:
    nojs_page.goto(f"/{ROOTS[language]}{RULE_PAGE}")
    link = nojs_page.locator("a.guide-search__open")
    assert link.is_visible()
    assert link.get_attribute("aria-label") == guide.ui[language]["index_title"]
    link.click()
    nojs_page.wait_for_url(served_site.url(f"{ROOTS[language]}rules/"))
