"""The web app (``parallax serve``) over a database written from composed records, through
real HTTP on loopback: pages, the JSON API and its OpenAPI schema, validation, security."""

from __future__ import annotations

import http.client
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest

from parallax.output import database
from parallax.records import (
    ClaimRecord,
    Discrepancy,
    Document,
    Dossier,
    Entity,
    Fact,
    Quote,
    Story,
    SummaryItem,
    TimelineEntry,
)
from parallax.web.server import make_server

FLOOD = [
    (
        "ledger",
        "Daily Ledger",
        "2023-04-03",
        "Floodwaters recede in Rivertown",
        "Floodwaters began to recede in Rivertown on Monday. River Police said nine people died in the flood. "
        'Mayor Marta Okonkwo-Reyes toured the shelters. "We will rebuild every street," Okonkwo-Reyes said. '
        "Officials said 40 people were arrested for looting.",
    ),
    (
        "harbor",
        "Harbor Times",
        "2023-04-04",
        "Rivertown counts the cost",
        "The mayor's office said 14 people were killed when the levee failed on Sunday. "
        "Okonkwo said the city would ask for federal help. Police arrested about 40 people for looting. "
        '"Nobody saw this coming," said Okonkwo.',
    ),
    (
        "wire",
        "North Wire",
        "2023-04-04",
        "Levee breach kills 11, agency says",
        "The regional health agency said 11 people died after the levee broke on Sunday night. "
        "Marta Okonkwo Reyes, the mayor, said the levee had been inspected in March.",
    ),
]


def span(text: str, part: str) -> tuple[int, int]:
    i = text.index(part)
    return i, i + len(part)


def composed_dossier() -> Dossier:
    """Three reports of one flood that disagree about the death toll (9, 14, 11)."""
    docs = {
        i: Document(id=i, source=f"{i}.txt", outlet=o, published=p, title=t, authors=[], text=x)
        for i, o, p, t, x in FLOOD
    }

    def claim(
        n: int,
        doc: str,
        sentence: str,
        number: str,
        low: float,
        measure: str,
        subject: str,
        by: str,
        qualifier: str | None = None,
    ) -> ClaimRecord:
        a, b = span(docs[doc].text, sentence)
        return ClaimRecord(
            id=f"{doc}#c{n}",
            doc=doc,
            evidence=sentence,
            start=a,
            end=b,
            measure=measure,
            subject=subject,
            low=low,
            high=None if qualifier else low,
            number_text=number,
            qualifier=qualifier,
            attributed_to=by,
            approximate=qualifier == "about",
        )

    claims = [
        claim(
            1,
            "ledger",
            "River Police said nine people died in the flood.",
            "nine",
            9,
            "KILL",
            "people",
            "River Police",
        ),
        claim(
            2,
            "harbor",
            "The mayor's office said 14 people were killed when the levee failed on Sunday.",
            "14",
            14,
            "KILL",
            "people",
            "mayor's office",
        ),
        claim(
            3,
            "wire",
            "The regional health agency said 11 people died after the levee broke on Sunday night.",
            "11",
            11,
            "KILL",
            "people",
            "regional health agency",
        ),
        claim(
            4,
            "ledger",
            "Officials said 40 people were arrested for looting.",
            "40",
            40,
            "ARREST",
            "people",
            "Officials",
        ),
        claim(
            5,
            "harbor",
            "Police arrested about 40 people for looting.",
            "40",
            40,
            "ARREST",
            "people",
            "Police",
            "about",
        ),
    ]
    facts = [
        Fact(
            id="f1",
            question="How many people were killed?",
            measure="KILL",
            subject="people",
            claims=["ledger#c1", "harbor#c2", "wire#c3"],
            status="conflicting",
            estimate={"low": 14, "high": 14},
        ),
        Fact(
            id="f2",
            question="How many people were arrested?",
            measure="ARREST",
            subject="people",
            claims=["ledger#c4", "harbor#c5"],
            status="agreed",
            estimate={"low": 40, "high": 40},
        ),
    ]
    mayor_mentions = [
        (d, *span(docs[d].text, form))
        for d, form in [
            ("ledger", "Marta Okonkwo-Reyes"),
            ("harbor", "Okonkwo"),
            ("wire", "Marta Okonkwo Reyes"),
        ]
    ]
    entities = [
        Entity(
            id="e1",
            name="Marta Okonkwo-Reyes",
            type="PERSON",
            aliases=["Marta Okonkwo-Reyes", "Okonkwo-Reyes", "Okonkwo", "Marta Okonkwo Reyes"],
            mentions=mayor_mentions,
        ),
        Entity(
            id="e2",
            name="Rivertown",
            type="GPE",
            aliases=["Rivertown"],
            mentions=[("ledger", *span(docs["ledger"].text, "Rivertown"))],
        ),
    ]
    q1 = "We will rebuild every street,"
    q2 = "Nobody saw this coming,"
    quotes = [
        Quote(
            doc="ledger",
            text=q1,
            speaker="Marta Okonkwo-Reyes",
            start=span(docs["ledger"].text, q1)[0],
            end=span(docs["ledger"].text, q1)[1],
        ),
        Quote(
            doc="harbor",
            text=q2,
            speaker="Marta Okonkwo-Reyes",
            start=span(docs["harbor"].text, q2)[0],
            end=span(docs["harbor"].text, q2)[1],
        ),
    ]
    story = Story(
        id="s1",
        title="Levee breach floods Rivertown",
        documents=list(docs),
        entities=entities,
        claims=claims,
        facts=facts,
        quotes=quotes,
        timeline=[
            TimelineEntry(
                date="2023-04-02", text="the levee broke on Sunday night", docs=["wire", "harbor"], weight=2.0
            ),
            TimelineEntry(
                date="2023-04-03",
                text="Floodwaters began to recede in Rivertown on Monday.",
                docs=["ledger"],
                weight=1.0,
            ),
        ],
        summary=[
            SummaryItem(
                text="The regional health agency said 11 people died after the levee broke on Sunday night.",
                docs=["wire"],
            ),
            SummaryItem(text="Police arrested about 40 people for looting.", docs=["harbor", "ledger"]),
        ],
        discrepancies=[
            Discrepancy(
                kind="contradiction",
                doc="ledger",
                evidence="Floodwaters began to recede in Rivertown on Monday.",
                note="receding here; still rising in another report",
            )
        ],
        coverage={"Daily Ledger": {"facts": ["f1", "f2"]}},
    )
    return Dossier(documents=list(docs.values()), stories=[story], rejected=[])


def start_server(db: Path):
    """A real server on a free loopback port, serving in a thread; returns (server, base URL)."""
    srv = make_server(db, "127.0.0.1", 0, quiet=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    host, port = srv.server_address[:2]
    return srv, f"http://{host}:{port}"


def stop_server(srv) -> None:
    srv.shutdown()
    srv.server_close()
    srv.app.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "parallax.duckdb"
    database.write(composed_dossier(), db)
    srv, _base = start_server(db)
    yield srv
    stop_server(srv)


def get(srv, path: str, method: str = "GET", headers: dict[str, str] | None = None):
    """(status, headers, body text) for a raw request target (sent exactly as given)."""
    host, port = srv.server_address[:2]
    con = http.client.HTTPConnection(host, port, timeout=30)
    try:
        con.putrequest(method, path, skip_host="Host" in (headers or {}), skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            con.putheader(k, v)
        con.endheaders()
        r = con.getresponse()
        return r.status, dict(r.getheaders()), r.read().decode("utf-8")
    finally:
        con.close()


def api(srv, path: str):
    status, headers, body = get(srv, path)
    assert headers["Content-Type"].startswith("application/json")
    return status, json.loads(body)


def test_pages_render(server):
    for path in ["/", "/stories/s1", "/stories/s1/entities/e1", "/documents/wire", "/search?q=levee", "/api"]:
        status, headers, body = get(server, path)
        assert status == 200, (path, body[:300])
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert "<!DOCTYPE html>" in body


def test_story_page_shows_the_conflict_with_authorities(server):
    _, _, body = get(server, "/stories/s1")
    conflicts = body[body.index('id="s-conflicts"') : body.index('id="s-brief"')]
    for value, who in [("9", "River Police"), ("14", "mayor&#39;s office"), ("11", "regional health agency")]:
        assert f'<span class="big num">{value}</span> <span class="by">{who}</span>' in conflicts
    assert "How many people were arrested?" not in conflicts  # agreed facts are not conflicts


def test_citation_links_to_the_highlighted_sentence(server):
    _, _, body = get(server, "/stories/s1")
    sentence = "The regional health agency said 11 people died after the levee broke on Sunday night."
    a, b = span(FLOOD[2][4], sentence)
    link = f"/documents/wire?start={a}&amp;end={b}#hl"
    assert link in body
    _, _, page = get(server, link.replace("&amp;", "&").split("#")[0])
    assert f'<mark id="hl">{sentence}</mark>' in page


def test_brief_citation_found_by_its_text(server):
    _, data = api(server, "/api/stories/s1")
    assert [d["id"] for d in data["documents"]] == ["ledger", "harbor", "wire"]
    _, _, body = get(server, "/stories/s1")
    brief = body[body.index('id="s-brief"') : body.index('id="s-facts"')]
    a, b = span(FLOOD[1][4], "Police arrested about 40 people for looting.")
    assert f"/documents/harbor?start={a}&amp;end={b}#hl" in brief


def test_coverage_matrix_marks_who_reported_what(server):
    _, _, body = get(server, "/stories/s1")
    cov = body[body.index('id="s-coverage"') : body.index('id="s-timeline"')]
    header = cov[: cov.index("</thead>")]
    assert header.index("Daily Ledger") < header.index("Harbor Times") < header.index("North Wire")
    arrests = cov[cov.index("How many people were arrested?") :]
    arrests = arrests[: arrests.index("</tr>")]
    assert arrests.count('class="cell has agreed"') == 2 and arrests.count('class="cell none"') == 1


def test_timeline_chart_is_inline_svg(server):
    _, _, body = get(server, "/stories/s1")
    tl = body[body.index('id="s-timeline"') : body.index('id="s-entities"')]
    assert "<svg" in tl and tl.count("<rect ") == 2 and "2 Apr" in tl


def test_entity_page_counts_variants_and_quotes(server):
    status, e = api(server, "/api/stories/s1/entities/e1")
    assert status == 200 and e["name"] == "Marta Okonkwo-Reyes"
    assert {v["text"]: v["n"] for v in e["variants"]} == {
        "Marta Okonkwo-Reyes": 1,
        "Okonkwo": 1,
        "Marta Okonkwo Reyes": 1,
    }
    assert len(e["quotes"]) == 2
    _, _, body = get(server, "/stories/s1/entities/e1")
    assert "Nobody saw this coming," in body


def test_search_finds_an_entity_by_a_variant_and_a_near_miss(server):
    _, r = api(server, "/api/search?q=okonkwo%20reyes")
    assert r["entities"][0]["name"] == "Marta Okonkwo-Reyes"
    _, r = api(server, "/api/search?q=Okonkow-Reyes")  # a typo: similar spelling
    assert [e["name"] for e in r["entities"]] == ["Marta Okonkwo-Reyes"]
    _, r = api(server, "/api/search?q=rebuild")
    assert [q["speaker"] for q in r["quotes"]] == ["Marta Okonkwo-Reyes"]
    assert [d["id"] for d in r["documents"]] == ["ledger"]
    _, _, body = get(server, "/search?q=Okonkwo")
    assert 'class="title entity-result" href="/stories/s1/entities/e1"' in body


def test_filters_by_outlet_and_date(server):
    _, r = api(server, "/api/stories?outlet=North%20Wire")
    assert [s["id"] for s in r["stories"]] == ["s1"]
    _, r = api(server, "/api/stories?outlet=Nobody")
    assert r["total"] == 0 and r["stories"] == []
    _, r = api(server, "/api/stories?from=2023-04-05")
    assert r["total"] == 0
    _, r = api(server, "/api/search?q=levee&outlet=North%20Wire")
    assert {d["outlet"] for d in r["documents"]} == {"North Wire"}
    _, r = api(server, "/api/search?q=said&to=2023-04-03")
    assert {d["id"] for d in r["documents"]} == {"ledger"}
    _, _, body = get(server, "/?outlet=Harbor%20Times")
    assert '<option value="Harbor Times" selected>' in body


def test_api_twin_for_every_page_and_openapi(server):
    status, schema = api(server, "/api/openapi.json")
    assert status == 200 and schema["openapi"].startswith("3.1")
    assert set(schema["paths"]) == {
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/entities/{entity_id}",
        "/api/documents/{doc_id}",
        "/api/search",
        "/api/threads",
        "/api/threads/{thread_id}",
    }
    for path, template in [
        ("/api/threads", "/api/threads"),
        ("/api/stories", "/api/stories"),
        ("/api/stories/s1", "/api/stories/{story_id}"),
        ("/api/stories/s1/entities/e1", "/api/stories/{story_id}/entities/{entity_id}"),
        ("/api/documents/ledger", "/api/documents/{doc_id}"),
        ("/api/search?q=flood", "/api/search"),
    ]:
        status, data = api(server, path)
        assert status == 200, path
        ok = schema["paths"][template]["get"]["responses"]["200"]
        ref = ok["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
        assert set(schema["components"]["schemas"][ref]["properties"]) >= set(data), path
    _, data = api(server, "/api/stories/s1")
    assert data["story"]["facts"][0]["status"] == "conflicting"
    _, _, page = get(server, "/api")
    for p in schema["paths"]:
        assert p in page


@pytest.mark.parametrize(
    "path,status",
    [
        ("/search", 400),  # q is required
        ("/search?q=" + "x" * 201, 400),  # too long
        ("/search?q=a&q=b", 400),  # repeated
        ("/search?q=a&bogus=1", 400),  # unknown parameter
        ("/?from=2023-02-30", 400),  # not a date
        ("/?limit=0", 400),
        ("/?limit=9999", 400),
        ("/?offset=-1", 400),
        ("/documents/ledger?start=5", 400),  # start without end
        ("/documents/ledger?start=5&end=2", 400),
        ("/documents/ledger?start=0&end=100000", 400),  # past the end of the text
        ("/documents/ledger?start=abc&end=3", 400),
        ("/search?q=%00", 400),
        ("/documents/%ff", 400),
        ("/stories/nope", 404),
        ("/stories/s1/entities/nope", 404),
        ("/documents/nope", 404),
        ("/nowhere", 404),
        ("/api/search", 400),
        ("/api/stories/nope", 404),
        ("/api/nowhere", 404),
    ],
)
def test_bad_requests_are_refused_plainly(server, path, status):
    got, _headers, body = get(server, path)
    assert got == status, body[:300]
    if path.startswith("/api/"):
        assert json.loads(body)["status"] == status


@pytest.mark.parametrize(
    "path",
    [
        "/static/../server.py",
        "/static/%2e%2e%2fserver.py",
        "/static/..%2fserver.py",
        "/static/%2e%2e/%2e%2e/records.py",
        "/../../etc/passwd",
        "/static//etc/passwd",
        "/static/views.py",
        "/documents/..%2f..%2fetc%2fpasswd",
    ],
)
def test_no_path_outside_the_database_is_served(server, path):
    status, _, body = get(server, path)
    assert status in (400, 404)
    assert "import" not in body and "root:" not in body


def test_static_files_and_security_headers(server):
    status, headers, body = get(server, "/static/parallax.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css") and ".panel" in body
    _, headers, _ = get(server, "/stories/s1")
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"


def test_methods_and_host_header(server):
    assert get(server, "/", method="POST")[0] == 405
    assert get(server, "/", method="DELETE")[0] == 405
    status, headers, body = get(server, "/stories/s1", method="HEAD")
    assert status == 200 and body == "" and int(headers["Content-Length"]) > 1000
    assert get(server, "/", headers={"Host": "attacker.example"})[0] == 400  # DNS rebinding
    assert get(server, "/", headers={"Host": "localhost:1234"})[0] == 200


def test_no_server_error_under_concurrent_load(server):
    paths = [
        "/",
        "/stories/s1",
        "/api/stories/s1",
        "/search?q=levee",
        "/documents/harbor?start=0&end=10",
        "/stories/s1/entities/e1",
        "/api/search?q=okonkwo",
        "/nowhere",
        "/search?q=a&bogus=1",
    ] * 12

    def status(path: str) -> int:
        return get(server, path)[0]

    with ThreadPoolExecutor(max_workers=24) as pool:
        statuses = list(pool.map(status, paths))
    assert all(s < 500 for s in statuses), statuses
    assert statuses.count(200) == 7 * 12


def test_document_ids_with_odd_characters_round_trip(tmp_path):
    d = composed_dossier()
    odd = "a b/c?d#e%f&g"
    d.documents[0].id = odd
    s = d.stories[0]
    s.documents[0] = odd
    for c in s.claims:
        if c.doc == "ledger":
            c.doc = odd
    for q in s.quotes:
        if q.doc == "ledger":
            q.doc = odd
    database.write(d, tmp_path / "p.duckdb")
    srv, _ = start_server(tmp_path / "p.duckdb")
    try:
        status, _, body = get(srv, "/stories/s1")
        assert status == 200
        link = "/documents/" + quote(odd, safe="")
        assert link in body
        status, data = api(srv, "/api" + link)
        assert status == 200 and data["document"]["id"] == odd
    finally:
        stop_server(srv)


def test_a_headline_only_document_says_so(tmp_path):
    d = composed_dossier()
    d.documents[1].headline_only = True
    database.write(d, tmp_path / "p.duckdb")
    srv, _ = start_server(tmp_path / "p.duckdb")
    try:
        marked = [get(srv, f"/documents/{x.id}")[2].count("Headline only:") for x in d.documents]
        assert marked == [0, 1, 0]
        assert [x["headline_only"] for x in api(srv, "/api/stories/s1")[1]["documents"]] == [
            False,
            True,
            False,
        ]
    finally:
        stop_server(srv)


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])
def test_parallax_serve_command(tmp_path, stop):
    """`parallax serve DB --port 0` binds loopback, says where, serves, and stops cleanly on
    Ctrl-C (SIGINT) or SIGTERM."""
    import re
    import signal
    import subprocess
    import sys
    import urllib.request

    database.write(composed_dossier(), tmp_path / "p.duckdb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "parallax", "serve", str(tmp_path / "p.duckdb"), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        with urllib.request.urlopen(url + "api/stories", timeout=30) as r:
            assert json.loads(r.read())["stories"][0]["title"] == "Levee breach floods Rivertown"
    finally:
        proc.send_signal(getattr(signal, stop))
        assert proc.wait(timeout=30) == 0


# ------------------------------------------------------------------ hostile clients, changing files


def raw(srv, data: bytes, wait: float = 5.0) -> bytes:
    """Send `data` on a fresh connection, then read until the server closes it (or `wait` s pass)."""
    import socket

    host, port = srv.server_address[:2]
    with socket.create_connection((host, port), timeout=wait) as s:
        s.sendall(data)
        got = b""
        try:
            while chunk := s.recv(65536):
                got += chunk
        except TimeoutError:
            pass
        return got


@pytest.fixture
def hardened(tmp_path):
    """A server whose clients get 0.5 s for their headers and which serves 4 connections at most."""
    database.write(composed_dossier(), tmp_path / "p.duckdb")
    srv = make_server(
        tmp_path / "p.duckdb", "127.0.0.1", 0, quiet=True, header_timeout_s=0.5, max_connections=4
    )
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    stop_server(srv)


def test_headers_must_arrive_whole_and_in_time(hardened):
    """A client trickling its headers is cut off at the header deadline; headers cut short by
    a disconnect are never acted on."""
    import socket
    import time

    host, port = hardened.server_address[:2]
    with socket.create_connection((host, port), timeout=5) as s:
        s.sendall(b"GET /api/stories HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        closed = False
        for _ in range(40):  # a header byte every 0.05 s, for up to 2 s
            try:
                s.sendall(b"X")
            except OSError:
                closed = True
                break
            time.sleep(0.05)
        if not closed:
            s.settimeout(1)
            try:
                closed = s.recv(1024) == b""
            except (TimeoutError, OSError):
                closed = False
        assert closed  # the server hung up (it sends no page for headers never finished)
    # headers ending with the connection instead of an empty line: no response at all
    for cut in (
        b"GET /api/stories HTTP/1.1\r\nHost: 127.0.0.1\r\n",
        b"GET /api/stories HTTP/1.1\r\nHost: 127.0",
    ):
        with socket.create_connection((host, port), timeout=5) as s:
            s.sendall(cut)
            s.shutdown(socket.SHUT_WR)
            assert s.recv(65536) == b""
    status, _, _ = get(hardened, "/api/stories")  # and the server serves on
    assert status == 200


def test_connections_beyond_the_cap_get_503_at_once(hardened):
    import socket

    host, port = hardened.server_address[:2]
    idle = [socket.create_connection((host, port), timeout=5) for _ in range(4)]
    try:
        extra = raw(hardened, b"", wait=3)
        head, _, body = extra.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 503 ") and b"Content-Security-Policy:" in head
        assert b"Retry-After:" in head and b"too many connections" in body
    finally:
        for s in idle:
            s.close()
    for _ in range(50):  # the idle connections' threads end as they see the close
        status, _, _ = get(hardened, "/api/stories")
        if status == 200:
            break
    assert status == 200


def test_a_get_with_a_body_is_refused_not_read_as_a_second_request(hardened):
    smuggled = b"GET /api/search?q=levee HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    got = raw(
        hardened,
        b"GET /api/stories HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n" % len(smuggled)
        + smuggled,
    )
    assert got.count(b"HTTP/1.1 ") == 1 and got.startswith(b"HTTP/1.1 400 ")
    assert b"carries no body" in got and b"Connection: close" in got
    chunked = raw(
        hardened, b"HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    )
    assert chunked.startswith(b"HTTP/1.1 400 ")


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"b" * 70_000 + b"\r\n\r\n", 431),
        (b"BREW / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 501),
        (b"GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n", 505),
        (b"NONSENSE\r\n\r\n", 400),
        (b"GET /\r\n\r\n", 400),
    ],
)
def test_the_standard_librarys_refusals_carry_the_security_headers(server, request_bytes, status):
    head = raw(server, request_bytes).partition(b"\r\n\r\n")[0].decode("latin-1")
    assert head.startswith(f"HTTP/1.1 {status} ") or head.startswith(f"HTTP/1.0 {status} ")
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"):
        assert f"\r\n{name}: " in head, (name, head)


def test_raw_utf8_in_the_address_is_read_as_utf8(tmp_path):
    d = composed_dossier()
    d.documents[2].id = "café-report"
    s = d.stories[0]
    s.documents[2] = "café-report"
    for c in s.claims:
        c.doc = "café-report" if c.doc == "wire" else c.doc
    database.write(d, tmp_path / "p.duckdb")
    srv, _ = start_server(tmp_path / "p.duckdb")
    try:
        got = raw(
            srv,
            "GET /api/documents/café-report HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode(),
        )
        assert got.startswith(b"HTTP/1.1 200 ") and '"id": "café-report"'.encode() in got
        bad = raw(srv, b"GET /api/documents/caf\xe9 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        assert bad.startswith(b"HTTP/1.1 400 ")
    finally:
        stop_server(srv)


@pytest.mark.parametrize("value", ["٣", "１２", "3\u0663"])
def test_integer_parameters_take_ascii_digits_only(server, value):
    status, data = api(server, "/api/stories?limit=" + quote(value))
    assert status == 400 and "whole number" in data["error"]


def test_search_highlight_is_placed_right_after_a_letter_that_lowercases_longer(tmp_path):
    d = composed_dossier()
    doc = d.documents[0]
    doc.text = "İzmir İstanbul and Rivertown: the levee held at Rivertown bridge."
    database.write(d, tmp_path / "p.duckdb")
    srv, _ = start_server(tmp_path / "p.duckdb")
    try:
        _status, data = api(srv, "/api/search?q=levee")
        [hit] = [x["hit"] for x in data["documents"] if x["id"] == doc.id]
        assert hit["text"] == "levee" and doc.text[hit["start"] : hit["end"]] == "levee"
    finally:
        stop_server(srv)


def test_absolute_source_paths_are_not_shown(tmp_path):
    d = composed_dossier()
    d.documents[0].source = "/home/someone/private-notes/ledger.txt"
    database.write(d, tmp_path / "p.duckdb")
    srv, _ = start_server(tmp_path / "p.duckdb")
    try:
        status, data = api(srv, "/api/documents/ledger")
        assert status == 200 and data["document"]["source"] == "ledger.txt"
        status, _, body = get(srv, "/documents/ledger")
        assert status == 200 and "/home/someone" not in body and "ledger.txt" in body
        assert (
            api(srv, "/api/documents/harbor")[1]["document"]["source"] == "harbor.txt"
        )  # relative: as it is
    finally:
        stop_server(srv)


def test_a_database_without_parallax_tables_is_refused_with_a_message(tmp_path):
    import subprocess
    import sys

    import duckdb

    from parallax.web.server import NotParallax

    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE invoices (id INTEGER, amount DOUBLE)")
    con.close()
    with pytest.raises(NotParallax, match="is not a Parallax database"):
        make_server(other, "127.0.0.1", 0, quiet=True)
    proc = subprocess.run(
        [sys.executable, "-m", "parallax", "serve", str(other), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "is not a Parallax database" in proc.stderr


def test_a_database_replaced_while_served_is_reopened(tmp_path):
    import os
    import shutil

    db = tmp_path / "p.duckdb"

    def titled(title: str, path: Path) -> Path:
        d = composed_dossier()
        d.stories[0].title = title
        database.write(d, path)
        return path

    titled("Levee breach floods Rivertown", db)
    srv, _ = start_server(db)
    try:

        def title():
            status, data = api(srv, "/api/stories")
            return status, data["stories"][0]["title"] if status == 200 else data["error"]

        assert title() == (200, "Levee breach floods Rivertown")
        os.replace(titled("Rivertown levee repaired", tmp_path / "new.duckdb"), db)  # replaced
        assert title() == (200, "Rivertown levee repaired")
        shutil.copyfile(titled("Rivertown rebuilds", tmp_path / "third.duckdb"), db)  # rewritten in place
        assert title() == (200, "Rivertown rebuilds")
        db.write_bytes(b"not a database at all" * 100)  # a copy gone wrong: 503, not 500
        status, headers, _body = get(srv, "/api/stories")
        assert status == 503 and headers["Retry-After"] and "Content-Security-Policy" in headers
        shutil.copyfile(tmp_path / "third.duckdb", db)  # and back
        assert title() == (200, "Rivertown rebuilds")
    finally:
        stop_server(srv)
