"""Compiled Jinja templates kept for the life of the process.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n builds once per
language, so Material's templates were compiled again for each language of each build and
each `mkdocs serve` rebuild: the largest single cost of a rebuild after the pages themselves.
Jinja checks each template's source against the cached code's checksum, so an edited
template is compiled again.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._compiled.clear()


PROCESS_CACHE = MemoryBytecodeCache()
