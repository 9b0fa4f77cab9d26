"""The decision flows in the built site: pages, short links, links to rules, the key, the export."""

from __future__ import annotations

import json
import posixpath
import re

import pytest

from conftest import LANGUAGES, ROOTS, BuiltSite, published_ids
from netguide.guide import Guide
from netguide.kinds.flows import FLOWS
from netguide.kinds.flows.graph import numbering

FLOW_IDS = published_ids("flows")


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
    # Every node is in the page with its own anchor; answers are plain in-page links.
    for node in flow.nodes:
        assert f'id="{node.anchor}"' in html
        for answer in node.answers if node.is_question else ():
            assert f'href="#{flow.node(answer.next).anchor}"' in html
    # The page loads its own assets, with defer.
    assert re.search(r'<link rel="stylesheet" href="[./]*css/flow\.css">', html)
    assert re.search(r'<script src="[./]*js/flow\.js" defer>', html)


def test_flow_assets_are_loaded_on_flow_pages_only(built_site: BuiltSite) -> None:
    for url_path in ("", "rules/R18/", "flows/", "en/themes/repondre/"):
        assert "flow.js" not in built_site.html(url_path), url_path


@pytest.mark.parametrize("language", LANGUAGES)
def test_outcomes_link_to_the_rules_that_justify_them(built_site: BuiltSite, guide: Guide, language: str) -> None:
    for flow in FLOWS.all(guide):
        page_path = f"/{ROOTS[language]}flows/{flow.id}/"
        html = built_site.html(page_path)
        for node in flow.outcomes:
            block = html.split(f'id="{node.anchor}"', 1)[1].split('<div class="flow-node', 1)[0]
            links = re.findall(r'<a href="([^"]+)"><span class="guide-code">(R\d+)</span>', block)
            assert [code for _, code in links] == list(node.rules), (flow.id, node.id)
            for href, code in links:
                assert _resolve(page_path, href) == f"/{ROOTS[language]}rules/{code}/"
                assert built_site.path(_resolve(page_path, href)).is_file()


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
        kinds = {node["id"]: node["kind"] for node in exported["nodes"]}
        assert kinds == {node.id: node.kind for node in flow.nodes}
        for node in exported["nodes"]:
            if node["kind"] == "question":
                assert all(answer["next"] in kinds for answer in node["answers"])
            else:
                assert node["rules"]
                assert {rule["id"] for rule in export["rules"]} >= set(node["rules"])
