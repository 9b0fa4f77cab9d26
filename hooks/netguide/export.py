"""The machine-readable export /api/guide.json, and its JSON Schema /api/guide.schema.json.

Other tools and coaches' materials rely on the export, so its shape is declared: each kind
declares the shape of its part (``Kind.export_model``), this module the whole, and every
export is checked against that declaration before it is written. The published JSON Schema
is made from the same declaration.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from .guide import Guide
from .kind import Kind
from .urls import absolute

EXPORT_PATH = "api/guide.json"
SCHEMA_PATH = "api/guide.schema.json"
FORMAT_VERSION = 2

PerLanguage = dict[str, str]  # language -> text, or language -> absolute URL


class Exported(BaseModel):
    """The base of every exported shape: nothing more than declared."""

    model_config = ConfigDict(extra="forbid")


class ExportHeader(Exported):
    format: Literal[2] = Field(description="the version of this format; it changes when a field changes meaning "
                                           "or disappears")
    edition: str = Field(description="the content's edition date, YYYY-MM-DD")
    languages: list[str] = Field(description="the languages of every text, the default one first")
    default_language: str


@cache
def export_model(kinds: tuple[Kind[Any], ...]) -> type[Exported]:
    fields: dict[str, Any] = {
        kind.section: (list[kind.export_model], Field(description=kind.export_model.__doc__))  # type: ignore[name-defined]
        for kind in kinds if kind.export_model is not None
    }
    fields["retired"] = (dict[str, dict[str, str]], Field(
        description="per kind, each retired ID and the ID that replaces it (old links redirect there)"))
    return create_model("GuideExport", __base__=ExportHeader, **fields)


def guide_export(guide: Guide, site_url: str, kinds: Sequence[Kind[Any]]) -> dict[str, Any]:
    languages = guide.languages
    default = guide.default_language

    def urls(path: str) -> dict[str, str]:
        return {language: absolute(site_url, language, default, path) for language in languages}

    export: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "edition": guide.edition,
        "languages": list(languages),
        "default_language": default,
    }
    for kind in kinds:
        part = kind.export(guide, urls)
        if part is not None:
            export[kind.section] = part
    export["retired"] = {section: dict(ids) for section, ids in guide.registry.retired.items() if ids}
    # The export is what other tools read: a part that does not match its declared shape is a bug here.
    export_model(tuple(kinds)).model_validate(export)
    return export


def export_schema(site_url: str, kinds: Sequence[Kind[Any]]) -> dict[str, Any]:
    schema = export_model(tuple(kinds)).model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": site_url.rstrip("/") + "/" + SCHEMA_PATH, "title": "The networking guide's export", **schema}
