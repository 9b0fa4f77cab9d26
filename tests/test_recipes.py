"""The README's recipes, followed as a new maintainer would, in a copy of the project, up to a real build.

"A rule": scripts/guide new-rule, fill in the file it makes, scripts/guide check, build.
"A decision flow": a new file in knowledge/flows/, registered, build.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import LANGUAGES, PROJECT_ROOT, ROOTS, build_site
from netguide.load import load_guide
from netguide.yamlfile import read_yaml

SITE_URL = "https://guide.example.org/"


def guide_command(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netguide.cli", "--root", str(project), *args],
                          capture_output=True, text=True, check=False)


def fill_in(text: str) -> str:
    """What an author writes into the skeleton: a source for the claim, and every empty text."""
    text = text.replace('source: ""', "source: luthy", 1)
    counter = iter(range(1, 100))
    return re.sub(r'""', lambda _: f'"Texte de la nouvelle règle, partie {next(counter)}."', text)


def test_the_readme_names_the_recipes_this_test_follows() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "scripts/guide new-rule --theme" in readme
    assert "Add `knowledge/flows/<id>.yml`" in readme and "under `flows.published`" in readme
    assert "under `outcomes.published`" in readme


def test_adding_a_rule_as_the_readme_says(project_copy: Path, tmp_path: Path) -> None:
    before = {rule.id for rule in load_guide(project_copy, LANGUAGES).of("rule")}
    result = guide_command(project_copy, "new-rule", "--theme", "contact")
    assert result.returncode == 0, result.stderr
    rule_id = re.search(r"rules/(R\d+)\.yml", result.stdout).group(1)
    assert rule_id not in before
    rule_file = project_copy / "knowledge" / "rules" / f"{rule_id}.yml"
    # Left as created, the file is refused, naming what is still to write.
    unfinished = guide_command(project_copy, "check")
    assert unfinished.returncode == 1
    assert f"knowledge/rules/{rule_id}.yml:" in unfinished.stderr and "Fix:" in unfinished.stderr
    rule_file.write_text(fill_in(rule_file.read_text(encoding="utf-8")), encoding="utf-8")
    checked = guide_command(project_copy, "check")
    assert checked.returncode == 0, checked.stderr
    site = tmp_path / "site"
    built = build_site(site, SITE_URL, project_root=project_copy)
    assert built.returncode == 0, built.stderr
    for language in LANGUAGES:
        page = (site / ROOTS[language] / "rules" / rule_id / "index.html").read_text(encoding="utf-8")
        assert "Texte de la nouvelle règle" in page
        assert (site / ROOTS[language] / "r" / rule_id / "index.html").is_file()
    export = json.loads((site / "api" / "guide.json").read_text(encoding="utf-8"))
    assert rule_id in {rule["id"] for rule in export["rules"]}


def test_adding_a_flow_as_the_readme_says(project_copy: Path, tmp_path: Path) -> None:
    flows = project_copy / "knowledge" / "flows"
    source = sorted(flows.glob("*.yml"))[0]
    new_id = f"{source.stem}-bis"
    (flows / f"{new_id}.yml").write_text(
        source.read_text(encoding="utf-8").replace(f"\nid: {source.stem}\n", f"\nid: {new_id}\n", 1), encoding="utf-8")
    # "Register the flow's ID under flows.published and each outcome's ID, <flow>/<outcome>, under
    # outcomes.published."
    outcomes = [node["id"] for node in read_yaml(flows / f"{new_id}.yml").data["nodes"] if node["kind"] == "outcome"]
    registry = project_copy / "knowledge" / "registry.yml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("flows:\n  published:\n", f"flows:\n  published:\n    - {new_id}\n", 1)
    published = "".join(f"    - {new_id}/{outcome}\n" for outcome in outcomes)
    head, tail = text.split("\noutcomes:\n", 1)
    tail = tail.replace("  published:\n", f"  published:\n{published}", 1)
    registry.write_text(f"{head}\noutcomes:\n{tail}", encoding="utf-8")
    checked = guide_command(project_copy, "check")
    assert checked.returncode == 0, checked.stderr
    site = tmp_path / "site"
    built = build_site(site, SITE_URL, project_root=project_copy)
    assert built.returncode == 0, built.stderr
    for language in LANGUAGES:
        assert (site / ROOTS[language] / "flows" / new_id / "index.html").is_file()
        assert (site / ROOTS[language] / "d" / new_id / "index.html").is_file()
        for outcome in outcomes:
            assert (site / ROOTS[language] / "flows" / new_id / outcome / "index.html").is_file()
            assert (site / ROOTS[language] / "d" / new_id / outcome / "index.html").is_file()
