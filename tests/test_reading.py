"""Finding one's way in the built site: short links that forgive, the short-link folders, the page
not found in each language (static host and `mkdocs serve`), contents columns, skip links, the
previous/next rule, the footer's language and French typography on the hand-written pages.
Browser checks of the same are in test_reading_browser.py.
"""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
from urllib.parse import urljoin

import pytest

from conftest import LANGUAGES, ROOTS, BuiltSite, nginx_serving, search_records
from netguide.guide import Guide
from netguide.kinds import KINDS
from netguide.kinds.rules import RULES
from netguide.redirects import redirects
from netguide.shortlinks import short_link_folders
from netguide.site import all_pages
from netguide.typography import NARROW_NBSP, NBSP, french_html
from netguide.urls import language_of


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def redirect_target(built_site: BuiltSite, url_path: str) -> str:
    """Where the redirect page at ``url_path`` leads, as a path under the site root."""
    page = built_site.html(url_path)
    target = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)"', page)
    assert target, url_path
    return urljoin("/" + url_path, html.unescape(target.group(1))).lstrip("/")


def main_text(page: str) -> str:
    """The prose a reader sees in a page's content column (code, typed as it is, left out)."""
    article = page.split('<article class="md-content__inner md-typeset"', 1)[1].split(">", 1)[1]
    article = article.split("</article>", 1)[0]
    prose = re.sub(r"<code>.*?</code>", "", article, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", prose))


def contents_column(page: str) -> list[str]:
    """The anchors listed in a page's contents column, in order (the last copy: the menu of a page in
    the navigation holds one too, for phones)."""
    column = page.rsplit('class="md-nav md-nav--secondary"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="#([^"]+)" class="md-nav__link">', column)


# --- short links that forgive ----------------------------------------------------------------

def test_rule_codes_have_the_spellings_people_type() -> None:
    assert RULES.short_aliases("R07") == ("R7", "r07", "r7")
    assert RULES.short_aliases("R12") == ("r12",)
    assert RULES.short_aliases("R100") == ("r100",)


def test_other_spellings_lead_where_the_short_link_does(guide: Guide) -> None:
    found = redirects(guide, all_pages(guide), KINDS)
    sources = [redirect.from_path for redirect in found]
    assert len(sources) == len(set(sources))  # one address, one target
    targets = {redirect.from_path: redirect.to_path for redirect in found}
    for rule in RULES.all(guide):
        for spelling in RULES.short_aliases(rule.id):
            assert targets[f"r/{spelling}/"] == f"rules/{rule.id}/"
    for old_id, new_id in guide.registry.retired["rules"].items():
        assert targets[f"r/{old_id.lower()}/"] == f"rules/{new_id}/"
    page_paths = {page.path for page in all_pages(guide)}
    assert not page_paths & set(targets)


def test_a_spelling_never_takes_over_another_link(guide: Guide) -> None:
    class Shouting(type(RULES)):
        def short_aliases(self, item_id: str) -> tuple[str, ...]:
            # R01's other spelling is R02, whose own short link must stay its own
            return ("R02", "r01") if item_id == "R01" else ()

    kinds = tuple(Shouting() if kind is RULES else kind for kind in KINDS)
    targets = {redirect.from_path: redirect.to_path for redirect in redirects(guide, all_pages(guide), kinds)}
    assert targets["r/R02/"] == "rules/R02/"
    assert targets["r/r01/"] == "rules/R01/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_spelling_of_a_rule_short_link_is_built(built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    for rule in RULES.all(guide):
        for spelling in RULES.short_aliases(rule.id):
            assert redirect_target(built_site, f"{root}r/{spelling}/") == f"{root}rules/{rule.id}/"
            assert f'<html lang="{language}">' in built_site.html(f"{root}r/{spelling}/")
    for old_id, new_id in guide.registry.retired["rules"].items():
        assert redirect_target(built_site, f"{root}r/{old_id.lower()}/") == f"{root}rules/{new_id}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_short_link_folder_lists_its_links(built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    pages = all_pages(guide)
    assert {"r", "c", "d"} <= set(short_link_folders(KINDS))  # and those of any kind added since
    for folder in short_link_folders(KINDS):
        page = built_site.html(f"{root}{folder}/")
        assert f'<html lang="{language}"' in page
        assert f"/{root}{folder}/" in page.split("<h1", 1)[1].split("</h1>", 1)[0]
        listed = re.findall(r'<td><a href="([^"]+)">([^<]+)</a></td>', page)
        shorts = [page.short_path for page in pages if page.short_path and page.short_path.startswith(f"{folder}/")]
        assert shorts
        for short in shorts:
            assert (short.removeprefix(f"{folder}/"), built_site.url(root + short)) in listed, short
            assert built_site.path(root + short).is_file()
    # they repeat the pages' titles: search leaves them out
    indexed = search_records(built_site, language)
    assert not [url for url in indexed if url.removeprefix(f"/{root}") in {"r/", "c/", "d/"}]
    assert f"/{root}rules/" in indexed
    retired = built_site.html(f"{root}r/").split('id="retired"', 1)[1]
    for old_id in guide.registry.retired["rules"]:
        assert f'href="{old_id}/"' in retired


# --- the page not found ----------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_page_not_found(built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    page = built_site.html(f"{root}404.html")
    assert f'<html lang="{language}"' in page
    assert f"<title>{guide.ui[language]['not_found_title']} - " in page
    assert f'<h1 id="not-found">{guide.ui[language]["not_found_title"]}</h1>' in page
    # served at any depth: every link of its own starts at the host's root
    assert f'<a href="/{root}rules/">{guide.ui[language]["index_title"]}</a>' in page
    assert f'<a href="/{root}">' in page
    assert '<a href="#not-found" class="md-skip">' in page
    # the language selector leads to each language's home, never to an unrelated page
    switch = dict(re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)"[^>]*class="md-select__link"', page))
    assert switch == {f"/{other_root}": other for other, other_root in ROOTS.items()}
    # the page each short link and retired code stands for, for guide.js to show
    assert '<li data-codes="r07 r7" hidden><a href="/' + root + 'rules/R07/">' in page
    retired_to = guide.registry.retired["rules"]["R11"]
    assert re.search(rf'<li data-codes="[^"]*\br11\b[^"]*" hidden><a href="/{root}rules/{retired_to}/">', page)


def test_the_page_not_found_names_the_language_of_an_address() -> None:
    site_url = "https://guide.example.org/sub/"
    assert language_of("/sub/en/rules/R99/", site_url, ("fr", "en")) == "en"
    assert language_of("/sub/en", site_url, ("fr", "en")) == "en"
    assert language_of("/sub/english/", site_url, ("fr", "en")) == "fr"
    assert language_of("/sub/rules/R99/", site_url, ("fr", "en")) == "fr"


def test_nginx_answers_a_missing_address_in_its_language(built_site: BuiltSite, guide: Guide) -> None:
    with nginx_serving(built_site) as (base, _):
        for language, root in ROOTS.items():
            for missing in ("rules/R99/", "no/such/page", "r/R9999/"):
                status, body = get(base + root + missing)
                assert status == 404, (root, missing)
                assert f'<html lang="{language}"' in body, (root, missing)
                assert guide.ui[language]["not_found_title"] in body
            status, body = get(base + root + "r/")
            assert status == 200 and 'class="guide-short-links"' in body
            status, body = get(base + root + "r/r7/")
            assert status == 200 and 'url=../../rules/R07/"' in body


# --- contents, skip links, previous and next --------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_rule_pages_list_their_sections_and_skip_to_the_title(built_site: BuiltSite, guide: Guide,
                                                              language: str) -> None:
    for rule in RULES.all(guide):
        page = built_site.html(f"{ROOTS[language]}rules/{rule.id}/")
        assert f'<a href="#{rule.id}" class="md-skip">' in page
        sections = ["claims", "why", "how", *(["example"] if rule.texts[language].example else []),
                    *(["views"] if rule.views else []), "sources", *(["related"] if rule.related else [])]
        assert contents_column(page) == sections, rule.id


def test_every_page_has_a_skip_link_to_an_anchor_it_holds(built_site: BuiltSite) -> None:
    pages = [path for path in built_site.root.rglob("*.html")
             if "http-equiv=\"refresh\"" not in path.read_text(encoding="utf-8")[:2000]]
    assert len(pages) > 100
    for path in pages:
        page = path.read_text(encoding="utf-8")
        skip = re.search(r'<a href="#([^"]+)" class="md-skip">', page)
        assert skip, path
        assert f'id="{skip.group(1)}"' in page, path


def test_flow_steps_stay_out_of_the_contents_column(built_site: BuiltSite, guide: Guide) -> None:
    for flow in guide.of("flow"):
        anchors = contents_column(built_site.html(f"flows/{flow.id}/"))
        assert anchors == ["flow-key-title"], flow.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_rule_pages_lead_to_the_previous_and_next_rule_of_their_theme(built_site: BuiltSite, guide: Guide,
                                                                      language: str) -> None:
    for theme in guide.of("theme"):
        rules = [rule.id for rule in RULES.all(guide) if rule.theme == theme.id]
        for index, rule_id in enumerate(rules):
            page = built_site.html(f"{ROOTS[language]}rules/{rule_id}/")
            previous = re.findall(r'rel="prev" href="\.\./([^/]+)/"', page)
            following = re.findall(r'rel="next" href="\.\./([^/]+)/"', page)
            assert previous == rules[index - 1:index] if index else previous == [], rule_id
            assert following == rules[index + 1:index + 2], rule_id


# --- the footer and French typography ----------------------------------------------------------

def test_the_footer_speaks_the_page_language(built_site: BuiltSite) -> None:
    for url_path in ("", "rules/R12/", "coaches/", "404.html"):
        french = built_site.html(url_path)
        english = built_site.html("en/" + url_path)
        assert "Made with" not in french and "Site réalisé avec" in french, url_path
        assert "Site made with" in english and "réalisé" not in english, url_path


def test_french_text_nodes_are_typeset_and_markup_is_not() -> None:
    fragment = ('<p title="a : b">Prêt ? Voir <code>/r/R12/ ?</code>, <a href="/r/?x=1">/r/R12/#why</a> ; '
                "« oui » &amp; l&#39;heure : 10 h</p><pre>a ?</pre>")
    assert french_html(fragment) == (
        f'<p title="a : b">Prêt{NARROW_NBSP}? Voir <code>/r/R12/ ?</code>, <a href="/r/?x=1">/r/R12/#why</a>'
        f"{NARROW_NBSP}; «{NBSP}oui{NBSP}» &amp; l'heure{NBSP}: 10{NBSP}h</p><pre>a ?</pre>")


def test_french_hand_written_pages_have_no_breaking_space_before_punctuation(built_site: BuiltSite) -> None:
    for url_path in ("", "coaches/"):
        page = built_site.html(url_path)
        text = main_text(page)
        assert ":" in text, url_path
        for mark in "?:;!»":
            assert f" {mark}" not in text, (url_path, mark, text[max(0, text.find(f" {mark}") - 40):][:60])
        assert "« " not in text, url_path
    assert "?" in main_text(built_site.html(""))
    coaches = built_site.html("coaches/")
    assert "<code>/r/R12/#example</code>" in coaches  # code is left as typed
    assert "Pour les coachs\u00a0: partager un lien" in coaches  # the title in the header and the menu
