"""What a flow's pages show, in one language: its nodes in key order, each answer's target.

The interactive part and the printed key are rendered from the same list, so the
numbers of the key and the links between nodes can never disagree. Every outcome has a page
of its own (its result page, see ``outcomes``); an answer that ends the flow leads there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..rules import Rule
from .graph import leading_to, numbering
from .model import Flow

INDEX_PATH = "flows/"
ASSETS = ("css/flow.css", "js/flow.js")


def outcome_id(flow_id: str, node_id: str) -> str:
    """The permanent ID of a flow's outcome, and of its result page: 'accepter-demande/laisser'."""
    return f"{flow_id}/{node_id}"


@dataclass(frozen=True)
class AnswerView:
    position: int  # 1-based, as it appears in a shared link (?a=2.1)
    text: str
    target: Any  # the node it leads to
    target_number: int
    target_title: str  # the question or the outcome it leads to
    result: str | None  # the outcome's ID when the answer ends the flow: its result page


@dataclass(frozen=True)
class NodeView:
    node: Any  # the question or outcome node
    result: str | None  # an outcome's ID (its result page); None for a question
    number: int
    is_start: bool
    title: str  # the question, or the outcome's name
    body: str | None  # the question's help, or the outcome's explanation
    answers: tuple[AnswerView, ...]
    rules: tuple[Rule, ...]

    @property
    def anchor(self) -> str:
        return self.node.anchor

    @property
    def is_question(self) -> bool:
        return self.node.is_question


@dataclass(frozen=True)
class FlowView:
    nodes: tuple[NodeView, ...]  # the start first, then breadth-first: the key's order

    @property
    def start(self) -> NodeView:
        return self.nodes[0]


def node_title(node: Any, language: str) -> str:
    text = node.texts[language]
    return text.question if node.is_question else text.outcome


def flow_view(flow: Flow, rules: dict[str, Rule], language: str) -> FlowView:
    numbers = numbering(flow.start.id, flow.edges)
    ordered = sorted(flow.nodes, key=lambda node: numbers[node.id])
    views = []
    for node in ordered:
        text = node.texts[language]
        answers = tuple(
            AnswerView(position, answer.texts[language], flow.node(answer.next), numbers[answer.next],
                       node_title(flow.node(answer.next), language),
                       None if flow.node(answer.next).is_question else outcome_id(flow.id, answer.next))
            for position, answer in enumerate(getattr(node, "answers", ()), 1)
        )
        views.append(NodeView(
            node=node,
            result=None if node.is_question else outcome_id(flow.id, node.id),
            number=numbers[node.id],
            is_start=node.id == flow.start.id,
            title=node_title(node, language),
            body=text.help if node.is_question else text.explanation,
            answers=answers,
            rules=tuple(rules[rule_id] for rule_id in getattr(node, "rules", ())),
        ))
    return FlowView(tuple(views))


def questions_before(flow: Flow, node_id: str, language: str) -> dict[str, Any]:
    """What a result page's script needs to check answers that travel with its link (?a=2.1.3).

    The questions from which some answers lead to the outcome, each with its answers' texts and
    targets: enough to follow the answers from the start, show them and link back to each
    question, and small (the rest of the flow cannot lead to this result).
    """
    before = leading_to(node_id, flow.edges)
    return {
        "start": flow.start.id,
        "questions": {
            node.id: [node.texts[language].question,
                      [[answer.texts[language], answer.next] for answer in node.answers]]
            for node in flow.nodes if node.id in before
        },
    }
