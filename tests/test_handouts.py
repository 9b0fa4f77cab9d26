"""Coaches' handouts without a build: named handouts, the address format, what the handout page embeds.

The handout code names no kind: any kind with a ``handout_key`` goes on handouts. Flow outcomes
are becoming such a kind (``outcome``, IDs ``<flow>/<outcome>``, short links ``d/<flow>/<outcome>/``);
the tests marked "contract" hold a stand-in of that kind, made from the real flows, to check
that a handout holds it as the contract says.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest

from conftest import LANGUAGES, PROJECT_ROOT, published_ids
from netguide.export import guide_export
from netguide.guide import Guide
from netguide.kind import HandoutCard, Kind, Knowledge
from netguide.kinds import HANDOUTS, KINDS
from netguide.kinds.checklists import CHECKLISTS
from netguide.kinds.flows import FLOWS
from netguide.kinds.handouts import ADDRESS_MAX_ITEMS, INDEX_PATH, MAX_ITEMS, MIN_ITEMS, HandoutKind
from netguide.kinds.rules import RULES
from netguide.kinds.sources import SOURCES
from netguide.kinds.themes import THEMES
from netguide.load import load_guide
from netguide.render import Renderer
from netguide.urls import relative

TEMPLATE_DIR = PROJECT_ROOT / "overrides" / "guide"


def test_rules_and_checklists_go_on_handouts_under_their_letters() -> None:
    assert {(kind.name, kind.handout_key) for kind in HANDOUTS.holds()} >= {("rule", "r"), ("checklist", "c")}
    keys = [kind.handout_key for kind in KINDS if kind.handout_key]
    assert len(keys) == len(set(keys)), "two kinds share a letter in handout addresses"
    assert HANDOUTS in KINDS and HANDOUTS not in HANDOUTS.holds()


def test_named_handouts_are_registered_and_hold_existing_items(guide: Guide) -> None:
    named = HANDOUTS.all(guide)
    assert [handout.id for handout in named] == published_ids("handouts")
    assert 2 <= len(named) <= 3
    for handout in named:
        assert MIN_ITEMS <= len(handout.items) <= MAX_ITEMS
        for kind, item_id in HANDOUTS.items_of(handout):
            assert guide.find(kind.name, item_id) is not None, (handout.id, item_id)
        for language in LANGUAGES:
            assert handout.texts[language].title and handout.texts[language].intro


def test_the_address_lists_runs_of_one_kind_in_the_handouts_order() -> None:
    items = [(RULES, "R07"), (RULES, "R12"), (CHECKLISTS, "avant-inviter"), (RULES, "R20")]
    assert HANDOUTS.address(items) == "?r=R07,R12&c=avant-inviter&r=R20"
    assert HANDOUTS.address([]) == ""


def test_the_page_embeds_every_item_of_every_kind_in_its_language(guide: Guide) -> None:
    for language in LANGUAGES:
        data = HANDOUTS.page_data(guide, language)
        assert data["max"] == ADDRESS_MAX_ITEMS
        assert set(data["kinds"]) == {kind.handout_key for kind in HANDOUTS.holds()}
        for kind in HANDOUTS.holds():
            part = data["kinds"][kind.handout_key]
            assert part["label"] == guide.ui[language][f"handout_kind_{kind.name}"]
            assert part["retired"] == guide.registry.retired.get(kind.section, {})
            assert list(part["items"]) == [item.id for item in guide.of(kind.name)]
            for item in guide.of(kind.name):
                card = kind.handout_card(guide, item, language)
                shown = part["items"][item.id]
                assert (shown["title"], shown["text"]) == (card.title, card.text)
                assert shown["link"] == relative(INDEX_PATH, kind.short_path(item.id))
    rule = RULES.all(guide)[0]
    assert HANDOUTS.page_data(guide, "en")["kinds"]["r"]["items"][rule.id] == {
        "title": rule.texts["en"].title, "text": rule.texts["en"].statement, "code": rule.id,
        "link": f"../r/{rule.id}/"}


def test_the_scripts_hold_as_many_items_as_the_page_shows() -> None:
    script = (PROJECT_ROOT / "docs" / "js" / "handout.js").read_text(encoding="utf-8")
    assert re.search(r"const MAX_ITEMS = (\d+);", script).group(1) == str(ADDRESS_MAX_ITEMS)


def test_the_export_carries_the_named_handouts(guide: Guide) -> None:
    export = guide_export(guide, "https://guide.example.org/", KINDS)
    handout = HANDOUTS.all(guide)[0]
    entry = export["handouts"][0]
    assert entry["id"] == handout.id
    assert entry["short_url"] == {"fr": f"https://guide.example.org/h/{handout.id}/",
                                  "en": f"https://guide.example.org/en/h/{handout.id}/"}
    query = HANDOUTS.address(HANDOUTS.items_of(handout))
    assert entry["handout_url"]["en"] == f"https://guide.example.org/en/handout/{query}"
    assert [(item["key"], item["id"]) for item in entry["items"]] == [
        (kind.handout_key, item_id) for kind, item_id in HANDOUTS.items_of(handout)]


# The contract with flow outcomes -----------------------------------------------------------------


@dataclass(frozen=True)
class StandInOutcome:
    """What the handout needs of an outcome: its ID, its flow, its texts."""

    id: str
    flow: Any
    node: Any


class StandInOutcomes(Kind[Any]):
    """Flow outcomes as the contract describes them, made from the real flows."""

    name = "outcome"
    section = "outcomes"
    id_pattern = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*")
    id_example = "accepter-demande/laisser"
    page_dir = "flows"
    short_dir = "d"
    handout_key = "o"
    found_in: ClassVar[str] = "an outcome of a file in knowledge/flows/"

    def load(self, knowledge: Knowledge) -> tuple[StandInOutcome, ...]:
        return tuple(StandInOutcome(f"{flow.id}/{node.id}", flow, node)
                     for flow in knowledge.loaded["flow"] for node in flow.outcomes)

    def handout_card(self, guide: Guide, item: StandInOutcome, language: str) -> HandoutCard:
        text = item.node.texts[language]
        return HandoutCard(title=text.outcome, text=text.explanation, context=item.flow.texts[language].title)


OUTCOMES = StandInOutcomes()
CONTRACT_HANDOUTS = HandoutKind((RULES, CHECKLISTS, OUTCOMES))
CONTRACT_KINDS = (SOURCES, THEMES, RULES, CHECKLISTS, FLOWS, OUTCOMES, CONTRACT_HANDOUTS)
OUTCOME = "accepter-demande/laisser"


def knowledge_with_outcomes(root: Path) -> Path:
    """A copy of knowledge/ under ``root`` whose registry publishes every outcome, as the real one will."""
    shutil.copytree(PROJECT_ROOT / "knowledge", root / "knowledge")
    registry = root / "knowledge" / "registry.yml"
    text = registry.read_text(encoding="utf-8")
    if "\noutcomes:" not in text:
        flows = load_guide(PROJECT_ROOT, LANGUAGES).of("flow")
        text += "outcomes:\n  published:\n" + "".join(
            f"    - {flow.id}/{node.id}\n" for flow in flows for node in flow.outcomes) + "  retired: {}\n"
    registry.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def outcome_guide(tmp_path_factory: pytest.TempPathFactory) -> Guide:
    """The real guide, with outcomes as a kind and a named handout that holds one."""
    root = knowledge_with_outcomes(tmp_path_factory.mktemp("outcomes"))
    handout = root / "knowledge" / "handouts" / "apres-une-demande.yml"
    handout.write_text("id: apres-une-demande\norder: 9\n"
                       "fr: {title: Après une demande, intro: Quand une demande arrive.}\n"
                       "en: {title: After a request, intro: When a request comes in.}\n"
                       f"items:\n  - rule: R18\n  - outcome: {OUTCOME}\n  - checklist: avant-repondre\n",
                       encoding="utf-8")
    registry = root / "knowledge" / "registry.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "handouts:\n  published:\n", "handouts:\n  published:\n    - apres-une-demande\n"), encoding="utf-8")
    return load_guide(root, LANGUAGES, CONTRACT_KINDS)


def test_contract_a_named_handout_holds_an_outcome(outcome_guide: Guide) -> None:
    handout = CONTRACT_HANDOUTS.get(outcome_guide, "apres-une-demande")
    items = CONTRACT_HANDOUTS.items_of(handout)
    assert [(kind.name, item_id) for kind, item_id in items] == [
        ("rule", "R18"), ("outcome", OUTCOME), ("checklist", "avant-repondre")]
    assert CONTRACT_HANDOUTS.address(items) == f"?r=R18&o={OUTCOME}&c=avant-repondre"


def test_contract_the_handout_page_embeds_outcomes_with_their_short_links(outcome_guide: Guide) -> None:
    flow_id, node_id = OUTCOME.split("/")
    node = FLOWS.get(outcome_guide, flow_id).node(node_id)
    for language in LANGUAGES:
        part = CONTRACT_HANDOUTS.page_data(outcome_guide, language)["kinds"]["o"]
        assert part["label"] == outcome_guide.ui[language]["handout_kind_outcome"]
        assert part["items"][OUTCOME] == {
            "title": node.texts[language].outcome, "text": node.texts[language].explanation,
            "context": FLOWS.get(outcome_guide, flow_id).texts[language].title, "link": f"../d/{OUTCOME}/"}


def test_contract_a_named_handouts_page_shows_its_outcome(outcome_guide: Guide) -> None:
    page = next(page for page in CONTRACT_HANDOUTS.pages(outcome_guide)
                if page.path == "handout/apres-une-demande/")
    renderer = Renderer(outcome_guide, TEMPLATE_DIR, "https://guide.example.org/", CONTRACT_KINDS)
    flow_id, node_id = OUTCOME.split("/")
    node = FLOWS.get(outcome_guide, flow_id).node(node_id)
    for language in LANGUAGES:
        html = renderer.render(page, language)
        root = "" if language == LANGUAGES[0] else f"{language}/"
        assert f'<a href="../../d/{OUTCOME}/">https://guide.example.org/{root}d/{OUTCOME}/</a>' in html
        assert outcome_guide.ui[language]["handout_kind_outcome"].replace("'", "&#39;") in html
        assert node.texts[language].outcome.replace("'", "&#39;") in html
    assert "?r=R18&amp;o=accepter-demande/laisser&amp;c=avant-repondre" in renderer.render(page, "en")


def test_texts_embedded_in_the_handout_page_cannot_end_its_script(guide: Guide) -> None:
    rule, *others = RULES.all(guide)
    language = LANGUAGES[0]
    hostile = '</script><script>alert("x")</script><!-- & \u2028'
    tampered = rule.model_copy(update={language: rule.texts[language].model_copy(update={"title": hostile})})
    tampered_guide = Guide(guide.languages, guide.edition, guide.ui, guide.registry,
                           {**guide.items, RULES.name: (tampered, *others)})
    page = next(page for page in HANDOUTS.pages(tampered_guide) if page.path == INDEX_PATH)
    html = Renderer(tampered_guide, TEMPLATE_DIR, "https://guide.test/", KINDS).render(page, language)
    script = re.search(r'<script type="application/json" id="handout-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and ">" not in script
    assert json.loads(script)["kinds"]["r"]["items"][rule.id]["title"] == hostile
