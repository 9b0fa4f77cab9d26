"""Themes: the groups of rules, in site order, listed in knowledge/themes.yml.

Each theme has a page listing its rules; the themes head the navigation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..export import Exported, PerLanguage
from ..guide import Guide
from ..kind import SLUG_ID, ListKind, MenuEntry, Page
from ..shapes import Item, Shape, identifier, text, with_languages

ThemeId = identifier(SLUG_ID, "repondre", "theme")
ThemeTitle = text(60, "the theme's name, as the navigation shows it")
ThemeIntro = text(600, "one or two sentences on what the theme covers")


class ThemeText(Shape):
    title: ThemeTitle
    intro: ThemeIntro


class Theme(Item):
    """A group of rules."""

    id: ThemeId


class ExportedTheme(Exported):
    """The themes that group the rules, in site order."""

    id: str
    title: PerLanguage
    url: PerLanguage


class ThemeKind(ListKind[Theme]):
    name = "theme"
    section = "themes"
    page_dir = "themes"
    id_example = "repondre"
    found_in = "an id in knowledge/themes.yml"
    export_model = ExportedTheme

    def item_model(self, languages: tuple[str, ...]) -> type[Theme]:
        return with_languages(Theme, ThemeText, languages, "the theme's name and introduction")

    def pages(self, guide: Guide) -> list[Page]:
        rules = guide.of("rule")
        return [
            Page(self.item_path(theme.id), "theme.html",
                 {lang: text.title for lang, text in theme.texts.items()},
                 {lang: text.intro for lang, text in theme.texts.items()},
                 lambda language, theme=theme: {"theme": theme,
                                                "rules": [rule for rule in rules if rule.theme == theme.id]},
                 in_menu=True)
            for theme in self.all(guide)
        ]

    def menu(self, guide: Guide) -> list[MenuEntry]:
        return [MenuEntry(10, tuple(self.item_path(theme.id) for theme in self.all(guide)),
                          {lang: guide.ui[lang]["themes"] for lang in guide.languages})]

    def export(self, guide: Guide, urls: Callable[[str], dict[str, str]]) -> list[dict[str, Any]]:
        return [{"id": theme.id, "title": {lang: text.title for lang, text in theme.texts.items()},
                 "url": urls(self.item_path(theme.id))}
                for theme in self.all(guide)]


THEMES = ThemeKind()
