"""Coaches' handouts in Chromium: built from the address or from the index, edited with the keyboard,
copied, printed on A4 with a QR code that scans back to the handout, without JavaScript, axe-core.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from conftest import LANGUAGES, ROOTS, BuiltSite, axe_violations, published_ids
from netguide.guide import Guide
from netguide.kinds import HANDOUTS, KINDS
from netguide.kinds.checklists import CHECKLISTS
from netguide.kinds.rules import RULES
from netguide.load import load_guide
from test_checklists_browser import decode_qr_codes
from test_handouts import CONTRACT_HANDOUTS, CONTRACT_KINDS, knowledge_with_outcomes

pytestmark = pytest.mark.browser

SELECTION = "?r=R07,R12&c=avant-inviter"
SELECTED = [("rule", "R07"), ("rule", "R12"), ("checklist", "avant-inviter")]
KIND = {kind.name: kind for kind in KINDS}


def handout_path(language: str, query: str = "") -> str:
    return f"/{ROOTS[language]}handout/{query}"


def fill(template: str, **values: object) -> str:
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


def shown(tab: object) -> list[dict[str, str]]:
    """What the sheet shows of each item, in order."""
    return tab.evaluate("""() => [...document.querySelectorAll("[data-handout-items] .handout-item")].map((item) => ({
        kind: item.querySelector(".handout-item__label").textContent,
        code: item.querySelector(".guide-code")?.textContent || "",
        title: item.querySelector(".handout-item__name").textContent,
        text: item.querySelector(".handout-item__text").textContent,
        link: item.querySelector(".handout-item__link a").href,
    }))""")


def expected(guide: Guide, served_site: BuiltSite, language: str, items: list[tuple[str, str]]) -> list[dict]:
    result = []
    for kind_name, item_id in items:
        kind = KIND[kind_name]
        card = kind.handout_card(guide, guide.get(kind_name, item_id), language)
        result.append({"kind": guide.ui[language][f"handout_kind_{kind_name}"], "code": card.code,
                       "title": card.title, "text": card.text,
                       "link": served_site.url(ROOTS[language] + kind.short_path(item_id))})
    return result


def add(tab: object, name: str) -> None:
    """Press an "add to handout" button and wait until it is pressed: the first press loads js/handout.js first."""
    button = tab.get_by_role("button", name=name, exact=True)
    button.click()
    button.and_(tab.locator('[aria-pressed="true"]')).wait_for()


def page_text(pdf: PdfReader, number: int) -> str:
    return " ".join(pdf.pages[number].extract_text().split())


# The handout page, from its address


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_selection_in_the_address_is_shown_with_its_links(page, served_site: BuiltSite, guide: Guide,
                                                              language: str) -> None:
    page.goto(handout_path(language, SELECTION))
    assert shown(page) == expected(guide, served_site, language, SELECTED)
    assert page.locator("h1").inner_text() == guide.ui[language]["handout_title"]
    assert page.locator("[data-handout-notice]").is_hidden()
    # The handout's link in every language, this one first, each with its copy button.
    rows = page.locator("[data-handout-link]")
    others = [other for other in LANGUAGES if other != language]
    assert rows.count() == len(LANGUAGES)
    for index, other in enumerate([language, *others]):
        link = served_site.url(f"{ROOTS[other]}handout/{SELECTION}")
        row = rows.nth(index)
        assert row.locator(".guide-permalink__label").inner_text() == guide.ui[language][f"handout_link_in_{other}"]
        assert row.locator(".guide-permalink__url").inner_text() == link
        row.get_by_role("button", name=guide.ui[language][f"handout_copy_in_{other}"]).click()
        row.locator(".guide-copy__status").filter(has_text=guide.ui[language]["copied"]).wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == link
    assert page.locator(".guide-sheet__url").inner_text() == served_site.url(f"{ROOTS[language]}handout/{SELECTION}")
    assert page.locator(".guide-sheet__edition").inner_text().endswith(guide.edition)


def test_the_example_address_of_a_session(page, served_site: BuiltSite, guide: Guide) -> None:
    """Three rules' worth of address as a coach would write it, with a flow's result among them.

    Results are a kind of their own once flow outcomes are (kind "outcome", letter "o"); until then
    the result is listed as not found, and the rest of the handout is shown all the same.
    """
    page.goto(handout_path("en", "?r=R07,R12&c=avant-inviter&o=accepter-demande/laisser"))
    outcomes = next((kind for kind in KINDS if kind.handout_key == "o"), None)
    items = [*SELECTED, *([(outcomes.name, "accepter-demande/laisser")] if outcomes else [])]
    assert shown(page) == expected(guide, served_site, "en", items)
    unknown = page.locator("[data-handout-unknown]")
    if outcomes:
        assert unknown.is_hidden()
    else:
        assert unknown.inner_text() == fill(guide.ui["en"]["handout_unknown"], ids="o=accepter-demande/laisser")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_retired_id_in_the_address_shows_its_replacement(page, served_site: BuiltSite, guide: Guide,
                                                           language: str) -> None:
    old, new = next(iter(guide.registry.retired[RULES.section].items()))
    page.goto(handout_path(language, f"?r={old}&c=avant-inviter"))
    assert shown(page) == expected(guide, served_site, language, [("rule", new), ("checklist", "avant-inviter")])
    ui = guide.ui[language]
    assert page.locator(".handout-item__replaces").inner_text() == " · " + fill(ui["handout_replaces"], id=old)
    assert page.locator("[data-handout-retired]").inner_text() == fill(ui["handout_retired"], pairs=f"{old} → {new}")
    # The handout's own link names the rule as it is now.
    assert page.locator(".guide-sheet__url").inner_text() == served_site.url(
        f"{ROOTS[language]}handout/?r={new}&c=avant-inviter")


def test_unknown_ids_are_listed_politely(page, served_site: BuiltSite, guide: Guide) -> None:
    page.goto(handout_path("fr", "?r=R99,r07,R07&c=nulle-part&zz=1"))
    # r07 is R07 typed in lower case; R07 again is not shown twice.
    assert shown(page) == expected(guide, served_site, "fr", [("rule", "R07")])
    assert page.locator("[data-handout-unknown]").inner_text() == fill(
        guide.ui["fr"]["handout_unknown"], ids="R99, nulle-part, zz=1")
    assert page.locator("h1").inner_text() == guide.ui["fr"]["handout_title"]


def test_an_empty_handout_says_how_to_fill_it(page, served_site: BuiltSite, guide: Guide) -> None:
    page.goto(handout_path("en"))
    assert shown(page) == []
    empty = page.locator("[data-handout-empty]")
    assert empty.is_visible() and guide.ui["en"]["handout_empty"] in empty.inner_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_page_says_what_to_do(nojs_page, served_site: BuiltSite, guide: Guide,
                                                     language: str) -> None:
    ui = guide.ui[language]
    nojs_page.goto(handout_path(language, SELECTION))
    assert nojs_page.get_by_text(ui["handout_nojs"]).is_visible()
    for name in (ui["index_title"], ui["checklist_index_title"], ui["flows_title"]):
        assert nojs_page.locator("[data-handout-nojs]").get_by_role("link", name=name).is_visible()
    assert nojs_page.locator("[data-handout-body]").is_hidden()
    for handout in HANDOUTS.all(guide):
        link = nojs_page.get_by_role("link", name=handout.texts[language].title)
        assert link.is_visible()
    # A ready-made handout needs no script: its items are on its page.
    nojs_page.get_by_role("link", name=HANDOUTS.all(guide)[0].texts[language].title).click()
    handout = HANDOUTS.all(guide)[0]
    assert nojs_page.locator(".handout-item").count() == len(handout.items)
    assert nojs_page.locator("[data-handout-print]").is_hidden()


# Printing


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_printed_qr_code_is_the_handouts_link(page, served_site: BuiltSite, tmp_path: Path,
                                                  language: str) -> None:
    page.goto(handout_path(language, SELECTION))
    codes = decode_qr_codes(page.pdf(format="A4"), 1, tmp_path)
    assert codes == [served_site.url(f"{ROOTS[language]}handout/{SELECTION}")]


def longest(guide: Guide, language: str, rules: int, checklists: int) -> list[tuple[str, str]]:
    """The rules with the longest statements and the checklists with the longest 'when', in this language."""
    by_length = sorted(RULES.all(guide), key=lambda rule: -len(rule.texts[language].statement))
    lists = sorted(CHECKLISTS.all(guide), key=lambda checklist: -len(checklist.texts[language].when))
    return [("rule", rule.id) for rule in by_length[:rules]] + [("checklist", item.id) for item in lists[:checklists]]


def address(items: list[tuple[str, str]]) -> str:
    return HANDOUTS.address([(KIND[kind], item_id) for kind, item_id in items])


@pytest.mark.parametrize("language", LANGUAGES)
def test_five_items_with_a_name_and_a_note_print_on_one_a4_page(page, served_site: BuiltSite, guide: Guide,
                                                                 language: str) -> None:
    items = longest(guide, language, 4, 1)
    page.goto(handout_path(language, address(items)))
    page.locator("[data-handout-name]").fill("Camille Martin")
    page.locator("[data-handout-note]").fill("Relancer Paul jeudi ; préparer trois questions pour l'entretien "
                                             "de mardi et mettre à jour le titre du profil.")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    text = page_text(pdf, 0)
    for item in expected(guide, served_site, language, items):
        assert item["title"] in text and item["link"] in text
    assert "Camille Martin" in text and "mettre à jour le titre du profil." in text
    assert served_site.url(f"{ROOTS[language]}handout/{address(items)}") in text
    # Nothing of the screen's tools reaches the paper.
    ui = guide.ui[language]
    for absent in (ui["handout_print"], ui["handout_clear"], ui["handout_remove"], ui["handout_intro"],
                   ui["handout_ready_title"], ui["copy_link"]):
        assert absent not in text, absent


def test_more_items_flow_onto_further_pages_never_cutting_an_item(page, served_site: BuiltSite,
                                                                   guide: Guide) -> None:
    items = longest(guide, "fr", 12, 2)
    page.goto(handout_path("fr", address(items)))
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) >= 2
    pages = [page_text(pdf, number) for number in range(len(pdf.pages))]
    for item in expected(guide, served_site, "fr", items):
        holding = [number for number, text in enumerate(pages) if item["title"] in text]
        assert len(holding) == 1, item["title"]
        text = pages[holding[0]]
        assert " ".join(item["text"].split()[-4:]) in text and item["link"] in text, item["title"]


# Building a handout during a session


@pytest.mark.parametrize("language", LANGUAGES)
def test_building_from_the_index_with_the_keyboard_survives_a_reload(page, served_site: BuiltSite, guide: Guide,
                                                                     language: str) -> None:
    ui = guide.ui[language]
    first, second = RULES.all(guide)[2:4]
    page.goto(f"/{ROOTS[language]}rules/")
    status = page.locator("[data-handout-status]")
    tray = page.locator("[data-handout-tray]")
    assert tray.is_hidden()

    def button(rule_id: str) -> object:
        return page.get_by_role("button", name=f"{ui['handout_add']} {rule_id}", exact=True)

    button(first.id).focus()
    page.keyboard.press("Enter")
    # The first press loads js/handout.js, which makes it: the announcement comes when it is made.
    status.filter(has_text=fill(ui["handout_added"], item=first.id)).wait_for()
    assert button(first.id).get_attribute("aria-pressed") == "true"
    one = fill(ui["handout_count_one"], count=1)
    assert status.inner_text() == f"{fill(ui['handout_added'], item=first.id)} {one}"
    button(second.id).focus()
    page.keyboard.press("Space")
    status.filter(has_text=fill(ui["handout_added"], item=second.id)).wait_for()
    assert tray.is_visible() and tray.inner_text() == f"{ui['handout_open']} {fill(ui['handout_count_other'], count=2)}"

    page.reload()
    assert button(first.id).get_attribute("aria-pressed") == "true"
    assert button(second.id).get_attribute("aria-pressed") == "true"
    assert tray.inner_text().endswith(fill(ui["handout_count_other"], count=2))
    # Pressed again, an item leaves the handout.
    button(second.id).focus()
    page.keyboard.press("Enter")
    status.filter(has_text=fill(ui["handout_removed"], item=second.id)).wait_for()
    assert button(second.id).get_attribute("aria-pressed") == "false"
    button(second.id).focus()
    page.keyboard.press("Enter")

    page.locator("[data-handout-open]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(served_site.url(f"{ROOTS[language]}handout/?r={first.id},{second.id}"))
    assert shown(page) == expected(guide, served_site, language, [("rule", first.id), ("rule", second.id)])


@pytest.mark.parametrize("language", LANGUAGES)
def test_reordering_and_removing_with_the_keyboard(page, served_site: BuiltSite, guide: Guide,
                                                   language: str) -> None:
    ui = guide.ui[language]
    page.goto(handout_path(language, SELECTION))
    announce = page.locator("[data-handout-announce]")
    r07 = f"R07 {RULES.get(guide, 'R07').texts[language].title}"
    page.get_by_role("button", name=f"{ui['handout_move_down']} {r07}", exact=True).focus()
    page.keyboard.press("Enter")
    announce.filter(has_text=fill(ui["handout_moved"], item=r07, position=2)).wait_for()
    assert [item["code"] or item["title"] for item in shown(page)][:2] == ["R12", "R07"]
    # Focus stays with the item that moved, on the same control.
    assert page.evaluate("document.activeElement.closest('[data-item]').dataset.item") == "r:R07"
    assert page.evaluate("document.activeElement.dataset.action") == "down"
    page.keyboard.press("Enter")  # down again: now last, so focus goes to its "up"
    assert page.evaluate("document.activeElement.dataset.action") == "up"
    page.wait_for_url(served_site.url(f"{ROOTS[language]}handout/?r=R12&c=avant-inviter&r=R07"))

    checklist = CHECKLISTS.get(guide, "avant-inviter").texts[language].title
    page.get_by_role("button", name=f"{ui['handout_remove']} {checklist}", exact=True).focus()
    page.keyboard.press("Enter")
    announce.filter(has_text=fill(ui["handout_removed"], item=checklist)).wait_for()
    page.wait_for_url(served_site.url(f"{ROOTS[language]}handout/?r=R12,R07"))
    assert page.evaluate("document.activeElement.closest('[data-item]').dataset.item") == "r:R07"
    # The edited handout is now the one being built on this device, and a reload shows it.
    assert json.loads(page.evaluate("localStorage.getItem('netguide.handout')")) == {"items": ["r:R12", "r:R07"]}
    page.reload()
    assert [item["code"] for item in shown(page)] == ["R12", "R07"]


def test_adding_from_rule_and_checklist_pages(page, served_site: BuiltSite, guide: Guide) -> None:
    ui = guide.ui["en"]
    page.goto("/en/rules/R12/")
    add(page, f"{ui['handout_add']} R12")
    page.goto("/en/checklists/avant-inviter/")
    title = CHECKLISTS.get(guide, "avant-inviter").texts["en"].title
    page.get_by_role("button", name=f"{ui['handout_add']} {title}", exact=True).click()
    page.locator("[data-handout-open]").click()
    page.wait_for_url("**/en/handout/?r=R12&c=avant-inviter")
    assert shown(page) == expected(guide, served_site, "en", [("rule", "R12"), ("checklist", "avant-inviter")])
    # The handout page opened bare shows the handout being built, and its address becomes the page's.
    page.goto("/en/handout/")
    page.wait_for_url("**/en/handout/?r=R12&c=avant-inviter")
    page.get_by_role("button", name=ui["handout_clear"]).click()
    assert shown(page) == [] and page.evaluate("localStorage.getItem('netguide.handout')") is None
    page.wait_for_url("**/en/handout/")


# js/handout.js on the pages with "add" buttons: loaded by js/guide.js only when it is needed


def handout_scripts(asked: list[str]) -> list[str]:
    return [url for url in asked if urlsplit(url).path.endswith("/js/handout.js")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_first_visit_does_not_download_the_handouts_script_until_add_is_pressed(
        page, served_site: BuiltSite, guide: Guide, language: str) -> None:
    ui = guide.ui[language]
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"/{ROOTS[language]}rules/R07/", wait_until="networkidle")
    assert any(urlsplit(url).path.endswith("/js/guide.js") for url in asked)
    assert handout_scripts(asked) == []
    button = page.get_by_role("button", name=f"{ui['handout_add']} R07", exact=True)
    tray = page.locator("[data-handout-tray]")
    assert button.is_visible() and button.get_attribute("aria-pressed") == "false" and tray.is_hidden()

    button.click()
    status = page.locator("[data-handout-status]")
    status.filter(has_text=fill(ui["handout_added"], item="R07")).wait_for()
    assert handout_scripts(asked) == [served_site.url("js/handout.js")]
    assert status.inner_text() == f"{fill(ui['handout_added'], item='R07')} {fill(ui['handout_count_one'], count=1)}"
    assert button.get_attribute("aria-pressed") == "true"
    assert json.loads(page.evaluate("localStorage.getItem('netguide.handout')")) == {"items": ["r:R07"]}
    assert tray.is_visible() and tray.inner_text() == f"{ui['handout_open']} {fill(ui['handout_count_one'], count=1)}"
    # From now on handout.js takes the presses itself: pressed again, the item leaves the handout.
    button.click()
    status.filter(has_text=fill(ui["handout_removed"], item="R07")).wait_for()
    assert button.get_attribute("aria-pressed") == "false" and tray.is_hidden()
    assert page.evaluate("localStorage.getItem('netguide.handout')") is None
    assert len(handout_scripts(asked)) == 1


def test_presses_made_while_the_script_loads_are_each_made_once(page, served_site: BuiltSite, guide: Guide) -> None:
    """Enter on one button and Space on another before js/handout.js has arrived: both items, in order, once."""
    ui = guide.ui["en"]
    first, second = RULES.all(guide)[4:6]
    held: list[object] = []
    page.route("**/js/handout.js", lambda route: held.append(route))  # answered only once both presses are made
    page.goto("/en/rules/")
    status = page.locator("[data-handout-status]")

    def button(rule_id: str) -> object:
        return page.get_by_role("button", name=f"{ui['handout_add']} {rule_id}", exact=True)

    with page.expect_request("**/js/handout.js"):
        button(first.id).focus()
        page.keyboard.press("Enter")
    button(second.id).focus()
    page.keyboard.press("Space")
    button(first.id).click()  # a press with the mouse, too: the first item is in, then out again
    assert held and page.evaluate("typeof window.netguideHandout") == "undefined"
    assert button(first.id).get_attribute("aria-pressed") == "false" and status.inner_text() == ""
    held[0].continue_()
    status.filter(has_text=fill(ui["handout_removed"], item=first.id)).wait_for()
    assert json.loads(page.evaluate("localStorage.getItem('netguide.handout')")) == {"items": [f"r:{second.id}"]}
    assert button(first.id).get_attribute("aria-pressed") == "false"
    assert button(second.id).get_attribute("aria-pressed") == "true"
    assert page.locator("[data-handout-tray]").inner_text().endswith(fill(ui["handout_count_one"], count=1))


@pytest.mark.parametrize("language", LANGUAGES)
def test_with_a_handout_begun_the_script_loads_at_once_and_shows_it(page, served_site: BuiltSite, guide: Guide,
                                                                    language: str) -> None:
    ui = guide.ui[language]
    page.goto(f"/{ROOTS[language]}rules/R12/")
    add(page, f"{ui['handout_add']} R12")
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    # Another page view, of a rule, a checklist and a result: each shows the handout without a press.
    title = CHECKLISTS.get(guide, "avant-inviter").texts[language].title
    outcome = guide.get("flow", "accepter-demande").node("laisser").texts[language].outcome
    for url_path, name, pressed in (("rules/R12/", "R12", "true"), ("rules/R07/", "R07", "false"),
                                    ("checklists/avant-inviter/", title, "false"),
                                    ("flows/accepter-demande/laisser/", outcome, "false")):
        asked.clear()
        page.goto(f"/{ROOTS[language]}{url_path}")
        assert handout_scripts(asked) == [served_site.url("js/handout.js")], url_path
        button = page.get_by_role("button", name=f"{ui['handout_add']} {name}", exact=True)
        assert button.is_visible() and button.get_attribute("aria-pressed") == pressed, url_path
        tray = page.locator("[data-handout-tray]")
        assert tray.is_visible() and tray.inner_text().endswith(fill(ui["handout_count_one"], count=1)), url_path


def test_without_storage_or_javascript_the_add_buttons_stay_hidden(page, nojs_page, served_site: BuiltSite) -> None:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    # As some private modes do: localStorage is there, and refuses to keep anything.
    page.add_init_script("Storage.prototype.setItem = () => { throw new DOMException('no', 'QuotaExceededError'); };")
    for tab in (page, nojs_page):
        for url_path in ("rules/", "rules/R07/", "checklists/avant-inviter/", "flows/accepter-demande/laisser/"):
            tab.goto(f"/en/{url_path}", wait_until="networkidle")
            assert tab.locator("button[data-handout-item]").count() >= 1, url_path
            assert not tab.locator("button[data-handout-item]:visible, [data-handout-tray]:visible, "
                                   "[data-handout-hint]:visible, [data-handout-column]:visible").count(), url_path
    assert asked and handout_scripts(asked) == []


def test_name_and_note_stay_on_this_device(page, served_site: BuiltSite, guide: Guide) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(f"{request.method} {request.url}"))
    page.goto(handout_path("fr", SELECTION))
    page.get_by_label(guide.ui["fr"]["handout_for"]).fill("Camille")
    page.get_by_label(guide.ui["fr"]["sheet_notes"]).fill("Relancer Paul jeudi.")
    page.reload()
    assert page.locator("[data-handout-name]").input_value() == "Camille"
    assert page.locator("[data-handout-note]").input_value() == "Relancer Paul jeudi."
    # Another handout has its own name and note; the link never carries them.
    page.goto(handout_path("fr", "?r=R12"))
    assert page.locator("[data-handout-name]").input_value() == ""
    assert not [request for request in requests if "Camille" in request or not request.startswith("GET ")]


# Ready-made handouts


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("handout_id", published_ids("handouts"))
def test_a_ready_made_handout_prints_on_one_page_with_its_qr_code(page, served_site: BuiltSite, guide: Guide,
                                                                   tmp_path: Path, handout_id: str,
                                                                   language: str) -> None:
    handout = HANDOUTS.get(guide, handout_id)
    page.goto(f"/{ROOTS[language]}h/{handout_id}/")
    page.wait_for_url(f"**/{ROOTS[language]}handout/{handout_id}/")
    items = [(kind.name, item_id) for kind, item_id in HANDOUTS.items_of(handout)]
    assert shown(page) == expected(guide, served_site, language, items)
    pdf_bytes = page.pdf(format="A4")
    pdf = PdfReader(io.BytesIO(pdf_bytes))
    assert len(pdf.pages) == 1
    assert page_text(pdf, 0).startswith(f"{guide.ui[language]['handout_title']} · ")
    assert decode_qr_codes(pdf_bytes, 1, tmp_path) == [served_site.url(f"{ROOTS[language]}h/{handout_id}/")]
    # A coach can start from it: the handout page opens with the same items.
    page.get_by_role("link", name=guide.ui[language]["handout_edit_copy"]).click()
    page.wait_for_url(served_site.url(f"{ROOTS[language]}handout/{address(items)}"))
    assert shown(page) == expected(guide, served_site, language, items)


def test_the_language_switcher_keeps_the_handout(page, served_site: BuiltSite, guide: Guide) -> None:
    page.goto(handout_path("fr", SELECTION))
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(served_site.url(f"en/handout/{SELECTION}"))
    assert shown(page) == expected(guide, served_site, "en", SELECTED)


# Accessibility


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("url_path", [f"handout/{SELECTION}", "handout/", "handout/premiers-contacts/", "rules/"])
def test_axe_core_finds_no_violation(page, served_site: BuiltSite, language: str, url_path: str) -> None:
    if url_path == "rules/":  # with the handout's controls shown and one of them pressed
        page.goto(f"/{ROOTS[language]}rules/")
        page.locator("button[data-handout-item]").first.click()
        page.locator("[data-handout-tray]").wait_for()
    else:
        page.goto(f"/{ROOTS[language]}{url_path}")
    assert axe_violations(page) == []


# The contract with flow outcomes, in the browser: the page as it will be once outcomes are a kind
# (letter "o"), its embedded texts made by the handout code from a stand-in of that kind.


@pytest.fixture(scope="module")
def outcome_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The handout page's embedded texts per language, outcomes included (test_handouts.StandInOutcomes)."""
    guide = load_guide(knowledge_with_outcomes(tmp_path_factory.mktemp("outcomes")), LANGUAGES, CONTRACT_KINDS)
    # As Jinja's tojson writes it in the page.
    return {language: json.dumps(CONTRACT_HANDOUTS.page_data(guide, language)).replace("<", "\\u003c")
            .replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027") for language in LANGUAGES}


def with_outcomes(tab: object, outcome_texts: dict[str, str]) -> None:
    def swap(route: object) -> None:
        response = route.fetch()
        language = "en" if "/en/" in route.request.url else LANGUAGES[0]
        page = re.sub(r'(<script type="application/json" id="handout-data">).*?(</script>)',
                      lambda found: found.group(1) + outcome_texts[language] + found.group(2), response.text(),
                      count=1, flags=re.S)
        route.fulfill(response=response, body=page)

    tab.route(lambda url: "/handout/?" in url, swap)


def outcome_expected(guide: Guide, served_site: BuiltSite, language: str, outcome_id: str) -> dict[str, str]:
    flow_id, node_id = outcome_id.split("/")
    flow = guide.get("flow", flow_id)
    text = flow.node(node_id).texts[language]
    return {"kind": guide.ui[language]["handout_kind_outcome"], "code": "", "title": text.outcome,
            "text": text.explanation, "link": served_site.url(f"{ROOTS[language]}d/{outcome_id}/")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_contract_a_result_in_the_address_is_shown_and_five_results_print_on_one_page(
        page, served_site: BuiltSite, guide: Guide, outcome_texts: dict[str, str], language: str) -> None:
    with_outcomes(page, outcome_texts)
    page.goto(handout_path(language, "?r=R07,R12&c=avant-inviter&o=accepter-demande/laisser"))
    assert shown(page) == [*expected(guide, served_site, language, SELECTED),
                           outcome_expected(guide, served_site, language, "accepter-demande/laisser")]
    assert page.locator("[data-handout-notice]").is_hidden()
    # The five results with the longest explanations in this language: still one page.
    outcomes = sorted(((f"{flow.id}/{node.id}", node) for flow in guide.of("flow") for node in flow.outcomes),
                      key=lambda pair: -len(pair[1].texts[language].explanation))[:5]
    page.goto(handout_path(language, "?o=" + ",".join(outcome_id for outcome_id, _ in outcomes)))
    assert [item["title"] for item in shown(page)] == [node.texts[language].outcome for _, node in outcomes]
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1


def test_a_session_three_rules_and_a_checklist_into_one_link_and_one_page_in_the_clients_language(
        page, served_site: BuiltSite, guide: Guide, tmp_path: Path) -> None:
    """The coach works in English, the client reads French: a few clicks from the index to the French sheet."""
    ui = guide.ui["en"]
    page.goto("/en/rules/")
    for rule_id in ("R18", "R20", "R23"):
        add(page, f"{ui['handout_add']} {rule_id}")
    page.goto("/en/c/avant-repondre/")
    title = CHECKLISTS.get(guide, "avant-repondre").texts["en"].title
    page.get_by_role("button", name=f"{ui['handout_add']} {title}", exact=True).click()
    page.get_by_role("link", name=re.compile(re.escape(ui["handout_open"]))).click()
    items = [("rule", "R18"), ("rule", "R20"), ("rule", "R23"), ("checklist", "avant-repondre")]
    query = address(items)
    page.wait_for_url(served_site.url(f"en/handout/{query}"))
    # The French link, copied for the client, and the French sheet, printed.
    french = page.locator("[data-handout-link]").nth(1)
    french.get_by_role("button", name=ui["handout_copy_in_fr"]).click()
    french.locator(".guide-copy__status").filter(has_text=ui["copied"]).wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == served_site.url(f"handout/{query}")
    french.get_by_role("link").click()
    page.wait_for_url(served_site.url(f"handout/{query}"))
    assert shown(page) == expected(guide, served_site, "fr", items)
    pdf_bytes = page.pdf(format="A4")
    pdf = PdfReader(io.BytesIO(pdf_bytes))
    assert len(pdf.pages) == 1
    assert page_text(pdf, 0).startswith(f"{guide.ui['fr']['checklist_guide_name']} {guide.ui['fr']['handout_title']}")
    assert decode_qr_codes(pdf_bytes, 1, tmp_path) == [served_site.url(f"handout/{query}")]
