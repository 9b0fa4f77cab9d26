"""Handouts: what a coach gives a client at the end of a session, in one link and on one printed page.

Two kinds of handout share one sheet:

- the handout page (handout/) assembles any selection of items named in its address,
  ``?r=R07,R12&c=avant-inviter&o=accepter-demande/laisser``: each letter is a kind's
  ``handout_key``, each value a comma-separated list of that kind's IDs, and the items keep the
  order of the address. The browser reads the address (docs/js/handout-page.js) and shows each
  item from the few texts this module embeds in the page, in the page's language;
- named handouts, ready-made for common situations, are data: one file each in
  knowledge/handouts/, with a page rendered at build time (handout/<id>/) and a short link (h/<id>/).

Any kind with a ``handout_key`` can be on a handout, and shows there what its ``handout_card``
says: this module names none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Annotated, Any

from pydantic import ConfigDict, Field, create_model, model_validator
from pydantic_core import PydanticCustomError

from ..errors import ProblemList
from ..export import Exported, PerLanguage
from ..guide import Guide
from ..kind import SLUG_ID, FileKind, HandoutCard, Kind, MenuEntry, Page
from ..qr import qr_svg
from ..references import check_reference
from ..shapes import Item, Shape, identifier, text, with_languages
from ..urls import relative

INDEX_PATH = "handout/"
# The sheet's styles are the checklists' (sheet.css); the handout page draws its QR code in the browser.
# handout.js is handout-page.js's store. The pages with "add to handout" controls do not list it:
# js/guide.js loads it there when it is needed, from the address their markup gives
# (overrides/guide/_macros.html, handout_tray).
NAMED_ASSETS = ("css/sheet.css", "css/handout.css", "js/handout.js", "js/handout-page.js")
PAGE_ASSETS = ("css/sheet.css", "css/handout.css", "js/handout.js", "js/qr.js", "js/handout-page.js")
# A named handout is for one situation and prints on one A4 page.
MIN_ITEMS = 2
MAX_ITEMS = 6
# The handout page shows at most this many items of its address (a link cut and pasted twice, say).
ADDRESS_MAX_ITEMS = 30
ITEM_ID_MAX = 120
KIND_LABEL = "handout_kind_"  # + a kind's name: the interface string naming the kind on a handout
# + a language: the label of the handout's link in that language, and of the button that copies it.
LINK_IN = ("handout_link_in_", "handout_copy_in_")

HandoutId = identifier(SLUG_ID, "premiers-contacts", "handout")
HandoutTitle = text(60, "the handout's name, as its sheet shows it")
HandoutIntro = text(300, "when a coach gives it; also the page's meta description")


class HandoutText(Shape):
    title: HandoutTitle
    intro: HandoutIntro


class HandoutItem(Shape):
    """One item of a handout: one key, the kind of the item, holding its ID (rule: R07)."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1, "maxProperties": 1})

    @model_validator(mode="after")
    def _one_kind(self) -> HandoutItem:
        named = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(named) != 1:
            kinds = ", ".join(type(self).model_fields)
            problem = (f"the item names {' and '.join(named)} at once" if named
                       else "the item names no item")
            fix = ("write one item per '- ' line" if named
                   else f"write the kind of the item and its ID, like 'rule: R07' (kinds: {kinds})")
            raise PydanticCustomError("guide", "{problem}", {"problem": problem, "fix": fix})
        return self

    @property
    def kind_name(self) -> str:
        return next(name for name in type(self).model_fields if getattr(self, name) is not None)

    @property
    def item_id(self) -> str:
        return getattr(self, self.kind_name)


class Handout(Item):
    """A ready-made handout for a common situation."""

    id: HandoutId
    order: Annotated[int, Field(ge=1, strict=True, description="position on the handout page: 1 for the first")]
    items: tuple[HandoutItem, ...] = Field(min_length=MIN_ITEMS, max_length=MAX_ITEMS, description=(
        f"{MIN_ITEMS} to {MAX_ITEMS} items, in the order of the sheet"))


@cache
def handout_item_model(kind_names: tuple[str, ...]) -> type[HandoutItem]:
    fields: dict[str, Any] = {
        name: (str | None, Field(default=None, min_length=1, max_length=ITEM_ID_MAX, description=f"a {name}'s ID"))
        for name in kind_names
    }
    return create_model("HandoutItem", __base__=HandoutItem, __module__=__name__, **fields)


class ExportedHandoutItem(Exported):
    kind: str = Field(description="the item's kind (rule, checklist…); its list in this export is the plural")
    key: str = Field(description="the kind's letter in a handout page's address: ?r=R07,R12&c=avant-inviter")
    id: str


class ExportedHandout(Exported):
    """Ready-made handouts for common coaching situations, each a list of items to give a client."""

    id: str
    title: PerLanguage
    intro: PerLanguage
    url: PerLanguage
    short_url: PerLanguage
    handout_url: PerLanguage = Field(description="the handout page holding the same items in its address, "
                                                 "a starting point to add or remove some")
    items: list[ExportedHandoutItem]


class HandoutKind(FileKind[Handout]):
    name = "handout"
    section = "handouts"
    page_dir = "handout"
    short_dir = "h"
    id_example = "premiers-contacts"
    found_in = "a file in knowledge/handouts/"
    export_model = ExportedHandout

    def __init__(self, kinds: Sequence[Kind[Any]]) -> None:
        self._holds = tuple(kind for kind in kinds if kind.handout_key)

    def holds(self) -> tuple[Kind[Any], ...]:
        """The kinds whose items can be on a handout (those with a ``handout_key``)."""
        return self._holds

    def item_model(self, languages: tuple[str, ...]) -> type[Handout]:
        item = handout_item_model(tuple(kind.name for kind in self.holds()))
        return with_languages(Handout, HandoutText, languages, "the handout's title and when to give it",
                              overrides=(("items", tuple[item, ...]),))

    def order(self, items: list[Handout]) -> list[Handout]:
        return sorted(items, key=lambda handout: (handout.order, handout.id))

    # --- Checks -----------------------------------------------------------------------------------
    def check(self, guide: Guide, problems: ProblemList) -> None:
        kinds = {kind.name: kind for kind in self.holds()}
        # Strings the pages read by a computed name (a template would only find out while rendering).
        labels = [prefix + language for prefix in LINK_IN for language in guide.languages]
        for key in (*labels, *(KIND_LABEL + name for name in kinds)):
            if key not in guide.ui[guide.default_language]:
                problems.add("knowledge/ui/", key, f"the interface string '{key}' is missing",
                             f"add '{key}: {{{', '.join(f'{lang}: …' for lang in guide.languages)}}}' "
                             "to a file in knowledge/ui/")
        first_at: dict[int, Handout] = {}
        for handout in self.all(guide):
            seen: set[tuple[str, str]] = set()
            for index, item in enumerate(handout.items):
                where = ("items", index, item.kind_name)
                if (item.kind_name, item.item_id) in seen:
                    handout.report(problems, where, f"the {item.kind_name} {item.item_id} is already on this handout",
                                   "list each item once")
                seen.add((item.kind_name, item.item_id))
                check_reference(guide, problems, handout, where, kinds[item.kind_name], item.item_id)
            if handout.order in first_at:
                handout.report(problems, ("order",),
                               f"order {handout.order} is also used by {first_at[handout.order].data_file}",
                               "give each handout its own position")
            else:
                first_at[handout.order] = handout

    # --- Addresses --------------------------------------------------------------------------------
    def address(self, items: Sequence[tuple[Kind[Any], str]]) -> str:
        """The handout page's query for these items: ?r=R07,R12&c=avant-inviter (docs/js/handout.js writes the same)."""
        groups: list[tuple[str, list[str]]] = []
        for kind, item_id in items:
            key = kind.handout_key or ""
            if groups and groups[-1][0] == key:
                groups[-1][1].append(item_id)
            else:
                groups.append((key, [item_id]))
        return "?" + "&".join(f"{key}={','.join(ids)}" for key, ids in groups) if groups else ""

    def items_of(self, handout: Handout) -> list[tuple[Kind[Any], str]]:
        kinds = {kind.name: kind for kind in self.holds()}
        return [(kinds[item.kind_name], item.item_id) for item in handout.items]

    # --- Pages ------------------------------------------------------------------------------------
    def cards(self, guide: Guide, items: Sequence[tuple[Kind[Any], str]], language: str, here: str
              ) -> list[dict[str, Any]]:
        """What a sheet shows of each item, with its link from the page at ``here``."""
        cards = []
        for kind, item_id in items:
            item = guide.get(kind.name, item_id)
            cards.append({"kind": kind, "item": item, "card": kind.handout_card(guide, item, language),
                          "link": relative(here, self._link_path(kind, item_id)),
                          "link_path": self._link_path(kind, item_id)})
        return cards

    @staticmethod
    def _link_path(kind: Kind[Any], item_id: str) -> str:
        return kind.short_path(item_id) or kind.item_path(item_id)

    def page_data(self, guide: Guide, language: str) -> dict[str, Any]:
        """Everything the handout page needs to show any item, in one language (embedded in the page)."""
        kinds = {}
        for kind in self.holds():
            items = {}
            for item in guide.of(kind.name):
                card: HandoutCard = kind.handout_card(guide, item, language)
                shown = {"title": card.title, "text": card.text,
                         "link": relative(INDEX_PATH, self._link_path(kind, item.id))}
                if card.code:
                    shown["code"] = card.code
                if card.context:
                    shown["context"] = card.context
                items[item.id] = shown
            kinds[kind.handout_key] = {"label": guide.ui[language][KIND_LABEL + kind.name], "items": items,
                                       "retired": dict(guide.registry.retired.get(kind.section, {}))}
        return {"kinds": kinds, "max": ADDRESS_MAX_ITEMS}

    def pages(self, guide: Guide) -> list[Page]:
        ui = guide.ui
        languages = guide.languages
        named = self.all(guide)

        def page_context(language: str) -> dict[str, Any]:
            return {"handouts": named, "handout_data": self.page_data(guide, language)}

        def named_context(language: str, handout: Handout) -> dict[str, Any]:
            path = self.item_path(handout.id)
            items = self.items_of(handout)
            return {"handout": handout, "cards": self.cards(guide, items, language, path), "qr_svg": qr_svg,
                    "edit_link": relative(path, INDEX_PATH) + self.address(items),
                    "note_key": f"{self.short_dir}:{handout.id}"}

        return [
            Page(INDEX_PATH, "handout.html", {lang: ui[lang]["handout_title"] for lang in languages},
                 {lang: ui[lang]["handout_description"] for lang in languages}, page_context,
                 assets=PAGE_ASSETS, in_menu=True),
            *(Page(self.item_path(handout.id), "handout_named.html",
                   {lang: text.title for lang, text in handout.texts.items()},
                   {lang: text.intro for lang, text in handout.texts.items()},
                   lambda language, handout=handout: named_context(language, handout),
                   short_path=self.short_path(handout.id), assets=NAMED_ASSETS)
              for handout in named),
        ]

    def menu(self, guide: Guide) -> list[MenuEntry]:
        return [MenuEntry(85, (INDEX_PATH,))]

    def export(self, guide: Guide, urls: Callable[[str], dict[str, str]]) -> list[dict[str, Any]]:
        return [
            {
                "id": handout.id,
                "title": {lang: text.title for lang, text in handout.texts.items()},
                "intro": {lang: text.intro for lang, text in handout.texts.items()},
                "url": urls(self.item_path(handout.id)),
                "short_url": urls(f"{self.short_dir}/{handout.id}/"),
                "handout_url": {lang: url + self.address(self.items_of(handout))
                                for lang, url in urls(INDEX_PATH).items()},
                "items": [{"kind": kind.name, "key": kind.handout_key, "id": item_id}
                          for kind, item_id in self.items_of(handout)],
            }
            for handout in self.all(guide)
        ]

