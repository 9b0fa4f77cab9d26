"""Checklists in Chromium: ticks kept on the device, printing to A4 PDF, QR codes that scan, axe-core."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import LANGUAGES, ROOTS, BuiltSite, axe_violations, build_site, copy_project, published_ids
from netguide.guide import Guide
from netguide.kinds.checklists import CHECKLISTS, HEADING_MAX, ITEM_MAX, MAX_ITEMS, TITLE_MAX, WHEN_MAX, Checklist
from netguide.kinds.rules import RULES
from netguide.kinds.rules import TITLE_MAX as RULE_TITLE_MAX

pytestmark = pytest.mark.browser

CHECKLIST_IDS = published_ids("checklists")
A4_POINTS = (595.3, 841.9)
SAMPLE = "avant-inviter"


@pytest.fixture(scope="module")
def sample(guide: Guide) -> Checklist:
    return CHECKLISTS.get(guide, SAMPLE)


def checklist_path(language: str, checklist_id: str) -> str:
    return f"/{ROOTS[language]}checklists/{checklist_id}/"


def printed(tab: object) -> PdfReader:
    return PdfReader(io.BytesIO(tab.pdf(format="A4")))


def decode_qr_codes(pdf: bytes, page_number: int, workdir: Path) -> list[str]:
    """Rasterise one printed page as a scanner would see it, and read every QR code on it."""
    for tool, package in (("pdftoppm", "poppler-utils"), ("zbarimg", "zbar-tools")):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: apt-get install {package} (scripts/test installs it)")
    pdf_path = workdir / "printed.pdf"
    pdf_path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-f", str(page_number), "-l", str(page_number),
                    "-singlefile", str(pdf_path), str(workdir / "page")], check=True)
    result = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(workdir / "page.png")],
                            capture_output=True, text=True, check=False)
    return result.stdout.split()


def box(tab: object, rule_id: str, checklist_id: str = SAMPLE) -> object:
    return tab.locator(f"#{checklist_id}-{rule_id}")


# Ticks


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_tick_survives_a_reload_and_reset_clears_it(page, served_site: BuiltSite, guide: Guide, sample: Checklist,
                                                      language: str) -> None:
    first, second, *others = sample.rule_ids
    page.goto(checklist_path(language, SAMPLE))
    page.get_by_label(sample.all_items[0].texts[language]).check()  # through its label
    box(page, second).focus()
    page.keyboard.press("Space")  # and from the keyboard
    stored = page.evaluate(f"localStorage.getItem('netguide.checklist.{SAMPLE}')")
    assert sorted(json.loads(stored)) == sorted([first, second])
    page.reload()
    assert box(page, first).is_checked() and box(page, second).is_checked()
    assert not any(box(page, rule_id).is_checked() for rule_id in others)
    # A fresh visit, where the browser has no form state of its own to restore, shows them too.
    fresh = page.context.new_page()
    fresh.goto(checklist_path(language, SAMPLE))
    assert box(fresh, first).is_checked() and not box(fresh, others[0]).is_checked()
    fresh.close()

    page.get_by_role("button", name=guide.ui[language]["checklist_reset"]).click()
    assert not any(box(page, rule_id).is_checked() for rule_id in sample.rule_ids)
    assert page.locator(".guide-checklist__status").inner_text() == guide.ui[language]["checklist_cleared"]
    page.reload()
    assert not any(box(page, rule_id).is_checked() for rule_id in sample.rule_ids)
    assert page.evaluate("Object.keys(localStorage)") == []


def test_ticks_follow_the_checklist_into_the_other_language(page, served_site: BuiltSite, sample: Checklist) -> None:
    rule_id = sample.rule_ids[2]
    page.goto(checklist_path("fr", SAMPLE))
    box(page, rule_id).check()
    page.goto(checklist_path("en", SAMPLE))
    assert box(page, rule_id).is_checked()


def test_ticks_stay_on_the_device(page, served_site: BuiltSite, guide: Guide, sample: Checklist) -> None:
    page.goto(checklist_path("en", SAMPLE))
    note = page.get_by_text(guide.ui["en"]["checklist_storage_note"])
    assert note.is_visible()
    requests: list[object] = []
    page.on("request", lambda request: requests.append(request))
    box(page, sample.rule_ids[0]).check()
    page.get_by_role("button", name=guide.ui["en"]["checklist_reset"]).click()
    # Nothing may carry the ticks anywhere: no request but the download of a script.
    sent = [f"{request.method} {request.url}" for request in requests
            if request.method != "GET" or "?" in request.url or not request.url.endswith(".js")]
    assert sent == []


def test_print_button_opens_the_print_dialog(page, served_site: BuiltSite, guide: Guide) -> None:
    page.add_init_script("window.print = () => { window.printCalls = (window.printCalls || 0) + 1; };")
    page.goto(checklist_path("en", SAMPLE))
    page.get_by_role("button", name=guide.ui["en"]["checklist_print"]).click()
    assert page.evaluate("window.printCalls") == 1
    page.goto("/en/checklists/print/")
    page.get_by_role("button", name=guide.ui["en"]["checklist_print_all_button"]).click()
    assert page.evaluate("window.printCalls") == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_checklist_works_without_javascript(nojs_page, served_site: BuiltSite, guide: Guide, sample: Checklist,
                                            language: str) -> None:
    nojs_page.goto(checklist_path(language, SAMPLE))
    first = sample.rule_ids[0]
    box(nojs_page, first).check()
    assert box(nojs_page, first).is_checked()
    nojs_page.get_by_role("button", name=guide.ui[language]["checklist_reset"]).click()
    assert not box(nojs_page, first).is_checked()
    # What needs the script stays out of sight: the print button and the promise to remember ticks.
    assert nojs_page.get_by_role("button", name=guide.ui[language]["checklist_print"]).count() == 0
    assert nojs_page.get_by_text(guide.ui[language]["checklist_storage_note"]).is_hidden()


@pytest.mark.parametrize("language", LANGUAGES)
def test_copy_button_copies_the_checklists_short_link(page, served_site: BuiltSite, guide: Guide,
                                                      sample: Checklist, language: str) -> None:
    page.goto(checklist_path(language, SAMPLE))
    page.get_by_role("button", name=f"{guide.ui[language]['copy_link']} {sample.texts[language].title}").click()
    page.locator(".guide-copy__status").filter(has_text=guide.ui[language]["copied"]).wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == served_site.url(f"{ROOTS[language]}c/{SAMPLE}/")


# Print


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("checklist_id", CHECKLIST_IDS)
def test_each_checklist_prints_on_exactly_one_a4_page(page, served_site: BuiltSite, guide: Guide, checklist_id: str,
                                                      language: str) -> None:
    checklist = CHECKLISTS.get(guide, checklist_id)
    ui = guide.ui[language]
    page.goto(checklist_path(language, checklist_id))
    box(page, checklist.rule_ids[0], checklist_id).check()  # a ticked box must not push anything over
    pdf = printed(page)
    assert len(pdf.pages) == 1
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2
    text = " ".join(pdf.pages[0].extract_text().split())
    assert text.startswith(checklist.texts[language].title)
    # A sheet for a session: who, when and with whom at the top, notes at the bottom.
    top_to_bottom = [ui["sheet_name"], ui["sheet_date"], ui["sheet_with"], checklist.all_items[0].texts[language],
                     ui["sheet_notes"]]
    places = [text.index(" ".join(part.split()[:5])) for part in top_to_bottom]
    assert places == sorted(places)
    # Each item with its rule's code and title ("R51" alone means nothing on paper).
    for item in checklist.all_items:
        rule_title = " ".join(RULES.get(guide, item.rule).texts[language].title.split())
        assert f"{item.rule} {rule_title}" in text, item.rule
    assert served_site.url(f"{ROOTS[language]}c/{checklist_id}/") in text
    assert guide.edition in text
    # No navigation, no buttons: nothing but the sheet.
    for absent in (ui["checklist_reset"], ui["checklist_print"], ui["checklist_all_link"], ui["index_title"],
                   ui["nav_checklists"], ui["short_link_label"], ui["copy_link"], ui["handout_add"],
                   *(other.texts[language].title for other in CHECKLISTS.all(guide) if other.id != checklist_id)):
        assert absent not in text, absent


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("checklist_id", CHECKLIST_IDS)
def test_printed_qr_code_scans_to_the_checklist_short_url(page, served_site: BuiltSite, tmp_path: Path,
                                                          checklist_id: str, language: str) -> None:
    page.goto(checklist_path(language, checklist_id))
    codes = decode_qr_codes(page.pdf(format="A4"), 1, tmp_path)
    assert codes == [served_site.url(f"{ROOTS[language]}c/{checklist_id}/")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_all_gives_one_page_per_checklist(page, served_site: BuiltSite, guide: Guide, tmp_path: Path,
                                                language: str) -> None:
    page.goto(f"/{ROOTS[language]}checklists/print/")
    pdf_bytes = page.pdf(format="A4")
    pdf = PdfReader(io.BytesIO(pdf_bytes))
    assert len(pdf.pages) == len(CHECKLISTS.all(guide))
    for number, (sheet, checklist) in enumerate(zip(pdf.pages, CHECKLISTS.all(guide), strict=True), 1):
        text = " ".join(sheet.extract_text().split())
        assert text.startswith(checklist.texts[language].title), number
        assert all(rule_id in text for rule_id in checklist.rule_ids), number
        assert guide.ui[language]["checklist_print_title"] not in text
        assert decode_qr_codes(pdf_bytes, number, tmp_path) == [served_site.url(f"{ROOTS[language]}c/{checklist.id}/")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_printed_sheet_is_black_on_white(page, served_site: BuiltSite, language: str) -> None:
    page.emulate_media(media="print")  # before loading, so no colour is caught mid-transition
    page.goto(checklist_path(language, "entretenir-reseau"))
    colours = page.evaluate("""() => {
        const seen = new Set();
        for (const element of document.querySelectorAll(".guide-sheet, .guide-sheet *")) {
            const style = getComputedStyle(element);
            if (!element.checkVisibility() || element.closest("svg")) continue;
            seen.add(style.color);
            if (style.backgroundColor !== "rgba(0, 0, 0, 0)") seen.add("background " + style.backgroundColor);
            if (style.borderTopStyle !== "none") seen.add("border " + style.borderTopColor);
        }
        return [...seen];
    }""")
    assert set(colours) <= {"rgb(0, 0, 0)", "background rgb(255, 255, 255)", "border rgb(0, 0, 0)"}, colours
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                     ".guide-checklist__actions", ".guide-sheet__more"):
        assert page.locator(selector).first.is_hidden(), selector


# The length limits of the data keep any checklist on one page, not only today's.

FILLER = {
    "fr": "Vérifiez soigneusement chaque renseignement professionnel communiqué publiquement avant toute "
          "démarche importante auprès des interlocuteurs concernés",
    "en": "Double-check thoroughly every professional particular published openly before approaching any "
          "important correspondents concerned",
}


def longest_text(language: str, limit: int) -> str:
    """A sentence of long words, as close to ``limit`` characters as whole words allow."""
    words, text = FILLER[language].split(), ""
    for index in range(limit):
        longer = f"{text} {words[index % len(words)]}".strip()
        if len(longer) + 1 > limit:
            break
        text = longer
    return text + "."


def longest_checklist(checklist_id: str, order: int, rule_ids: list[str]) -> str:
    lines = [f"id: {checklist_id}", f"order: {order}", "mode: do-confirm"]
    for language in LANGUAGES:
        lines += [f"{language}:", f"  title: {longest_text(language, TITLE_MAX)}",
                  f"  when: {longest_text(language, WHEN_MAX)}"]
    lines.append("sections:")
    rules = iter(rule_ids)
    for size in (MAX_ITEMS // 2, MAX_ITEMS - MAX_ITEMS // 2):
        lines += [f"  {'- ' if language == LANGUAGES[0] else '  '}{language}: {longest_text(language, HEADING_MAX)}"
                  for language in LANGUAGES]
        lines.append("    items:")
        for _ in range(size):
            lines.append(f"      - rule: {next(rules)}")
            lines += [f"        {language}: {longest_text(language, ITEM_MAX)}" for language in LANGUAGES]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def longest_checklist_site(tmp_path_factory: pytest.TempPathFactory, guide: Guide) -> Path:
    """The real site plus a checklist with the most items, sections and text the data allows."""
    project = tmp_path_factory.mktemp("longest") / "project"
    copy_project(project)
    last = max(checklist.order for checklist in CHECKLISTS.all(guide))
    rule_ids = [rule.id for rule in RULES.all(guide)][:MAX_ITEMS]
    text = longest_checklist("zz-longest", last + 1, rule_ids)
    # The sheet prints each item's rule title too: give those rules the longest titles the data allows.
    for rule_id in rule_ids:
        path = project / "knowledge" / "rules" / f"{rule_id}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for language in LANGUAGES:
            data[language]["title"] = longest_text(language, RULE_TITLE_MAX)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (project / "knowledge" / "checklists" / "zz-longest.yml").write_text(text, encoding="utf-8")
    registry = project / "knowledge" / "registry.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "checklists:\n  published:\n", "checklists:\n  published:\n    - zz-longest\n"), encoding="utf-8")
    result = build_site(project / "site", "https://guide.example.org/", project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.parametrize("language", LANGUAGES)
def test_longest_checklist_the_data_allows_still_prints_on_one_page(browser, longest_checklist_site: Path,
                                                                     guide: Guide, language: str) -> None:
    context = browser.new_context()
    tab = context.new_page()
    tab.goto((longest_checklist_site / f"{ROOTS[language]}checklists/zz-longest/index.html").as_uri())
    for checkbox in tab.locator(".guide-checklist__box").all():
        checkbox.check()
    pdf = printed(tab)
    context.close()
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    ui = guide.ui[language]
    for label in (ui["sheet_name"], ui["sheet_date"], ui["sheet_with"], ui["sheet_notes"]):
        assert " ".join(label.split()) in text  # the lines for the session made it
    # every item with its rule, however long the rule's title
    assert len(re.findall(r"\bR\d{2,4} \S", text)) == MAX_ITEMS
    assert "https://guide.example.org/" + ROOTS[language] + "c/zz-longest/" in text  # the footer made it too


# Accessibility


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("url_path", [f"checklists/{checklist_id}/" for checklist_id in CHECKLIST_IDS]
                         + ["checklists/", "checklists/print/"])
def test_axe_core_finds_no_violation(page, served_site: BuiltSite, language: str, url_path: str) -> None:
    page.goto(f"/{ROOTS[language]}{url_path}")
    if url_path.count("/") == 2 and url_path != "checklists/print/":
        page.locator(".guide-checklist__box").first.check()
    assert axe_violations(page) == []
