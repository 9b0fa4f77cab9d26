"""Write the machine-readable export /api/guide.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netguide.mkdocs_glue import guide_site


def on_post_build(config: Any) -> None:
    guide_site(config).write_export(Path(config.site_dir))
