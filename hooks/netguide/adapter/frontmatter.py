"""Front matter of the hand-written pages: MkDocs silently ignores malformed YAML there."""

from __future__ import annotations

from pathlib import Path

from ..errors import ProblemList
from ..yamlfile import YamlError, parse_yaml
from .stubs import is_stub


def check_front_matter(docs_dir: Path, problems: ProblemList) -> None:
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if is_stub(text):
            continue
        lines = text.splitlines()
        if not lines or lines[0].strip() != "---":
            continue
        try:
            end = next(index for index, line in enumerate(lines[1:], 1) if line.strip() in ("---", "..."))
        except StopIteration:
            problems.add(path, "front matter", "the front matter opened on line 1 is never closed",
                         "end it with a line holding only '---'", 1)
            continue
        try:
            data = parse_yaml("\n".join(lines[1:end])).data
        except YamlError as problem:
            problems.add(path, "front matter", problem.problem, problem.fix,
                         problem.line + 1 if problem.line else None)
            continue
        if data is not None and not isinstance(data, dict):
            problems.add(path, "front matter", "front matter must be 'key: value' lines",
                         "write it as a YAML mapping", 2)
