"""The shape of a decision flow's file, and the flow as the rest of the guide reads it.

A flow is a graph of nodes with language-neutral IDs. A question's answers each lead to
another node; an outcome ends the flow and names the rules that justify it. The first
node is where the flow starts.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, Field

from ...kind import SLUG_ID
from ...shapes import Item, Shape, identifier, text, unique, with_languages
from ..rules import RuleId

QUESTION = "question"
OUTCOME = "outcome"
# The anchor of a node on its page says its kind: #q-<id> for a question, #o-<id> for an outcome.
ANCHOR_PREFIX = {QUESTION: "q-", OUTCOME: "o-"}

FlowId = identifier(SLUG_ID, "accepter-demande", "flow")
NodeId = identifier(SLUG_ID, "type-de-demande", "node")
FlowTitle = text(60, "the flow's question, as its page title")
FlowIntro = text(300, "what the flow helps decide; also the page's meta description")
Question = text(120, "the question, as the reader sees it")
Help = text(300, "a hint on how to answer")
AnswerText = text(100, "the answer, as the reader clicks it")
OutcomeTitle = text(60, "what to do, in a few words")
Explanation = text(600, "why, from the rules the outcome cites")
NextStep = text(200, "one thing to do next, as the rules the outcome cites advise")


class FlowText(Shape):
    title: FlowTitle
    intro: FlowIntro


class QuestionText(Shape):
    question: Question
    help: Help | None = None


class OutcomeText(Shape):
    outcome: OutcomeTitle
    explanation: Explanation


class Answer(Shape):
    next: NodeId = Field(description="the ID of the node this answer leads to")


class Node(Shape):
    id: NodeId

    @property
    def anchor(self) -> str:
        return ANCHOR_PREFIX[self.kind] + self.id  # type: ignore[attr-defined]

    @property
    def is_question(self) -> bool:
        return self.kind == QUESTION  # type: ignore[attr-defined]


class QuestionNode(Node):
    kind: Literal["question"]
    answers: Annotated[tuple[Answer, ...], Field(min_length=2, description=(
        "two or more answers, each leading to a node; a node with one way on is an outcome"))]


class OutcomeStep(Shape):
    """One thing to do next (its text per language)."""


class OutcomeNode(Node):
    kind: Literal["outcome"]
    rules: Annotated[tuple[RuleId, ...], Field(min_length=1, description="the rules that justify this outcome"),
                     AfterValidator(unique("rule"))]
    steps: tuple[OutcomeStep, ...] = Field(min_length=1, max_length=4, description=(
        "what to do next: 1 to 4 steps, the guide's application of the rules the outcome cites"))


class Flow(Item):
    """A decision flow."""

    id: FlowId
    nodes: tuple[QuestionNode | OutcomeNode, ...] = Field(min_length=1, description="the first node is the start")

    @property
    def start(self) -> Any:
        return self.nodes[0]

    def node(self, node_id: str) -> Any:
        return next(node for node in self.nodes if node.id == node_id)

    @property
    def outcomes(self) -> tuple[Any, ...]:
        return tuple(node for node in self.nodes if not node.is_question)

    @property
    def edges(self) -> dict[str, list[str]]:
        return {node.id: [answer.next for answer in getattr(node, "answers", ())] for node in self.nodes}


@cache
def flow_model(languages: tuple[str, ...]) -> type[Flow]:
    answer = with_languages(Answer, AnswerText, languages, "the answer's text")
    question = with_languages(QuestionNode, QuestionText, languages, "the question and its help", overrides=(
        ("answers", Annotated[tuple[answer, ...], Field(min_length=2)]),))
    step = with_languages(OutcomeStep, NextStep, languages, "the step")
    outcome = with_languages(OutcomeNode, OutcomeText, languages, "the outcome and why",
                             overrides=(("steps", tuple[step, ...]),))
    node = Annotated[Union[question, outcome], Field(discriminator="kind")]  # noqa: UP007 (a runtime union)
    return with_languages(Flow, FlowText, languages, "the flow's title and introduction",
                          overrides=(("nodes", tuple[node, ...]),))
