"""The knowledge model, loaded and checked without MkDocs: the real data, the kinds, the shapes."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import LANGUAGES, PROJECT_ROOT, edit, message_of, problems_of
from netguide.guide import Guide
from netguide.kinds import KINDS
from netguide.load import load_guide
from netguide.redirects import redirects
from netguide.site import all_pages


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


def next_free_rule_id(guide: Guide) -> str:
    """The next rule code no rule has used, published or retired."""
    used = {rule.id for rule in guide.of("rule")} | set(guide.registry.retired.get("rules", {}))
    number = max(int(rule_id[1:]) for rule_id in used) + 1
    return f"R{number:02d}"


# The real data ---------------------------------------------------------------------------------

def test_real_knowledge_is_complete(guide: Guide) -> None:
    rules = guide.of("rule")
    assert len(rules) >= 40
    assert {theme.id for theme in guide.of("theme")} == {rule.theme for rule in rules}
    for rule in rules:
        assert rule.claims and rule.sources, rule.id
        assert len(rule.how) >= 2, rule.id
        for language in LANGUAGES:
            text = rule.texts[language]
            assert text.title and text.statement and text.why, (rule.id, language)
            assert (text.example is None) == (rule.texts[LANGUAGES[0]].example is None), (rule.id, language)
        for part in (*rule.claims, *rule.how, *rule.views):
            assert set(part.texts) == set(LANGUAGES), rule.id


def test_every_source_document_is_cited(guide: Guide) -> None:
    seeds = PROJECT_ROOT.parent / "shared" / "seeds"
    for source in guide.of("source"):
        assert any(source.id in rule.sources for rule in guide.of("rule")), source.id
        if seeds.is_dir():
            assert (seeds / source.file).is_file(), source.file


def test_sources_disagreements_are_shown_as_views(guide: Guide) -> None:
    contested = [{view.source for view in rule.views} for rule in guide.of("rule") if rule.views]
    # How many contacts is enough (que-faire, luthy, debloqueuse); separate accounts (dos-donts) or
    # separate platforms (luthy); how long an invitation note should be (faire-ne-pas-faire, que-faire).
    for sources in ({"que-faire", "luthy", "debloqueuse"}, {"dos-donts", "luthy"}, {"faire-ne-pas-faire", "que-faire"}):
        assert sources in contested, contested


def test_french_typography_is_applied(guide: Guide) -> None:
    for rule in guide.of("rule"):
        text = rule.texts["fr"]
        steps = [step.texts["fr"] for step in rule.how] + [claim.texts["fr"] for claim in rule.claims]
        for field in (text.title, text.statement, *text.why, *steps, text.example or ""):
            for mark in ":;!?»":
                assert f" {mark}" not in field, (rule.id, field)
            assert "« " not in field, (rule.id, field)


def test_every_kind_has_a_unique_name_and_section() -> None:
    assert len({kind.name for kind in KINDS}) == len({kind.section for kind in KINDS}) == len(KINDS)


def test_pages_never_share_an_address(guide: Guide) -> None:
    pages = all_pages(guide)
    paths = [page.path for page in pages]
    assert len(set(paths)) == len(paths)
    shorts = [page.short_path for page in pages if page.short_path]
    assert not set(shorts) & set(paths)
    assert len(set(shorts)) == len(shorts)


def test_titles_and_descriptions_exist_for_every_page_and_language(guide: Guide) -> None:
    for page in all_pages(guide):
        assert set(page.titles) == set(page.descriptions) == set(LANGUAGES), page.path
        assert all(page.titles.values()) and all(page.descriptions.values()), page.path


def test_the_neutral_package_imports_without_mkdocs(tmp_path: Path) -> None:
    """netguide (all but netguide.adapter) must move to another generator unchanged."""
    import subprocess

    script = (
        "import sys, importlib.abc\n"
        "class NoMkDocs(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name.split('.')[0] in ('mkdocs', 'material', 'mkdocs_static_i18n'):\n"
        "            raise ImportError(f'{name} is not available')\n"
        "sys.meta_path.insert(0, NoMkDocs())\n"
        "import netguide, netguide.load, netguide.site, netguide.kinds, netguide.cli\n"
        "from pathlib import Path\n"
        f"guide = netguide.load.load_guide(Path({str(PROJECT_ROOT)!r}), {LANGUAGES!r})\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'mkdocs_static_i18n')]\n"
        "print(len(guide.of('rule')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 0


# A few bad inputs through the whole chain (the full list is in test_bad_input.py) ----------------

def test_all_problems_are_reported_at_once(knowledge_copy: Path) -> None:
    edit(rule_file(knowledge_copy, "R12"), "theme: contact", "theme: nowhere")
    edit(rule_file(knowledge_copy, "R13"), "theme: contact", "theme: elsewhere")
    message = message_of(knowledge_copy)
    assert message.startswith("The guide's data has 2 problems:")


def test_published_id_that_disappeared(knowledge_copy: Path) -> None:
    gone = unreferenced_rule(knowledge_copy)
    remove_rule(knowledge_copy, gone)
    [problem] = problems_of(knowledge_copy)
    assert (problem.file, problem.where) == ("knowledge/registry.yml", f"rules.published.{gone}")
    assert problem.line and f"the published rule {gone} has disappeared" in problem.problem
    assert f"move it to rules.retired as '{gone}: <ID that replaces it>'" in problem.fix


def test_retired_id_redirects_to_its_replacement(knowledge_copy: Path) -> None:
    gone = unreferenced_rule(knowledge_copy)
    remove_rule(knowledge_copy, gone)
    registry = knowledge_copy / "knowledge" / "registry.yml"
    edit(registry, f"    - {gone}\n", "")
    edit(registry, "rules:\n  published:\n", "rules:\n  published:\n")  # the rules come first in the registry
    edit(registry, "  retired:\n", f"  retired:\n    {gone}: R12\n")
    guide = load_guide(knowledge_copy, LANGUAGES)
    pairs = {(redirect.from_path, redirect.to_path) for redirect in redirects(guide, all_pages(guide), KINDS)}
    assert (f"r/{gone}/", "rules/R12/") in pairs
    assert (f"rules/{gone}/", "rules/R12/") in pairs


def test_new_rule_must_be_registered(knowledge_copy: Path, guide: Guide) -> None:
    new_id = next_free_rule_id(guide)
    text = rule_file(knowledge_copy, "R12").read_text(encoding="utf-8").replace("id: R12", f"id: {new_id}")
    rule_file(knowledge_copy, new_id).write_text(text, encoding="utf-8")
    [problem] = problems_of(knowledge_copy)
    assert problem.problem == f"the rule {new_id} is not registered"
    assert problem.fix == f"add '- {new_id}' under rules.published once it is ready to publish"
