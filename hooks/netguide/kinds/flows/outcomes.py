"""The results of the decision flows: every outcome of every flow, an item with a page of its own.

An outcome is written in its flow's file (a node of kind outcome) and read from there; this
kind gives it a permanent ID, '<flow>/<outcome>' (accepter-demande/laisser), published in
knowledge/registry.yml under ``outcomes``, a page that does not depend on the way it was
reached (flows/<flow>/<outcome>/) and a short link (d/<flow>/<outcome>/). Its page states the
result, why, what to do next and the rules it applies, and prints on one A4 page.
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import shown
from ...guide import Guide
from ...kind import SITE_PAGE_NAMES, SLUG_ID, SLUG_MAX, HandoutCard, Kind, Knowledge, Page
from ...qr import qr_svg
from ...shapes import Item, Origin
from ..rules import RULES
from .model import Flow
from .view import ASSETS, outcome_id, questions_before

OUTCOME_ID = re.compile(f"{SLUG_ID.pattern}/{SLUG_ID.pattern}")


class Outcome(Item):
    """One outcome of a flow, as an item: its node in the flow's file, and the flow it ends."""

    flow: Any  # the Flow
    node: Any  # its outcome node

    @property
    def texts(self) -> dict[str, Any]:
        return self.node.texts


class OutcomeKind(Kind[Outcome]):
    name = "outcome"
    section = "outcomes"
    id_pattern = OUTCOME_ID
    id_max = 2 * SLUG_MAX + 1
    id_example = "accepter-demande/laisser"
    page_dir = "flows"  # flows/<flow>/<outcome>/: the ID's slash makes the flow's folder
    short_dir = "d"
    found_in = "an outcome of a file in knowledge/flows/"
    handout_key = "o"

    def __init__(self, flows: Kind[Flow]) -> None:
        self.flows = flows

    def id_problem(self, item_id: object) -> str | None:
        if not isinstance(item_id, str) or not self.id_pattern.fullmatch(item_id) or len(item_id) > self.id_max:
            return f"is not a valid outcome ID (like '{self.id_example}': the flow's ID, '/', the outcome's ID)"
        if item_id.split("/")[1] in SITE_PAGE_NAMES:
            return f"ends with the name of a page of the site ({item_id.split('/')[1]}), not free for an outcome"
        return None

    def valid_id(self, item_id: object) -> bool:
        return self.id_problem(item_id) is None

    def load(self, knowledge: Knowledge) -> tuple[Outcome, ...]:
        outcomes = []
        for flow in knowledge.loaded.get(self.flows.name, ()):
            for index, node in enumerate(flow.nodes):
                if node.is_question:
                    continue
                outcome = Outcome(id=outcome_id(flow.id, node.id), flow=flow, node=node)
                if flow._origin is not None:
                    origin = flow._origin
                    outcome._origin = Origin(origin.file, origin.document, (*origin.base, "nodes", index))
                if node.id in SITE_PAGE_NAMES:
                    outcome.report(knowledge.problems, ("id",),
                                   f"the outcome '{shown(node.id)}' would have its page at flows/{flow.id}/"
                                   f"{node.id}/, a name the site keeps for its own pages",
                                   f"give the outcome another ID (not {', '.join(sorted(SITE_PAGE_NAMES))})")
                    continue
                outcomes.append(outcome)
        return tuple(outcomes)

    def handout_card(self, guide: Guide, item: Outcome, language: str) -> HandoutCard:
        text = item.node.texts[language]
        return HandoutCard(title=text.outcome, text=text.explanation, context=item.flow.texts[language].title)

    def pages(self, guide: Guide) -> list[Page]:
        rules = {rule.id: rule for rule in RULES.all(guide)}
        return [
            Page(self.item_path(outcome.id), "flow_result.html",
                 {lang: f"{text.outcome} · {outcome.flow.texts[lang].title}" for lang, text in outcome.texts.items()},
                 {lang: text.explanation for lang, text in outcome.texts.items()},
                 lambda language, outcome=outcome: {
                     "outcome": outcome, "flow": outcome.flow, "node": outcome.node,
                     "rules": [rules[rule_id] for rule_id in outcome.node.rules], "qr_svg": qr_svg,
                     "questions": questions_before(outcome.flow, outcome.node.id, language)},
                 short_path=self.short_path(outcome.id), assets=ASSETS)
            for outcome in self.all(guide)
        ]
