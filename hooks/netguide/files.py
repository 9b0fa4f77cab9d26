"""Writing a file whole: whoever reads it meanwhile sees the old content or the new, never half.

The finished site is read while it is still being changed (Pagefind indexes the pages while
Material's stylesheet is fitted to them), and two builds may share .cache/netguide/. So a file is
written under a hidden temporary name in its own folder, then renamed over the old one. The
temporary name never ends in .html, so no indexer takes it for a page. The file keeps the
permissions it had (a web server's workers must still read it), or gets those of a new file.
Plain Python: no MkDocs import.
"""

from __future__ import annotations

import os
import stat
import tempfile
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
