"""The decision flows in the built site: pages, result pages, short links, links to rules, the key, the export."""

from __future__ import annotations

import json
import posixpath
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from conftest import LANGUAGES, ROOTS, BuiltSite, published_ids, search_records
from netguide.guide import Guide
from netguide.kinds.flows import FLOWS, OUTCOMES
from netguide.kinds.flows.graph import numbering

FLOW_IDS = published_ids("flows")
OUTCOME_IDS = published_ids("outcomes")


class IndexedText(HTMLParser):
    """The text of a page that a search engine honouring data-search-ignore indexes."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                      "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ignored: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            left_out = tag in ("script", "style") or any(name == "data-search-ignore" for name, _ in attrs)
            self.ignored.append(left_out or bool(self.ignored and self.ignored[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.ignored:
            self.ignored.pop()

    def handle_data(self, data: str) -> None:
        if not (self.ignored and self.ignored[-1]):
            self.text.append(data)


def indexed_text(html: str) -> str:
    parser = IndexedText()
    parser.feed(html)
    return " ".join(" ".join(parser.text).split())


def _resolve(page_path: str, href: str) -> str:
    """The URL path (from the site root) a relative link on a page leads to, without its fragment."""
    target = href.split("#", 1)[0]
    return posixpath.normpath(posixpath.join(page_path, target)) + ("/" if target.endswith("/") else "")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_flow_page_in_each_language(built_site: BuiltSite, guide: Guide, language: str, flow_id: str) -> None:
    flow = FLOWS.get(guide, flow_id)
    html = built_site.html(f"{ROOTS[language]}flows/{flow_id}/")
    assert f'<html lang="{language}"' in html
    assert f'<h1 id="flow-title">{flow.texts[language].title}</h1>' in html.replace("&#39;", "'")
    assert f"<title>{flow.texts[language].title}" in html
    # Every node is in the page with its own anchor; an answer is a plain link to the next question's
    # anchor, or to the page of the result it leads to.
    for node in flow.nodes:
        assert f'id="{node.anchor}"' in html
        for answer in node.answers if node.is_question else ():
            target = flow.node(answer.next)
            assert (f'href="#{target.anchor}"' if target.is_question else f'href="{target.id}/"') in html
    # The page loads its own assets, with defer.
    assert re.search(r'<link rel="stylesheet" href="[./]*css/flow\.css">', html)
    assert re.search(r'<script src="[./]*js/flow\.js" defer>', html)


def test_flow_assets_are_loaded_on_flow_and_result_pages_only(built_site: BuiltSite) -> None:
    assert "flow.js" in built_site.html("en/flows/relancer/arreter/")
    for url_path in ("", "rules/R18/", "flows/", "en/themes/repondre/"):
        assert "flow.js" not in built_site.html(url_path), url_path


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("outcome_id", OUTCOME_IDS)
def test_result_page_in_each_language(built_site: BuiltSite, guide: Guide, language: str, outcome_id: str) -> None:
    """The result, why, what to do next, the rules it applies (linked), its short link and QR code, the edition."""
    outcome = OUTCOMES.get(guide, outcome_id)
    flow_id = outcome_id.split("/")[0]
    page_path = f"/{ROOTS[language]}flows/{outcome_id}/"
    html = unescape(built_site.html(page_path))  # the texts as a reader sees them
    text = outcome.texts[language]
    assert f'<html lang="{language}"' in html
    assert f'<h1 id="result">{text.outcome}</h1>' in html
    assert f"<title>{text.outcome} · {outcome.flow.texts[language].title}" in html
    assert f'<p class="flow-result__why">{text.explanation}</p>' in html
    steps = re.findall(r"<li>(.*?)</li>", html.split('class="flow-result__steps"', 1)[1].split("</ol>", 1)[0])
    assert steps == [step.texts[language] for step in outcome.node.steps]
    # The rules it rests on, each linked to its page, in the order the outcome cites them.
    rules = html.split('class="flow-result__rules"', 1)[1].split("</ul>", 1)[0]
    links = re.findall(r'<a href="([^"]+)"><span class="guide-code">(R\d+)</span> ([^<]+)</a>', rules)
    assert [code for _, code, _ in links] == list(outcome.node.rules)
    for href, code, title in links:
        assert _resolve(page_path, href) == f"/{ROOTS[language]}rules/{code}/"
        assert built_site.path(_resolve(page_path, href)).is_file()
        assert title == guide.get("rule", code).texts[language].title
    assert guide.ui[language]["flow_result_trust"] in html
    # Without answers it stands alone, with a way to work through the questions.
    alone = html.split('class="flow-result__alone"', 1)[1].split("</p>", 1)[0]
    assert _resolve(page_path, re.search(r'href="([^"]+)"', alone).group(1)) == f"/{ROOTS[language]}flows/{flow_id}/"
    # On paper: its short link, as text and as a QR code, and the content's edition.
    short_url = built_site.url(f"{ROOTS[language]}d/{outcome_id}/")
    footer = html.split('class="flow-result__footer"', 1)[1].split("</footer>", 1)[0]
    assert f">{short_url}</a>" in footer and "<svg" in footer
    assert f'<time datetime="{guide.edition}">{guide.edition}</time>' in footer
    # The short link lands here.
    redirect = built_site.html(f"{ROOTS[language]}d/{outcome_id}/")
    assert f'url=../../../flows/{outcome_id}/"' in redirect
    assert f'<link rel="canonical" href="{built_site.url(ROOTS[language] + "flows/" + outcome_id + "/")}">' in redirect


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_answers_that_can_lead_to_a_result_travel_with_its_page(built_site: BuiltSite, guide: Guide,
                                                                     language: str) -> None:
    """A result's page holds the questions from which some answers lead to it, to check ?a= on arrival."""
    flow = FLOWS.get(guide, "accepter-demande")
    html = built_site.html(f"{ROOTS[language]}flows/accepter-demande/recommander/")
    data = json.loads(re.search(r'<script type="application/json" class="flow-result__questions">(.*?)</script>',
                                html, re.S).group(1))
    assert data["start"] == "demande"
    assert set(data["questions"]) == {"demande", "reco-travail"}
    question, answers = data["questions"]["reco-travail"]
    assert question == flow.node("reco-travail").texts[language].question
    assert answers == [[answer.texts[language], answer.next] for answer in flow.node("reco-travail").answers]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_a_results_former_anchor_on_the_flow_page_leads_to_its_page(built_site: BuiltSite, guide: Guide,
                                                                    language: str, flow_id: str) -> None:
    """#o-<outcome> was published on the flow's page: it stays, as a link to the result's page."""
    page_path = f"/{ROOTS[language]}flows/{flow_id}/"
    html = built_site.html(page_path)
    retired = {old.split("/")[1]: new for old, new in guide.registry.retired["outcomes"].items()
               if old.startswith(f"{flow_id}/")}
    anchors = {node.id: f"{flow_id}/{node.id}" for node in FLOWS.get(guide, flow_id).outcomes} | retired
    for anchor, outcome_id in anchors.items():
        block = html.split(f'id="o-{anchor}"', 1)[1].split('<div class="flow-node', 1)[0]
        assert "data-search-ignore" in block.split(">", 1)[0]
        href = re.search(r'<a class="flow-node__result" href="([^"]+)">', block).group(1)
        assert _resolve(page_path, href) == f"/{ROOTS[language]}flows/{outcome_id}/"
        assert built_site.path(_resolve(page_path, href)).is_file()


@pytest.mark.parametrize("language", LANGUAGES)
def test_retired_results_redirect_to_their_replacement(built_site: BuiltSite, guide: Guide, language: str) -> None:
    for old, new in guide.registry.retired["outcomes"].items():
        for path in (f"d/{old}/", f"flows/{old}/"):
            html = built_site.html(f"{ROOTS[language]}{path}")
            assert f'<link rel="canonical" href="{built_site.url(ROOTS[language] + "flows/" + new + "/")}">' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_sees_results_as_pages_and_not_the_flow_page_copies(built_site: BuiltSite, guide: Guide,
                                                                    language: str) -> None:
    """Result pages are indexed; on a flow's page the key and the results' anchors are marked to be left out."""
    for flow in FLOWS.all(guide):
        html = built_site.html(f"{ROOTS[language]}flows/{flow.id}/")
        key = html.split('<section class="flow-key"', 1)[1].split(">", 1)[0]
        assert "data-search-ignore" in key
        # Outside what is marked, the flow's page shows no result: search finds each on its own page.
        indexed = indexed_text(html)
        assert " ".join(flow.start.texts[language].question.split()) in indexed
        for node in flow.outcomes:
            assert " ".join(node.texts[language].outcome.split()) not in indexed, node.id
            assert " ".join(node.texts[language].explanation.split()) not in indexed, node.id
    # The site's search index holds every result page, with its result in its text.
    records = search_records(built_site, language)
    for flow in FLOWS.all(guide):
        for node in flow.outcomes:
            record = records[f"/{ROOTS[language]}flows/{flow.id}/{node.id}/"]
            outcome = " ".join(node.texts[language].outcome.split())
            assert outcome in " ".join(record["content"].replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_index_page_lists_every_flow(built_site: BuiltSite, guide: Guide, language: str) -> None:
    root = ROOTS[language]
    html = built_site.html(f"{root}flows/")
    assert f"<h1 id=\"flows\">{guide.ui[language]['flows_title']}</h1>" in html
    for flow in FLOWS.all(guide):
        hrefs = re.findall(rf'<h2 id="{flow.id}-title"><a href="([^"]+)">', html)
        assert len(hrefs) == 1
        assert built_site.path(_resolve(f"/{root}flows/", hrefs[0])).is_file()
    # The navigation has the section, its index and each flow.
    nav = html.split('class="md-nav md-nav--primary"', 1)[1]
    assert guide.ui[language]["nav_flows"] in nav
    for flow in FLOWS.all(guide):
        assert flow.texts[language].title.replace("'", "&#39;") in nav


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_short_link_leads_to_the_flow(built_site: BuiltSite, language: str, flow_id: str) -> None:
    html = built_site.html(f"{ROOTS[language]}d/{flow_id}/")
    assert f'url=../../flows/{flow_id}/"' in html
    assert f'<link rel="canonical" href="{built_site.url(ROOTS[language] + "flows/" + flow_id + "/")}">' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_printed_key_numbers_every_node_breadth_first(built_site: BuiltSite, guide: Guide, language: str) -> None:
    flow = FLOWS.all(guide)[0]
    html = built_site.html(f"{ROOTS[language]}flows/{flow.id}/")
    key = html.split('<section class="flow-key"', 1)[1]
    items = re.findall(r'<li class="flow-key__item[^"]*" id="k-([a-z0-9-]+)">\s*'
                       r'<span class="flow-key__number">(\d+)\.</span>', key)
    numbers = numbering(flow.start.id, flow.edges)
    assert [(node_id, int(number)) for node_id, number in items] == sorted(numbers.items(), key=lambda i: i[1])
    assert len(items) == len(flow.nodes)


def test_export_lists_each_flow_with_working_urls(built_site: BuiltSite, guide: Guide) -> None:
    export = json.loads(built_site.path("api/guide.json").read_text(encoding="utf-8"))
    assert [flow["id"] for flow in export["flows"]] == [flow.id for flow in FLOWS.all(guide)]
    for exported in export["flows"]:
        flow = FLOWS.get(guide, exported["id"])
        for language in LANGUAGES:
            assert exported["title"][language] == flow.texts[language].title
            url_path = exported["url"][language].removeprefix(built_site.base_url)
            assert built_site.path(url_path).is_file()
            assert built_site.path(exported["short_url"][language].removeprefix(built_site.base_url)).is_file()
        for node in exported["nodes"]:
            if node["kind"] == "outcome":
                assert node["url"][language] == built_site.url(f"{ROOTS[language]}flows/{flow.id}/{node['id']}/")
                assert built_site.path(node["url"][language].removeprefix(built_site.base_url)).is_file()
                assert node["short_url"][language] == built_site.url(f"{ROOTS[language]}d/{flow.id}/{node['id']}/")
                assert built_site.path(node["short_url"][language].removeprefix(built_site.base_url)).is_file()
                assert node["explanation"][language] == flow.node(node["id"]).texts[language].explanation
        kinds = {node["id"]: node["kind"] for node in exported["nodes"]}
        assert kinds == {node.id: node.kind for node in flow.nodes}
        for node in exported["nodes"]:
            if node["kind"] == "question":
                assert all(answer["next"] in kinds for answer in node["answers"])
            else:
                assert node["rules"]
                assert {rule["id"] for rule in export["rules"]} >= set(node["rules"])
