"""Load the knowledge base from YAML and validate it as a whole, before any page is written."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import checklists, flows
from .errors import ProblemList
from .fields import RULE_ID, SLUG_ID, Fields, open_item_file, reader
from .model import Guide, Rule, RuleText, Source, SourceText, Theme, ThemeText, View, ViewText
from .registry import check_registry, read_registry
from .typography import for_language, french
from .yamlfile import MISSING, load_yaml

KNOWLEDGE_DIR = "knowledge"


@reader(("title", "intro"))
def _theme_text(fields: Any, data: Mapping[str, Any], where: str) -> ThemeText:
    return ThemeText(fields.text(data, "title", where, max_length=60), fields.text(data, "intro", where))


@reader(("kind", "covers"))
def _source_text(fields: Any, data: Mapping[str, Any], where: str) -> SourceText:
    return SourceText(fields.text(data, "kind", where), fields.text(data, "covers", where))


@reader(("view", "applies"))
def _view_text(fields: Any, data: Mapping[str, Any], where: str) -> ViewText:
    return ViewText(fields.text(data, "view", where), fields.text(data, "applies", where))


@reader(("title", "statement", "why", "how", "example"))
def _rule_text(fields: Any, data: Mapping[str, Any], where: str) -> RuleText:
    return RuleText(
        title=fields.text(data, "title", where, max_length=70),
        statement=fields.text(data, "statement", where, max_length=170),
        why=fields.paragraphs(data, "why", where),
        how=fields.text_list(data, "how", where, minimum=2, maximum=8),
        example=fields.text(data, "example", where, required=False),
    )


def _list_file(path: Path, problems: ProblemList, what: str) -> list[Any]:
    data = load_yaml(path, problems)
    if data is MISSING:
        return []
    if not isinstance(data, list):
        problems.add(path, "", f"expected a list of {what}", f"start each {what[:-1]} with '- id: ...'")
        return []
    return data


def _unique(items: list[Any], kind: str, problems: ProblemList, path_of: Any) -> list[Any]:
    seen: dict[str, Any] = {}
    unique = []
    for item in items:
        if item.id in seen:
            problems.add(path_of(item), "id", f"duplicate {kind} ID '{item.id}' (also in {path_of(seen[item.id])})",
                         f"give this {kind} a new ID that no other {kind} uses")
            continue
        seen[item.id] = item
        unique.append(item)
    return unique


def load_themes(root: Path, problems: ProblemList, languages: tuple[str, ...]) -> list[Theme]:
    path = root / KNOWLEDGE_DIR / "themes.yml"
    fields = Fields(problems, path, languages)
    themes = []
    for index, data in enumerate(_list_file(path, problems, "themes"), 1):
        where = f"themes[{index}]"
        data = fields.mapping(data, where, ("id", *languages))
        if data is None:
            continue
        theme_id = fields.identifier(data, "id", where, SLUG_ID, "repondre")
        texts = fields.localized(data, f"{theme_id or where}", _theme_text)
        if theme_id:
            themes.append(Theme(theme_id, texts))
    return _unique(themes, "theme", problems, lambda _item: path)


def load_sources(root: Path, problems: ProblemList, languages: tuple[str, ...]) -> list[Source]:
    path = root / KNOWLEDGE_DIR / "sources.yml"
    fields = Fields(problems, path, languages)
    sources = []
    keys = ("id", "file", "title", "subtitle", "author", "publisher", *languages)
    for index, data in enumerate(_list_file(path, problems, "sources"), 1):
        where = f"sources[{index}]"
        data = fields.mapping(data, where, keys)
        if data is None:
            continue
        source_id = fields.identifier(data, "id", where, SLUG_ID, "luthy")
        label = source_id or where
        # The documents are French: their titles keep French typography in every language.
        def french_text(key: str, required: bool = False, data: Mapping[str, Any] = data, label: str = label) -> str:
            value = fields.text(data, key, label, required=required)
            return french(value) if value else value

        sources.append(Source(
            id=source_id or "",
            file=fields.text(data, "file", label) or "",
            title=french_text("title", required=True) or "",
            subtitle=french_text("subtitle"),
            author=fields.text(data, "author", label, required=False),
            publisher=french_text("publisher"),
            texts=fields.localized(data, label, _source_text),
        ))
    return _unique([s for s in sources if s.id], "source", problems, lambda _item: path)


def load_rule(path: Path, problems: ProblemList, languages: tuple[str, ...]) -> Rule | None:
    opened = open_item_file(path, problems, languages, ("id", "theme", "sources", "related", "views"))
    if opened is None:
        return None
    fields, data = opened
    rule_id = fields.file_id(data, RULE_ID, "R07")
    theme = fields.identifier(data, "theme", "", SLUG_ID, "repondre")
    sources = fields.id_list(data, "sources", "")
    related = fields.id_list(data, "related", "", required=False)
    views = []
    raw_views = data.get("views", [])
    if not isinstance(raw_views, list):
        fields.report("views", "expected a list of views", "write each view as '- source: ...' with fr/en blocks")
        raw_views = []
    for index, raw in enumerate(raw_views, 1):
        where = f"views[{index}]"
        raw = fields.mapping(raw, where, ("source", *languages))
        if raw is None:
            continue
        source = fields.identifier(raw, "source", where, SLUG_ID, "luthy")
        views.append(View(source or "", fields.localized(raw, where, _view_text)))
    texts = fields.localized(data, "", _rule_text)
    if not rule_id or not theme:
        return None
    return Rule(rule_id, theme, sources, related, tuple(views), texts, problems.display(path))


def load_rules(root: Path, problems: ProblemList, languages: tuple[str, ...]) -> list[Rule]:
    rules_dir = root / KNOWLEDGE_DIR / "rules"
    rules = [rule for path in sorted(rules_dir.glob("*.y*ml")) if (rule := load_rule(path, problems, languages))]
    rules.sort(key=lambda rule: (len(rule.id), rule.id))
    return _unique(rules, "rule", problems, lambda item: item.file)


def load_ui(root: Path, problems: ProblemList, languages: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Interface strings from knowledge/ui/*.yml: every key unique, present and non-empty in every language."""
    ui: dict[str, dict[str, str]] = {language: {} for language in languages}
    defined_in: dict[str, Path] = {}
    for path in sorted((root / KNOWLEDGE_DIR / "ui").glob("*.yml")):
        _load_ui_file(path, problems, languages, ui, defined_in)
    return ui


def _load_ui_file(path: Path, problems: ProblemList, languages: tuple[str, ...],
                  ui: dict[str, dict[str, str]], defined_in: dict[str, Path]) -> None:
    data = load_yaml(path, problems)
    if data is MISSING:
        return
    if not isinstance(data, dict):
        problems.add(path, "", "expected 'key: {fr: ..., en: ...}' entries", "write one mapping per string")
        return
    fields = Fields(problems, path, languages)
    for key, value in data.items():
        if key in defined_in:
            fields.report(str(key), f"the string '{key}' is already defined in {problems.display(defined_in[key])}",
                          "rename one of them")
            continue
        defined_in[key] = path
        if not isinstance(value, dict):
            fields.report(str(key), "expected one text per language", f"write {key}: {{fr: ..., en: ...}}")
            continue
        fields.mapping(value, str(key), languages)
        for language in languages:
            text = fields.text(value, language, str(key))
            if text is not None:
                ui[language][key] = for_language(language, text)


def load_edition(root: Path, problems: ProblemList) -> str:
    path = root / KNOWLEDGE_DIR / "guide.yml"
    data = load_yaml(path, problems)
    if data is MISSING:
        return ""
    edition = data.get("edition") if isinstance(data, dict) else None
    if not isinstance(edition, str | int) or not str(edition).strip():
        problems.add(path, "edition", "the content's edition is missing", "set edition: YYYY-MM-DD")
        return ""
    return str(edition)


def check_references(guide: Guide, problems: ProblemList) -> None:
    theme_ids = {theme.id for theme in guide.themes}
    source_ids = {source.id for source in guide.sources}
    rule_ids = {rule.id for rule in guide.rules}
    for rule in guide.rules:
        if rule.theme not in theme_ids:
            problems.add(rule.file, "theme", f"unknown theme '{rule.theme}'",
                         f"use one of the themes in knowledge/themes.yml: {', '.join(sorted(theme_ids))}")
        for source in rule.sources:
            if source not in source_ids:
                problems.add(rule.file, "sources", f"unknown source '{source}'",
                             f"use one of the sources in knowledge/sources.yml: {', '.join(sorted(source_ids))}")
        for index, view in enumerate(rule.views, 1):
            if view.source and view.source not in source_ids:
                problems.add(rule.file, f"views[{index}].source", f"unknown source '{view.source}'",
                             f"use one of: {', '.join(sorted(source_ids))}")
            elif view.source and view.source not in rule.sources:
                problems.add(rule.file, f"views[{index}].source",
                             f"the view cites '{view.source}', which is not among the rule's sources",
                             f"add {view.source} to sources")
        for related in rule.related:
            if related == rule.id:
                problems.add(rule.file, "related", "a rule cannot be related to itself", f"remove {rule.id}")
            elif related not in rule_ids:
                problems.add(rule.file, "related", f"unknown rule '{related}'",
                             "use the ID of an existing rule (a file in knowledge/rules/) or remove it")
    cited = {source for rule in guide.rules for source in rule.sources}
    for source in guide.sources:
        if source.id not in cited:
            problems.add(KNOWLEDGE_DIR + "/sources.yml", source.id, "no rule cites this source",
                         "cite it in the sources of the rules drawn from it, or remove it")


def load_guide(root: Path, languages: tuple[str, ...] = ("fr", "en")) -> Guide:
    """Load and validate everything; raise KnowledgeError listing every problem found."""
    root = Path(root)
    problems = ProblemList(root)
    guide = Guide(
        languages=languages,
        edition=load_edition(root, problems),
        themes=tuple(load_themes(root, problems, languages)),
        sources=tuple(load_sources(root, problems, languages)),
        rules=tuple(load_rules(root, problems, languages)),
        ui=load_ui(root, problems, languages),
        registry=read_registry(root / KNOWLEDGE_DIR / "registry.yml", problems),
        checklists=tuple(checklists.load(root, problems, languages)),
        flows=tuple(flows.load(root, problems, languages)),
    )
    problems.raise_if_any()
    check_references(guide, problems)
    checklists.check(guide, problems)
    flows.check(guide, problems)
    check_registry(guide, problems, KNOWLEDGE_DIR + "/registry.yml")
    problems.raise_if_any()
    return guide
