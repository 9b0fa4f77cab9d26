"""The shapes of the knowledge files, declared with pydantic, and their problems in the guide's words.

Each kind of item declares its file's shape once, as pydantic models built from the types
here; the same declaration validates the data, gives the JSON Schema an author's editor uses
(knowledge/schemas/), and is the object the rest of the guide reads. Pydantic's errors are
translated into the guide's messages: the file, the line, the key, what is wrong and the fix.

Texts written per language sit under keys named after the languages (``fr:``, ``en:``); the
languages come from the site's configuration, so those fields are added when a model is made
for a set of languages (``with_languages``).
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, ClassVar, TypeVar, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    WithJsonSchema,
    create_model,
)
from pydantic_core import PydanticCustomError

from .errors import ProblemList, shown
from .typography import for_language
from .yamlfile import KeyPath, YamlDocument

M = TypeVar("M", bound=BaseModel)

# A whole-word ID of the data in a message key (nodes.connexion-lien rather than nodes[3]).
_KEY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,39}")


class Shape(BaseModel):
    """A part of a knowledge file: unknown keys are mistakes, and read data never changes."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True, validate_default=False)


def _fold(value: Any) -> Any:
    """YAML keeps line breaks in some scalars; a text is one line of words separated by single spaces."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _refuse_key_value(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        raise PydanticCustomError("guide", "{problem}", {
            "problem": "YAML read this text as a 'key: value' pair because it contains ': '",
            "fix": 'put the whole text in double quotes: "…"'})
    return value


def text(max_length: int, description: str = "") -> Any:
    """A one-paragraph text of at most ``max_length`` characters (counted after folding spaces)."""
    return Annotated[str, BeforeValidator(_refuse_key_value), BeforeValidator(_fold),
                     Field(min_length=1, max_length=max_length, description=description or None)]


def _paragraphs(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    return tuple(" ".join(part.split()) for part in value.strip().split("\n\n") if part.strip())


def _paragraphs_length(max_length: int) -> Callable[[tuple[str, ...]], tuple[str, ...]]:
    def check(value: tuple[str, ...]) -> tuple[str, ...]:
        length = sum(len(part) for part in value)
        if not value:
            raise PydanticCustomError("guide", "{problem}", {"problem": "the text is empty", "fix": "write the text"})
        if length > max_length:
            raise PydanticCustomError("guide", "{problem}", {
                "problem": f"the text is {length} characters long, the limit is {max_length}", "fix": "shorten it"})
        return value
    return check


def paragraphs(max_length: int, description: str = "") -> Any:
    """Text in paragraphs separated by a blank line (use '>-' and leave an empty line between them)."""
    schema = {"type": "string", "minLength": 1, "maxLength": max_length}
    if description:
        schema["description"] = description
    return Annotated[tuple[str, ...], BeforeValidator(_refuse_key_value), BeforeValidator(_paragraphs),
                     AfterValidator(_paragraphs_length(max_length)), WithJsonSchema(schema)]


def identifier(pattern: re.Pattern[str], example: str, what: str) -> Any:
    """An ID, matched whole (a trailing newline or space is not part of an ID)."""
    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise PydanticCustomError("guide", "{problem}", {
                "problem": f"'{shown(value)}' is not a valid {what} ID", "fix": f"write an ID like '{example}'"})
        return value
    return Annotated[str, AfterValidator(check), Field(json_schema_extra={"pattern": f"^{pattern.pattern}$"},
                                                       description=f"a {what} ID, like {example}")]


def unique(what: str) -> Callable[[tuple[str, ...]], tuple[str, ...]]:
    def check(value: tuple[str, ...]) -> tuple[str, ...]:
        twice = sorted({item for item in value if value.count(item) > 1})
        if twice:
            raise PydanticCustomError("guide", "{problem}", {
                "problem": f"lists {', '.join(shown(item) for item in twice)} more than once",
                "fix": f"list each {what} once"})
        return value
    return check


@dataclass(frozen=True)
class Origin:
    """Where an item was read: its file (as shown in messages), the parsed document, its place in it."""

    file: str
    document: YamlDocument
    base: KeyPath = ()


class Item(Shape):
    """An item with a language-neutral ID, which remembers where it was read for later messages."""

    id: str
    _origin: Origin | None = PrivateAttr(default=None)

    @property
    def data_file(self) -> str:
        """The knowledge file the item was read from, as messages name it."""
        return self._origin.file if self._origin else ""

    def locate(self, *path: str | int) -> tuple[str, str, int | None]:
        """(file, key as messages show it, line) of a key of this item."""
        if self._origin is None:
            return "", display_path(None, path), None
        full = (*self._origin.base, *path)
        return self._origin.file, display_path(self._origin.document.data, full), self._origin.document.line_of(full)

    def report(self, problems: ProblemList, path: tuple[str | int, ...], problem: str, fix: str) -> None:
        file, where, line = self.locate(*path)
        problems.add(file, where, problem, fix, line)


class Localized:
    """Mixin for models made by ``with_languages``: the per-language blocks, keyed by language."""

    languages: ClassVar[tuple[str, ...]] = ()

    @property
    def texts(self) -> dict[str, Any]:
        return {language: getattr(self, language) for language in self.languages}


@cache
def with_languages(base: type[M], block: Any, languages: tuple[str, ...], description: str = "",
                   overrides: tuple[tuple[str, Any], ...] = ()) -> type[M]:
    """``base`` with one required field per language, each holding ``block`` (a text or a model).

    ``overrides`` are (field, annotation) pairs for fields of ``base`` whose type depends on the
    languages too (a list of parts written per language), typed in ``base`` by their language-free
    parent; each keeps its default and description from ``base``.
    """
    fields: dict[str, Any] = {
        language: (block, Field(description=f"{description or 'the texts'} in {language}")) for language in languages
    }
    for name, annotation in overrides:
        fields[name] = (annotation, base.model_fields[name])
    bases = (base,) if issubclass(base, Localized) else (base, Localized)
    model = create_model(base.__name__, __base__=bases, __module__=base.__module__, **fields)
    model.languages = languages
    model.__doc__ = base.__doc__
    return model


def typeset(value: Any, languages: tuple[str, ...], language: str | None = None) -> Any:
    """``value`` with each language's typography applied to the texts under that language's key."""
    if isinstance(value, str):
        return for_language(language, value) if language else value
    if isinstance(value, tuple):
        return tuple(typeset(item, languages, language) for item in value)
    if isinstance(value, BaseModel):
        updates = {}
        for name in type(value).model_fields:
            current = getattr(value, name)
            new = typeset(current, languages, name if name in languages else language)
            if new is not current:
                updates[name] = new
        if not updates:
            return value
        copy = value.model_copy(update=updates)
        if isinstance(value, Item):
            copy._origin = value._origin
        return copy
    if isinstance(value, dict):
        return {key: typeset(item, languages, key if key in languages else language) for key, item in value.items()}
    return value


# --- From pydantic's errors to the guide's messages -------------------------------------------------

def display_path(data: Any, path: Iterable[str | int]) -> str:
    """A key as messages show it: fr.how[2], nodes.connexion-lien.answers[1].next."""
    shown_path = ""
    current = data
    for key in path:
        if isinstance(key, int):
            item = current[key] if isinstance(current, list) and 0 <= key < len(current) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            if isinstance(item_id, str) and _KEY_ID.fullmatch(item_id):
                shown_path += f".{item_id}" if shown_path else item_id
            else:
                shown_path += f"[{key + 1}]"
            current = item
        else:
            label = shown(key)
            shown_path = f"{shown_path}.{label}" if shown_path else label
            current = current.get(key) if isinstance(current, dict) else None
    return shown_path


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _members(annotation: Any) -> tuple[Any, ...]:
    annotation = _unwrap(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        return tuple(_unwrap(member) for member in get_args(annotation) if member is not type(None))
    return (annotation,)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    models = [member for member in _members(annotation) if isinstance(member, type) and issubclass(member, BaseModel)]
    return models[0] if len(models) == 1 else None


def _clean_location(model: type[BaseModel], location: tuple[Any, ...]) -> tuple[KeyPath, Any]:
    """Pydantic's error location without its union tags, and the annotation that holds the last key."""
    path: list[str | int] = []
    annotation: Any = model
    parent: Any = model
    for key in location:
        members = _members(annotation)
        models = {member.__name__: member for member in members if isinstance(member, type)
                  and issubclass(member, BaseModel)}
        tagged = {_literal_tag(member): member for member in models.values() if _literal_tag(member)}
        if len(members) > 1 and isinstance(key, str) and key in tagged:
            annotation = tagged[key]  # a discriminated union: pydantic puts the tag in the location
            continue
        parent = annotation
        current = _unwrap(annotation)
        if len(members) == 1:
            current = members[0]  # an optional part (X | None) holds the X
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(key, str):
            field = current.model_fields.get(key)
            annotation = field.annotation if field else None
        elif get_origin(current) in (list, tuple) and isinstance(key, int):
            args = [arg for arg in get_args(current) if arg is not Ellipsis]
            annotation = args[0] if args else None
        elif get_origin(current) in (dict, Mapping, typing.Mapping) and isinstance(key, str | int):
            annotation = get_args(current)[1] if len(get_args(current)) == 2 else None
        else:
            annotation = None
        if key == "[key]":
            continue
        path.append(key)
    return tuple(path), parent


def _literal_tag(model: type[BaseModel]) -> str | None:
    field = model.model_fields.get("kind")
    if field is None:
        return None
    args = get_args(_unwrap(field.annotation))
    return args[0] if len(args) == 1 and isinstance(args[0], str) else None


def _type_name(value: Any) -> str:
    return {dict: "'key: value' lines", list: "a list", str: "text", int: "a number", float: "a number",
            bool: "yes/no", type(None): "nothing"}.get(type(value), type(value).__name__)


def _allowed_keys(parent: Any) -> list[str]:
    model = _model_of(parent)
    return list(model.model_fields) if model else []


def explain(error: Mapping[str, Any], path: KeyPath, parent: Any, languages: tuple[str, ...]
            ) -> tuple[str, str] | None:
    """(problem, fix) for one pydantic error, in the guide's words; None when another error already says it."""
    kind = error["type"]
    context = error.get("ctx") or {}
    value = error.get("input")
    key = path[-1] if path else ""
    if kind == "guide":
        return context["problem"], context["fix"]
    if kind == "missing":
        if key in languages:
            block = _model_of(_field_annotation(parent, key))
            if block is None:
                return (f"the {key} translation is missing", f"add '{key}: …' with the text in that language")
            return f"the {key} translation is missing", f"add a '{key}:' block with the same keys as the others"
        description = _field_description(parent, key)
        return f"'{key}' is missing", f"add '{key}: …'" + (f" ({description})" if description else "")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(parent)
        return (f"unknown key '{shown(key)}'",
                f"use only {', '.join(allowed)} (check the spelling)" if allowed else "remove it")
    if kind == "string_type":
        if isinstance(value, dict) and isinstance(path[-1:][0] if path else None, int):
            return ("YAML read this item as a 'key: value' pair because it contains ': '",
                    'put the whole item in double quotes: - "…"')
        if isinstance(value, bool):
            return ("YAML read this as yes or no (it does so with Yes, No, On, Off, True, False), not as text",
                    'put the text in double quotes: "No"')
        return f"expected text, found {_type_name(value)}", "write it as text (in double quotes if it contains ': ')"
    if kind == "string_too_short" or (kind == "too_short" and isinstance(value, str)):
        return "the text is empty", f"write the {key} text"
    if kind == "string_too_long" or (kind == "too_long" and isinstance(value, str)):
        return (f"the text is {len(value)} characters long, the limit is {context.get('max_length')}",
                "shorten it")
    if kind in ("too_short", "too_long"):
        # Pydantic counts the items that were valid; the author counts the items written.
        count = len(value) if isinstance(value, list | tuple) else context.get("actual_length")
        low, high = _length_bounds(parent, key)
        if isinstance(count, int) and low <= count and (high is None or count <= high):
            return None  # the right number of items, some of them wrong: their own errors say which
        bounds = f"{low} to {high}" if high is not None else f"at least {low}"
        description = _field_description(parent, key)
        fix = "merge or remove items" if kind == "too_long" else "add items"
        return (f"has {count} item{'' if count == 1 else 's'}, it needs {bounds}",
                f"{fix} ({description})" if description else fix)
    if kind in ("list_type", "tuple_type"):
        return f"expected a list, found {_type_name(value)}", "write one '- ' line per item"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected 'key: value' lines, found {_type_name(value)}", "write it as 'key: value' lines"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, found {_type_name(value)} '{shown(value)}'", "write a number like 1"
    if kind == "literal_error":
        return f"'{shown(value)}' is not one of {context.get('expected')}", f"write one of {context.get('expected')}"
    if kind == "union_tag_invalid":
        return (f"'{shown(context.get('tag'))}' is not a valid {key}",
                f"write {key}: {str(context.get('expected_tags')).replace(', ', ' or ')}")
    if kind == "union_tag_not_found":
        return f"'{key}' is missing", f"add '{key}: …'"
    return error.get("msg", kind), "see the format in the README"


def _field_annotation(parent: Any, key: str | int) -> Any:
    model = _model_of(parent)
    field = model.model_fields.get(key) if model and isinstance(key, str) else None
    return field.annotation if field else None


def _field_description(parent: Any, key: str | int) -> str:
    model = _model_of(parent)
    field = model.model_fields.get(key) if model and isinstance(key, str) else None
    return field.description or "" if field else ""


def _length_bounds(parent: Any, key: str | int) -> tuple[int, int | None]:
    model = _model_of(parent)
    field = model.model_fields.get(key) if model and isinstance(key, str) else None
    low, high = 0, None
    for meta in field.metadata if field else ():
        low = getattr(meta, "min_length", None) or low
        high = getattr(meta, "max_length", None) or high
    return low, high


def validate(model: type[M], data: Any, document: YamlDocument, file: str, problems: ProblemList,
             base: KeyPath = (), languages: tuple[str, ...] = ()) -> M | None:
    """``data`` (found at ``base`` in ``document``) as ``model``, or None after recording each problem."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            path, parent = _clean_location(model, tuple(detail["loc"]))
            if detail["type"] in ("union_tag_invalid", "union_tag_not_found"):
                # Pydantic places the error on the node; the author wrote it on the tag's key.
                path = (*path, str((detail.get("ctx") or {}).get("discriminator", "kind")).strip("'"))
            explained = explain(detail, path, parent, languages)
            if explained is None:
                continue
            problem, fix = explained
            full = (*base, *path)
            problems.add(file, display_path(document.data, full), problem, fix, document.line_of(full))
        return None
