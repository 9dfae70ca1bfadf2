"""URL lists: the pages they name, fetched politely, and only when asked.

A URL list is a file named ``*.urls`` (given as an input or found in an input folder), or
any file given with ``parallax analyze --urls FILE``: one ``http://`` or ``https://``
address a line (empty lines and lines starting with ``#`` are skipped).  Nothing else is
ever fetched: a ``.txt`` file whose lines are addresses is an article like any other, and
nothing found in a page is followed.  Each listed address is one input: record = its line
number, id = the address as listed, url = the address the page was finally read from.

Where pages come from.  The host's addresses are looked up for every request, and every
address that is not a public internet address (loopback, private, link-local, carrier-grade
NAT, multicast, reserved, unspecified, or an IPv6 form of one of these) is refused unless
``fetch.allow_private`` (``--allow-private-addresses``, for a lab) allows them all or it
lies in one of the networks ``fetch.allow_networks`` names.  The
connection is then made to the very address that was checked (a DNS server that answers
differently a second time has no second time), at every hop: redirect targets and
robots.txt alike.  No proxy is used.

Limits.  Each request carries ``fetch.user_agent`` and has one deadline,
``fetch.timeout_s`` seconds for the look-up, connecting, the status line, the headers and
the body together (a server that trickles its headers a byte at a time is cut off on time);
it may bring at most ``limits.max_input_bytes``.  Redirects are followed to http(s)
addresses only, at most ``fetch.max_redirects`` times.  Every host's robots.txt is read once
(RFC 9309: a missing one allows everything, one that cannot be read for a server error or
network failure allows nothing) and obeyed for every address requested; requests to one
host are spaced by ``fetch.delay_s`` seconds, or by the host's Crawl-delay when longer (at
most ``fetch.max_delay_s``).  Every failure (a refusal, a timeout, a malformed response, a
broken connection) is that address's rejection, saying what happened ("HTTP 404 Not
Found", "timed out after 10 s", "disallowed by robots.txt", "larger than 20.0 MB", "refused:
127.0.0.1 is a loopback address"); the later addresses are fetched all the same.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import logging
import re
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from .. import netio
from ..config import Config, FetchConfig
from ..records import Article, Rejected
from .common import read_at_most, read_decoded, size_text
from .decode import UNDECODABLE, decode
from .registry import Meta, reader

log = logging.getLogger(__name__)

_URL = re.compile(r"^https?://[^\s/?#]+\S*$", re.I)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
#: robots.txt files are read up to this size (RFC 9309 asks for at least 500 KiB).
ROBOTS_BYTES = 512 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_REDIRECTS = (301, 302, 303, 307, 308)
_LOOKS_HTML = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
#: characters left as they are when an address is made ASCII (every other one is
#: percent-encoded as UTF-8): the reserved and unreserved characters of RFC 3986, and "%".
_URL_SAFE = "/?#[]@!$&'()*+,;=-._~:%"
#: what an address is, by the first ipaddress property of it that is true.
_ADDRESS_KINDS = (
    ("is_loopback", "a loopback"),
    ("is_unspecified", "an unspecified"),
    ("is_link_local", "a link-local"),
    ("is_multicast", "a multicast"),
    ("is_private", "a private"),
    ("is_reserved", "a reserved"),
)


def _listed(text: str) -> Iterator[tuple[int, str]]:
    """(line number, entry) for every line that is neither empty nor a comment."""
    for n, line in enumerate(text.splitlines(), start=1):
        s = line.strip()
        if s and not s.startswith("#"):
            yield n, s


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

    def location(self, base: str) -> str | None:
        """The absolute address a redirect points to, or None when it is not a redirect
        with a Location.  Header bytes arrive decoded as Latin-1; a Location that was
        sent as raw UTF-8 is read as UTF-8."""
        location = self.headers.get("Location")
        if self.status not in _REDIRECTS or not location or not location.strip():
            return None
        with contextlib.suppress(UnicodeError):
            location = location.encode("latin-1").decode("utf-8")
        return ascii_url(urljoin(base, location.strip()))


@dataclass
class Fetched:
    """A page as received: the address it came from, its media type, charset and bytes."""

    url: str
    content_type: str
    charset: str | None
    body: bytes


class _Failure(Exception):
    """A request that did not bring a page; its message is the rejection reason."""


class _Refused(_Failure):
    """A request not made: the address may not be fetched from."""


def ascii_url(url: str) -> str:
    """`url` as it goes on the wire: the host in IDNA, every other character that is not
    ASCII (or is a space or control) percent-encoded as UTF-8.  ValueError when the host
    name cannot be encoded."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if not netloc.isascii():
        host = parts.hostname or ""
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise ValueError(f"the host name {host[:80]!r} is not valid") from None
        netloc = netloc.lower().replace(host, ascii_host)
    path, query, fragment = (quote(s, safe=_URL_SAFE) for s in (parts.path, parts.query, parts.fragment))
    return urlunsplit((parts.scheme, netloc, path, query, fragment))


def address_kind(ip: str) -> str | None:
    """What `ip` is when it is not a public internet address ("a loopback", "a private",
    ...), else None.  IPv4 addresses written in IPv6 (mapped, 6to4, Teredo) are judged as
    the IPv4 address they carry."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address):
        inner = addr.ipv4_mapped or addr.sixtofour or (addr.teredo[1] if addr.teredo else None)
        if inner is not None:
            kind = address_kind(str(inner))
            if kind:
                return kind
    for prop, kind in _ADDRESS_KINDS:
        if getattr(addr, prop):
            return kind
    return None if addr.is_global else "a non-public"


class _Connection(http.client.HTTPConnection):
    """An HTTP(S) connection to one address already checked, for one host name (the Host
    header, TLS server name and certificate check), every step within one deadline."""

    def __init__(self, host: str, port: int, ip: str, deadline: float, tls: ssl.SSLContext | None) -> None:
        super().__init__(host, port)
        self._ip = ip
        self._deadline = deadline
        self._tls = tls

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), timeout=netio.left(self._deadline))
        try:
            if self._tls is not None:
                netio.set_timeout(sock, self._deadline)
                sock = self._tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise
        self.sock = netio.DeadlineSocket(sock, self._deadline)


class Fetcher:
    """Fetches pages for one URL list: one robots.txt per host, polite spacing per host."""

    def __init__(self, cfg: FetchConfig, max_bytes: int) -> None:
        self.cfg = cfg
        self.max_bytes = max_bytes
        self._tls: ssl.SSLContext | None = None
        self._networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] | None = None
        self._robots: dict[str, RobotFileParser | str] = {}  # origin -> rules, or why none were read
        self._last: dict[str, float] = {}  # host -> when its last request ended

    def get(self, url: str) -> Fetched | str:
        """The page at `url` (after redirects), or the reason it could not be had."""
        try:
            current = ascii_url(url)
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
                target = resp.location(current)
                if target:
                    current = target
                    continue
                if resp.status != 200:
                    return f"HTTP {resp.status} {resp.reason}".rstrip()
                mime = resp.headers.get_content_type() if resp.headers.get("Content-Type") else ""
                return Fetched(current, mime, resp.headers.get_content_charset(), resp.body)
        except _Failure as e:
            return str(e)
        except ValueError as e:
            return f"not a valid address ({e})"
        except Exception as e:  # whatever else one address brings is that address's rejection
            log.warning("fetching %s failed: %r", url, e)
            return f"could not be fetched ({type(e).__name__}: {str(e)[:200]})"
        return f"more than {self.cfg.max_redirects} redirects (fetch.max_redirects)"

    # ------------------------------------------------------------ one request

    def _request(self, url: str, limit: int) -> _Response:
        """One GET of `url` (redirects not followed; the body of at most `limit` bytes read
        only for a 200), within one deadline.  Raises _Failure for a refused address, a
        timeout, an over-size body, a malformed response or a network error."""
        parts = urlsplit(url)
        host = parts.hostname
        if not host:
            raise _Failure("not an address (no host name)")
        https = parts.scheme.lower() == "https"
        port = parts.port or (443 if https else 80)
        origin = parts.netloc.lower()
        self._wait(origin)
        deadline = time.monotonic() + self.cfg.timeout_s
        try:
            ip = self._address(host, port, deadline)
            conn = _Connection(host, port, ip, deadline, self._context() if https else None)
            try:
                conn.request(
                    "GET",
                    urlunsplit(("", "", parts.path or "/", parts.query, "")),
                    headers={
                        "User-Agent": self.cfg.user_agent,
                        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
                        "Accept-Encoding": "identity",
                        "Connection": "close",
                    },
                )
                resp = conn.getresponse()
                if resp.status != 200:
                    return _Response(resp.status, resp.reason or "", resp.msg, b"")
                return _Response(resp.status, resp.reason or "", resp.msg, self._body(resp, limit))
            finally:
                conn.close()
        except TimeoutError:
            raise _Failure(f"timed out after {self.cfg.timeout_s:g} s") from None
        except ssl.SSLError as e:
            raise _Failure(f"could not be fetched (TLS: {e.reason or e})") from None
        except http.client.HTTPException as e:
            detail = str(e).strip()[:120]
            raise _Failure(
                f"could not be fetched (malformed HTTP response: {type(e).__name__}"
                f"{': ' + detail if detail else ''})"
            ) from None
        except OSError as e:  # connection refused or reset, host not found
            raise _Failure(f"could not be fetched ({_reason(e)})") from None
        finally:
            self._last[origin] = time.monotonic()

    def _body(self, resp: http.client.HTTPResponse, limit: int) -> bytes:
        """The body of a 200 response, at most `limit` bytes (_Failure beyond)."""
        encoding = (resp.getheader("Content-Encoding") or "identity").strip().lower()
        if encoding not in ("", "identity"):
            raise _Failure(f"sent compressed ({encoding}) though it was asked not to be")
        length = resp.getheader("Content-Length", "").strip()
        if limit and length.isdigit() and int(length) > limit:
            raise _Failure(
                f"larger than {size_text(limit)} ({size_text(int(length))}; limits.max_input_bytes)"
            )
        body = read_at_most(resp.read1, limit)
        if body is None:
            raise _Failure(f"larger than {size_text(limit)} (limits.max_input_bytes)")
        if resp.length:  # the connection ended before the Content-Length it announced
            raise http.client.IncompleteRead(body, resp.length)
        return body

    def _address(self, host: str, port: int, deadline: float) -> str:
        """The address to connect to for `host`: the first of its addresses that may be
        fetched (a public one, one of ``fetch.allow_networks``, or any with
        ``fetch.allow_private``); _Failure when none."""
        ips = _resolve(host, port, deadline)
        if self.cfg.allow_private:
            return ips[0]
        for ip in ips:
            if address_kind(ip) is None or self._allowed(ip):
                return ip
        kind = address_kind(ips[0])
        named = ips[0] if ips[0] == host else f"{host} ({ips[0]})"
        raise _Refused(
            f"refused: {named} is {kind} address, not a public one "
            "(fetch.allow_private or --allow-private-addresses allows it)"
        )

    def _allowed(self, ip: str) -> bool:
        """True when `ip` lies in one of the networks ``fetch.allow_networks`` names."""
        if self._networks is None:
            try:
                self._networks = [ipaddress.ip_network(n, strict=False) for n in self.cfg.allow_networks]
            except ValueError as e:
                raise _Failure(f"fetch.allow_networks names a network that is not one ({e})") from None
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
        return any(addr in net for net in self._networks)

    def _context(self) -> ssl.SSLContext:
        if self._tls is None:
            self._tls = ssl.create_default_context()
        return self._tls

    def _wait(self, origin: str) -> None:
        """Sleep until the host's polite delay since its last request has passed."""
        last = self._last.get(origin)
        if last is None:
            return
        delay = self.cfg.delay_s
        rules = self._robots.get(origin)
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
        origin = parts.netloc.lower()
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(f"{parts.scheme.lower()}://{parts.netloc}/robots.txt")
        rules = self._robots[origin]
        if isinstance(rules, str):
            return rules
        if not rules.can_fetch(self.cfg.user_agent, url):
            return f"disallowed by robots.txt of {origin}"
        return None

    def _read_robots(self, robots_url: str) -> RobotFileParser | str:
        """The host's robots.txt rules, or the reason nothing on the host may be fetched."""
        origin = urlsplit(robots_url).netloc.lower()
        url = robots_url
        try:
            for _ in range(self.cfg.max_redirects + 1):
                resp = self._request(url, ROBOTS_BYTES)
                target = resp.location(url)
                if target is None:
                    break
                url = target
                if urlsplit(url).scheme.lower() not in ("http", "https"):
                    break
        except _Refused as e:  # the host itself may not be fetched from: say just that
            return str(e)
        except _Failure as e:
            return f"robots.txt of {origin} could not be read ({e}), so nothing there is fetched"
        rules = RobotFileParser(robots_url)
        if resp.status == 200:
            rules.parse((decode(resp.body) or "").splitlines())
        elif resp.status >= 500:
            return (
                f"robots.txt of {origin} could not be read (HTTP {resp.status}), so nothing there is fetched"
            )
        else:
            rules.parse([])  # no robots.txt (4xx) or one that keeps redirecting: everything allowed
        rules.modified()
        return rules


def _resolve(host: str, port: int, deadline: float) -> list[str]:
    """The addresses of `host`, looked up within the deadline (the system's resolver has
    no timeout of its own, so it runs in a thread that is abandoned when time is up)."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    found: list[list[str] | BaseException] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found.append(list(dict.fromkeys(str(info[4][0]) for info in infos)))
        except BaseException as e:  # handed to the caller's thread
            found.append(e)

    worker = threading.Thread(target=lookup, name="parallax-resolve", daemon=True)
    worker.start()
    worker.join(netio.left(deadline))
    if not found:
        raise TimeoutError(f"looking up {host} took too long")
    result = found[0]
    if isinstance(result, BaseException):
        raise result
    if not result:
        raise socket.gaierror(f"{host} has no address")
    return result


def _reason(err: object) -> str:
    """A network error as a short phrase ("connection refused")."""
    if isinstance(err, ConnectionRefusedError):
        return "connection refused"
    if isinstance(err, socket.gaierror):
        return "the host name could not be resolved"
    text = getattr(err, "strerror", None) or str(err)
    return text.lower() if text else type(err).__name__
