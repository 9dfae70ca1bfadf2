"""URL lists, fetched from real HTTP servers on loopback (started here, on 127.0.0.1 only)
that serve the saved pages or misbehave on purpose: fetched only when asked, loopback and
private addresses refused at every hop unless allowed, robots.txt obeyed, redirects
limited, one deadline for the whole request, size limits enforced, and every failure (a
malformed response included) rejected with what happened while the later addresses are
fetched all the same."""

from __future__ import annotations

import socketserver
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

import parallax
from parallax.config import Config
from parallax.ingest import read
from parallax.records import Article, Rejected

from .conftest import ROOT

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
        if path == "/to-cafe":  # a Location sent as raw UTF-8 bytes, as some servers do
            self.wfile.write(
                b"HTTP/1.1 302 Found\r\nLocation: /caf\xc3\xa9.html\r\nContent-Length: 0\r\n\r\n"
            )
            return None
        if path == "/caf%C3%A9.html":
            return self._send(200, (WEB / "council-vote.html").read_bytes(), "text/html; charset=utf-8")
        if path.startswith("/to-loopback/"):  # a redirect to another loopback address
            return self._redirect(f"http://127.0.0.2:{self.server.server_address[1]}/storm-herald.html")
        if path == "/to-metadata":
            return self._redirect("http://169.254.169.254/latest/meta-data/")
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
    """Fetching allowed from 127.0.0.1 (where the test servers are) and no other private address."""
    cfg = Config()
    cfg.fetch.delay_s = 0
    cfg.fetch.allow_networks = ["127.0.0.1/32"]
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


def test_a_txt_of_addresses_is_an_article_and_only_asked_lists_are_fetched(server, tmp_path):
    """Nothing is fetched unless asked: a .txt file of addresses in a folder (or given as a
    file) is read as an article, never fetched; the same file given with --urls (url_lists)
    or named *.urls is."""
    Handler.log.clear()
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [f"{server}/council-vote.html", f"{server}/storm-coastal.html"]
    reading = _write(folder / "reading-list.txt", lines)
    items = list(read([str(folder), str(reading)], _cfg()))
    assert Handler.log == []  # not one request
    assert [(x.source, x.record) for x in items] == [(str(reading), None), (str(reading), None)]
    assert all(isinstance(x, Article) and x.text and x.html is None for x in items)
    asked = list(read([], _cfg(), url_lists=[str(reading)]))
    assert [(x.id, x.html is not None) for x in asked] == [(lines[0], True), (lines[1], True)]
    named = _write(folder / "reading.urls", lines)
    assert [x.id for x in read([str(named)], _cfg())] == lines


def test_the_command_line_documents_fetching(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "parallax", "analyze", "--help"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert "--urls FILE" in out and "--allow-private-addresses" in out
    assert "Nothing is fetched from the network unless asked" in " ".join(out.split())
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "--urls" in readme and "--allow-private-addresses" in readme and ".urls" in readme


def test_loopback_private_and_link_local_addresses_are_refused_at_every_hop(server, tmp_path):
    """By default nothing on this machine or its network is fetched, however the address is
    written, and a redirect into such an address is refused too; fetch.allow_private (or
    fetch.allow_networks) lets a lab fetch its own servers."""
    Handler.log.clear()
    port = server.rsplit(":", 1)[1]
    written = [
        f"http://127.0.0.1:{port}/storm-herald.html",
        f"http://localhost:{port}/storm-herald.html",
        f"http://[::1]:{port}/storm-herald.html",
        f"http://0.0.0.0:{port}/storm-herald.html",
        f"http://2130706433:{port}/storm-herald.html",
        f"http://127.1:{port}/storm-herald.html",
        f"http://[::ffff:127.0.0.1]:{port}/storm-herald.html",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/admin",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
    ]
    listing = _write(tmp_path / "inside.urls", written)
    cfg = _cfg()
    cfg.fetch.allow_networks = []
    items = list(read([str(listing)], cfg))
    assert Handler.log == []  # no request reached the server
    assert [type(x) for x in items] == [Rejected] * len(written)
    reasons = [x.reason for x in items]
    assert all(
        "refused: " in r and "(fetch.allow_private or --allow-private-addresses allows it)" in r
        for r in reasons
    )
    assert "refused: 127.0.0.1 is a loopback address" in reasons[0]
    assert "refused: 0.0.0.0 is an unspecified address" in reasons[3]
    assert "(127.0.0.1) is a loopback address" in reasons[4] and "(127.0.0.1) is a loopback" in reasons[5]
    assert "refused: 169.254.169.254 is a link-local address" in reasons[7]
    assert "refused: 10.0.0.1 is a private address" in reasons[8]
    assert "is a non-public address" in reasons[10] and "is a multicast address" in reasons[11]

    # a redirect from an allowed server into another loopback address, or the cloud metadata one
    hops = _write(tmp_path / "hops.urls", [f"{server}/to-loopback/1", f"{server}/to-metadata"])
    reasons = [x.reason for x in read([str(hops)], _cfg())]
    assert reasons == [
        f"line 1 ({server}/to-loopback/1): refused: 127.0.0.2 is a loopback address, not a public one "
        "(fetch.allow_private or --allow-private-addresses allows it)",
        f"line 2 ({server}/to-metadata): refused: 169.254.169.254 is a link-local address, not a public one "
        "(fetch.allow_private or --allow-private-addresses allows it)",
    ]
    assert not any(p == "/storm-herald.html" for _, p, _ in Handler.log)

    cfg.fetch.allow_private = True  # a lab: its own servers allowed
    lab = _write(tmp_path / "lab.urls", [f"http://127.1:{port}/storm-herald.html"])
    assert [type(x) for x in read([str(lab)], cfg)] == [Article]


def test_raw_utf8_in_a_redirect_is_read_as_utf8(server, tmp_path):
    listing = _write(tmp_path / "cafe.urls", [f"{server}/to-cafe"])
    [item] = list(read([str(listing)], _cfg()))
    assert isinstance(item, Article), item
    assert item.url == f"{server}/caf%C3%A9.html"


# ------------------------------------------------------------------ misbehaving servers


class Scripted(socketserver.StreamRequestHandler):
    """Answers each path with raw bytes, well-formed or not (robots.txt: none, a 404)."""

    def handle(self) -> None:
        try:
            line = self.rfile.readline(65537).decode("latin-1")
            while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                pass
            path = line.split(" ")[1] if line.count(" ") >= 2 else "/"
            SCRIPTS.get(path, _not_found)(self.wfile)
        except OSError:
            pass


def _not_found(w) -> None:
    w.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


PAGE = (WEB / "storm-herald.html").read_bytes()


def _good(w) -> None:
    w.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(PAGE) + PAGE)


def _trickle(w) -> None:
    """A redirect to a good page, its headers coming one byte every 50 ms (about 3 s in all)."""
    head = b"HTTP/1.1 302 Found\r\nLocation: /good\r\nX-Padding: " + b"p" * 30 + b"\r\n"
    for i in range(len(head)):
        w.write(head[i : i + 1])
        w.flush()
        time.sleep(0.05)
    w.write(b"Content-Length: 0\r\n\r\n")


SCRIPTS = {
    "/good": _good,
    "/trickle": _trickle,
    "/bad-status": lambda w: w.write(b"HELLO THERE\r\n\r\n"),
    "/long-header": lambda w: w.write(b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n"),
    "/many-headers": lambda w: w.write(
        b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(150)) + b"\r\n"
    ),
    "/short-body": lambda w: w.write(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<html>"
    ),
    "/bad-chunk": lambda w: w.write(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n"
    ),
    "/hang-up": lambda w: None,
}


@pytest.fixture(scope="module")
def scripted():
    srv = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Scripted)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_one_deadline_covers_the_status_line_and_headers(scripted, tmp_path):
    """A server that trickles its headers a byte at a time is cut off at the deadline (a
    timeout per read let it hold the run for as long as it kept sending, and its redirect
    was then followed)."""
    listing = _write(tmp_path / "slow.urls", [f"{scripted}/trickle", f"{scripted}/good"])
    cfg = _cfg()
    cfg.fetch.timeout_s = 0.5
    items = list(read([str(listing)], cfg))
    assert items[0].reason == f"line 1 ({scripted}/trickle): timed out after 0.5 s"
    assert isinstance(items[1], Article)


def test_malformed_responses_are_rejected_one_by_one_and_later_urls_go_on(scripted, tmp_path):
    bad = ["bad-status", "long-header", "many-headers", "short-body", "bad-chunk", "hang-up"]
    listing = _write(tmp_path / "bad.urls", [f"{scripted}/{p}" for p in bad] + [f"{scripted}/good"])
    items = list(read([str(listing)], _cfg()))
    assert [x.record for x in items] == list(range(1, len(bad) + 2))
    *rejected, last = items
    assert isinstance(last, Article) and last.url == f"{scripted}/good"
    for x, path in zip(rejected, bad, strict=True):
        assert isinstance(x, Rejected), path
        assert "could not be fetched (" in x.reason, x.reason
    assert "malformed HTTP response: BadStatusLine" in rejected[0].reason
    assert "malformed HTTP response: LineTooLong" in rejected[1].reason
    assert "malformed HTTP response: HTTPException: got more than 100 headers" in rejected[2].reason
    assert "malformed HTTP response: IncompleteRead" in rejected[3].reason
    assert "malformed HTTP response: RemoteDisconnected" in rejected[5].reason


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
