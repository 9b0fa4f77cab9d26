"""Writing a file whole: whoever reads it meanwhile sees the old content or the new, never half.

Two builds may share .cache/netguide/, and a site may be served from the folder it is rebuilt
in. So a file is written under a hidden temporary name in its own folder, then renamed over the
old one. The
temporary name never ends in .html, so no indexer takes it for a page. The file keeps the
permissions it had (a web server's workers must still read it), or gets those of a new file.

Many small files (the short links' redirect pages) are written by a helper process instead
(write_in_background): on this kind of disk each new file costs about half a millisecond of
waiting, which a thread of the build would spend waiting for the interpreter's lock as well.
Plain Python: no MkDocs import; run as a script, the helper imports nothing but the standard library.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

NEW_FILE_MODE = 0o644  # what open() gives a new file under the usual umask 022


def replace_whole(path: Path, text: str) -> None:
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    # mkstemp makes the file private (0600): it gets the mode above before it takes the name.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class BackgroundWrite:
    """Files being written by a helper process (this file run as a script) while the build goes on."""

    def __init__(self, root: Path, files: Sequence[tuple[Path, str]]) -> None:
        root = Path(root).resolve()
        listing = [(Path(path).resolve().relative_to(root).as_posix(), text) for path, text in files]
        self._root = root
        # The listing goes through a file, not a pipe: a pipe holds 64 KiB, and the build must not
        # wait for the helper to start and read the rest.
        with tempfile.TemporaryFile() as listing_file:
            listing_file.write(json.dumps(listing).encode("utf-8"))
            listing_file.seek(0)
            self._process = subprocess.Popen([sys.executable, "-I", "-S", __file__, str(root)],
                                             stdin=listing_file, stderr=subprocess.PIPE)

    def wait(self) -> None:
        """Once every file is written; OSError naming the first that could not be."""
        _, error = self._process.communicate()
        if self._process.returncode != 0:
            said = error.decode("utf-8", "replace").strip().splitlines()
            raise OSError(f"could not write under {self._root}: {said[-1] if said else self._process.returncode}")


def write_in_background(root: Path, files: Sequence[tuple[Path, str]]) -> BackgroundWrite:
    """Start writing ``files`` (paths under ``root``, texts) in a helper process; wait() for them."""
    return BackgroundWrite(root, files)


def _write_listing(root: str) -> None:
    """The helper: each (path relative to ``root``, text) of the JSON on its input, written as UTF-8."""
    base = os.path.realpath(root)
    for relative, text in json.load(sys.stdin):
        path = os.path.realpath(os.path.join(base, relative))
        if os.path.commonpath([base, path]) != base:
            sys.exit(f"{relative}: outside {base}")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)


if __name__ == "__main__":
    _write_listing(sys.argv[1])
