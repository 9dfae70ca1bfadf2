"""What the report and the web app show about a thread: its stories in time order and, per
quantity, the figure over time (a chart's points by source, withdrawn ones marked, the standing
figure highlighted) and the chain of revisions in words, every figure with its "as of".

Charts are data here (coordinates, labels, classes) and SVG in the shared templates
(``templates/_thread.html.j2``): nothing here produces markup, and every string from an article
is escaped by the templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..records import ClaimRecord, Document, Fact, Story, Thread
from .views import STATUS_ORDER, Cite, claim_value, fmt_date, fmt_num, outlet_label

#: sources get one of this many colours (``src0`` ...), in order of first appearance.
PALETTE = 8
#: chart size (SVG user units) and margins.
WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 26, 46
#: width of the column of undated figures at the right of a chart.
UNDATED = 70
#: sources named in a chart's legend (the others are in its chain of revisions).
LEGEND = 10


@dataclass
class Point:
    """One claim of a quantity: its figure, when it holds, who gave it, what became of it."""

    id: str
    value: str
    low: float | None
    high: float | None
    when: str | None  # "as of" date: the claim's own, else its report's publication date
    as_of_stated: bool  # the date is the claim's own "as of", not the publication date
    source: str
    outlet: str
    cite: Cite
    state: str = "standing"  # standing | current | superseded | withdrawn
    replaced_by: str | None = None  # the claim id of the figure that replaced it
    x: float = 0.0
    y: float = 0.0
    y2: float | None = None  # the top of a range
    colour: int = 0

    @property
    def as_of(self) -> str:
        """ "as of 9 Jan 2022" (or "published 9 Jan 2022", or "undated")."""
        if self.when is None:
            return "undated"
        return f"{'as of' if self.as_of_stated else 'published'} {fmt_date(self.when)}"


@dataclass
class Quantity:
    """One fact of a thread as a time series."""

    id: str
    question: str
    status: str
    unit: str
    points: list[Point]
    current: Point | None
    chain: list[dict[str, Any]]
    chart: dict[str, Any] | None
    sources: list[dict[str, Any]] = field(default_factory=list)
    more_sources: int = 0


def _when(c: ClaimRecord, docs: dict[str, Document]) -> tuple[str | None, bool]:
    if c.as_of:
        return c.as_of[:10], True
    d = docs.get(c.doc)
    return ((d.published or "")[:10] or None) if d else None, False


def _day(iso: str | None) -> int | None:
    try:
        return date.fromisoformat(iso).toordinal() if iso else None
    except ValueError:
        return None


def _points(f: Fact, claims: dict[str, ClaimRecord], docs: dict[str, Document]) -> list[Point]:
    withdrawn = set(f.withdrawn)
    superseded = set(f.superseded)
    replaced = {u.get("from"): u.get("to") for u in f.updates if u.get("from")}
    out = []
    for cid in f.claims:
        c = claims.get(cid)
        if c is None:
            continue
        d = docs.get(c.doc)
        when, stated = _when(c, docs)
        p = Point(
            id=c.id,
            value=claim_value(c),
            low=c.low,
            high=c.high,
            when=when,
            as_of_stated=stated,
            source=c.attributed_to or outlet_label(d, c.doc),
            outlet=outlet_label(d, c.doc),
            cite=Cite(c.doc, outlet_label(d, c.doc), c.start, c.end),
        )
        if cid in withdrawn:
            p.state = "withdrawn"
        elif cid in superseded:
            p.state = "superseded"
        p.replaced_by = replaced.get(cid)
        out.append(p)
    out.sort(key=lambda p: (p.when is None, p.when or "", p.id))
    if not f.updates:  # no chain given: a superseded figure was replaced by the next later one
        for i, p in enumerate(out):
            if p.state == "superseded":
                later = next((q for q in out[i + 1 :] if q.state != "withdrawn" and q.when != p.when), None)
                p.replaced_by = later.id if later else None
    return out


def _current(f: Fact, points: list[Point]) -> Point | None:
    """The standing figure: the fact's estimate names it (a time series), else the latest
    figure neither superseded nor withdrawn."""
    cid = (f.estimate or {}).get("claim")
    found = next((p for p in points if p.id == cid), None) if cid else None
    if found is None:
        live = [p for p in points if p.state == "standing"]
        dated = [p for p in live if p.when is not None]
        found = (dated or live)[-1] if live else None
    if found is not None:
        found.state = "current"
    return found


def _chain(points: list[Point], current: Point | None) -> list[dict[str, Any]]:
    """The revisions in words, oldest first, every figure with its "as of" and its citation."""
    by_id = {p.id: p for p in points}
    lines = []
    for p in points:
        said = f"{p.value} ({p.as_of}; {p.source})"
        nxt = by_id.get(p.replaced_by or "")
        if p.state == "withdrawn":
            what = "withdrawn"
        elif p.state == "superseded":
            what = (
                f"replaced by {nxt.value} ({nxt.as_of}; {nxt.source})"
                if nxt
                else "replaced by a later figure"
            )
        elif p is current:
            what = "the standing figure"
        else:
            what = ""
        lines.append({"text": said, "what": what, "state": p.state, "cite": p.cite})
    return lines


def _value(p: Point) -> float | None:
    return p.low if p.low is not None else p.high


def _chart(points: list[Point], sources: dict[str, int]) -> dict[str, Any] | None:
    """Coordinates of each point: x by date (undated ones in a column of their own at the right),
    y by figure (a range drawn from low to high)."""
    shown = [p for p in points if _value(p) is not None]
    if not shown:
        return None
    days = [d for p in shown if (d := _day(p.when)) is not None]
    undated = any(_day(p.when) is None for p in shown)
    lo_d, hi_d = (min(days), max(days)) if days else (0, 0)
    right = WIDTH - RIGHT - (UNDATED if undated else 0)
    values = [v for p in shown for v in (p.low, p.high) if v is not None]
    lo_v, hi_v = min(0.0, min(values)), max(values)
    span_v = (hi_v - lo_v) or 1.0
    base = HEIGHT - BOTTOM

    def y(v: float) -> float:
        return round(base - (v - lo_v) / span_v * (base - TOP), 1)

    for p in shown:
        d = _day(p.when)
        if d is None:
            p.x = WIDTH - RIGHT - UNDATED / 3
        elif hi_d == lo_d:
            p.x = (LEFT + right) / 2
        else:
            p.x = round(LEFT + (d - lo_d) / (hi_d - lo_d) * (right - LEFT), 1)
        v = _value(p)
        assert v is not None
        p.y = y(v)
        p.y2 = y(p.high) if p.low is not None and p.high is not None and p.high > p.low else None
        p.colour = sources[p.source] % PALETTE
    ticks = [{"y": y(v), "label": fmt_num(v)} for v in sorted({lo_v, hi_v, round((lo_v + hi_v) / 2)})]
    dates = sorted({p.when for p in shown if p.when})
    xticks = []
    ends = [dates[0], dates[-1]] if len(dates) > 1 else dates
    for k, iso in enumerate(ends):
        d = _day(iso)
        x = (
            (LEFT + right) / 2
            if hi_d == lo_d or d is None
            else LEFT + (d - lo_d) / (hi_d - lo_d) * (right - LEFT)
        )
        anchor = "middle" if len(ends) == 1 else ("start" if k == 0 else "end")
        xticks.append({"x": round(x, 1), "label": fmt_date(iso), "anchor": anchor})
    chain = [
        {"x1": a.x, "y1": a.y, "x2": b.x, "y2": b.y} for a in shown for b in shown if a.replaced_by == b.id
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "base": base,
        "points": shown,
        "yticks": ticks,
        "xticks": xticks,
        "undated_x": WIDTH - RIGHT - UNDATED / 3 if undated else None,
        "undated_line": right + UNDATED / 3 if undated else None,
        "links": chain,
    }


def quantity(f: Fact, claims: dict[str, ClaimRecord], docs: dict[str, Document]) -> Quantity:
    points = _points(f, claims, docs)
    current = _current(f, points)
    sources: dict[str, int] = {}
    for p in points:
        sources.setdefault(p.source, len(sources))
    return Quantity(
        id=f.id,
        question=f.question,
        status=f.status,
        unit=f.unit,
        points=points,
        current=current,
        chain=_chain(points, current),
        chart=_chart(points, sources),
        sources=[{"name": s, "colour": i % PALETTE} for s, i in list(sources.items())[:LEGEND]],
        more_sources=max(0, len(sources) - LEGEND),
    )


def thread_view(thread: Thread, stories: dict[str, Story], docs: dict[str, Document]) -> dict[str, Any]:
    """Everything a thread page shows, ready for the templates.  `stories` holds (at least) the
    thread's stories by id: their titles and dates."""
    claims = {c.id: c for c in thread.claims}
    quantities = [quantity(f, claims, docs) for f in thread.facts if f.claims]
    quantities.sort(key=lambda q: (-len({p.when for p in q.points}), STATUS_ORDER.get(q.status, 3), q.id))
    tdocs = [docs[d] for d in thread.documents if d in docs]
    story_rows = []
    for sid in thread.stories:
        s = stories.get(sid)
        if s is None:
            continue
        dates = sorted(p for d in s.documents if (x := docs.get(d)) is not None and (p := x.published))
        story_rows.append(
            {"id": s.id, "title": s.title, "n": len(s.documents), "first": dates[0] if dates else None}
        )
    return {
        "id": thread.id,
        "title": thread.title,
        "first": thread.first_published,
        "last": thread.last_published,
        "outlets": list(dict.fromkeys(outlet_label(d, d.id) for d in tdocs)),
        "stories": story_rows,
        "quantities": quantities,
        "conflicts": [q for q in quantities if q.status == "conflicting"],
        "counts": {
            "documents": len(thread.documents),
            "stories": len(thread.stories),
            "quantities": len(quantities),
            "conflicting": sum(q.status == "conflicting" for q in quantities),
            "entities": len(thread.entities),
        },
    }
