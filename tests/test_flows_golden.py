"""Every path through every decision flow, as the built site shows it, against a golden manifest.

The paths are read from the built pages, in each language, by following the plain links a
reader without JavaScript follows: from the start question, each answer's #q-… link, until an
answer that links to a result's page. tests/golden/flow_paths.txt records each path (the ?a=
answer positions that travel with a shared link, each question and answer as printed, and the
address and title of the result's page reached). Any change to a flow shows up as a diff of
that file; a question or a result that no path reaches fails the test too.

To regenerate the manifest after changing a flow on purpose, build the site and write it:

    scripts/guide golden      (or: .venv/bin/python tests/test_flows_golden.py)

then review `git diff tests/golden/flow_paths.txt` before committing it with the flow.
"""

from __future__ import annotations

import difflib
import posixpath
import re
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from conftest import LANGUAGES, PROJECT_ROOT, ROOTS, BuiltSite, build_site
from netguide.guide import Guide
from netguide.kinds.flows import FLOWS
from netguide.kinds.flows.model import Flow
from netguide.load import load_guide

GOLDEN = Path(__file__).resolve().parent / "golden" / "flow_paths.txt"
HEADER = (
    "# Every path through every decision flow, read from the built pages (tests/test_flows_golden.py).\n"
    "# Regenerate after changing a flow on purpose: scripts/guide golden\n"
)


@dataclass
class PageNode:
    anchor: str
    title: str = ""
    answers: list[tuple[str, str]] = field(default_factory=list)  # (link: #<question anchor> or a result's page, text)


class FlowPageParser(HTMLParser):
    """The flow's questions as a reader meets them: question blocks, their titles and answer links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.start = ""
        self.nodes: dict[str, PageNode] = {}
        self._node: PageNode | None = None
        self._capture: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if "flow" in classes and attributes.get("data-start"):
            self.start = attributes["data-start"]
        elif tag == "div" and "flow-node--question" in classes:
            self._node = self.nodes.setdefault(attributes["id"], PageNode(attributes["id"]))
        elif (self._node and "flow-node__title" in classes) or (self._node and "flow-answer" in classes):
            self._capture = []
            self._href = attributes.get("href") or ""

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._capture.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._capture is not None and tag in ("h2", "a"):
            text = " ".join("".join(self._capture).split())
            if tag == "h2":
                self._node.title = text
            else:
                self._node.answers.append((self._href, text))
            self._capture = None
        elif tag == "div" and self._node is not None and self._capture is None:
            self._node = None


def page_nodes(html: str) -> tuple[str, dict[str, PageNode]]:
    parser = FlowPageParser()
    parser.feed(html)
    return parser.start, parser.nodes


def result_title(site: BuiltSite, url_path: str) -> str:
    """The main heading of a result's page (the test fails if the page is not there)."""
    assert site.path(url_path).is_file(), f"an answer links to {url_path}, which the site does not have"
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", site.html(url_path), re.S)
    assert heading, f"{url_path} has no main heading"
    parser = HTMLParser(convert_charrefs=True)
    parts: list[str] = []
    parser.handle_data = parts.append  # type: ignore[method-assign]
    parser.feed(heading.group(1))
    return " ".join("".join(parts).split())


def page_paths(site: BuiltSite, flow: Flow, language: str) -> tuple[list[str], set[str]]:
    """The manifest lines of one flow page, and the questions and results no path reaches."""
    flow_id = flow.id
    page_path = f"/{ROOTS[language]}flows/{flow_id}/"
    start, nodes = page_nodes(site.html(page_path))
    assert start in nodes, f"{flow_id} ({language}): the start question {start!r} is not on the page"
    lines: list[str] = []
    reached: set[str] = set()

    def walk(anchor: str, positions: list[int], steps: list[str]) -> None:
        assert anchor in nodes, f"{flow_id} ({language}): a link leads to #{anchor}, which is not on the page"
        assert anchor not in [step.split(" ", 1)[0] for step in steps], f"{flow_id}: loop at #{anchor}"
        reached.add(anchor)
        node = nodes[anchor]
        assert len(node.answers) >= 2, f"{flow_id} ({language}): #{anchor} offers fewer than two answers"
        for position, (target, text) in enumerate(node.answers, 1):
            taken = [*steps, f"{anchor} {node.title} -> {text}"]
            if target.startswith("#"):
                walk(target.removeprefix("#"), [*positions, position], taken)
                continue
            result = posixpath.normpath(posixpath.join(page_path, target)) + "/"
            reached.add(result)
            state = ".".join(map(str, [*positions, position]))
            lines.append(f"{flow_id} {language} ?a={state} => {result}: {result_title(site, result)}")
            lines.extend(f"    {step}" for step in taken)

    walk(start, [], [])
    results = {f"/{ROOTS[language]}flows/{flow_id}/{node.id}/" for node in flow.outcomes}
    return lines, (set(nodes) | results) - reached


def manifest(site: BuiltSite, guide: Guide) -> tuple[str, dict[str, set[str]]]:
    lines: list[str] = []
    unreached: dict[str, set[str]] = {}
    for flow in FLOWS.all(guide):
        for language in LANGUAGES:
            flow_lines, missed = page_paths(site, flow, language)
            lines += flow_lines
            if missed:
                unreached[f"{flow.id} ({language})"] = missed
    return HEADER + "\n".join(lines) + "\n", unreached


def test_every_path_matches_the_golden_manifest(built_site: BuiltSite, guide: Guide) -> None:
    actual, _ = manifest(built_site, guide)
    expected = GOLDEN.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        "golden/flow_paths.txt", "built site"))
    assert not diff, f"the flows' paths changed (regenerate only if intended, see the docstring):\n{diff}"


def test_every_node_is_reached_by_some_path(built_site: BuiltSite, guide: Guide) -> None:
    _, unreached = manifest(built_site, guide)
    assert unreached == {}


def test_both_languages_have_the_same_paths(built_site: BuiltSite, guide: Guide) -> None:
    actual, _ = manifest(built_site, guide)
    by_language: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    for line in actual.splitlines():
        if not line.startswith(("#", " ")):
            flow_id, language, state, _, result = line.split(" ", 4)
            page = result.split(":")[0].removeprefix(f"/{ROOTS[language]}")
            by_language[language].append(f"{flow_id} {state} {page}")
    assert by_language["fr"] == by_language["en"]
    assert len(by_language["en"]) > 30


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as work:
        site_url = "http://127.0.0.1:8000/"
        result = build_site(Path(work), site_url)
        if result.returncode:
            sys.exit(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
        text, missed = manifest(BuiltSite(Path(work), site_url), load_guide(PROJECT_ROOT, LANGUAGES))
    if missed:
        sys.exit(f"nodes no path reaches: {missed}")
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(text, encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(PROJECT_ROOT)} ({text.count(' => ')} paths)")
