"""Article text is hostile.  A dossier whose every string carries <script>, onerror= and
javascript: payloads: in the report and in every page of the web app nothing executes,
no element or attribute comes from the payload, and the text shows as text."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from parallax.output import database, report
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

from .test_browser import Watched, shared_browser
from .test_web import get, start_server, stop_server

PAYLOAD = (
    '<script>window.__pwned=1;alert(1)</script><img src=x onerror="window.__pwned=2;alert(2)">'
    '<a href="javascript:window.__pwned=3;alert(3)">click</a><svg onload="alert(4)"></svg>'
    '"\'><iframe src="javascript:alert(5)"></iframe><style>body{display:none}</style>'
)
DOC_ID = 'x"><script>alert(6)</script>'


def hostile_dossier() -> Dossier:
    text = f"The storm killed 7 people. {PAYLOAD} Officials said 9 people died. {PAYLOAD}"
    doc = Document(
        id=DOC_ID,
        source=PAYLOAD,
        outlet=PAYLOAD,
        published="2023-01-02",
        title=PAYLOAD,
        authors=[PAYLOAD],
        text=text,
        url="javascript:alert(7)",
        dropped=[PAYLOAD],
    )
    other = Document(
        id="plain",
        source="plain.txt",
        outlet="Plain Post",
        published="2023-01-03",
        title="A plain report",
        authors=[],
        text=f"Police said 7 people died. {PAYLOAD}",
    )
    a = text.index("The storm")
    b = text.index("Officials")
    claims = [
        ClaimRecord(
            id="c1",
            doc=DOC_ID,
            evidence=PAYLOAD,
            start=a,
            end=a + 26,
            measure="KILL",
            subject=PAYLOAD,
            low=7,
            high=7,
            number_text=PAYLOAD,
            attributed_to=PAYLOAD,
            qualifier=PAYLOAD,
        ),
        ClaimRecord(
            id="c2",
            doc=DOC_ID,
            evidence="Officials said 9 people died.",
            start=b,
            end=b + 29,
            measure="KILL",
            subject="people",
            low=9,
            high=9,
            number_text="9",
            attributed_to="Officials",
        ),
        ClaimRecord(
            id="c3",
            doc="plain",
            evidence="Police said 7 people died.",
            start=0,
            end=26,
            measure="KILL",
            subject="people",
            low=7,
            high=7,
            number_text="7",
            attributed_to=PAYLOAD,
        ),
    ]
    story = Story(
        id="s1",
        title=PAYLOAD,
        documents=[DOC_ID, "plain"],
        entities=[
            Entity(
                id="e1",
                name=PAYLOAD,
                type="PERSON",
                aliases=[PAYLOAD, "Storm"],
                mentions=[(DOC_ID, a + 4, a + 9)],
            )
        ],
        claims=claims,
        facts=[
            Fact(
                id="f1",
                question=PAYLOAD,
                measure="KILL",
                subject=PAYLOAD,
                claims=["c1", "c2", "c3"],
                status="conflicting",
                estimate={"low": 9, "high": 9},
            )
        ],
        quotes=[
            Quote(
                doc=DOC_ID,
                text=PAYLOAD,
                speaker=PAYLOAD,
                start=len(text) - len(PAYLOAD),
                end=len(text),
                same_as=["plain"],
            )
        ],
        timeline=[TimelineEntry(date="2023-01-01", text=PAYLOAD, docs=[DOC_ID], weight=1.0)],
        summary=[SummaryItem(text=PAYLOAD, docs=[DOC_ID, "plain"])],
        discrepancies=[
            Discrepancy(
                kind=PAYLOAD,
                doc=DOC_ID,
                evidence=PAYLOAD,
                note=PAYLOAD,
                against={"doc": "plain", "evidence": PAYLOAD},
            )
        ],
    )
    return Dossier(documents=[doc, other], stories=[story], rejected=[])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    out = tmp_path_factory.mktemp("xss")
    d = hostile_dossier()
    database.write(d, out / "parallax.duckdb")
    report.write(d, out / "report.html")
    srv, base = start_server(out / "parallax.duckdb")
    yield srv, base, out / "report.html"
    stop_server(srv)


@pytest.fixture
def browser():
    return shared_browser()


PAGES = [
    "/",
    "/stories/s1",
    "/stories/s1/entities/e1",
    f"/documents/{quote(DOC_ID, safe='')}",
    f"/documents/{quote(DOC_ID, safe='')}?start=0&end=26",
    "/search?q=" + quote("<script>", safe=""),
    "/search?q=" + quote(PAYLOAD[:150], safe=""),
]


def raw_markup_from_payload(html: str) -> list[str]:
    """Payload markup that reached the page unescaped."""
    return [
        m
        for m in (
            "<script>window.__pwned",
            "<img src=x",
            'href="javascript:',
            "<svg onload",
            "<iframe",
            "<style>body{display:none}",
            "<script>alert(6)",
        )
        if m in html
    ]


@pytest.mark.parametrize("path", PAGES)
def test_web_pages_escape_everything(hostile, path):
    srv, _, _ = hostile
    status, _, html = get(srv, path)
    assert status == 200
    assert raw_markup_from_payload(html) == []
    assert "&lt;script&gt;window.__pwned=1" in html or path.startswith("/search?q=%3Cscript")


def test_report_escapes_everything(hostile):
    _, _, path = hostile
    html = path.read_text(encoding="utf-8")
    assert raw_markup_from_payload(html) == []
    assert len(re.findall(r"<script\b", html)) == 1  # ours, allowed by hash


def check_nothing_ran(w: Watched) -> None:
    p = w.page
    assert p.evaluate("typeof window.__pwned") == "undefined"
    assert w.dialogs == []
    hostile_nodes = p.evaluate("""() => {
        const bad = [];
        for (const e of document.querySelectorAll('*')) {
            for (const a of e.attributes) {
                if (a.name.startsWith('on')) bad.push(e.tagName + ' ' + a.name);
                if (/^\\s*javascript:/i.test(a.value)) bad.push(e.tagName + ' ' + a.name + '=' + a.value);
            }
        }
        for (const t of ['img', 'iframe', 'object', 'embed']) {
            if (document.querySelector(t)) bad.push(t);
        }
        return bad;
    }""")
    assert hostile_nodes == []


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_nothing_executes_in_the_web_app(browser, hostile, path):
    _, base, _ = hostile
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    w = Watched(context.new_page())
    try:
        w.page.goto(base + path)
        check_nothing_ran(w)
        assert w.page.locator("script").count() == 0
        if not path.startswith("/search"):
            assert "<script>window.__pwned=1;alert(1)</script>" in w.page.locator("main").inner_text()
        if path == "/stories/s1":
            w.shot("xss-story")
            for a in w.page.locator("a.cite").all()[:3]:  # following links runs nothing either
                a.click()
                check_nothing_ran(w)
                w.page.go_back()
    finally:
        context.close()


@pytest.mark.browser
def test_nothing_executes_in_the_report(browser, hostile):
    _, _, path = hostile
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    w = Watched(context.new_page())
    try:
        p = w.page
        p.goto(path.as_uri())
        check_nothing_ran(w)
        assert p.locator("script").count() == 1
        assert "<script>window.__pwned=1;alert(1)</script>" in p.locator("main").inner_text()
        seven = p.locator("#s1-conflicts li", has=p.locator(".big", has_text="7"))
        seven.locator("a.cite").first.click()  # our script still works on hostile text
        mark = p.locator("details[open] .doctext mark")
        assert mark.inner_text() == "The storm killed 7 people."
        check_nothing_ran(w)
        w.shot("xss-report")
        assert [e for e in w.errors if "Content Security Policy" not in e] == []
    finally:
        context.close()
