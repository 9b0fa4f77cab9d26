"""Bad input, one case each: the build stops with one message naming the file, the line, the key and the fix.

Each case breaks a copy of a tiny but complete guide (tests/fixtures/knowledge/: every kind, the
fewest items each needs) in one way, loads it and checks the problem reported for it: the file,
the line (the line of a marker in the broken file, so the cases do not count lines by hand), the
key, what is wrong and the fix. Loading is what every build does first, before anything is
written; test_site.py checks that a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import LANGUAGES, problems_of
from netguide.load import load_guide

FIXTURE = Path(__file__).resolve().parent / "fixtures"
K = "knowledge/"


def replace(file: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / K / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mutate


def write(file: str, text: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / K / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return mutate


def append(file: str, text: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        with (root / K / file).open("a", encoding="utf-8") as handle:
            handle.write(text)
    return mutate


def copy(source: str, target: str, old: str = "", new: str = "") -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        text = (root / K / source).read_text(encoding="utf-8")
        (root / K / target).write_text(text.replace(old, new, 1) if old else text, encoding="utf-8")
    return mutate


def replace_in_copy(file: str, old: str, new: str) -> Callable[[Path], None]:
    return replace(file, old, new)


def remove(file: str) -> Callable[[Path], None]:
    return lambda root: (root / K / file).unlink()


def both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        for mutation in mutations:
            mutation(root)
    return mutate


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Callable[[Path], None]
    file: str  # the file the message names, under knowledge/
    line: str | int | None  # the line it names: a number, or the first line holding this marker
    key: str
    problem: str  # words the problem must contain
    fix: str  # words the fix must contain


RULE = "rules/R02.yml"
CHECKLIST = "checklists/avant-inviter.yml"
SECTIONED = "checklists/rythme.yml"
FLOW = "flows/accepter.yml"
HANDOUT = "handouts/premiers-pas.yml"
REGISTRY = "registry.yml"
EXTRA_ITEM = "  - rule: R05\n    fr: Encore un point.\n    en: One more item.\n"
SECTION_ITEM = "      - rule: R06\n        fr: Encore un point.\n        en: One more item.\n"
ORPHAN = ("  - id: orphelin\n    kind: outcome\n    rules: [R05]\n    steps: [{fr: Rien., en: Nothing.}]\n"
          "    fr:\n      outcome: Seul\n      explanation: Rien.\n"
          "    en:\n      outcome: Alone\n      explanation: Nothing.\n")

CASES = [
    # YAML itself
    Case("malformed YAML", replace(RULE, "theme: inviter", "theme: [inviter"), RULE, "related:", "",
         "malformed YAML: did not find expected ',' or ']' (while parsing a flow sequence opened on line 2)",
         "correct the YAML syntax"),
    Case("key written twice", replace(RULE, "theme: inviter\n", "theme: inviter\ntheme: repondre\n"), RULE,
         "theme: repondre", "", "the key 'theme' appears twice (first on line 2)", "keep one of them"),
    Case("YAML alias", replace(RULE, "id: R02", "id: &code R02\nalias: *code"), RULE, "alias:", "",
         "a YAML alias (*code)", "write the value out in full"),
    Case("alias bomb", write("rules/R09.yml", "a: &a [x, x, x, x, x, x, x, x, x]\n"
                             + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, "
                                       f"*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(12))
                             + "id: *m\n"), "rules/R09.yml", "b: &b", "", "a YAML alias (*a)",
         "knowledge files do not use anchors and aliases"),
    Case("nesting too deep", write("rules/R09.yml", "id: " + "[" * 5000 + "]" * 5000 + "\n"), "rules/R09.yml", 1,
         "", "nested more than 16 levels deep", "flatten it"),
    Case("two documents", append(RULE, "---\nid: R02\n"), RULE, "---", "", "more than one YAML document",
         "remove the '---' line"),
    Case("code in a tag", replace(RULE, "theme: inviter", "theme: !!python/object/apply:os.system [ls]"), RULE,
         "!!python", "", "is not plain data", "remove the tag"),
    Case("empty file", write("rules/R09.yml", ""), "rules/R09.yml", 1, "", "the file is empty",
         "write its data, or remove the file"),
    Case("not a mapping", write("rules/R09.yml", "- id: R09\n"), "rules/R09.yml", 1, "",
         "expected 'key: value' lines, found a list", "write it as 'key: value' lines"),
    Case("not UTF-8", lambda root: (root / K / RULE).write_bytes("id: R02\ntitle: é\n".encode("latin-1")), RULE,
         None, "", "cannot be read", "save the file as UTF-8"),
    # Shapes of a rule
    Case("unknown key", replace(RULE, "related:", "relatd:"), RULE, "relatd:", "relatd",
         "unknown key 'relatd'", "use only id, theme, related, claims, how, views, fr, en (check the spelling)"),
    Case("missing key", replace(RULE, "theme: inviter\n", ""), RULE, 1, "theme", "'theme' is missing",
         "add 'theme: …'"),
    Case("missing language", lambda root: _cut(root, RULE, "\nen:"), RULE, 1, "en",
         "the en translation is missing", "add a 'en:' block with the same keys as the others"),
    Case("empty text", replace(RULE, "  statement: Une phrase qui dit la règle 2.", '  statement: ""'), RULE,
         'statement: ""', "fr.statement", "the text is empty", "write the statement text"),
    Case("text too long", replace(RULE, "  title: Rule number 2", "  title: " + "Long title " * 10), RULE,
         "Long title", "en.title", "the text is 109 characters long, the limit is 70", "shorten it"),
    Case("unquoted colon in a step", replace(RULE, "    fr: Premier pas de la règle 2.",
                                             "    fr: Relisez : trois phrases suffisent."), RULE, "Relisez",
         "", "mapping values are not allowed", "must be written in double quotes"),
    Case("unquoted colon in a list item", replace(RULE, "related: []", "related:\n  - Voir : R01"), RULE,
         "Voir", "related[1]", "YAML read this item as a 'key: value' pair because it contains ': '",
         'put the whole item in double quotes'),
    Case("yes and no are not text", replace(RULE, "  title: Rule number 2", "  title: No"), RULE, "title: No",
         "en.title", "YAML read this as yes or no", "double quotes"),
    Case("text that is a number", replace(RULE, "  title: Rule number 2", "  title: 2026"), RULE, "title: 2026",
         "en.title", "expected text, found a number", "write it as text"),
    Case("one step only", replace(RULE, "  - origin: guide\n    fr: Second pas de la règle 2.\n"
                                  "    en: Second step of rule 2.\n", ""), RULE, "how:", "how",
         "has 1 item, it needs 2 to 8", "add items (2 to 8 steps, each with its origin)"),
    Case("rule with no sourced point", replace(RULE, "claims:\n  - source: source-un\n    fr: Ce que dit le premier "
                                               "document, règle 2.\n    en: What the first document says, rule 2.\n",
                                               "claims: []\n"), RULE, "claims: []", "claims",
         "has 0 items, it needs 1 to 6", "add items"),
    Case("step with no origin", replace(RULE, "  - origin: guide\n", "  -\n"), RULE, "    fr: Second pas",
         "how[2].origin",
         "'origin' is missing", "add 'origin: …' (the ID of the source that advises this step, or 'guide'"),
    Case("step from a source the rule does not cite", replace(RULE, "  - origin: guide\n", "  - origin: source-deux\n"),
         RULE, "origin: source-deux", "how[2].origin", "the step comes from 'source-deux', which no claim or view of "
         "this rule cites", "add what source-deux says as a claim, or set origin: guide"),
    Case("step from an unknown source", replace(RULE, "  - origin: guide\n", "  - origin: Guide\n"), RULE,
         "origin: Guide", "how[2].origin", "'Guide' is not a valid source ID", "write an ID like 'luthy' or 'guide'"),
    Case("a disagreement with one source", replace("rules/R01.yml", "  - source: source-deux\n    fr: {view: Un autre",
                                                   "  - source: source-un\n    fr: {view: Un autre"),
         "rules/R01.yml", "views:", "views", "a disagreement needs the views of at least two sources",
         "add the view of another source"),
    Case("a list that is text", replace(RULE, "related: []", "related: R01"), RULE, "related: R01", "related",
         "expected a list, found text", "one '- ' line per item"),
    # IDs
    Case("ID not matching the file name", replace(RULE, "id: R02", "id: R09"), RULE, "id: R09", "id",
         "the ID 'R09' does not match the file name 'R02.yml'", "rename the file to R09.yml or set id: R02"),
    Case("ID not of its kind", replace(RULE, "id: R02", "id: regle-2"), RULE, "id: regle-2", "id",
         "'regle-2' is not a valid rule ID", "write an ID like 'R07'"),
    Case("ID with a trailing newline", replace(RULE, "id: R02", 'id: "R02\\n"'), RULE, 'id: "R02', "id",
         "is not a valid rule ID", "write an ID like 'R07'"),
    Case("duplicate rule ID", copy(RULE, "rules/R02.yaml"), RULE, "id: R02", "id",
         "duplicate rule ID 'R02' (also in knowledge/rules/R02.yaml)", "give this rule a new ID"),
    Case("duplicate theme ID", replace("themes.yml", "- id: repondre", "- id: inviter"), "themes.yml",
         "- id: inviter\n  fr:\n    title: Répondre", "inviter.id", "duplicate theme ID 'inviter'",
         "give this theme a new ID"),
    Case("checklist called index", copy(CHECKLIST, "checklists/index.yml", "id: avant-inviter", "id: index"),
         "checklists/index.yml", "id: index", "id", "'index' is the name of a page of the site",
         "use an ID like 'avant-inviter'"),
    Case("checklist called print", copy(CHECKLIST, "checklists/print.yml", "id: avant-inviter", "id: print"),
         "checklists/print.yml", "id: print", "id", "'print' is the name of a page of the site", "avant-inviter"),
    Case("flow called index", copy(FLOW, "flows/index.yml", "id: accepter", "id: index"), "flows/index.yml",
         "id: index", "id", "'index' is the name of a page of the site", "accepter-demande"),
    Case("theme called index", replace("themes.yml", "- id: repondre", "- id: index"), "themes.yml",
         "- id: index", "index.id", "'index' is the name of a page of the site", "repondre"),
    # References between items
    Case("unknown theme", replace(RULE, "theme: inviter", "theme: invite"), RULE, "theme: invite", "theme",
         "unknown theme 'invite'", "use the ID of an existing theme (an id in knowledge/themes.yml)"),
    Case("unknown source", replace(RULE, "  - source: source-un\n", "  - source: source-une\n"), RULE,
         "source: source-une", "claims[1].source", "unknown source 'source-une'",
         "use the ID of an existing source (an id in knowledge/sources.yml)"),
    Case("unknown related rule", replace(RULE, "related: []", "related: [R404]"), RULE, "related: [R404]",
         "related[1]", "unknown rule 'R404'", "use the ID of an existing rule (a file in knowledge/rules/)"),
    Case("related to itself", replace(RULE, "related: []", "related: [R02]"), RULE, "related: [R02]",
         "related[1]", "a rule cannot be related to itself", "remove R02"),
    Case("related to a retired rule", both(replace(RULE, "related: []", "related: [R08]"),
                                          replace(REGISTRY, "  retired: {}", "  retired:\n    R08: R03")), RULE,
         "related: [R08]", "related[1]", "unknown rule 'R08'", "R08 is retired: cite R03, which replaces it"),
    Case("view of an unknown source", replace("rules/R01.yml", "  - source: source-deux\n    fr: {view",
                                              "  - source: source-dos\n    fr: {view"), "rules/R01.yml",
         "  - source: source-dos", "views[2].source", "unknown source 'source-dos'", "an id in knowledge/sources.yml"),
    Case("source that no rule cites", append("sources.yml", "- id: source-trois\n  file: 002_c.txt\n  title: T\n"
                                             "  fr: {label: L, kind: K, covers: C}\n"
                                             "  en: {label: L, kind: K, covers: C}\n"),
         "sources.yml", "- id: source-trois", "source-trois.id", "no rule cites this source", "cite it"),
    # Checklists
    Case("checklist item with no rule", replace(CHECKLIST, "  - rule: R01\n    fr:", "  - fr:"), CHECKLIST,
         "  - fr: Premier", "items[1].rule", "'rule' is missing", "add 'rule: …'"),
    Case("checklist item citing an unknown rule", replace(CHECKLIST, "rule: R03", "rule: R99"), CHECKLIST,
         "rule: R99", "items[3].rule", "unknown rule 'R99'", "a file in knowledge/rules/"),
    Case("checklist item citing a retired rule", both(replace(CHECKLIST, "rule: R03", "rule: R08"),
                                                      replace(REGISTRY, "  retired: {}", "  retired:\n    R08: R03")),
         CHECKLIST, "rule: R08", "items[3].rule", "unknown rule 'R08'", "cite R03, which replaces it"),
    Case("checklist item that is not a rule code", replace(CHECKLIST, "rule: R03", "rule: '3'"), CHECKLIST,
         "rule: '3'", "items[3].rule", "'3' is not a valid rule ID", "write an ID like 'R07'"),
    Case("checklist with four items", replace(CHECKLIST, "  - rule: R05\n    fr: Cinquième point.\n"
                                              "    en: Fifth item.\n", ""), CHECKLIST, "items:", "items",
         "the checklist has 4 items, a checklist needs 5 to 9", "add items, each tied to a rule"),
    Case("checklist with ten items", append(CHECKLIST, EXTRA_ITEM * 5), CHECKLIST, "items:", "items",
         "the checklist has 10 items", "merge or remove items"),
    Case("same rule twice in a checklist", replace(CHECKLIST, "rule: R03", "rule: R02"), CHECKLIST,
         "rule: R02\n    fr: T",
         "items[3].rule", "R02 is already cited by another item of this checklist", "merge those items into one"),
    Case("checklist with items and sections", append(CHECKLIST, "sections: []\n"), CHECKLIST, 1, "",
         "the checklist has both 'items' and 'sections'", "keep one"),
    Case("unknown checklist mode", replace(CHECKLIST, "mode: read-do", "mode: read-then-do"), CHECKLIST,
         "mode: read-then-do", "mode", "'read-then-do' is not one of 'read-do' or 'do-confirm'",
         "write one of 'read-do' or 'do-confirm'"),
    Case("checklist item too long for the sheet", replace(CHECKLIST, "    en: Third item.",
                                                          "    en: " + "A long item " * 13), CHECKLIST,
         "A long item", "items[3].en", "the limit is 140", "shorten it"),
    Case("checklist item missing a language", replace(CHECKLIST, "    en: Second item.\n", ""), CHECKLIST,
         "  - rule: R02", "items[2].en", "the en translation is missing", "add 'en: …' with the text"),
    Case("too many items across sections", append(SECTIONED, SECTION_ITEM * 5), SECTIONED, "sections:", "sections",
         "the checklist has 10 items, a checklist needs 5 to 9", "merge or remove items"),
    Case("a section without items", lambda root: _empty_last_section(root), SECTIONED, "items: []",
         "sections[2].items", "has 0 items, it needs at least 1", "add items"),
    Case("a section heading missing a language", replace(SECTIONED, "    en: Later\n", ""), SECTIONED,
         "  - fr: Plus tard", "sections[2].en", "the en translation is missing", "add 'en: …' with the text"),
    Case("checklist title missing a language", replace(SECTIONED, "en:\n  title: Rhythm\n  when: Every week.\n",
                                                       ""), SECTIONED, 1, "en", "the en translation is missing",
         "add a 'en:' block"),
    Case("an empty checklist item", replace(CHECKLIST, "    en: Third item.", '    en: ""'), CHECKLIST,
         'en: ""', "items[3].en", "the text is empty", "write the en text"),
    Case("checklist not registered", both(copy(CHECKLIST, "checklists/apres-inviter.yml", "order: 1", "order: 5"),
                                          replace_in_copy("checklists/apres-inviter.yml", "id: avant-inviter",
                                                          "id: apres-inviter")),
         REGISTRY, "  published: [avant-inviter, rythme]", "checklists.published",
         "the checklist apres-inviter is not registered", "add '- apres-inviter' under checklists.published"),
    Case("published checklist that disappeared", remove(SECTIONED), REGISTRY, "  published: [avant-inviter, rythme]",
         "checklists.published.rythme", "the published checklist rythme has disappeared",
         "move it to checklists.retired as 'rythme: <ID that replaces it>'"),
    Case("two checklists in one position", copy(CHECKLIST, "checklists/avant-repondre.yml", "id: avant-inviter",
                                                "id: avant-repondre"), "checklists/avant-repondre.yml",
         "order: 1", "order", "order 1 is also used by knowledge/checklists/avant-inviter.yml",
         "give each checklist its own position"),
    Case("checklist position that is not a number", replace(CHECKLIST, "order: 1", "order: first"), CHECKLIST,
         "order: first", "order", "expected a whole number", "write a number like 1"),
    # Flows
    Case("unreachable node", append(FLOW, ORPHAN), FLOW, "  - id: orphelin", "nodes.orphelin",
         "no answer leads to the node 'orphelin', so nobody can reach it", "make an answer lead to it"),
    Case("question with one answer", replace(FLOW, "      - next: ignorer\n        fr: \"Non\"\n        en: \"No\"\n",
                                             ""), FLOW, "    answers:\n      - next: accepter\n        fr: \"Oui\"",
         "nodes.pourquoi.answers", "has 1 item, it needs at least 2",
         "add items (two or more answers, each leading to a node; a node with one way on is an outcome)"),
    Case("answer leading to an unknown node", replace(FLOW, "      - next: ignorer", "      - next: ignore"), FLOW,
         "next: ignore", "nodes.pourquoi.answers[2].next", "the answer leads to 'ignore', which is not a node",
         "or add a node with the ID 'ignore'"),
    Case("answer leading nowhere", replace(FLOW, "      - next: ignorer\n", "      -\n"), FLOW,
         "        fr: \"Non\"",
         "nodes.pourquoi.answers[2].next", "'next' is missing", "add 'next: …' (the ID of the node"),
    Case("answers going round in a circle", replace(FLOW, "      - next: ignorer", "      - next: qui"), FLOW,
         "  - id: qui", "nodes.qui", "the answers go round in a circle: qui → pourquoi → qui",
         "make the answer of 'pourquoi' lead to a new question or to an outcome"),
    Case("answer leading back to its question", replace(FLOW, "      - next: ignorer", "      - next: pourquoi"),
         FLOW, "next: pourquoi\n        fr: \"Non\"", "nodes.pourquoi.answers[2].next",
         "the answer leads back to its own question", "make it lead to another question"),
    Case("flow starting with an outcome", lambda root: _move_first_node_last(root), FLOW, "  - id: accepter",
         "nodes.accepter", "the flow starts with an outcome", "put the first question at the top"),
    Case("outcome citing an unknown rule", replace(FLOW, "rules: [R05]", "rules: [R99]"), FLOW, "rules: [R99]",
         "nodes.ignorer.rules[1]", "unknown rule 'R99'", "a file in knowledge/rules/"),
    Case("outcome citing no rule", replace(FLOW, "rules: [R05]", "rules: []"), FLOW, "rules: []",
         "nodes.ignorer.rules", "has 0 items, it needs at least 1", "add items (the rules that justify this outcome)"),
    Case("unknown kind of node", replace(FLOW, "kind: outcome\n    rules: [R05]", "kind: result\n    rules: [R05]"),
         FLOW, "kind: result", "nodes.ignorer.kind", "'result' is not a valid kind",
         "write kind: 'question' or 'outcome'"),
    Case("two nodes with one ID", replace(FLOW, "  - id: ignorer", "  - id: accepter"), FLOW,
         "  - id: accepter\n    kind: outcome\n    rules: [R05]", "nodes.accepter.id",
         "two nodes have the ID 'accepter'", "give one of them another ID"),
    Case("node missing a language", replace(FLOW, "    en:\n      outcome: Let it go\n      explanation: "
                                             "Nothing obliges you.\n", ""), FLOW, "  - id: ignorer",
         "nodes.ignorer.en", "the en translation is missing", "add a 'en:' block"),
    # Outcomes: items of their own, published in the registry, each with a page flows/<flow>/<outcome>/
    Case("outcome called print", both(replace(FLOW, "      - next: ignorer", "      - next: print"),
                                      replace(FLOW, "  - id: ignorer", "  - id: print")), FLOW, "  - id: print",
         "nodes.print.id", "would have its page at flows/accepter/print/, a name the site keeps",
         "give the outcome another ID"),
    Case("outcome not registered", both(replace(FLOW, "      - next: ignorer", "      - next: laisser"),
                                        replace(FLOW, "  - id: ignorer", "  - id: laisser")), REGISTRY,
         "  published: [accepter/accepter, accepter/ignorer]", "outcomes.published",
         "the outcome accepter/laisser is not registered", "add '- accepter/laisser' under outcomes.published"),
    Case("retired outcome in favour of nothing",
         replace(REGISTRY, "accepter/ignorer]\n  retired: {}",
                 "accepter/ignorer]\n  retired:\n    accepter/vite: accepter/vu"),
         REGISTRY, "accepter/vite: accepter/vu", "outcomes.retired.accepter/vite",
         "accepter/vite is retired in favour of 'accepter/vu', which does not exist", "name an existing outcome"),
    Case("retired outcome ID without its flow", replace(REGISTRY, "accepter/ignorer]\n  retired: {}",
                                                        "accepter/ignorer]\n  retired:\n    vite: accepter/accepter"),
         REGISTRY, "vite: accepter/accepter", "outcomes.retired", "'vite' is not a valid outcome ID",
         "retire only IDs that were published, like 'accepter-demande/laisser'"),
    Case("chain of questions too long", lambda root: _long_chain(root, 45), FLOW, "nodes:", "nodes",
         "one way through the flow asks 45 questions, the limit is 40", "shorten the longest chain"),
    # The probe's 1,000 chained questions: a message, never a RecursionError.
    Case("a thousand chained questions", lambda root: _long_chain(root, 1000), FLOW, "nodes:", "nodes",
         "the flow has 1001 nodes, the limit is 150", "split it into several flows"),
    # Handouts
    Case("handout item citing an unknown rule", replace(HANDOUT, "  - rule: R02", "  - rule: R99"), HANDOUT,
         "rule: R99", "items[3].rule", "unknown rule 'R99'", "a file in knowledge/rules/"),
    Case("handout item citing a retired rule", both(replace(HANDOUT, "  - rule: R02", "  - rule: R08"),
                                                    replace(REGISTRY, "  retired: {}", "  retired:\n    R08: R03")),
         HANDOUT, "rule: R08", "items[3].rule", "unknown rule 'R08'", "cite R03, which replaces it"),
    Case("handout item citing an unknown checklist", replace(HANDOUT, "checklist: avant-inviter",
                                                             "checklist: avant-invite"), HANDOUT,
         "checklist: avant-invite", "items[2].checklist", "unknown checklist 'avant-invite'",
         "a file in knowledge/checklists/"),
    Case("handout item naming two items", replace(HANDOUT, "  - rule: R02", "  - rule: R02\n    checklist: rythme"),
         HANDOUT, "  - rule: R02", "items[3]", "the item names rule and checklist at once",
         "write one item per '- ' line"),
    Case("handout item naming no item", replace(HANDOUT, "  - rule: R02", "  - rule:"), HANDOUT, "  - rule:\n",
         "items[3]", "the item names no item", "like 'rule: R07' (kinds: rule, checklist"),
    Case("handout item of a kind handouts do not hold", replace(HANDOUT, "  - rule: R02", "  - flow: accepter"),
         HANDOUT, "flow: accepter", "items[3].flow", "unknown key 'flow'", "use only rule, checklist"),
    Case("handout with one item", replace(HANDOUT, "  - checklist: avant-inviter\n  - rule: R02\n", ""), HANDOUT,
         "items:", "items", "has 1 item, it needs 2 to 6", "add items"),
    Case("same item twice on a handout", replace(HANDOUT, "  - rule: R02", "  - rule: R01"), HANDOUT,
         12, "items[3].rule", "the rule R01 is already on this handout", "list each item once"),
    Case("handout title missing a language", replace(HANDOUT, "  title: First steps\n", ""), HANDOUT, "en:",
         "en.title", "'title' is missing", "add 'title: …'"),
    Case("handout called index", copy(HANDOUT, "handouts/index.yml", "id: premiers-pas", "id: index"),
         "handouts/index.yml", "id: index", "id", "'index' is the name of a page of the site", "premiers-contacts"),
    Case("handout not registered", both(copy(HANDOUT, "handouts/autres-pas.yml", "order: 1", "order: 2"),
                                        replace_in_copy("handouts/autres-pas.yml", "id: premiers-pas",
                                                        "id: autres-pas")),
         REGISTRY, "  published: [premiers-pas]", "handouts.published", "the handout autres-pas is not registered",
         "add '- autres-pas' under handouts.published"),
    # The registry
    Case("new rule not registered", copy(RULE, "rules/R07.yml", "id: R02", "id: R07"), REGISTRY, "  published:",
         "rules.published", "the rule R07 is not registered", "add '- R07' under rules.published"),
    Case("published rule that disappeared", remove("rules/R06.yml"),
         REGISTRY, "  published:", "rules.published.R06", "the published rule R06 has disappeared",
         "move it to rules.retired as 'R06: <ID that replaces it>'"),
    Case("retired ID still in the data", replace(REGISTRY, "  retired: {}", "  retired:\n    R03: R02"), REGISTRY,
         "R03: R02", "rules.retired.R03", "the rule R03 is retired but still exists in the data",
         "remove R03 from retired"),
    Case("retired in favour of nothing", replace(REGISTRY, "  retired: {}", "  retired:\n    R08: R09"), REGISTRY,
         "R08: R09", "rules.retired.R08", "R08 is retired in favour of 'R09', which does not exist",
         "name an existing rule"),
    Case("retired ID that climbs out of the site", replace(REGISTRY, "  retired: {}",
                                                           "  retired:\n    \"../../../X\": R02"),
         REGISTRY, "../../../X", "rules.retired", "'../../../X' is not a valid rule ID", "retire only IDs"),
    Case("retired ID '..'", replace(REGISTRY, "themes:\n  published: [inviter, repondre]\n  retired: {}",
                                    "themes:\n  published: [inviter, repondre]\n  retired:\n    \"..\": inviter"),
         REGISTRY, '"..": inviter', "themes.retired", "'..' is not a valid theme ID", "retire only IDs"),
    Case("retired ID '.'", replace(REGISTRY, "themes:\n  published: [inviter, repondre]\n  retired: {}",
                                   "themes:\n  published: [inviter, repondre]\n  retired:\n    \".\": inviter"),
         REGISTRY, '".": inviter', "themes.retired", "'.' is not a valid theme ID", "retire only IDs"),
    Case("retired checklist called print",
         replace(REGISTRY, "  published: [avant-inviter, rythme]\n  retired: {}",
                 "  published: [avant-inviter, rythme]\n  retired:\n    print: avant-inviter"),
         REGISTRY, "print: avant-inviter", "checklists.retired", "'print' is the name of a page of the site",
         "retire only IDs"),
    Case("retired in favour of a path", replace(REGISTRY, "  retired: {}", "  retired:\n    R08: ../R02"),
         REGISTRY, "R08: ../R02", "rules.retired.R08", "'../R02' is not a valid rule ID",
         "name the rule that replaces"),
    Case("published ID that is not an ID", replace(REGISTRY, "published: [R01, R02, R03, R04, R05, R06]",
                                                   "published: [R01, R02, R03, R04, R05, R06, ../x]"), REGISTRY,
         "../x", "rules.published[7]", "'../x' is not a valid rule ID", "use an ID like 'R07'"),
    Case("unknown section of the registry", append(REGISTRY, "rulez:\n  published: []\n"), REGISTRY, "rulez:",
         "rulez", "unknown key 'rulez'", "use only themes, rules, checklists, flows"),
    # The guide's edition and interface strings
    Case("edition missing", write("guide.yml", "edition:\n"), "guide.yml", "edition:", "edition",
         "expected text, found nothing", "write it as text"),
    Case("edition that is not a date", write("guide.yml", "edition: 22/11/2026\n"), "guide.yml", "edition:",
         "edition", "String should match pattern", "see the format"),
    Case("interface string missing a language", append("ui/pages.yml", "restart: {fr: Recommencer}\n"),
         "ui/pages.yml", "restart:", "restart.en", "the en translation is missing", "add 'en: …'"),
    Case("interface string with a bad name", append("ui/pages.yml", "Restart-now: {fr: A, en: B}\n"),
         "ui/pages.yml", "Restart-now", "Restart-now", "is not a name for an interface string",
         "lower-case letters, digits and _"),
    Case("interface string defined twice", write("ui/more.yml", "themes: {fr: Thèmes, en: Themes}\n"),
         "ui/pages.yml", "themes:", "themes", "the string 'themes' is already defined in knowledge/ui/more.yml",
         "rename one of them"),
]


def _empty_last_section(root: Path) -> None:
    path = root / K / SECTIONED
    text = path.read_text(encoding="utf-8")
    head = text[: text.rindex("    items:\n")]
    path.write_text(head + "    items: []\n", encoding="utf-8")


def _cut(root: Path, file: str, marker: str) -> None:
    path = root / K / file
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index(marker)] + "\n", encoding="utf-8")


def _move_first_node_last(root: Path) -> None:
    path = root / K / FLOW
    text = path.read_text(encoding="utf-8")
    head, nodes = text.split("nodes:\n")
    first, rest = nodes.split("  - id: pourquoi\n", 1)
    path.write_text(head + "nodes:\n  - id: pourquoi\n" + rest.replace("  - id: accepter\n", "  - id: accepter\n", 1)
                    .replace("  - id: ignorer", first + "  - id: ignorer"), encoding="utf-8")
    # The flow now starts at 'pourquoi' (a question): make the outcome 'accepter' first instead.
    text = path.read_text(encoding="utf-8")
    head, nodes = text.split("nodes:\n")
    blocks = ["  - id: " + block for block in nodes.split("  - id: ")[1:]]
    outcome = next(block for block in blocks if block.startswith("  - id: accepter"))
    blocks.remove(outcome)
    path.write_text(head + "nodes:\n" + outcome + "".join(blocks), encoding="utf-8")


def _long_chain(root: Path, length: int) -> None:
    questions = "".join(
        f"  - id: q{number}\n    kind: question\n    fr: {{question: Q{number} ?}}\n    en: {{question: Q{number}?}}\n"
        f"    answers:\n      - {{next: {'q' + str(number + 1) if number < length else 'fin'}, fr: Oui, en: On}}\n"
        f"      - {{next: fin, fr: Non, en: Off}}\n"
        for number in range(1, length + 1))
    outcome = ("  - id: fin\n    kind: outcome\n    rules: [R01]\n    steps: [{fr: Fin., en: End.}]\n"
               "    fr: {outcome: Fin, explanation: Fin.}\n"
               "    en: {outcome: End, explanation: End.}\n")
    text = (root / K / FLOW).read_text(encoding="utf-8")
    (root / K / FLOW).write_text(text.split("nodes:\n")[0] + "nodes:\n" + questions.replace("Oui", "'Oui'")
                                 .replace("Non", "'Non'").replace(": On", ": 'On'").replace(": Off", ": 'Off'")
                                 + outcome, encoding="utf-8")


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE / "knowledge", tmp_path / "knowledge")
    return tmp_path


def test_the_tiny_guide_is_valid(tiny: Path) -> None:
    guide = load_guide(tiny, LANGUAGES)
    assert {kind: len(items) for kind, items in guide.items.items()} == {
        "source": 2, "theme": 2, "rule": 6, "checklist": 2, "flow": 1, "outcome": 2, "handout": 1}


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_bad_input_is_reported_with_file_line_key_and_fix(tiny: Path, case: Case) -> None:
    case.mutate(tiny)
    problems = problems_of(tiny)
    expected_file = K + case.file
    text = (tiny / expected_file).read_bytes().decode("utf-8", errors="replace")
    if isinstance(case.line, str):
        assert case.line in text, f"marker {case.line!r} not in {case.file}"
        expected_line: int | None = text[: text.index(case.line)].count("\n") + 1
        if case.line.startswith("\n"):
            expected_line += 1
    else:
        expected_line = case.line
    matching = [problem for problem in problems if problem.file == expected_file and case.problem in problem.problem]
    assert matching, "\n".join(str(problem) for problem in problems)
    problem = matching[0]
    assert problem.where == case.key, str(problem)
    assert problem.line == expected_line, str(problem)
    assert case.fix in problem.fix, str(problem)
    assert len(str(problem)) < 400, "a message stays short, whatever the data holds"
