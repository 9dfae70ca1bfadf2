"""A thread's views (report.html, the web app's thread page and its JSON), from composed records:
the figure over time with its sources, the replaced and the withdrawn figures, the standing one,
the chain of revisions in words, every figure with its "as of"; all text escaped."""

from __future__ import annotations

import json
import re

import pytest

from parallax.output import database, report
from parallax.present.threads import thread_view
from parallax.records import ClaimRecord, Document, Dossier, Fact, Story, Thread

from .test_web import get, span, start_server, stop_server

#: (id, outlet, published, title, text): one unrest followed over nine days
UNREST = [
    (
        "d1",
        "Morning Courier",
        "2022-02-01",
        "Clashes in Velmora",
        "Clashes broke out in Velmora on Tuesday. The civil defence said 12 people were killed in the clashes.",
    ),
    (
        "d2",
        "Evening Post",
        "2022-02-03",
        "Velmora toll rises",
        "The health ministry said on Thursday that 40 people had been killed in Velmora since Tuesday.",
    ),
    (
        "d3",
        "Daily Lantern",
        "2022-02-05",
        "Velmora toll at 164, officials say",
        "Health officials said 164 people had died in the unrest in Velmora. "
        'Rebel radio <script>alert("x")</script> said 300 were killed.',
    ),
    (
        "d4",
        "Morning Courier",
        "2022-02-10",
        "Prosecutor puts Velmora toll at 225",
        "The prosecutor's office said on Thursday that 225 people were killed in the Velmora unrest. "
        "The figure of 164 given by health officials was withdrawn.",
    ),
]


def unrest_dossier() -> Dossier:
    docs = {
        i: Document(id=i, source=f"{i}.txt", outlet=o, published=p, title=t, authors=[], text=x)
        for i, o, p, t, x in UNREST
    }

    def claim(doc: str, n: int, sentence: str, number: str, value: float, by: str, as_of: str) -> ClaimRecord:
        a, b = span(docs[doc].text, sentence)
        return ClaimRecord(
            id=f"{doc}#c{n}",
            doc=doc,
            evidence=sentence,
            start=a,
            end=b,
            measure="KILL",
            subject="people",
            low=value,
            high=value,
            number_text=number,
            attributed_to=by,
            as_of=as_of,
        )

    claims = [
        claim(
            "d1",
            1,
            "The civil defence said 12 people were killed in the clashes.",
            "12",
            12,
            "civil defence",
            "2022-02-01",
        ),
        claim(
            "d2",
            1,
            "The health ministry said on Thursday that 40 people had been killed in Velmora since Tuesday.",
            "40",
            40,
            "health ministry",
            "2022-02-03",
        ),
        claim(
            "d3",
            1,
            "Health officials said 164 people had died in the unrest in Velmora.",
            "164",
            164,
            "health officials",
            "2022-02-05",
        ),
        claim(
            "d3",
            2,
            'Rebel radio <script>alert("x")</script> said 300 were killed.',
            "300",
            300,
            'Rebel radio <script>alert("x")</script>',
            "2022-02-05",
        ),
        claim(
            "d4",
            1,
            "The prosecutor's office said on Thursday that 225 people were killed in the Velmora unrest.",
            "225",
            225,
            "prosecutor's office",
            "2022-02-10",
        ),
    ]
    by_doc: dict[str, list[ClaimRecord]] = {}
    for c in claims:
        by_doc.setdefault(c.doc, []).append(c)
    stories = [
        Story(
            id="s1", title="Clashes in Velmora", documents=["d1", "d2"], claims=by_doc["d1"] + by_doc["d2"]
        ),
        Story(id="s2", title="Velmora toll at 164, officials say", documents=["d3"], claims=by_doc["d3"]),
        Story(id="s3", title="Prosecutor puts Velmora toll at 225", documents=["d4"], claims=by_doc["d4"]),
    ]
    fact = Fact(
        id="t1-f1",
        question="How many people were killed?",
        measure="KILL",
        subject="people",
        claims=[c.id for c in claims],
        status="conflicting",
        estimate={
            "low": 225,
            "high": 225,
            "as_of": "2022-02-10",
            "claim": "d4#c1",
            "source": "prosecutor's office",
        },
        superseded=["d1#c1", "d2#c1"],
        withdrawn=["d3#c1"],
        updates=[{"from": "d1#c1", "to": "d2#c1"}, {"from": "d2#c1", "to": "d3#c1"}],
    )
    thread = Thread(
        id="t1",
        title="Unrest in Velmora",
        documents=["d1", "d2", "d3", "d4"],
        stories=["s1", "s2", "s3"],
        first_published="2022-02-01",
        last_published="2022-02-10",
        claims=claims,
        facts=[fact],
    )
    return Dossier(documents=list(docs.values()), stories=stories, rejected=[], threads=[thread])


def test_a_quantity_over_time_marks_replaced_withdrawn_and_standing_figures():
    d = unrest_dossier()
    view = thread_view(d.threads[0], {s.id: s for s in d.stories}, {x.id: x for x in d.documents})
    assert [s["id"] for s in view["stories"]] == ["s1", "s2", "s3"]
    (q,) = view["quantities"]
    states = {p.id: p.state for p in q.points}
    assert states == {
        "d1#c1": "superseded",
        "d2#c1": "superseded",
        "d3#c1": "withdrawn",
        "d3#c2": "standing",
        "d4#c1": "current",
    }
    assert q.current is not None and q.current.value == "225" and q.current.as_of == "as of 10 Feb 2022"
    words = [f"{c['text']}: {c['what']}" for c in q.chain]
    assert (
        words[0] == "12 (as of 1 Feb 2022; civil defence): replaced by 40 (as of 3 Feb 2022; health ministry)"
    )
    assert words[2] == "164 (as of 5 Feb 2022; health officials): withdrawn"
    assert words[-1] == "225 (as of 10 Feb 2022; prosecutor's office): the standing figure"
    chart = q.chart
    assert chart is not None
    xs = {p.id: p.x for p in chart["points"]}
    assert xs["d1#c1"] < xs["d2#c1"] < xs["d3#c1"] < xs["d4#c1"]  # by date
    ys = {p.id: p.y for p in chart["points"]}
    assert ys["d3#c2"] < ys["d4#c1"] < ys["d1#c1"]  # by figure (SVG y grows downwards)
    assert len(chart["links"]) == 2  # the chain of updates drawn between the points
    assert len({p.colour for p in chart["points"]}) == 5  # one colour per source


@pytest.fixture(scope="module")
def unrest(tmp_path_factory):
    """The composed unrest: its database served, and its report.html: (server, base URL, folder)."""
    out = tmp_path_factory.mktemp("unrest")
    d = unrest_dossier()
    database.write(d, out / "parallax.duckdb")
    report.write(d, out / "report.html")
    srv, base = start_server(out / "parallax.duckdb")
    yield srv, base, out
    stop_server(srv)


def _svg(html: str) -> str:
    m = re.search(r'<svg class="series".*?</svg>', html, re.S)
    assert m is not None
    return m.group(0)


def test_the_report_shows_the_thread_first_with_its_chart_inline(unrest):
    html = (unrest[2] / "report.html").read_text(encoding="utf-8")
    assert html.index('id="threads"') < html.index('id="stories"')
    svg = _svg(html)
    assert svg.count('class="pt ') == 5
    assert svg.count('class="cross"') == 1 and svg.count('class="ring"') == 1
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html  # escaped, in the SVG too
    assert "http://" not in svg and "https://" not in svg  # nothing fetched
    assert "withdrawn" in html and "the standing figure" in html


def test_the_web_app_has_a_thread_page_and_its_json(unrest):
    srv = unrest[0]
    status, _, page = get(srv, "/threads/t1")
    assert status == 200 and _svg(page).count('class="pt ') == 5
    assert "<script>alert" not in page
    status, _, body = get(srv, "/api/threads/t1")
    data = json.loads(body)
    assert status == 200 and data["thread"]["id"] == "t1"
    (q,) = data["quantities"]
    assert q["current"]["claim"] == "d4#c1" and q["current"]["as_of"] == "2022-02-10"
    assert {p["claim"]: p["state"] for p in q["points"]}["d3#c1"] == "withdrawn"
    status, _, body = get(srv, "/api/threads")
    assert status == 200 and json.loads(body)["threads"][0]["stories"] == 3
    assert get(srv, "/threads/nope")[0] == 404
    assert "/api/threads/{thread_id}" in json.loads(get(srv, "/api/openapi.json")[2])["paths"]
