"""Read knowledge/checklists/*.yml and check each checklist against the rest of the guide.

A checklist that cannot fit its printed page, cites no rule or lacks a translation stops
the build, naming the file, the key and the fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .checklist_model import MAX_ITEMS, MIN_ITEMS, MODES, Checklist, ChecklistItem, ChecklistSection, ChecklistText
from .errors import ProblemList
from .fields import RULE_ID, SLUG_ID, Fields, open_item_file, reader
from .model import Guide

CHECKLISTS_DIR = "checklists"
# Pages that live beside the checklists under checklists/: an ID equal to one would take its address.
RESERVED_IDS = ("index", "print")
# Limits that keep every checklist on one printed A4 page, in the longer of the two languages.
TITLE_MAX = 60
WHEN_MAX = 200
HEADING_MAX = 40
ITEM_MAX = 140


@reader(("title", "when"))
def _checklist_text(fields: Any, data: Mapping[str, Any], where: str) -> ChecklistText:
    return ChecklistText(fields.text(data, "title", where, max_length=TITLE_MAX),
                         fields.text(data, "when", where, max_length=WHEN_MAX))


def load_checklists(root: Path, problems: ProblemList, languages: tuple[str, ...]) -> tuple[Checklist, ...]:
    directory = root / "knowledge" / CHECKLISTS_DIR
    checklists = [checklist for path in sorted(directory.glob("*.y*ml"))
                  if (checklist := load_checklist(path, problems, languages))]
    return tuple(sorted(checklists, key=lambda checklist: (checklist.order, checklist.id)))


def load_checklist(path: Path, problems: ProblemList, languages: tuple[str, ...]) -> Checklist | None:
    opened = open_item_file(path, problems, languages, ("id", "order", "mode", "items", "sections"))
    if opened is None:
        return None
    fields, data = opened
    checklist_id = _read_id(fields, data)
    order = _read_order(fields, data)
    mode = data.get("mode")
    if mode not in MODES:
        fields.report("mode", f"'{mode}' is not a way of using a checklist",
                      "write mode: read-do (read each item, then do it) or "
                      "mode: do-confirm (do the task, then confirm each item)")
    texts = fields.localized(data, "", _checklist_text)
    sections = _read_sections(fields, data)
    _check_items(fields, sections)
    if not checklist_id or order is None or mode not in MODES:
        return None
    return Checklist(checklist_id, order, mode, texts, sections, problems.display(path))


def _read_id(fields: Fields, data: Mapping[str, Any]) -> str | None:
    checklist_id = fields.file_id(data, SLUG_ID, "avant-inviter")
    if checklist_id in RESERVED_IDS:
        fields.report("id", f"the ID '{checklist_id}' would take the address of the page checklists/{checklist_id}/",
                      f"choose another ID (not {' or '.join(RESERVED_IDS)})")
        return None
    return checklist_id


def _read_order(fields: Fields, data: Mapping[str, Any]) -> int | None:
    order = data.get("order")
    if isinstance(order, bool) or not isinstance(order, int) or order < 1:
        fields.report("order", f"'{order}' is not a position",
                      "write order: 1 for the first checklist, 2 for the next…")
        return None
    return order


def _read_sections(fields: Fields, data: Mapping[str, Any]) -> tuple[ChecklistSection, ...]:
    has_items, has_sections = "items" in data, "sections" in data
    if has_items and has_sections:
        fields.report("sections", "the checklist has both 'items' and 'sections'",
                      "keep one: 'items' for a plain list, or 'sections' whose each section holds its items")
        return ()
    if has_items:
        return (ChecklistSection({}, _read_items(fields, data.get("items"), "items")),)
    if not has_sections:
        fields.report("items", "the checklist has no items", f"list {MIN_ITEMS} to {MAX_ITEMS} items under 'items:'")
        return ()
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        fields.report("sections", "expected a list of sections",
                      "write each section as '- fr: heading' with en: and items: under it")
        return ()
    sections = []
    for index, raw in enumerate(raw_sections, 1):
        where = f"sections[{index}]"
        raw = fields.mapping(raw, where, ("items", *fields.languages))
        if raw is None:
            continue
        headings = fields.translations(raw, where, "heading", max_length=HEADING_MAX)
        sections.append(ChecklistSection(headings, _read_items(fields, raw.get("items"), f"{where}.items")))
    return tuple(sections)


def _read_items(fields: Fields, raw_items: Any, where: str) -> tuple[ChecklistItem, ...]:
    if not isinstance(raw_items, list):
        fields.report(where, "expected a list of items", "write each item as '- rule: R12' with its fr: and en: texts")
        return ()
    items = []
    for index, raw in enumerate(raw_items, 1):
        label = f"{where}[{index}]"
        raw = fields.mapping(raw, label, ("rule", *fields.languages))
        if raw is None:
            continue
        rule = raw.get("rule")
        texts = fields.translations(raw, label, "item", max_length=ITEM_MAX)
        if rule is None:
            fields.report(f"{label}.rule", "the item is tied to no rule",
                          "add 'rule: R..' naming the rule this item puts into practice")
        elif not isinstance(rule, str) or not RULE_ID.match(rule):
            fields.report(f"{label}.rule", f"'{rule}' is not a rule ID", "write the rule's code, e.g. rule: R12")
        # Kept even when broken, so that the item count reported next is the one the author sees.
        items.append(ChecklistItem(rule if isinstance(rule, str) else "", texts))
    return tuple(items)


def _check_items(fields: Fields, sections: tuple[ChecklistSection, ...]) -> None:
    items = [item for section in sections for item in section.items]
    if sections and not MIN_ITEMS <= len(items) <= MAX_ITEMS:
        key = "items" if len(sections) == 1 and not sections[0].headings else "sections"
        fields.report(key, f"the checklist has {len(items)} items, a checklist needs {MIN_ITEMS} to {MAX_ITEMS}",
                      "merge or remove items" if len(items) > MAX_ITEMS else "add items, each tied to a rule")
    for index, section in enumerate(sections, 1):
        if len(sections) > 1 and not section.items:
            fields.report(f"sections[{index}]", "the section has no items", "give it items or remove it")
    rules = [item.rule for item in items if item.rule]
    for rule in sorted({rule for rule in rules if rules.count(rule) > 1}):
        fields.report("items", f"{rule} is cited by {rules.count(rule)} items of this checklist",
                      "merge those items into one, or tie each to the rule it really applies")


def check_checklists(guide: Guide, problems: ProblemList) -> None:
    rule_ids = {rule.id for rule in guide.rules}
    retired = guide.registry.retired.get("rules", {})
    first_at: dict[int, Checklist] = {}
    for checklist in guide.checklists:
        for section_index, section in enumerate(checklist.sections, 1):
            for item_index, item in enumerate(section.items, 1):
                if item.rule in rule_ids:
                    continue
                where = (f"sections[{section_index}].items[{item_index}].rule" if section.headings
                         else f"items[{item_index}].rule")
                fix = (f"tie the item to {retired[item.rule]}, which replaces {item.rule}" if item.rule in retired
                       else "use the code of an existing rule (a file in knowledge/rules/)")
                problems.add(checklist.file, where, f"unknown rule '{item.rule}'", fix)
        if checklist.order in first_at:
            problems.add(checklist.file, "order",
                         f"order {checklist.order} is also used by {first_at[checklist.order].file}",
                         "give each checklist its own position")
        else:
            first_at[checklist.order] = checklist
