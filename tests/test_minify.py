"""The site's own CSS and JS are minified in the built site, and only there (netguide/minify.py);
files are replaced whole, keeping their permissions (netguide/files.py)."""

from __future__ import annotations

from pathlib import Path

from conftest import PROJECT_ROOT, BuiltSite
from netguide.files import NEW_FILE_MODE, replace_whole
from netguide.minify import OWN_ASSET_DIRS, minify_own_assets

SCRIPT = """// Why this script exists: a comment a reader of the source needs, not a browser.
const prefix = "guide-";
/* a block comment */
export function label(kind) {
  return `${prefix}${kind} -- // not a comment`;
}
"""
STYLESHEET = """/* The handout tray: why it is sticky. */
.guide-handout-tray--sticky {
  position: sticky;   /* stays in view */
  bottom: 0;
}
"""


def test_comments_and_spacing_go_and_code_and_strings_stay(tmp_path: Path) -> None:
    (tmp_path / "js").mkdir()
    (tmp_path / "css").mkdir()
    (tmp_path / "js" / "a.js").write_text(SCRIPT, encoding="utf-8")
    (tmp_path / "css" / "a.css").write_text(STYLESHEET, encoding="utf-8")
    (tmp_path / "js" / "notes.txt").write_text("/* kept */", encoding="utf-8")
    saved = minify_own_assets(tmp_path)
    script = (tmp_path / "js" / "a.js").read_text(encoding="utf-8")
    stylesheet = (tmp_path / "css" / "a.css").read_text(encoding="utf-8")
    assert "Why this script" not in script and "block comment" not in script
    assert 'const prefix="guide-"' in script
    assert "`${prefix}${kind} -- // not a comment`" in script  # a template literal is a string
    assert stylesheet.strip() == ".guide-handout-tray--sticky{position:sticky;bottom:0}"
    assert (tmp_path / "js" / "notes.txt").read_text(encoding="utf-8") == "/* kept */"
    assert saved == len(SCRIPT) + len(STYLESHEET) - len(script) - len(stylesheet)


def test_the_built_site_ships_minified_copies_of_every_own_asset(built_site: BuiltSite) -> None:
    for folder in OWN_ASSET_DIRS:
        sources = sorted((PROJECT_ROOT / "docs" / folder).glob("*.*"))
        assert sources, folder
        for source in sources:
            shipped = built_site.root / folder / source.name
            text = shipped.read_text(encoding="utf-8")
            assert len(text) < len(source.read_text(encoding="utf-8")), source.name
            assert "\n  " not in text, source.name  # no indentation left
            assert "/*" not in text or source.suffix == ".js", source.name


def test_a_file_replaced_whole_keeps_its_permissions(tmp_path: Path) -> None:
    readable = tmp_path / "index.html"
    readable.write_text("old", encoding="utf-8")
    readable.chmod(0o644)
    replace_whole(readable, "new")
    assert readable.read_text(encoding="utf-8") == "new"
    assert readable.stat().st_mode & 0o777 == 0o644  # a web server's workers still read it
    fresh = tmp_path / "entry"
    replace_whole(fresh, "text")
    assert fresh.stat().st_mode & 0o777 == NEW_FILE_MODE
    assert sorted(path.name for path in tmp_path.iterdir()) == ["entry", "index.html"]  # no temporary left
