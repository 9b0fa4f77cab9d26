"""Facts of the MkDocs configuration that tools need without starting MkDocs (scripts/guide, tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MKDOCS_FILE = "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml uses MkDocs' own tags: !ENV [VARIABLE, default] reads as its default, others as nothing."""


def _tag_value(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> Any:
    if suffix == "ENV" and isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)[-1]
    return None


_ConfigLoader.add_multi_constructor("!", _tag_value)


def read_config(project_root: Path) -> dict[str, Any]:
    return yaml.load((Path(project_root) / MKDOCS_FILE).read_text(encoding="utf-8"), Loader=_ConfigLoader)


def project_languages(project_root: Path) -> tuple[str, ...]:
    """The languages of mkdocs-static-i18n's configuration, the default one first."""
    plugins = read_config(project_root)["plugins"]
    i18n = next(plugin["i18n"] for plugin in plugins if isinstance(plugin, dict) and "i18n" in plugin)
    configured = i18n["languages"]
    default = next(language["locale"] for language in configured if language.get("default"))
    return (default, *(language["locale"] for language in configured if language["locale"] != default))


def default_site_url(project_root: Path) -> str:
    """The address a build without SITE_URL is made for (mkdocs.yml's site_url default)."""
    return str(read_config(project_root)["site_url"])
