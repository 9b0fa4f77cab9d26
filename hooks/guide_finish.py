"""The last step of a build, once every language is built (see netguide.events.finish)."""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority

from netguide.adapter import events


# Below mkdocs-static-i18n's -100: its post-build step builds the other languages first.
@event_priority(-200)
def on_post_build(config: Any) -> None:
    events.finish(config)
