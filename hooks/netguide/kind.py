"""What every kind of item is: the one protocol that rules, themes, checklists, flows… follow.

A kind is a module of ``netguide.kinds`` holding everything about one kind of item: the shape
of its file, its checks, its pages and their titles, its links and its export. The rest of the
guide (loading, registry, rendering, redirects, export, navigation) loops over
``netguide.kinds.KINDS`` and names no kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, RootModel

from .errors import ProblemList
from .guide import Guide
from .shapes import Item, Origin, typeset, validate
from .yamlfile import YamlDocument, YamlError, data_files, read_yaml

T = TypeVar("T", bound=Item)

KNOWLEDGE_DIR = "knowledge"
SLUG_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 60
# Names the site uses for pages of its own beside the items of a kind (an index, a print page).
SITE_PAGE_NAMES = frozenset({"index", "print", "search", "assets", "api"})


def _no_context(language: str) -> Mapping[str, Any]:
    return {}


@dataclass(frozen=True)
class Page:
    """One page the data generates, in every language, and all a renderer needs to make it."""

    path: str  # relative to the language root, ends with '/': "rules/R07/"
    template: str  # in overrides/guide/
    titles: Mapping[str, str]  # per language; also the <title> and the navigation label
    descriptions: Mapping[str, str]  # per language; the meta description
    context: Callable[[str], Mapping[str, Any]] = _no_context  # extra template variables, per language
    short_path: str | None = None  # the printed, typed short link that redirects here: "r/R07/"
    assets: tuple[str, ...] = ()  # stylesheets and scripts only this page needs
    in_menu: bool = False  # listed in the navigation, or reached through other pages only
    in_search: bool = True  # False for a page that only repeats others (a list of short links, a print page)


@dataclass(frozen=True)
class HandoutCard:
    """What a coach's handout shows of one item, in one language: enough to recognise it and act on it."""

    title: str
    text: str  # a rule's statement, a checklist's moment, an outcome's explanation
    code: str = ""  # a code the reader can quote ("R07"), where the kind has one
    context: str = ""  # where the item belongs, e.g. the flow an outcome ends


@dataclass(frozen=True)
class MenuEntry:
    """A page of the navigation, or a section of pages under a heading."""

    position: int  # place in the navigation, small first
    paths: tuple[str, ...]
    headings: Mapping[str, str] | None = None  # per language; None for a single page


@dataclass
class Knowledge:
    """What a kind reads its items from: knowledge/, the languages, the problems found so far."""

    root: Path
    problems: ProblemList
    languages: tuple[str, ...]
    loaded: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # kinds read before this one

    @property
    def directory(self) -> Path:
        return self.root / KNOWLEDGE_DIR

    def read(self, path: Path) -> YamlDocument | None:
        """One file, parsed; None after recording why it could not be."""
        try:
            document = read_yaml(path)
        except YamlError as problem:
            self.problems.add(path, "", problem.problem, problem.fix, problem.line)
            return None
        if document.data is None:
            self.problems.add(path, "", "the file is empty", "write its data, or remove the file", 1)
            return None
        return document

    def display(self, path: Path) -> str:
        return self.problems.display(path)


class Kind(Generic[T]):
    """The protocol of a kind of item; subclasses set the class attributes and override what they have."""

    name: ClassVar[str]  # singular, in messages and page kinds: "rule"
    section: ClassVar[str]  # plural: the registry's section and the export's key: "rules"
    id_pattern: ClassVar[re.Pattern[str]] = SLUG_ID
    id_max: ClassVar[int] = SLUG_MAX
    id_example: ClassVar[str]
    registered: ClassVar[bool] = True  # its IDs are published in knowledge/registry.yml
    page_dir: ClassVar[str | None] = None  # an item's page: <page_dir>/<id>/
    short_dir: ClassVar[str | None] = None  # an item's short link: <short_dir>/<id>/
    reserved_ids: ClassVar[frozenset[str]] = SITE_PAGE_NAMES
    found_in: ClassVar[str] = ""  # where authors find the existing IDs, for fixes
    export_model: ClassVar[type[BaseModel] | None] = None  # the shape of one item in /api/guide.json
    # The kind's letter in a handout's address (?r=R07,R12&c=avant-inviter): its items can go on a
    # coach's handout, which shows each as ``handout_card`` says. None: the kind is not for handouts.
    handout_key: ClassVar[str | None] = None

    # --- IDs and addresses ----------------------------------------------------------------------
    def valid_id(self, item_id: object) -> bool:
        return (isinstance(item_id, str) and len(item_id) <= self.id_max and bool(self.id_pattern.fullmatch(item_id))
                and item_id not in self.reserved_ids)

    def id_problem(self, item_id: object) -> str | None:
        """Why ``item_id`` cannot be an ID of this kind, or None when it can."""
        if not isinstance(item_id, str) or not self.id_pattern.fullmatch(item_id) or len(item_id) > self.id_max:
            return f"is not a valid {self.name} ID (like '{self.id_example}')"
        if item_id in self.reserved_ids:
            return f"is the name of a page of the site, not free for a {self.name}"
        return None

    def item_path(self, item_id: str) -> str:
        """The page of an item; only for kinds whose items have pages (``page_dir``)."""
        if not self.page_dir:
            raise TypeError(f"{self.section} have no pages of their own")
        return f"{self.page_dir}/{item_id}/"

    def short_path(self, item_id: str) -> str | None:
        return f"{self.short_dir}/{item_id}/" if self.short_dir else None

    def short_aliases(self, item_id: str) -> tuple[str, ...]:
        """Other spellings of ``item_id`` that people type in a short link ('r7' for R07); none by default.

        Each becomes a redirect beside the short link (<short_dir>/<alias>/), unless another link
        already has that address.
        """
        return ()

    # --- Reading ---------------------------------------------------------------------------------
    def load(self, knowledge: Knowledge) -> tuple[T, ...]:
        raise NotImplementedError

    def schemas(self, languages: tuple[str, ...]) -> Mapping[str, type[BaseModel]]:
        """JSON Schema file name (in knowledge/schemas/) -> the model of the file it describes."""
        return {}

    def files(self, knowledge_dir: Path) -> list[tuple[Path, str]]:
        """The kind's data files, each with the name of the JSON Schema it follows."""
        return []

    # --- Checks that need the other kinds --------------------------------------------------------
    def check(self, guide: Guide, problems: ProblemList) -> None:
        pass

    # --- What the site shows ---------------------------------------------------------------------
    def pages(self, guide: Guide) -> list[Page]:
        return []

    def menu(self, guide: Guide) -> list[MenuEntry]:
        return []

    def export(self, guide: Guide, urls: Callable[[str], dict[str, str]]) -> list[dict[str, Any]] | None:
        """The kind's part of /api/guide.json (under ``section``), or None when it has none."""
        return None

    def handout_card(self, guide: Guide, item: T, language: str) -> HandoutCard:
        """What a handout shows of ``item``; only for kinds with a ``handout_key``."""
        raise TypeError(f"{self.section} do not go on handouts")

    # --- Typed access ----------------------------------------------------------------------------
    def all(self, guide: Guide) -> tuple[T, ...]:
        return guide.of(self.name)

    def get(self, guide: Guide, item_id: str) -> T:
        return guide.get(self.name, item_id)


class FileKind(Kind[T]):
    """A kind whose items have a file each, knowledge/<section>/<id>.yml, named after the item's ID."""

    def item_model(self, languages: tuple[str, ...]) -> type[T]:
        raise NotImplementedError

    def check_item(self, item: T, knowledge: Knowledge) -> T | None:
        """Checks of one item that pydantic's shape cannot express (its graph, its counts)."""
        return item

    def schemas(self, languages: tuple[str, ...]) -> Mapping[str, type[BaseModel]]:
        return {f"{self.name}.schema.json": self.item_model(languages)}

    def files(self, knowledge_dir: Path) -> list[tuple[Path, str]]:
        return [(path, f"{self.name}.schema.json") for path in data_files(knowledge_dir / self.section)]

    def load(self, knowledge: Knowledge) -> tuple[T, ...]:
        model = self.item_model(knowledge.languages)
        items: list[T] = []
        seen: dict[str, str] = {}
        for path in data_files(knowledge.directory / self.section):
            document = knowledge.read(path)
            if document is None:
                continue
            file = knowledge.display(path)
            item = validate(model, document.data, document, file, knowledge.problems, languages=knowledge.languages)
            if item is None:
                continue
            item._origin = Origin(file, document)
            if not self._check_id(item, path, knowledge):
                continue
            if item.id in seen:
                item.report(knowledge.problems, ("id",),
                            f"duplicate {self.name} ID '{item.id}' (also in {seen[item.id]})",
                            f"give this {self.name} a new ID that no other {self.name} uses")
                continue
            checked = self.check_item(typeset(item, knowledge.languages), knowledge)
            if checked is not None:
                seen[item.id] = file
                items.append(checked)
        return tuple(self.order(items))

    def order(self, items: list[T]) -> list[T]:
        return sorted(items, key=lambda item: item.id)

    def _check_id(self, item: T, path: Path, knowledge: Knowledge) -> bool:
        problem = self.id_problem(item.id)
        if problem:
            item.report(knowledge.problems, ("id",), f"'{item.id}' {problem}", f"use an ID like '{self.id_example}'")
            return False
        if item.id != path.stem:
            item.report(knowledge.problems, ("id",), f"the ID '{item.id}' does not match the file name '{path.name}'",
                        f"rename the file to {item.id}.yml or set id: {path.stem}")
            return False
        return True


class ListKind(Kind[T]):
    """A kind whose items are listed in one file, knowledge/<section>.yml, in site order."""

    def item_model(self, languages: tuple[str, ...]) -> type[T]:
        raise NotImplementedError

    def file_model(self, languages: tuple[str, ...]) -> type[RootModel[list[T]]]:
        return RootModel[list[self.item_model(languages)]]  # type: ignore[misc]

    def schemas(self, languages: tuple[str, ...]) -> Mapping[str, type[BaseModel]]:
        return {f"{self.section}.schema.json": self.file_model(languages)}

    def files(self, knowledge_dir: Path) -> list[tuple[Path, str]]:
        path = knowledge_dir / f"{self.section}.yml"
        return [(path, f"{self.section}.schema.json")] if path.is_file() else []

    def load(self, knowledge: Knowledge) -> tuple[T, ...]:
        path = knowledge.directory / f"{self.section}.yml"
        document = knowledge.read(path)
        if document is None:
            return ()
        file = knowledge.display(path)
        if not isinstance(document.data, list):
            knowledge.problems.add(file, "", f"expected a list of {self.section}",
                                   f"start each {self.name} with '- id: …'", 1)
            return ()
        model = self.item_model(knowledge.languages)
        items: list[T] = []
        seen: set[str] = set()
        for index, data in enumerate(document.data):
            item = validate(model, data, document, file, knowledge.problems, base=(index,),
                            languages=knowledge.languages)
            if item is None:
                continue
            item._origin = Origin(file, document, (index,))
            problem = self.id_problem(item.id)
            if problem:
                item.report(knowledge.problems, ("id",), f"'{item.id}' {problem}",
                            f"use an ID like '{self.id_example}'")
                continue
            if item.id in seen:
                item.report(knowledge.problems, ("id",), f"duplicate {self.name} ID '{item.id}'",
                            f"give this {self.name} a new ID that no other {self.name} uses")
                continue
            seen.add(item.id)
            items.append(typeset(item, knowledge.languages))
        return tuple(items)
