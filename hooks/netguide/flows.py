"""Decision flows: one YAML file per flow in knowledge/flows/.

Contract with the rest of the package:
- load(root, problems, languages) -> tuple of Flow, each with an ``id``
- check(guide, problems): cross-references (every outcome's rules exist)
- pages(guide) -> list of GeneratedPage (kinds starting with "flow")
- title_and_description(guide, page, language) -> (title, description)
- template_context(guide, page, language) -> extra template variables
- export(guide, urls) -> list of dicts for /api/guide.json, urls(path) giving {lang: absolute URL}

Reading and checking the files is in flow_load, graph walks in flow_graph, and what a
page shows of a flow in flow_view.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import ProblemList
from .flow_load import load_flows
from .flow_model import Flow, FlowNode
from .flow_view import flow_view
from .model import Guide
from .urls import page_path, short_path

FLOW_PAGE = "flow"
INDEX_PAGE = "flow-index"
INDEX_PATH = "flows/"
TEMPLATES: dict[str, str] = {FLOW_PAGE: "flow.html", INDEX_PAGE: "flow_index.html"}
# The index needs the stylesheet only; the script serves the flow pages.
ASSETS: dict[str, tuple[str, ...]] = {FLOW_PAGE: ("css/flow.css", "js/flow.js"), INDEX_PAGE: ("css/flow.css",)}


def load(root: Path, problems: ProblemList, languages: tuple[str, ...]) -> tuple[Flow, ...]:
    return tuple(load_flows(root, problems, languages))


def check(guide: Guide, problems: ProblemList) -> None:
    rule_ids = {rule.id for rule in guide.rules}
    for flow in guide.flows:
        for node in flow.outcomes:
            for rule_id in node.rules:
                if rule_id not in rule_ids:
                    problems.add(flow.file, f"nodes.{node.id}.rules", f"unknown rule '{rule_id}'",
                                 "cite the code of an existing rule (a file in knowledge/rules/)")


def pages(guide: Guide) -> list[Any]:
    # Imported here: pages.py imports this module to list every kind of page.
    from .pages import GeneratedPage

    if not guide.flows:
        return []
    index = GeneratedPage(INDEX_PAGE, None, INDEX_PATH)
    return [index, *(GeneratedPage(FLOW_PAGE, flow.id, page_path(FLOW_PAGE, flow.id)) for flow in guide.flows)]


def _flow(guide: Guide, flow_id: str) -> Flow:
    return next(flow for flow in guide.flows if flow.id == flow_id)


def title_and_description(guide: Guide, page: Any, language: str) -> tuple[str, str]:
    if page.kind == INDEX_PAGE:
        ui = guide.ui[language]
        return ui["flows_title"], ui["flows_description"]
    if page.kind == FLOW_PAGE:
        text = _flow(guide, page.item_id).texts[language]
        return text.title, text.intro
    raise ValueError(page.kind)


def template_context(guide: Guide, page: Any, language: str) -> dict[str, Any]:
    if page.kind == INDEX_PAGE:
        return {"flows": guide.flows}
    flow = _flow(guide, page.item_id)
    return {"flow": flow, "view": flow_view(guide, flow, language)}


def export(guide: Guide, urls: Callable[[str], dict[str, str]]) -> list[dict[str, Any]]:
    languages = guide.languages
    return [
        {
            "id": flow.id,
            "title": {lang: flow.texts[lang].title for lang in languages},
            "url": urls(page_path(FLOW_PAGE, flow.id)),
            "short_url": urls(short_path(FLOW_PAGE, flow.id)),
            "start": flow.start.id,
            "nodes": [_export_node(node, languages) for node in flow.nodes],
        }
        for flow in guide.flows
    ]


def _export_node(node: FlowNode, languages: tuple[str, ...]) -> dict[str, Any]:
    exported: dict[str, Any] = {"id": node.id, "kind": node.kind, "anchor": node.anchor}
    if node.is_question:
        exported["question"] = {lang: node.texts[lang].question for lang in languages}
        exported["answers"] = [{"next": answer.next, "text": dict(answer.texts)} for answer in node.answers]
    else:
        exported["outcome"] = {lang: node.texts[lang].outcome for lang in languages}
        exported["rules"] = list(node.rules)
    return exported
