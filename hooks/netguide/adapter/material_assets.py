"""Material's theme files, fitted to the finished site: its search gone, its main stylesheet cut down,
the indentation of its templates collapsed (collapse_whitespace).

The theme copies every file it has into the site. Its search (the lunr worker and lunr's
languages, 1.2 MB) is not used: the site's search is Pagefind's (netguide/search.py), and without
Material's search component nothing asks for them; they are removed.

Material's main.<hash>.min.css styles every component Material has (admonitions, code blocks,
tabs, tags, blog, versions…); this site uses a few, and the stylesheet is the largest part of
a first visit after Material's script. Once every language is built, the rules that can match
nothing are dropped and the file is written under a new fingerprint, which every page is
pointed at as it is written (MaterialFitting): hosts keep fingerprinted files a year, so the
new content must not reuse the old name.

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
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..build_cache import TextCache
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


# What one page holds that decides which style rules stay: its class and id values, the custom
# properties it names, the scripts written inside it.
PageNames = tuple[list[str], list[str], list[str]]


def page_names(html: str) -> PageNames:
    # Each match has one value, in whichever quoting group matched: all of a page's at once.
    return (sorted(set(" ".join(map("".join, _ATTRIBUTE.findall(html))).split())),
            sorted(set(_PROPERTY.findall(html))), sorted(set(_INLINE_SCRIPT.findall(html))))


class PageNamesMemory:
    """The names of each page of the last build whose stylesheet was trimmed, by the digest of its HTML.

    After an edit most pages are the same as before: their names are taken from here instead of
    being searched for again (a tenth of a second for the site). One cache entry, replaced by each
    such build with its own pages, so it never holds more than one site's.
    """

    KEY = TextCache.digest("names of pages")

    def __init__(self, cache: TextCache) -> None:
        self._cache = cache
        self._known: dict[str, PageNames] | None = None
        self._seen: dict[str, PageNames] = {}

    def names(self, html: str) -> PageNames:
        digest = hashlib.blake2b(html.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        if self._known is None:
            self._known = self._read()
        names = self._known.get(digest) or page_names(html)
        self._seen[digest] = names
        return names

    def keep(self) -> None:
        if self._seen:
            self._cache.put(self.KEY, json.dumps(self._seen, ensure_ascii=False, separators=(",", ":")))

    def _read(self) -> dict[str, PageNames]:
        try:
            known = json.loads(self._cache.get(self.KEY) or "{}")
            return {digest: (list(exact), list(properties), list(scripts))
                    for digest, (exact, properties, scripts) in known.items()
                    if all(isinstance(name, str) for part in (exact, properties, scripts) for name in part)}
        except (ValueError, TypeError, AttributeError):
            return {}


class NameCollector:
    """Gathers what pages, scripts and stylesheets can produce or name (see used_names), one text at a time."""

    def __init__(self) -> None:
        self.exact: set[str] = set()
        self.prefixes: set[str] = set()
        self.properties: set[str] = set()
        self._inline_scripts: set[str] = set()  # Material writes the same few into every page

    def add_page(self, html: str) -> None:
        self.add_page_names(page_names(html))

    def add_page_names(self, names: PageNames) -> None:
        exact, properties, inline_scripts = names
        self.exact.update(exact)
        self.properties.update(properties)
        self._inline_scripts.update(inline_scripts)

    def add_script(self, text: str) -> None:
        self.properties.update(_PROPERTY.findall(text))
        self.exact.update(_WORD.findall(text))
        self.prefixes.update(prefix for prefix in _PREFIX.findall(text) if len(prefix) >= 3)

    def add_stylesheet(self, text: str) -> None:
        self.properties.update(_PROPERTY.findall(text))

    def add_site(self, site_dir: Path, stylesheet: Path | None, leave_out: tuple[str, ...],
                 pages_seen: frozenset[Path] = frozenset()) -> list[Path]:
        """Every page but ``pages_seen``, script and stylesheet but ``stylesheet`` of the site, outside the
        folders ``leave_out``; returns the pages it read."""
        files = site_files(site_dir, leave_out)
        pages = [page for page in files[".html"] if page not in pages_seen]
        for page in pages:
            self.add_page(page.read_text(encoding="utf-8", errors="replace"))
        for path in (*files[".js"], *files[".mjs"]):
            self.add_script(path.read_text(encoding="utf-8", errors="replace"))
        for path in files[".css"]:
            if path != stylesheet:
                self.add_stylesheet(path.read_text(encoding="utf-8", errors="replace"))
        return pages

    def names(self) -> Names:
        for inline in self._inline_scripts:
            self.add_script(inline)
        self._inline_scripts.clear()
        return Names(frozenset(self.exact), tuple(sorted(self.prefixes)), frozenset(self.properties))


def site_files(site_dir: Path, leave_out: tuple[str, ...] = ()) -> dict[str, list[Path]]:
    """The site's pages, scripts and stylesheets by suffix (.html, .js, .mjs, .css), outside the folders
    ``leave_out`` of any language (a search index's), in one walk of the folder."""
    found: dict[str, list[Path]] = {suffix: [] for suffix in (".html", ".js", ".mjs", ".css")}
    for folder, subfolders, names in os.walk(site_dir):
        subfolders[:] = sorted(name for name in subfolders if name not in leave_out)
        for name in sorted(names):
            suffix = os.path.splitext(name)[1]
            if suffix in found:
                found[suffix].append(Path(folder, name))
    return found


def used_names(site_dir: Path, stylesheet: Path | None = None, leave_out: tuple[str, ...] = ()) -> Names:
    """What the site's pages and scripts can produce, and what they and its stylesheets but ``stylesheet`` name.

    ``leave_out``: folders of the site whose files put nothing into a page (a search engine's
    index and query code, which the site's own script turns into results).
    """
    collector = NameCollector()
    collector.add_site(site_dir, stylesheet, leave_out)
    return collector.names()


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
    def kept_selectors(prelude: str, body: str) -> str | None:
        kept = [selector for selector in split_top(prelude) if can_match(selector.strip(), names)]
        return f"{','.join(kept)}{{{body}}}" if kept else None

    return _each_style_rule(css, kept_selectors)


def _without_properties(css: str, read: set[str]) -> str:
    def kept_declarations(prelude: str, body: str) -> str | None:
        if "{" in body:  # nested rules: not judged, kept
            return f"{prelude}{{{body}}}"
        declarations = [declaration for declaration in split_top(body, ";")
                        if not (name := declaration.strip().split(":", 1)[0].strip()).startswith("--")
                        or name in read]
        kept = ";".join(declarations).strip(";")
        return f"{prelude}{{{kept}}}" if kept.strip() else None

    return _each_style_rule(css, kept_declarations)


def _each_style_rule(css: str, rewrite: Callable[[str, str], str | None]) -> str:
    """``css`` with each style rule (prelude, body) replaced by ``rewrite``'s text, or dropped for None;
    inside @media, @supports and the like too (a group left empty goes); other at-rules as they are."""
    out = []
    for prelude, body in _blocks(css):
        if body is None:
            out.append(prelude)
        elif prelude.lower().startswith(_GROUPS):
            inner = _each_style_rule(body, rewrite)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        elif (rule := rewrite(prelude, body)) is not None:
            out.append(rule)
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


def material_stylesheet(theme_dirs: Iterable[Path]) -> str | None:
    """The name of Material's main stylesheet (main.<hash>.min.css) among the theme's folders, the first found."""
    for folder in theme_dirs:
        found = [path.name for path in (Path(folder) / STYLESHEET_DIR).glob("main.*.min.css")
                 if STYLESHEET.match(path.name)]
        if len(found) == 1:
            return found[0]
    return None


class MaterialFitting:
    """Material's files fitted to the site as the build writes it (the module's docstring says what and why).

    The trimmed stylesheet's name is fixed before any page is written, from the digest of the
    build's inputs (netguide.build_cache.inputs_digest): each page is then pointed at it and its
    whitespace collapsed as it is written (page), and nothing is written twice. Hosts keep
    fingerprinted files a year: new inputs give a new name; the same inputs give the same pages,
    so the same trimmed stylesheet, which ``stylesheets`` keeps for the next build under that
    digest. Without it, each page's names are gathered as it is written and ``finish`` trims the
    stylesheet once every page is written (or takes the trim of the same names from the cache).
    """

    def __init__(self, material_name: str, inputs: str, stylesheets: TextCache) -> None:
        self.material_name = material_name
        self.fitted_name = f"main.{inputs[:8]}.min.css"
        self._old_link = f"{STYLESHEET_DIR}/{material_name}"
        self._new_link = f"{STYLESHEET_DIR}/{self.fitted_name}"
        self._stylesheets = stylesheets
        self._key = TextCache.digest("fitted stylesheet", inputs, material_name)
        self._fitted = stylesheets.get(self._key)
        self._collector = NameCollector()
        self._page_names = PageNamesMemory(stylesheets)
        self._pages: set[Path] = set()

    def page(self, html: str, path: Path) -> str:
        """The page about to be written at ``path``, fitted; its names gathered."""
        self.page_as_written(html, path)
        return collapse_whitespace(html).replace(self._old_link, self._new_link)

    def page_as_written(self, html: str, path: Path) -> None:
        """A page written at ``path`` as it is (a redirect, which links no stylesheet): its names gathered."""
        if self._fitted is None:
            self._collector.add_page_names(self._page_names.names(html))
        self._pages.add(Path(path))

    def finish(self, site_dir: Path, leave_out: tuple[str, ...] = ()) -> Path | None:
        """Once every page is written: Material's search removed, its stylesheet trimmed to what the pages
        and scripts (outside ``leave_out``) can produce, under the fitted name; that stylesheet.

        Pages the build wrote without ``page`` or ``page_as_written`` (pages copied as they are) are
        read for their names, and pointed at the fitted stylesheet if they link Material's.
        """
        for folder in UNUSED:
            shutil.rmtree(site_dir / folder, ignore_errors=True)
        folder = site_dir / STYLESHEET_DIR
        old = folder / self.material_name
        if not old.is_file():
            return None
        if self._fitted is None:
            unseen = self._collector.add_site(site_dir, old, leave_out, frozenset(self._pages))
            names = self._collector.names()
            # An edit seldom brings a class no page had: the same names, the same trim.
            trimmed_key = TextCache.digest("trimmed stylesheet", self.material_name, *sorted(names.exact), "\0",
                                           *names.prefixes, "\0", *sorted(names.properties))
            self._fitted = self._stylesheets.get(trimmed_key)
            if self._fitted is None:
                self._fitted = trim(old.read_text(encoding="utf-8"), names)
                self._stylesheets.put(trimmed_key, self._fitted)
            self._stylesheets.put(self._key, self._fitted)
            self._page_names.keep()
        else:
            unseen = [page for page in site_files(site_dir, leave_out)[".html"] if page not in self._pages]
        for page in unseen:
            text = page.read_text(encoding="utf-8")
            if self._old_link in text:
                replace_whole(page, collapse_whitespace(text).replace(self._old_link, self._new_link))
        new = folder / self.fitted_name
        replace_whole(new, self._fitted)
        if new != old:
            old.unlink()
        # Its source map describes the stylesheet as Material ships it.
        (folder / f"{self.material_name}.map").unlink(missing_ok=True)
        return new
