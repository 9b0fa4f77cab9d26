"""Decision flows as data: the real flows are sound, bad flows stop the build with a clear message.

Runs without MkDocs except one test, which builds a broken copy of the project to show that
`mkdocs build` itself stops with the message. Most bad flows are cases of test_bad_input.py;
the ones here are those it has no case for, on the real flows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import LANGUAGES, build_site, copy_project, problems_of, published_ids
from netguide.export import guide_export
from netguide.guide import Guide
from netguide.kinds import KINDS
from netguide.kinds.flows import FLOWS, OUTCOMES
from netguide.kinds.flows.graph import all_paths, breadth_first, find_cycle, leading_to, numbering
from netguide.kinds.rules import RULES

FLOW_FILE = "knowledge/flows/accepter-demande.yml"
# The flows the guide was published with; a new flow may join them, none may leave.
KNOWN_FLOWS = {"accepter-demande", "envoyer-demande", "relancer"}


# The real flows ------------------------------------------------------------------------

def test_the_known_flows_are_published(guide: Guide) -> None:
    flow_ids = {flow.id for flow in FLOWS.all(guide)}
    assert flow_ids >= KNOWN_FLOWS
    assert set(guide.registry.published["flows"]) == flow_ids


def test_accepting_covers_the_five_kinds_of_request_in_the_sources(guide: Guide) -> None:
    start = FLOWS.get(guide, "accepter-demande").start
    assert [answer.texts["en"] for answer in start.answers] == [
        "An invitation to connect", "An invitation to join a group", "A request for a recommendation",
        "A request to introduce them to someone you know", "A request for advice or a favour",
    ]


def test_accepting_offers_the_outcomes_the_guide_promises(guide: Guide) -> None:
    outcomes = {node.id: node.texts["en"].outcome for node in FLOWS.get(guide, "accepter-demande").outcomes}
    # Accept, wait, ask for context, decline, let it go, or move to another platform.
    assert outcomes["accepter-repondre"] == "Accept without rushing, and get talking"
    assert outcomes["attendre"] == "Take at least 24 hours, then decide"
    assert outcomes["demander-contexte"] == "Ask for context first"
    assert outcomes["decliner"] == "Decline politely and say so"
    assert outcomes["laisser"] == "Let the invitation go"
    assert outcomes["autre-plateforme"] == "Suggest another platform"


def test_outcomes_cite_the_answering_rules(guide: Guide) -> None:
    accepting = FLOWS.get(guide, "accepter-demande")
    cited = {rule for node in accepting.outcomes for rule in node.rules}
    answering = {rule.id for rule in RULES.all(guide) if rule.theme == "repondre"}
    assert len(answering) >= 6
    assert answering <= cited
    sending = {rule for flow_id in ("envoyer-demande", "relancer") for node in FLOWS.get(guide, flow_id).outcomes
               for rule in node.rules}
    # The rules on making contact and on following up (R11, R15 and R16 were merged into R12, R32 and R28).
    assert {"R09", "R10", "R12", "R13", "R14", "R28", "R32"} <= sending
    # The 24-hour wait rests on R18, whose source advises those 24 hours.
    assert "R18" in accepting.node("attendre").rules
    assert "24 hours" in guide.get("rule", "R18").claims[0].texts["en"]


@pytest.mark.parametrize("flow_id", published_ids("flows"))
def test_every_node_has_both_languages_and_every_path_ends_in_an_outcome(guide: Guide, flow_id: str) -> None:
    flow = FLOWS.get(guide, flow_id)
    for node in flow.nodes:
        assert set(node.texts) == set(LANGUAGES), (flow.id, node.id)
        for answer in node.answers if node.is_question else ():
            assert set(answer.texts) == set(LANGUAGES), (flow.id, node.id)
    paths = all_paths(flow.start.id, flow.edges)
    assert paths
    assert {path.outcome for path in paths} == {node.id for node in flow.outcomes}


# Graph walks ----------------------------------------------------------------------------

def test_breadth_first_order_follows_answers_in_order() -> None:
    edges = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": [], "e": []}
    assert breadth_first("a", edges) == ["a", "b", "c", "d", "e"]


def test_leading_to_walks_back_from_a_node_once() -> None:
    edges = {"a": ["b", "c"], "b": ["d", "c"], "c": ["d", "e"], "d": [], "e": []}
    assert leading_to("d", edges) == {"a", "b", "c"}
    assert leading_to("e", edges) == {"a", "b", "c"}
    assert leading_to("a", edges) == set()
    # Forty questions whose two answers both lead on: 2^39 ways through, walked back in one pass.
    chain = {f"q{number}": [f"q{number + 1}", f"q{number + 1}"] for number in range(40)}
    assert leading_to("q40", {**chain, "q40": []}) == set(chain)


def test_every_outcome_is_an_item_with_a_permanent_id_page_and_short_link(guide: Guide) -> None:
    outcomes = {outcome.id: outcome for outcome in OUTCOMES.all(guide)}
    assert set(outcomes) == {f"{flow.id}/{node.id}" for flow in FLOWS.all(guide) for node in flow.outcomes}
    assert set(guide.registry.published["outcomes"]) == set(outcomes)
    laisser = outcomes["accepter-demande/laisser"]
    assert laisser.node is FLOWS.get(guide, "accepter-demande").node("laisser")
    assert OUTCOMES.item_path(laisser.id) == "flows/accepter-demande/laisser/"
    assert OUTCOMES.short_path(laisser.id) == "d/accepter-demande/laisser/"
    # The two results the editorial pass removed lead to the results that replace them.
    assert guide.registry.retired["outcomes"] == {
        "accepter-demande/accepter-vite": "accepter-demande/accepter-repondre",
        "relancer/patienter": "relancer/passer-sans-relancer"}


def test_find_cycle_reports_the_loop() -> None:
    assert find_cycle("a", {"a": ["b"], "b": ["c"], "c": ["a"]}) == ["a", "b", "c", "a"]
    assert find_cycle("a", {"a": ["b", "c"], "b": ["c"], "c": []}) is None


def test_numbering_starts_at_one_with_the_first_question(guide: Guide) -> None:
    flow = FLOWS.get(guide, "relancer")
    numbers = numbering(flow.start.id, flow.edges)
    assert numbers[flow.start.id] == 1
    assert sorted(numbers.values()) == list(range(1, len(flow.nodes) + 1))


# Bad flows that test_bad_input.py has no case for ---------------------------------------

def _edit_flow(root: Path, edit: Callable[[dict], object], path: str = FLOW_FILE) -> None:
    file = root / path
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    edit(data)
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _node(data: dict, node_id: str) -> dict:
    return next(node for node in data["nodes"] if node["id"] == node_id)


def _line_of(path: Path, marker: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert marker in text, f"{marker!r} not in {path}"
    return text[: text.index(marker)].count("\n") + 1


def test_missing_translation_of_an_answer(knowledge_copy: Path) -> None:
    data = yaml.safe_load((knowledge_copy / FLOW_FILE).read_text(encoding="utf-8"))
    second = _node(data, "demande")["answers"][1]["next"]
    _edit_flow(knowledge_copy, lambda data: _node(data, "demande")["answers"][1].pop("fr"))
    [problem] = problems_of(knowledge_copy)
    assert (problem.file, problem.where) == (FLOW_FILE, "nodes.demande.answers[2].fr")
    assert problem.line == _line_of(knowledge_copy / FLOW_FILE, f"- next: {second}\n")
    assert problem.problem == "the fr translation is missing"
    assert problem.fix == "add 'fr: …' with the text in that language"


def test_flow_must_be_registered_and_stay_published(knowledge_copy: Path) -> None:
    source = knowledge_copy / "knowledge/flows/relancer.yml"
    text = source.read_text(encoding="utf-8").replace("\nid: relancer\n", "\nid: relancer-ou-non\n")
    (knowledge_copy / "knowledge/flows/relancer-ou-non.yml").write_text(text, encoding="utf-8")
    source.unlink()
    problems = {problem.where: problem for problem in problems_of(knowledge_copy)}
    # The flow's outcomes get new IDs with it, so the links to its results would break too.
    outcomes = {where for where in problems if where.startswith("outcomes.")}
    assert outcomes >= {"outcomes.published", "outcomes.published.relancer/arreter"}
    assert outcomes == {"outcomes.published", "outcomes.retired.relancer/patienter", *(
        f"outcomes.published.{outcome}" for outcome in published_ids("outcomes") if outcome.startswith("relancer/"))}
    assert problems["outcomes.published.relancer/arreter"].problem.startswith(
        "the published outcome relancer/arreter has disappeared from the data")
    assert all(problem.file == "knowledge/registry.yml" and problem.line for problem in problems.values())
    problems = {where: problem for where, problem in problems.items() if where not in outcomes}
    assert set(problems) == {"flows.published", "flows.published.relancer"}
    assert problems["flows.published"].problem == "the flow relancer-ou-non is not registered"
    assert problems["flows.published"].fix == (
        "add '- relancer-ou-non' under flows.published once it is ready to publish")
    assert problems["flows.published.relancer"].problem.startswith(
        "the published flow relancer has disappeared from the data")
    assert "move it to flows.retired as 'relancer: <ID that replaces it>'" in problems["flows.published.relancer"].fix


def test_the_build_stops_with_the_message(tmp_path: Path) -> None:
    project = tmp_path / "project"
    copy_project(project)
    _edit_flow(project, lambda data: _node(data, "connexion-raison")["answers"][2].update(next="connexion-lien"))
    line = _line_of(project / FLOW_FILE, "- id: connexion-lien\n")
    result = build_site(tmp_path / "site", "http://127.0.0.1:8000/", project_root=project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert (f"{FLOW_FILE}:{line} [nodes.connexion-lien]: the answers go round in a circle: "
            "connexion-lien → connexion-note → connexion-raison → connexion-lien") in output
    assert "Fix: make the answer of 'connexion-raison' lead to a new question or to an outcome" in output


# Export ---------------------------------------------------------------------------------

def test_export_lists_each_flow_with_its_nodes(guide: Guide) -> None:
    exported = {flow["id"]: flow for flow in guide_export(guide, "https://example.org/guide/", KINDS)["flows"]}
    assert set(exported) == {flow.id for flow in FLOWS.all(guide)}
    flow = exported["accepter-demande"]
    assert flow["title"] == {"fr": "Dois-je accepter cette demande\u202f?", "en": "Should I accept this request?"}
    assert flow["url"] == {"fr": "https://example.org/guide/flows/accepter-demande/",
                           "en": "https://example.org/guide/en/flows/accepter-demande/"}
    assert flow["short_url"]["en"] == "https://example.org/guide/en/d/accepter-demande/"
    assert flow["start"] == "demande"
    nodes = {node["id"]: node for node in flow["nodes"]}
    assert len(nodes) == len(FLOWS.get(guide, "accepter-demande").nodes)
    start = nodes["demande"]
    assert start["kind"] == "question"
    assert [answer["next"] for answer in start["answers"]] == [
        "connexion-plateforme", "groupe-plateforme", "reco-travail", "mise-en-contact", "service-sens"]
    node = FLOWS.get(guide, "accepter-demande").node("attendre")
    assert nodes["attendre"] == {
        "id": "attendre", "kind": "outcome", "anchor": "o-attendre",
        "outcome": {"fr": "Prenez au moins 24 heures, puis décidez", "en": "Take at least 24 hours, then decide"},
        "explanation": {language: node.texts[language].explanation for language in LANGUAGES},
        "url": {"fr": "https://example.org/guide/flows/accepter-demande/attendre/",
                "en": "https://example.org/guide/en/flows/accepter-demande/attendre/"},
        "short_url": {"fr": "https://example.org/guide/d/accepter-demande/attendre/",
                      "en": "https://example.org/guide/en/d/accepter-demande/attendre/"},
        "steps": [dict(step.texts) for step in node.steps],
        "rules": ["R18", "R17"],
    }
