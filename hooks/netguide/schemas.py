"""JSON Schemas of the knowledge files, made from the shapes the code declares.

They live in knowledge/schemas/ and each data file names its own on its first line
(``# yaml-language-server: $schema=../schemas/rule.schema.json``), so that an editor with the
YAML language server completes keys and flags mistakes as the author types. The build does not
read them: pydantic checks the same shapes, with the guide's messages.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .kind import KNOWLEDGE_DIR, Kind
from .kinds import KINDS
from .load import GUIDE_FILE, UI_DIR, GuideFile, ui_file_model
from .registry import REGISTRY_FILE, registered_kinds, registry_model
from .yamlfile import data_files

SCHEMA_DIR = "schemas"
DIRECTIVE = "# yaml-language-server: $schema="


def schema_models(languages: tuple[str, ...], kinds: Sequence[Kind[Any]] = KINDS) -> dict[str, type[BaseModel]]:
    """Schema file name -> the model it is made from, for every kind of knowledge file."""
    models: dict[str, type[BaseModel]] = {}
    for kind in kinds:
        models.update(kind.schemas(languages))
    models["registry.schema.json"] = registry_model(tuple(kind.section for kind in registered_kinds(kinds)))
    models["guide.schema.json"] = GuideFile
    models["ui.schema.json"] = ui_file_model(languages)
    return models


def schema_documents(languages: tuple[str, ...], kinds: Sequence[Kind[Any]] = KINDS) -> dict[str, dict[str, Any]]:
    documents = {}
    for name, model in schema_models(languages, kinds).items():
        schema = model.model_json_schema(mode="validation")
        documents[name] = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                           "$id": f"{SCHEMA_DIR}/{name}", **schema}
    return documents


def schema_text(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def data_file_schemas(root: Path, kinds: Sequence[Kind[Any]] = KINDS) -> list[tuple[Path, str]]:
    """Every knowledge file with the name of the schema it follows."""
    knowledge = Path(root) / KNOWLEDGE_DIR
    files = [pair for kind in kinds for pair in kind.files(knowledge)]
    files += [(knowledge / REGISTRY_FILE, "registry.schema.json"), (knowledge / GUIDE_FILE, "guide.schema.json")]
    files += [(path, "ui.schema.json") for path in data_files(knowledge / UI_DIR)]
    return files


def directive(data_file: Path, schema_name: str, knowledge: Path) -> str:
    schema = knowledge / SCHEMA_DIR / schema_name
    return DIRECTIVE + Path(os.path.relpath(schema, data_file.parent)).as_posix()


def write_schemas(root: Path, languages: tuple[str, ...]) -> list[Path]:
    """Write knowledge/schemas/*.json and put the directive line at the top of every data file; return changed files."""
    knowledge = Path(root) / KNOWLEDGE_DIR
    changed = []
    (knowledge / SCHEMA_DIR).mkdir(exist_ok=True)
    for name, document in schema_documents(languages).items():
        path = knowledge / SCHEMA_DIR / name
        text = schema_text(document)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    for data_file, schema_name in data_file_schemas(root):
        line = directive(data_file, schema_name, knowledge)
        text = data_file.read_text(encoding="utf-8")
        first, _, rest = text.partition("\n")
        if first == line:
            continue
        data_file.write_text(f"{line}\n{rest if first.startswith(DIRECTIVE) else text}", encoding="utf-8")
        changed.append(data_file)
    return changed
