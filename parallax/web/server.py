"""``parallax serve``: the web app over a Parallax DuckDB database.

The standard library's ThreadingHTTPServer, Jinja2 (autoescape on) and one read-only
DuckDB connection; every request works on a cursor of its own.  GET and HEAD only.
Article text is hostile: it is escaped everywhere, the Content-Security-Policy allows
only our own static files, and nothing outside the database and ``static/`` is served
(static files are read once at start into a fixed table; no request names a path).

Hostile clients.  A request's line and headers must arrive whole within ``header_timeout_s``
seconds (a client trickling them a byte at a time is cut off), and headers cut short by a
disconnect are never acted on.  At most ``max_connections`` connections are served at once;
beyond that a client gets an immediate 503 and the connection is closed.  A GET or HEAD
that carries a body is refused (400, connection closed: its body is never read as a next
request).  Every response, the standard library's own error pages (414, 431, 501...)
included, carries the security headers.  Source files are shown by name, never by the
absolute path they were read from.

The database.  At start it must hold the dossier's tables (else a clear message, not pages
of errors).  When the file is replaced or rewritten while served, the next request finds
out (its size, time or inode changed), waits for the requests in hand, and reopens it; while
it cannot be opened (a copy in progress, a file that is not a Parallax database) requests get
503 and a later one tries again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from pathlib import Path, PurePath
from typing import Any, cast
from urllib.parse import parse_qs, quote, unquote, urlencode

import duckdb
from jinja2 import ChoiceLoader, Environment, FileSystemLoader

from .. import __version__, outdir, tables
from ..netio import DeadlineReader
from ..present import STATIC, TEMPLATES
from ..present.threads import Point, thread_view
from ..present.views import Cite, fmt_date, fmt_num, fmt_range, story_view
from ..records import to_dict
from . import store
from .routes import ROUTES, BadRequest, api_path, html_path, openapi

HERE = Path(__file__).resolve().parent
STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


class NotFound(LookupError):
    """No such page or record (HTTP 404)."""


class Unavailable(RuntimeError):
    """The database cannot be read just now (HTTP 503)."""


class NotParallax(ValueError):
    """The database holds no Parallax dossier (the message says what is missing)."""


def check_schema(con: Any, db: str) -> None:
    """Raise NotParallax unless the database on `con` holds every table the web app reads."""
    have = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    missing = [t for t in tables.tables() if t not in have]
    if not missing:
        return
    if {"inputs", "records"} <= have:
        raise NotParallax(
            f"{db} holds the records of an analysis that has not finished (no dossier tables yet); "
            "run the same `parallax analyze` again to complete it"
        )
    if len(missing) == len(tables.tables()):
        raise NotParallax(f"{db} is not a Parallax database (it has none of the dossier's tables)")
    raise NotParallax(
        f"{db} was written by another version of Parallax (it lacks the tables {', '.join(missing)}); "
        "run `parallax analyze` again to rewrite it"
    )


def public_source(source: str) -> str:
    """A document's source as shown to web visitors: an address as it is, a relative path
    as it is, an absolute path (or one climbing out with "..") by its file name only, so
    that the folders of the machine that ran the analysis are not shown."""
    if "://" in source:
        return source
    path = PurePath(source)
    if path.is_absolute() or ".." in path.parts or source.startswith("~"):
        return path.name
    return source


def _stamp(path: str) -> tuple[int, int, int, int] | None:
    """What identifies the file's present content (device, inode, size, modification time)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)


class WebLinks:
    """Links between the web app's pages."""

    def __init__(self, story_id: str | None = None) -> None:
        self.story_id = story_id

    @staticmethod
    def seg(s: str) -> str:
        return quote(s, safe="")

    def doc(self, doc_id: str) -> str:
        return f"/documents/{self.seg(doc_id)}"

    def cite(self, c: Cite) -> str:
        if c.start is None:
            return self.doc(c.doc)
        return f"{self.doc(c.doc)}?{urlencode({'start': c.start, 'end': c.end})}#hl"

    def span(self, doc_id: str, start: int, end: int) -> str:
        return self.cite(Cite(doc_id, "", start, end))

    def story(self, story_id: str) -> str:
        return f"/stories/{self.seg(story_id)}"

    def thread(self, thread_id: str) -> str:
        return f"/threads/{self.seg(thread_id)}"

    def entity(self, entity_id: str, story_id: str | None = None) -> str:
        return f"/stories/{self.seg(story_id or self.story_id or '')}/entities/{self.seg(entity_id)}"

    @staticmethod
    def page(path: str, params: dict[str, Any]) -> str:
        """`path` with the non-empty `params` as its query."""
        q = urlencode({k: v for k, v in params.items() if v not in (None, "")})
        return f"{path}?{q}" if q else path


class App:
    """Routes a request to a page; renders it as HTML or JSON.  Thread-safe."""

    def __init__(self, db: str | Path, max_concurrent: int = 8, reopen_wait_s: float = 10.0) -> None:
        """Open `db` read-only; NotParallax when it holds no dossier, duckdb.Error when it
        cannot be opened at all."""
        self.db_path = str(db)
        self._con: Any = None
        self._stamp: tuple[int, int, int, int] | None = None
        self._active = 0  # cursors in use on the present connection
        self._cond = threading.Condition()
        self._gate = threading.BoundedSemaphore(max_concurrent)
        self.reopen_wait_s = reopen_wait_s
        self._open()
        self.env = Environment(
            loader=ChoiceLoader(
                [
                    FileSystemLoader(str(HERE / "templates")),
                    FileSystemLoader(str(TEMPLATES)),
                ]
            ),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(num=fmt_num, date=fmt_date, range=fmt_range)
        self.env.globals.update(version=__version__, routes=ROUTES, api_path=api_path, html_path=html_path)
        self.static = {
            p.name: (p.read_bytes(), STATIC_TYPES[p.suffix])
            for p in STATIC.iterdir()
            if p.is_file() and p.suffix in STATIC_TYPES
        }
        self.schema = json.dumps(openapi(), indent=2).encode("utf-8")

    def close(self) -> None:
        with self._cond:
            self._close_connection()

    def _open(self) -> None:
        """Open the database as it is now (and check that it is a Parallax one)."""
        stamp = _stamp(self.db_path)
        con = duckdb.connect(self.db_path, read_only=True)
        try:
            check_schema(con, self.db_path)
        except BaseException:
            con.close()
            raise
        self._con, self._stamp = con, stamp

    def _close_connection(self) -> None:
        if self._con is not None:
            with contextlib.suppress(duckdb.Error):
                self._con.close()
            self._con = None

    def _fresh_cursor(self) -> Any:
        """A cursor on the database as the file is now: when the file was replaced or
        rewritten, the requests in hand are let finish, the connection is closed (DuckDB
        shares one per file and process, so only a closed one lets go of the old content)
        and a new one opened.  Unavailable when that cannot be done."""
        with self._cond:
            while True:
                if self._con is not None and _stamp(self.db_path) == self._stamp:
                    self._active += 1
                    return self._con.cursor()
                if self._active:
                    if not self._cond.wait(timeout=self.reopen_wait_s):
                        raise Unavailable("the database is being replaced; try again in a moment")
                    continue
                self._close_connection()
                try:
                    self._open()
                except (duckdb.Error, NotParallax) as e:
                    self._stamp = None
                    raise Unavailable(
                        f"the database file changed and cannot be read now ({str(e).splitlines()[0][:200]}); "
                        "try again in a moment"
                    ) from None

    @contextlib.contextmanager
    def cursor(self) -> Iterator[Any]:
        """A DuckDB cursor of this request's own; at most `max_concurrent` at once (others wait)."""
        with self._gate:
            cur = self._fresh_cursor()
            try:
                yield cur
            finally:
                cur.close()
                with self._cond:
                    self._active -= 1
                    self._cond.notify_all()

    # ------------------------------------------------------------------ dispatch

    def handle(self, target: str) -> Response:
        """The response to GET `target` (path and query as sent)."""
        path, _, query = target.partition("?")
        path = path.split("#", 1)[0]
        api = path == "/api" or path.startswith("/api/")
        try:
            segments = [unquote(s, errors="strict") for s in path.split("/")[1:]]
            fields = parse_qs(query, keep_blank_values=True, max_num_fields=50, errors="strict")
        except (UnicodeDecodeError, ValueError):
            return self._error(400, "the address is malformed", api)
        try:
            if api:
                segments = segments[1:]
                if segments in ([], [""]):
                    return self._html(200, "api.html.j2", {"schema": openapi()})
                if segments == ["openapi.json"]:
                    return Response(200, self.schema, "application/json; charset=utf-8")
            elif segments[:1] == ["static"] and len(segments) == 2:
                return self._static(segments[1])
            for r in ROUTES:
                found = r.match(segments, api)
                if found is None:
                    continue
                params = r.parse(fields)
                with self.cursor() as con:
                    data, template, ctx = getattr(self, "page_" + r.name)(con, **found, **params)
                if api:
                    return self._json(200, data)
                api_url = ("/api/stories" if r.name == "index" else "/api" + path) + (
                    f"?{query}" if query else ""
                )
                return self._html(200, template, {**ctx, "params": params, "api_url": api_url})
            raise NotFound("no such page")
        except BadRequest as e:
            return self._error(400, str(e), api)
        except NotFound as e:
            return self._error(404, str(e), api)
        except Unavailable as e:
            resp = self._error(503, str(e), api)
            resp.headers["Retry-After"] = "2"
            return resp

    def _static(self, name: str) -> Response:
        if name not in self.static:
            raise NotFound("no such file")
        body, ctype = self.static[name]
        return Response(200, body, ctype, {"Cache-Control": "max-age=600"})

    def _json(self, status: int, data: Any) -> Response:
        body = json.dumps(data, ensure_ascii=False, default=str, indent=1).encode("utf-8")
        return Response(status, body, "application/json; charset=utf-8")

    def _html(self, status: int, template: str, ctx: dict[str, Any]) -> Response:
        body = self.env.get_template(template).render(**ctx).encode("utf-8")
        return Response(status, body, "text/html; charset=utf-8")

    def _error(self, status: int, message: str, api: bool) -> Response:
        if api:
            return self._json(status, {"error": message, "status": status})
        return self._html(
            status,
            "error.html.j2",
            {"status": status, "message": message, "phrase": HTTPStatus(status).phrase},
        )

    # ------------------------------------------------------------------ pages

    def page_index(self, con, q=None, outlet=None, limit=50, offset=0, **dates) -> tuple:
        date_from, date_to = dates.get("from"), dates.get("to")
        total, stories = store.list_stories(
            con, q=q, outlet=outlet, date_from=date_from, date_to=date_to, limit=limit, offset=offset
        )
        filters = {"q": q, "outlet": outlet, "from": date_from, "to": date_to}
        data = {
            "total": total,
            "limit": limit,
            "offset": offset,
            "filters": filters,
            "overview": store.overview(con),
            "outlets": store.outlets(con),
            "stories": stories,
        }
        nxt = (
            WebLinks.page("/", {**filters, "limit": limit, "offset": offset + limit})
            if offset + limit < total
            else None
        )
        prev = (
            WebLinks.page("/", {**filters, "limit": limit, "offset": max(0, offset - limit)})
            if offset
            else None
        )
        return data, "index.html.j2", {**data, "link": WebLinks(), "next": nxt, "prev": prev}

    def page_threads(self, con, limit=50, offset=0) -> tuple:
        total, threads = store.list_threads(con, limit=limit, offset=offset)
        data = {"total": total, "limit": limit, "offset": offset, "threads": threads}
        nxt = (
            WebLinks.page("/threads", {"limit": limit, "offset": offset + limit})
            if offset + limit < total
            else None
        )
        prev = (
            WebLinks.page("/threads", {"limit": limit, "offset": max(0, offset - limit)}) if offset else None
        )
        return data, "threads.html.j2", {**data, "link": WebLinks(), "next": nxt, "prev": prev}

    def page_thread(self, con, thread_id: str) -> tuple:
        found = store.load_thread(con, thread_id)
        if found is None:
            raise NotFound(f"no thread {thread_id!r}")
        thread, stories, docs = found
        view = thread_view(thread, stories, docs)

        def point(p: Point | None) -> dict[str, Any] | None:
            if p is None:
                return None
            return {
                "claim": p.id,
                "value": p.value,
                "low": p.low,
                "high": p.high,
                "as_of": p.when,
                "as_of_stated": p.as_of_stated,
                "source": p.source,
                "outlet": p.outlet,
                "doc": p.cite.doc,
                "state": p.state,
                "replaced_by": p.replaced_by,
            }

        data = {
            "thread": to_dict(thread),
            "stories": view["stories"],
            "quantities": [
                {
                    "id": q.id,
                    "question": q.question,
                    "status": q.status,
                    "current": point(q.current),
                    "points": [point(p) for p in q.points],
                }
                for q in view["quantities"]
            ],
        }
        return data, "thread.html.j2", {"tv": view, "link": WebLinks()}

    def page_story(self, con, story_id: str) -> tuple:
        found = store.load_story(con, story_id)
        if found is None:
            raise NotFound(f"no story {story_id!r}")
        story, docs = found
        view = story_view(story, docs)
        data = {"story": to_dict(story), "documents": view["documents"]}
        return data, "story.html.j2", {"sv": view, "link": WebLinks(story.id)}

    def page_entity(self, con, story_id: str, entity_id: str) -> tuple:
        e = store.entity(con, story_id, entity_id)
        if e is None:
            raise NotFound(f"no entity {entity_id!r} in story {story_id!r}")
        return e, "entity.html.j2", {"e": e, "link": WebLinks(story_id)}

    def page_document(self, con, doc_id: str, start=None, end=None) -> tuple:
        doc = store.document(con, doc_id)
        if doc is None:
            raise NotFound(f"no document {doc_id!r}")
        doc = dataclasses.replace(doc, source=public_source(doc.source))
        hl = None
        if start is not None or end is not None:
            if start is None or end is None:
                raise BadRequest("give both start and end, or neither")
            if not start < end <= len(doc.text):
                raise BadRequest(
                    f"start/end must select a span of the text (0 <= start < end <= {len(doc.text)})"
                )
            hl = {"start": start, "end": end, "text": doc.text[start:end]}
        items = store.document_items(con, doc_id)
        data = {"document": to_dict(doc), "highlight": hl, **items}
        return data, "document.html.j2", {"doc": doc, "hl": hl, **items, "link": WebLinks()}

    def page_search(self, con, q: str, outlet=None, limit=50, **dates) -> tuple:
        date_from, date_to = dates.get("from"), dates.get("to")
        results = store.search(con, q, outlet=outlet, date_from=date_from, date_to=date_to, limit=limit)
        filters = {"outlet": outlet, "from": date_from, "to": date_to, "limit": limit}
        data = {"q": q, "filters": filters, **results}
        return data, "search.html.j2", {**data, "outlets": store.outlets(con), "link": WebLinks()}


class Handler(BaseHTTPRequestHandler):
    """One connection's requests: GET/HEAD through the App, anything else 405."""

    server_version = "parallax/" + __version__
    sys_version = ""
    protocol_version = "HTTP/1.1"
    #: seconds a connection may sit idle between requests, or take to send a response's worth.
    timeout = 30
    #: seconds from the start of waiting for a request to its last header line.
    header_timeout_s: float = 10.0
    app: App
    allowed_hosts: set[str] | None = None
    quiet = False
    _reader: DeadlineReader

    def setup(self) -> None:
        super().setup()
        self._reader = DeadlineReader(self.connection)
        self.rfile = io.BufferedReader(self._reader)

    def handle_one_request(self) -> None:
        """One request, its line and headers within ``header_timeout_s`` (a client that has
        not sent them all by then is disconnected)."""
        self._reader.deadline = time.monotonic() + self.header_timeout_s
        self._reader.eof = False
        try:
            super().handle_one_request()
        finally:
            self._reader.deadline = None

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if self._reader.eof:  # the headers ended with the connection, not with an empty line
            self.close_connection = True
            return False
        if self.request_version == "HTTP/0.9":  # its responses carry no headers at all
            self.send_error(400, "HTTP/0.9 requests are not served")
            return False
        self._reader.deadline = None
        self.connection.settimeout(self.timeout)  # the response has its own, longer time
        return True

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _refuse(self) -> None:
        self.close_connection = True  # any request body is left unread, so the connection ends (and says so)
        self._send(
            Response(
                405,
                b"method not allowed\n",
                "text/plain; charset=utf-8",
                {"Allow": "GET, HEAD", "Connection": "close"},
            )
        )

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The standard library's own refusals (400, 408, 414, 431, 501, 505 ...), with our
        headers and a plain body, and the connection closed."""
        self.close_connection = True
        if self.request_version == "HTTP/0.9":  # not known yet (or not served): headers all the same
            self.request_version = "HTTP/1.1"
        phrase = HTTPStatus(code).phrase if code in HTTPStatus._value2member_map_ else "Error"
        body = f"{code} {message or phrase}\n".encode("utf-8", "replace")
        head = getattr(self, "command", "") == "HEAD" or code < 200 or code in (204, 304)
        self._send(Response(code, body, "text/plain; charset=utf-8", {"Connection": "close"}), head)

    def _respond(self, head: bool) -> None:
        target = self._target()
        if not self._host_ok():
            resp = Response(400, b"unexpected Host header\n", "text/plain; charset=utf-8")
        elif self._has_body():
            self.close_connection = True  # the body is never read, so the connection cannot go on
            resp = Response(
                400,
                b"a GET or HEAD request carries no body\n",
                "text/plain; charset=utf-8",
                {"Connection": "close"},
            )
        elif target is None:
            resp = Response(400, b"the address is not valid UTF-8\n", "text/plain; charset=utf-8")
        else:
            try:
                resp = self.app.handle(target)
            except Exception:  # a bug: answer, log, keep serving
                traceback.print_exc(file=sys.stderr)
                resp = Response(500, b"internal error\n", "text/plain; charset=utf-8")
        self._send(resp, head)

    def _target(self) -> str | None:
        """The request target as sent: the standard library reads its bytes as Latin-1;
        bytes that are not ASCII are UTF-8 (as a browser percent-encodes them), else None."""
        try:
            return self.path.encode("latin-1").decode("utf-8")
        except UnicodeError:
            return None

    def _has_body(self) -> bool:
        length = (self.headers.get("Content-Length") or "0").strip()
        return length != "0" or self.headers.get("Transfer-Encoding") is not None

    def _host_ok(self) -> bool:
        """When bound to loopback, only loopback names (a guard against DNS rebinding)."""
        if self.allowed_hosts is None:
            return True
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1:
            return False
        host = hosts[0].strip().lower()
        if host.startswith("["):
            host = host[1:].split("]", 1)[0]
        elif host.count(":") == 1:
            host = host.split(":", 1)[0]
        return host in self.allowed_hosts

    def _send(self, resp: Response, head: bool = False) -> None:
        try:
            self.send_response(resp.status)
            headers = {**SECURITY_HEADERS, "Cache-Control": "no-store", **resp.headers}
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Type", resp.content_type)
            self.send_header("Content-Length", str(len(resp.body)))
            self.end_headers()
            if not head:
                self.wfile.write(resp.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            line = format % args
            sys.stderr.write(f"{self.address_string()} {line.encode('unicode_escape').decode('ascii')}\n")


class Server(ThreadingHTTPServer):
    """Serves each connection in a thread of its own, at most ``max_connections`` at once:
    a connection beyond them gets a 503 at once and is closed."""

    daemon_threads = True
    request_queue_size = 128
    max_connections = 64
    app: App

    def server_activate(self) -> None:
        super().server_activate()
        self._slots = threading.BoundedSemaphore(self.max_connections)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self._turn_away(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:  # no thread started: the slot is free again
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def _turn_away(self, request: Any) -> None:
        """A 503, written without waiting on the client, then the connection closed."""
        body = b"too many connections; try again in a moment\n"
        head = "".join(f"{k}: {v}\r\n" for k, v in SECURITY_HEADERS.items())
        data = (
            "HTTP/1.1 503 Service Unavailable\r\n"
            f"{head}Content-Type: text/plain; charset=utf-8\r\nContent-Length: {len(body)}\r\n"
            "Retry-After: 2\r\nConnection: close\r\n\r\n"
        ).encode("ascii") + body
        try:
            request.setblocking(False)
            request.send(data)
        except OSError:
            pass
        self.shutdown_request(request)


class Server6(Server):
    address_family = socket.AF_INET6


def make_server(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    quiet: bool = False,
    header_timeout_s: float = Handler.header_timeout_s,
    max_connections: int = Server.max_connections,
) -> Server:
    """A server bound to host:port (port 0: a free one), not yet serving.  NotParallax when
    the database holds no dossier."""
    app = App(db)
    loopback = host in LOOPBACK_NAMES or _is_loopback(host)
    handler = type(
        "BoundHandler",
        (Handler,),
        {
            "app": app,
            "quiet": quiet,
            "allowed_hosts": (LOOPBACK_NAMES | {host}) if loopback else None,
            "header_timeout_s": header_timeout_s,
        },
    )
    server_class = type(
        "BoundServer", (Server6 if ":" in host else Server,), {"max_connections": max_connections}
    )
    try:
        srv = server_class((host, port), handler)
    except BaseException:
        app.close()
        raise
    srv.app = app
    return srv


def _is_loopback(host: str) -> bool:
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db: str, host: str = "127.0.0.1", port: int = 8765) -> int:
    """Serve until interrupted; 0 on a clean stop, 2 when the database cannot be served
    (not a Parallax one, being written by an analysis, unreadable) or the address cannot
    be bound.  The database's folder is locked (shared) meanwhile, so that no analysis
    replaces it underfoot."""
    try:
        with outdir.locked(Path(db).parent, shared=True):
            return _serve(db, host, port)
    except outdir.Busy as e:
        print(f"parallax: cannot serve {db}: {e}", file=sys.stderr)
        return 2


def _serve(db: str, host: str, port: int) -> int:
    try:
        srv = make_server(db, host, port)
    except NotParallax as e:
        print(f"parallax: cannot serve {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"parallax: cannot listen on {host}:{port}: {e.strerror or e}", file=sys.stderr)
        return 2
    except duckdb.Error as e:
        print(f"parallax: cannot open {db}: {str(e).strip().splitlines()[0]}", file=sys.stderr)
        return 2
    h, p = cast(tuple[str, int], srv.server_address[:2])
    shown = f"[{h}]" if ":" in str(h) else h
    print(
        f"Parallax: serving {db} at http://{shown}:{p}/  (API: http://{shown}:{p}/api; Ctrl-C stops)",
        flush=True,
    )
    try:
        with _stopped_by_signals(srv):
            srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()
        srv.app.close()
    return 0


@contextlib.contextmanager
def _stopped_by_signals(srv: Server) -> Iterator[None]:
    """Ctrl-C (SIGINT) or SIGTERM asks `srv` to stop after the request in hand, instead of
    raising KeyboardInterrupt wherever the main thread happens to be (inside a thread's
    start, a lock), which can leave the server unable to stop.  Only the main thread can
    take signals; elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    asked = threading.Event()

    def stop(signum: int, frame: object) -> None:
        if not asked.is_set():
            asked.set()
            threading.Thread(target=srv.shutdown, name="parallax-stop", daemon=True).start()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
