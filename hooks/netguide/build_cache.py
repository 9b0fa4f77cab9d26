"""What one build computes that the next one can reuse, kept in the project's .cache/netguide/.

Jinja's compiled templates (Material's and the guide's: MkDocs makes a new Jinja environment for
every build and, with mkdocs-static-i18n, for every language), the QR codes of printed pages
(segno tries eight masks on each) and the knowledge files as parsed (netguide.yamlfile builds
each from the parser's events) change least; the pages rendered from the data and Material's
stylesheet fitted to the site change with the build's inputs (inputs_digest: the project's
files, the installed packages, the site's address). Each is kept in memory for the life of the
process (the rebuilds of `mkdocs serve`) and on disk for the next `mkdocs build`. Each entry is
found by a digest of everything that decides it (a template's source, a QR code's text and
settings, the library's version, the build's inputs), so a change is never served from the
cache; deleting the folder at any time only costs one slower build. A cache that cannot be
written (a read-only checkout) is skipped. The folder is outside the site: nothing in it is published.
Plain Python: no MkDocs import.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable
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
    """Texts computed from a key (a QR code's SVG from its URL and settings), one file per entry.

    At most ``keep`` entries stay on disk: the least recently used go first (prune), so that a
    checkout built for months does not fill its disk with pages of editions long gone.
    """

    def __init__(self, directory: Path | None, keep: int | None = None) -> None:
        self._memory: dict[str, str] = {}
        self._directory = directory if directory is not None and _writable(directory) else None
        self._keep = keep

    @staticmethod
    def digest(*parts: str) -> str:
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()

    def get(self, key: str) -> str | None:
        text = self._memory.get(key)
        if text is None and self._directory is not None:
            path = self._directory / key
            try:
                text = path.read_text(encoding="utf-8")
                os.utime(path)  # used now: the last to be pruned
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

    def prune(self) -> None:
        """Leave ``keep`` entries on disk at most, the most recently used."""
        if self._directory is None or self._keep is None:
            return
        try:
            names = [name for name in os.listdir(self._directory) if not name.startswith(".")]
            if len(names) <= self._keep:
                return
            by_use = sorted(names, key=lambda name: os.stat(self._directory / name).st_mtime_ns)  # type: ignore[operator]
            for name in by_use[: len(names) - self._keep]:
                (self._directory / name).unlink(missing_ok=True)
        except OSError:
            return  # another build pruned meanwhile: nothing lost


class BuildCache:
    """A project's caches: compiled templates, QR codes, parsed data files, rendered pages, fitted stylesheets."""

    def __init__(self, root: Path | None) -> None:
        self.templates = TemplateBytecodeCache(None if root is None else root / "templates")
        # Entries kept: QR codes for several addresses (a local one, the public one, tests'),
        # the pages and stylesheet of the last few sets of inputs (2 MB of pages each).
        self.qr_codes = TextCache(None if root is None else root / "qr", keep=2000)
        self.pages = TextCache(None if root is None else root / "pages", keep=4)
        self.fitting = TextCache(None if root is None else root / "fitting", keep=16)  # stylesheets, names of pages
        self.parsed = TextCache(None if root is None else root / "parsed", keep=4000)  # knowledge/ files
        for cache in (self.qr_codes, self.pages, self.fitting, self.parsed):
            cache.prune()


def inputs_digest(sources: Iterable[Path], facts: Iterable[str] = (),
                  derived: Callable[[bytes], bool] = lambda content: False) -> str:
    """A digest of a build's inputs: every file under ``sources`` (folders or files; hidden files, caches
    and files ``derived`` from the others aside), the installed packages and ``facts``.

    Two builds of the same inputs write the same site: what a build makes from its inputs (its
    pages, a stylesheet fitted to them) can be named by this digest before it is made, and kept
    under it for the next build.
    """
    digest = hashlib.sha256()
    for fact in (*facts, sys.version, *installed_packages()):
        digest.update(f"{fact}\0".encode())
    for source in sources:
        source = Path(source)
        files = [source] if source.is_file() else sorted(source.rglob("*"))
        for path in files:
            parts = path.relative_to(source.parent).parts
            if any(part.startswith(".") or part == "__pycache__" for part in parts) or not path.is_file():
                continue
            content = path.read_bytes()
            if not derived(content):
                digest.update(f"{'/'.join(parts)}\0{len(content)}\0".encode())
                digest.update(content)
    return digest.hexdigest()


def installed_packages() -> list[str]:
    """Every installed distribution with its version, as its metadata folder names it ('Jinja2-3.1.6.dist-info')."""
    found = set()
    for entry in sys.path:
        try:
            found.update(name for name in os.listdir(entry or ".") if name.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return sorted(found)


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
