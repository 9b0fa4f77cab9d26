"""Checklists loaded and validated without MkDocs: the real data, then one test per bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LANGUAGES, PROJECT_ROOT
from netguide import checklists
from netguide.checklist_load import RESERVED_IDS
from netguide.checklist_model import MAX_ITEMS, MIN_ITEMS, MODES
from netguide.errors import KnowledgeError
from netguide.export import guide_export
from netguide.load import load_guide
from netguide.pages import generated_pages
from netguide.redirects import redirects
from netguide.urls import page_path, short_path

GUIDE = load_guide(PROJECT_ROOT, LANGUAGES)
# One checklist per pause point of the guidance, in the order a reader meets them.
PAUSE_POINTS = ("profil-pret", "avant-inviter", "avant-repondre", "avant-publier", "entretenir-reseau",
                "recherche-emploi")


def problems_of(root: Path) -> str:
    with pytest.raises(KnowledgeError) as caught:
        load_guide(root, LANGUAGES)
    return str(caught.value)


def checklist_file(root: Path, checklist_id: str) -> Path:
    return root / "knowledge" / "checklists" / f"{checklist_id}.yml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def item_block(rule: str, french: str, english: str) -> str:
    return f"  - rule: {rule}\n    fr: {french}\n    en: {english}\n"


def register(root: Path, checklist_id: str) -> None:
    edit(root / "knowledge" / "registry.yml", "checklists:\n  published:\n",
         f"checklists:\n  published:\n    - {checklist_id}\n")


# The real data


def test_one_checklist_per_pause_point_in_reading_order() -> None:
    assert tuple(checklist.id for checklist in GUIDE.checklists) == PAUSE_POINTS
    assert [checklist.order for checklist in GUIDE.checklists] == sorted(c.order for c in GUIDE.checklists)


@pytest.mark.parametrize("checklist", GUIDE.checklists, ids=lambda checklist: checklist.id)
def test_every_checklist_is_complete(checklist) -> None:
    assert MIN_ITEMS <= len(checklist.items) <= MAX_ITEMS
    assert checklist.mode in MODES
    assert len(set(checklist.rule_ids)) == len(checklist.rule_ids)
    rule_ids = {rule.id for rule in GUIDE.rules}
    for item in checklist.items:
        assert item.rule in rule_ids
        assert set(item.texts) == set(LANGUAGES)
    for language in LANGUAGES:
        assert checklist.texts[language].title and checklist.texts[language].when
    for section in checklist.sections:
        assert set(section.headings) in (set(), set(LANGUAGES))
    assert checklist.id in GUIDE.registry.published["checklists"]


def test_both_ways_of_using_a_checklist_are_represented() -> None:
    assert {checklist.mode for checklist in GUIDE.checklists} == set(MODES)


def test_weekly_and_monthly_upkeep_are_separate_sections() -> None:
    upkeep = checklists.checklist(GUIDE, "entretenir-reseau")
    assert [section.headings["en"] for section in upkeep.sections] == ["Every week", "Every month"]


def test_french_item_texts_get_french_typography() -> None:
    item = checklists.checklist(GUIDE, "profil-pret").items[1]
    assert "\u00a0:" in item.texts["fr"] and " :" not in item.texts["fr"]
    assert "\u00a0" not in item.texts["en"]


def test_pages_use_the_url_scheme_and_never_collide() -> None:
    pages = checklists.pages(GUIDE)
    by_kind = {kind: [page for page in pages if page.kind == kind] for kind in checklists.TEMPLATES}
    assert [page.url_path for page in by_kind["checklist"]] == [page_path("checklist", cid) for cid in PAUSE_POINTS]
    assert [page.url_path for page in by_kind["checklist-index"]] == ["checklists/"]
    assert [page.url_path for page in by_kind["checklist-print"]] == [checklists.PRINT_PATH]
    every_page = generated_pages(GUIDE)
    assert len({page.url_path for page in every_page}) == len(every_page)
    assert len({page.doc_path for page in every_page}) == len(every_page)
    assert {page.kind for page in pages} == set(checklists.TEMPLATES) == set(checklists.ASSETS)


def test_every_checklist_has_a_short_link_in_the_redirects() -> None:
    found = {(redirect.from_path, redirect.to_path) for redirect in redirects(GUIDE)}
    for checklist_id in PAUSE_POINTS:
        assert (short_path("checklist", checklist_id), page_path("checklist", checklist_id)) in found


def test_titles_and_descriptions() -> None:
    for page in checklists.pages(GUIDE):
        for language in LANGUAGES:
            title, description = checklists.title_and_description(GUIDE, page, language)
            assert title and description
            if page.kind == "checklist":
                text = checklists.checklist(GUIDE, page.item_id).texts[language]
                assert (title, description) == (text.title, text.when)


def test_export_lists_ids_titles_urls_and_rule_ids() -> None:
    export = guide_export(GUIDE, "https://guide.example.org/")["checklists"]
    assert [entry["id"] for entry in export] == list(PAUSE_POINTS)
    entry = export[1]
    checklist = GUIDE.checklists[1]
    assert entry["url"] == {"fr": "https://guide.example.org/checklists/avant-inviter/",
                            "en": "https://guide.example.org/en/checklists/avant-inviter/"}
    assert entry["short_url"]["en"] == "https://guide.example.org/en/c/avant-inviter/"
    assert entry["title"] == {language: checklist.texts[language].title for language in LANGUAGES}
    assert entry["rules"] == list(checklist.rule_ids) == [item["rule"] for item in entry["items"]]
    assert entry["mode"] == checklist.mode
    upkeep = export[PAUSE_POINTS.index("entretenir-reseau")]
    assert upkeep["items"][0]["section"]["en"] == "Every week"


# One test per bad input: the build stops with the file, the key and the fix.


def test_item_with_no_rule(knowledge_copy: Path) -> None:
    edit(checklist_file(knowledge_copy, "avant-inviter"), "  - rule: R10\n    fr:", "  - fr:")
    message = problems_of(knowledge_copy)
    assert "knowledge/checklists/avant-inviter.yml [items[1].rule]: the item is tied to no rule" in message
    assert "Fix: add 'rule: R..'" in message
    assert "items, a checklist needs" not in message  # the broken item still counts: one problem, not two


def test_item_with_an_unknown_rule(knowledge_copy: Path) -> None:
    edit(checklist_file(knowledge_copy, "avant-inviter"), "rule: R13", "rule: R99")
    message = problems_of(knowledge_copy)
    assert "knowledge/checklists/avant-inviter.yml [items[5].rule]: unknown rule 'R99'" in message
    assert "Fix: use the code of an existing rule" in message


def test_item_with_a_retired_rule_names_its_replacement(knowledge_copy: Path) -> None:
    edit(checklist_file(knowledge_copy, "entretenir-reseau"), "rule: R52", "rule: R60")
    edit(knowledge_copy / "knowledge" / "registry.yml", "  retired: {}\nthemes:", "  retired:\n    R60: R52\nthemes:")
    message = problems_of(knowledge_copy)
    assert "[sections[2].items[4].rule]: unknown rule 'R60'" in message
    assert "tie the item to R52, which replaces R60" in message


def test_item_that_is_not_a_rule_code(knowledge_copy: Path) -> None:
    edit(checklist_file(knowledge_copy, "avant-inviter"), "rule: R10", "rule: 10")
    assert "[items[1].rule]: '10' is not a rule ID. Fix: write the rule's code" in problems_of(knowledge_copy)


def test_fewer_than_five_items(knowledge_copy: Path) -> None:
    path = checklist_file(knowledge_copy, "avant-repondre")
    text = path.read_text(encoding="utf-8")
    start = text.index("  - rule: R19")
    path.write_text(text[:start], encoding="utf-8")
    message = problems_of(knowledge_copy)
    assert ("knowledge/checklists/avant-repondre.yml [items]: the checklist has 3 items, a checklist needs 5 to 9. "
            "Fix: add items, each tied to a rule") in message


def test_more_than_nine_items(knowledge_copy: Path) -> None:
    path = checklist_file(knowledge_copy, "profil-pret")
    with path.open("a", encoding="utf-8") as extra:
        extra.write(item_block("R11", "Ma présentation tient en une phrase.", "My introduction fits in one sentence."))
    message = problems_of(knowledge_copy)
    assert ("profil-pret.yml [items]: the checklist has 10 items, a checklist needs 5 to 9. "
            "Fix: merge or remove") in message


def test_too_many_items_across_sections(knowledge_copy: Path) -> None:
    path = checklist_file(knowledge_copy, "entretenir-reseau")
    blocks = item_block("R30", "Notez un canal.", "Note a channel.") + item_block("R27", "Posez une question.",
                                                                                   "Ask a question.")
    extra = "".join("    " + line + "\n" for line in blocks.splitlines())  # indented into the last section
    with path.open("a", encoding="utf-8") as end:
        end.write(extra)
    assert "entretenir-reseau.yml [sections]: the checklist has 10 items" in problems_of(knowledge_copy)


def test_item_missing_a_translation(knowledge_copy: Path) -> None:
    edit(checklist_file(knowledge_copy, "avant-publier"),
         "    en: It quotes or shows nothing from a private exchange.\n", "")
    message = problems_of(knowledge_copy)
    assert ("knowledge/checklists/avant-publier.yml [items[4].en]: the en translation of this item is missing. "
            "Fix: add 'en: ...'") in message


def test_title_missing_a_translation(knowledge_copy: Path) -> None:
    path = checklist_file(knowledge_copy, "recherche-emploi")
    text = path.read_text(encoding="utf-8")
    start, end = text.index("\nen:\n"), text.index("\nitems:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    message = problems_of(knowledge_copy)
    assert "recherche-emploi.yml [en]: the en translation is missing. Fix: add a 'en:' block" in message


def test_section_heading_missing_a_translation(knowledge_copy: Path) -> None:
    edit(checklist_file(knowledge_copy, "entretenir-reseau"), "    en: Every month\n", "")
    assert "[sections[2].en]: the en translation of this heading is missing" in problems_of(knowledge_copy)


def test_empty_item_text(knowledge_copy: Path) -> None:
    edit(checklist_file(knowledge_copy, "avant-inviter"),
         "    en: Don't ask for any favour in this first message.", '    en: ""')
    assert "[items[6].en]: the en translation of this item is missing" in problems_of(knowledge_copy)


def test_item_too_long_for_the_printed_page(knowledge_copy: Path) -> None:
    edit(checklist_file(knowledge_copy, "avant-inviter"),
         "    en: Say in one sentence who you are and why you are writing.",
         "    en: " + "Say who you are and why you are writing, " * 5)
    message = problems_of(knowledge_copy)
    assert "[items[3].en]: text is" in message and "the limit is 140. Fix: shorten it" in message


def test_same_rule_twice_in_one_checklist(knowledge_copy: Path) -> None:
    edit(checklist_file(knowledge_copy, "avant-inviter"), "rule: R13", "rule: R12")
    assert "avant-inviter.yml [items]: R12 is cited by 2 items of this checklist" in problems_of(knowledge_copy)


def test_unknown_mode(knowledge_copy: Path) -> None:
    edit(checklist_file(knowledge_copy, "avant-inviter"), "\nmode: read-do", "\nmode: read-then-do")
    message = problems_of(knowledge_copy)
    assert "avant-inviter.yml [mode]: 'read-then-do' is not a way of using a checklist" in message
    assert "write mode: read-do" in message and "mode: do-confirm" in message


def test_id_must_match_the_file_name(knowledge_copy: Path) -> None:
    edit(checklist_file(knowledge_copy, "avant-inviter"), "id: avant-inviter", "id: avant-invitation")
    assert ("avant-inviter.yml [id]: the ID 'avant-invitation' does not match the file name 'avant-inviter.yml'"
            in problems_of(knowledge_copy))


@pytest.mark.parametrize("reserved", RESERVED_IDS)
def test_id_that_would_take_the_address_of_a_checklists_page(knowledge_copy: Path, reserved: str) -> None:
    source = checklist_file(knowledge_copy, "avant-inviter")
    target = checklist_file(knowledge_copy, reserved)
    target.write_text(source.read_text(encoding="utf-8").replace("id: avant-inviter", f"id: {reserved}")
                      .replace("order: 2", "order: 20"), encoding="utf-8")
    register(knowledge_copy, reserved)
    message = problems_of(knowledge_copy)
    assert (f"knowledge/checklists/{reserved}.yml [id]: the ID '{reserved}' would take the address of the page "
            f"checklists/{reserved}/") in message


def test_two_checklists_in_the_same_position(knowledge_copy: Path) -> None:
    edit(checklist_file(knowledge_copy, "avant-publier"), "order: 4", "order: 3")
    message = problems_of(knowledge_copy)
    assert "avant-repondre.yml [order]: order 3 is also used by knowledge/checklists/avant-publier.yml" in message


def test_both_items_and_sections(knowledge_copy: Path) -> None:
    path = checklist_file(knowledge_copy, "entretenir-reseau")
    with path.open("a", encoding="utf-8") as end:
        end.write("items:\n" + item_block("R30", "Notez un canal.", "Note a channel."))
    message = problems_of(knowledge_copy)
    assert "entretenir-reseau.yml [sections]: the checklist has both 'items' and 'sections'" in message


def test_new_checklist_must_be_registered(knowledge_copy: Path) -> None:
    source = checklist_file(knowledge_copy, "avant-inviter")
    checklist_file(knowledge_copy, "avant-relancer").write_text(
        source.read_text(encoding="utf-8").replace("id: avant-inviter", "id: avant-relancer")
        .replace("order: 2", "order: 7"), encoding="utf-8")
    message = problems_of(knowledge_copy)
    assert "registry.yml [checklists.published]: the checklist avant-relancer is not registered" in message


def test_published_checklist_cannot_disappear(knowledge_copy: Path) -> None:
    checklist_file(knowledge_copy, "avant-publier").unlink()
    assert "the published checklist avant-publier has disappeared" in problems_of(knowledge_copy)
