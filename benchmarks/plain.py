"""Turn a copy of the project into a plain Material + i18n site of the same pages, without our hooks.

Each generated page (rule, theme, index, sources, flow, checklist, result...) becomes a Markdown
file per language holding the HTML our templates render for it, with its title, description and
page assets as front matter; the hand-written pages stay as they are. The copy's one hook
(plain_pages.py) puts that HTML in as the page's content without parsing it as Markdown, as our
build never parses a generated page. Search is Material's search plugin, the plain way to have
one. mkdocs.yml loses our hooks, and gets either the navigation our hooks would have laid
(``--nav guide``: the baseline of the build-time ratio) or none at all, so that MkDocs
lists every page (``--nav all``: the design whose time grows faster than the guide).

Runs on a copy only: the copy's own hooks/netguide renders the pages.
Usage: .venv/bin/python benchmarks/plain.py PROJECT_COPY [--nav guide|all]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from plain_pages import STORED_HTML_KEY

HOOK = Path(__file__).resolve().parent / "plain_pages.py"
SITE_URL = "http://127.0.0.1:8000/"


def drop_top_level_keys(text: str, keys: tuple[str, ...]) -> str:
    """Remove top-level blocks (the key's line and its indented lines) from YAML text, comments kept elsewhere."""
    kept: list[str] = []
    skipping = False
    for line in text.splitlines():
        top_level = re.match(r"^([A-Za-z_]+):", line)
        if top_level:
            skipping = top_level.group(1) in keys
        elif line and not line[0].isspace():  # a comment at column 0 belongs to what follows
            skipping = False
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n"


def front_matter(title: str, description: str, assets: tuple[str, ...]) -> str:
    meta: dict[str, Any] = {"title": title, "description": description, STORED_HTML_KEY: True}
    if assets:
        meta["guide_assets"] = list(assets)
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def use_material_search_box(overrides: Path) -> None:
    """Material's own header search instead of ours (which our hooks fill in)."""
    (overrides / "partials" / "search.html").unlink()
    main = overrides / "main.html"
    text, count = re.subn(r"\{% block header %\}.*?\{% endblock %\}", "", main.read_text(encoding="utf-8"),
                          count=1, flags=re.S)
    if count != 1:
        raise SystemExit(f"{main}: no header block to remove; update benchmarks/plain.py")
    main.write_text(text, encoding="utf-8")


def make_plain(project: Path, nav: str = "guide") -> int:
    """Rewrite the copy at ``project`` in place; return the number of Markdown pages written."""
    sys.path.insert(0, str(project / "hooks"))
    from netguide.adapter.config import project_languages
    from netguide.adapter.nav import navigation
    from netguide.adapter.stubs import doc_file
    from netguide.site import prepare_site

    languages = project_languages(project)
    site = prepare_site(project, project / "overrides" / "guide", SITE_URL, languages)
    written = 0
    for page in site.pages:
        for language in languages:
            text = front_matter(page.titles[language], page.descriptions[language], page.assets)
            path = project / "docs" / doc_file(page.path, language, languages[0])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text + site.html(page, language) + "\n", encoding="utf-8")
            written += 1
    config_path = project / "mkdocs.yml"
    dropped = ("hooks", "watch", "nav", "not_in_nav")
    text = drop_top_level_keys(config_path.read_text(encoding="utf-8"), dropped)
    # The plain way to search: Material's search plugin, its index made per language by mkdocs-static-i18n.
    text = text.replace("\nplugins:\n", "\nplugins:\n  - search\n", 1)
    text = re.sub(r"reconfigure_search: false", "reconfigure_search: true", text)
    shutil.copy(HOOK, project / HOOK.name)
    use_material_search_box(project / "overrides")
    text += yaml.safe_dump({"hooks": [HOOK.name]})
    if nav == "guide":
        # The navigation and the pages kept out of it, as the hooks lay them (netguide.adapter.events.configure).
        hidden = "".join(f"/{doc_file(page.path, language, languages[0])}\n"
                         for page in site.pages if not page.in_menu for language in languages)
        # The headings are Markup (escaped already): plain strings for YAML, the same text.
        nav = json.loads(json.dumps(navigation(site.menu(), languages[0])))
        text += yaml.safe_dump({"nav": nav, "not_in_nav": hidden},
                               allow_unicode=True, sort_keys=False)
    config_path.write_text(text, encoding="utf-8")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path, help="a copy of the project (see benchmarks/synth.py)")
    parser.add_argument("--nav", choices=("guide", "all"), default="guide")
    args = parser.parse_args()
    count = make_plain(args.project, args.nav)
    print(f"{args.project}: {count} pages written as plain Markdown, hooks removed, nav={args.nav}")


if __name__ == "__main__":
    main()
