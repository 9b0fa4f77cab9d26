"""Write a temporary copy of the project whose knowledge base holds N rules.

The real rules are kept as they are (flows and checklists refer to them); the extra rules
R<k> are copies of the real ones in turn, with a new ID, so that every page, the search
index and the export grow with realistic text. They are published in the copy's registry
like any new rule. The project's own knowledge/ is only read.

Usage: .venv/bin/python benchmarks/synth.py N DESTINATION
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PROJECT_ROOT, copy_project

RULE_ID_DIGITS = 4  # RULE_ID in hooks/netguide/kinds/rules.py allows R + 2 to 4 digits.


def real_rules(knowledge: Path) -> list[dict[str, Any]]:
    rules = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((knowledge / "rules").glob("*.yml"))]
    return sorted(rules, key=lambda rule: (len(rule["id"]), rule["id"]))


def synthetic_ids(existing: set[str], count: int) -> list[str]:
    ids: list[str] = []
    number = 1
    while len(ids) < count:
        candidate = f"R{number:02d}"
        if candidate not in existing:
            ids.append(candidate)
        number += 1
        if number >= 10**RULE_ID_DIGITS:
            raise ValueError(f"no room for {count} more rule IDs")
    return ids


def add_rules(project: Path, total: int) -> list[str]:
    """Bring the copy's knowledge base to ``total`` rules; return the IDs added."""
    knowledge = project / "knowledge"
    templates = real_rules(knowledge)
    if total < len(templates):
        raise ValueError(f"the real guide already has {len(templates)} rules; ask for at least that many")
    registry_path = knowledge / "registry.yml"
    registry = yaml.safe_load(registry_path.read_text(encoding="utf-8"))
    # A retired code is never given again: its old links redirect to its replacement.
    used = {rule["id"] for rule in templates} | set(registry["rules"].get("retired") or {})
    new_ids = synthetic_ids(used, total - len(templates))
    for index, rule_id in enumerate(new_ids):
        rule = dict(templates[index % len(templates)])
        rule["id"] = rule_id
        text = yaml.safe_dump(rule, allow_unicode=True, sort_keys=False, width=120)
        (knowledge / "rules" / f"{rule_id}.yml").write_text(text, encoding="utf-8")
    registry["rules"]["published"] = [*registry["rules"]["published"], *new_ids]
    registry_path.write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return new_ids


def make_synthetic_project(total_rules: int, destination: Path, source: Path = PROJECT_ROOT) -> Path:
    copy_project(destination, source)
    add_rules(destination, total_rules)
    return destination


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rules", type=int, help="how many rules the copy's knowledge base holds")
    parser.add_argument("destination", type=Path, help="a directory that does not exist yet")
    parser.add_argument("--source", type=Path, default=PROJECT_ROOT, help="the project to copy (default: this one)")
    args = parser.parse_args()
    make_synthetic_project(args.rules, args.destination, args.source)
    print(f"{args.destination}: a copy of the project with {args.rules} rules")


if __name__ == "__main__":
    main()
