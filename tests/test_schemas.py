"""The JSON Schemas an author's editor uses: committed, up to date with the code, met by every data file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import LANGUAGES, PROJECT_ROOT
from netguide.schemas import DIRECTIVE, SCHEMA_DIR, data_file_schemas, directive, schema_documents, schema_text
from netguide.yamlfile import read_yaml

KNOWLEDGE = PROJECT_ROOT / "knowledge"
DATA_FILES = data_file_schemas(PROJECT_ROOT)


def test_committed_schemas_match_the_code() -> None:
    documents = schema_documents(LANGUAGES)
    committed = {path.name for path in (KNOWLEDGE / SCHEMA_DIR).glob("*.json")}
    assert committed == set(documents), "run scripts/guide schemas"
    for name, document in documents.items():
        text = (KNOWLEDGE / SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert text == schema_text(document), f"{name} is out of date: run scripts/guide schemas"


def test_every_knowledge_file_has_a_schema() -> None:
    listed = {path for path, _ in DATA_FILES}
    on_disk = {path for path in KNOWLEDGE.rglob("*.yml")}
    assert on_disk == listed


@pytest.mark.parametrize(("data_file", "schema_name"), DATA_FILES,
                         ids=[str(path.relative_to(KNOWLEDGE)) for path, _ in DATA_FILES])
def test_data_file_names_and_meets_its_schema(data_file: Path, schema_name: str) -> None:
    first_line = data_file.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first_line == directive(data_file, schema_name, KNOWLEDGE), "run scripts/guide schemas"
    assert first_line.startswith(DIRECTIVE)
    schema = json.loads((KNOWLEDGE / SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    jsonschema.validate(read_yaml(data_file).data, schema, cls=jsonschema.Draft202012Validator)


def test_the_schema_flags_what_the_build_refuses() -> None:
    """The editor's schema and the build agree on the basics: a typo'd key and a missing language."""
    schema = json.loads((KNOWLEDGE / SCHEMA_DIR / "rule.schema.json").read_text(encoding="utf-8"))
    rule = read_yaml(sorted((KNOWLEDGE / "rules").glob("*.yml"))[0]).data
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(rule))
    assert list(validator.iter_errors({**rule, "relatd": []}))
    assert list(validator.iter_errors({key: value for key, value in rule.items() if key != LANGUAGES[-1]}))
