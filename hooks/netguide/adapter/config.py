"""Facts of the MkDocs configuration that tools need without starting MkDocs (scripts/guide, tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MKDOCS_FILE = "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml uses MkDocs' own tags (!ENV); their values do not matter here."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_config(project_root: Path) -> dict[str, Any]:
    return yaml.load((Path(project_root) / MKDOCS_FILE).read_text(encoding="utf-8"), Loader=_ConfigLoader)


def project_languages(project_root: Path) -> tuple[str, ...]:
    """The languages of mkdocs-static-i18n's configuration, the default one first."""
    plugins = read_config(project_root)["plugins"]
    i18n = next(plugin["i18n"] for plugin in plugins if isinstance(plugin, dict) and "i18n" in plugin)
    configured = i18n["languages"]
    default = next(language["locale"] for language in configured if language.get("default"))
    return (default, *(language["locale"] for language in configured if language["locale"] != default))
