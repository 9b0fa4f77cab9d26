"""Build time and peak memory of synthetic knowledge bases of 100, 500, 1000 and 2000 rules.

Each size is a temporary copy of the project made by benchmarks/synth.py (all from one
snapshot of the tree), built with `mkdocs build --strict` (both languages) --runs times;
the median wall time and the highest peak resident memory of the build process are kept.
Target: the time per rule at the largest size is at most 1.3 times the time per rule at
the smallest. Also printed: the marginal time per rule added between two sizes (the
stricter test of linearity), and the size of each language's search index (Pagefind).

--plain also builds, for comparison, plain Material + i18n sites of the same pages whose
navigation lists every page (benchmarks/plain.py --nav all), the design the guide avoids.

Usage: .venv/bin/python benchmarks/scaling.py [--sizes 100,500,1000,2000] [--runs 3] [--plain 100,250,500]
                                              [--json results/scaling.json]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import itertools

from common import (
    BENCHMARKS,
    PYTHON,
    checked,
    copy_project,
    machine,
    median,
    print_table,
    scratch_dir,
    search_bundles,
    timed_build,
    write_json,
)
from synth import make_synthetic_project

TARGET = 1.3


def sizes(text: str) -> list[int]:
    return sorted(int(value) for value in text.split(",") if value.strip())


def index_sizes(site: Path) -> dict[str, dict[str, int]]:
    """Bytes of each language's Pagefind index on disk (gzip files already): word index and page records.

    A search downloads one or a few chunks of the word index and the records of the results it
    shows, not all of them.
    """
    found = {}
    for meta in [meta for folder in search_bundles(site) for meta in sorted(folder.glob("pagefind.*.pf_meta"))]:
        bundle = meta.parent
        language = meta.name.split(".")[1].split("_")[0]
        found[language] = {
            "index": sum(path.stat().st_size for path in (bundle / "index").glob(f"{language}_*.pf_index")),
            "fragments": sum(path.stat().st_size for path in (bundle / "fragment").glob(f"{language}_*.pf_fragment")),
        }
    return found


def measure(project: Path, site: Path, runs: int, what: str) -> dict[str, Any]:
    times, memory = [], []
    for _ in range(runs):
        result = checked(timed_build(project, site), what)
        times.append(result.seconds)
        memory.append(result.peak_rss_mib)
    return {"seconds": [round(t, 2) for t in times], "median_s": round(median(times), 2),
            "peak_rss_mib": round(max(memory), 1), "pages": sum(1 for _ in site.rglob("index.html"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=sizes, default=[100, 500, 1000, 2000], help="numbers of rules")
    parser.add_argument("--runs", type=int, default=3, help="builds per size (median kept)")
    parser.add_argument("--plain", type=sizes, default=[], help="sizes for the plain site listing every page")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args()

    work = scratch_dir("scaling")
    results: list[dict[str, Any]] = []
    plain_results: list[dict[str, Any]] = []
    try:
        snapshot = copy_project(work / "snapshot")
        for count in args.sizes:
            project = make_synthetic_project(count, work / f"rules-{count}", snapshot)
            site = work / f"site-{count}"
            figures = measure(project, site, args.runs, f"{count} rules")
            figures.update({"rules": count, "per_rule_ms": round(1000 * figures["median_s"] / count, 2),
                            "search_index": index_sizes(site)})
            results.append(figures)
            print(f"  {count} rules: {figures['median_s']} s, {figures['peak_rss_mib']} MiB", flush=True)
            shutil.rmtree(site, ignore_errors=True)
        for count in args.plain:
            project = make_synthetic_project(count, work / f"plain-{count}", snapshot)
            subprocess.run([PYTHON, str(BENCHMARKS / "plain.py"), str(project), "--nav", "all"], check=True,
                           capture_output=True, text=True)
            figures = measure(project, work / f"plain-site-{count}", 1, f"plain, {count} rules")
            figures.update({"rules": count, "per_rule_ms": round(1000 * figures["median_s"] / count, 2)})
            plain_results.append(figures)
            print(f"  plain, every page in the nav, {count} rules: {figures['median_s']} s", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    for previous, current in itertools.pairwise(results):
        added = current["rules"] - previous["rules"]
        current["marginal_ms_per_rule"] = round(1000 * (current["median_s"] - previous["median_s"]) / added, 2)
    first, last = results[0], results[-1]
    ratio = last["per_rule_ms"] / first["per_rule_ms"]
    print(f"\nMachine: {machine()}\n{args.runs} builds per size, both languages, `mkdocs build --strict`:\n")
    print_table(
        ["rules", "HTML pages", "median wall time (s)", "all runs (s)", "time per rule (ms)",
         "marginal per added rule (ms)", "peak memory (MiB)", "Pagefind index / page records per language (KiB)"],
        [[r["rules"], r["pages"], r["median_s"], " ".join(f"{t:.1f}" for t in r["seconds"]), r["per_rule_ms"],
          r.get("marginal_ms_per_rule", "-"), r["peak_rss_mib"],
          ", ".join(f"{lang} {v['index'] / 1024:.0f}/{v['fragments'] / 1024:.0f}"
                    for lang, v in r["search_index"].items())]
         for r in results],
    )
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"\nTime per rule at {last['rules']} / at {first['rules']}: {ratio:.2f} (target <= {TARGET}: {verdict})")
    if plain_results:
        print("\nPlain Material + i18n, same pages, navigation listing every page (1 build each):\n")
        print_table(["rules", "HTML pages", "wall time (s)", "time per rule (ms)"],
                    [[r["rules"], r["pages"], r["median_s"], r["per_rule_ms"]] for r in plain_results])
    write_json(args.json, {"machine": machine(), "runs": args.runs, "results": results, "plain": plain_results,
                           "per_rule_ratio": round(ratio, 3), "target": TARGET, "target_met": ratio <= TARGET})


if __name__ == "__main__":
    main()
