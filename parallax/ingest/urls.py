"""URL lists: the pages they name, fetched politely.

A URL list is a file with the suffix ``.urls``, or a ``.txt`` file whose every non-empty
line (lines starting with ``#`` are comments) is an ``http://`` or ``https://`` address
(judged on its first 64 kB).  Each listed address is one input: record = its line number,
id = the address as listed, url = the address the page was finally read from.

Only the listed addresses are fetched; nothing found in a page is followed.  Each request
carries ``fetch.user_agent``, must finish within ``fetch.timeout_s`` seconds (connecting and
reading together) and may bring at most ``limits.max_input_bytes``; HTTP redirects are
followed to http(s) addresses only, at most ``fetch.max_redirects`` times.  Every host's
robots.txt is read once (RFC 9309: a missing one allows everything, one that cannot be read
for a server error or network failure allows nothing) and obeyed for every address
requested, redirect targets included; requests to one host are spaced by ``fetch.delay_s``
seconds, or by the host's Crawl-delay when longer (at most ``fetch.max_delay_s``).
Failures are rejected with what happened ("HTTP 404 Not Found", "timed out after 10 s",
"disallowed by robots.txt", "larger than 20.0 MB").
"""

from __future__ import annotations

import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from ..config import Config, FetchConfig
from ..records import Article, Rejected
from .common import read_decoded, size_text
from .decode import UNDECODABLE, decode
from .registry import Meta, claims, reader

_URL = re.compile(r"^https?://[^\s/?#]+\S*$", re.I)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
#: bytes of a .txt file looked at to decide whether it is a URL list.
SNIFF_BYTES = 1 << 16
#: robots.txt files are read up to this size (RFC 9309 asks for at least 500 KiB).
ROBOTS_BYTES = 512 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 1 << 16
_LOOKS_HTML = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)


def _listed(text: str) -> Iterator[tuple[int, str]]:
    """(line number, entry) for every line that is neither empty nor a comment."""
    for n, line in enumerate(text.splitlines(), start=1):
        s = line.strip()
        if s and not s.startswith("#"):
            yield n, s


def is_url_list(path: Path) -> bool:
    """True when every non-empty, non-comment line of the file's start is an http(s) URL."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(SNIFF_BYTES + 1)
    except OSError:
        return False
    if len(data) > SNIFF_BYTES:
        data = data[: data.rfind(b"\n", 0, SNIFF_BYTES) + 1]  # whole lines only
    text = decode(data)
    if not text:
        return False
    entries = [s for _, s in _listed(text)]
    return bool(entries) and all(_URL.match(s) for s in entries)


@claims(".txt", ".text", sniff=is_url_list)
@reader(".urls")
def read_urls(path: Path, source: str, cfg: Config, meta: Meta) -> Iterator[Article | Rejected]:
    """Every page a URL list names, fetched, as an Article or a Rejected (record = line number)."""
    text = read_decoded(path, source, cfg)
    if isinstance(text, Rejected):
        yield text
        return
    fetcher = Fetcher(cfg.fetch, cfg.limits.max_input_bytes)
    first_line: dict[str, int] = {}
    for n, url in _listed(text):
        if not _URL.match(url):
            what = "only http and https addresses are fetched" if _SCHEME.match(url) else "not an address"
            yield Rejected(source, n, f"line {n} ({url[:80]}): {what}")
            continue
        if url in first_line:
            yield Rejected(source, n, f"line {n} repeats the address of line {first_line[url]}")
            continue
        first_line[url] = n
        page = fetcher.get(url)
        if isinstance(page, str):
            yield Rejected(source, n, f"line {n} ({url}): {page}")
            continue
        yield _article(page, url, n, source)


def _article(page: Fetched, url: str, n: int, source: str) -> Article | Rejected:
    """A fetched page as an Article: HTML pages (or, without a content type, what looks
    like one) as html, plain text as text."""
    mime = page.content_type or ("text/html" if _LOOKS_HTML.match(page.body[:1024]) else "")
    if mime not in _HTML_TYPES and mime != "text/plain":
        return Rejected(source, n, f"line {n} ({url}): not a web page ({mime or 'no content type'})")
    body = decode(page.body, html=mime != "text/plain", declared=page.charset)
    if body is None:
        return Rejected(source, n, f"line {n} ({url}): {UNDECODABLE}")
    if mime == "text/plain":
        return Article(id=url, source=source, record=n, text=body, url=page.url)
    return Article(id=url, source=source, record=n, html=body, url=page.url)


@dataclass
class _Response:
    """One HTTP response: status, reason phrase, headers and (for a 200) the body."""

    status: int
    reason: str
    headers: Message
    body: bytes


@dataclass
class Fetched:
    """A page as received: the address it came from, its media type, charset and bytes."""

    url: str
    content_type: str
    charset: str | None
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hands redirects back to the caller (as HTTPError) so that each hop is checked."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


def _http_only_opener() -> urllib.request.OpenerDirector:
    """An opener that speaks http and https only (no file:, ftp: or data: handlers) and
    follows no redirect by itself."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        _NoRedirect(),
        urllib.request.UnknownHandler(),
    ):
        opener.add_handler(handler)
    return opener


class _Failure(Exception):
    """A request that did not bring a page; its message is the rejection reason."""


class Fetcher:
    """Fetches pages for one URL list: one robots.txt per host, polite spacing per host."""

    def __init__(self, cfg: FetchConfig, max_bytes: int) -> None:
        self.cfg = cfg
        self.max_bytes = max_bytes
        self._opener = _http_only_opener()
        self._robots: dict[str, RobotFileParser | str] = {}  # origin -> rules, or why none were read
        self._last: dict[str, float] = {}  # host -> when its last request ended

    def get(self, url: str) -> Fetched | str:
        """The page at `url` (after redirects), or the reason it could not be had."""
        current = url
        try:
            for _ in range(self.cfg.max_redirects + 1):
                scheme = urlsplit(current).scheme.lower()
                if scheme not in ("http", "https"):
                    return (
                        f"redirected to a {scheme or 'relative'} address ({current[:80]}); "
                        "only http and https addresses are fetched"
                    )
                refusal = self._robots_refusal(current)
                if refusal:
                    return refusal
                resp = self._request(current, self.max_bytes)
                location = resp.headers.get("Location")
                if resp.status in _REDIRECTS and location:
                    current = urljoin(current, location.strip())
                    continue
                if resp.status != 200:
                    return f"HTTP {resp.status} {resp.reason}".rstrip()
                mime = resp.headers.get_content_type() if resp.headers.get("Content-Type") else ""
                return Fetched(current, mime, resp.headers.get_content_charset(), resp.body)
        except _Failure as e:
            return str(e)
        return f"more than {self.cfg.max_redirects} redirects (fetch.max_redirects)"

    # ------------------------------------------------------------ one request

    def _request(self, url: str, limit: int) -> _Response:
        """One GET of `url` (redirects not followed; the body of at most `limit` bytes read
        only for a 200).  Raises _Failure for a timeout, an over-size body or a network error."""
        host = urlsplit(url).netloc.lower()
        self._wait(host)
        deadline = time.monotonic() + self.cfg.timeout_s
        req = urllib.request.Request(
            url,
            headers={
                "User-Agent": self.cfg.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
            },
        )
        try:
            try:
                resp = self._opener.open(req, timeout=self.cfg.timeout_s)
            except urllib.error.HTTPError as e:
                e.close()
                return _Response(e.code, str(e.reason or ""), e.headers, b"")
            with resp:
                length = resp.headers.get("Content-Length", "")
                if limit and length.isdigit() and int(length) > limit:
                    raise _Failure(
                        f"larger than {size_text(limit)} ({size_text(int(length))}; limits.max_input_bytes)"
                    )
                chunks, size = [], 0
                while chunk := resp.read1(_CHUNK):
                    chunks.append(chunk)
                    size += len(chunk)
                    if limit and size > limit:
                        raise _Failure(f"larger than {size_text(limit)} (limits.max_input_bytes)")
                    if time.monotonic() > deadline:
                        raise TimeoutError
                return _Response(resp.status, resp.reason or "", resp.headers, b"".join(chunks))
        except TimeoutError:
            raise _Failure(f"timed out after {self.cfg.timeout_s:g} s") from None
        except urllib.error.URLError as e:
            if isinstance(e.reason, (TimeoutError, socket.timeout)):
                raise _Failure(f"timed out after {self.cfg.timeout_s:g} s") from None
            raise _Failure(f"could not be fetched ({_reason(e.reason)})") from None
        except (OSError, ValueError) as e:  # connection reset, bad status line, invalid URL
            raise _Failure(f"could not be fetched ({_reason(e)})") from None
        finally:
            self._last[host] = time.monotonic()

    def _wait(self, host: str) -> None:
        """Sleep until the host's polite delay since its last request has passed."""
        last = self._last.get(host)
        if last is None:
            return
        delay = self.cfg.delay_s
        rules = self._robots.get(host)
        if isinstance(rules, RobotFileParser):
            crawl = rules.crawl_delay(self.cfg.user_agent)
            if crawl:
                delay = max(delay, min(float(crawl), self.cfg.max_delay_s))
        pause = last + delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    # ------------------------------------------------------------ robots.txt

    def _robots_refusal(self, url: str) -> str | None:
        """Why robots.txt forbids fetching `url`, or None when it may be fetched."""
        parts = urlsplit(url)
        host = parts.netloc.lower()
        if host not in self._robots:
            self._robots[host] = self._read_robots(f"{parts.scheme.lower()}://{parts.netloc}/robots.txt")
        rules = self._robots[host]
        if isinstance(rules, str):
            return rules
        if not rules.can_fetch(self.cfg.user_agent, url):
            return f"disallowed by robots.txt of {host}"
        return None

    def _read_robots(self, robots_url: str) -> RobotFileParser | str:
        """The host's robots.txt rules, or the reason nothing on the host may be fetched."""
        host = urlsplit(robots_url).netloc.lower()
        url = robots_url
        try:
            for _ in range(self.cfg.max_redirects + 1):
                resp = self._request(url, ROBOTS_BYTES)
                location = resp.headers.get("Location")
                if resp.status in _REDIRECTS and location:
                    url = urljoin(url, location.strip())
                    if urlsplit(url).scheme.lower() not in ("http", "https"):
                        break
                    continue
                break
        except _Failure as e:
            return f"robots.txt of {host} could not be read ({e}), so nothing there is fetched"
        rules = RobotFileParser(robots_url)
        if resp.status == 200:
            rules.parse((decode(resp.body) or "").splitlines())
        elif resp.status >= 500:
            return f"robots.txt of {host} could not be read (HTTP {resp.status}), so nothing there is fetched"
        else:
            rules.parse([])  # no robots.txt (4xx) or one that keeps redirecting: everything allowed
        rules.modified()
        return rules


def _reason(err: object) -> str:
    """A network error as a short phrase ("connection refused")."""
    if isinstance(err, ConnectionRefusedError):
        return "connection refused"
    if isinstance(err, socket.gaierror):
        return "the host name could not be resolved"
    text = getattr(err, "strerror", None) or str(err)
    return text.lower() if text else type(err).__name__
