"""Decision flows as data: the real flows are sound, bad flows stop the build with a clear message.

Runs without MkDocs except one test, which builds a broken copy of the project to show that
`mkdocs build` itself stops with the message.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import LANGUAGES, PROJECT_ROOT, build_site
from netguide.errors import KnowledgeError
from netguide.export import guide_export
from netguide.flow_graph import all_paths, breadth_first, find_cycle, numbering
from netguide.load import load_guide

GUIDE = load_guide(PROJECT_ROOT, LANGUAGES)
FLOWS = {flow.id: flow for flow in GUIDE.flows}
FLOW_FILE = "knowledge/flows/accepter-demande.yml"


# The real flows ------------------------------------------------------------------------

def test_the_three_flows_are_published() -> None:
    assert set(FLOWS) == {"accepter-demande", "envoyer-demande", "relancer"}
    assert set(GUIDE.registry.published["flows"]) == set(FLOWS)


def test_accepting_covers_the_five_kinds_of_request_in_the_sources() -> None:
    start = FLOWS["accepter-demande"].start
    assert [answer.texts["en"] for answer in start.answers] == [
        "An invitation to connect", "An invitation to join a group", "A request for a recommendation",
        "A request to introduce them to someone you know", "A request for advice or a favour",
    ]


def test_accepting_offers_the_outcomes_the_guide_promises() -> None:
    outcomes = {node.texts["en"].outcome for node in FLOWS["accepter-demande"].outcomes}
    for expected in ("Accept and reply", "Wait 24 hours, then decide", "Ask for context first",
                     "Decline politely and say so", "Let it go without answering", "Suggest another platform"):
        assert expected in outcomes


def test_outcomes_cite_the_answering_rules() -> None:
    cited = {rule for node in FLOWS["accepter-demande"].outcomes for rule in node.rules}
    assert {"R17", "R18", "R19", "R20", "R21", "R22", "R23", "R44"} <= cited
    sending = {rule for flow_id in ("envoyer-demande", "relancer") for node in FLOWS[flow_id].outcomes
               for rule in node.rules}
    assert {"R09", "R10", "R11", "R12", "R13", "R14", "R15", "R16"} <= sending
    # The 24-hour wait leads to R18, where the sources' differing views are set out.
    assert "R18" in FLOWS["accepter-demande"].node("attendre").rules
    assert len(GUIDE.rule("R18").views) == 2


def test_every_node_has_both_languages_and_every_path_ends_in_an_outcome() -> None:
    for flow in GUIDE.flows:
        for node in flow.nodes:
            assert set(node.texts) == set(LANGUAGES), (flow.id, node.id)
            for answer in node.answers:
                assert set(answer.texts) == set(LANGUAGES), (flow.id, node.id)
        paths = all_paths(flow)
        assert paths
        assert {path.outcome for path in paths} == {node.id for node in flow.outcomes}


# Graph walks ----------------------------------------------------------------------------

def test_breadth_first_order_follows_answers_in_order() -> None:
    edges = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": [], "e": []}
    assert breadth_first("a", edges) == ["a", "b", "c", "d", "e"]


def test_find_cycle_reports_the_loop() -> None:
    assert find_cycle("a", {"a": ["b"], "b": ["c"], "c": ["a"]}) == ["a", "b", "c", "a"]
    assert find_cycle("a", {"a": ["b", "c"], "b": ["c"], "c": []}) is None


def test_numbering_starts_at_one_with_the_first_question() -> None:
    flow = FLOWS["relancer"]
    numbers = numbering(flow)
    assert numbers[flow.start.id] == 1
    assert sorted(numbers.values()) == list(range(1, len(flow.nodes) + 1))


# Bad flows ------------------------------------------------------------------------------

def _edit_flow(root: Path, edit: object, path: str = FLOW_FILE) -> None:
    file = root / path
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    edit(data)
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _node(data: dict, node_id: str) -> dict:
    return next(node for node in data["nodes"] if node["id"] == node_id)


def _problems(root: Path) -> str:
    with pytest.raises(KnowledgeError) as error:
        load_guide(root, LANGUAGES)
    return str(error.value)


def test_unreachable_node(knowledge_copy: Path) -> None:
    def add_orphan(data: dict) -> None:
        orphan = dict(_node(data, "laisser"), id="orphelin")
        data["nodes"].append(orphan)

    _edit_flow(knowledge_copy, add_orphan)
    message = _problems(knowledge_copy)
    assert f"{FLOW_FILE} [nodes.orphelin]: no answer leads to the node 'orphelin', so nobody can reach it" in message
    assert "Fix: make an answer lead to it (next: orphelin), or remove the node" in message


def test_question_with_fewer_than_two_answers(knowledge_copy: Path) -> None:
    _edit_flow(knowledge_copy, lambda data: _node(data, "groupe-connu")["answers"].pop())
    message = _problems(knowledge_copy)
    assert f"{FLOW_FILE} [nodes.groupe-connu.answers]: a question needs at least two answers, " \
           "this one has 1" in message
    assert "or turn the node into an outcome" in message


def test_answer_leading_to_an_unknown_node(knowledge_copy: Path) -> None:
    _edit_flow(knowledge_copy, lambda data: _node(data, "reco-travail")["answers"][0].update(next="recomander"))
    message = _problems(knowledge_copy)
    assert f"{FLOW_FILE} [nodes.reco-travail.answers[1].next]: the answer leads to 'recomander', " \
           "which is not a node of this flow" in message
    assert "or add a node with the ID 'recomander'" in message


def test_answer_leading_nowhere(knowledge_copy: Path) -> None:
    _edit_flow(knowledge_copy, lambda data: _node(data, "reco-travail")["answers"][0].pop("next"))
    message = _problems(knowledge_copy)
    assert "[nodes.reco-travail.answers[1].next]: the answer leads nowhere. " \
           "Fix: set next: to the ID of the node it leads to" in message


def test_cycle(knowledge_copy: Path) -> None:
    _edit_flow(knowledge_copy, lambda data: _node(data, "connexion-raison")["answers"][2].update(next="connexion-lien"))
    message = _problems(knowledge_copy)
    assert "the answers go round in a circle: connexion-lien → connexion-note → connexion-raison → " \
           "connexion-lien" in message
    assert "Fix: make the answer of 'connexion-raison' lead to a new question or to an outcome" in message


def test_missing_translation_of_a_node(knowledge_copy: Path) -> None:
    _edit_flow(knowledge_copy, lambda data: _node(data, "attendre").pop("en"))
    message = _problems(knowledge_copy)
    assert f"{FLOW_FILE} [nodes.attendre.en]: the en translation is missing" in message


def test_missing_translation_of_an_answer(knowledge_copy: Path) -> None:
    _edit_flow(knowledge_copy, lambda data: _node(data, "demande")["answers"][1].pop("fr"))
    message = _problems(knowledge_copy)
    assert f"{FLOW_FILE} [nodes.demande.answers[2].fr]: the fr translation of this answer is missing" in message


def test_unknown_rule(knowledge_copy: Path) -> None:
    _edit_flow(knowledge_copy, lambda data: _node(data, "attendre").update(rules=["R18", "R99"]))
    message = _problems(knowledge_copy)
    assert f"{FLOW_FILE} [nodes.attendre.rules]: unknown rule 'R99'" in message
    assert "cite the code of an existing rule" in message


def test_outcome_without_rules(knowledge_copy: Path) -> None:
    _edit_flow(knowledge_copy, lambda data: _node(data, "attendre").update(rules=[]))
    assert "[nodes.attendre.rules]: required list of IDs is missing or empty" in _problems(knowledge_copy)


def test_unknown_kind_of_node(knowledge_copy: Path) -> None:
    _edit_flow(knowledge_copy, lambda data: _node(data, "attendre").update(kind="result"))
    assert "[nodes.attendre.kind]: 'result' is not a kind of node. Fix: write kind: question or kind: outcome" \
        in _problems(knowledge_copy)


def test_duplicate_node_id(knowledge_copy: Path) -> None:
    _edit_flow(knowledge_copy, lambda data: _node(data, "fixer-limite").update(id="aider-cadre"))
    assert "[nodes.aider-cadre]: two nodes have the ID 'aider-cadre'" in _problems(knowledge_copy)


def test_flow_must_be_registered_and_stay_published(knowledge_copy: Path) -> None:
    source = knowledge_copy / "knowledge/flows/relancer.yml"
    text = source.read_text(encoding="utf-8").replace("\nid: relancer\n", "\nid: relancer-ou-non\n")
    (knowledge_copy / "knowledge/flows/relancer-ou-non.yml").write_text(text, encoding="utf-8")
    source.unlink()
    message = _problems(knowledge_copy)
    assert "the flow relancer-ou-non is not registered" in message
    assert "the published flow relancer has disappeared from the data" in message


def test_the_build_stops_with_the_message(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT, project, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "tests", "benchmarks", "__pycache__", "*.egg-info", ".*_cache"))
    _edit_flow(project, lambda data: _node(data, "connexion-raison")["answers"][2].update(next="connexion-lien"))
    result = build_site(tmp_path / "site", "http://127.0.0.1:8000/", project_root=project)
    assert result.returncode != 0
    assert f"{FLOW_FILE} [nodes.connexion-lien]: the answers go round in a circle" in result.stdout + result.stderr


# Export ---------------------------------------------------------------------------------

def test_export_lists_each_flow_with_its_nodes() -> None:
    exported = {flow["id"]: flow for flow in guide_export(GUIDE, "https://example.org/guide/")["flows"]}
    assert set(exported) == set(FLOWS)
    flow = exported["accepter-demande"]
    assert flow["title"] == {"fr": "Dois-je accepter cette demande\u202f?", "en": "Should I accept this request?"}
    assert flow["url"] == {"fr": "https://example.org/guide/flows/accepter-demande/",
                           "en": "https://example.org/guide/en/flows/accepter-demande/"}
    assert flow["short_url"]["en"] == "https://example.org/guide/en/d/accepter-demande/"
    assert flow["start"] == "demande"
    nodes = {node["id"]: node for node in flow["nodes"]}
    assert len(nodes) == len(FLOWS["accepter-demande"].nodes)
    start = nodes["demande"]
    assert start["kind"] == "question"
    assert [answer["next"] for answer in start["answers"]] == [
        "connexion-plateforme", "groupe-sujet", "reco-travail", "mise-en-contact", "service-sens"]
    assert nodes["attendre"] == {
        "id": "attendre", "kind": "outcome", "anchor": "o-attendre",
        "outcome": {"fr": "Attendez 24 heures, puis décidez", "en": "Wait 24 hours, then decide"},
        "rules": ["R18", "R17"],
    }
