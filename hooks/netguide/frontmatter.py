"""Front matter of the hand-written pages: MkDocs silently ignores malformed YAML there."""

from __future__ import annotations

from pathlib import Path

from .errors import ProblemList
from .yamlfile import MISSING, parse_yaml_text


def check_front_matter(docs_dir: Path, problems: ProblemList, skip_dirs: tuple[str, ...] = ()) -> None:
    for path in sorted(docs_dir.rglob("*.md")):
        if path.relative_to(docs_dir).parts[0] in skip_dirs:
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        if not lines or lines[0].strip() != "---":
            continue
        try:
            end = next(index for index, line in enumerate(lines[1:], 1) if line.strip() in ("---", "..."))
        except StopIteration:
            problems.add(path, "front matter", "the front matter opened on line 1 is never closed",
                         "end it with a line holding only '---'", 1)
            continue
        data = parse_yaml_text("\n".join(lines[1:end]), path, problems, line_offset=1)
        if data is not MISSING and data is not None and not isinstance(data, dict):
            problems.add(path, "front matter", "front matter must be 'key: value' lines",
                         "write it as a YAML mapping", 2)
