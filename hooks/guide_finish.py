"""Once every language is built, give each language its own search index (see netguide/search_index.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from netguide.mkdocs_glue import every_language_built, languages
from netguide.search_index import write_language_indexes


# Below mkdocs-static-i18n's -100: its post-build step builds the other languages and
# writes the merged search index first.
@event_priority(-200)
def on_post_build(config: Any) -> None:
    if every_language_built(config):
        write_language_indexes(Path(config.site_dir), languages(config))
