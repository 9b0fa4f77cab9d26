"""Reading the knowledge files: YAML that is plain data, with the line of every key and item.

The files are edited by hand for years, and may be wrong or hostile. What is refused here,
with the line where it happens:
- aliases (``*name``): the data never needs them, and nested aliases expand exponentially
  (a 2 KB "billion laughs" file would otherwise take minutes and gigabytes);
- nesting deeper than the data ever goes (libyaml's composer recurses: 100,000 brackets
  crash the process);
- a key written twice in one mapping (YAML would silently keep the last);
- tags that are not plain data (``!!python/object``…), more than one document, keys that
  are not scalars, files larger than any knowledge file needs to be.

The document is built from the parser's events with an explicit stack, never recursively,
and every key's and item's line is recorded for the messages that name it.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import marshal
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .build_cache import TextCache

# libyaml's parser when PyYAML has it (it nearly always does): about ten times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 16  # the deepest real file (a flow: nodes, answers, texts) goes 5 levels down
MAX_FILE_BYTES = 256 * 1024  # the largest real file is 30 KB

_PLAIN_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")

Key = str | int
KeyPath = tuple[Key, ...]


class YamlError(Exception):
    def __init__(self, problem: str, fix: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix
        self.line = line


@dataclass
class YamlDocument:
    """One parsed file: its data and the line (1-based) of every key and list item in it."""

    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one (a missing key: its mapping)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


@dataclass
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: KeyPath
    key: Any = None
    has_key: bool = False


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document into plain data; raise YamlError naming the line."""
    loader = _Loader(text)
    try:
        return _build(loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context
        if error.context and error.context_mark and mark and error.context_mark.line != mark.line:
            problem = f"{problem} ({error.context} opened on line {error.context_mark.line + 1})"
        fix = ("a text that holds ': ' must be written in double quotes, as \"…\" (or as a '>-' block)"
               if "mapping values are not allowed" in problem else
               "correct the YAML syntax on that line (indentation, a ':' or quote that needs escaping)")
        raise YamlError(f"malformed YAML: {problem}", fix,
                          mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise YamlError(f"malformed YAML: {error}", "correct the YAML syntax", None) from None
    finally:
        loader.dispose()


def _events(loader: Any) -> Iterator[Any]:
    while loader.check_event():
        yield loader.get_event()


def _build(loader: Any) -> YamlDocument:
    document = YamlDocument(None, {(): 1})
    stack: list[_Frame] = []
    documents = 0
    for event in _events(loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise YamlError("the file holds more than one YAML document",
                                  "remove the '---' line and everything after it, or merge the documents", line)
        elif isinstance(event, yaml.AliasEvent):
            raise YamlError(f"a YAML alias (*{event.anchor}) repeats another part of the file",
                              "write the value out in full: knowledge files do not use anchors and aliases", line)
        elif isinstance(event, yaml.ScalarEvent):
            _place(document, stack, _scalar(loader, event), line)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            if event.tag not in _PLAIN_COLLECTION_TAGS:
                raise YamlError(f"the tag {event.tag} is not plain data", "remove the tag: write the value as data",
                                line)
            if len(stack) >= MAX_DEPTH:
                raise YamlError(f"the data is nested more than {MAX_DEPTH} levels deep",
                                  "flatten it: no knowledge file needs that many levels", line)
            container: dict[Any, Any] | list[Any] = [] if isinstance(event, yaml.SequenceStartEvent) else {}
            path = _child_path(stack, line)
            document.lines.setdefault(path, line)
            stack.append(_Frame(container, path))
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            frame = stack.pop()
            _place(document, stack, frame.container, line, placed_path=frame.path)
    return document


def _child_path(stack: list[_Frame], line: int) -> KeyPath:
    if not stack:
        return ()
    parent = stack[-1]
    if isinstance(parent.container, list):
        return (*parent.path, len(parent.container))
    if not parent.has_key:
        raise YamlError("a key is a list or a mapping", "keys are plain words: write 'key: value'", line)
    return (*parent.path, parent.key)


def _scalar(loader: Any, event: Any) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError:
        raise YamlError(f"the tag {tag} is not plain data", "remove the tag: write the value as text",
                          event.start_mark.line + 1) from None


def _place(document: YamlDocument, stack: list[_Frame], value: Any, line: int,
           placed_path: KeyPath | None = None) -> None:
    if not stack:
        document.data = value
        return
    parent = stack[-1]
    container = parent.container
    if isinstance(container, list):
        document.lines.setdefault((*parent.path, len(container)), line)
        container.append(value)
    elif not parent.has_key:
        if placed_path is not None:
            raise YamlError("a key is a list or a mapping", "keys are plain words: write 'key: value'", line)
        key = value
        if key in container:
            first = document.lines.get((*parent.path, key))
            raise YamlError(f"the key '{key}' appears twice" + (f" (first on line {first})" if first else ""),
                              "keep one of them", line)
        try:
            hash(key)
        except TypeError:
            raise YamlError("a key is not a plain word", "write 'key: value'", line) from None
        document.lines[(*parent.path, key)] = line
        parent.key, parent.has_key = key, True
    else:
        container[parent.key] = value
        parent.key, parent.has_key = None, False


def read_yaml(path: Path) -> YamlDocument:
    """Read and parse one file; raise YamlError when it cannot be read or parsed."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlError(f"the file is {size // 1024} KB, more than any knowledge file needs "
                              f"({MAX_FILE_BYTES // 1024} KB)", "split it or remove what does not belong", None)
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise YamlError(f"cannot be read ({type(error).__name__})", "save the file as UTF-8 text", None) from None
    # The text is checked above whatever the cache holds; the cache is the build's own folder
    # (.cache/netguide/, written whole by builds), not data an author edits.
    key = TextCache.digest("parsed", _parser_version(), text)
    kept = _parsed.get(key)
    if kept is not None:
        with contextlib.suppress(ValueError, EOFError, TypeError):
            data, lines = marshal.loads(base64.b64decode(kept))
            return YamlDocument(data, lines)
    document = parse_yaml(text)
    with contextlib.suppress(ValueError):  # a date, the one value marshal does not keep: parsed each time
        _parsed.put(key, base64.b64encode(marshal.dumps((document.data, document.lines))).decode("ascii"))
    return document


_parsed = TextCache(None)


def keep_parsed_in(cache: TextCache) -> None:
    """Where files parsed once are kept for later builds (netguide.build_cache): the same text, the same
    document, without going through the parser's events again (half of reading knowledge/)."""
    global _parsed
    _parsed = cache


@functools.cache
def _parser_version() -> str:
    """What decides a document besides its text: this module's rules and PyYAML's parser."""
    return hashlib.sha256(Path(__file__).read_bytes() + f"{yaml.__version__} {_Loader.__name__}".encode()).hexdigest()


def is_data_file(path: Path) -> bool:
    """A knowledge file, not an editor's lock, swap or backup file, nor a system's metadata.

    Hidden files (.#R07.yml, ._R07.yml), ~R07.yml, R07.yml~ and R07.yml.swp are skipped; only
    .yml and .yaml files are read.
    """
    return path.is_file() and not path.name.startswith((".", "~", "#")) and path.suffix in (".yml", ".yaml")


def data_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.glob("*") if is_data_file(path)) if directory.is_dir() else []


def mapping_keys(value: Mapping[Any, Any]) -> list[str]:
    return [str(key) for key in value]
