"""Finding one's way, in Chromium: short links typed loosely, the page not found of each language
served by deploy/nginx.conf, the keyboard alone (skip link, visible focus), axe-core on every
page type, the language switch keeping a rule's section, the home page on a phone.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import LANGUAGES, ROOTS, BuiltSite, axe_violations, nginx_serving, published_ids
from netguide.guide import Guide
from netguide.kinds.rules import RULES

pytestmark = pytest.mark.browser

# One page of every type the site has (the page not found is below, served by nginx).
PAGE_TYPES = {
    "home": "",
    "theme": "themes/contact/",
    "rule": "rules/R12/",
    "rule index": "rules/",
    "checklist": f"checklists/{published_ids('checklists')[0]}/",
    "checklist index": "checklists/",
    "print all checklists": "checklists/print/",
    "flow": f"flows/{published_ids('flows')[0]}/",
    "flow index": "flows/",
    "sources": "sources/",
    "coaches": "coaches/",
    "short links": "r/",
}
PHONE = {"width": 390, "height": 844}


def skip_to_content(tab: object) -> None:
    """The first Tab reaches the skip link, which is then seen; Enter skips the header and menu."""
    tab.keyboard.press("Tab")
    skip = tab.locator("a.md-skip")
    assert tab.evaluate("document.activeElement.classList.contains('md-skip')")
    skip.wait_for(state="visible")
    target = skip.get_attribute("href")
    tab.keyboard.press("Enter")
    tab.wait_for_function("hash => location.hash === hash", arg=target)
    assert tab.locator(target).count() == 1
    # the next stop is in the page's content, not in the header or the menu
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.closest('.md-content') !== null"), target


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_works_from_the_keyboard_and_passes_axe(page, served_site: BuiltSite, kind: str,
                                                                language: str) -> None:
    page.goto(f"/{ROOTS[language]}{PAGE_TYPES[kind]}")
    assert axe_violations(page) == []
    skip_to_content(page)


def focus_rings(tab: object, stops: int = 80) -> list[str]:
    """Tab through the page; the stops whose focus shows no ring (a solid outline of 2px and a shadow)."""
    missing = []
    first = None
    for _ in range(stops):
        tab.keyboard.press("Tab")
        stop = tab.evaluate("""() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            const text = (element.textContent || "").trim().slice(0, 30);
            return {name: element.tagName + "." + element.className + " " + text,
                    ring: style.outlineStyle === "solid" && parseFloat(style.outlineWidth) >= 2
                          && style.boxShadow !== "none",
                    body: element === document.body};
        }""")
        if stop["body"] or stop["name"] == first:
            break
        first = first or stop["name"]
        if not stop["ring"]:
            missing.append(stop["name"])
    return missing


@pytest.mark.parametrize(("language", "url_path"), [("fr", PAGE_TYPES["checklist"]), ("en", PAGE_TYPES["rule"]),
                                                    ("fr", PAGE_TYPES["flow"]), ("en", "")])
def test_every_keyboard_stop_shows_a_focus_ring(page, served_site: BuiltSite, language: str, url_path: str) -> None:
    page.goto(f"/{ROOTS[language]}{url_path}")
    assert focus_rings(page) == []


def test_focus_rings_show_without_javascript(nojs_page, served_site: BuiltSite) -> None:
    nojs_page.goto(f"/{PAGE_TYPES['checklist']}")
    assert focus_rings(nojs_page) == []


def test_a_focused_check_box_looks_different(page, served_site: BuiltSite) -> None:
    page.goto(f"/{PAGE_TYPES['checklist']}")
    page.mouse.move(0, 0)
    box = page.locator("input.guide-checklist__box").first
    area = box.bounding_box()
    clip = {"x": area["x"] - 8, "y": area["y"] - 8, "width": area["width"] + 16, "height": area["height"] + 16}
    before = page.screenshot(clip=clip)
    page.locator("a.guide-checklist__rule").first.focus()
    page.keyboard.press("Shift+Tab")  # the box before the first rule link, reached from the keyboard
    assert page.evaluate("document.activeElement.classList.contains('guide-checklist__box')")
    assert page.screenshot(clip=clip) != before


# --- short links typed loosely -----------------------------------------------------------------

LOOSE_SHORT_LINKS = [("r/r12/", "rules/R12/"), ("r/R7/", "rules/R07/"), ("en/r/r7/", "en/rules/R07/"),
                     ("en/r/r12/", "en/rules/R12/"), ("r/r11/", "rules/R12/")]


@pytest.mark.parametrize(("typed", "target"), LOOSE_SHORT_LINKS)
def test_loose_short_links_reach_their_rule(page, served_site: BuiltSite, typed: str, target: str) -> None:
    page.goto(f"/{typed}#how")
    page.wait_for_url(served_site.url(f"{target}#how"))
    assert page.locator("#how").is_visible()


@pytest.mark.parametrize(("typed", "target"), LOOSE_SHORT_LINKS)
def test_loose_short_links_work_without_javascript(nojs_page, served_site: BuiltSite, typed: str,
                                                   target: str) -> None:
    nojs_page.goto(f"/{typed}")
    nojs_page.wait_for_url(served_site.url(target))
    assert nojs_page.locator("article.guide-rule").is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_short_link_folder_shows_its_links(nojs_page, served_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    nojs_page.goto(f"/{root}r/")
    rule = RULES.all(guide)[0]
    nojs_page.get_by_role("link", name=served_site.url(f"{root}r/{rule.id}/"), exact=True).click()
    nojs_page.wait_for_url(served_site.url(f"{root}rules/{rule.id}/"))


# --- the language switch and the home page -----------------------------------------------------

def switch_language(tab: object, language: str) -> None:
    tab.locator(".md-header__option .md-select").hover()
    tab.locator(f'a.md-select__link[hreflang="{language}"]').click()


def test_switching_language_keeps_the_rule_section(page, served_site: BuiltSite) -> None:
    page.goto("/rules/R12/#how")
    switch_language(page, "en")
    page.wait_for_url(served_site.url("en/rules/R12/#how"))
    page.locator('.md-sidebar--secondary a[href="#sources"]').click()
    page.wait_for_url(served_site.url("en/rules/R12/#sources"))
    switch_language(page, "fr")
    page.wait_for_url(served_site.url("rules/R12/#sources"))
    assert page.locator("html").get_attribute("lang") == "fr"


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_shows_the_ways_in_on_a_phone_without_scrolling(browser, served_site: BuiltSite, language: str) -> None:
    context = browser.new_context(base_url=served_site.base_url, viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(f"/{ROOTS[language]}")
        for path in ("rules/", "flows/", "checklists/"):  # the themes (the index opens on them), flows, checklists
            link = tab.locator(f'.md-content a[href="{path}"]').first
            assert link.is_visible(), path
            box = link.bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (path, box)
        assert tab.evaluate("window.scrollY") == 0
    finally:
        context.close()


# --- the page not found, served by deploy/nginx.conf ------------------------------------------

@pytest.fixture(scope="module")
def nginx_url(built_site: BuiltSite) -> Iterator[str]:
    with nginx_serving(built_site) as (url, _):
        yield url


@pytest.fixture
def tab_on_nginx(browser, nginx_url: str) -> Iterator[object]:
    """A tab on the nginx copy of the site; the 404 answers are the point, so they are not failures here."""
    context = browser.new_context(base_url=nginx_url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    outside: list[str] = []
    tab.on("request", lambda request: outside.append(request.url) if not request.url.startswith(
        (nginx_url, "data:", "blob:", "about:")) else None)
    yield tab
    context.close()
    assert outside == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_not_found_is_in_its_language_and_works_from_the_keyboard(tab_on_nginx, guide: Guide,
                                                                       language: str) -> None:
    root = ROOTS[language]
    answer = tab_on_nginx.goto(f"/{root}rules/R99/")
    assert answer.status == 404
    assert tab_on_nginx.locator("html").get_attribute("lang") == language
    assert tab_on_nginx.locator("h1").inner_text() == guide.ui[language]["not_found_title"]
    assert tab_on_nginx.locator("[data-guide-guess]").is_hidden()  # no rule R99
    assert axe_violations(tab_on_nginx) == []
    skip_to_content(tab_on_nginx)
    tab_on_nginx.locator("article").get_by_role("link", name=guide.ui[language]["index_title"], exact=True).click()
    tab_on_nginx.wait_for_url(f"**/{root}rules/")


@pytest.mark.parametrize(("typed", "language", "rule_id"), [("rules/r12/", "fr", "R12"), ("en/R7", "en", "R07"),
                                                            ("en/regles/r11/", "en", "R12")])
def test_page_not_found_offers_the_rule_the_address_means(tab_on_nginx, guide: Guide, typed: str, language: str,
                                                          rule_id: str) -> None:
    assert tab_on_nginx.goto(f"/{typed}").status == 404
    guess = tab_on_nginx.locator("[data-guide-guess] li:visible a")
    assert guess.count() == 1
    assert guess.inner_text() == f"{rule_id} · {RULES.get(guide, rule_id).texts[language].title}"
    guess.click()
    tab_on_nginx.wait_for_url(f"**/{ROOTS[language]}rules/{rule_id}/")


def test_page_not_found_switches_to_the_same_address_in_the_other_language(tab_on_nginx, guide: Guide) -> None:
    tab_on_nginx.goto("/rules/r12/?from=coach")
    switch_language(tab_on_nginx, "en")
    tab_on_nginx.wait_for_url("**/en/rules/r12/?from=coach")
    assert tab_on_nginx.locator("h1").inner_text() == guide.ui["en"]["not_found_title"]
    assert tab_on_nginx.locator("[data-guide-guess] li:visible a").inner_text().startswith("R12 · ")


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_not_found_opens_the_search(tab_on_nginx, nginx_url: str, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    assert tab_on_nginx.goto(f"/{root}nowhere/deeper/").status == 404
    button = tab_on_nginx.get_by_role("button", name=guide.ui[language]["not_found_search"])
    button.click()
    assert tab_on_nginx.evaluate("document.getElementById('__search').checked")
    tab_on_nginx.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    # the header's search of the page's language, served by nginx from any address: it finds
    tab_on_nginx.keyboard.type("r12")
    first = tab_on_nginx.locator("#guide-search-results a[href]").first
    first.wait_for()
    assert first.evaluate("a => a.href") == f"{nginx_url}{root}rules/R12/"
    # Escape closes it and gives the focus back to the button
    tab_on_nginx.keyboard.press("Escape")
    assert not tab_on_nginx.evaluate("document.getElementById('__search').checked")
    assert tab_on_nginx.evaluate("document.activeElement.classList.contains('guide-missing__search')")


def test_page_not_found_without_javascript_leads_home_in_each_language(browser, nginx_url: str,
                                                                       guide: Guide) -> None:
    context = browser.new_context(base_url=nginx_url, java_script_enabled=False)
    try:
        tab = context.new_page()
        assert tab.goto("/rules/R99/").status == 404
        assert tab.get_by_role("button", name=guide.ui["fr"]["not_found_search"]).count() == 0  # needs the script
        links = tab.locator("a.md-select__link").evaluate_all("links => links.map(link => link.href)")
        assert links == [nginx_url, nginx_url + "en/"]
        tab.get_by_role("link", name=guide.ui["fr"]["not_found_home"]).click()
        tab.wait_for_url(nginx_url)
    finally:
        context.close()
