"""What one build keeps for the next (netguide/build_cache.py) and the files written beside MkDocs
(netguide/files.py): a build with warm caches writes the same site as a cold one, a change is
never served from a cache, and the caches stay bounded.
"""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import pytest

from conftest import LANGUAGES, PROJECT_ROOT, build_site, copy_project, edit
from netguide import site as guide_site
from netguide import yamlfile
from netguide.adapter.material_assets import PageNamesMemory, page_names
from netguide.build_cache import TextCache, build_cache, inputs_digest
from netguide.files import write_in_background
from netguide.site import GuideSite, prepare_site

FIXTURE = Path(__file__).resolve().parent / "fixtures"
TEMPLATES = PROJECT_ROOT / "overrides" / "guide"
URL = "https://guide.example.org/"


def site_files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_a_warm_build_writes_the_same_site_as_a_cold_one_and_an_edit_is_never_served_from_the_cache(
        tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    sites = {}
    for name in ("cold", "warm"):
        result = build_site(tmp_path / name, URL, project)
        assert result.returncode == 0, result.stderr
        sites[name] = site_files(tmp_path / name)
    assert (project / ".cache" / "netguide" / "pages").is_dir()
    assert sites["warm"] == sites["cold"]  # byte for byte: pages, fitted stylesheet, search index
    stylesheets = {name for name in sites["cold"] if name.startswith("assets/stylesheets/main.")}

    edit(project / "knowledge" / "rules" / "R12.yml", "Personalise every connection request",
         "Personalise each connection request")
    for name in ("edited", "edited-cold"):
        if name == "edited-cold":
            shutil.rmtree(project / ".cache")
        result = build_site(tmp_path / name, URL, project)
        assert result.returncode == 0, result.stderr
        sites[name] = site_files(tmp_path / name)
    assert sites["edited"] == sites["edited-cold"]
    assert "Personalise each connection request" in sites["edited"]["en/rules/R12/index.html"].decode()
    # new inputs, a new name for the fitted stylesheet: a reader's copy of the old one is never reused
    edited = {name for name in sites["edited"] if name.startswith("assets/stylesheets/main.")}
    assert len(edited) == 1 and edited.isdisjoint(stylesheets)


def test_the_inputs_digest_follows_contents_not_places(tmp_path: Path) -> None:
    for copy in ("one", "two"):
        shutil.copytree(FIXTURE / "knowledge", tmp_path / copy / "knowledge")
    one, two = tmp_path / "one" / "knowledge", tmp_path / "two" / "knowledge"
    assert inputs_digest([one], ["fact"]) == inputs_digest([two], ["fact"])
    assert inputs_digest([one], ["fact"]) != inputs_digest([one], ["another fact"])
    # what does not go into a page changes nothing: hidden and compiled files, derived files
    (one / ".R01.yml.swp").write_text("editor", encoding="utf-8")
    (one / "__pycache__").mkdir()
    (one / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    (one / "stub.md").write_text("<!-- derived -->", encoding="utf-8")
    derived = lambda content: content.startswith(b"<!-- derived")  # noqa: E731
    assert inputs_digest([one], derived=derived) == inputs_digest([two], derived=derived)
    rule = next((one / "rules").glob("*.yml"))
    rule.write_text(rule.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert inputs_digest([one], derived=derived) != inputs_digest([two], derived=derived)


def test_rendered_pages_are_taken_from_the_cache_only_for_the_same_inputs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(PROJECT_ROOT / "knowledge", tmp_path / "knowledge")
    rendered = []
    render_all = GuideSite.render_all
    monkeypatch.setattr(GuideSite, "render_all", lambda self: (rendered.append(1), render_all(self)))

    def prepared(inputs: str) -> GuideSite:
        guide_site._cache.clear()  # as in a new process: only the cache on disk is left
        return prepare_site(tmp_path, TEMPLATES, URL, LANGUAGES, inputs)

    first = prepared("inputs-1")
    second = prepared("inputs-1")
    assert len(rendered) == 1
    assert second._html == first._html and len(first._html) == len(first.pages) * len(LANGUAGES) + len(LANGUAGES)
    prepared("inputs-2")
    assert len(rendered) == 2
    # an entry that is not what a build wrote (cut short, edited) is rendered again
    cache = tmp_path / ".cache" / "netguide" / "pages"
    for entry in cache.iterdir():
        entry.write_text(entry.read_text(encoding="utf-8")[:1000], encoding="utf-8")
    build_cache(tmp_path).pages._memory.clear()
    assert prepared("inputs-1")._html == first._html
    assert len(rendered) == 3


def test_a_data_file_parsed_once_is_read_back_the_same_and_a_bad_entry_is_parsed_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rule = next((FIXTURE / "knowledge" / "rules").glob("*.yml"))
    fresh = yamlfile.parse_yaml(rule.read_text(encoding="utf-8"))
    monkeypatch.setattr(yamlfile, "_parsed", TextCache(tmp_path / "parsed"))
    assert yamlfile.read_yaml(rule) == fresh and len(list((tmp_path / "parsed").iterdir())) == 1
    parsed = []
    parse_yaml = yamlfile.parse_yaml
    monkeypatch.setattr(yamlfile, "parse_yaml", lambda text: parsed.append(text) or fresh)
    monkeypatch.setattr(yamlfile, "_parsed", TextCache(tmp_path / "parsed"))  # a later build
    assert yamlfile.read_yaml(rule) == fresh and not parsed
    (entry,) = (tmp_path / "parsed").iterdir()
    entry.write_text("not what a build wrote", encoding="utf-8")
    monkeypatch.setattr(yamlfile, "_parsed", TextCache(tmp_path / "parsed"))
    assert yamlfile.read_yaml(rule) == fresh and len(parsed) == 1
    monkeypatch.setattr(yamlfile, "parse_yaml", parse_yaml)
    dated = tmp_path / "guide.yml"  # a date is not kept: read each time, the same
    dated.write_text("edition: 2026-12-01\n", encoding="utf-8")
    assert yamlfile.read_yaml(dated).data == {"edition": datetime.date(2026, 12, 1)}


def test_the_names_of_a_page_seen_before_are_remembered_and_a_bad_memory_is_ignored(tmp_path: Path) -> None:
    page = ('<html class="no-js"><body id=top style="--md-accent: red"><p class=\'a b\'>x</p>'
            '<script>document.body.classList.add("inline-added")</script></body></html>')
    expected = page_names(page)
    assert expected == (["a", "b", "no-js", "top"], ["--md-accent"],
                        ['document.body.classList.add("inline-added")'])
    first = PageNamesMemory(TextCache(tmp_path))
    assert first.names(page) == expected
    first.keep()
    later = PageNamesMemory(TextCache(tmp_path))  # the next build
    later._known = {digest: (["remembered"], [], []) for digest in later._read()}
    assert later.names(page) == (["remembered"], [], [])  # taken from the memory, not searched again
    (entry,) = tmp_path.iterdir()
    entry.write_text('{"x": [1, 2]}', encoding="utf-8")
    assert PageNamesMemory(TextCache(tmp_path)).names(page) == expected


def test_a_cache_keeps_its_most_recently_used_entries(tmp_path: Path) -> None:
    cache = TextCache(tmp_path, keep=2)
    for number, key in enumerate(("a", "b", "c")):
        cache.put(key, key)
        os.utime(tmp_path / key, (1_000_000 + number, 1_000_000 + number))
    assert TextCache(tmp_path).get("a") == "a"  # read by a later build: now the most recent
    TextCache(tmp_path, keep=2).prune()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a", "c"]


def test_files_written_in_the_background_land_under_their_root_only(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    write_in_background(root, [(root / "r" / "R07" / "index.html", "<p>é</p>"), (root / "a.json", "{}")]).wait()
    assert (root / "r" / "R07" / "index.html").read_text(encoding="utf-8") == "<p>é</p>"
    assert (root / "a.json").read_text(encoding="utf-8") == "{}"
    with pytest.raises(ValueError):
        write_in_background(root, [(tmp_path / "outside.html", "x")])
    (root / "taken").write_text("a file where a folder is needed", encoding="utf-8")
    with pytest.raises(OSError, match="could not write under"):
        write_in_background(root, [(root / "taken" / "index.html", "x")]).wait()
    assert not (tmp_path / "outside.html").exists()
