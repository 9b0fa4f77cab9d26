"""Typographic conventions that the data's authors should not have to type by hand."""

from __future__ import annotations

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
