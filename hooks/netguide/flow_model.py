"""Decision flows as plain, immutable objects.

A flow is a graph of nodes with language-neutral IDs. A question's answers each lead to
another node; an outcome ends the flow and names the rules that justify it. The first
node is where the flow starts. Everything a reader sees is in ``texts``, keyed by language.
"""

from __future__ import annotations

from dataclasses import dataclass

QUESTION = "question"
OUTCOME = "outcome"
# The anchor of a node on its page says its kind: #q-<id> for a question, #o-<id> for an outcome.
ANCHOR_PREFIX = {QUESTION: "q-", OUTCOME: "o-"}


@dataclass(frozen=True)
class FlowText:
    title: str
    intro: str


@dataclass(frozen=True)
class QuestionText:
    question: str
    help: str | None


@dataclass(frozen=True)
class OutcomeText:
    outcome: str
    explanation: str


@dataclass(frozen=True)
class Answer:
    next: str  # the ID of the node this answer leads to
    texts: dict[str, str]


@dataclass(frozen=True)
class FlowNode:
    id: str
    kind: str  # QUESTION or OUTCOME
    answers: tuple[Answer, ...]  # questions only
    rules: tuple[str, ...]  # outcomes only
    texts: dict[str, QuestionText | OutcomeText]

    @property
    def anchor(self) -> str:
        return ANCHOR_PREFIX[self.kind] + self.id

    @property
    def is_question(self) -> bool:
        return self.kind == QUESTION


@dataclass(frozen=True)
class Flow:
    id: str
    nodes: tuple[FlowNode, ...]
    texts: dict[str, FlowText]
    file: str

    @property
    def start(self) -> FlowNode:
        return self.nodes[0]

    def node(self, node_id: str) -> FlowNode:
        return self._nodes_by_id[node_id]

    @property
    def outcomes(self) -> tuple[FlowNode, ...]:
        return tuple(node for node in self.nodes if node.kind == OUTCOME)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_nodes_by_id", {node.id: node for node in self.nodes})
