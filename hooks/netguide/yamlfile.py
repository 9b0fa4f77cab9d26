"""Reading YAML so that a syntax error points at its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ProblemList

# libyaml's parser when PyYAML has it (it nearly always does): about ten times faster, which is
# most of the time `mkdocs serve` takes to show an edited rule. Same errors, same line numbers.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BaseLoader):
    """A SafeLoader that refuses a key written twice in one mapping (YAML silently keeps the last)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice (first on line {seen[key] + 1})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

MISSING = object()


def parse_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_UniqueKeyLoader)


def load_yaml(path: Path, problems: ProblemList, line_offset: int = 0) -> Any:
    """Parse one YAML file; on a syntax error, record it with its line and return MISSING."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.add(path, "", f"cannot be read ({error})", "save the file as UTF-8 text")
        return MISSING
    return parse_yaml_text(text, path, problems, line_offset)


def parse_yaml_text(text: str, path: Path, problems: ProblemList, line_offset: int = 0) -> Any:
    try:
        return parse_yaml(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problems.add(
            path,
            "",
            f"malformed YAML: {error.problem or error.context}",
            "correct the YAML syntax on that line (indentation, a ':' or quote that needs escaping)",
            line,
        )
    except yaml.YAMLError as error:
        problems.add(path, "", f"malformed YAML: {error}", "correct the YAML syntax")
    return MISSING
