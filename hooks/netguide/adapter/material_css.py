"""Material's main stylesheet, cut down to the rules the finished site can use.

Material's main.<hash>.min.css styles every component Material has (admonitions, code blocks,
tabs, tags, blog, versions…); this site uses a few, and the stylesheet is the largest part of
a first visit after Material's script. Once every language is built, the rules that can match
nothing are dropped and the file is written under a new fingerprint, which every page is
pointed at (hosts keep fingerprinted files a year: the new content must not reuse the old name).

Which rules can match is decided conservatively, from everything that can put a class or an id
into a page (used_names):
- the class and id attributes of every built page, every language, redirects and pages not
  found included, and every word of the scripts written inside pages;
- every word of every script the site ships (Material's bundle, which adds classes at run time,
  js/*.js, Pagefind's): a class a script adds is a string in it; a string a script joins to
  something (`md-tag--${kind}`, "language-" + name) makes every class that starts with it count.
A selector is kept when every class and id it names outside :not(), :has() and the like can
occur,
and for each :is() or :where() one of its alternatives can; a rule is kept when one of its
selectors is. Rules without selectors (@font-face, @keyframes, custom properties) are kept;
@media, @supports, @layer and @container keep what is left inside them. Anything not understood
is kept. benchmarks/css_trim.py compares screenshots of every page type with and without it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

STYLESHEET = re.compile(r"^main\.([0-9a-f]{8})\.min\.css$")
STYLESHEET_DIR = "assets/stylesheets"
_ATTRIBUTE = re.compile(r"""\s(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.I | re.S)
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# The constant start of a string a script completes at run time: `md-tag--${…}`, "language-" + …
_PREFIX = re.compile(r"""([A-Za-z_][\w-]*)(?:\$\{|["'`]\s*\+)""")
_NAMED = re.compile(r"[.#](-?[A-Za-z_][\w-]*)")
# Pseudo-classes whose argument does not decide whether the selector can match.
_IGNORED_PSEUDO = ("not", "has", "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type", "host",
                   "host-context", "lang", "dir", "state")
_ALTERNATIVES_PSEUDO = ("is", "where", "matches", "-webkit-any", "-moz-any")
_GROUPS = ("@media", "@supports", "@layer", "@container", "@document", "@scope")


@dataclass(frozen=True)
class Names:
    """Classes and ids that pages and scripts can produce, and the starts of those built at run time."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]

    def can_occur(self, name: str) -> bool:
        return name in self.exact or name.startswith(self.prefixes)


def used_names(site_dir: Path) -> Names:
    exact: set[str] = set()
    prefixes: set[str] = set()

    def script(text: str) -> None:
        exact.update(_WORD.findall(text))
        prefixes.update(prefix for prefix in _PREFIX.findall(text) if len(prefix) >= 3)

    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        for match in _ATTRIBUTE.finditer(text):
            exact.update((match.group(1) or match.group(2) or match.group(3) or "").split())
        for inline in _INLINE_SCRIPT.findall(text):
            script(inline)
    for path in (*site_dir.rglob("*.js"), *site_dir.rglob("*.mjs")):
        script(path.read_text(encoding="utf-8", errors="replace"))
    return Names(frozenset(exact), tuple(sorted(prefixes)))


def split_top(text: str, separator: str = ",") -> list[str]:
    """``text`` split at each ``separator`` outside brackets, parentheses and strings."""
    parts, depth, start, quote = [], 0, 0, ""
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote and text[index - 1] != "\\" else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _pseudo_arguments(selector: str) -> tuple[str, list[tuple[str, str]]]:
    """The selector without its functional pseudo-classes, and each one's (name, argument)."""
    rest, found, position = [], [], 0
    for match in re.finditer(r"::?(-?[A-Za-z-]+)\(", selector):
        if match.start() < position:
            continue
        depth, index = 1, match.end()
        while index < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[index], 0)
            index += 1
        rest.append(selector[position:match.start()])
        found.append((match.group(1).lower(), selector[match.end():index - 1]))
        position = index
    rest.append(selector[position:])
    return "".join(rest), found


def _without_attribute_values(selector: str) -> str:
    """Attribute selectors' values may hold dots and hashes ([href^="#"]): they name no class."""
    return re.sub(r"\[[^\]]*\]", "[]", selector)


def can_match(selector: str, names: Names) -> bool:
    if "\\" in selector:  # an escaped character in a name: not judged, kept
        return True
    plain, pseudos = _pseudo_arguments(_without_attribute_values(selector))
    if not all(names.can_occur(name) for name in _NAMED.findall(plain)):
        return False
    for pseudo, argument in pseudos:
        if pseudo in _ALTERNATIVES_PSEUDO and not any(can_match(part, names) for part in split_top(argument)):
            return False
    return True


def _blocks(css: str) -> list[tuple[str, str | None]]:
    """The top-level (prelude, body) pairs of a stylesheet; body None for statements (@import …;)."""
    out: list[tuple[str, str | None]] = []
    position = 0
    while position < len(css):
        if css.startswith("/*", position):
            end = css.find("*/", position + 2)
            position = len(css) if end == -1 else end + 2
            continue
        brace = css.find("{", position)
        semicolon = css.find(";", position)
        if brace == -1:
            rest = css[position:].strip()
            if rest:
                out.append((rest, None))
            break
        if semicolon != -1 and semicolon < brace and css[position:semicolon].lstrip().startswith("@"):
            out.append((css[position:semicolon + 1].strip(), None))
            position = semicolon + 1
            continue
        depth, index, quote = 1, brace + 1, ""
        while index < len(css) and depth:
            char = css[index]
            if quote:
                quote = "" if char == quote and css[index - 1] != "\\" else quote
            elif char in "\"'":
                quote = char
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            index += 1
        out.append((css[position:brace].strip(), css[brace + 1:index - 1]))
        position = index
    return out


def trim(css: str, names: Names) -> str:
    """``css`` without the rules none of whose selectors can match."""
    out = []
    for prelude, body in _blocks(css):
        if body is None:
            out.append(prelude)
        elif prelude.lower().startswith(_GROUPS):
            inner = trim(body, names)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [selector for selector in split_top(prelude) if can_match(selector.strip(), names)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def trim_material_stylesheet(site_dir: Path) -> Path | None:
    """Rewrite Material's main stylesheet for this site under a new fingerprint; the new file, or None."""
    folder = site_dir / STYLESHEET_DIR
    stylesheets = [path for path in folder.glob("main.*.min.css") if STYLESHEET.match(path.name)]
    if len(stylesheets) != 1:
        return None
    old = stylesheets[0]
    trimmed = trim(old.read_text(encoding="utf-8"), used_names(site_dir))
    new = folder / f"main.{hashlib.sha256(trimmed.encode()).hexdigest()[:8]}.min.css"
    if new == old:
        return new
    new.write_text(trimmed, encoding="utf-8")
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if old.name in text:
            page.write_text(text.replace(f"{STYLESHEET_DIR}/{old.name}", f"{STYLESHEET_DIR}/{new.name}"),
                            encoding="utf-8")
    old.unlink()
    # Its source map describes the stylesheet as Material ships it.
    (folder / f"{old.name}.map").unlink(missing_ok=True)
    return new
