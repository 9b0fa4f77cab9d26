"""QR codes drawn at build time as inline SVG, so a printed sheet leads back to its page online.

No image service is involved: segno computes the code and writes the SVG, which the page
embeds as it is.
"""

from __future__ import annotations

from functools import lru_cache

import segno
from markupsafe import Markup

# Medium error correction survives a crease or a pen mark on paper and keeps a short URL
# at a size that scans from a phone at arm's length.
ERROR_LEVEL = "m"
QUIET_ZONE = 4  # modules of white around the code, as the QR standard requires


@lru_cache(maxsize=256)
def qr_svg(url: str) -> Markup:
    """The QR code of ``url`` as an <svg> element sized by CSS (it carries a viewBox, no width)."""
    code = segno.make_qr(url, error=ERROR_LEVEL)
    # segno's output holds only a viewBox and two paths drawn from the URL's bits: safe to embed.
    svg = code.svg_inline(scale=1, border=QUIET_ZONE, dark="#000", light="#fff", omitsize=True,
                          svgclass="guide-qr__code", lineclass=None)
    return Markup(svg)
