"""What one build computes that the next one can reuse, kept in the project's .cache/netguide/.

Two results cost a build most and change least: Jinja's compiled templates (Material's and the
guide's: MkDocs makes a new Jinja environment for every build and, with mkdocs-static-i18n, for
every language) and the QR codes of printed pages (segno tries eight masks on each). Both are
kept in memory for the life of the process (the rebuilds of `mkdocs serve`) and on disk for the
next `mkdocs build`. Each entry is found by a digest of everything that decides it (a template's
source, a QR code's text and settings, the library's version), so a change is never served from
the cache; deleting the folder at any time only costs one slower build. A cache that cannot be
written (a read-only checkout) is skipped. The folder is outside the site: nothing in it is published.
Plain Python: no MkDocs import.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket

from .files import replace_whole

CACHE_DIR = Path(".cache") / "netguide"  # under the project's root (.gitignore lists .cache/)


def cache_root(project_root: Path) -> Path:
    return Path(project_root) / CACHE_DIR


class TemplateBytecodeCache(BytecodeCache):
    """Compiled templates: in memory for the process, on disk for the next build.

    Jinja checks each entry against its template's source checksum and Python's bytecode
    version: an edited template, or another Python, compiles again.
    """

    def __init__(self, directory: Path | None = None) -> None:
        self._compiled: dict[str, bytes] = {}
        self._disk: FileSystemBytecodeCache | None = None
        if directory is not None and _writable(directory):
            self._disk = FileSystemBytecodeCache(str(directory))

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._compiled.get(bucket.key)
        if code is None and self._disk is not None:
            self._disk.load_bytecode(bucket)
            if bucket.code is not None:
                self._compiled[bucket.key] = bucket.bytecode_to_string()
            return
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
        if self._disk is not None:
            try:
                self._disk.dump_bytecode(bucket)
            except OSError:
                self._disk = None

    def clear(self) -> None:
        self._compiled.clear()
        if self._disk is not None:
            self._disk.clear()


class TextCache:
    """Texts computed from a key (a QR code's SVG from its URL and settings), one file per entry."""

    def __init__(self, directory: Path | None) -> None:
        self._memory: dict[str, str] = {}
        self._directory = directory if directory is not None and _writable(directory) else None

    @staticmethod
    def digest(*parts: str) -> str:
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()

    def get(self, key: str) -> str | None:
        text = self._memory.get(key)
        if text is None and self._directory is not None:
            try:
                text = (self._directory / key).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
            self._memory[key] = text
        return text

    def put(self, key: str, text: str) -> None:
        self._memory[key] = text
        if self._directory is None:
            return
        try:
            replace_whole(self._directory / key, text)  # another build may read the entry meanwhile
        except OSError:
            self._directory = None


class BuildCache:
    """A project's caches: compiled templates, and QR codes."""

    def __init__(self, root: Path | None) -> None:
        self.templates = TemplateBytecodeCache(None if root is None else root / "templates")
        self.qr_codes = TextCache(None if root is None else root / "qr")


_by_project: dict[Path, BuildCache] = {}


def build_cache(project_root: Path) -> BuildCache:
    """The project's caches, the same object for every build of the process (mkdocs serve's rebuilds)."""
    root = cache_root(project_root).resolve()
    if root not in _by_project:
        _by_project[root] = BuildCache(root)
    return _by_project[root]


def _writable(directory: Path) -> bool:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(directory, os.W_OK)
