"""The knowledge model, loaded and validated without MkDocs: the real data, then one test per bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import LANGUAGES, PROJECT_ROOT
from netguide.errors import KnowledgeError, ProblemList
from netguide.frontmatter import check_front_matter
from netguide.load import load_guide
from netguide.redirects import redirects


def problems_of(root: Path) -> str:
    with pytest.raises(KnowledgeError) as caught:
        load_guide(root, LANGUAGES)
    return str(caught.value)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rule_file(root: Path, rule_id: str) -> Path:
    return root / "knowledge" / "rules" / f"{rule_id}.yml"


def unreferenced_rule(root: Path) -> str:
    """A rule that no checklist or flow names (remove_rule strips the rules' own related links)."""
    rules_dir = root / "knowledge" / "rules"
    others = [path.read_text(encoding="utf-8") for path in (root / "knowledge").rglob("*.yml")
              if path.name != "registry.yml" and path.parent != rules_dir]
    for path in sorted(rules_dir.glob("*.yml"), reverse=True):
        if not any(path.stem in text for text in others):
            return path.stem
    raise AssertionError("every rule is named by a checklist or a flow")


def remove_rule(root: Path, rule_id: str) -> None:
    """Delete a rule's file and every related-rule reference to it."""
    rule_file(root, rule_id).unlink()
    for path in (root / "knowledge" / "rules").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f", {rule_id}", "").replace(f"{rule_id}, ", ""), encoding="utf-8")


def test_real_knowledge_is_complete() -> None:
    guide = load_guide(PROJECT_ROOT, LANGUAGES)
    assert len(guide.rules) >= 50
    assert {theme.id for theme in guide.themes} == {rule.theme for rule in guide.rules}
    for rule in guide.rules:
        assert rule.sources, rule.id
        for language in LANGUAGES:
            text = rule.texts[language]
            assert text.title and text.statement and text.why and len(text.how) >= 2, (rule.id, language)
            assert (text.example is None) == (rule.texts[LANGUAGES[0]].example is None), (rule.id, language)
        for view in rule.views:
            assert set(view.texts) == set(LANGUAGES), rule.id


def test_every_source_document_is_cited() -> None:
    guide = load_guide(PROJECT_ROOT, LANGUAGES)
    seeds = PROJECT_ROOT.parent / "shared" / "seeds"
    for source in guide.sources:
        assert guide.rules_citing(source.id), source.id
        if seeds.is_dir():
            assert (seeds / source.file).is_file(), source.file


def test_sources_disagreements_are_shown_as_views() -> None:
    guide = load_guide(PROJECT_ROOT, LANGUAGES)
    contested = {rule.id: {view.source for view in rule.views} for rule in guide.rules if rule.views}
    # How many contacts is enough: three sources, three views.
    assert any(len(sources) >= 3 for sources in contested.values()), contested
    # How fast to answer an invitation: wait 24 h vs reach out boldly.
    assert any({"faire-ne-pas-faire", "dos-donts"} <= sources for sources in contested.values()), contested


def test_french_typography_is_applied() -> None:
    guide = load_guide(PROJECT_ROOT, LANGUAGES)
    for rule in guide.rules:
        text = rule.texts["fr"]
        for field in (text.title, text.statement, *text.why, *text.how, text.example or ""):
            for mark in ":;!?»":
                assert f" {mark}" not in field, (rule.id, field)
            assert "« " not in field, (rule.id, field)


def test_malformed_yaml_names_file_and_line(knowledge_copy: Path) -> None:
    path = rule_file(knowledge_copy, "R12")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = "sources: [que-faire"  # unclosed flow sequence
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = problems_of(knowledge_copy)
    assert "knowledge/rules/R12.yml:" in message
    assert "malformed YAML" in message and "Fix:" in message
    line = int(message.split("knowledge/rules/R12.yml:")[1].split()[0].rstrip(":"))
    assert 3 <= line <= 5


def test_key_written_twice_is_refused(knowledge_copy: Path) -> None:
    edit(rule_file(knowledge_copy, "R12"), "theme: contact\n", "theme: contact\ntheme: profil\n")
    message = problems_of(knowledge_copy)
    assert "knowledge/rules/R12.yml:3" in message and "'theme' appears twice" in message


def test_malformed_front_matter_names_file_and_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("---\ntitle: ok\ndescription: [broken\n---\n# Page\n", encoding="utf-8")
    problems = ProblemList(tmp_path)
    check_front_matter(docs, problems)
    assert len(problems.items) == 1
    assert str(problems.items[0]).startswith("docs/page.md:")
    assert problems.items[0].line in (3, 4, 5)


def test_unclosed_front_matter(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("---\ntitle: ok\n# Page\n", encoding="utf-8")
    problems = ProblemList(tmp_path)
    check_front_matter(docs, problems)
    assert "never closed" in str(problems.items[0])


def test_duplicate_rule_id(knowledge_copy: Path) -> None:
    shutil.copy(rule_file(knowledge_copy, "R12"), knowledge_copy / "knowledge" / "rules" / "R12.yaml")
    message = problems_of(knowledge_copy)
    assert "duplicate rule ID 'R12'" in message and "knowledge/rules/R12.y" in message


def test_duplicate_theme_id(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "knowledge" / "themes.yml", "- id: contact", "- id: profil")
    message = problems_of(knowledge_copy)
    assert "knowledge/themes.yml" in message and "duplicate theme ID 'profil'" in message


def test_id_must_match_file_name(knowledge_copy: Path) -> None:
    edit(rule_file(knowledge_copy, "R12"), "id: R12", "id: R99")
    message = problems_of(knowledge_copy)
    assert "knowledge/rules/R12.yml [id]" in message and "does not match the file name" in message


def test_unknown_theme(knowledge_copy: Path) -> None:
    edit(rule_file(knowledge_copy, "R12"), "theme: contact", "theme: contacts")
    message = problems_of(knowledge_copy)
    assert "knowledge/rules/R12.yml [theme]: unknown theme 'contacts'" in message
    assert "knowledge/themes.yml" in message


def test_unknown_source(knowledge_copy: Path) -> None:
    edit(rule_file(knowledge_copy, "R12"), "que-faire", "que-fair")
    message = problems_of(knowledge_copy)
    assert "knowledge/rules/R12.yml [sources]: unknown source 'que-fair'" in message


def test_unknown_related_rule(knowledge_copy: Path) -> None:
    path = rule_file(knowledge_copy, "R12")
    text = path.read_text(encoding="utf-8")
    related_line = next(line for line in text.splitlines() if line.startswith("related:"))
    edit(path, related_line, "related: [R11, R404]")
    message = problems_of(knowledge_copy)
    assert "knowledge/rules/R12.yml [related]: unknown rule 'R404'" in message


def test_rule_missing_a_language(knowledge_copy: Path) -> None:
    path = rule_file(knowledge_copy, "R12")
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\nen:")] + "\n", encoding="utf-8")
    message = problems_of(knowledge_copy)
    assert "knowledge/rules/R12.yml [en]: the en translation is missing" in message
    assert "add a 'en:' block" in message


def test_empty_required_field(knowledge_copy: Path) -> None:
    path = rule_file(knowledge_copy, "R12")
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("  statement:") and i > 4)
    lines[index] = '  statement: ""'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = problems_of(knowledge_copy)
    assert "knowledge/rules/R12.yml [fr.statement]: required text is missing or empty" in message


def test_unknown_key_is_a_typo(knowledge_copy: Path) -> None:
    edit(rule_file(knowledge_copy, "R12"), "related:", "relatd:")
    message = problems_of(knowledge_copy)
    assert "unknown key 'relatd'" in message


def test_unquoted_colon_in_a_step(knowledge_copy: Path) -> None:
    path = rule_file(knowledge_copy, "R12")
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("    - "))
    lines[index] = "    - Relisez : trois phrases suffisent."
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = problems_of(knowledge_copy)
    assert "fr.how[1]" in message and "put the whole item in double quotes" in message


def test_published_id_that_disappeared(knowledge_copy: Path) -> None:
    gone = unreferenced_rule(knowledge_copy)
    remove_rule(knowledge_copy, gone)
    message = problems_of(knowledge_copy)
    assert f"knowledge/registry.yml [rules.published.{gone}]: the published rule {gone} has disappeared" in message
    assert f"move it to rules.retired as '{gone}: <ID that replaces it>'" in message


def test_retired_id_redirects_to_its_replacement(knowledge_copy: Path) -> None:
    gone = unreferenced_rule(knowledge_copy)
    remove_rule(knowledge_copy, gone)
    registry = knowledge_copy / "knowledge" / "registry.yml"
    edit(registry, f"    - {gone}\n", "")
    edit(registry, "  retired: {}", f"  retired:\n    {gone}: R11")
    guide = load_guide(knowledge_copy, LANGUAGES)
    pairs = {(redirect.from_path, redirect.to_path) for redirect in redirects(guide)}
    assert (f"r/{gone}/", "rules/R11/") in pairs
    assert (f"rules/{gone}/", "rules/R11/") in pairs


def test_new_rule_must_be_registered(knowledge_copy: Path) -> None:
    text = rule_file(knowledge_copy, "R12").read_text(encoding="utf-8").replace("id: R12", "id: R53")
    rule_file(knowledge_copy, "R53").write_text(text, encoding="utf-8")
    message = problems_of(knowledge_copy)
    assert "the rule R53 is not registered" in message and "add '- R53' under rules.published" in message


def test_retired_id_still_in_use(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "knowledge" / "registry.yml", "  retired: {}", "  retired:\n    R12: R11")
    message = problems_of(knowledge_copy)
    assert "the rule R12 is retired but still exists" in message


def test_all_problems_are_reported_at_once(knowledge_copy: Path) -> None:
    edit(rule_file(knowledge_copy, "R12"), "theme: contact", "theme: nowhere")
    edit(rule_file(knowledge_copy, "R13"), "theme: contact", "theme: elsewhere")
    message = problems_of(knowledge_copy)
    assert message.startswith("The guide's data has 2 problems:")
