"""Read knowledge/flows/*.yml into Flow objects, recording a precise problem for each mistake.

Besides the shape of each file, the graph itself is checked here: every answer leads to an
existing node, every question offers a real choice, every node can be reached from the
start, and no answer loops back, so that every path ends in an outcome.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import ProblemList
from .fields import RULE_ID, SLUG_ID, Fields, open_item_file, reader
from .flow_graph import breadth_first, find_cycle
from .flow_model import OUTCOME, QUESTION, Answer, Flow, FlowNode, FlowText, OutcomeText, QuestionText

FLOWS_DIR = "flows"
KINDS = (QUESTION, OUTCOME)


@reader(("title", "intro"))
def _flow_text(fields: Any, data: Mapping[str, Any], where: str) -> FlowText:
    return FlowText(fields.text(data, "title", where, max_length=60), fields.text(data, "intro", where, max_length=300))


@reader(("question", "help"))
def _question_text(fields: Any, data: Mapping[str, Any], where: str) -> QuestionText:
    return QuestionText(fields.text(data, "question", where, max_length=120),
                        fields.text(data, "help", where, required=False, max_length=300))


@reader(("outcome", "explanation"))
def _outcome_text(fields: Any, data: Mapping[str, Any], where: str) -> OutcomeText:
    return OutcomeText(fields.text(data, "outcome", where, max_length=60),
                       fields.text(data, "explanation", where, max_length=600))


def load_flows(root: Path, problems: ProblemList, languages: tuple[str, ...]) -> list[Flow]:
    flows = []
    for path in sorted((root / "knowledge" / FLOWS_DIR).glob("*.y*ml")):
        flow = load_flow(path, problems, languages)
        if flow is not None:
            flows.append(flow)
    return flows


def load_flow(path: Path, problems: ProblemList, languages: tuple[str, ...]) -> Flow | None:
    opened = open_item_file(path, problems, languages, ("id", "nodes"))
    if opened is None:
        return None
    fields, data = opened
    flow_id = fields.file_id(data, SLUG_ID, "accepter-demande")
    texts = fields.localized(data, "", _flow_text)
    raw_nodes = data.get("nodes")
    if not isinstance(raw_nodes, list) or not raw_nodes:
        fields.report("nodes", "the flow has no nodes", "list its questions and outcomes under 'nodes:', "
                      "starting with the first question")
        return None
    nodes = [node for index, raw in enumerate(raw_nodes, 1) if (node := _node(fields, raw, index))]
    nodes = _unique_nodes(fields, nodes)
    if len(nodes) != len(raw_nodes):
        return None  # the graph checks would only repeat the node's problem as answers leading nowhere
    if not _check_graph(fields, nodes) or not flow_id:
        return None
    return Flow(flow_id, tuple(nodes), texts, problems.display(path))


def _node(fields: Fields, raw: Any, index: int) -> FlowNode | None:
    if not isinstance(raw, Mapping):
        fields.report(f"nodes[{index}]", "expected a node ('- id: ...' with kind and texts)",
                      "write the node as 'key: value' lines")
        return None
    # A node is named by its ID where it has a valid one, by its position otherwise.
    raw_id = raw.get("id")
    where = f"nodes.{raw_id}" if isinstance(raw_id, str) and SLUG_ID.match(raw_id) else f"nodes[{index}]"
    kind = raw.get("kind")
    if kind not in KINDS:
        fields.report(f"{where}.kind", f"'{kind}' is not a kind of node", "write kind: question or kind: outcome")
        return None
    specific = "answers" if kind == QUESTION else "rules"
    raw = fields.mapping(raw, where, ("id", "kind", specific, *fields.languages))
    node_id = fields.identifier(raw, "id", f"nodes[{index}]", SLUG_ID, "type-de-demande")
    if kind == QUESTION:
        texts = fields.localized(raw, where, _question_text)
        answers = _answers(fields, raw, where)
        rules: tuple[str, ...] = ()
    else:
        texts = fields.localized(raw, where, _outcome_text)
        answers = ()
        rules = fields.id_list(raw, "rules", where)
        for rule_id in rules:
            if not RULE_ID.match(rule_id):
                fields.report(f"{where}.rules", f"'{rule_id}' is not a rule ID",
                              "cite rules by their code, like R18")
    if not node_id:
        return None
    return FlowNode(node_id, kind, answers, rules, texts)


def _answers(fields: Fields, raw: Mapping[str, Any], label: str) -> tuple[Answer, ...]:
    raw_answers = raw.get("answers")
    if not isinstance(raw_answers, list):
        raw_answers = []
    if len(raw_answers) < 2:
        fields.report(f"{label}.answers", f"a question needs at least two answers, this one has {len(raw_answers)}",
                      "add the missing answers (each '- next: <node ID>' with its texts), "
                      "or turn the node into an outcome")
    answers = []
    for index, item in enumerate(raw_answers, 1):
        where = f"{label}.answers[{index}]"
        item = fields.mapping(item, where, ("next", *fields.languages))
        if item is None:
            continue
        target = item.get("next")
        if not isinstance(target, str) or not target:
            fields.report(f"{where}.next", "the answer leads nowhere", "set next: to the ID of the node it leads to")
            target = ""
        texts = fields.translations(item, where, "answer", max_length=100)
        answers.append(Answer(target, texts))
    return tuple(answers)


def _unique_nodes(fields: Fields, nodes: list[FlowNode]) -> list[FlowNode]:
    seen: set[str] = set()
    unique = []
    for node in nodes:
        if node.id in seen:
            fields.report(f"nodes.{node.id}", f"two nodes have the ID '{node.id}'", "give one of them another ID")
            continue
        seen.add(node.id)
        unique.append(node)
    return unique


def _check_graph(fields: Fields, nodes: list[FlowNode]) -> bool:
    """Report every answer to nowhere, unreachable node and loop; True when the graph is sound."""
    if not nodes:
        return False
    before = len(fields.problems.items)
    ids = {node.id for node in nodes}
    start = nodes[0]
    if not start.is_question:
        fields.report(f"nodes.{start.id}", "the flow starts with an outcome",
                      "put the first question at the top of 'nodes:'")
    for node in nodes:
        for index, answer in enumerate(node.answers, 1):
            if answer.next and answer.next not in ids:
                fields.report(f"nodes.{node.id}.answers[{index}].next",
                              f"the answer leads to '{answer.next}', which is not a node of this flow",
                              f"use one of {', '.join(sorted(ids))}, or add a node with the ID '{answer.next}'")
            elif answer.next == node.id:
                fields.report(f"nodes.{node.id}.answers[{index}].next", "the answer leads back to its own question",
                              "make it lead to another question or to an outcome")
    edges = {node.id: [answer.next for answer in node.answers if answer.next in ids] for node in nodes}
    reachable = set(breadth_first(start.id, edges))
    for node in nodes:
        if node.id not in reachable:
            fields.report(f"nodes.{node.id}", f"no answer leads to the node '{node.id}', so nobody can reach it",
                          "make an answer lead to it (next: " + node.id + "), or remove the node")
    loop = find_cycle(start.id, edges)
    if loop and len(loop) > 2:
        fields.report(f"nodes.{loop[0]}", f"the answers go round in a circle: {' → '.join(loop)}",
                      f"make the answer of '{loop[-2]}' lead to a new question or to an outcome")
    return len(fields.problems.items) == before
