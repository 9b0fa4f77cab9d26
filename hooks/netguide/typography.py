"""Typographic conventions that the data's authors should not have to type by hand."""

from __future__ import annotations

import html
import re

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

_SPACE_BEFORE_COLON = re.compile(r"[ \u00a0\u202f]+:")
_SPACE_BEFORE_TALL = re.compile(r"(?<=[\w»)\]])[ \u00a0\u202f]*([;!?])")
_AFTER_OPENING_QUOTE = re.compile(r"«[ \u00a0\u202f]*")
_BEFORE_CLOSING_QUOTE = re.compile(r"[ \u00a0\u202f]*»")
_NUMBER_UNIT = re.compile(r"(\d) (h|min|%|ans|mois|jours|semaines)\b")


def french(text: str) -> str:
    """Non-breaking spaces before : ; ! ? and inside « », as French typography requires.

    Only the space already typed before a colon is replaced (a colon glued to a word may be
    a time or a ratio); ; ! ? get a narrow non-breaking space in all cases.
    """
    text = _SPACE_BEFORE_COLON.sub(NBSP + ":", text)
    text = _SPACE_BEFORE_TALL.sub(NARROW_NBSP + r"\1", text)
    text = _AFTER_OPENING_QUOTE.sub("«" + NBSP, text)
    text = _BEFORE_CLOSING_QUOTE.sub(NBSP + "»", text)
    return _NUMBER_UNIT.sub(r"\1" + NBSP + r"\2", text)


def for_language(language: str, text: str) -> str:
    return french(text) if language == "fr" else text


def html_for_language(language: str, markup: str) -> str:
    return french_html(markup) if language == "fr" else markup


# Markup, and the elements whose text is code or a program: never typeset. Text is typeset as
# the characters it stands for: entities end with ';', which french() would space.
_MARKUP = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
_VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
# An address in running text (https://…, /r/R12/#why?x=1): its : and ? are not punctuation.
_ADDRESS = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+|(?<![\w/])/[^\s<]+")
_ASIDE = "ẞ"  # a letter no French or English text puts between digits


def french_html(markup: str) -> str:
    """``french`` applied to the text of an HTML fragment, never to its tags, attributes, code or addresses."""
    parts = _MARKUP.split(markup)
    verbatim = 0
    before = ""  # the last character of the text so far: "lien</a> ?" needs the space typeset too
    for index, part in enumerate(parts):
        if index % 2:
            tag = _TAG_NAME.match(part)
            if tag and tag.group(2).lower() in _VERBATIM and not part.endswith("/>"):
                verbatim = max(0, verbatim + (-1 if tag.group(1) else 1))
        elif part:
            text = html.unescape(part)
            if verbatim == 0 and text.strip():
                parts[index] = html.escape(_french_text(before + text)[len(before):], quote=False)
            before = text[-1]
    return "".join(parts)


def _french_text(text: str) -> str:
    # Each address is set aside as a word-like token, so that punctuation after it is typeset too.
    addresses: list[str] = []

    def set_aside(match: re.Match[str]) -> str:
        addresses.append(match.group(0))
        return f"{_ASIDE}{len(addresses) - 1}{_ASIDE}"

    typeset = french(_ADDRESS.sub(set_aside, text))
    return re.sub(f"{_ASIDE}(\\d+){_ASIDE}", lambda match: addresses[int(match.group(1))], typeset)
