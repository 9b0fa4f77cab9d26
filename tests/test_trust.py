"""Trust, as a careful reader checks it: what the sources say is set apart, and the guide's own additions are marked.

On every rule page, in both languages: each claim is shown with its source, each step says
where it comes from (a source, linked, or the guide), and the example is marked as the guide's.
The export carries the same distinctions. Merged rules redirect to the rule that replaced them.
And no text of the guide repeats a source, checked text by text after YAML folding.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from conftest import LANGUAGES, ROOTS, BuiltSite, published_ids
from netguide.guide import Guide
from netguide.kinds.flows import FLOWS
from netguide.kinds.flows.graph import all_paths
from own_words import check_project

RULE_IDS = published_ids("rules")


def squeeze(text: str) -> str:
    """Spaces as the reader sees them: line breaks of the HTML folded, non-breaking spaces kept."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


class RulePage(HTMLParser):
    """The parts of a rule page a reader relies on: claims with their source, steps with their origin."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.claims: list[dict[str, str]] = []
        self.steps: list[dict[str, str]] = []
        self.example_marked = False
        self._in: list[str] = []
        self._current: dict[str, str] | None = None
        self._field = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        href = dict(attrs).get("href") or ""
        if "guide-claim" in classes:
            self._current = {"text": "", "source": "", "href": ""}
            self.claims.append(self._current)
        elif "guide-step" in classes:
            self._current = {"text": "", "origin": "", "href": ""}
            self.steps.append(self._current)
        elif "guide-claim__text" in classes:
            self._field = "text"
        elif "guide-claim__source" in classes:
            self._field = "source"
        elif "guide-origin" in classes and self._current is not None and "origin" in self._current:
            self._field = "origin"
            if "guide-origin--guide" in classes:
                self._current["origin"] = "guide:"
        elif tag == "figcaption" and "guide-origin--guide" in classes:
            self.example_marked = True
        if tag == "a" and self._current is not None and self._field in ("source", "origin"):
            self._current["href"] = href

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "span") and self._field:
            self._field = ""
        if tag == "li":
            self._current = None
            self._field = ""

    def handle_data(self, data: str) -> None:
        if self._current is None:
            return
        if self._field:
            self._current[self._field] += data
        elif "origin" in self._current:
            self._current["text"] += data


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_page_shows_what_the_sources_say_and_marks_the_guides_suggestions(
        built_site: BuiltSite, guide: Guide, rule_id: str, language: str) -> None:
    rule = guide.get("rule", rule_id)
    page = RulePage()
    page.feed(built_site.html(f"{ROOTS[language]}rules/{rule_id}/"))
    ui = guide.ui[language]
    assert len(page.claims) == len(rule.claims)
    for shown, claim in zip(page.claims, rule.claims, strict=True):
        source = guide.get("source", claim.source)
        assert squeeze(shown["text"]) == claim.texts[language]
        assert source.texts[language].label in shown["source"]
        assert shown["href"].endswith(f"sources/#{claim.source}")
    assert len(page.steps) == len(rule.how)
    for shown, step in zip(page.steps, rule.how, strict=True):
        assert step.texts[language] in squeeze(shown["text"])
        if step.origin == "guide":
            assert shown["origin"].startswith("guide:") and ui["origin_guide"] in shown["origin"]
            assert not shown["href"]
        else:
            assert guide.get("source", step.origin).texts[language].label in shown["origin"]
            assert shown["href"].endswith(f"sources/#{step.origin}")
    assert page.example_marked == bool(rule.texts[language].example)


def test_the_guide_marks_its_own_steps_somewhere_and_cites_sources_elsewhere(guide: Guide) -> None:
    origins = [step.origin for rule in guide.of("rule") for step in rule.how]
    assert "guide" in origins
    assert len(set(origins) - {"guide"}) == len(guide.of("source"))


def test_export_carries_claims_origins_and_texts(built_site: BuiltSite, guide: Guide) -> None:
    export = json.loads(built_site.html("api/guide.json"))
    assert export["format"] == 2
    exported = {rule["id"]: rule for rule in export["rules"]}
    for rule in guide.of("rule"):
        entry = exported[rule.id]
        assert entry["claims"] == [{"source": claim.source, "text": dict(claim.texts)} for claim in rule.claims]
        assert entry["how"] == [{"text": dict(step.texts), "origin": step.origin} for step in rule.how]
        assert entry["why"] == {lang: "\n\n".join(text.why) for lang, text in rule.texts.items()}
        assert entry["sources"] == list(rule.sources)
        assert len(entry["views"]) == len(rule.views)
        if rule.texts[LANGUAGES[0]].example:
            assert entry["example"] == {lang: text.example for lang, text in rule.texts.items()}
        else:
            assert entry["example"] is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_merged_rules_redirect_to_the_rule_that_replaced_them(built_site: BuiltSite, guide: Guide,
                                                              language: str) -> None:
    retired = guide.registry.retired["rules"]
    assert retired, "the editorial pass merged rules"
    for old, new in retired.items():
        for path in (f"rules/{old}/", f"r/{old}/"):
            html = built_site.html(f"{ROOTS[language]}{path}")
            assert f'url=../../rules/{new}/"' in html, (language, path)


def test_no_text_repeats_a_source_word_for_word_or_follows_it_closely() -> None:
    findings = check_project()
    assert not findings, "\n".join(str(finding) for finding in findings)


def test_the_accepting_flow_follows_the_rules_on_people_you_know_and_recruiters(guide: Guide) -> None:
    """Regression of the review: a friend, relative or former colleague, or a recruiter of your field,
    sending the platform's standard invitation, no longer ends at "let it go" (R17 names former
    colleagues as a reason to accept; R45 and R50 say to be where your recruiters are)."""
    flow = FLOWS.get(guide, "accepter-demande")

    def answer(question: str, starts: str) -> tuple[str, int]:
        texts = [item.texts["en"] for item in flow.node(question).answers]
        return question, next(index for index, text in enumerate(texts) if text.startswith(starts))

    known = answer("connexion-qui", "Someone I know")
    recruiter = answer("connexion-qui", "A recruiter")
    in_field = answer("recruteur-secteur", "Yes")
    reached: dict[str, set[str]] = {"known": set(), "recruiter": set()}
    for path in all_paths(flow.start.id, flow.edges):
        given = {(step.question, step.answer) for step in path.steps}
        if known in given:
            reached["known"].add(path.outcome)
        if recruiter in given and in_field in given:
            reached["recruiter"].add(path.outcome)
    assert reached["known"] and "laisser" not in reached["known"]
    assert all("R17" in flow.node(outcome).rules for outcome in reached["known"])
    assert reached["recruiter"] == {"accepter-recruteur"}
    assert {"R45", "R50"} <= set(flow.node("accepter-recruteur").rules)
