"""URL lists, fetched from a real HTTP server on loopback that serves the saved pages:
robots.txt obeyed, redirects limited, timeouts and size limits enforced, and every
failure rejected with what happened."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

import parallax
from parallax.config import Config
from parallax.ingest import read
from parallax.ingest.urls import is_url_list
from parallax.records import Article, Rejected

WEB = Path(__file__).resolve().parent / "data" / "web"
UA = parallax.Config().fetch.user_agent


class Handler(BaseHTTPRequestHandler):
    """The saved pages and robots.txt, plus paths that misbehave; every request is logged."""

    log: ClassVar[list[tuple[str, str, str]]] = []  # (host, path, user agent)

    def do_GET(self) -> None:
        host = (self.headers.get("Host") or "").split(":")[0]
        Handler.log.append((host, self.path, self.headers.get("User-Agent", "")))
        path = self.path
        if host == "localhost" and path == "/robots.txt":
            return self._send(503, b"busy", "text/plain")
        if path == "/moved":
            return self._redirect("/storm-herald.html")
        if path == "/loop":
            return self._redirect("/loop")
        if path == "/to-file":
            return self._redirect("file:///etc/passwd")
        if path == "/slow":
            time.sleep(2)
            return self._send(200, b"<html><body><p>late</p></body></html>", "text/html")
        if path == "/big":
            return self._send(
                200, b"<html><body>" + b"<p>word word word</p>" * 5000 + b"</body></html>", "text/html"
            )
        if path == "/big-unsized":  # no Content-Length: the size shows only while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>" + b"<p>word word word</p>" * 5000 + b"</body></html>")
            return None
        if path == "/report.pdf":
            return self._send(200, b"%PDF-1.4 not really", "application/pdf")
        file = WEB / path.lstrip("/")
        if path.startswith("/private/"):
            return self._send(200, (WEB / "storm-herald.html").read_bytes(), "text/html")
        if file.is_file() and file.parent == WEB:
            kind = "text/plain" if file.suffix == ".txt" else "text/html; charset=utf-8"
            return self._send(200, file.read_bytes(), kind)
        return self._send(404, b"<html><body>Not here</body></html>", "text/html")

    def _send(self, code: int, body: bytes, kind: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _cfg(**limits) -> Config:
    cfg = Config()
    cfg.fetch.delay_s = 0
    cfg.progress = False
    for k, v in limits.items():
        setattr(cfg.limits, k, v)
    return cfg


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_listed_pages_are_fetched_and_failures_named(server, tmp_path):
    Handler.log.clear()
    listing = _write(
        tmp_path / "today.urls",
        [
            "# pages about the storm",
            f"{server}/storm-herald.html",
            f"{server}/moved",
            f"{server}/missing.html",
            f"{server}/private/secret.html",
            f"{server}/report.pdf",
            f"{server}/loop",
            f"{server}/to-file",
            "ftp://files.example/story.txt",
            f"{server}/storm-herald.html",
            "",
            f"{server}/big",
            f"{server}/big-unsized",
            "storm-herald.html",
        ],
    )
    items = list(read([str(listing)], _cfg(max_input_bytes=50_000)))
    arts = [x for x in items if isinstance(x, Article)]
    assert [(a.id, a.record, a.url) for a in arts] == [
        (f"{server}/storm-herald.html", 2, f"{server}/storm-herald.html"),
        (f"{server}/moved", 3, f"{server}/storm-herald.html"),
    ]
    assert arts[0].html.startswith("<!DOCTYPE html>") and arts[0].source == str(listing)
    reasons = {x.record: x.reason for x in items if isinstance(x, Rejected)}
    assert reasons[4] == f"line 4 ({server}/missing.html): HTTP 404 Not Found"
    assert (
        reasons[5] == f"line 5 ({server}/private/secret.html): disallowed by robots.txt of 127.0.0.1:"
        f"{server.rsplit(':', 1)[1]}"
    )
    assert reasons[6].endswith("not a web page (application/pdf)")
    assert reasons[7].endswith("more than 5 redirects (fetch.max_redirects)")
    assert "redirected to a file address" in reasons[8]
    assert reasons[9] == "line 9 (ftp://files.example/story.txt): only http and https addresses are fetched"
    assert reasons[10] == "line 10 repeats the address of line 2"
    assert reasons[12].endswith("larger than 50.0 kB (105.0 kB; limits.max_input_bytes)")
    assert reasons[13].endswith("larger than 50.0 kB (limits.max_input_bytes)")
    assert reasons[14] == "line 14 (storm-herald.html): not an address"
    # robots.txt read once, the disallowed page never requested, the file: address never followed
    paths = [p for _, p, _ in Handler.log]
    assert paths.count("/robots.txt") == 1 and "/private/secret.html" not in paths
    assert paths.count("/loop") == 6
    assert {ua for _, _, ua in Handler.log} == {UA}


def test_timeout_and_unreadable_robots(server, tmp_path):
    port = server.rsplit(":", 1)[1]
    listing = _write(tmp_path / "slow.urls", [f"{server}/slow", f"http://localhost:{port}/storm-herald.html"])
    cfg = _cfg()
    cfg.fetch.timeout_s = 0.5
    reasons = [x.reason for x in read([str(listing)], cfg)]
    assert reasons == [
        f"line 1 ({server}/slow): timed out after 0.5 s",
        f"line 2 (http://localhost:{port}/storm-herald.html): robots.txt of localhost:{port} could not be "
        f"read (HTTP 503), so nothing there is fetched",
    ]


def test_txt_of_urls_is_a_list_and_an_article_is_not(server, tmp_path):
    urls = _write(
        tmp_path / "reading-urls.txt", [f"{server}/council-vote.html", f"{server}/storm-coastal.html"]
    )
    story = _write(
        tmp_path / "story.txt",
        ["Bridge reopens", "", "The bridge reopened on Monday, see", f"{server}/council-vote.html"],
    )
    assert is_url_list(urls) and not is_url_list(story)
    items = list(read([str(urls), str(story)], _cfg()))
    assert [(x.id, x.html is not None) for x in items] == [
        (f"{server}/council-vote.html", True),
        (f"{server}/storm-coastal.html", True),
        ("story.txt", False),
    ]


def test_url_list_analyses_end_to_end(server, tmp_path):
    listing = _write(
        tmp_path / "storm.urls",
        [
            f"{server}/storm-herald.html",
            f"{server}/storm-coastal.html",
            f"{server}/council-vote.html",
            f"{server}/storm-german.html",
        ],
    )
    dossier = parallax.analyze([str(listing)], _cfg())
    docs = {d.id: d for d in dossier.documents}
    assert set(docs) == {
        f"{server}/{n}" for n in ("storm-herald.html", "storm-coastal.html", "council-vote.html")
    }
    coastal = docs[f"{server}/storm-coastal.html"]
    assert coastal.outlet == "Coastal Daily News" and coastal.published == "2024-10-15"
    assert coastal.text.startswith("Clean-up crews began") and "cookies" not in coastal.text
    assert [(r.record, r.reason) for r in dossier.rejected] == [(4, "not English (detected: de)")]
    assert dossier.stories
