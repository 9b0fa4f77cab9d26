"""The only module that knows about MkDocs and mkdocs-static-i18n; the hooks call it.

mkdocs-static-i18n builds the site once per language on the same config object, running
every event again, so nothing here keeps per-build state except the cached GuideSite.

The data is loaded, validated and the stubs synced once per config object, that is once per
`mkdocs build` (both languages share one config) and once per `mkdocs serve` rebuild (each
loads a new config). Page events then reuse it: checking every file of knowledge/ again for
each page made a build's time grow with the square of the number of rules.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from .errors import KnowledgeError
from .site import GuideSite, prepare_site

TEMPLATE_SUBDIR = "guide"


def languages(config: Any) -> tuple[str, ...]:
    """The configured languages, the default one first."""
    plugin = config.plugins["i18n"]
    configured = plugin.config.languages
    default = next(lang.locale for lang in configured if lang.default)
    return (default, *(lang.locale for lang in configured if lang.locale != default))


def current_language(config: Any) -> str:
    plugin = config.plugins["i18n"]
    return plugin.current_language or languages(config)[0]


def every_language_built(config: Any) -> bool:
    """True in the post-build step of the outer build, after mkdocs-static-i18n built the other languages."""
    return not config.plugins["i18n"].building


_prepared: tuple[weakref.ref[Any], GuideSite] | None = None


def guide_site(config: Any) -> GuideSite:
    """The validated guide for this build; bad data stops the build with one clear message."""
    global _prepared
    if _prepared is not None and _prepared[0]() is config:
        return _prepared[1]
    site = _prepare(config)
    _prepared = (weakref.ref(config), site)
    return site


def _prepare(config: Any) -> GuideSite:
    project_root = Path(config.config_file_path).parent
    template_dir = Path(config.theme.custom_dir) / TEMPLATE_SUBDIR
    try:
        return prepare_site(project_root, Path(config.docs_dir), template_dir, config.site_url or "/",
                            languages(config))
    except KnowledgeError as error:
        raise PluginError(str(error)) from None
