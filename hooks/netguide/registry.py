"""The registry of published IDs: links people have shared must keep working.

An ID that was published stays in the registry for good. Removing or renaming an item is
only allowed by moving its ID to ``retired`` with the ID that replaces it; the old links
then redirect to the replacement. Every ID here becomes part of a path on the site, so each
is checked against its kind's pattern and reserved names before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, create_model

from .errors import ProblemList, shown
from .guide import Guide, Registry
from .kind import Kind, Knowledge
from .shapes import Shape, display_path, unique, validate

REGISTRY_FILE = "registry.yml"


class Section(Shape):
    """The IDs of one kind of item."""

    published: Annotated[tuple[str, ...], AfterValidator(unique("ID"))] = Field(
        default=(), description="every ID of this kind that was ever published and still exists")
    retired: dict[str, str] = Field(
        default_factory=dict, description="OLD: NEW pairs: an ID that was removed, and the ID that replaces it")


@cache
def registry_model(sections: tuple[str, ...]) -> type[BaseModel]:
    fields: dict[str, Any] = {section: (Section, Field(default_factory=Section)) for section in sections}
    return create_model("RegistryFile", __base__=Shape, **fields)


def registered_kinds(kinds: Sequence[Kind[Any]]) -> tuple[Kind[Any], ...]:
    return tuple(kind for kind in kinds if kind.registered)


def read_registry(knowledge: Knowledge, kinds: Sequence[Kind[Any]]) -> Registry:
    path = knowledge.directory / REGISTRY_FILE
    document = knowledge.read(path)
    if document is None:
        return Registry()
    file = knowledge.display(path)
    registered = registered_kinds(kinds)
    data = validate(registry_model(tuple(kind.section for kind in registered)), document.data, document, file,
                    knowledge.problems)
    if data is None:
        return Registry()
    published: dict[str, tuple[str, ...]] = {}
    retired: dict[str, dict[str, str]] = {}
    lines: dict[tuple[str, ...], int] = {}

    def refuse(key: tuple[str | int, ...], line_at: tuple[str | int, ...], item_id: str, problem: str,
               fix: str) -> None:
        # An ID that is not one is not shown as part of the key: it may be anything.
        knowledge.problems.add(file, display_path(document.data, key), f"'{shown(item_id)}' {problem}", fix,
                               document.line_of(line_at))

    for kind in registered:
        section: Section = getattr(data, kind.section)
        for key in ((kind.section,), (kind.section, "published"), (kind.section, "retired")):
            lines[key] = document.line_of(key) or 1
        for index, item_id in enumerate(section.published):
            lines[(kind.section, "published", item_id)] = document.line_of((kind.section, "published", index)) or 1
        for old in section.retired:
            lines[(kind.section, "retired", old)] = document.line_of((kind.section, "retired", old)) or 1
        good: list[str] = []
        for index, item_id in enumerate(section.published):
            problem = kind.id_problem(item_id)
            if problem:
                refuse((kind.section, "published", index), (kind.section, "published", index), item_id, problem,
                       f"use an ID like '{kind.id_example}'")
            else:
                good.append(item_id)
        published[kind.section] = tuple(good)
        pairs: dict[str, str] = {}
        for old, new in section.retired.items():
            old_problem, new_problem = kind.id_problem(old), kind.id_problem(new)
            if old_problem:
                refuse((kind.section, "retired"), (kind.section, "retired", old), old, old_problem,
                       f"retire only IDs that were published, like '{kind.id_example}'")
            elif new_problem:
                refuse((kind.section, "retired", old), (kind.section, "retired", old), new, new_problem,
                       f"name the {kind.name} that replaces {old}, like '{kind.id_example}'")
            else:
                pairs[old] = new
        retired[kind.section] = pairs
    return Registry(published, retired, lines)


def check_registry(guide: Guide, kinds: Sequence[Kind[Any]], problems: ProblemList) -> None:
    registry = guide.registry
    path = f"knowledge/{REGISTRY_FILE}"

    def add(key: tuple[str, ...], problem: str, fix: str) -> None:
        problems.add(path, ".".join(key), problem, fix, _line(registry, key))

    for kind in registered_kinds(kinds):
        section, what = kind.section, kind.name
        current_ids = tuple(item.id for item in guide.of(kind.name))
        published = set(registry.published.get(section, ()))
        retired = registry.retired.get(section, {})
        current = set(current_ids)
        for item_id in current_ids:
            if item_id in retired:
                add((section, "retired", item_id), f"the {what} {item_id} is retired but still exists in the data",
                    f"give the {what} a new ID, or remove {item_id} from retired")
            elif item_id not in published:
                add((section, "published"), f"the {what} {item_id} is not registered",
                    f"add '- {item_id}' under {section}.published once it is ready to publish")
        for item_id in sorted(published - current):
            if item_id in retired:
                add((section, "published", item_id), f"{item_id} is both published and retired",
                    "remove it from published")
            else:
                add((section, "published", item_id),
                    f"the published {what} {item_id} has disappeared from the data, which would break every link to it",
                    f"restore it, or move it to {section}.retired as '{item_id}: <ID that replaces it>'")
        for item_id, replacement in retired.items():
            if replacement not in current:
                add((section, "retired", item_id),
                    f"{item_id} is retired in favour of '{replacement}', which does not exist",
                    f"name an existing {what} as its replacement")


def _line(registry: Registry, key: tuple[str, ...]) -> int | None:
    for end in range(len(key), 0, -1):
        line = registry.lines.get(key[:end])
        if line is not None:
            return line
    return None
