"""Load and validate the knowledge base before MkDocs collects files, and lay the navigation.

Runs at every language build; the load itself is cached, so this stays cheap.
"""

from __future__ import annotations

from typing import Any

from netguide.mkdocs_glue import current_language, guide_site
from netguide.nav import navigation


def on_config(config: Any) -> Any:
    site = guide_site(config)
    config.nav = navigation(site.guide, current_language(config))
    return config
