"""Plain-Python helpers: French typography, relative URLs, escaping of data in templates."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from conftest import LANGUAGES, PROJECT_ROOT
from netguide.load import load_guide
from netguide.pages import GeneratedPage
from netguide.render import Renderer
from netguide.typography import NARROW_NBSP, NBSP, french
from netguide.urls import relative


def test_french_spaces() -> None:
    assert french("Attendez : oui ; non ! Vraiment ? « Bonjour »") == (
        f"Attendez{NBSP}: oui{NARROW_NBSP}; non{NARROW_NBSP}! Vraiment{NARROW_NBSP}? «{NBSP}Bonjour{NBSP}»"
    )


def test_french_leaves_times_and_units_readable() -> None:
    assert french("à 10:30, attendez 24 h") == f"à 10:30, attendez 24{NBSP}h"


def test_relative_links() -> None:
    assert relative("rules/R07/", "themes/profil/") == "../../themes/profil/"
    assert relative("rules/R07/", "rules/R12/") == "../R12/"
    assert relative("rules/", "rules/R07/") == "R07/"
    assert relative("", "rules/R07/") == "rules/R07/"
    assert relative("rules/R07/", "") == "../../"


def test_data_text_is_escaped_in_pages() -> None:
    guide = load_guide(PROJECT_ROOT, LANGUAGES)
    rule = guide.rules[0]
    hostile = dataclasses.replace(rule.texts["fr"], title='<script>alert("x")</script> & co')
    tampered = dataclasses.replace(rule, texts={**rule.texts, "fr": hostile})
    guide = dataclasses.replace(guide, rules=(tampered, *guide.rules[1:]))
    renderer = Renderer(guide, PROJECT_ROOT / "overrides" / "guide", "https://guide.test/")
    html = renderer.render(GeneratedPage("rule", rule.id, f"rules/{rule.id}/"), "fr").html
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in html


def test_own_words() -> None:
    """No line of the project repeats 8 consecutive words of a source document."""
    import subprocess
    import sys

    tool = PROJECT_ROOT.parent / "shared" / "tools" / "check_own_words.py"
    assert tool.is_file(), f"the own-words check is expected at {tool} (the shared/ folder beside the project)"
    result = subprocess.run([sys.executable, str(tool), str(PROJECT_ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_templates_exist_for_every_page_kind() -> None:
    from netguide.render import TEMPLATES

    for template in TEMPLATES.values():
        assert (Path(PROJECT_ROOT) / "overrides" / "guide" / template).is_file(), template


def test_page_titles_and_descriptions_are_escaped_once() -> None:
    from netguide.render import escaped_text

    text = escaped_text('Say "no" to <spam> & co, don\'t')
    assert str(text) == "Say &quot;no&quot; to &lt;spam&gt; &amp; co, don't"
    assert str(escaped_text(text)) == str(text)  # Markup is never escaped twice
