"""What fitting Material's files to the site saves, and whether a reader can see any difference.

The build fits Material's theme files to the finished site (hooks/netguide/adapter/material_assets.py):
its main stylesheet keeps only the rules that some page or shipped script can use, unread custom
properties go, and the whitespace of its templates' indentation is collapsed in every page. This
script builds the site twice: as the project builds it ("fitted"), and from a copy of the project
whose build skips that step ("as shipped": Material's stylesheet as it comes, pages as Material's
templates write them). It reports the bytes saved (the stylesheet; the HTML of every page) and
compares screenshots of both sites, pixel for pixel.

Screenshots: each sample page (home, rule, rule index, theme, flow, checklist, print-all,
coaches, short-link folder, page not found) in both languages, on a phone (412 px) and a desktop
(1280 px): the whole page; the search open on results; on the phone the navigation drawer open;
on the desktop the page printed (print media), the language menu open (hover), the first links'
focus ring (Tab), and the page scrolled down then up a little (header title, back-to-top button).
Both sites are shot without transitions and animations (NO_MOTION). A second run of the
as-shipped site is the control: what differs between two runs of the same site (a caret, a late
layout) is noise, not the fitting. For each difference the differing
pixels are counted and boxed (in the browser, on canvases).

Usage: .venv/bin/python benchmarks/css_trim.py [--json FILE] [--keep-output DIR]
"""

from __future__ import annotations

import argparse
import base64
import gzip
import re
import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    build_real_site,
    copy_project,
    free_port,
    machine,
    print_table,
    scratch_dir,
    write_json,
)
from serve import StaticServer

SAMPLES = ["", "rules/R21/", "rules/", "themes/profil/", "flows/accepter-demande/", "checklists/avant-inviter/",
           "checklists/print/", "coaches/", "r/", "404.html"]
ROOTS = ("", "en/")
FIT_CALL = "BuildOutputs(material_fitting(config), "
# Material's transitions (the search box widening, the drawer sliding) leave the text of the
# states they end in rasterized differently from one run to the next (seen with the search open:
# two runs of the same site differed in 14 of 20 screenshots): both sites are shot without them.
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"
STYLESHEET = "assets/stylesheets/main.*.min.css"


def unfitted_project(destination: Path) -> Path:
    """A copy of the project whose build leaves Material's files as they come."""
    project = copy_project(destination)
    events = project / "hooks" / "netguide" / "adapter" / "events.py"
    text = events.read_text(encoding="utf-8")
    if FIT_CALL not in text:
        raise SystemExit(f"css_trim: {events.name} no longer calls {FIT_CALL.strip()!r}; update this script")
    # No fitting: Material's files as shipped (benchmarks/css_trim.py)
    events.write_text(text.replace(FIT_CALL, "BuildOutputs(None, "), encoding="utf-8")
    return project


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def sizes(site: Path) -> dict[str, Any]:
    stylesheet = next(site.glob(STYLESHEET)).read_bytes()
    pages = [path for path in site.rglob("*.html") if "pagefind" not in path.parts]
    samples = {root + sample: site / root / (sample if sample.endswith(".html") else sample + "index.html")
               for root in ROOTS for sample in SAMPLES}
    return {
        "stylesheet": {"raw": len(stylesheet), "gzip": gzipped(stylesheet), "rules": stylesheet.count(b"{")},
        "html_all_pages": {"raw": sum(path.stat().st_size for path in pages),
                           "gzip": sum(gzipped(path.read_bytes()) for path in pages), "pages": len(pages)},
        "html_samples": {name: {"raw": path.stat().st_size, "gzip": gzipped(path.read_bytes())}
                         for name, path in samples.items()},
    }


def settled(tab: Any, **options: Any) -> bytes:
    """A screenshot once the page stops changing: two in a row the same (at most 6 tries), so that a
    late layout or paint on a busy machine is not taken for a difference."""
    previous = tab.screenshot(animations="disabled", **options)
    for _ in range(5):
        tab.wait_for_timeout(250)
        current = tab.screenshot(animations="disabled", **options)
        if current == previous:
            break
        previous = current
    return previous


def screenshots(site: Path) -> dict[str, bytes]:
    from playwright.sync_api import sync_playwright

    shots: dict[str, bytes] = {}
    with StaticServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS[1:]))
        for width, height in ((412, 823), (1280, 900)):
            context = browser.new_context(viewport={"width": width, "height": height})
            tab = context.new_page()
            phone = width < 600
            for root in ROOTS:
                for sample in SAMPLES:
                    url = server.url + root + sample
                    key = f"{width} /{root}{sample}"

                    def fresh(url: str = url, tab: Any = tab) -> None:
                        tab.goto(url, wait_until="networkidle")
                        tab.add_style_tag(content=NO_MOTION)
                        tab.wait_for_timeout(200)

                    fresh()
                    shots[f"{key} plain"] = settled(tab, full_page=True)
                    if phone:
                        tab.locator("label.md-header__button[for=__drawer]").click()
                        tab.wait_for_timeout(400)
                        shots[f"{key} drawer"] = settled(tab)
                        fresh()
                    else:
                        tab.emulate_media(media="print")  # what a printer gets (checklists are printed)
                        shots[f"{key} print"] = settled(tab, full_page=True)
                        tab.emulate_media(media="screen")
                        tab.locator(".md-header__option .md-select").hover()
                        tab.wait_for_timeout(400)
                        shots[f"{key} language menu"] = settled(tab)
                        fresh()
                        for _ in range(3):
                            tab.keyboard.press("Tab")
                        shots[f"{key} focus"] = settled(tab)
                        fresh()
                    tab.mouse.wheel(0, 1500)
                    tab.wait_for_timeout(300)
                    tab.mouse.wheel(0, -200)
                    tab.wait_for_timeout(600)
                    shots[f"{key} scrolled"] = settled(tab)
                    fresh()
                    tab.locator(".guide-search__open" if phone else "input.md-search__input").click()
                    tab.keyboard.type("R12")
                    tab.wait_for_function(
                        "document.getElementById('guide-search-results').dataset.for === 'R12'")
                    tab.mouse.move(0, 0)
                    tab.wait_for_timeout(400)
                    shots[f"{key} search"] = settled(tab)
            context.close()
        browser.close()
    return shots


PIXEL_DIFF = """async ([a, b]) => {
  const load = (data) => new Promise((resolve) => { const img = new Image(); img.onload = () => resolve(img);
    img.src = "data:image/png;base64," + data; });
  const [x, y] = await Promise.all([load(a), load(b)]);
  if (x.width !== y.width || x.height !== y.height) return {size: [x.width, x.height, y.width, y.height]};
  const pixels = (img) => { const c = document.createElement("canvas"); c.width = img.width; c.height = img.height;
    const g = c.getContext("2d"); g.drawImage(img, 0, 0); return g.getImageData(0, 0, c.width, c.height).data; };
  const p = pixels(x), q = pixels(y);
  let count = 0, box = [Infinity, Infinity, -1, -1];
  for (let i = 0; i < p.length; i += 4) {
    if (p[i] !== q[i] || p[i + 1] !== q[i + 1] || p[i + 2] !== q[i + 2]) {
      count++; const n = i / 4, px = n % x.width, py = Math.floor(n / x.width);
      box = [Math.min(box[0], px), Math.min(box[1], py), Math.max(box[2], px), Math.max(box[3], py)];
    }
  }
  return {pixels: count, box};
}"""


def pixel_differences(pairs: dict[str, tuple[bytes, bytes]]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS[1:]))
        tab = browser.new_page()
        for key, (a, b) in pairs.items():
            out[key] = tab.evaluate(PIXEL_DIFF, [base64.b64encode(a).decode(), base64.b64encode(b).decode()])
        browser.close()
    return out


def kib(value: int) -> str:
    return f"{value / 1024:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--keep-output", help="copy the differing screenshots here")
    args = parser.parse_args()
    work = scratch_dir("css")
    figures: dict[str, Any] = {"machine": machine()}
    try:
        site_url = f"http://127.0.0.1:{free_port()}/"
        fitted, shipped = work / "fitted", work / "shipped"
        print("building the site, and the site with Material's files as shipped", file=sys.stderr, flush=True)
        build_real_site(fitted, site_url)
        build_real_site(shipped, site_url, unfitted_project(work / "project"))
        figures["sizes"] = {"as shipped": sizes(shipped), "fitted": sizes(fitted)}
        print("screenshots: as shipped, fitted, as shipped again", file=sys.stderr, flush=True)
        shipped_shots = screenshots(shipped)
        fitted_shots = screenshots(fitted)
        control_shots = screenshots(shipped)
        differing = sorted(key for key in shipped_shots if shipped_shots[key] != fitted_shots.get(key))
        noise = sorted(key for key in shipped_shots if shipped_shots[key] != control_shots.get(key))
        figures["screenshots"] = {
            "compared": len(shipped_shots), "differing": differing, "differing_in_control": noise,
            "suspects": [key for key in differing if key not in noise],
            "pixels": pixel_differences({key: (shipped_shots[key], fitted_shots[key]) for key in differing}),
            "control_pixels": pixel_differences({key: (shipped_shots[key], control_shots[key]) for key in noise}),
        }
        if args.keep_output:
            out = Path(args.keep_output)
            out.mkdir(parents=True, exist_ok=True)
            for key in differing:
                name = re.sub(r"[^\w]+", "_", key)
                (out / f"{name}.shipped.png").write_bytes(shipped_shots[key])
                (out / f"{name}.fitted.png").write_bytes(fitted_shots[key])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures["machine_after"] = machine()

    print(f"Machine: {figures['machine']}\nLoad average after: {figures['machine_after']['load_average']}\n")
    shipped_sizes, fitted_sizes = figures["sizes"]["as shipped"], figures["sizes"]["fitted"]
    print_table(["", "Material's main CSS raw / gzip KiB", "rules", "HTML of all pages raw / gzip KiB"],
                [[label, f"{kib(values['stylesheet']['raw'])} / {kib(values['stylesheet']['gzip'])}",
                  values["stylesheet"]["rules"],
                  f"{kib(values['html_all_pages']['raw'])} / {kib(values['html_all_pages']['gzip'])}"]
                 for label, values in figures["sizes"].items()])
    print("\nHTML of the sample pages, gzip bytes (as shipped → fitted):")
    for name, values in shipped_sizes["html_samples"].items():
        print(f"  /{name}: {values['gzip']} → {fitted_sizes['html_samples'][name]['gzip']}")
    saved = shipped_sizes["stylesheet"]["gzip"] - fitted_sizes["stylesheet"]["gzip"]
    print(f"\nSaved on every first visit by the stylesheet: {kib(saved)} KiB gzipped")
    shots = figures["screenshots"]
    suspects = [key for key in shots["differing"] if key not in shots["differing_in_control"]]
    print(f"Screenshots compared: {shots['compared']}; as shipped vs fitted differ: {len(shots['differing'])}; "
          f"as shipped vs as shipped (control) differ: {len(shots['differing_in_control'])}; "
          f"differ with the fitting while the control is identical: {len(suspects)} {suspects}")
    for key in shots["differing"]:
        control = shots["control_pixels"].get(key, "identical")
        print(f"  {key}: fitted {shots['pixels'][key]}; control {control}")
    write_json(args.json, figures)


if __name__ == "__main__":
    main()
