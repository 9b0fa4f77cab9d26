"""Decision flows in Chromium, as a person uses them: with and without JavaScript, on a phone, on paper,
through search, with axe-core."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import LANGUAGES, ROOTS, BuiltSite, axe_violations, published_ids
from netguide.guide import Guide
from netguide.kinds.flows import FLOWS, OUTCOMES
from netguide.kinds.flows.graph import all_paths, numbering
from netguide.kinds.flows.model import Flow

pytestmark = pytest.mark.browser

FLOW_ID = "accepter-demande"
# A connection request on a professional network from a stranger in one's field whom one was not
# hoping to meet: take at least 24 hours, then decide.
WAIT_PATH = (1, 1, 3, 1, 2)
WAIT_OUTCOME = "attendre"
FLOW_IDS = published_ids("flows")
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def flow(guide: Guide) -> Flow:
    return FLOWS.get(guide, FLOW_ID)


def _url(language: str, query: str = "", flow_id: str = FLOW_ID) -> str:
    return f"/{ROOTS[language]}flows/{flow_id}/{query}"


def _result_url(language: str, outcome: str, query: str = "", flow_id: str = FLOW_ID) -> str:
    return f"/{ROOTS[language]}flows/{flow_id}/{outcome}/{query}"


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


def _words(text: str) -> str:
    return " ".join(text.split())


def _longest_paths(flow: Flow) -> dict[str, tuple[int, ...]]:
    """For each outcome, the answer positions of its longest path: the most answers a result page can show."""
    longest: dict[str, tuple[int, ...]] = {}
    for path in all_paths(flow.start.id, flow.edges):
        positions = tuple(step.answer + 1 for step in path.steps)
        if len(positions) > len(longest.get(path.outcome, ())):
            longest[path.outcome] = positions
    return longest


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


def _trail(tab) -> list[str]:
    return [_words(item) for item in tab.locator(".flow__steps li").all_inner_texts()]


def _expect_trail(tab, flow: Flow, positions: tuple[int, ...], language: str) -> None:
    """'Your answers' lists each question with the answer given, and a link to change it."""
    steps = _trail(tab)
    assert len(steps) == len(positions)
    for step, node_id, position in zip(steps, _walk(flow, positions), positions, strict=False):
        assert _words(_title(flow, node_id, language)) in step
        assert _words(_answer_text(flow, node_id, position, language)) in step


def _pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _qr_codes(pdf: bytes, workdir: Path) -> list[str]:
    for tool, package in (("pdftoppm", "poppler-utils"), ("zbarimg", "zbar-tools")):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: apt-get install {package} (scripts/test installs it)")
    (workdir / "printed.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(workdir / "printed.pdf"),
                    str(workdir / "page")], check=True)
    result = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(workdir / "page.png")],
                            capture_output=True, text=True, check=False)
    return result.stdout.split()


# Answering, with and without JavaScript ------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_click_through_to_a_result(page, served_site: BuiltSite, guide: Guide, flow: Flow, language: str) -> None:
    page.goto(_url(language))
    _expect_node(page, flow, flow.start.id)
    progress = guide.ui[language]["flow_progress"]
    for number, (node_id, position) in enumerate(zip(_walk(flow, WAIT_PATH), WAIT_PATH, strict=False), 1):
        _expect_node(page, flow, node_id)
        # Progress is the question's number on the way taken; focus follows the reader after an answer.
        assert page.locator(".flow__progress").inner_text().lower() == progress.replace("{number}", str(number)).lower()
        if number > 1:
            _expect_focus(page, f"{flow.node(node_id).anchor}-title")
        page.locator(f"#{flow.node(node_id).anchor} .flow-answer").get_by_text(
            _answer_text(flow, node_id, position, language), exact=True).click()
    # The last answer opens the result's own page, the answers travelling with its address.
    page.wait_for_url(served_site.url(_result_url(language, WAIT_OUTCOME, "?a=1.1.3.1.2")))
    assert page.locator("h1").inner_text() == _title(flow, WAIT_OUTCOME, language)
    _expect_trail(page, flow, WAIT_PATH, language)
    assert page.locator(".flow-result__alone").is_hidden()
    assert page.locator(".flow__note").is_hidden()
    rules = page.locator(".flow-result__rules .guide-code").all_inner_texts()
    assert rules == list(flow.node(WAIT_OUTCOME).rules)


@pytest.mark.parametrize("language", LANGUAGES)
def test_result_reached_without_javascript(nojs_page, served_site: BuiltSite, flow: Flow, language: str) -> None:
    nojs_page.goto(_url(language))
    _expect_node(nojs_page, flow, flow.start.id)
    _click_answers(nojs_page, flow, WAIT_PATH, language)
    nojs_page.wait_for_url(served_site.url(_result_url(language, WAIT_OUTCOME)))
    assert nojs_page.locator("h1").inner_text() == _title(flow, WAIT_OUTCOME, language)
    # The result alone, and the way to the questions; the JavaScript-only parts stay out of the way.
    assert nojs_page.locator(".flow-result__alone a").is_visible()
    assert nojs_page.locator(".flow__trail").is_hidden()
    assert nojs_page.locator(".guide-copy").is_hidden()
    # The browser's Back button goes to the last question, and restart goes to the start.
    nojs_page.go_back()
    _expect_node(nojs_page, flow, _walk(flow, WAIT_PATH)[-2])
    nojs_page.locator(f"#{flow.node(_walk(flow, WAIT_PATH)[-2]).anchor} [data-restart]").click()
    _expect_node(nojs_page, flow, flow.start.id)
    assert nojs_page.locator(".flow__trail").is_hidden()
    assert nojs_page.locator(".flow__progress").is_hidden()


def test_every_question_is_reachable_without_javascript_by_its_link(nojs_page, served_site: BuiltSite,
                                                                   flow: Flow) -> None:
    nojs_page.goto(_url("en"))
    for node in flow.nodes:
        nojs_page.goto(_url("en", f"#{node.anchor}"))
        _expect_node(nojs_page, flow, node.id)
        if not node.is_question:
            # A result's former anchor shows where the result is now.
            link = nojs_page.locator(f"#{node.anchor} .flow-node__result")
            assert link.get_attribute("href") == f"{node.id}/"


def test_back_forward_and_change_answer(page, served_site: BuiltSite, flow: Flow) -> None:
    page.goto(_url("en"))
    _click_answers(page, flow, WAIT_PATH[:4], "en")
    fourth = _walk(flow, WAIT_PATH)[4]
    _expect_node(page, flow, fourth)
    page.go_back()
    third = _walk(flow, WAIT_PATH)[3]
    _expect_node(page, flow, third)
    _expect_focus(page, f"{flow.node(third).anchor}-title")
    assert len(_trail(page)) == 3
    page.go_forward()
    _expect_node(page, flow, fourth)
    # Change the second answer: back at that question, the first answer kept, the one given before marked.
    page.locator(".flow__steps li").nth(1).locator("a").click()
    second = _walk(flow, WAIT_PATH)[1]
    _expect_node(page, flow, second)
    _expect_focus(page, f"{flow.node(second).anchor}-title")
    _expect_trail(page, flow, WAIT_PATH[:1], "en")
    assert page.url.endswith(f"?a=1&was=1#{flow.node(second).anchor}")
    answers = page.locator(f"#{flow.node(second).anchor} .flow-answer")
    assert answers.nth(0).get_attribute("data-previous") == "(your previous answer)"
    assert answers.nth(1).get_attribute("data-previous") is None
    # A different answer now: a private account, a work contact -> suggest another platform.
    _click_answers(page, flow, (2, 2), "en", start=second)
    page.wait_for_url(served_site.url(_result_url("en", "autre-plateforme", "?a=1.2.2")))


@pytest.mark.parametrize("language", LANGUAGES)
def test_change_an_answer_from_the_result(page, served_site: BuiltSite, guide: Guide, flow: Flow,
                                          language: str) -> None:
    page.goto(_result_url(language, WAIT_OUTCOME, "?a=1.1.3.1.2"))
    _expect_trail(page, flow, WAIT_PATH, language)
    page.locator(".flow__steps li").nth(2).locator("a").click()
    third = _walk(flow, WAIT_PATH)[2]
    page.wait_for_url(served_site.url(_url(language, f"?a=1.1&was=3#{flow.node(third).anchor}")))
    _expect_node(page, flow, third)
    _expect_trail(page, flow, WAIT_PATH[:2], language)
    answers = page.locator(f"#{flow.node(third).anchor} .flow-answer")
    assert answers.nth(2).get_attribute("data-previous") == guide.ui[language]["flow_previous_answer"]
    assert page.locator(".flow__progress").inner_text().endswith("3")
    # The first answer's change link leads to the start, with that answer marked.
    page.goto(_result_url(language, WAIT_OUTCOME, "?a=1.1.3.1.2"))
    page.locator(".flow__steps li").nth(0).locator("a").click()
    page.wait_for_url(served_site.url(_url(language, "?was=1")))
    _expect_node(page, flow, flow.start.id)
    assert page.locator(".flow-node--start .flow-answer").nth(0).get_attribute("data-previous")


def test_restart(page, served_site: BuiltSite, flow: Flow) -> None:
    page.goto(_url("en"))
    _click_answers(page, flow, WAIT_PATH[:3], "en")
    page.locator(f"#{flow.node(_walk(flow, WAIT_PATH)[3]).anchor} [data-restart]").click()
    _expect_node(page, flow, flow.start.id)
    assert page.locator(".flow__trail").is_hidden()
    assert page.url.endswith(f"/en/flows/{flow.id}/")


# Links: shared, old, stale, from search ------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_shared_result_link_restores_the_same_answers(browser, served_site: BuiltSite, guide: Guide, flow: Flow,
                                                      language: str) -> None:
    # The coach's side: reach a result and copy its link.
    context = browser.new_context(base_url=served_site.base_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site.base_url.rstrip("/"))
    coach = context.new_page()
    coach.goto(_url(language))
    _click_answers(coach, flow, WAIT_PATH, language)
    coach.wait_for_url(served_site.url(_result_url(language, WAIT_OUTCOME, "?a=1.1.3.1.2")))
    coach.locator(".guide-permalink .guide-copy").click()
    message = guide.ui[language]["flow_copied_result_answers"]
    coach.locator(".guide-permalink .guide-copy__status").filter(has_text=message).wait_for()
    shared = coach.evaluate("navigator.clipboard.readText()")
    assert shared == served_site.url(f"{ROOTS[language]}d/{flow.id}/{WAIT_OUTCOME}/?a=1.1.3.1.2")
    assert coach.locator(".guide-permalink__url").inner_text() == shared
    trail = _trail(coach)
    context.close()
    # The client's side: a fresh browser opening that short link sees the same result and answers.
    context = browser.new_context()
    client = context.new_page()
    client.goto(shared)
    client.wait_for_url(served_site.url(_result_url(language, WAIT_OUTCOME, "?a=1.1.3.1.2")))
    assert client.locator("h1").inner_text() == _title(flow, WAIT_OUTCOME, language)
    assert _trail(client) == trail
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_copy_button_copies_what_is_on_screen(page, served_site: BuiltSite, guide: Guide, flow: Flow,
                                              language: str) -> None:
    ui = guide.ui[language]

    def copy() -> str:
        button = page.locator(".guide-permalink .guide-copy")
        message = button.get_attribute("data-copied")
        button.click()
        page.locator(".guide-permalink .guide-copy__status").filter(has_text=message).wait_for()
        return message, page.evaluate("navigator.clipboard.readText()")

    root = ROOTS[language]
    page.goto(_url(language))
    assert copy() == (ui["flow_copied_start"], served_site.url(f"{root}d/{flow.id}/"))
    _click_answers(page, flow, WAIT_PATH[:2], language)
    third = flow.node(_walk(flow, WAIT_PATH)[2]).anchor
    assert copy() == (ui["flow_copied_question"], served_site.url(f"{root}flows/{flow.id}/?a=1.1#{third}"))
    page.goto(_url(language, f"#{third}"))
    _expect_node(page, flow, _walk(flow, WAIT_PATH)[2])
    assert copy() == (ui["flow_copied_question_alone"], served_site.url(f"{root}flows/{flow.id}/#{third}"))
    page.goto(_result_url(language, WAIT_OUTCOME))
    assert copy() == (ui["flow_copied_result"], served_site.url(f"{root}d/{flow.id}/{WAIT_OUTCOME}/"))


def test_stale_or_edited_flow_url_goes_back_to_the_start_with_a_note(page, served_site: BuiltSite, guide: Guide,
                                                                     flow: Flow) -> None:
    note = guide.ui["en"]["flow_stale"]
    stale = ("?a=1.9.1#q-connexion-lien", "?a=x.2#q-demande", "?a=1.1#q-demande", "#q-no-such-question", "#o-%E0")
    for query in stale:
        page.goto(_url("en", query))
        _expect_node(page, flow, flow.start.id)
        assert page.locator(".flow__note").inner_text() == note
        assert page.url.endswith(f"/en/flows/{flow.id}/")
    # The note goes away once the reader moves on.
    _click_answers(page, flow, (1,), "en")
    assert page.locator(".flow__note").is_hidden()


@pytest.mark.parametrize("query", ["", "?a=1.1.3", "?a=2.1.1.1", "?a=1.1.3.1.2.1", "?a=0"])
def test_a_result_never_shows_answers_that_do_not_lead_to_it(page, served_site: BuiltSite, guide: Guide,
                                                             query: str) -> None:
    """Opened without answers, or with answers that lead elsewhere, a result shows itself alone."""
    page.goto(_result_url("en", WAIT_OUTCOME, query))
    assert page.locator(".flow__trail").is_hidden()
    assert page.locator(".flow__steps li").count() == 0
    assert page.locator(".flow-result__alone a").is_visible()
    assert page.locator(".flow__note").is_visible() == bool(query)
    if query:
        assert page.locator(".flow__note").inner_text() == guide.ui["en"]["flow_result_stale"]
    assert page.url == served_site.url(_result_url("en", WAIT_OUTCOME))


def test_a_results_former_anchor_leads_to_its_page(page, served_site: BuiltSite) -> None:
    """#o-<outcome> links were published (coaches' page, shared states): they land on the result's page."""
    cases = {
        "#o-laisser": _result_url("en", "laisser"),
        "?a=1.1.3.1.2#o-attendre": _result_url("en", WAIT_OUTCOME, "?a=1.1.3.1.2"),
        "?a=1.1.3.1.2": _result_url("en", WAIT_OUTCOME, "?a=1.1.3.1.2"),
        # Answers that now lead elsewhere are dropped, never shown under another result.
        "?a=1.1.2.1#o-attendre": _result_url("en", WAIT_OUTCOME),
        # The results the editorial pass removed lead to those that replace them.
        "#o-accepter-vite": _result_url("en", "accepter-repondre"),
    }
    for query, landing in cases.items():
        page.goto(_url("en", query))
        page.wait_for_url(served_site.url(landing))
        assert page.locator("h1").is_visible()
    page.goto(_url("fr", "#o-patienter", flow_id="relancer"))
    page.wait_for_url(served_site.url(_result_url("fr", "passer-sans-relancer", flow_id="relancer")))
    # The form the coaches' page used to suggest: the flow's short link and the result's anchor.
    page.goto(f"/en/d/{FLOW_ID}/#o-laisser")
    page.wait_for_url(served_site.url(_result_url("en", "laisser")))


@pytest.mark.parametrize("anchor", ["#q-connexion-attendue", "#q-connexion-attendue-title"])
def test_a_question_opened_by_its_link_shows_alone(page, served_site: BuiltSite, guide: Guide, flow: Flow,
                                                   anchor: str) -> None:
    """A question's link without answers (a search result, a coach's link) opens that question, inventing no answers."""
    page.goto(_url("en", anchor))
    _expect_node(page, flow, "connexion-attendue")
    assert page.url.endswith("/en/flows/accepter-demande/#q-connexion-attendue")
    assert page.locator(".flow__note").is_hidden()
    assert page.locator(".flow__trail").is_hidden()
    assert page.locator(".flow__progress").is_hidden()
    assert page.locator(".flow__alone").is_visible()
    # Its answers lead on without inventing a way here: to the result's page without answers.
    page.locator("#q-connexion-attendue .flow-answer").nth(1).click()
    page.wait_for_url(served_site.url(_result_url("en", WAIT_OUTCOME)))
    assert page.locator(".flow__trail").is_hidden()
    page.go_back()
    _expect_node(page, flow, "connexion-attendue")
    page.locator(".flow__alone a").click()
    _expect_node(page, flow, flow.start.id)
    assert page.locator(".flow__alone").is_hidden()
    assert page.locator(".flow__progress").is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_short_link_of_every_result_lands_on_it_with_and_without_javascript(page, nojs_page, served_site: BuiltSite,
                                                                            guide: Guide, language: str) -> None:
    for outcome in OUTCOMES.all(guide):
        landing = served_site.url(f"{ROOTS[language]}flows/{outcome.id}/")
        for tab in (page, nojs_page):
            tab.goto(f"/{ROOTS[language]}d/{outcome.id}/")
            tab.wait_for_url(landing)
            assert tab.locator("h1").inner_text() == outcome.texts[language].outcome
    # With JavaScript the answers travel through the short link too.
    page.goto(f"/{ROOTS[language]}d/{FLOW_ID}/{WAIT_OUTCOME}/?a=1.1.3.1.2")
    page.wait_for_url(served_site.url(_result_url(language, WAIT_OUTCOME, "?a=1.1.3.1.2")))
    assert len(_trail(page)) == len(WAIT_PATH)


@pytest.mark.parametrize(("start", "target"), [("fr", "en"), ("en", "fr")])
def test_switching_language_keeps_the_question_result_and_answers(page, served_site: BuiltSite, flow: Flow,
                                                                   start: str, target: str) -> None:
    page.goto(_url(start))
    _click_answers(page, flow, WAIT_PATH[:2], start)
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'a.md-select__link[hreflang="{target}"]').click()
    page.wait_for_url(served_site.url(f"{ROOTS[target]}flows/{flow.id}/?a=1.1#q-connexion-qui"))
    assert page.locator("html").get_attribute("lang") == target
    _expect_node(page, flow, "connexion-qui")
    _expect_trail(page, flow, WAIT_PATH[:2], target)
    page.goto(_result_url(start, WAIT_OUTCOME, "?a=1.1.3.1.2"))
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'a.md-select__link[hreflang="{target}"]').click()
    page.wait_for_url(served_site.url(_result_url(target, WAIT_OUTCOME, "?a=1.1.3.1.2")))
    _expect_trail(page, flow, WAIT_PATH, target)


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
def test_search_lands_on_the_result_or_the_question(page, served_site: BuiltSite, guide: Guide,
                                                    language: str) -> None:
    """With the site's search: a word only a result uses opens that result; a question's words open that question."""
    root = ROOTS[language]
    word, outcome = _word_only_in_a_result(served_site, guide, language)

    def search(words: str) -> list[str]:
        page.goto(f"/{root}")
        page.locator("input.md-search__input").click()
        page.keyboard.type(words)
        page.locator(".md-search-result__item a").first.wait_for()
        return page.locator(".md-search-result__item a").evaluate_all("links => links.map(link => link.href)")

    hits = search(word)
    assert hits[0].split("?")[0] == served_site.url(f"{root}flows/{outcome}/"), (word, hits)
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_url(re.compile(re.escape(served_site.url(f"{root}flows/{outcome}/"))))
    assert page.locator("h1").inner_text() == OUTCOMES.get(guide, outcome).texts[language].outcome
    # The groups' questions of the first flow: each hit inside the flow opens its question, not the start.
    hits = search("groupe" if language == "fr" else "group")
    inside = [hit for hit in hits if re.search(rf"/flows/{FLOW_ID}/(\?[^#]*)?#q-", hit)]
    assert inside, hits
    for hit in inside:
        anchor = hit.split("#")[1].removesuffix("-title")
        page.goto(hit)
        page.locator(f"#{anchor}").wait_for(state="visible")
        assert page.locator(".flow__note").is_hidden()


def _word_only_in_a_result(site: BuiltSite, guide: Guide, language: str) -> tuple[str, str]:
    """A word of a result's steps that no other page of that language has (steps are on the result's page alone)."""
    texts = {}
    for path in (site.root / ROOTS[language]).rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        relative = path.relative_to(site.root).as_posix()
        if 'http-equiv="refresh"' in html or (language == LANGUAGES[0] and relative.startswith(
                tuple(f"{root}/" for root in ROOTS.values() if root))):
            continue
        texts[relative] = re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", " ", html, flags=re.S)).lower()
    for outcome in OUTCOMES.all(guide):
        own = f"{ROOTS[language]}flows/{outcome.id}/index.html"
        for step in outcome.node.steps:
            for word in re.findall(r"[a-zà-ÿ]{8,}", step.texts[language].lower()):
                if all(not re.search(rf"\b{word}\b", text) for path, text in texts.items() if path != own):
                    return word, outcome.id
    pytest.fail(f"no result's step has a word of its own in {language}")


# On a phone -----------------------------------------------------------------------------------------

@pytest.fixture
def phone(browser, served_site: BuiltSite):
    context = browser.new_context(base_url=served_site.base_url, viewport=PHONE, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    yield context.new_page()
    context.close()


def _box(tab, selector: str) -> dict:
    return tab.locator(selector).first.evaluate("e => e.getBoundingClientRect().toJSON()")


def _expect_heading_clear(tab, heading: str) -> None:
    """The heading lies wholly in view, below the sticky header and below the back-to-top button if it shows."""
    tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    box = _box(tab, heading)
    header = _box(tab, ".md-header")
    assert box["top"] >= header["bottom"], (heading, box, header)
    assert box["bottom"] <= PHONE["height"], (heading, box)
    top = tab.locator(".md-top")
    if top.evaluate("e => !e.hidden && getComputedStyle(e).opacity !== '0'"):
        assert box["top"] >= _box(tab, ".md-top")["bottom"], (heading, box)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_on_a_phone_the_first_question_and_its_answers_are_in_view(phone, served_site: BuiltSite, guide: Guide,
                                                                   language: str, flow_id: str) -> None:
    phone.goto(_url(language, flow_id=flow_id))
    start = FLOWS.get(guide, flow_id).start
    phone.locator(f"#{start.anchor}").wait_for(state="visible")
    _expect_heading_clear(phone, f"#{start.anchor}-title")
    bottoms = phone.locator(f"#{start.anchor} .flow-answer").evaluate_all(
        "answers => answers.map(answer => answer.getBoundingClientRect().bottom)")
    assert len(bottoms) == len(start.answers)
    assert max(bottoms) <= PHONE["height"], bottoms


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_on_a_phone_each_new_question_shows_below_the_header(phone, served_site: BuiltSite, guide: Guide,
                                                             language: str, flow_id: str) -> None:
    flow = FLOWS.get(guide, flow_id)
    for positions in {path for path in _longest_paths(flow).values() if len(path) > 2}:
        phone.goto(_url(language, flow_id=flow_id))
        nodes = _walk(flow, positions)
        for node_id, position in zip(nodes[:-2], positions[:-1], strict=False):
            # The reader scrolls down to the answers, as a thumb does, and taps the one that applies.
            phone.evaluate("window.scrollBy(0, 600)")
            phone.locator(f"#{flow.node(node_id).anchor} .flow-answer").nth(position - 1).tap()
            _expect_heading_clear(phone, f"#{flow.node(nodes[nodes.index(node_id) + 1]).anchor}-title")


# On paper -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_printing_a_result_gives_one_page(page, served_site: BuiltSite, guide: Guide, tmp_path: Path,
                                          language: str, flow_id: str) -> None:
    """Each result on one A4 page: the flow's question, the result, why, the rules, the answers, the short link.

    Printed with the answers of its longest way through, the most it can hold; the first result of each flow
    also alone, without answers.
    """
    flow = FLOWS.get(guide, flow_id)
    ui = guide.ui[language]
    longest = _longest_paths(flow)
    for number, outcome in enumerate(flow.outcomes):
        text = outcome.texts[language]
        short_url = served_site.url(f"{ROOTS[language]}d/{flow.id}/{outcome.id}/")
        others = [_words(other.texts[language].outcome) for other in flow.outcomes if other.id != outcome.id]
        positions = longest[outcome.id]
        answered = f"?a={'.'.join(map(str, positions))}"
        # Its longest way through gives the most a result prints; the result alone is the same page less the answers.
        for query in ("", answered) if number == 0 else (answered,):
            page.goto(_result_url(language, outcome.id, query, flow_id=flow.id))
            pdf = page.pdf(format="A4")
            pages, printed = _pdf_text(pdf)
            assert pages == 1, (outcome.id, query, pages)
            assert _words(flow.texts[language].title) in printed
            assert _words(text.outcome) in printed
            assert _words(text.explanation) in printed
            for rule_id in outcome.rules:
                assert _words(f"{rule_id} {guide.get('rule', rule_id).texts[language].title}") in printed
            # (One result's title may hold another's: "Move on, without …" holds "Move on".)
            assert not [other for other in others if other in printed.replace(_words(text.outcome), "")], outcome.id
            assert short_url in printed
            assert guide.edition in printed
            assert ui["copy_link"] not in printed and ui["flow_change"] not in printed
            answers = [_words(_answer_text(flow, node_id, position, language))
                       for node_id, position in zip(_walk(flow, positions), positions, strict=False)]
            assert all(answer in printed for answer in answers) == bool(query), (outcome.id, query)
            if number == 0 and query:
                assert _qr_codes(pdf, tmp_path) == [short_url]


@pytest.mark.parametrize("language", LANGUAGES)
def test_printing_the_flow_gives_the_numbered_key(page, served_site: BuiltSite, guide: Guide, flow: Flow,
                                                  language: str) -> None:
    page.goto(_url(language))
    _click_answers(page, flow, WAIT_PATH[:1], language)
    # The key has its own print button (the browser's print menu gives the same).
    assert page.locator("[data-flow-print]").is_visible()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(" ".join(page_.extract_text().split()) for page_ in pdf.pages)
    ui = guide.ui[language]
    assert ui["flow_key_title"] in text
    start = flow.start
    answer = start.answers[0].texts[language]
    assert f"1. {_words(start.texts[language].question)}" in text
    assert f"{answer} → 2" in text
    # An answer leading to an outcome names it: "No, I don't know them yet → outcome 24 “Take at least 24 hours…”".
    last_question = _walk(flow, WAIT_PATH)[-2]
    number = numbering(flow.start.id, flow.edges)[WAIT_OUTCOME]
    reference = ui["flow_key_outcome_ref"].replace("{number}", str(number)).replace(
        "{title}", _title(flow, WAIT_OUTCOME, language))
    assert _words(f"{_answer_text(flow, last_question, WAIT_PATH[-1], language)} → {reference}") in text
    # Every node of the flow is in the key, and the interactive part is not printed.
    for node in flow.nodes:
        assert _words(_title(flow, node.id, language)) in text, node.id
    assert ui["flow_answers_title"] not in text
    assert ui["flow_print_key"] not in text


def test_the_key_print_button_needs_javascript(nojs_page, served_site: BuiltSite) -> None:
    nojs_page.goto(_url("en"))
    assert nojs_page.locator("[data-flow-print]").is_hidden()


# Accessibility ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_violation_on_a_question(page, served_site: BuiltSite, flow: Flow, language: str) -> None:
    page.goto(_url(language))
    _click_answers(page, flow, WAIT_PATH[:2], language)
    _expect_node(page, flow, _walk(flow, WAIT_PATH)[2])
    assert axe_violations(page) == []
    page.goto(_url(language, "#q-connexion-attendue"))
    _expect_node(page, flow, "connexion-attendue")
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", ["", "?a=1.1.3.1.2"])
def test_axe_finds_no_violation_on_a_result(page, served_site: BuiltSite, language: str, query: str) -> None:
    page.goto(_result_url(language, WAIT_OUTCOME, query))
    page.locator("h1").wait_for()
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_violation_on_the_index(page, served_site: BuiltSite, language: str) -> None:
    page.goto(f"/{ROOTS[language]}flows/")
    assert axe_violations(page) == []
