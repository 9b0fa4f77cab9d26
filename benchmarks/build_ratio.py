"""Build time of the real site (both languages) against a plain Material + i18n build of the same pages.

The plain build is benchmarks/plain.py applied to a copy: the same hand-written Markdown and
the same HTML for every generated page, handed to MkDocs without being parsed as Markdown again
(as our build never parses a generated page), the same theme, plugins and navigation, Material's
own search plugin for search, and none of our hooks. So the ratio is the whole cost of what our
hooks do: load and check the data, render the pages, short links and redirects, the export,
the search index, Material's files fitted and ours minified. Both builds run in turn in the
same session (alternating which goes first), so a busy machine slows both alike; the figure is
the ratio of the medians. Each build is a new process, as `mkdocs build` is; the warm-up build of
each leaves what it keeps between builds (our .cache/netguide/), as a second build on an
author's machine finds it. Target: at most 1.1.

With --edit, every build of ours follows a change to the data (a line added to a rule's file),
as when an author builds after each edit: the pages and the stylesheet kept under the previous
inputs' digest cannot be used (netguide/build_cache.py), only what does not depend on the data
(compiled templates, QR codes). The plain build has nothing of the kind to lose.

Usage: .venv/bin/python benchmarks/build_ratio.py [--runs 7] [--edit] [--json results/build_ratio.json]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (
    BENCHMARKS,
    PYTHON,
    checked,
    copy_project,
    machine,
    median,
    print_table,
    scratch_dir,
    timed_build,
    write_json,
)

TARGET = 1.1
EDITED_FILE = "knowledge/rules/R12.yml"


def prepare(work: Path) -> tuple[Path, Path]:
    ours = copy_project(work / "ours")
    plain = work / "plain"
    shutil.copytree(ours, plain)
    subprocess.run([PYTHON, str(BENCHMARKS / "plain.py"), str(plain), "--nav", "guide"], check=True,
                   capture_output=True, text=True)
    return ours, plain


def edit_data(project: Path, run: int) -> None:
    """A change to the data, as an author's edit: a comment line, so the site itself stays the same."""
    rule = project / EDITED_FILE
    rule.write_text(rule.read_text(encoding="utf-8") + f"# edit {run}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="timed builds of each (after one warm-up each)")
    parser.add_argument("--edit", action="store_true", help="change a rule's file before each build of ours")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args()

    work = scratch_dir("ratio")
    try:
        ours, plain = prepare(work)
        builds = {"ours": ours, "plain": plain}
        times: dict[str, list[float]] = {"ours": [], "plain": []}
        memory: dict[str, list[float]] = {"ours": [], "plain": []}
        for name, project in builds.items():  # warm-up: imports compiled, files in the page cache
            checked(timed_build(project, work / f"site-{name}"), name)
        for run in range(args.runs):
            order = ("ours", "plain") if run % 2 == 0 else ("plain", "ours")
            for name in order:
                if args.edit and name == "ours":
                    edit_data(ours, run)
                result = checked(timed_build(builds[name], work / f"site-{name}"), name)
                times[name].append(result.seconds)
                memory[name].append(result.peak_rss_mib)
        pages = sum(1 for _ in (work / "site-ours").rglob("index.html"))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ratio = median(times["ours"]) / median(times["plain"])
    pair_ratios = [o / p for o, p in zip(times["ours"], times["plain"], strict=True)]
    figures = {
        "machine": machine(),
        "runs": args.runs,
        "html_files_in_site": pages,
        "ours_seconds": [round(t, 3) for t in times["ours"]],
        "plain_seconds": [round(t, 3) for t in times["plain"]],
        "ours_median_s": round(median(times["ours"]), 3),
        "plain_median_s": round(median(times["plain"]), 3),
        "ours_peak_rss_mib": round(max(memory["ours"]), 1),
        "plain_peak_rss_mib": round(max(memory["plain"]), 1),
        "ratio_of_medians": round(ratio, 3),
        "median_of_pair_ratios": round(median(pair_ratios), 3),
        "edit_before_each_build": args.edit,
        "target": TARGET,
        "target_met": ratio <= TARGET,
    }
    print(f"Machine: {figures['machine']}")
    edited = f", ours after an edit of {EDITED_FILE} each time" if args.edit else ""
    print(f"Real site, both languages ({pages} HTML files), {args.runs} timed builds each, alternating{edited}:\n")
    print_table(["build", "median wall time (s)", "all runs (s)", "peak memory (MiB)"], [
        ["ours (hooks)", figures["ours_median_s"], " ".join(f"{t:.2f}" for t in times["ours"]),
         figures["ours_peak_rss_mib"]],
        ["plain Material + i18n", figures["plain_median_s"], " ".join(f"{t:.2f}" for t in times["plain"]),
         figures["plain_peak_rss_mib"]],
    ])
    verdict = "met" if figures["target_met"] else "NOT met"
    print(f"\nRatio ours / plain: {ratio:.3f} (median of per-pair ratios {figures['median_of_pair_ratios']:.3f});"
          f" target <= {TARGET}: {verdict}")
    write_json(args.json, figures)


if __name__ == "__main__":
    main()
