"""Reading the knowledge base: all of knowledge/, checked, before anything is written.

Each kind reads its own files (netguide.kinds), then the checks that need several kinds run,
then the registry's. Every problem found is reported at once. Also here: the two files that are
no kind's, the edition (knowledge/guide.yml) and the interface strings (knowledge/ui/*.yml).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, RootModel

from .errors import KnowledgeError, ProblemList, shown
from .guide import Guide
from .kind import Kind, Knowledge
from .kinds import KINDS
from .registry import check_registry, read_registry
from .shapes import Shape, text, typeset, validate, with_languages
from .yamlfile import data_files

GUIDE_FILE = "guide.yml"
UI_DIR = "ui"
UI_KEY = re.compile(r"[a-z][a-z0-9_]{0,59}")
UI_TEXT_MAX = 400


def _iso_date(value: Any) -> Any:
    """An unquoted date in YAML is a date, not text: both mean the same edition."""
    return value.isoformat() if isinstance(value, datetime.date) else value


class GuideFile(Shape):
    """knowledge/guide.yml: facts about the content as a whole."""

    edition: Annotated[str, BeforeValidator(_iso_date), Field(
        pattern=r"^\d{4}-\d{2}-\d{2}$", description="the content's edition date, YYYY-MM-DD; change it whenever "
        "rules, checklists or flows change in a way a reader should know about")]


@cache
def ui_file_model(languages: tuple[str, ...]) -> type[RootModel[dict[str, Any]]]:
    """knowledge/ui/*.yml: interface strings, one text per language each."""
    string = with_languages(Shape, text(UI_TEXT_MAX), languages, "the interface string")
    return RootModel[dict[str, string]]  # type: ignore[valid-type]


def load_edition(knowledge: Knowledge) -> str:
    path = knowledge.directory / GUIDE_FILE
    document = knowledge.read(path)
    if document is None:
        return ""
    data = validate(GuideFile, document.data, document, knowledge.display(path), knowledge.problems)
    return data.edition if data else ""


def load_ui(knowledge: Knowledge) -> dict[str, dict[str, str]]:
    """Interface strings from knowledge/ui/*.yml: every key unique, present and non-empty in every language."""
    languages = knowledge.languages
    ui: dict[str, dict[str, str]] = {language: {} for language in languages}
    defined_in: dict[str, str] = {}
    model = ui_file_model(languages)
    for path in data_files(knowledge.directory / UI_DIR):
        document = knowledge.read(path)
        if document is None:
            continue
        file = knowledge.display(path)
        strings = validate(model, document.data, document, file, knowledge.problems, languages=languages)
        if strings is None:
            continue
        for key, value in strings.root.items():
            line = document.line_of((key,))
            if not isinstance(key, str) or not UI_KEY.fullmatch(key):
                knowledge.problems.add(file, shown(key), f"'{shown(key)}' is not a name for an interface string",
                                       "use lower-case letters, digits and _ (templates write t.<name>)", line)
            elif key in defined_in:
                knowledge.problems.add(file, key, f"the string '{key}' is already defined in {defined_in[key]}",
                                       "rename one of them", line)
            else:
                defined_in[key] = file
                typeset_value = typeset(value, languages)
                for language in languages:
                    ui[language][key] = getattr(typeset_value, language)
    return ui


def load_guide(root: Path, languages: tuple[str, ...], kinds: Sequence[Kind[Any]] = KINDS) -> Guide:
    """Load and check everything; raise KnowledgeError listing every problem found."""
    root = Path(root)
    knowledge = Knowledge(root, ProblemList(root), tuple(languages))
    edition = load_edition(knowledge)
    ui = load_ui(knowledge)
    registry = read_registry(knowledge, kinds)
    for kind in kinds:
        knowledge.loaded[kind.name] = kind.load(knowledge)
    knowledge.problems.raise_if_any()
    guide = Guide(knowledge.languages, edition, ui, registry, dict(knowledge.loaded))
    for kind in kinds:
        kind.check(guide, knowledge.problems)
    check_registry(guide, kinds, knowledge.problems)
    knowledge.problems.raise_if_any()
    return guide


__all__ = ["KnowledgeError", "load_guide"]
