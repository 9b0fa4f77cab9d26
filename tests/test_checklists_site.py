"""The checklists in the real site built with `mkdocs build --strict`: pages, short links, QR codes, export."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urljoin

import pytest

from conftest import LANGUAGES, ROOTS, BuiltSite
from netguide.guide import Guide
from netguide.kinds.checklists import CHECKLISTS
from netguide.qr import qr_svg


def site_path(page_url_path: str, link: str) -> str:
    return urljoin("/" + page_url_path, link).lstrip("/")


def text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def sheet_of(page: str, checklist_id: str) -> str:
    start = page.index(f'<article class="guide-sheet" id="sheet-{checklist_id}"')
    return page[start:page.index("</article>", start)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_checklist_page(built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    ui = guide.ui[language]
    for checklist in CHECKLISTS.all(guide):
        url_path = f"{root}checklists/{checklist.id}/"
        page = built_site.html(url_path)
        text = checklist.texts[language]
        assert f'<html lang="{language}"' in page
        assert html.unescape(re.search(r"<title>([^<]*)</title>", page).group(1)).startswith(text.title)
        description = re.search(r'<meta name="description" content="([^"]*)">', page).group(1)
        assert html.unescape(description) == text.when
        sheet = sheet_of(page, checklist.id)
        assert text_of(re.search(r"<h1[^>]*>(.*?)</h1>", sheet).group(1)) == text.title
        assert text.when in text_of(sheet)
        mode_key = "checklist_mode_" + checklist.mode.replace("-", "_")
        assert ui[mode_key] in text_of(sheet) and ui[mode_key + "_help"] in text_of(sheet)
        # One real check box per item, each with its own label, in the data's order.
        boxes = re.findall(r'<input type="checkbox" class="guide-checklist__box" id="([^"]+)" name="([^"]+)"', sheet)
        assert [name for _, name in boxes] == list(checklist.rule_ids)
        labels = dict(re.findall(r'<label class="guide-checklist__label" for="([^"]+)">([^<]*)</label>', sheet))
        label_texts = [html.unescape(labels[box_id]) for box_id, _ in boxes]
        assert label_texts == [item.texts[language] for item in checklist.all_items]
        # Every item shows its rule's code, linked to the rule's page in the same language.
        for item in checklist.all_items:
            link = re.search(rf'<a class="guide-checklist__rule" href="([^"]+)">'
                             rf'<span class="guide-code">{item.rule}</span>', sheet)
            assert link, (checklist.id, item.rule)
            assert site_path(url_path, link.group(1)) == f"{root}rules/{item.rule}/"
        headings = [html.unescape(found) for found in re.findall(r'class="guide-checklist__part">([^<]*)</h2>', sheet)]
        assert headings == [section.texts[language] for section, _ in checklist.parts if section is not None]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_sheet_leads_back_to_itself_by_qr_code_and_short_url(built_site: BuiltSite, guide: Guide,
                                                                   language: str) -> None:
    root = ROOTS[language]
    for checklist in CHECKLISTS.all(guide):
        url_path = f"{root}checklists/{checklist.id}/"
        sheet = sheet_of(built_site.html(url_path), checklist.id)
        short_url = built_site.url(f"{root}c/{checklist.id}/")
        assert str(qr_svg(short_url)) in sheet
        assert f'aria-label="{html.escape(guide.ui[language]["checklist_qr_label"])} {short_url}"' in sheet
        link = re.search(r'<a class="guide-sheet__url" href="([^"]+)">([^<]+)</a>', sheet)
        assert link.group(2) == short_url
        assert site_path(url_path, link.group(1)) == f"{root}c/{checklist.id}/"
        assert f'<time datetime="{guide.edition}">{guide.edition}</time>' in sheet


@pytest.mark.parametrize("language", LANGUAGES)
def test_short_links_redirect_to_their_checklist(built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    for checklist in CHECKLISTS.all(guide):
        redirect = built_site.html(f"{root}c/{checklist.id}/")
        assert f'<html lang="{language}">' in redirect
        target = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', redirect).group(1)
        assert site_path(f"{root}c/{checklist.id}/", target) == f"{root}checklists/{checklist.id}/"
        assert built_site.path(f"{root}checklists/{checklist.id}/").is_file()


@pytest.mark.parametrize("language", LANGUAGES)
def test_index_lists_every_checklist_and_the_print_page(built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    page = built_site.html(f"{root}checklists/")
    assert f"<title>{html.escape(guide.ui[language]['checklist_index_title'])}" in page
    content = page[page.index('<h1 id="checklists">'):]
    links = [site_path(f"{root}checklists/", link)
             for link in re.findall(r'<h2 id="[^"]+"><a href="([^"]+)">', content)]
    assert links == [f"{root}checklists/{checklist.id}/" for checklist in CHECKLISTS.all(guide)]
    assert 'href="print/"' in content


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_page_holds_every_checklist_once(built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    page = built_site.html(f"{root}checklists/print/")
    found = re.findall(r'<article class="guide-sheet" id="sheet-([^"]+)"', page)
    assert found == [checklist.id for checklist in CHECKLISTS.all(guide)]
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "duplicate element IDs on the print page"
    for checklist in CHECKLISTS.all(guide):
        sheet = sheet_of(page, checklist.id)
        title = re.search(r'<h2 id="[^"]+" class="guide-sheet__title">([^<]*)</h2>', sheet).group(1)
        assert html.unescape(title) == checklist.texts[language].title
        assert str(qr_svg(built_site.url(f"{root}c/{checklist.id}/"))) in sheet
        # Sheets printed for others start blank: only a checklist's own page keeps ticks.
        assert "data-checklist-store" not in sheet


@pytest.mark.parametrize("language", LANGUAGES)
def test_checklist_assets_load_on_checklist_pages_only(built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    checklist_page = built_site.html(f"{root}checklists/{CHECKLISTS.all(guide)[0].id}/")
    assert re.search(r'<link rel="stylesheet" href="[./]*css/checklist\.css">', checklist_page)
    assert re.search(r'<script src="[./]*js/checklist\.js" defer></script>', checklist_page)
    assert "checklist.css" not in built_site.html(f"{root}rules/R12/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_navigation_reaches_every_checklist(built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    home = built_site.html(root)
    for checklist in CHECKLISTS.all(guide):
        assert f'href="checklists/{checklist.id}/"' in home, checklist.id


def test_export_lists_every_checklist_with_working_urls(built_site: BuiltSite, guide: Guide) -> None:
    export = json.loads(built_site.path("api/guide.json").read_text(encoding="utf-8"))
    entries = export["checklists"]
    assert [entry["id"] for entry in entries] == [checklist.id for checklist in CHECKLISTS.all(guide)]
    for entry, checklist in zip(entries, CHECKLISTS.all(guide), strict=True):
        assert entry["rules"] == list(checklist.rule_ids)
        for language in LANGUAGES:
            assert entry["title"][language] == checklist.texts[language].title
            for key in ("url", "short_url"):
                url = entry[key][language]
                assert url.startswith(built_site.base_url + ROOTS[language])
                assert built_site.path(url.removeprefix(built_site.base_url)).is_file(), url


def test_french_sheets_use_french_typography(built_site: BuiltSite) -> None:
    sheet = sheet_of(built_site.html("checklists/avant-inviter/"), "avant-inviter")
    assert "Quand s&#39;en servir\u00a0:" in sheet
    assert " :" not in text_of(sheet)
