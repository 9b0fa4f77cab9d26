"""`mkdocs serve`: time from saving one rule's file to the rebuilt page being served.

Runs `mkdocs serve` as scripts/serve does (its environment from scripts/serve-env) on a
temporary copy of the project (the tree's knowledge/ is never touched), then --runs times:
appends a new sentence to the French "why" of one rule in the copy's knowledge/rules/, and
polls that rule's page every 50 ms until the served page holds the sentence. The time counted
starts when the file is written and ends when the page with the change comes back, so it
includes the watcher's delay and the rebuild of both languages.
Target: under 2.5 seconds (median).

Usage: .venv/bin/python benchmarks/serve_rebuild.py [--runs 5] [--rule R07] [--json results/serve.json]
"""

from __future__ import annotations

import argparse
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PROJECT_ROOT, PYTHON, build_env, copy_project, free_port, machine, median, scratch_dir, write_json

TARGET_S = 2.5
POLL_S = 0.05
TIMEOUT_S = 120.0
# Sentences appended to the rule, one per run: real words, so the page stays readable French.
EDITS = ("Relisez avant tout envoi.", "Gardez une trace de vos échanges.", "Prenez le temps de répondre.",
         "Soyez bref et précis.", "Remerciez toujours.", "Restez courtois en toutes circonstances.",
         "Vérifiez le nom de la personne.", "Évitez les messages groupés.", "Dites pourquoi vous écrivez.",
         "Proposez plutôt que de demander.")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float = TIMEOUT_S) -> float:
    """Seconds until the page at url contains text (polling every 50 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(POLL_S)
    raise SystemExit(f"{url} did not show the change within {timeout:.0f} s")


def edit_rule(path: Path, sentence: str) -> None:
    """Append a sentence to the French 'why' of the rule, keeping the YAML valid."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["fr"]["why"] = data["fr"]["why"].rstrip() + " " + sentence
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rule", default="R07", help="the rule whose file is edited")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args()

    work = scratch_dir("serve")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (work / "serve.log").open("w")
    project = copy_project(work / "project")
    # As scripts/serve runs it: its environment from scripts/serve-env (the rebuilt site in memory).
    server = subprocess.Popen(
        ["bash", "-c", f'source "$1" && exec "$2" -m mkdocs serve --dev-addr 127.0.0.1:{port}', "serve",
         str(PROJECT_ROOT / "scripts" / "serve-env"), PYTHON],
        cwd=project, env=build_env(base), stdout=log, stderr=subprocess.STDOUT,
    )
    times: list[float] = []
    try:
        page_url = f"{base}rules/{args.rule}/"
        wait_for(page_url, f'data-rule-id="{args.rule}"', TIMEOUT_S)
        rule_file = project / "knowledge" / "rules" / f"{args.rule}.yml"
        for run in range(args.runs):
            marker = EDITS[run % len(EDITS)] + (f" ({run})" if run >= len(EDITS) else "")
            time.sleep(1.0)  # let the previous rebuild settle, as a person would between two saves
            edit_rule(rule_file, marker)
            seconds = wait_for(page_url, marker)
            times.append(seconds)
            print(f"  save {run + 1}: page rebuilt and served after {seconds:.2f} s", flush=True)
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs serve then deletes its temporary site
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)

    figures = {"machine": machine(), "runs": args.runs, "rule": args.rule, "seconds": [round(t, 2) for t in times],
               "median_s": round(median(times), 2), "max_s": round(max(times), 2), "target_s": TARGET_S,
               "target_met": median(times) < TARGET_S}
    print(f"\nMachine: {figures['machine']}")
    print(f"mkdocs serve, save of knowledge/rules/{args.rule}.yml -> rebuilt page served: median"
          f" {figures['median_s']} s, max {figures['max_s']} s over {args.runs} saves"
          f" (target < {TARGET_S} s: {'met' if figures['target_met'] else 'NOT met'})")
    write_json(args.json, figures)


if __name__ == "__main__":
    main()
