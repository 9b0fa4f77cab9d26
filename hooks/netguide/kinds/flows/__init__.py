"""Decision flows: one YAML file per flow in knowledge/flows/.

Each flow gets a page per language (flows/<id>/, short link d/<id>/) where every question is a
block with its own anchor; an index page lists them. Each outcome is an item of its own kind
(``outcomes``: ID <flow>/<outcome>, page flows/<flow>/<outcome>/, short link d/<flow>/<outcome>/).
The file's shape is in ``model``, the graph walks in ``graph``, and what a page shows of a flow
in ``view``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import Field

from ...errors import ProblemList
from ...export import Exported, PerLanguage
from ...guide import Guide
from ...kind import FileKind, Knowledge, MenuEntry, Page
from ...references import check_reference
from ..rules import RULES
from .graph import breadth_first, find_cycle, longest_path
from .model import Flow, flow_model
from .outcomes import OutcomeKind
from .view import ASSETS, INDEX_PATH, flow_view, outcome_id

# Beyond these a flow is no longer something a person answers on a phone, and a hostile file
# could make every walk over it slow.
MAX_NODES = 150
MAX_QUESTIONS_ON_A_PATH = 40


class ExportedAnswer(Exported):
    next: str = Field(description="the ID of the node the answer leads to")
    text: PerLanguage


class ExportedQuestion(Exported):
    id: str
    kind: Literal["question"]
    anchor: str = Field(description="the node's anchor on the flow's page")
    question: PerLanguage
    answers: list[ExportedAnswer]


class ExportedOutcome(Exported):
    id: str
    kind: Literal["outcome"]
    anchor: str = Field(description="the outcome's former anchor on the flow's page, which leads to its page")
    outcome: PerLanguage
    explanation: PerLanguage = Field(description="why: the guide's reading of the rules the outcome cites")
    url: PerLanguage = Field(description="the outcome's page, which does not depend on the answers given")
    short_url: PerLanguage
    steps: list[PerLanguage] = Field(description="what to do next")
    rules: list[str] = Field(description="the rules the outcome rests on")


class ExportedFlow(Exported):
    """The decision flows: questions whose answers lead to other nodes, ending in outcomes."""

    id: str
    title: PerLanguage
    url: PerLanguage
    short_url: PerLanguage
    start: str
    nodes: list[Annotated[ExportedQuestion | ExportedOutcome, Field(discriminator="kind")]]


class FlowKind(FileKind[Flow]):
    name = "flow"
    section = "flows"
    page_dir = "flows"
    short_dir = "d"
    id_example = "accepter-demande"
    found_in = "a file in knowledge/flows/"
    export_model = ExportedFlow

    def item_model(self, languages: tuple[str, ...]) -> type[Flow]:
        return flow_model(languages)

    def check_item(self, item: Flow, knowledge: Knowledge) -> Flow | None:
        """The graph: every answer leads somewhere, every node can be reached, no answer loops back."""
        problems = knowledge.problems
        before = len(problems.items)
        if len(item.nodes) > MAX_NODES:
            item.report(problems, ("nodes",), f"the flow has {len(item.nodes)} nodes, the limit is {MAX_NODES}",
                        "split it into several flows")
            return None
        positions: dict[str, int] = {}
        for index, node in enumerate(item.nodes):
            if node.id in positions:
                item.report(problems, ("nodes", index, "id"), f"two nodes have the ID '{node.id}'",
                            "give one of them another ID")
            positions.setdefault(node.id, index)
        if not item.start.is_question:
            item.report(problems, ("nodes", 0), "the flow starts with an outcome",
                        "put the first question at the top of 'nodes:'")
        for index, node in enumerate(item.nodes):
            for number, answer in enumerate(getattr(node, "answers", ())):
                where = ("nodes", index, "answers", number, "next")
                if answer.next not in positions:
                    item.report(problems, where,
                                f"the answer leads to '{answer.next}', which is not a node of this flow",
                                f"use one of {', '.join(sorted(positions))}, or add a node with the ID '{answer.next}'")
                elif answer.next == node.id:
                    item.report(problems, where, "the answer leads back to its own question",
                                "make it lead to another question or to an outcome")
        edges = {node_id: [target for target in targets if target in positions and target != node_id]
                 for node_id, targets in item.edges.items()}
        reachable = set(breadth_first(item.start.id, edges))
        for index, node in enumerate(item.nodes):
            if node.id not in reachable:
                item.report(problems, ("nodes", index),
                            f"no answer leads to the node '{node.id}', so nobody can reach it",
                            f"make an answer lead to it (next: {node.id}), or remove the node")
        loop = find_cycle(item.start.id, edges)
        if loop:
            item.report(problems, ("nodes", positions[loop[0]]),
                        f"the answers go round in a circle: {' → '.join(loop)}",
                        f"make the answer of '{loop[-2]}' lead to a new question or to an outcome")
        elif (depth := longest_path(item.start.id, edges)) > MAX_QUESTIONS_ON_A_PATH:
            item.report(problems, ("nodes",), f"one way through the flow asks {depth} questions, "
                        f"the limit is {MAX_QUESTIONS_ON_A_PATH}", "shorten the longest chain of questions")
        return item if len(problems.items) == before else None

    def check(self, guide: Guide, problems: ProblemList) -> None:
        for flow in self.all(guide):
            for index, node in enumerate(flow.nodes):
                for number, rule_id in enumerate(getattr(node, "rules", ())):
                    check_reference(guide, problems, flow, ("nodes", index, "rules", number), RULES, rule_id)

    def pages(self, guide: Guide) -> list[Page]:
        flows = self.all(guide)
        if not flows:
            return []
        ui = guide.ui
        languages = guide.languages
        rules = {rule.id: rule for rule in RULES.all(guide)}
        retired = guide.registry.retired.get(OUTCOMES.section, {})
        index = Page(INDEX_PATH, "flow_index.html", {lang: ui[lang]["flows_title"] for lang in languages},
                     {lang: ui[lang]["flows_description"] for lang in languages},
                     lambda language: {"flows": flows}, assets=ASSETS[:1], in_menu=True)
        return [index, *(
            Page(self.item_path(flow.id), "flow.html",
                 {lang: text.title for lang, text in flow.texts.items()},
                 {lang: text.intro for lang, text in flow.texts.items()},
                 lambda language, flow=flow: {
                     "flow": flow, "view": flow_view(flow, rules, language),
                     # Anchors of outcomes that were published on this page, then retired: #o-<old> leads on.
                     "retired": [(old.split("/", 1)[1], OUTCOMES.get(guide, new)) for old, new in retired.items()
                                 if old.split("/", 1)[0] == flow.id]},
                 short_path=self.short_path(flow.id), assets=ASSETS, in_menu=True)
            for flow in flows
        )]

    def menu(self, guide: Guide) -> list[MenuEntry]:
        flows = self.all(guide)
        if not flows:
            return []
        return [MenuEntry(30, (INDEX_PATH, *(self.item_path(flow.id) for flow in flows)),
                          {lang: guide.ui[lang]["nav_flows"] for lang in guide.languages})]

    def export(self, guide: Guide, urls: Callable[[str], dict[str, str]]) -> list[dict[str, Any]]:
        return [
            {
                "id": flow.id,
                "title": {lang: text.title for lang, text in flow.texts.items()},
                "url": urls(self.item_path(flow.id)),
                "short_url": urls(f"{self.short_dir}/{flow.id}/"),
                "start": flow.start.id,
                "nodes": [_export_node(flow, node, urls) for node in flow.nodes],
            }
            for flow in self.all(guide)
        ]


def _export_node(flow: Flow, node: Any, urls: Callable[[str], dict[str, str]]) -> dict[str, Any]:
    exported: dict[str, Any] = {"id": node.id, "kind": node.kind, "anchor": node.anchor}
    if node.is_question:
        exported["question"] = {lang: text.question for lang, text in node.texts.items()}
        exported["answers"] = [{"next": answer.next, "text": dict(answer.texts)} for answer in node.answers]
    else:
        result = outcome_id(flow.id, node.id)
        exported["outcome"] = {lang: text.outcome for lang, text in node.texts.items()}
        exported["explanation"] = {lang: text.explanation for lang, text in node.texts.items()}
        exported["url"] = urls(OUTCOMES.item_path(result))
        exported["short_url"] = urls(OUTCOMES.short_path(result) or OUTCOMES.item_path(result))
        exported["steps"] = [dict(step.texts) for step in node.steps]
        exported["rules"] = list(node.rules)
    return exported


FLOWS = FlowKind()
OUTCOMES = OutcomeKind(FLOWS)
