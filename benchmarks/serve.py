"""A static file server that behaves like the production host in deploy/nginx.conf.

Python's http.server sends every file uncompressed and without cache headers, which alone
costs a mobile Lighthouse run about 14 performance points. This one, like the nginx
example, compresses text with gzip when the browser accepts it, sends the same cache
headers, redirects a directory to its trailing slash and answers a missing file with the
site's 404 page and status 404. It listens on loopback only.

Usage: .venv/bin/python benchmarks/serve.py SITE_DIR [--port 8000]
"""

from __future__ import annotations

import argparse
import gzip
import mimetypes
import re
import threading
from email.utils import formatdate
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

# What nginx's gzip_types covers in deploy/nginx.conf (text/html is always compressed there).
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
# Material fingerprints its own bundles (main.57a0d79d.min.css), Pagefind its index files
# (pagefind/index/fr_f36e1b2.pf_index, en/pagefind/…): those never change at their URL.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:css|js)$"
                           r"|^/?(?:[a-z]{2}/)?pagefind/(?:index/|fragment/|pagefind\.[a-z-]+_[0-9a-f]+\.pf_meta$)")
GZIP_LEVEL = 6  # nginx's gzip_comp_level in the example configuration
MIN_GZIP_BYTES = 256  # nginx's gzip_min_length

mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/json", ".json")
mimetypes.add_type("application/xml", ".xml")
mimetypes.add_type("image/svg+xml", ".svg")


def content_type(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "javascript")) else kind


def cache_control(url_path: str) -> str:
    """The cache policy of deploy/nginx.conf: fingerprinted bundles for a year, the rest revalidated."""
    if FINGERPRINTED.search(url_path):
        return "public, max-age=31536000, immutable"
    if url_path.endswith((".html", "/", ".json", ".xml")):
        return "no-cache"
    return "public, max-age=86400"


@lru_cache(maxsize=4096)
def compressed(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)


def make_handler(root: Path) -> type[BaseHTTPRequestHandler]:
    root = root.resolve()

    class Handler(BaseHTTPRequestHandler):
        server_version = "netguide-bench"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_HEAD(self) -> None:
            self._respond(send_body=False)

        def do_GET(self) -> None:
            self._respond(send_body=True)

        def _resolve(self, url_path: str) -> Path | None:
            candidate = (root / unquote(url_path).lstrip("/")).resolve()
            if candidate != root and root not in candidate.parents:
                return None
            return candidate

        def _respond(self, send_body: bool) -> None:
            url_path = urlsplit(self.path).path
            target = self._resolve(url_path)
            if target is not None and target.is_dir():
                if not url_path.endswith("/"):
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", url_path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                target = target / "index.html"
            status = HTTPStatus.OK
            if target is None or not target.is_file():
                status = HTTPStatus.NOT_FOUND
                target = root / "404.html"
                url_path = "/404.html"
            self._send_file(target, url_path, status, send_body)

        def _send_file(self, path: Path, url_path: str, status: HTTPStatus, send_body: bool) -> None:
            stat = path.stat()
            kind = content_type(path)
            body = path.read_bytes()
            encoding = None
            accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
            if accepts_gzip and kind.startswith(COMPRESSIBLE) and len(body) >= MIN_GZIP_BYTES:
                body = compressed(path, stat.st_mtime_ns)
                encoding = "gzip"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", formatdate(stat.st_mtime, usegmt=True))
            self.send_header("Cache-Control", cache_control(url_path))
            self.send_header("X-Content-Type-Options", "nosniff")
            if kind.startswith(COMPRESSIBLE):
                self.send_header("Vary", "Accept-Encoding")
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self.end_headers()
            if send_body:
                self.wfile.write(body)

    return Handler


class StaticServer:
    """The server on a background thread: ``with StaticServer(site, port) as server: server.url``."""

    def __init__(self, root: Path, port: int = 0) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), make_handler(Path(root)))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StaticServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = StaticServer(args.site_dir, args.port)
    print(f"Serving {args.site_dir} with gzip at {server.url} (Ctrl-C stops)")
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()


if __name__ == "__main__":
    main()
