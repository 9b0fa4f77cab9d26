"""Hostile or broken data against the real build: nothing outside the site, no script, no bad address.

(That a failed build leaves the previous site as it was is checked in test_site.py.)

Each test builds a copy of the project with `mkdocs build --strict`, as a deployment would.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import build_site, edit

SITE_URL = "https://guide.example.org/"
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def project(project_copy: Path) -> Path:
    return project_copy


def test_a_retired_id_cannot_write_outside_the_site(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "deep" / "er" / "site"
    registry = project / "knowledge" / "registry.yml"
    text = registry.read_text(encoding="utf-8")
    first_retired = "  retired:\n    R11: R12\n"
    assert first_retired in text
    hostile = first_retired.replace("  retired:\n", '  retired:\n    "../../../X": R12\n', 1)
    registry.write_text(text.replace(first_retired, hostile, 1), encoding="utf-8")
    result = build_site(site, SITE_URL, project_root=project)
    assert result.returncode != 0
    assert "'../../../X' is not a valid rule ID" in result.stdout + result.stderr
    assert not (tmp_path / "X").exists() and not (tmp_path / "deep" / "X").exists()
    assert not site.exists() or not any(site.iterdir())


def test_interface_strings_and_data_reach_html_escaped(project: Path, tmp_path: Path) -> None:
    """A script in a navigation heading, a page title or a rule's text is shown as text, never run."""
    ui = project / "knowledge" / "ui" / "pages.yml"
    edit(ui, "themes: {fr: Thèmes, en: Themes}", f'themes: {{fr: "Thèmes {SCRIPT}", en: "Themes {SCRIPT}"}}')
    edit(ui, "nav_flows: {fr: Décider, en: Decide}", f'nav_flows: {{fr: "{SCRIPT}", en: "{SCRIPT}"}}')
    rule = sorted((project / "knowledge" / "rules").glob("*.yml"))[0]
    text = rule.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("  title:"))
    edit(rule, title_line, f'  title: "{SCRIPT} & co"')
    site = tmp_path / "site"
    result = build_site(site, SITE_URL, project_root=project)
    assert result.returncode == 0, result.stderr
    pages = list(site.rglob("*.html"))
    shown = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        if 'http-equiv="refresh"' not in html:  # a redirect (short link) has no navigation
            shown += 1
            assert "&lt;script&gt;alert" in html, page  # the heading is on every page of the site
    assert shown > 100


# (MkDocs itself refuses an address without a scheme, with its own clear message.)
@pytest.mark.parametrize("site_url", ["", "https://guide.example.org/?lang=fr", "https://guide.example.org/#top"])
def test_a_site_address_that_cannot_be_published_is_refused(project: Path, tmp_path: Path, site_url: str) -> None:
    result = build_site(tmp_path / "site", site_url, project_root=project)
    assert result.returncode != 0
    assert "the site's address (SITE_URL)" in result.stdout + result.stderr
    assert "Fix: set SITE_URL to the address the site is published at" in result.stdout + result.stderr


def test_a_build_for_deployment_without_site_url_says_so(project: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "s")],
                            cwd=project, env={**env, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("SITE_URL is not set") == 1
