"""What a person gets in Chromium: short links, copy-link button, language switch, axe-core.

The search has its own module: tests/test_search_browser.py.
"""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, ROOTS, BuiltSite, axe_violations
from netguide.guide import Guide
from netguide.kinds.rules import RULES

pytestmark = pytest.mark.browser

SAMPLE_RULE = "R12"


def test_short_link_keeps_query_and_fragment(page, served_site: BuiltSite) -> None:
    page.goto(f"/en/r/{SAMPLE_RULE}/?from=coach#example")
    page.wait_for_url(f"**/en/rules/{SAMPLE_RULE}/?from=coach#example")


@pytest.mark.parametrize("language", LANGUAGES)
def test_short_link_lands_on_its_rule_keeping_the_fragment(page, served_site: BuiltSite, guide: Guide,
                                                          language: str) -> None:
    root = ROOTS[language]
    page.goto(f"/{root}r/{SAMPLE_RULE}/#how")
    page.wait_for_url(f"**/{root}rules/{SAMPLE_RULE}/#how")
    title = RULES.get(guide, SAMPLE_RULE).texts[language].title
    assert page.locator("h1").inner_text().endswith(title)
    assert page.locator("#how").is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_short_link_works_without_javascript(nojs_page, served_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    nojs_page.goto(f"/{root}r/{SAMPLE_RULE}/")
    nojs_page.wait_for_url(f"**/{root}rules/{SAMPLE_RULE}/")
    assert nojs_page.locator("h1").inner_text().endswith(RULES.get(guide, SAMPLE_RULE).texts[language].title)
    # Without JavaScript the short link itself is on the page, and the button stays hidden.
    assert nojs_page.locator(".guide-permalink__url").is_visible()
    assert nojs_page.locator("button.guide-copy").is_hidden()


@pytest.mark.parametrize("language", LANGUAGES)
def test_copy_button_copies_the_short_link_of_the_page_language(page, served_site: BuiltSite, guide: Guide,
                                                                language: str) -> None:
    root = ROOTS[language]
    page.goto(f"/{root}rules/{SAMPLE_RULE}/")
    page.locator("button.guide-copy").click()
    status = page.locator(".guide-copy__status")
    expected_status = guide.ui[language]["copied"]
    status.filter(has_text=expected_status).wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == served_site.url(f"{root}r/{SAMPLE_RULE}/")


def test_copy_button_works_from_the_keyboard(page, served_site: BuiltSite, guide: Guide) -> None:
    page.goto(f"/en/rules/{SAMPLE_RULE}/")
    page.evaluate("navigator.clipboard.writeText('')")
    link = page.locator(".guide-permalink__url")
    link.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('guide-copy')")
    page.keyboard.press("Enter")
    page.locator(".guide-copy__status").filter(has_text=guide.ui["en"]["copied"]).wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == served_site.url(f"en/r/{SAMPLE_RULE}/")


@pytest.mark.parametrize(("start", "target", "language"), [("", "en/", "en"), ("en/", "", "fr")])
def test_language_switch_keeps_the_page(page, served_site: BuiltSite, start: str, target: str, language: str) -> None:
    page.goto(f"/{start}rules/{SAMPLE_RULE}/")
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'a.md-select__link[hreflang="{language}"]').click()
    page.wait_for_url(served_site.url(f"{target}rules/{SAMPLE_RULE}/"))
    assert page.locator("html").get_attribute("lang") == language


PAGES_TO_AUDIT = ["", "themes/contact/", f"rules/{SAMPLE_RULE}/", "rules/R31/", "rules/", "sources/", "coaches/"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("url_path", PAGES_TO_AUDIT)
def test_axe_core_finds_no_violation(page, served_site: BuiltSite, language: str, url_path: str) -> None:
    page.goto(f"/{ROOTS[language]}{url_path}")
    assert axe_violations(page) == []
