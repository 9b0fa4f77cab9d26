"""A flow with a huge number of ways through it opens at once at any of its nodes.

flow.js never searches for a way to a node: it follows the answers a link carries, one step
each, and a question opened without answers shows alone. A copy of the project gets a flow of
40 questions (the most one way through may ask, MAX_QUESTIONS_ON_A_PATH) whose two answers
both lead on: 2^40 ways through, which a search over answer sequences would never finish.

The one timed assertion here is the issue's own bound (under a second for what takes
milliseconds when linear and minutes when exponential), measured inside the page from the
moment the document is parsed, so that the machine's load and the network do not count.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import PROJECT_ROOT, build_site, free_port
from netguide.kinds.flows import MAX_QUESTIONS_ON_A_PATH

pytestmark = pytest.mark.browser

FLOW_ID = "profond"
QUESTIONS = MAX_QUESTIONS_ON_A_PATH
# The answers of one way through: the second answer at every odd question, to the second outcome.
WAY = (*(2 if number % 2 else 1 for number in range(1, QUESTIONS)), 2)
# Marks, in the page, when the flow first shows a node: flow.js runs after the document is parsed.
TIMING = """
new MutationObserver((changes, observer) => {
  if (document.querySelector(".is-current")) {
    window.shownAfter = performance.now() - performance.getEntriesByType("navigation")[0].domInteractive;
    observer.disconnect();
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["class"]});
"""


def deep_flow() -> str:
    """40 questions, each of whose two answers leads to the next; the last one's to two outcomes."""
    def answers(number: int) -> str:
        targets = ("fin-a", "fin-b") if number == QUESTIONS else (f"q{number + 1}", f"q{number + 1}")
        return "".join(f"      - next: {target}\n        fr: 'Réponse {side}'\n        en: 'Answer {side}'\n"
                       for side, target in zip("AB", targets, strict=True))

    questions = "".join(f"  - id: q{number}\n    kind: question\n    fr:\n      question: Question {number} ?\n"
                        f"    en:\n      question: Question {number}?\n    answers:\n{answers(number)}"
                        for number in range(1, QUESTIONS + 1))
    outcomes = "".join(f"  - id: fin-{side}\n    kind: outcome\n    rules: [R17]\n"
                       f"    steps:\n      - fr: Faites {side}.\n        en: Do {side}.\n"
                       f"    fr:\n      outcome: Fin {side}\n      explanation: Parce que {side}.\n"
                       f"    en:\n      outcome: End {side}\n      explanation: Because of {side}.\n"
                       for side in "ab")
    return (f"id: {FLOW_ID}\nfr:\n  title: Un arbre profond\n  intro: Vingt questions.\n"
            f"en:\n  title: A deep flow\n  intro: Twenty questions.\nnodes:\n{questions}{outcomes}")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def deep_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The project with the deep flow added, built and served; yields its address."""
    work = tmp_path_factory.mktemp("deep")
    project = work / "project"
    shutil.copytree(PROJECT_ROOT, project, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "tests", "benchmarks", "__pycache__", "*.egg-info", ".*_cache", "node_modules"))
    (project / "knowledge" / "flows" / f"{FLOW_ID}.yml").write_text(deep_flow(), encoding="utf-8")
    registry = project / "knowledge" / "registry.yml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("    - relancer\n", f"    - relancer\n    - {FLOW_ID}\n", 1)
    text = text.replace("    - relancer/arreter\n",
                        f"    - relancer/arreter\n    - {FLOW_ID}/fin-a\n    - {FLOW_ID}/fin-b\n")
    registry.write_text(text, encoding="utf-8")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    result = build_site(work / "site", base_url, project_root=project)
    assert result.returncode == 0, result.stdout + result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(work / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base_url
    server.shutdown()
    server.server_close()


@pytest.fixture
def tab(browser: object, deep_site: str) -> Iterator[object]:
    context = browser.new_context(base_url=deep_site)
    context.add_init_script(TIMING)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors


def _shown_after(tab: object) -> float:
    tab.wait_for_function("window.shownAfter !== undefined")
    return tab.evaluate("window.shownAfter")


@pytest.mark.parametrize("address", [
    f"en/flows/{FLOW_ID}/#q-q{QUESTIONS}",  # a question alone, as search and coaches link to it
    f"en/flows/{FLOW_ID}/?a={'.'.join(map(str, WAY[:-1]))}#q-q{QUESTIONS}",  # with every answer on the way
], ids=["alone", "with-answers"])
def test_the_deep_flow_opens_at_its_last_question_at_once(tab: object, address: str) -> None:
    tab.goto(address)
    tab.locator(f"#q-q{QUESTIONS}").wait_for(state="visible")
    assert tab.locator(".flow__note").is_hidden()
    assert tab.locator(".flow__steps li").count() == (0 if "?a=" not in address else QUESTIONS - 1)
    assert _shown_after(tab) < 1000


def test_the_deep_flows_results_check_forty_answers_at_once(tab: object, deep_site: str) -> None:
    tab.goto(f"en/flows/{FLOW_ID}/?a={'.'.join(map(str, WAY))}")
    tab.wait_for_url(f"{deep_site}en/flows/{FLOW_ID}/fin-b/?a={'.'.join(map(str, WAY))}")
    assert tab.locator(".flow__steps li").count() == QUESTIONS
    assert tab.locator(".flow__steps li").nth(QUESTIONS - 1).inner_text().startswith(f"Question {QUESTIONS}?")
    # A former anchor of a result, too, leads straight to its page.
    tab.goto(f"en/flows/{FLOW_ID}/#o-fin-a")
    tab.wait_for_url(f"{deep_site}en/flows/{FLOW_ID}/fin-a/")
    assert tab.locator("h1").inner_text() == "End a"
