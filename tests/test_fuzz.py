"""Fuzzing the loader: whatever a knowledge file holds, loading it succeeds or fails with the guide's own message.

Hypothesis mutates the files of the tiny guide (tests/fixtures/knowledge/): it deletes keys,
changes the type of values, puts odd characters into texts, nests values deeply, duplicates and
renames IDs, and garbles the raw text. Each mutated guide must either load, or raise
KnowledgeError whose every problem names a file of knowledge/, within a time and memory bound:
never a traceback, never a hang.
"""

from __future__ import annotations

import shutil
import time
import tracemalloc
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import LANGUAGES
from netguide.errors import KnowledgeError
from netguide.load import load_guide

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "knowledge"
FILES = sorted(str(path.relative_to(FIXTURE)) for path in FIXTURE.rglob("*.yml"))
SECONDS = 5.0
MEGABYTES = 64

ODD_TEXT = st.sampled_from([
    "", " ", "\n\n\n", "\t", "\u200b", "\u202e", "\x00", "\x1b[31m", "<script>alert(1)</script>", "../../etc",
    "é" * 3000, "R07\n", "{{ t.x }}", "%s%s", ": ", "- ", "#", "&", "'", '"', "🙂", "\ud7ff", "index", "print",
])
ODD_VALUE = st.one_of(
    ODD_TEXT, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
    st.lists(ODD_TEXT, max_size=3), st.dictionaries(ODD_TEXT, ODD_TEXT, max_size=3),
)


def paths_in(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a parsed file: mapping keys and list positions."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths_in(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths_in(item, (*prefix, index))
    return found


def parent_and_key(data: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    return parent, path[-1]


@st.composite
def mutated_guide(draw: st.DrawFn) -> dict[str, str]:
    """File name -> new text, for one to three files of the tiny guide."""
    changes: dict[str, str] = {}
    for name in draw(st.lists(st.sampled_from(FILES), min_size=1, max_size=3, unique=True)):
        text = (FIXTURE / name).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        mutation = draw(st.sampled_from(["delete", "retype", "odd text", "nest", "rename id", "garble",
                                          "duplicate"]))
        places = [path for path in paths_in(data) if path]
        if mutation == "garble" or not places:
            position = draw(st.integers(0, len(text)))
            junk = draw(st.sampled_from(["[", "]", "{", ": ", "\n  - ", "&a ", "*a", "!!python/name:os.system",
                                         "\t", "---\n", "'", '"', "%YAML 1.1\n", "? ", "|\n", "\x00"]))
            changes[name] = text[:position] + junk + text[position:]
            continue
        if mutation == "duplicate":
            changes[name.replace(".yml", "-copie.yml")] = text
            continue
        path = draw(st.sampled_from(places))
        parent, key = parent_and_key(data, path)
        if mutation == "delete":
            del parent[key]
        elif mutation == "retype":
            parent[key] = draw(ODD_VALUE)
        elif mutation == "odd text":
            parent[key] = str(parent[key]) + draw(ODD_TEXT)
        elif mutation == "nest":
            value = parent[key]
            for _ in range(draw(st.integers(1, 40))):
                value = [value]
            parent[key] = value
        elif mutation == "rename id":
            ids = [place for place in places if place[-1] == "id"]
            if ids:
                id_parent, id_key = parent_and_key(data, draw(st.sampled_from(ids)))
                id_parent[id_key] = draw(st.sampled_from(["R01", "R02", "accepter", "inviter", "index", "R1",
                                                          "../x", "qui", "X" * 500]))
        changes[name] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return changes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=mutated_guide())
def test_any_mutation_loads_or_fails_with_the_guides_own_message(tmp_path_factory: Any, changes: dict[str, str]
                                                                  ) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(FIXTURE, root / "knowledge")
    for name, text in changes.items():
        (root / "knowledge" / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    tracemalloc.start()
    started = time.perf_counter()
    try:
        load_guide(root, LANGUAGES)
    except KnowledgeError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file.startswith("knowledge/"), str(problem)
            assert problem.problem and problem.fix, str(problem)
            assert len(str(problem)) < 1000, str(problem)[:200]
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < SECONDS, f"loading took {elapsed:.1f} s"
    assert peak < MEGABYTES * 2**20, f"loading took {peak / 2**20:.0f} MB"
