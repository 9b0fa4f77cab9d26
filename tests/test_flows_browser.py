"""Decision flows in Chromium, as a person uses them: with and without JavaScript, in print, with axe-core."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from conftest import LANGUAGES, ROOTS, BuiltSite, axe_violations
from netguide.guide import Guide
from netguide.kinds.flows import FLOWS
from netguide.kinds.flows.graph import numbering
from netguide.kinds.flows.model import Flow

pytestmark = pytest.mark.browser

FLOW_ID = "accepter-demande"
# A connection request from a stranger in one's field, on a professional network: wait 24 hours.
WAIT_PATH = (1, 1, 2, 2)
WAIT_OUTCOME = "attendre"


@pytest.fixture(scope="module")
def flow(guide: Guide) -> Flow:
    return FLOWS.get(guide, FLOW_ID)


def _url(language: str, query: str = "") -> str:
    return f"/{ROOTS[language]}flows/{FLOW_ID}/{query}"


def _answer_text(flow: Flow, node_id: str, position: int, language: str) -> str:
    return flow.node(node_id).answers[position - 1].texts[language]


def _walk(flow: Flow, positions: tuple[int, ...], start: str | None = None) -> list[str]:
    """The IDs of the nodes met along a path of answer positions, its first node (the flow's start) first."""
    nodes = [start or flow.start.id]
    for position in positions:
        nodes.append(flow.node(nodes[-1]).answers[position - 1].next)
    return nodes


def _title(flow: Flow, node_id: str, language: str) -> str:
    text = flow.node(node_id).texts[language]
    return text.question if flow.node(node_id).is_question else text.outcome


def _current(tab) -> str:
    """The node a person sees: the only visible flow node."""
    visible = [node for node in tab.locator(".flow-node").all() if node.is_visible()]
    assert len(visible) == 1, f"{len(visible)} nodes visible"
    return visible[0].get_attribute("data-node")


def _expect_node(tab, flow: Flow, node_id: str) -> None:
    """Wait until the node shows (Back and Forward update the page just after the URL), then check it alone does."""
    tab.locator(f"#{flow.node(node_id).anchor}").wait_for(state="visible")
    assert _current(tab) == node_id


def _expect_focus(tab, element_id: str) -> None:
    tab.wait_for_function("id => document.activeElement && document.activeElement.id === id", arg=element_id)


def _click_answers(tab, flow: Flow, positions: tuple[int, ...], language: str, start: str | None = None) -> None:
    for node_id, position in zip(_walk(flow, positions, start), positions, strict=False):
        _expect_node(tab, flow, node_id)
        tab.locator(f"#{flow.node(node_id).anchor} .flow-answer").get_by_text(
            _answer_text(flow, node_id, position, language), exact=True).click()


@pytest.mark.parametrize("language", LANGUAGES)
def test_click_through_to_an_outcome(page, served_site: BuiltSite, flow: Flow, language: str) -> None:
    page.goto(_url(language))
    _expect_node(page, flow, flow.start.id)
    _click_answers(page, flow, WAIT_PATH, language)
    _expect_node(page, flow, WAIT_OUTCOME)
    heading = page.locator(f"#o-{WAIT_OUTCOME} h2")
    assert heading.inner_text() == _title(flow, WAIT_OUTCOME, language)
    # Focus follows the reader to the outcome, and the URL holds the state.
    _expect_focus(page, f"o-{WAIT_OUTCOME}-title")
    assert page.url.endswith(f"?a=1.1.2.2#o-{WAIT_OUTCOME}")
    # The outcome shows its explanation and links to its rules.
    rules = page.locator(f"#o-{WAIT_OUTCOME} .flow-node__rules a .guide-code").all_inner_texts()
    assert rules == list(flow.node(WAIT_OUTCOME).rules)
    # "Your answers" lists each question with the answer given.
    steps = page.locator(".flow__steps li").all_inner_texts()
    assert len(steps) == len(WAIT_PATH)
    for step, node_id, position in zip(steps, _walk(flow, WAIT_PATH), WAIT_PATH, strict=False):
        assert _title(flow, node_id, language) in step
        assert _answer_text(flow, node_id, position, language) in step


@pytest.mark.parametrize("language", LANGUAGES)
def test_outcome_reached_without_javascript(nojs_page, served_site: BuiltSite, flow: Flow, language: str) -> None:
    nojs_page.goto(_url(language))
    _expect_node(nojs_page, flow, flow.start.id)
    _click_answers(nojs_page, flow, WAIT_PATH, language)
    _expect_node(nojs_page, flow, WAIT_OUTCOME)
    assert nojs_page.url.endswith(f"#o-{WAIT_OUTCOME}")
    # The browser's Back button goes to the previous question, and restart goes to the start.
    nojs_page.go_back()
    _expect_node(nojs_page, flow, _walk(flow, WAIT_PATH)[-2])
    nojs_page.locator(f"#{flow.node(_walk(flow, WAIT_PATH)[-2]).anchor} [data-restart]").click()
    _expect_node(nojs_page, flow, flow.start.id)
    # JavaScript-only parts stay out of the way.
    assert nojs_page.locator(".flow__trail").is_hidden()


def test_every_node_is_reachable_without_javascript_by_its_link(nojs_page, served_site: BuiltSite, flow: Flow) -> None:
    nojs_page.goto(_url("en"))
    for node in flow.nodes:
        nojs_page.goto(_url("en", f"#{node.anchor}"))
        _expect_node(nojs_page, flow, node.id)


def test_back_forward_and_change_answer(page, served_site: BuiltSite, flow: Flow) -> None:
    page.goto(_url("en"))
    _click_answers(page, flow, WAIT_PATH, "en")
    page.go_back()
    _expect_node(page, flow, _walk(flow, WAIT_PATH)[-2])
    _expect_focus(page, f"{flow.node(_walk(flow, WAIT_PATH)[-2]).anchor}-title")
    assert page.locator(".flow__steps li").count() == len(WAIT_PATH) - 1
    page.go_forward()
    _expect_node(page, flow, WAIT_OUTCOME)
    # Change the second answer: back at that question, with only the first answer kept.
    page.locator(".flow__steps li").nth(1).locator("a").click()
    second = _walk(flow, WAIT_PATH)[1]
    _expect_node(page, flow, second)
    _expect_focus(page, f"{flow.node(second).anchor}-title")
    assert page.locator(".flow__steps li").count() == 1
    assert page.url.endswith(f"?a=1#{flow.node(second).anchor}")
    # A different answer now: a private account, a work contact -> suggest another platform.
    _click_answers(page, flow, (2, 2), "en", start=second)
    _expect_node(page, flow, "autre-plateforme")
    assert page.url.endswith("?a=1.2.2#o-autre-plateforme")


def test_restart(page, served_site: BuiltSite, flow: Flow) -> None:
    page.goto(_url("en"))
    _click_answers(page, flow, WAIT_PATH, "en")
    page.locator(f"#o-{WAIT_OUTCOME} [data-restart]").click()
    _expect_node(page, flow, flow.start.id)
    assert page.locator(".flow__trail").is_hidden()
    assert page.url.endswith(f"/en/flows/{flow.id}/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_shared_url_restores_the_same_state(browser, served_site: BuiltSite, guide: Guide, flow: Flow,
                                            language: str) -> None:
    # The coach's side: reach an outcome and copy its link.
    context = browser.new_context(base_url=served_site.base_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site.base_url.rstrip("/"))
    coach = context.new_page()
    coach.goto(_url(language))
    _click_answers(coach, flow, WAIT_PATH, language)
    coach.locator(".flow__copy").click()
    coach.locator(".flow__share .guide-copy__status").filter(has_text=guide.ui[language]["copied"]).wait_for()
    shared = coach.evaluate("navigator.clipboard.readText()")
    assert shared == coach.url
    trail = coach.locator(".flow__steps li").all_inner_texts()
    context.close()
    # The client's side: a fresh browser opening that link sees the same node and answers.
    context = browser.new_context()
    client = context.new_page()
    client.goto(shared)
    _expect_node(client, flow, WAIT_OUTCOME)
    assert client.locator(".flow__steps li").all_inner_texts() == trail
    assert client.locator(".flow__note").is_hidden()
    context.close()


def test_stale_or_edited_url_goes_back_to_the_start_with_a_note(page, served_site: BuiltSite, guide: Guide,
                                                                 flow: Flow) -> None:
    note = guide.ui["en"]["flow_stale"]
    stale = ("?a=1.9.1#q-connexion-lien", "?a=1.1#o-attendre", "?a=x.2#q-demande", "#q-no-such-question", "#o-%E0")
    for query in stale:
        page.goto(_url("en", query))
        _expect_node(page, flow, flow.start.id)
        assert page.locator(".flow__note").inner_text() == note
        assert page.url.endswith(f"/en/flows/{flow.id}/")
    # The note goes away once the reader moves on.
    _click_answers(page, flow, (1,), "en")
    assert page.locator(".flow__note").is_hidden()


def test_plain_node_link_opens_that_node_with_javascript(page, served_site: BuiltSite, flow: Flow) -> None:
    page.goto(_url("en", "#q-connexion-attendue"))
    _expect_node(page, flow, "connexion-attendue")
    assert page.locator(".flow__steps li").count() == 3
    assert page.url.endswith("?a=1.1.2#q-connexion-attendue")


@pytest.mark.parametrize(("start", "target"), [("fr", "en"), ("en", "fr")])
def test_switching_language_keeps_the_node_and_answers(page, served_site: BuiltSite, flow: Flow, start: str,
                                                       target: str) -> None:
    page.goto(_url(start))
    _click_answers(page, flow, WAIT_PATH[:2], start)
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'a.md-select__link[hreflang="{target}"]').click()
    page.wait_for_url(served_site.url(f"{ROOTS[target]}flows/{flow.id}/?a=1.1#q-connexion-lien"))
    assert page.locator("html").get_attribute("lang") == target
    _expect_node(page, flow, "connexion-lien")
    steps = page.locator(".flow__steps li").all_inner_texts()
    assert _answer_text(flow, "demande", 1, target) in steps[0]
    assert _answer_text(flow, "connexion-plateforme", 1, target) in steps[1]


def test_keyboard_alone(page, served_site: BuiltSite, flow: Flow) -> None:
    page.goto(_url("en"))
    first_answer = page.locator("#q-demande .flow-answer").first
    first_answer.focus()
    page.keyboard.press("Enter")
    _expect_node(page, flow, "connexion-plateforme")
    _expect_focus(page, "q-connexion-plateforme-title")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == _answer_text(flow, "connexion-plateforme", 1, "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_printing_gives_the_numbered_key(page, served_site: BuiltSite, guide: Guide, flow: Flow, language: str) -> None:
    page.goto(_url(language))
    _click_answers(page, flow, WAIT_PATH[:1], language)
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(" ".join(page_.extract_text().split()) for page_ in pdf.pages)
    ui = guide.ui[language]
    assert ui["flow_key_title"] in text
    start = flow.start
    answer = start.answers[0].texts[language]
    assert f"1. {' '.join(start.texts[language].question.split())}" in text
    assert f"{answer} → 2" in text
    # An answer leading to an outcome names it: "No, I don't know them yet → outcome 24 “Wait 24 hours, …”".
    last_question = _walk(flow, WAIT_PATH)[-2]
    number = numbering(flow.start.id, flow.edges)[WAIT_OUTCOME]
    reference = ui["flow_key_outcome_ref"].replace("{number}", str(number)).replace(
        "{title}", _title(flow, WAIT_OUTCOME, language))
    assert " ".join(f"{_answer_text(flow, last_question, WAIT_PATH[-1], language)} → {reference}".split()) in text
    # Every node of the flow is in the key, and the interactive part is not printed.
    for node in flow.nodes:
        assert " ".join(_title(flow, node.id, language).split()) in text, node.id
    assert ui["flow_answers_title"] not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_violation_at_a_question_and_at_an_outcome(page, served_site: BuiltSite, flow: Flow,
                                                                language: str) -> None:
    page.goto(_url(language))
    _click_answers(page, flow, WAIT_PATH[:2], language)
    assert axe_violations(page) == []
    _click_answers(page, flow, WAIT_PATH[2:], language, start=_walk(flow, WAIT_PATH[:2])[-1])
    _expect_node(page, flow, WAIT_OUTCOME)
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_violation_on_the_index(page, served_site: BuiltSite, language: str) -> None:
    page.goto(f"/{ROOTS[language]}flows/")
    assert axe_violations(page) == []
