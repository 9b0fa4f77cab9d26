"""Material's theme files, fitted to the finished site: its search gone, its main stylesheet cut down,
the indentation of its templates collapsed (collapse_whitespace).

The theme copies every file it has into the site. Its search (the lunr worker and lunr's
languages, 1.2 MB) is not used: the site's search is Pagefind's (netguide/search.py), and without
Material's search component nothing asks for them; they are removed.

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
  js/*.js; not the folders the caller leaves out, a search engine's that adds none): a class a
  script adds is a string in it; a string a script joins to
  something (`md-tag--${kind}`, "language-" + name) makes every class that starts with it count.
A selector is kept when every class and id it names outside :not(), :has() and the like can
occur, and for each :is() or :where() one of its alternatives can; a rule is kept when one of its
selectors is. At-rules without selectors (@font-face, @keyframes) are kept; @media, @supports,
@layer and @container keep what is left inside them. Then a custom property's declaration
(--md-admonition-icon--note: url(…)) goes when nothing reads it: no var() of the rules left, and
no page, script or other stylesheet of the site names it. Anything not understood is kept.
benchmarks/css_trim.py compares screenshots of every page type with and without the trim.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..files import replace_whole

STYLESHEET = re.compile(r"^main\.([0-9a-f]{8})\.min\.css$")
STYLESHEET_DIR = "assets/stylesheets"
# Material's search: its worker (and source map) and lunr's languages.
UNUSED = ("assets/javascripts/workers", "assets/javascripts/lunr")
_ATTRIBUTE = re.compile(r"""\s(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.I | re.S)
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# The constant start of a string a script completes at run time: `md-tag--${…}`, "language-" + …
_PREFIX = re.compile(r"""([A-Za-z_][\w-]*)(?:\$\{|["'`]\s*\+)""")
_NAMED = re.compile(r"[.#](-?[A-Za-z_][\w-]*)")
_PROPERTY = re.compile(r"--[A-Za-z_][\w-]*")
_READ_PROPERTY = re.compile(r"var\(\s*(--[A-Za-z_][\w-]*)")
# Functional pseudo-classes that match when one of their selectors does; the others' arguments
# (:not(), :has(), :nth-child()…) decide nothing here.
_ALTERNATIVES_PSEUDO = ("is", "where", "matches", "-webkit-any", "-moz-any")
_GROUPS = ("@media", "@supports", "@layer", "@container", "@document", "@scope")
_VERBATIM = re.compile(r"<(pre|code|kbd|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
# A line break and the whitespace after it, in text: the next angle bracket after it opens a tag
# (inside a tag, the next one closes it). Data reaches pages escaped, so text holds no "<".
# Starting at the line break (templates leave no spaces before one) lets the scan jump from one
# line break to the next: three times faster than a run that may start with spaces.
_TEXT_LINE_BREAKS = re.compile(r"\n[ \t\r\n]*(?=[^<>]*(?:<|\Z))")


@dataclass(frozen=True)
class Names:
    """Classes and ids that pages and scripts can produce, the starts of those built at run time, and
    the custom properties that pages, scripts and other stylesheets name."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    properties: frozenset[str] = frozenset()

    def can_occur(self, name: str) -> bool:
        return name in self.exact or name.startswith(self.prefixes)


def used_names(site_dir: Path, stylesheet: Path | None = None, leave_out: tuple[str, ...] = ()) -> Names:
    """What the site's pages and scripts can produce, and what they and its stylesheets but ``stylesheet`` name.

    ``leave_out``: folders of the site whose files put nothing into a page (a search engine's
    index and query code, which the site's own script turns into results).
    """
    exact: set[str] = set()
    prefixes: set[str] = set()
    properties: set[str] = set()

    def script(text: str) -> None:
        exact.update(_WORD.findall(text))
        prefixes.update(prefix for prefix in _PREFIX.findall(text) if len(prefix) >= 3)

    inline_scripts: set[str] = set()  # Material writes the same few into every page
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        properties.update(_PROPERTY.findall(text))
        # Each match has one value, in whichever quoting group matched: all of a page's at once.
        exact.update(" ".join(map("".join, _ATTRIBUTE.findall(text))).split())
        inline_scripts.update(_INLINE_SCRIPT.findall(text))
    for inline in inline_scripts:
        script(inline)
    for path in (*site_dir.rglob("*.js"), *site_dir.rglob("*.mjs")):
        if path.relative_to(site_dir).parts[0] in leave_out:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        properties.update(_PROPERTY.findall(text))
        script(text)
    for path in site_dir.rglob("*.css"):
        if path != stylesheet:
            properties.update(_PROPERTY.findall(path.read_text(encoding="utf-8", errors="replace")))
    return Names(frozenset(exact), tuple(sorted(prefixes)), frozenset(properties))


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
    """``css`` without the rules none of whose selectors can match, nor the custom properties nothing reads."""
    trimmed = _without_rules(css, names)
    while True:  # a property read only by another one that goes goes next
        read = names.properties | set(_READ_PROPERTY.findall(trimmed))
        fewer = _without_properties(trimmed, read)
        if fewer == trimmed:
            return trimmed
        trimmed = fewer


def _without_rules(css: str, names: Names) -> str:
    out = []
    for prelude, body in _blocks(css):
        if body is None:
            out.append(prelude)
        elif prelude.lower().startswith(_GROUPS):
            inner = _without_rules(body, names)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [selector for selector in split_top(prelude) if can_match(selector.strip(), names)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def _without_properties(css: str, read: set[str]) -> str:
    out = []
    for prelude, body in _blocks(css):
        if body is None:
            out.append(prelude)
        elif prelude.lower().startswith(_GROUPS):
            inner = _without_properties(body, read)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@") or "{" in body:
            out.append(f"{prelude}{{{body}}}")
        else:
            declarations = [declaration for declaration in split_top(body, ";")
                            if not (name := declaration.strip().split(":", 1)[0].strip()).startswith("--")
                            or name in read]
            kept = ";".join(declarations).strip(";")
            if kept.strip():
                out.append(f"{prelude}{{{kept}}}")
    return "".join(out)


def collapse_whitespace(html: str) -> str:
    """Each line break in text and the whitespace after it, as one line break.

    Material's templates indent their output: a tenth of a page's bytes, gzipped. Outside
    <pre>, <code>, <kbd>, <textarea>, <script> and <style> (whose spaces count, in the site's
    stylesheets too: white-space: pre-wrap is set on code, kbd and pre alone), a browser shows
    any run of whitespace as one space: the page a reader gets is the same. Tags are left as
    they are, attribute values included.
    """
    out, position = [], 0
    for verbatim in _VERBATIM.finditer(html):
        out.append(_collapse_text(html[position:verbatim.start()]))
        out.append(verbatim.group(0))
        position = verbatim.end()
    out.append(_collapse_text(html[position:]))
    return "".join(out)


def _collapse_text(html: str) -> str:
    return _TEXT_LINE_BREAKS.sub("\n", html)


def fit_material_assets(site_dir: Path, leave_out: tuple[str, ...] = ()) -> Path | None:
    """Remove Material's unused search, trim its stylesheet (from every page and script left but
    the folders ``leave_out``), and point every page at it with the whitespace of Material's
    templates collapsed; the stylesheet."""
    for folder in UNUSED:
        shutil.rmtree(site_dir / folder, ignore_errors=True)
    renamed = trim_material_stylesheet(site_dir, leave_out)
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fitted = collapse_whitespace(text)
        if renamed:
            fitted = fitted.replace(f"{STYLESHEET_DIR}/{renamed[0]}", f"{STYLESHEET_DIR}/{renamed[1].name}")
        if fitted != text:
            replace_whole(page, fitted)
    return renamed[1] if renamed else None


def trim_material_stylesheet(site_dir: Path, leave_out: tuple[str, ...] = ()) -> tuple[str, Path] | None:
    """Write Material's main stylesheet for this site under a new fingerprint: (the old name, the new file).

    None when there is no such stylesheet, or when it is already trimmed.
    """
    folder = site_dir / STYLESHEET_DIR
    stylesheets = [path for path in folder.glob("main.*.min.css") if STYLESHEET.match(path.name)]
    if len(stylesheets) != 1:
        return None
    old = stylesheets[0]
    trimmed = trim(old.read_text(encoding="utf-8"), used_names(site_dir, old, leave_out))
    new = folder / f"main.{hashlib.sha256(trimmed.encode()).hexdigest()[:8]}.min.css"
    if new == old:
        return None
    replace_whole(new, trimmed)
    old.unlink()
    # Its source map describes the stylesheet as Material ships it.
    (folder / f"{old.name}.map").unlink(missing_ok=True)
    return old.name, new
