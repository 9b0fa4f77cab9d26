"""Run deploy/nginx.conf on loopback against a fresh build and check what a browser gets from it.

Needs nginx (Debian: apt-get install nginx). The configuration is used as it is, with
only its root (the fresh build) and its listen lines (127.0.0.1 and a free port) replaced.
Checks: gzip on HTML, CSS, JavaScript and the sitemaps; the search's files; the cache lifetime
of each kind of file; a directory without its slash redirected on the same host; the site's
404 page with status 404; the sitemap served.

Usage: .venv/bin/python benchmarks/check_deploy.py [--json results/deploy.json]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PROJECT_ROOT, build_real_site, free_port, machine, print_table, scratch_dir, write_json

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONFIG = PROJECT_ROOT / "deploy" / "nginx.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")


class NginxServer:
    """deploy/nginx.conf serving site_dir on 127.0.0.1:port, for as long as the with-block lasts."""

    def __init__(self, site_dir: Path, port: int, work: Path) -> None:
        self.url = f"http://127.0.0.1:{port}/"
        self.work = work
        work.mkdir(parents=True, exist_ok=True)
        site = CONFIG.read_text(encoding="utf-8")
        site = re.sub(r"^\s*listen \[::\].*$", "", site, flags=re.MULTILINE)
        site = re.sub(r"^(\s*)listen .*;$", rf"\1listen 127.0.0.1:{port};", site, flags=re.MULTILINE)
        site = re.sub(r"^(\s*)root .*;$", rf"\1root {site_dir.resolve()};", site, flags=re.MULTILINE)
        (work / "site.conf").write_text(site, encoding="utf-8")
        temp = {name: work / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
        main = f"""
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp['body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    include {work}/site.conf;
}}
"""
        self.main = work / "nginx.conf"
        self.main.write_text(main, encoding="utf-8")
        self.process: subprocess.Popen[bytes] | None = None

    def test_config(self) -> str:
        result = subprocess.run([NGINX, "-t", "-p", str(self.work), "-c", str(self.main)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"nginx -t rejects deploy/nginx.conf:\n{result.stderr}")
        return result.stderr.strip()

    def __enter__(self) -> NginxServer:
        self.test_config()
        self.process = subprocess.Popen([NGINX, "-p", str(self.work), "-c", str(self.main)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url, timeout=1).close()
                return self
            except urllib.error.HTTPError:
                return self  # it answers; the checks say whether the answer is right
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        self.__exit__()  # __exit__ is not called when __enter__ fails: stop it here
        raise SystemExit("nginx did not answer: see " + str(self.work / "error.log"))

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def get(url: str) -> Answer:
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with opener.open(request, timeout=10) as response:
            return Answer(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def checks(base: str, site_dir: Path) -> list[tuple[str, bool, str]]:
    home = get(base)
    bundle = re.search(rb'assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js', (site_dir / "index.html").read_bytes())
    stylesheet = re.search(rb'assets/stylesheets/main\.[0-9a-f]{8}\.min\.css', (site_dir / "index.html").read_bytes())
    rule = get(base + "rules/R07/")
    results = [
        ("home page: 200, gzip, revalidated", home.status == 200 and home.headers.get("content-encoding") == "gzip"
         and home.headers.get("cache-control") == "no-cache", _describe(home)),
        ("rule page: 200, gzip, text/html; charset=utf-8",
         rule.status == 200 and rule.headers.get("content-encoding") == "gzip"
         and rule.headers.get("content-type", "").lower() == "text/html; charset=utf-8", _describe(rule)),
    ]
    for label, path in (("Material's main CSS", stylesheet), ("Material's bundle", bundle)):
        answer = get(base + path.group(0).decode()) if path else Answer(0, {}, b"")
        results.append((f"{label}: gzip, kept a year (immutable)",
                        answer.headers.get("content-encoding") == "gzip"
                        and "immutable" in answer.headers.get("cache-control", ""), _describe(answer)))
    for label, path in (("guide.css", "css/guide.css"), ("guide.js", "js/guide.js")):
        answer = get(base + path)
        results.append((f"{label}: gzip, kept a day", answer.headers.get("content-encoding") == "gzip"
                        and answer.headers.get("cache-control") == "public, max-age=86400", _describe(answer)))
    entry = get(base + "pagefind/pagefind-entry.json")  # under gzip_min_length: sent as it is
    results.append(("pagefind/pagefind-entry.json: 200, revalidated", entry.status == 200
                    and entry.headers.get("cache-control") == "no-cache", _describe(entry)))
    script = get(base + "pagefind/pagefind.js")
    results.append(("pagefind/pagefind.js: gzip, revalidated", script.status == 200
                    and script.headers.get("content-encoding") == "gzip"
                    and script.headers.get("cache-control") == "no-cache", _describe(script)))
    for root in ("", "en/"):  # each language's index
        chunk = next((site_dir / root / "pagefind" / "index").glob("*.pf_index"), None)
        answer = get(base + root + "pagefind/index/" + chunk.name) if chunk else Answer(0, {}, b"")
        results.append((f"a Pagefind index chunk of /{root}pagefind/: 200, a gzip file sent as it is, kept a year "
                        "(immutable)", answer.status == 200 and "content-encoding" not in answer.headers
                        and answer.body[:2] == b"\x1f\x8b" and "immutable" in answer.headers.get("cache-control", ""),
                        _describe(answer)))
    search = get(base + "js/search.js")
    results.append(("js/search.js: gzip, kept a day", search.headers.get("content-encoding") == "gzip"
                    and search.headers.get("cache-control") == "public, max-age=86400", _describe(search)))
    sitemap = get(base + "sitemap.xml")
    results.append(("sitemap.xml: 200, gzip", sitemap.status == 200
                    and sitemap.headers.get("content-encoding") == "gzip", _describe(sitemap)))
    redirect = get(base + "rules/R07")
    results.append(("/rules/R07 -> /rules/R07/ on the same host", redirect.status == 301
                    and redirect.headers.get("location") == "/rules/R07/", _describe(redirect)))
    missing = get(base + "no-such-page/")
    results.append(("missing page: 404 with the site's page", missing.status == 404
                    and len(missing.body) > 1000, _describe(missing)))
    return results


def _describe(answer: Answer) -> str:
    parts = [str(answer.status)]
    for header in ("content-encoding", "cache-control", "location"):
        if header in answer.headers:
            parts.append(f"{header}: {answer.headers[header]}")
    return "; ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", help="also write the results to this JSON file")
    args = parser.parse_args()
    if not Path(NGINX).exists():
        raise SystemExit("nginx is not installed: apt-get install nginx")
    work = scratch_dir("deploy")
    work.chmod(0o755)  # nginx's workers run as an unprivileged user and must read the build
    try:
        port = free_port()
        site = work / "site"
        build_real_site(site, f"http://127.0.0.1:{port}/")
        with NginxServer(site, port, work / "nginx") as server:
            results = checks(server.url, site)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(["check", "result", "answer"], [[label, "ok" if ok else "FAILED", detail]
                                                for label, ok, detail in results])
    failed = [label for label, ok, _ in results if not ok]
    print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed")
    write_json(args.json, {"machine": machine(), "checks": [{"check": label, "ok": ok, "answer": detail}
                                                            for label, ok, detail in results]})
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
