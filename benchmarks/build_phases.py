"""Where a build of the real site spends its time: our hooks' steps, timed inside `mkdocs build`.

Builds a copy of the project --runs times in this process, after one warm-up build (as a second
`mkdocs build` on an author's machine finds .cache/netguide/), each time with a fresh MkDocs
config and the data read again, as in a new process (the build cache on disk is kept, as a
second `mkdocs build` finds it); it times the functions the hooks call (netguide.adapter.events):
checking the data and taking or rendering the pages, starting Pagefind (configure); handing the
short links, redirects and export to the helper process that writes them (start_publishing);
each page fitted and handed to Pagefind (page_written, all pages summed); each language's index
sent to be written (language_built); the last step once both languages are built (finish:
Material's stylesheet trimmed, ours minified, waiting for the helper and for Pagefind's last
index), and the whole build. The hooks' imports are not in a build: they are timed in a new
process. Medians, with the spread. What is not ours in "build" is MkDocs, Material and
mkdocs-static-i18n building the pages.

Usage: .venv/bin/python benchmarks/build_phases.py [--runs 7] [--json FILE]
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PYTHON, copy_project, machine, median, scratch_dir, write_json

STEPS = ("configure", "start_publishing", "page_written", "language_built", "finish")


def import_seconds(project: Path) -> float:
    """The hooks' imports, in a process that has MkDocs, Material and the i18n plugin loaded already."""
    code = ("import time, sys; import mkdocs.commands.build, material, mkdocs_static_i18n; "
            "sys.path.insert(0, 'hooks'); t = time.perf_counter(); import netguide.adapter.events; "
            "print(time.perf_counter() - t)")
    runs = [float(subprocess.run([PYTHON, "-c", code], cwd=project, check=True, capture_output=True,
                                 text=True).stdout) for _ in range(5)]
    return median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args()
    json_path = None if args.json is None else str(Path(args.json).resolve())  # the build changes directory

    work = scratch_dir("phases")
    try:
        project = copy_project(work / "project")
        imports = import_seconds(project)
        os.chdir(project)
        sys.path.insert(0, str(project / "hooks"))
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        from netguide import site as guide_site
        from netguide.adapter import events

        spent: dict[str, float] = {}

        def timed(name: str) -> None:
            step: Callable[..., Any] = getattr(events, name)

            @functools.wraps(step)
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                start = time.perf_counter()
                try:
                    return step(*args, **kwargs)
                finally:
                    spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

            setattr(events, name, wrapper)  # the hook modules call events.<name> at each event

        for name in STEPS:
            timed(name)
        events.remember_command("build")
        figures: dict[str, list[float]] = {name: [] for name in (*STEPS, "build")}
        for run in range(args.runs + 1):
            spent.clear()
            guide_site._cache.clear()  # as in a new `mkdocs build` process: the data read again
            config = load_config(site_dir=str(work / "site"))
            start = time.perf_counter()
            build(config)
            if run == 0:
                continue  # the warm-up
            figures["build"].append(time.perf_counter() - start)
            for name in STEPS:
                figures[name].append(spent.get(name, 0.0))
    finally:
        os.chdir(work.parent)
        shutil.rmtree(work, ignore_errors=True)

    result = {"machine": machine(), "runs": args.runs, "imports_s": round(imports, 3),
              **{f"{name}_s": {"median": round(median(times), 3), "min": round(min(times), 3),
                               "max": round(max(times), 3)} for name, times in figures.items()}}
    print(f"Machine: {result['machine']}")
    print(f"imports of the hooks (once per process): {result['imports_s']} s")
    for name in (*STEPS, "build"):
        times = result[f"{name}_s"]
        print(f"{name:>16}: median {times['median']:.3f} s (min {times['min']:.3f}, max {times['max']:.3f})")
    write_json(json_path, result)


if __name__ == "__main__":
    main()
