"""Plain-Python helpers: French typography, relative URLs, escaping of data in templates."""

from __future__ import annotations

from conftest import LANGUAGES, PROJECT_ROOT
from netguide.guide import Guide
from netguide.kinds import KINDS
from netguide.kinds.rules import RULES
from netguide.render import Renderer
from netguide.site import all_pages
from netguide.typography import NARROW_NBSP, NBSP, french
from netguide.urls import relative

TEMPLATE_DIR = PROJECT_ROOT / "overrides" / "guide"


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


def test_data_text_is_escaped_in_pages(guide: Guide) -> None:
    rule, *others = RULES.all(guide)
    language = LANGUAGES[0]
    hostile = rule.texts[language].model_copy(update={"title": '<script>alert("x")</script> & co'})
    tampered = rule.model_copy(update={language: hostile})
    # A new Guide, not dataclasses.replace: the session's guide and its lookups stay as they were.
    tampered_guide = Guide(guide.languages, guide.edition, guide.ui, guide.registry,
                           {**guide.items, RULES.name: (tampered, *others)})
    assert RULES.get(tampered_guide, rule.id).texts[language].title.startswith("<script>")
    page = next(page for page in all_pages(tampered_guide) if page.path == RULES.item_path(rule.id))
    html = Renderer(tampered_guide, TEMPLATE_DIR, "https://guide.test/", KINDS).render(page, language)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in html
    assert RULES.get(guide, rule.id) is rule


def test_own_words() -> None:
    """No line of the project repeats 8 consecutive words of a source document."""
    import subprocess
    import sys

    tool = PROJECT_ROOT.parent / "shared" / "tools" / "check_own_words.py"
    assert tool.is_file(), f"the own-words check is expected at {tool} (the shared/ folder beside the project)"
    result = subprocess.run([sys.executable, str(tool), str(PROJECT_ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_templates_exist_for_every_page(guide: Guide) -> None:
    pages = all_pages(guide)
    # Every kind that gives its items pages of their own is among the pages rendered.
    kinds_with_pages = {kind.page_dir for kind in KINDS if kind.page_dir}
    assert kinds_with_pages <= {page.path.split("/", 1)[0] for page in pages}
    for template in {page.template for page in pages} | {"redirect.html"}:
        assert (TEMPLATE_DIR / template).is_file(), template


def test_page_titles_and_descriptions_are_escaped_once() -> None:
    from netguide.render import escaped_text

    text = escaped_text('Say "no" to <spam> & co, don\'t')
    assert str(text) == "Say &quot;no&quot; to &lt;spam&gt; &amp; co, don't"
    assert str(escaped_text(text)) == str(text)  # Markup is never escaped twice
