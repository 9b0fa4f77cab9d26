"""Coaches' handouts in the real site built with `mkdocs build --strict`: pages, short links, controls, export."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urljoin

import jsonschema
import pytest

from conftest import LANGUAGES, ROOTS, BuiltSite
from netguide.guide import Guide
from netguide.kinds import HANDOUTS, OUTCOMES
from netguide.kinds.checklists import CHECKLISTS
from netguide.kinds.rules import RULES
from netguide.qr import qr_svg


def site_path(page_url_path: str, link: str) -> str:
    return urljoin("/" + page_url_path, link).lstrip("/")


def text_of(markup: str) -> str:
    # Only the spaces of the markup: French texts keep their non-breaking spaces.
    return re.sub(r"[ \t\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def content_of(page: str) -> str:
    return page[page.index('<article class="guide-sheet handout"'):page.index("</article>")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_named_handout_has_its_page_and_short_link(built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    ui = guide.ui[language]
    for handout in HANDOUTS.all(guide):
        url_path = f"{root}handout/{handout.id}/"
        page = built_site.html(url_path)
        text = handout.texts[language]
        assert f'<html lang="{language}"' in page
        assert html.unescape(re.search(r'<meta name="description" content="([^"]*)">', page).group(1)) == text.intro
        sheet = content_of(page)
        assert text_of(re.search(r"<h1[^>]*>(.*?)</h1>", sheet).group(1)) == text.title
        # Every item in the data's order: its kind, its title, its text, its short link in this language.
        items = re.findall(r'<li class="handout-item">(.*?)</li>', sheet, re.S)
        assert len(items) == len(handout.items)
        for markup, (kind, item_id) in zip(items, HANDOUTS.items_of(handout), strict=True):
            card = kind.handout_card(guide, guide.get(kind.name, item_id), language)
            shown = text_of(markup)
            assert shown.startswith(ui[f"handout_kind_{kind.name}"])
            assert card.title in shown and card.text in shown and card.code in shown
            link = re.search(r'<p class="handout-item__link"><a href="([^"]+)">([^<]+)</a>', markup)
            assert site_path(url_path, link.group(1)) == root + kind.short_path(item_id)
            assert link.group(2) == built_site.url(root + kind.short_path(item_id))
        # The QR code and the address printed at the bottom lead to the handout's short link.
        short_url = built_site.url(f"{root}h/{handout.id}/")
        assert str(qr_svg(short_url)) in sheet
        assert re.search(rf'<a class="guide-sheet__url" href="[^"]+">{re.escape(short_url)}</a>', sheet)
        # Its link in every language, to send the client's or both.
        for other in LANGUAGES:
            assert f'>{built_site.url(ROOTS[other] + "h/" + handout.id + "/")}</a>' in sheet
        # The short link redirects to the page, in the same language.
        redirect = built_site.html(f"{root}h/{handout.id}/")
        target = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', redirect).group(1)
        assert site_path(f"{root}h/{handout.id}/", target) == url_path


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_handout_page_holds_what_the_browser_shows_and_says_what_to_do_without_it(
        built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    page = built_site.html(f"{root}handout/")
    ui = guide.ui[language]
    data = json.loads(html.unescape(re.search(r'<script type="application/json" id="handout-data">(.*?)</script>',
                                              page, re.S).group(1)))
    assert data == json.loads(json.dumps(HANDOUTS.page_data(guide, language)))
    # Without JavaScript: what the page does, and the indexes and ready-made handouts to use instead.
    nojs = re.search(r'<div class="handout-nojs" data-handout-nojs>(.*?)</div>', page, re.S).group(1)
    assert ui["handout_nojs"].replace("'", "&#39;") in nojs
    links = [site_path(f"{root}handout/", link) for link in re.findall(r'href="([^"#]+)"', nojs)]
    assert links == [f"{root}rules/", f"{root}checklists/", f"{root}flows/"]
    assert 'data-handout-body hidden' in page
    for handout in HANDOUTS.all(guide):
        assert f'href="{handout.id}/"' in page
    # The item the browser copies for each item, inert until filled.
    assert re.search(r'<template id="handout-item-template"><li class="handout-item">', page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_add_to_handout_controls_on_the_index_rules_and_checklists(built_site: BuiltSite, guide: Guide,
                                                                   language: str) -> None:
    root = ROOTS[language]
    add = guide.ui[language]["handout_add"]
    index = built_site.html(f"{root}rules/")
    found = re.findall(r'<button type="button" class="md-button guide-handout-add" data-handout-item="([^"]+)"', index)
    assert found == [f"r:{rule.id}" for rule in RULES.all(guide)]
    rule = RULES.all(guide)[0]
    page = built_site.html(f"{root}rules/{rule.id}/")
    assert f'data-handout-item="r:{rule.id}" data-handout-name="{rule.id}" aria-pressed="false" ' \
           f'aria-label="{html.escape(add)} {rule.id}" hidden>{html.escape(add)}</button>' in page
    assert re.search(r'<a href="[./]*handout/" data-handout-open>', page)
    for checklist in CHECKLISTS.all(guide):
        page = built_site.html(f"{root}checklists/{checklist.id}/")
        assert page.count(f'data-handout-item="c:{checklist.id}"') == 1
        # and the checklist's own copy-link button, as rules and flows have
        assert re.search(rf'<a class="guide-permalink__url" href="[./]*c/{checklist.id}/">'
                         rf'{re.escape(built_site.url(root + "c/" + checklist.id + "/"))}</a>', page)
        assert 'class="md-button guide-copy" data-copy-href=' in page


def script_sources(page: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_with_controls_say_where_the_handouts_script_is_and_do_not_load_it(built_site: BuiltSite,
                                                                                 language: str) -> None:
    """js/guide.js loads it when needed (tests/test_handouts_browser.py): from the file the handout page loads."""
    root = ROOTS[language]
    handout = f"{root}handout/"
    scripts = [site_path(handout, src) for src in script_sources(built_site.html(handout))]
    store = next(path for path in scripts if path.endswith("/handout.js"))
    assert built_site.path(store).is_file()
    for url_path in (f"{root}rules/", f"{root}rules/R07/", f"{root}checklists/avant-inviter/",
                     root + OUTCOMES.item_path("accepter-demande/laisser")):
        page = built_site.html(url_path)
        assert page.count("data-handout-item=") >= 1, url_path
        assert [site_path(url_path, src) for src in re.findall(r'data-handout-script="([^"]+)"', page)] == [store]
        assert store not in [site_path(url_path, src) for src in script_sources(page)], url_path


def test_the_export_validates_against_its_published_schema(built_site: BuiltSite) -> None:
    export = json.loads(built_site.path("api/guide.json").read_text(encoding="utf-8"))
    schema = json.loads(built_site.path("api/guide.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    validator.check_schema(schema)
    assert list(validator.iter_errors(export)) == []
    # The schema holds: a handout without its items, or with an unknown key, is refused.
    handout = export["handouts"][0]
    assert list(validator.iter_errors({**export, "handouts": [{k: v for k, v in handout.items() if k != "items"}]}))
    assert list(validator.iter_errors({**export, "handouts": [{**handout, "colour": "red"}]}))


def test_the_export_carries_every_text_a_handout_needs(built_site: BuiltSite, guide: Guide) -> None:
    export = json.loads(built_site.path("api/guide.json").read_text(encoding="utf-8"))
    rules = {entry["id"]: entry for entry in export["rules"]}
    for rule in RULES.all(guide):
        assert set(rules[rule.id]) >= {"title", "statement", "why", "how", "example", "short_url"}
    checklists = {entry["id"]: entry for entry in export["checklists"]}
    for checklist in CHECKLISTS.all(guide):
        assert [item["text"] for item in checklists[checklist.id]["items"]] == [
            dict(item.texts) for item in checklist.all_items]
    assert [entry["id"] for entry in export["handouts"]] == [handout.id for handout in HANDOUTS.all(guide)]
    for entry in export["handouts"]:
        for language in LANGUAGES:
            for key in ("url", "short_url"):
                assert built_site.path(entry[key][language].removeprefix(built_site.base_url)).is_file()
            page_url, query = entry["handout_url"][language].split("?")
            assert built_site.path(page_url.removeprefix(built_site.base_url)).is_file()
            assert query == HANDOUTS.address(HANDOUTS.items_of(HANDOUTS.get(guide, entry["id"])))[1:]
        for item in entry["items"]:
            assert item["id"] in {other["id"] for other in export[item["kind"] + "s"]}
