"""Helpers shared by the benchmark scripts: project copies, timed builds, a free port, output.

Every script builds into a temporary directory and never writes into the project tree
(knowledge/, docs/ and site/ belong to the people editing the guide).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent
PROJECT_ROOT = BENCHMARKS.parent
VENV_PYTHON = PROJECT_ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable
CHROMIUM = "/usr/bin/chromium"
# The same closed-network flags as the tests: nothing may call home or download anything.
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
)
# Stub pages the build writes into docs/ (see hooks/netguide/adapter/stubs.py), and the .gitignore
# it writes in each folder of stubs; a copy leaves them out, and the folders they leave empty.
STUB_MARKER = "<!-- generated-page:"
STUB_GITIGNORE_MARKER = "# Written by the build from knowledge/"
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "site", "benchmarks", "tests", "node_modules", "__pycache__", "*.egg-info",
    ".pytest_cache", ".ruff_cache", ".cache",
)


def copy_project(destination: Path, source: Path = PROJECT_ROOT) -> Path:
    """A copy of the project that can be built on its own: config, hooks, templates, prose, data.

    Generated stub pages are left out: the build writes them again from the data.
    """
    shutil.copytree(source, destination, ignore=COPY_IGNORE, dirs_exist_ok=False)
    docs = destination / "docs"
    for stub in docs.rglob("*.md"):
        if stub.read_text(encoding="utf-8").startswith(STUB_MARKER):
            stub.unlink()
    for ignore in docs.rglob(".gitignore"):
        if ignore.read_text(encoding="utf-8").startswith(STUB_GITIGNORE_MARKER):
            ignore.unlink()
    for folder in sorted((path for path in docs.rglob("*") if path.is_dir()), key=lambda path: -len(path.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
    return destination


def scratch_dir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"netguide-bench-{prefix}-"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class BuildRun:
    seconds: float
    peak_rss_mib: float
    returncode: int
    output: str


def build_env(site_url: str) -> dict[str, str]:
    return {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}


def timed_build(project: Path, site_dir: Path, site_url: str = "http://127.0.0.1:8000/",
                config_file: str = "mkdocs.yml", strict: bool = True) -> BuildRun:
    """Run `mkdocs build` in its own process; wall time and that process's peak resident memory."""
    command = [PYTHON, "-m", "mkdocs", "build", "--config-file", config_file, "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    with tempfile.TemporaryFile(mode="w+") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=build_env(site_url), stdout=log,
                                   stderr=subprocess.STDOUT, text=True)
        # wait4 gives the resources of this child alone, not the sum of every child so far.
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    return BuildRun(seconds, usage.ru_maxrss / 1024, process.returncode, output)


def checked(run: BuildRun, what: str) -> BuildRun:
    if run.returncode != 0:
        raise SystemExit(f"{what}: mkdocs build failed (exit {run.returncode}):\n{run.output[-4000:]}")
    return run


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def machine() -> dict[str, Any]:
    """What the figures were measured on, and how busy the machine was."""
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gib = 0.0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        first = meminfo.read_text().splitlines()[0].split()
        memory_gib = round(int(first[1]) / 1024 / 1024, 1)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu or platform.processor(),
        "cores": os.cpu_count(),
        "memory_gib": memory_gib,
        "python": platform.python_version(),
        "load_average": [round(value, 2) for value in os.getloadavg()],
    }


def print_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A Markdown table, so the output can be pasted into the README as it is."""
    rows = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(str(header)), *(len(row[i]) for row in rows)) if rows else len(str(header))
              for i, header in enumerate(headers)]
    print("| " + " | ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")


def write_json(path: str | None, data: dict[str, Any]) -> None:
    if path:
        Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nFigures written to {path}")


# Page types measured, in order; each maps to a section of /api/guide.json (None: the home page).
PAGE_TYPES = {"home": None, "theme": "themes", "rule": "rules", "rule-index": None, "flow": "flows",
              "checklist": "checklists"}


def sample_pages(site_dir: Path, site_url: str, types: Sequence[str] = tuple(PAGE_TYPES)) -> dict[str, dict[str, str]]:
    """One page of each type that the built site has, per language, as paths under the site root.

    Picked from the site's own export, /api/guide.json (the first item of each kind), so a
    kind of page that does not exist yet (flows, checklists) is left out, not guessed.
    """
    export = json.loads((site_dir / "api" / "guide.json").read_text(encoding="utf-8"))
    languages = export["languages"]
    default = export["default_language"]
    roots = {language: "" if language == default else f"{language}/" for language in languages}
    samples: dict[str, dict[str, str]] = {}
    for kind in types:
        if kind == "home":
            samples[kind] = dict(roots)
        elif kind == "rule-index":
            samples[kind] = {language: f"{root}rules/" for language, root in roots.items()}
        else:
            items = export.get(PAGE_TYPES[kind]) or []
            if items:
                samples[kind] = {language: url.removeprefix(site_url) for language, url in items[0]["url"].items()}
    return samples


def build_real_site(site_dir: Path, site_url: str, project: Path = PROJECT_ROOT) -> BuildRun:
    """The real site, both languages, as the deployment builds it (into a directory outside the tree)."""
    return checked(timed_build(project, site_dir, site_url), "the real site")


def search_bundles(site: Path) -> list[Path]:
    """Each language's Pagefind bundle in a built site (/pagefind/, /en/pagefind/)."""
    return sorted(path for path in (site / "pagefind", *site.glob("*/pagefind")) if path.is_dir())
