"""Reading typed fields out of parsed YAML, recording a precise problem for each bad one."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .errors import ProblemList
from .typography import for_language
from .yamlfile import MISSING, load_yaml

RULE_ID = re.compile(r"^R\d{2,4}$")
SLUG_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Fields:
    """Field access for one data file: every failed check becomes a Problem naming file and key."""

    def __init__(self, problems: ProblemList, path: Path, languages: tuple[str, ...]) -> None:
        self.problems = problems
        self.path = path
        self.languages = languages

    def report(self, where: str, problem: str, fix: str) -> None:
        self.problems.add(self.path, where, problem, fix)

    def mapping(self, value: Any, where: str, allowed: Iterable[str]) -> Mapping[str, Any] | None:
        if not isinstance(value, Mapping):
            self.report(where, f"expected a mapping of keys, found {type(value).__name__}",
                        "write it as 'key: value' lines")
            return None
        allowed = tuple(allowed)
        for key in value:
            if key not in allowed:
                self.report(f"{where}.{key}" if where else str(key), f"unknown key '{key}'",
                            f"use only {', '.join(allowed)} (check the spelling)")
        return value

    def text(self, data: Mapping[str, Any], key: str, where: str, *, required: bool = True,
             max_length: int | None = None) -> str | None:
        value = data.get(key)
        label = f"{where}.{key}" if where else key
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.report(label, "required text is missing or empty", f"write the {key} text")
            return None
        if not isinstance(value, str):
            self.report(label, f"expected text, found {type(value).__name__}", "write it as a quoted string")
            return None
        value = " ".join(value.split()) if "\n\n" not in value.strip() else value.strip()
        if max_length and len(value) > max_length:
            self.report(label, f"text is {len(value)} characters long, the limit is {max_length}",
                        "shorten it")
        return value

    def text_list(self, data: Mapping[str, Any], key: str, where: str, *, minimum: int = 1,
                  maximum: int | None = None) -> tuple[str, ...]:
        value = data.get(key)
        label = f"{where}.{key}" if where else key
        if not isinstance(value, list) or not value:
            self.report(label, "required list is missing or empty", f"write {key} as a list of '- ' lines")
            return ()
        items = []
        for index, item in enumerate(value, 1):
            if isinstance(item, dict):
                self.report(f"{label}[{index}]", "YAML read this item as a 'key: value' pair because it "
                            "contains ': '", 'put the whole item in double quotes: - "…"')
                continue
            if not isinstance(item, str) or not item.strip():
                self.report(f"{label}[{index}]", "list item is empty or not text", "write it as text")
                continue
            items.append(" ".join(item.split()))
        if len(items) < minimum or (maximum is not None and len(items) > maximum):
            bounds = f"{minimum} to {maximum}" if maximum is not None else f"at least {minimum}"
            self.report(label, f"has {len(items)} items", f"give it {bounds} items")
        return tuple(items)

    def identifier(self, data: Mapping[str, Any], key: str, where: str, pattern: re.Pattern[str],
                   example: str) -> str | None:
        value = data.get(key)
        label = f"{where}.{key}" if where else key
        if not isinstance(value, str) or not pattern.match(value):
            self.report(label, f"'{value}' is not a valid ID", f"use an ID like '{example}'")
            return None
        return value

    def id_list(self, data: Mapping[str, Any], key: str, where: str, *, required: bool = True
                ) -> tuple[str, ...]:
        value = data.get(key, [] if not required else None)
        label = f"{where}.{key}" if where else key
        if value is None or (required and value == []):
            self.report(label, "required list of IDs is missing or empty", f"list at least one {key} ID")
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.report(label, "expected a list of IDs", f"write it as [ID, ID] (e.g. {key}: [a, b])")
            return ()
        duplicates = sorted({item for item in value if value.count(item) > 1})
        if duplicates:
            self.report(label, f"lists {', '.join(duplicates)} more than once", "list each ID once")
        return tuple(dict.fromkeys(value))

    def translations(self, data: Mapping[str, Any], where: str, what: str, *, max_length: int | None = None
                     ) -> dict[str, str]:
        """A short text written directly as 'fr: ...' and 'en: ...' keys (an answer, a checklist item)."""
        texts = {}
        for language in self.languages:
            value = data.get(language)
            if value is None or (isinstance(value, str) and not value.strip()):
                self.report(f"{where}.{language}", f"the {language} translation of this {what} is missing",
                            f"add '{language}: ...' with the {what}'s text in that language")
                continue
            text = self.text(data, language, where, max_length=max_length)
            if text is not None:
                texts[language] = for_language(language, text)
        return texts

    def file_id(self, data: Mapping[str, Any], pattern: re.Pattern[str], example: str) -> str | None:
        """The ID of an item that has a file of its own; it must be the file's name."""
        item_id = self.identifier(data, "id", "", pattern, example)
        if item_id and item_id != self.path.stem:
            self.report("id", f"the ID '{item_id}' does not match the file name '{self.path.name}'",
                        f"rename the file to {item_id}.yml or set id: {self.path.stem}")
        return item_id

    def localized(self, data: Mapping[str, Any], where: str, read: Any) -> dict[str, Any]:
        """Read the per-language blocks of an item with ``read(fields_of_lang, where, language)``.

        Every configured language must be present; the result holds only the complete ones.
        """
        texts: dict[str, Any] = {}
        for language in self.languages:
            block = data.get(language)
            label = f"{where}.{language}" if where else language
            if block is None:
                self.report(label, f"the {language} translation is missing",
                            f"add a '{language}:' block with the same keys as the others")
                continue
            block = self.mapping(block, label, read.keys)
            if block is None:
                continue
            texts[language] = read(_Localized(self, language), block, label)
        return texts


def open_item_file(path: Path, problems: ProblemList, languages: tuple[str, ...], keys: tuple[str, ...]
                   ) -> tuple[Fields, Mapping[str, Any]] | None:
    """Parse one item's YAML file (a rule, checklist, flow) and check its top-level keys."""
    data = load_yaml(path, problems)
    if data is MISSING:
        return None
    fields = Fields(problems, path, languages)
    data = fields.mapping(data, "", (*keys, *languages))
    return None if data is None else (fields, data)


class _Localized:
    """Fields for one language block: texts come back with that language's typography."""

    def __init__(self, fields: Fields, language: str) -> None:
        self.fields = fields
        self.language = language

    def text(self, data: Mapping[str, Any], key: str, where: str, **options: Any) -> str | None:
        value = self.fields.text(data, key, where, **options)
        return for_language(self.language, value) if value is not None else None

    def text_list(self, data: Mapping[str, Any], key: str, where: str, **options: Any) -> tuple[str, ...]:
        return tuple(for_language(self.language, item) for item in self.fields.text_list(data, key, where, **options))

    def paragraphs(self, data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = self.fields.text(data, key, where)
        if value is None:
            return ()
        parts = (" ".join(part.split()) for part in value.split("\n\n") if part.strip())
        return tuple(for_language(self.language, part) for part in parts)


def reader(keys: tuple[str, ...]) -> Any:
    """Decorate a per-language block reader with the keys its block may hold."""

    def wrap(function: Any) -> Any:
        function.keys = keys
        return function

    return wrap
