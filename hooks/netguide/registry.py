"""The registry of published IDs: links people have shared must keep working.

An ID that was published stays in the registry for good. Removing or renaming an item is
only allowed by moving its ID to ``retired`` with the ID that replaces it; the old links
then redirect to the replacement.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ProblemList
from .model import Guide, Registry
from .yamlfile import MISSING, load_yaml

KINDS = ("rules", "themes", "checklists", "flows")
SINGULAR = {"rules": "rule", "themes": "theme", "checklists": "checklist", "flows": "flow"}


def read_registry(path: Path, problems: ProblemList, kinds: tuple[str, ...] = KINDS) -> Registry:
    data = load_yaml(path, problems)
    if data is MISSING:
        return Registry({}, {})
    if not isinstance(data, dict):
        problems.add(path, "", "expected one section per kind of item", "write 'rules:', 'themes:' sections")
        return Registry({}, {})
    published: dict[str, tuple[str, ...]] = {}
    retired: dict[str, dict[str, str]] = {}
    for kind in kinds:
        section = data.get(kind) or {}
        if not isinstance(section, dict):
            problems.add(path, kind, "expected 'published' and 'retired' keys", "see the comment at the top")
            continue
        for key in section:
            if key not in ("published", "retired"):
                problems.add(path, f"{kind}.{key}", f"unknown key '{key}'", "use only published and retired")
        ids = section.get("published") or []
        old = section.get("retired") or {}
        if not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
            problems.add(path, f"{kind}.published", "expected a list of IDs", "write one '- ID' per line")
            ids = []
        if not isinstance(old, dict) or not all(isinstance(v, str) for v in old.values()):
            problems.add(path, f"{kind}.retired", "expected 'OLD: NEW' pairs", "write e.g. R99: R12")
            old = {}
        duplicates = sorted({item for item in ids if ids.count(item) > 1})
        if duplicates:
            problems.add(path, f"{kind}.published", f"lists {', '.join(duplicates)} twice", "keep one of each")
        published[kind] = tuple(dict.fromkeys(ids))
        retired[kind] = {str(key): value for key, value in old.items()}
    for kind in data:
        if kind not in kinds:
            problems.add(path, str(kind), f"unknown kind '{kind}'", f"use only {', '.join(kinds)}")
    return Registry(published, retired)


def check_registry(guide: Guide, problems: ProblemList, path: str) -> None:
    registry = guide.registry
    for kind, current_ids in guide.ids_by_kind().items():
        what = SINGULAR[kind]
        published = set(registry.published.get(kind, ()))
        retired = registry.retired.get(kind, {})
        current = set(current_ids)
        for item_id in current_ids:
            if item_id in retired:
                problems.add(path, f"{kind}.retired.{item_id}",
                             f"the {what} {item_id} is retired but still exists in the data",
                             f"give the {what} a new ID, or remove {item_id} from retired")
            elif item_id not in published:
                problems.add(path, f"{kind}.published",
                             f"the {what} {item_id} is not registered",
                             f"add '- {item_id}' under {kind}.published once it is ready to publish")
        for item_id in sorted(published - current):
            if item_id in retired:
                problems.add(path, f"{kind}.published.{item_id}",
                             f"{item_id} is both published and retired", "remove it from published")
            else:
                problems.add(path, f"{kind}.published.{item_id}",
                             f"the published {what} {item_id} has disappeared from the data, "
                             "which would break every link to it",
                             f"restore it, or move it to {kind}.retired as '{item_id}: <ID that replaces it>'")
        for item_id, replacement in retired.items():
            if replacement not in current:
                problems.add(path, f"{kind}.retired.{item_id}",
                             f"{item_id} is retired in favour of '{replacement}', which does not exist",
                             f"name an existing {what} as its replacement")
