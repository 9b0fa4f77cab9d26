"""Lighthouse scores of the home, rule, flow and checklist pages, both languages, mobile and desktop.

Builds the real site, serves it with benchmarks/serve.py (gzip and cache headers, as the
host in deploy/nginx.conf does) and runs the npm package lighthouse (benchmarks/package.json)
on Debian's Chromium; nothing downloads a browser. Each page and preset is run --runs times
and the median of each category is kept. Every audit that did not pass is listed with the
page it failed on. Target: 100 in performance, accessibility, best practices and SEO everywhere.

Setup once: (cd benchmarks && npm ci)
Usage: .venv/bin/python benchmarks/lighthouse.py [--runs 3] [--json results/lighthouse.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_deploy import NginxServer
from common import (
    BENCHMARKS,
    CHROMIUM,
    CHROMIUM_FLAGS,
    build_real_site,
    free_port,
    machine,
    median,
    print_table,
    sample_pages,
    scratch_dir,
    write_json,
)
from serve import StaticServer

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGE_TYPES = ("home", "rule", "flow", "checklist")
PRESETS = ("mobile", "desktop")
LIGHTHOUSE = BENCHMARKS / "node_modules" / ".bin" / "lighthouse"


def run_lighthouse(url: str, preset: str, output: Path) -> dict[str, Any]:
    command = [
        str(LIGHTHOUSE), url, "--output=json", f"--output-path={output}", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False, timeout=300)
    if result.returncode != 0 or not output.exists():
        raise SystemExit(f"lighthouse failed on {url} ({preset}):\n{result.stderr[-3000:]}")
    return json.loads(output.read_text(encoding="utf-8"))


def failed_audits(report: dict[str, Any]) -> list[str]:
    """Audits counted in a category's score that did not get full marks."""
    failures = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            scored = audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
            if ref.get("weight", 0) > 0 and scored and audit.get("score") is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                failures.append(f"{category['id']}: {ref['id']} ({audit['score']:.2f}{', ' + value if value else ''})")
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and preset (median kept)")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--host", choices=("python", "nginx"), default="python",
                        help="serve with benchmarks/serve.py (default) or with deploy/nginx.conf on nginx")
    parser.add_argument("--keep-reports", type=Path, help="copy every Lighthouse JSON report into this directory")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run (cd benchmarks && npm ci) first")

    work = scratch_dir("lighthouse")
    work.chmod(0o755)  # nginx's workers must be able to read the build
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    results: list[dict[str, Any]] = []
    try:
        site = work / "site"
        build_real_site(site, site_url)
        samples = sample_pages(site, site_url, PAGE_TYPES)
        host = NginxServer(site, port, work / "nginx") if args.host == "nginx" else StaticServer(site, port)
        with host as server:
            for page_type, paths in samples.items():
                for language, path in paths.items():
                    for preset in PRESETS:
                        url = server.url + path
                        scores: dict[str, list[float]] = {category: [] for category in CATEGORIES}
                        speeds: list[float] = []
                        failures: set[str] = set()
                        for run in range(args.runs):
                            output = work / f"{page_type}-{language}-{preset}-{run}.json"
                            report = run_lighthouse(url, preset, output)
                            for category in CATEGORIES:
                                scores[category].append(round(report["categories"][category]["score"] * 100))
                            failures.update(failed_audits(report))
                            # Lighthouse's measure of the host's CPU at that moment: mobile scores
                            # fall when other work slows the machine down (a quiet desktop: ~1500+).
                            speeds.append(report["environment"]["benchmarkIndex"])
                            if args.keep_reports:
                                args.keep_reports.mkdir(parents=True, exist_ok=True)
                                shutil.copy(output, args.keep_reports / output.name)
                        results.append({
                            "page_type": page_type, "language": language, "preset": preset, "path": "/" + path,
                            "scores": {category: median(values) for category, values in scores.items()},
                            "all_runs": scores, "audits_not_passed": sorted(failures),
                            "benchmark_index": round(median(speeds)),
                        })
                        print(f"  {page_type:9} {language} {preset:7} "
                              + " ".join(f"{median(scores[c]):>5g}" for c in CATEGORIES)
                              + f"  (host benchmark index {median(speeds):.0f})", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    missing = [page_type for page_type in PAGE_TYPES if page_type not in samples]
    all_100 = all(score == 100 for result in results for score in result["scores"].values())
    figures = {"machine": machine(), "runs": args.runs, "host": args.host, "lighthouse": lighthouse_version(),
               "chromium": chromium_version(), "results": results, "page_types_missing": missing,
               "target_met": all_100 and not missing}
    print(f"\nMachine: {figures['machine']}\nLighthouse {figures['lighthouse']}, {figures['chromium']},"
          f" median of {args.runs} runs, served with gzip by "
          f"{'nginx with deploy/nginx.conf' if args.host == 'nginx' else 'benchmarks/serve.py'}\n")
    print_table(["page", "lang", "preset", "performance", "accessibility", "best practices", "SEO",
                 "host benchmark index"], [
        [r["page_type"], r["language"], r["preset"], *(f"{r['scores'][c]:g}" for c in CATEGORIES),
         r["benchmark_index"]] for r in results
    ])
    failing = {(r["page_type"], r["language"], r["preset"]): r["audits_not_passed"] for r in results
               if r["audits_not_passed"]}
    if failing:
        print("\nAudits not passed (in any run):")
        for (page_type, language, preset), audits in failing.items():
            print(f"  {page_type} {language} {preset}: " + "; ".join(audits))
    if missing:
        print(f"\nPage types not in the site yet: {', '.join(missing)}")
    print(f"\nTarget 100 everywhere: {'met' if figures['target_met'] else 'NOT met'}")
    write_json(args.json, figures)


def lighthouse_version() -> str:
    package = BENCHMARKS / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"] if package.exists() else "?"


def chromium_version() -> str:
    result = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip()


if __name__ == "__main__":
    main()
