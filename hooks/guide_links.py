"""Write the short links (/r/<id>/, /en/r/<id>/) and the redirects of retired IDs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netguide.mkdocs_glue import current_language, guide_site


def on_post_build(config: Any) -> None:
    guide_site(config).write_redirects(Path(config.site_dir), current_language(config))
