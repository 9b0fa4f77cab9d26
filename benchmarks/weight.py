"""Page weight per page type: HTML, CSS, JS, the search index and the rest, raw and gzipped, and requests.

Builds the real site and serves it as the production host would (benchmarks/serve.py: gzip),
opens one page of each type in each language in Debian's Chromium (Playwright) and records
every request the browser makes for it until the network is idle: the listener is on the
browser context, not the page, because requests made by a worker are not always reported to
page.on("request"). For each file: its size on disk (raw) and the bytes sent (gzip). The search
(Pagefind) loads only when the reader opens it, so a page view has none of it;
benchmarks/search_compare.py measures what opening it costs.
What the guide adds on top of Material (css/, js/ and the generated HTML) is shown apart
from Material's own assets. Checks: no third-party request, no response >= 400.

Growth per rule: the same measurement on a copy of the project with 100 more rules
(benchmarks/synth.py); the difference divided by 100.

Usage: .venv/bin/python benchmarks/weight.py [--json results/weight.json] [--no-growth]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    build_real_site,
    free_port,
    machine,
    print_table,
    sample_pages,
    scratch_dir,
    search_bundles,
    write_json,
)
from serve import StaticServer
from synth import make_synthetic_project

EXTRA_RULES = 100
# Time given, once the network is idle, to anything a script starts late (a worker, a lazy load).
SETTLE_MS = 1500


@dataclass
class Request:
    path: str
    status: int
    kind: str  # html, css, js, search-index (any file of the search: index, scripts, worker), sitemap, other
    owner: str  # ours, material, search
    raw: int
    sent: int


@dataclass
class PageWeight:
    page_type: str
    language: str
    path: str
    requests: list[Request] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)

    def total(self, attribute: str, kind: str | None = None, owner: str | None = None) -> int:
        return sum(getattr(request, attribute) for request in self.requests
                   if (kind is None or request.kind == kind) and (owner is None or request.owner == owner))

    @property
    def failed(self) -> list[str]:
        return [f"{request.status} /{request.path}" for request in self.requests if request.status >= 400]


# The search's files: Pagefind's bundle, our dialog's script and styles; Material's index and worker.
SEARCH_FILES = re.compile(r"(^|/)(search/|pagefind/)|^(js/search\.js|css/search\.css)$"
                          r"|^assets/javascripts/(workers|lunr)/")


def classify(path: str) -> tuple[str, str]:
    if SEARCH_FILES.search(path):
        return "search-index", "search"
    owner = "material" if path.startswith("assets/") else "ours"
    if path.endswith(".css"):
        return "css", owner
    if path.endswith(".js"):
        return "js", owner
    if path.endswith("sitemap.xml"):
        return "sitemap", "ours"
    if path == "" or path.endswith(("/", ".html")):
        return "html", "ours"
    return "other", owner


def measure_page(browser: Any, base_url: str, site_dir: Path, page_type: str, language: str,
                 path: str) -> PageWeight:
    weight = PageWeight(page_type, language, "/" + path)
    context = browser.new_context(viewport={"width": 412, "height": 823})

    def on_finished(request: Any) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        if not url.startswith(base_url):
            weight.third_party.append(url)
            return
        try:
            response = request.response()
            sizes = request.sizes()
        except Exception:  # the context closed under it
            return
        local = url.removeprefix(base_url).split("#")[0].split("?")[0]
        file = site_dir / local
        file = file / "index.html" if file.is_dir() else file
        raw = file.stat().st_size if response.status < 400 and file.is_file() else 0
        # Chromium reports 0 for a worker's own script: then the Content-Length serve.py always sends.
        sent = sizes["responseBodySize"] or int(response.headers.get("content-length", 0))
        kind, owner = classify(local)
        weight.requests.append(Request(local, response.status, kind, owner, raw, sent))

    # On the context: it also sees the requests of the page's workers.
    context.on("requestfinished", on_finished)
    context.on("requestfailed", lambda request: weight.third_party.append(f"FAILED {request.url}")
               if not request.url.startswith(base_url) else weight.requests.append(
                   Request(request.url.removeprefix(base_url), 0, "failed", "?", 0, 0)))
    tab = context.new_page()
    tab.goto(base_url + path, wait_until="networkidle")
    tab.wait_for_timeout(SETTLE_MS)
    context.close()
    return weight


def measure_site(site_dir: Path, site_url: str, port: int) -> list[PageWeight]:
    from playwright.sync_api import sync_playwright

    samples = sample_pages(site_dir, site_url)
    weights = []
    with StaticServer(site_dir, port) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS[1:]))
        for page_type, paths in samples.items():
            for language, path in paths.items():
                weights.append(measure_page(browser, server.url, site_dir, page_type, language, path))
        browser.close()
    return weights


def summary(weight: PageWeight) -> dict[str, Any]:
    return {
        "page_type": weight.page_type, "language": weight.language, "path": weight.path,
        "requests": len(weight.requests),
        "html": {"raw": weight.total("raw", "html"), "gzip": weight.total("sent", "html")},
        "css": {"raw": weight.total("raw", "css"), "gzip": weight.total("sent", "css")},
        "js": {"raw": weight.total("raw", "js"), "gzip": weight.total("sent", "js")},
        "ours_css_js": {"raw": weight.total("raw", "css", "ours") + weight.total("raw", "js", "ours"),
                        "gzip": weight.total("sent", "css", "ours") + weight.total("sent", "js", "ours")},
        "material_css_js": {"raw": weight.total("raw", "css", "material") + weight.total("raw", "js", "material"),
                            "gzip": weight.total("sent", "css", "material") + weight.total("sent", "js", "material")},
        "search_index": {"raw": weight.total("raw", "search-index"), "gzip": weight.total("sent", "search-index")},
        "other": {"raw": weight.total("raw", "other") + weight.total("raw", "sitemap"),
                  "gzip": weight.total("sent", "other") + weight.total("sent", "sitemap")},
        "total": {"raw": weight.total("raw"), "gzip": weight.total("sent")},
        "third_party": weight.third_party,
        "failed": weight.failed,
        "files": [asdict(request) for request in weight.requests],
    }


def kib(value: int) -> str:
    return f"{value / 1024:.1f}"


def search_index_facts(site_dir: Path) -> dict[str, dict[str, int]]:
    """Each language's Pagefind index on disk; its files are gzip already, so on disk = sent.

    index: the metadata and the word index's chunks (a query downloads the metadata and one or a
    few chunks); fragments: one record per page (a result shown downloads its page's); wasm: the
    search engine with the language's stemmer; pages: pages indexed.
    """
    facts = {}
    for meta in [meta for folder in search_bundles(site_dir) for meta in sorted(folder.glob("pagefind.*.pf_meta"))]:
        bundle = meta.parent
        language = meta.name.split(".")[1].split("_")[0]
        chunks = list((bundle / "index").glob(f"{language}_*.pf_index"))
        fragments = list((bundle / "fragment").glob(f"{language}_*.pf_fragment"))
        facts[language] = {
            "index": meta.stat().st_size + sum(path.stat().st_size for path in chunks),
            "largest_chunk": max((path.stat().st_size for path in chunks), default=0),
            "fragments": sum(path.stat().st_size for path in fragments),
            "wasm": (bundle / f"wasm.{language}.pagefind").stat().st_size,
            "pages": len(fragments),
        }
    return facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--no-growth", action="store_true", help="skip the growth-per-rule measurement")
    args = parser.parse_args()

    work = scratch_dir("weight")
    try:
        port = free_port()
        site_url = f"http://127.0.0.1:{port}/"
        build_real_site(work / "site", site_url)
        pages = [summary(weight) for weight in measure_site(work / "site", site_url, port)]
        index = search_index_facts(work / "site")
        growth: dict[str, Any] = {}
        if not args.no_growth:
            rules = len(list((Path(__file__).resolve().parent.parent / "knowledge" / "rules").glob("*.yml")))
            project = make_synthetic_project(rules + EXTRA_RULES, work / "bigger")
            build_real_site(work / "bigger-site", site_url, project)
            bigger_pages = {(p["page_type"], p["language"]): p
                            for p in map(summary, measure_site(work / "bigger-site", site_url, port))}
            bigger_index = search_index_facts(work / "bigger-site")
            growth = {
                "rules_added": EXTRA_RULES,
                "search_index_per_rule": {language: {key: round((bigger_index[language][key] - facts[key])
                                                                / EXTRA_RULES) for key in ("index", "fragments")}
                                          for language, facts in index.items()},
                "html_per_rule": {f"{p['page_type']} {p['language']}": {
                    key: round((bigger_pages[(p["page_type"], p["language"])]["html"][key] - p["html"][key])
                               / EXTRA_RULES, 1) for key in ("raw", "gzip")}
                    for p in pages if (p["page_type"], p["language"]) in bigger_pages},
            }
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"Machine: {machine()}\n")
    print("Per page (KiB; raw = size on disk, gzip = bytes sent; JS and CSS: Material's + ours):\n")
    print_table(
        ["page", "lang", "requests", "HTML raw/gz", "CSS raw/gz", "JS raw/gz", "ours CSS+JS raw/gz",
         "search index raw/gz", "other raw/gz", "total raw/gz"],
        [[p["page_type"], p["language"], p["requests"],
          *(f"{kib(p[key]['raw'])} / {kib(p[key]['gzip'])}"
            for key in ("html", "css", "js", "ours_css_js", "search_index", "other", "total"))] for p in pages],
    )
    print("\nSearch (Pagefind, loaded only when the search is opened), per language, KiB on disk = sent: "
          + "; ".join(f"{language}: index {kib(facts['index'])} (largest chunk {kib(facts['largest_chunk'])}), "
                      f"page records {kib(facts['fragments'])} for {facts['pages']} pages, engine {kib(facts['wasm'])}"
                      for language, facts in index.items()))
    if growth:
        print("Growth per rule added: " + "; ".join(
            f"{language} index +{values['index']} B, page records +{values['fragments']} B"
            for language, values in growth["search_index_per_rule"].items()))
        print("HTML per page type (B raw / gzipped):")
        for name, values in growth["html_per_rule"].items():
            print(f"  {name}: +{values['raw']} / +{values['gzip']}")
    third_party = sorted({url for p in pages for url in p["third_party"]})
    failed = sorted({f"{p['path']}: {f}" for p in pages for f in p["failed"]})
    print(f"\nThird-party requests: {len(third_party)} {third_party if third_party else ''}")
    print(f"Responses >= 400: {len(failed)} {failed if failed else ''}")
    write_json(args.json, {"machine": machine(), "pages": pages, "search_index": index, "growth": growth,
                           "third_party": third_party, "failed": failed})


if __name__ == "__main__":
    main()
