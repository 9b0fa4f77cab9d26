"""Sources: the documents the rules are drawn from, listed in knowledge/sources.yml.

Their page (sources/) says what each document covers and which rules come from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from ..errors import ProblemList
from ..export import Exported, PerLanguage
from ..guide import Guide
from ..kind import SLUG_ID, ListKind, MenuEntry, Page
from ..shapes import Item, Shape, identifier, text, with_languages
from ..typography import french

PAGE_PATH = "sources/"

SourceId = identifier(SLUG_ID, "luthy", "source")
# A label may cite a French title: French typography in every language, like the titles.
Label = Annotated[text(40, "the short name a reader sees beside each claim and step drawn from the document"),
                  AfterValidator(french)]
DocumentKind = text(120, "what kind of document it is")
Covers = text(400, "what the document covers, in the guide's own words")
SeedFile = text(120, "the document's file name among the seeds")
# The documents are French: what is cited of them keeps French typography in every language.
CitedTitle = Annotated[text(200, "the document's own title, cited as it is (never translated); where it has "
                            "none, a descriptive title in [brackets]"), AfterValidator(french)]
CitedName = Annotated[text(120, "as the document gives it"), AfterValidator(french)]


class SourceText(Shape):
    label: Label
    kind: DocumentKind
    covers: Covers


class Source(Item):
    """One source document (a file of ../shared/seeds/)."""

    id: SourceId
    file: SeedFile
    title: CitedTitle
    subtitle: CitedTitle | None = None
    author: CitedName | None = None
    publisher: CitedName | None = None


class ExportedSource(Exported):
    """The source documents the rules are drawn from."""

    id: str
    title: str = Field(description="the document's own title, cited as it is")
    file: str = Field(description="the document's file among the seeds")
    url: PerLanguage = Field(description="its entry on the sources page, per language")


class SourceKind(ListKind[Source]):
    name = "source"
    section = "sources"
    registered = False
    id_example = "luthy"
    found_in = "an id in knowledge/sources.yml"
    export_model = ExportedSource

    def item_model(self, languages: tuple[str, ...]) -> type[Source]:
        return with_languages(Source, SourceText, languages, "what the document is and covers")

    def check(self, guide: Guide, problems: ProblemList) -> None:
        cited = {source for rule in guide.of("rule") for source in rule.sources}
        for source in self.all(guide):
            if source.id not in cited:
                source.report(problems, ("id",), "no rule cites this source",
                              "cite it in the sources of the rules drawn from it, or remove it")

    def pages(self, guide: Guide) -> list[Page]:
        ui = guide.ui
        rules = guide.of("rule")

        def context(language: str) -> dict[str, Any]:
            return {"sources": self.all(guide),
                    "drawn": {source.id: [rule for rule in rules if source.id in rule.sources]
                              for source in self.all(guide)}}

        return [Page(PAGE_PATH, "sources.html", {lang: ui[lang]["sources_title"] for lang in guide.languages},
                     {lang: ui[lang]["sources_description"] for lang in guide.languages}, context, in_menu=True)]

    def menu(self, guide: Guide) -> list[MenuEntry]:
        return [MenuEntry(90, (PAGE_PATH,))]

    def export(self, guide: Guide, urls: Callable[[str], dict[str, str]]) -> list[dict[str, Any]]:
        return [{"id": source.id, "title": source.title, "file": source.file,
                 "url": {lang: url + f"#{source.id}" for lang, url in urls(PAGE_PATH).items()}}
                for source in self.all(guide)]


SOURCES = SourceKind()
