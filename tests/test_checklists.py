"""Checklists loaded and validated without MkDocs: the real data, then one test per bad input."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, published_ids
from netguide.guide import Guide
from netguide.kinds import KINDS
from netguide.kinds.checklists import CHECKLISTS, INDEX_PATH, MAX_ITEMS, MIN_ITEMS, MODES, PRINT_PATH
from netguide.redirects import redirects
from netguide.site import all_pages

# One checklist per pause point of the guidance, in the order a reader meets them.
PAUSE_POINTS = ("profil-pret", "avant-inviter", "avant-repondre", "avant-publier", "entretenir-reseau",
                "recherche-emploi")


def test_one_checklist_per_pause_point_in_reading_order(guide: Guide) -> None:
    checklists = CHECKLISTS.all(guide)
    assert tuple(checklist.id for checklist in checklists) == PAUSE_POINTS
    assert [checklist.order for checklist in checklists] == sorted(c.order for c in checklists)


@pytest.mark.parametrize("checklist_id", published_ids("checklists"))
def test_every_checklist_is_complete(guide: Guide, checklist_id: str) -> None:
    checklist = CHECKLISTS.get(guide, checklist_id)
    assert MIN_ITEMS <= len(checklist.all_items) <= MAX_ITEMS
    assert checklist.mode in MODES
    assert len(set(checklist.rule_ids)) == len(checklist.rule_ids)
    rule_ids = {rule.id for rule in guide.of("rule")}
    for item in checklist.all_items:
        assert item.rule in rule_ids
        assert set(item.texts) == set(LANGUAGES)
    for language in LANGUAGES:
        assert checklist.texts[language].title and checklist.texts[language].when
    for section, _ in checklist.parts:
        assert section is None or set(section.texts) == set(LANGUAGES)


def test_both_ways_of_using_a_checklist_are_represented(guide: Guide) -> None:
    assert {checklist.mode for checklist in CHECKLISTS.all(guide)} == set(MODES)


def test_french_item_texts_get_french_typography(guide: Guide) -> None:
    items = [item for checklist in CHECKLISTS.all(guide) for item in checklist.all_items]
    with_colon = [item for item in items if ":" in item.texts["fr"]]
    assert with_colon
    for item in with_colon:
        assert "\u00a0:" in item.texts["fr"] and " :" not in item.texts["fr"]
        assert "\u00a0" not in item.texts["en"]


def test_pages_use_the_url_scheme(guide: Guide) -> None:
    paths = [page.path for page in CHECKLISTS.pages(guide)]
    assert paths == [INDEX_PATH, *(f"checklists/{checklist_id}/" for checklist_id in PAUSE_POINTS), PRINT_PATH]
    for page in CHECKLISTS.pages(guide):
        assert "css/checklist.css" in page.assets


def test_every_checklist_has_a_short_link_in_the_redirects(guide: Guide) -> None:
    found = {(redirect.from_path, redirect.to_path) for redirect in redirects(guide, all_pages(guide), KINDS)}
    for checklist_id in PAUSE_POINTS:
        assert (f"c/{checklist_id}/", f"checklists/{checklist_id}/") in found


def test_titles_and_descriptions(guide: Guide) -> None:
    for page in CHECKLISTS.pages(guide):
        for language in LANGUAGES:
            assert page.titles[language] and page.descriptions[language]
    for checklist in CHECKLISTS.all(guide):
        page = next(page for page in CHECKLISTS.pages(guide) if page.path == f"checklists/{checklist.id}/")
        for language in LANGUAGES:
            text = checklist.texts[language]
            assert (page.titles[language], page.descriptions[language]) == (text.title, text.when)


def test_export_lists_ids_titles_urls_and_rule_ids(guide: Guide) -> None:
    export = CHECKLISTS.export(guide, lambda path: {lang: f"https://guide.example.org/{root}{path}"
                                                    for lang, root in (("fr", ""), ("en", "en/"))})
    assert [entry["id"] for entry in export] == list(PAUSE_POINTS)
    entry = export[1]
    checklist = CHECKLISTS.all(guide)[1]
    assert entry["url"] == {"fr": "https://guide.example.org/checklists/avant-inviter/",
                            "en": "https://guide.example.org/en/checklists/avant-inviter/"}
    assert entry["short_url"]["en"] == "https://guide.example.org/en/c/avant-inviter/"
    assert entry["title"] == {language: checklist.texts[language].title for language in LANGUAGES}
    assert entry["rules"] == list(checklist.rule_ids) == [item["rule"] for item in entry["items"]]
    assert entry["mode"] == checklist.mode
    sectioned = [checklist for checklist in CHECKLISTS.all(guide) if checklist.sections]
    for checklist in sectioned:
        exported = export[PAUSE_POINTS.index(checklist.id)]
        assert exported["items"][0]["section"] == dict(checklist.sections[0].texts)
