"""Paths and links between the site's pages, and the one way to turn a path into a file.

Paths are relative to a language's root ('' for the default language, 'en/' for English)
and end with '/', as the site is published with one directory per page.
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path
from urllib.parse import urlsplit


def language_root(language: str, default_language: str) -> str:
    return "" if language == default_language else f"{language}/"


@functools.lru_cache(maxsize=1 << 16)  # the same links recur on many pages (menus, rule lists)
def relative(from_path: str, to_path: str) -> str:
    """A link from one page of a language to another of the same language."""
    start = _parts(from_path.rstrip("/"))
    target = _parts(to_path)
    if ".." in start or ".." in target:  # never made by the site: the file system's own rule
        link = posixpath.relpath(to_path or ".", posixpath.dirname(from_path.rstrip("/") + "/index.html") or ".")
    else:
        common = 0
        while common < min(len(start), len(target)) and start[common] == target[common]:
            common += 1
        link = "/".join([".."] * (len(start) - common) + target[common:]) or "."
    if link == ".":
        return "./"
    return link + "/" if to_path == "" or to_path.endswith("/") else link


def _parts(path: str) -> list[str]:
    return [part for part in posixpath.normpath(path).split("/") if part not in ("", ".")] if path else []


def absolute(site_url: str, language: str, default_language: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + language_root(language, default_language) + path


def host_path(site_url: str, language: str, default_language: str, path: str) -> str:
    """A path from the host's root ('/en/rules/'), for pages served at any address, like "page not found"."""
    return urlsplit(site_url).path.rstrip("/") + "/" + language_root(language, default_language) + path


def language_of(url_path: str, site_url: str, languages: tuple[str, ...]) -> str:
    """The language of the page at a path from the host's root: the language whose root it is under."""
    relative_path = url_path.removeprefix(urlsplit(site_url).path.rstrip("/")).lstrip("/")
    return next((language for language in languages[1:] if (relative_path + "/").startswith(f"{language}/")),
                languages[0])


def site_url_problem(site_url: str | None) -> str | None:
    """Why ``site_url`` cannot be the site's public address, or None when it can.

    Canonical links, hreflang alternates, the sitemap, the export and the QR codes printed on
    paper are all made from it: it must be an absolute http(s) address, without query or fragment.
    """
    if not site_url or not site_url.strip():
        return "the site's address (SITE_URL) is empty"
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"the site's address (SITE_URL) '{site_url[:80]}' is not an absolute http(s) address"
    if parts.query or parts.fragment or "?" in site_url or "#" in site_url:
        return f"the site's address (SITE_URL) '{site_url[:80]}' has a query or a fragment"
    return None


class OutsideOutputError(Exception):
    """A path that would be written outside the output folder: a bug or hostile data, never written."""


def output_file(site_dir: Path, relative_path: str) -> Path:
    """The file for ``relative_path`` under ``site_dir``; refuses any path that resolves outside it.

    IDs are checked against their pattern before any path is made from them: this is the
    second line of defence, in the one place that turns paths into files.
    """
    root = site_dir.resolve()
    target = (root / relative_path).resolve()
    if relative_path.startswith("/") or not target.is_relative_to(root) or target == root:
        raise OutsideOutputError(f"refusing to write {relative_path!r}: it is not inside {root}")
    return target
