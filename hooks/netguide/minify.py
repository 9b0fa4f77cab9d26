"""The site's own stylesheets and scripts, minified in the finished site.

docs/css/ and docs/js/ are written to be read: each file explains itself in comments, which is
a third of its size or more. Readers download them on every first visit (a rule page brings
guide.css and guide.js), so the built site gets them without comments and spacing, by rcssmin
and rjsmin (the minifiers webassets and django-compressor use), which never rename anything:
every class, id and string the pages and Material's trimmed stylesheet rely on stays as written.
The files keep their names; the sources in docs/ are never touched.
Plain Python: no MkDocs import.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import rcssmin
import rjsmin

from .files import replace_whole

OWN_ASSET_DIRS = ("css", "js")  # docs/css and docs/js, as MkDocs copies them into the site
_MINIFIERS: dict[str, Callable[[str], str]] = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minify_own_assets(site_dir: Path) -> int:
    """Minify the site's own CSS and JS files in place; returns the bytes saved."""
    saved = 0
    for folder in OWN_ASSET_DIRS:
        for path in sorted((site_dir / folder).glob("*")):
            minifier = _MINIFIERS.get(path.suffix)
            if minifier is None or not path.is_file():
                continue
            source = path.read_text(encoding="utf-8")
            minified = minifier(source).strip() + "\n"
            replace_whole(path, minified)
            saved += len(source.encode("utf-8")) - len(minified.encode("utf-8"))
    return saved
