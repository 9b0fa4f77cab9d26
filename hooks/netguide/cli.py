"""The authors' command (scripts/guide): check the knowledge base, add a rule, review flows, refresh schemas.

    scripts/guide check       load and check everything as the build does, without building
    scripts/guide new-rule    create the next free rule file, in both languages, and register it
    scripts/guide golden      regenerate the flows' path manifest and show what changed
    scripts/guide schemas     regenerate knowledge/schemas/ and the $schema line of every data file
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from .adapter.config import default_site_url, project_languages
from .errors import KnowledgeError
from .kind import KNOWLEDGE_DIR
from .kinds import KINDS
from .kinds.rules import RULES
from .load import load_guide
from .registry import REGISTRY_FILE
from .schemas import write_schemas
from .site import prepare_site

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIR = Path("overrides") / "guide"
GOLDEN_SCRIPT = Path("tests") / "test_flows_golden.py"
GOLDEN_FILE = Path("tests") / "golden" / "flow_paths.txt"


def check(root: Path) -> int:
    """What a build checks before writing anything: the data, then every page rendered in every language."""
    started = time.perf_counter()
    languages = project_languages(root)
    try:
        # What the build prepares, with its caches, for the address of a local build (the QR codes
        # drawn are those the build then finds).
        site = prepare_site(root, root / TEMPLATE_DIR, default_site_url(root), languages)
    except KnowledgeError as error:
        print(error, file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(site.guide.of(kind.name))} {kind.section}" for kind in KINDS)
    print(f"The guide's data is sound: {counts}; {len(site.pages)} pages in {len(languages)} languages "
          f"({time.perf_counter() - started:.2f} s).")
    return 0


def new_rule(root: Path, theme: str) -> int:
    languages = project_languages(root)
    try:
        guide = load_guide(root, languages)
    except KnowledgeError as error:
        print(f"Fix the data first:\n{error}", file=sys.stderr)
        return 1
    if guide.find("theme", theme) is None:
        themes = ", ".join(item.id for item in guide.of("theme"))
        print(f"Unknown theme '{theme}': use one of {themes}.", file=sys.stderr)
        return 2
    rule_id = RULES.next_free_id(guide)
    path = root / KNOWLEDGE_DIR / RULES.section / f"{rule_id}.yml"
    path.write_text(RULES.skeleton(rule_id, theme, languages), encoding="utf-8")
    register(root / KNOWLEDGE_DIR / REGISTRY_FILE, RULES.section, rule_id)
    print(f"Created {path.relative_to(root)} and registered {rule_id} under {RULES.section}.published.\n"
          f"Write its texts in every language, then run scripts/guide check: it names each part still missing.")
    return 0


def register(registry: Path, section: str, item_id: str) -> None:
    """Add ``item_id`` at the end of ``section``'s published list, keeping the file's comments and layout."""
    lines = registry.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(index for index, line in enumerate(lines) if line.rstrip() == f"{section}:")
    published = next(index for index in range(start + 1, len(lines)) if lines[index].strip().startswith("published:"))
    inline = lines[published].split("published:", 1)[1].strip()
    if inline.startswith("["):
        items = [item.strip() for item in inline.strip("[]").split(",") if item.strip()]
        indent = lines[published][: len(lines[published]) - len(lines[published].lstrip())]
        lines[published] = f"{indent}published: [{', '.join([*items, item_id])}]\n"
    else:
        last = published
        while last + 1 < len(lines) and lines[last + 1].lstrip().startswith("- "):
            last += 1
        indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())] if last > published else "    "
        lines.insert(last + 1, f"{indent}- {item_id}\n")
    registry.write_text("".join(lines), encoding="utf-8")


def golden(root: Path) -> int:
    """Build the site, write the manifest of every path through every flow, show the difference."""
    result = subprocess.run([sys.executable, str(root / GOLDEN_SCRIPT)], cwd=root, check=False)
    if result.returncode != 0:
        return result.returncode
    diff = subprocess.run(["git", "diff", "--", str(GOLDEN_FILE)], cwd=root, check=False, capture_output=True,
                          text=True)
    print(diff.stdout or "The paths through the flows are unchanged.")
    return 0


def schemas(root: Path) -> int:
    changed = write_schemas(root, project_languages(root))
    for path in changed:
        print(f"updated {path.relative_to(root)}")
    print(f"{len(changed)} file(s) updated." if changed else "The schemas and $schema lines are up to date.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/guide", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="the project folder (default: this one)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="load and check everything, as the build does, without building")
    add = commands.add_parser("new-rule", help="create the next free rule file and register it")
    add.add_argument("--theme", required=True, help="the ID of the rule's theme (see knowledge/themes.yml)")
    commands.add_parser("golden", help="regenerate tests/golden/flow_paths.txt and show its diff")
    commands.add_parser("schemas", help="regenerate knowledge/schemas/ and each data file's $schema line")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root)
    if args.command == "new-rule":
        return new_rule(root, args.theme)
    if args.command == "golden":
        return golden(root)
    return schemas(root)


if __name__ == "__main__":
    sys.exit(main())
