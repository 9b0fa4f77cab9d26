"""What the measured-quality work changed in the site, and the benchmark tools themselves.

Nothing here measures time: the figures are in benchmarks/README.md. These tests check the
facts the figures rely on: no request of a page fails and a page view downloads nothing of
the search (tests/test_search_*.py test the search itself), Material's script is deferred,
the language selector goes straight to the translation, the synthetic guides are valid
guides, the gzip server and the nginx example answer as a production host does.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import segno
from jinja2 import DictLoader, Environment

from conftest import LANGUAGES, PROJECT_ROOT, ROOTS, BuiltSite, free_port, nginx_serving
from netguide import qr
from netguide.build_cache import TemplateBytecodeCache, TextCache
from netguide.guide import Guide
from netguide.kinds.rules import RULES
from netguide.load import load_guide

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
import plain
import serve
import synth
import weight
from lighthouse import failed_audits


@pytest.fixture(scope="module")
def sample_rule(guide: Guide) -> str:
    """The first rule of the guide."""
    return RULES.all(guide)[0].id


# --- the site -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_material_base_is_the_language_root(built_site: BuiltSite, sample_rule: str,
                                                           language: str) -> None:
    page = built_site.html(f"{ROOTS[language]}rules/{sample_rule}/")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S)
                        .group(1))
    assert config["base"] == ("../.." if language == "fr" else "../../../en/")
    assert re.search(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js" defer>', page)
    assert "stylesheets/palette." not in page  # Material's default indigo, without the extra stylesheet


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["home", "rule"])
def test_no_request_of_a_page_fails(page, served_site: BuiltSite, sample_rule: str, language: str, kind: str) -> None:
    path = ROOTS[language] + ("" if kind == "home" else f"rules/{sample_rule}/")
    asked: list[str] = []
    page.context.on("request", lambda request: asked.append(request.url))  # workers' requests too
    page.goto("/" + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    # the page fixture fails the test on any 4xx/5xx or third-party request; the search is
    # downloaded only when the reader opens it
    searched = [url for url in asked if weight.classify(url.removeprefix(served_site.base_url))[1] == "search"]
    assert asked and not searched


@pytest.mark.browser
@pytest.mark.parametrize(("start", "language"), [("", "en"), ("en/", "fr")])
def test_language_selector_names_each_language_in_it(page, served_site: BuiltSite, sample_rule: str, start: str,
                                                      language: str) -> None:
    page.goto(f"/{start}rules/{sample_rule}/", wait_until="networkidle")
    answers: list[int] = []
    page.on("response", lambda response: answers.append(response.status) if response.request.is_navigation_request()
            else None)
    page.locator(".md-header__option .md-select").hover()
    link = page.locator(f'a.md-select__link[hreflang="{language}"]')
    assert link.get_attribute("lang") == language
    link.click()
    page.wait_for_url(served_site.url(f"{ROOTS[language]}rules/{sample_rule}/"))
    assert answers == [200]  # no redirect on the way


# --- the modules behind it --------------------------------------------------------------------


@pytest.mark.parametrize("on_disk", [False, True])
def test_compiled_templates_are_shared_between_environments(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                            on_disk: bool) -> None:
    cache = TemplateBytecodeCache(tmp_path / "templates" if on_disk else None)
    templates = {"page.html": "<p>{{ text }}</p>"}
    first = Environment(loader=DictLoader(templates), bytecode_cache=cache)
    assert first.get_template("page.html").render(text="un") == "<p>un</p>"
    second = Environment(loader=DictLoader(templates), bytecode_cache=cache)
    monkeypatch.setattr(second, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    assert second.get_template("page.html").render(text="deux") == "<p>deux</p>"
    changed = Environment(loader=DictLoader({"page.html": "<b>{{ text }}</b>"}), bytecode_cache=cache)
    assert changed.get_template("page.html").render(text="trois") == "<b>trois</b>"
    if on_disk:  # the next build (a new process: a new cache object) finds them on disk
        later = Environment(loader=DictLoader({"page.html": "<b>{{ text }}</b>"}),
                            bytecode_cache=TemplateBytecodeCache(tmp_path / "templates"))
        monkeypatch.setattr(later, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
        assert later.get_template("page.html").render(text="quatre") == "<b>quatre</b>"


# --- the benchmark tools ----------------------------------------------------------------------


def test_synthetic_guide_is_a_valid_guide_of_the_size_asked(tmp_path: Path, guide: Guide) -> None:
    real = RULES.all(guide)
    total = len(real) + 7
    project = synth.make_synthetic_project(total, tmp_path / "copy")
    synthetic = RULES.all(load_guide(project, LANGUAGES))
    assert len(synthetic) == total
    added = [rule for rule in synthetic if rule.id not in {r.id for r in real}]
    assert len(added) == 7 and all(rule.texts["en"].title for rule in added)
    assert not (project / "docs" / "rules").exists() or not any((project / "docs" / "rules").iterdir())
    # the project's own knowledge base is untouched
    assert len(list((PROJECT_ROOT / "knowledge" / "rules").glob("*.yml"))) == len(real)


def test_plain_config_loses_only_the_blocks_asked() -> None:
    text = ("site_name: x\nhooks:\n  - a.py\n  - b.py\n# kept\nnot_in_nav: |\n  /rules/R*.md\n"
            "watch:\n  - k\nstrict: true\n")
    assert plain.drop_top_level_keys(text, ("hooks", "watch")) == (
        "site_name: x\n# kept\nnot_in_nav: |\n  /rules/R*.md\nstrict: true\n")


def test_gzip_server_answers_like_the_production_host(tmp_path: Path) -> None:
    (tmp_path / "rules" / "R01").mkdir(parents=True)
    (tmp_path / "rules" / "R01" / "index.html").write_text("<p>règle</p>" * 200, encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "main.0123abcd.min.css").write_text("body{color:red}" * 100, encoding="utf-8")
    (tmp_path / "404.html").write_text("introuvable", encoding="utf-8")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def get(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
        headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
        try:
            with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    with serve.StaticServer(tmp_path, free_port()) as server:
        status, headers, body = get(server.url + "rules/R01/")
        assert status == 200 and headers["Content-Encoding"] == "gzip" and headers["Cache-Control"] == "no-cache"
        assert gzip.decompress(body).decode("utf-8") == "<p>règle</p>" * 200
        status, headers, body = get(server.url + "rules/R01/", gzip_ok=False)
        assert "Content-Encoding" not in headers and body.decode("utf-8").startswith("<p>règle")
        status, headers, _ = get(server.url + "assets/main.0123abcd.min.css")
        assert "immutable" in headers["Cache-Control"] and headers["Content-Encoding"] == "gzip"
        status, headers, _ = get(server.url + "rules/R01")
        assert status == 301 and headers["Location"] == "/rules/R01/"
        status, _, body = get(server.url + "nowhere/")
        assert status == 404 and body == b"introuvable"
        assert get(server.url + "../../etc/passwd")[0] == 404


def test_nginx_example_configuration_serves_the_site(built_site: BuiltSite) -> None:
    import check_deploy

    with nginx_serving(built_site) as (url, site):
        results = check_deploy.checks(url, site)
    assert [(label, answer) for label, ok, answer in results if not ok] == []


def test_page_weight_tells_material_from_the_guide() -> None:
    assert weight.classify("assets/stylesheets/main.57a0d79d.min.css") == ("css", "material")
    assert weight.classify("css/guide.css") == ("css", "ours")
    assert weight.classify("js/flow.js") == ("js", "ours")
    assert weight.classify("en/search/search_index.json") == ("search-index", "search")
    assert weight.classify("pagefind/fragment/fr_eac71f6.pf_fragment") == ("search-index", "search")
    assert weight.classify("pagefind/pagefind.js") == ("search-index", "search")
    assert weight.classify("js/search.js") == ("search-index", "search")
    assert weight.classify("css/search.css") == ("search-index", "search")
    assert weight.classify("css/guide.css") == ("css", "ours")
    assert weight.classify("js/guide.js") == ("js", "ours")
    assert weight.classify("en/rules/R01/") == ("html", "ours")
    assert weight.classify("rules/R01/sitemap.xml") == ("sitemap", "ours")


def test_lighthouse_failures_list_only_scored_audits() -> None:
    report = {
        "categories": {"seo": {"id": "seo", "auditRefs": [{"id": "meta-description", "weight": 1},
                                                           {"id": "structured-data", "weight": 0}]}},
        "audits": {"meta-description": {"score": 0, "scoreDisplayMode": "binary"},
                   "structured-data": {"score": None, "scoreDisplayMode": "manual"}},
    }
    assert failed_audits(report) == ["seo: meta-description (0.00)"]


def test_qr_codes_are_drawn_once_and_a_tampered_cache_is_never_embedded(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://guide.example.org/d/accepter-demande/laisser/"
    monkeypatch.setattr(qr, "_codes", TextCache(tmp_path))
    drawn = qr.qr_svg(url)
    assert drawn.startswith("<svg ") and len(list(tmp_path.iterdir())) == 1
    # a later build (a new cache on the same folder) reads it back instead of drawing it
    monkeypatch.setattr(qr, "_codes", TextCache(tmp_path))
    monkeypatch.setattr(segno, "make_qr", lambda *args, **kwargs: pytest.fail("drawn again"))
    assert qr.qr_svg(url) == drawn
    # anything but what segno writes is drawn again, not embedded
    monkeypatch.undo()
    entry = next(tmp_path.iterdir())
    entry.write_text('<svg viewBox="0 0 1 1" class="guide-qr__code"><script>alert(1)</script></svg>', encoding="utf-8")
    monkeypatch.setattr(qr, "_codes", TextCache(tmp_path))
    assert qr.qr_svg(url) == drawn
    assert entry.read_text(encoding="utf-8") == drawn
