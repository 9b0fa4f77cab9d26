"""QR codes drawn at build time as inline SVG, so a printed sheet leads back to its page online.

No image service is involved: segno computes the code and writes the SVG, which the page
embeds as it is.
"""

from __future__ import annotations

import functools
import re
from importlib import metadata

from markupsafe import Markup

from .build_cache import TextCache

# Medium error correction survives a crease or a pen mark on paper and keeps a short URL
# at a size that scans from a phone at arm's length.
ERROR_LEVEL = "m"
QUIET_ZONE = 4  # modules of white around the code, as the QR standard requires


SVG_CLASS = "guide-qr__code"
# What segno writes, and so all a code read back from the cache may be: an <svg> with a viewBox
# and paths of moves and lines. Anything else in the cache is drawn again, never embedded.
_PATH = '<path [a-z]+="[#0-9a-zA-Z .-]*"(?: [a-z]+="[#0-9a-zA-Z .-]*")*/>'
_SEGNO_SVG = re.compile(f'<svg viewBox="[0-9 ]+" class="{SVG_CLASS}">(?:{_PATH})+</svg>')

_codes = TextCache(None)


def keep_codes_in(cache: TextCache) -> None:
    """Where QR codes drawn once are kept for later builds (netguide.build_cache)."""
    global _codes
    _codes = cache


@functools.cache
def _segno_version() -> str:
    return metadata.version("segno")


def qr_svg(url: str) -> Markup:
    """The QR code of ``url`` as an <svg> element sized by CSS (it carries a viewBox, no width)."""
    key = TextCache.digest("qr", url, ERROR_LEVEL, str(QUIET_ZONE), _segno_version())
    svg = _codes.get(key)
    if svg is None or not _SEGNO_SVG.fullmatch(svg):
        import segno  # only to draw a code the cache does not hold

        code = segno.make_qr(url, error=ERROR_LEVEL)
        svg = code.svg_inline(scale=1, border=QUIET_ZONE, dark="#000", light="#fff", omitsize=True,
                              svgclass=SVG_CLASS, lineclass=None)
        _codes.put(key, svg)
    # segno's output holds only a viewBox and two paths drawn from the URL's bits: safe to embed.
    return Markup(svg)
