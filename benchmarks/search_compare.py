"""The site search against the one it replaced: bytes, time to results, quality, build, in Chromium.

Variants, each built with `mkdocs build --strict` (both languages) and served by serve.py (gzip):
- material: Material's lunr search as the site had it before Pagefind (its index split per
  language, downloaded with its worker on every page view): the project at a git revision
  (--baseline, by default MATERIAL_SEARCH_REVISION, the last one with it), taken with `git archive`;
- pagefind: the project as it is (Pagefind's index, our header dialog loaded on first opening).
(The prototype also measured "lunr started on opening", a patched Material search; it was dropped
with the decision for Pagefind: benchmarks/README.md, section 6, keeps its figures.)

For each variant and language, on a rule page (rules/R21/), a fresh browser context each time:
- bytes: every response body the browser receives (gzip, as benchmarks/serve.py sends it),
  workers' requests included (the context's request events): on a plain view; after opening
  the search and typing one query;
- time to first results: from focusing the search box (which opens it) with a query typed at
  once, to the first result in the list, timed in the page (performance.now); median of --runs;
- quality: which queries return the expected rule among the first 5 pages (CASES); the longest
  result entry (characters); whether a flow question's text gives a link to its block (#q-<id>);
- build: wall time of the whole build (median of --builds), and of the Pagefind step alone.

Usage: .venv/bin/python benchmarks/search_compare.py [--runs 7] [--builds 3] [--json FILE]
       [--variants material,pagefind] [--baseline REV] [--rules 500]
With --rules N the guide is a synthetic one of N rules (copies of the real ones under new IDs):
bytes and times at that size; its quality figures mean little (copies compete with originals).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (
    BENCHMARKS,
    CHROMIUM,
    CHROMIUM_FLAGS,
    PROJECT_ROOT,
    checked,
    copy_project,
    free_port,
    machine,
    print_table,
    scratch_dir,
    timed_build,
    write_json,
)
from serve import StaticServer
from synth import make_synthetic_project

VARIANTS = ("material", "pagefind")
# The last commit whose site used Material's own search (before Pagefind).
MATERIAL_SEARCH_REVISION = "5975004"
ROOTS = {"fr": "", "en": "en/"}
RULE_PAGE = "rules/R21/"
TIMED_QUERY = {"fr": "invitation", "en": "invitation"}  # a word both variants find in both languages
TOP = 5
SETTLE_MS = 1500

# (query, expected): expected is a set of rule IDs one of which must be among the first TOP pages,
# "some" (any result), or "=<other query>" (the same first pages as that query).
RULES_ON_INVITATIONS = {"R07", "R11", "R12", "R13", "R15", "R17", "R18", "R19", "R20"}
CASES: dict[str, list[tuple[str, Any]]] = {
    "fr": [
        ("réseau", "some"), ("reseau", "=réseau"), ("contrôle", "some"), ("controle", "=contrôle"),
        ("recommander", {"R21"}), ("recommandation", {"R21"}), ("recommandez", {"R21"}),
        ("R7", {"R07"}), ("r07", {"R07"}), ("r7", {"R07"}), ("R12", {"R12"}), ("r12", {"R12"}),
    ],
    "en": [
        ("recommended", {"R21"}), ("invites", RULES_ON_INVITATIONS), ("accepting", {"R17", "R18", "R19"}),
        ("R7", {"R07"}), ("r07", {"R07"}), ("r7", {"R07"}), ("R12", {"R12"}), ("r12", {"R12"}),
    ],
}
FLOW = "accepter-demande"


# ---------------------------------------------------------------------------------------------
# Variants


def revision_source(revision: str, destination: Path) -> Path:
    """The project as it was at ``revision`` (git archive), to be copied like the working tree."""
    archive = destination.with_suffix(".tar")
    result = subprocess.run(["git", "-C", str(PROJECT_ROOT), "archive", "--format=tar", "-o", str(archive), revision],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"search_compare: git cannot give revision {revision!r} of the project: "
                         f"{result.stderr.strip()}. Fix: run it in a git checkout, or pass --baseline <revision>")
    destination.mkdir(parents=True)
    with tarfile.open(archive) as tar:
        tar.extractall(destination, filter="data")
    archive.unlink()
    return destination


def make_variant(name: str, work: Path, baseline: str, rules: int | None) -> Path:
    source = revision_source(baseline, work / f"{name}-source") if name == "material" else PROJECT_ROOT
    destination = work / name
    return make_synthetic_project(rules, destination, source) if rules else copy_project(destination, source)


# ---------------------------------------------------------------------------------------------
# Browser


@dataclass
class Traffic:
    """Every response the context received: (path, status, body bytes as sent)."""

    base: str
    responses: list[tuple[str, int, int]] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)

    def attach(self, context: Any) -> None:
        context.on("requestfinished", self._finished)
        context.on("requestfailed", lambda request: self.responses.append((request.url, 0, 0)))

    def _finished(self, request: Any) -> None:
        if request.url.startswith(("data:", "blob:")):
            return
        if not request.url.startswith(self.base):
            self.third_party.append(request.url)
        try:
            response = request.response()
            sizes = request.sizes()
        except Exception:  # the context closed under it
            return
        self.responses.append((request.url.removeprefix(self.base).split("?")[0],
                               response.status if response else 0, body_bytes(sizes, response)))

    def total(self, search_only: bool = False) -> int:
        return sum(size for path, _status, size in self.responses if not search_only or is_search(path))

    def count(self, search_only: bool = False) -> int:
        return sum(1 for path, _s, _b in self.responses if not search_only or is_search(path))


def body_bytes(sizes: dict[str, int], response: Any) -> int:
    """Bytes of the body as sent. Chromium reports 0 for a worker's own script: then the
    Content-Length serve.py always sends."""
    if sizes["responseBodySize"] or response is None:
        return sizes["responseBodySize"]
    return int(response.headers.get("content-length", 0))


def is_search(path: str) -> bool:
    return bool(re.search(r"(^|/)(search/|pagefind/)|^(js/search\.js|css/search\.css)$|^assets/javascripts/"
                          r"(workers|lunr)/", path))


OPEN_AND_TYPE = """async (query) => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const start = performance.now();
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
  const found = await new Promise((resolve) => {
    const done = () => list.querySelector(".md-search-result__item a[href]") && resolve(true);
    new MutationObserver(done).observe(list, {childList: true, subtree: true});
    setTimeout(() => resolve(false), 20000);
    done();
  });
  return found ? performance.now() - start : null;
}"""

RESULTS = """() => [...document.querySelectorAll(".md-search-result__item")].map((item) => ({
  page: item.querySelector("a[href]").href,
  links: [...item.querySelectorAll("a[href]")].map((a) => a.href),
  chars: Math.max(...[...item.querySelectorAll("a[href]")].map((a) => a.innerText.length)),
}))"""


def new_tab(browser: Any, base: str) -> tuple[Any, Any, Traffic]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    traffic = Traffic(base)
    traffic.attach(context)
    return context, context.new_page(), traffic


def settle(tab: Any) -> None:
    tab.wait_for_load_state("networkidle")
    tab.wait_for_timeout(SETTLE_MS)


def measure_bytes_and_time(browser: Any, base: str, language: str, runs: int) -> dict[str, Any]:
    url = base + ROOTS[language] + RULE_PAGE
    context, tab, traffic = new_tab(browser, base)
    tab.goto(url)
    settle(tab)
    view = {"total": traffic.total(), "search": traffic.total(True), "requests": traffic.count(),
            "search_requests": traffic.count(True),
            "files": sorted({f"{path} {size}" for path, _s, size in traffic.responses})}
    tab.evaluate(OPEN_AND_TYPE, TIMED_QUERY[language])
    settle(tab)
    after = {"total": traffic.total(), "search": traffic.total(True), "requests": traffic.count(),
             "search_requests": traffic.count(True),
             "search_files": sorted({f"{path} {size}" for path, _s, size in traffic.responses if is_search(path)})}
    failed = [f"{status} {path}" for path, status, _b in traffic.responses if not 200 <= status < 400]
    context.close()
    times = []
    for _ in range(runs):
        context, tab, _traffic = new_tab(browser, base)
        tab.goto(url)
        settle(tab)
        times.append(tab.evaluate(OPEN_AND_TYPE, TIMED_QUERY[language]))
        context.close()
    return {"view": view, "after_query": after, "first_results_ms": times, "failed": failed,
            "third_party": traffic.third_party}


def wait_for_stable_results(tab: Any) -> list[dict[str, Any]]:
    previous, stable = None, 0
    for _ in range(60):
        tab.wait_for_timeout(100)
        current = tab.evaluate(RESULTS)
        stable = stable + 1 if current == previous else 0
        if stable >= 3 and current:
            return current
        previous = current
    return previous or []


def page_of(url: str) -> str:
    """The page a result links to, without Material's ?h=<terms> (highlighting) and the fragment."""
    return url.split("#")[0].split("?")[0]


def rule_of(url: str) -> str | None:
    found = re.search(r"/rules/(R\d+)/", url)
    return found.group(1) if found else None


def measure_quality(browser: Any, base: str, language: str, question: str, anchor: str) -> dict[str, Any]:
    context, tab, _traffic = new_tab(browser, base)
    tab.goto(base + ROOTS[language] + RULE_PAGE)
    settle(tab)
    tab.locator("input.md-search__input").click()
    cases = [*CASES[language], (question, f"#{anchor}")]
    found: dict[str, list[dict[str, Any]]] = {}
    outcome = []
    for query, expected in cases:
        tab.locator("input.md-search__input").fill("")
        tab.wait_for_timeout(200)
        tab.locator("input.md-search__input").fill(query)
        tab.locator("input.md-search__input").dispatch_event("keyup")
        results = wait_for_stable_results(tab)
        found[query] = results
        top = list(dict.fromkeys(page_of(item["page"]) for item in results))[:TOP]
        if expected == "some":
            ok = bool(top)
        elif isinstance(expected, str) and expected.startswith("="):
            other = list(dict.fromkeys(page_of(item["page"]) for item in found[expected[1:]]))[:TOP]
            ok = bool(top) and top == other
        elif isinstance(expected, str) and expected.startswith("#"):
            ok = any(re.sub(r"\?[^#]*", "", link).endswith(expected) for item in results for link in item["links"])
        else:
            ok = any(rule_of(page) in expected for page in top)
        outcome.append({"query": query, "ok": ok, "top": [page.removeprefix(base) for page in top],
                        "expected": sorted(expected) if isinstance(expected, set) else expected})
    longest = max((item["chars"] for results in found.values() for item in results), default=0)
    context.close()
    return {"cases": outcome, "longest_entry_chars": longest}


# ---------------------------------------------------------------------------------------------


def pagefind_step_seconds(site_dir: Path, runs: int) -> list[float]:
    sys.path.insert(0, str(BENCHMARKS.parent / "hooks"))
    from netguide.search import BUNDLE_DIR, build_search_index

    times = []
    for _ in range(runs):
        shutil.rmtree(site_dir / BUNDLE_DIR, ignore_errors=True)
        start = time.perf_counter()
        build_search_index(site_dir)
        times.append(time.perf_counter() - start)
    return times


def spread(values: list[float | None]) -> str:
    found = [value for value in values if value is not None]
    missing = f", {len(values) - len(found)} without results in 20 s" if len(found) < len(values) else ""
    if not found:
        return f"none{missing}"
    return f"{statistics.median(found):.0f} ({min(found):.0f}–{max(found):.0f}){missing}"


def kib(value: int) -> str:
    return f"{value / 1024:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="opening + first query timings per variant and language")
    parser.add_argument("--builds", type=int, default=3, help="builds per variant for the build time")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--baseline", default=MATERIAL_SEARCH_REVISION,
                        help="the git revision built as the 'material' variant")
    parser.add_argument("--rules", type=int, help="a synthetic guide of this many rules (benchmarks/synth.py)")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    variants = [name.strip() for name in args.variants.split(",") if name.strip()]
    unknown = set(variants) - set(VARIANTS)
    if unknown:
        raise SystemExit(f"unknown variants: {sorted(unknown)}; known: {VARIANTS}")
    work = scratch_dir("search")
    figures: dict[str, Any] = {"machine_before": machine(), "rules": args.rules, "baseline": args.baseline,
                               "variants": {}}
    try:
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        for name in variants:
            project = make_variant(name, work, args.baseline, args.rules)
            builds = []
            print(f"[{name}] building", file=sys.stderr, flush=True)
            for number in range(args.builds):
                builds.append(checked(timed_build(project, work / f"{name}-site-{number}", base), name).seconds)
            site = work / f"{name}-site-0"
            export = json.loads((site / "api" / "guide.json").read_text(encoding="utf-8"))
            flow = next(item for item in export["flows"] if item["id"] == FLOW)
            node = next(item for item in flow["nodes"] if item["kind"] == "question" and item["id"] != flow["start"])
            result: dict[str, Any] = {"build_s": builds, "languages": {}}
            if name == "pagefind":
                result["pagefind_step_s"] = pagefind_step_seconds(work / f"{name}-site-{args.builds - 1}", args.builds)
            with StaticServer(site, port), sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS[1:]))
                for language in ROOTS:
                    print(f"[{name}] {language}: bytes and times", file=sys.stderr, flush=True)
                    figures_language = measure_bytes_and_time(browser, base, language, args.runs)
                    print(f"[{name}] {language}: quality", file=sys.stderr, flush=True)
                    figures_language["quality"] = measure_quality(browser, base, language,
                                                                  node["question"][language], node["anchor"])
                    result["languages"][language] = figures_language
                browser.close()
            figures["variants"][name] = result
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures["machine_after"] = machine()
    write_json(args.json, figures)

    print(f"Machine: {figures['machine_before']}\nLoad average after: {figures['machine_after']['load_average']}\n")
    size = f"synthetic guide of {args.rules} rules" if args.rules else "the real guide"
    print(f"Rule page {RULE_PAGE}, {size}, KiB as sent (gzip), every response including workers':\n")
    rows = []
    for name, result in figures["variants"].items():
        for language, data in result["languages"].items():
            view, after = data["view"], data["after_query"]
            rows.append([name, language, f"{kib(view['total'])} ({view['requests']} req.)",
                         f"{kib(view['search'])} ({view['search_requests']})",
                         f"{kib(after['total'])} ({after['requests']})",
                         f"{kib(after['search'])} ({after['search_requests']})",
                         spread(data["first_results_ms"])])
    print_table(["variant", "lang", "plain view: total", "of which search", "after 1 query: total",
                 "of which search", f"open → first results, ms, median (min–max) of {args.runs}"], rows)
    print("\nQuality: expected rule among the first 5 pages (✓ / ✗):\n")
    rows = []
    for name, result in figures["variants"].items():
        for language, data in result["languages"].items():
            cases = data["quality"]["cases"]
            rows.append([name, language, f"{sum(c['ok'] for c in cases)}/{len(cases)}",
                         " ".join(f"{c['query']}{'✓' if c['ok'] else '✗'}" for c in cases),
                         data["quality"]["longest_entry_chars"]])
    print_table(["variant", "lang", "passed", "cases (last: a flow question's text → #q-<id>)",
                 "longest entry (chars)"], rows)
    print("\nBuild (both languages), seconds, median (min–max):\n")
    print_table(["variant", f"build, {args.builds} runs", "Pagefind step alone"],
                [[name, f"{statistics.median(r['build_s']):.2f} ({min(r['build_s']):.2f}–{max(r['build_s']):.2f})",
                  f"{statistics.median(r['pagefind_step_s']):.2f} ({min(r['pagefind_step_s']):.2f}–"
                  f"{max(r['pagefind_step_s']):.2f})" if "pagefind_step_s" in r else "–"]
                 for name, r in figures["variants"].items()])
    failures = [f"{name} {language}: {case['query']} → {case['top']}"
                for name, result in figures["variants"].items() for language, data in result["languages"].items()
                for case in data["quality"]["cases"] if not case["ok"]]
    if failures:
        print("\nFailed cases (first pages found):\n" + "\n".join(failures))
    problems = [f"{name} {language}: {problem}" for name, result in figures["variants"].items()
                for language, data in result["languages"].items() for problem in data["failed"] + data["third_party"]]
    print(f"\nFailed or third-party responses: {len(problems)} {problems if problems else ''}")


if __name__ == "__main__":
    main()
