"""What the report and the web app show about a story, computed from the records.

Both views (``report.html`` and ``parallax serve``) render the same story model with the
same Jinja macros (``parallax/present/templates/_story.html.j2``); only the links differ.
Nothing here produces markup: templates escape every string from an article.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from ..records import ClaimRecord, Document, Fact, Story

STATUS_ORDER = {"conflicting": 0, "agreed": 1, "single-source": 2}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class Cite:
    """A link to a span of a document's clean text (start/end None: the whole document)."""

    doc: str
    label: str
    start: int | None = None
    end: int | None = None


@dataclass
class ClaimView:
    value: str
    low: float | None
    high: float | None
    authority: str
    outlet: str
    cite: Cite
    superseded: bool = False
    as_of: str | None = None
    evidence: str = ""


@dataclass
class ValueGroup:
    """One distinct figure of a fact and everyone who gave it."""

    value: str
    low: float | None
    high: float | None
    claims: list[ClaimView] = field(default_factory=list)

    @property
    def authorities(self) -> list[str]:
        """Who gave the figure, each once (case-insensitively)."""
        seen: dict[str, str] = {}
        for c in self.claims:
            seen.setdefault(c.authority.lower(), c.authority)
        return list(seen.values())


def outlet_label(doc: Document | None, doc_id: str) -> str:
    """The outlet's name, else the document's title, else its id."""
    if doc is None:
        return doc_id
    return doc.outlet or doc_id


def fmt_num(x: float | None) -> str:
    """18.0 -> "18", 2298.0 -> "2,298", 0.5 -> "0.5"."""
    if x is None:
        return "?"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def fmt_range(low: float | None, high: float | None) -> str:
    if low is None and high is None:
        return "?"
    if high is None:
        return f"≥ {fmt_num(low)}"
    if low is None:
        return f"≤ {fmt_num(high)}"
    if low == high:
        return fmt_num(low)
    return f"{fmt_num(low)}–{fmt_num(high)}"


def claim_value(c: ClaimRecord) -> str:
    """The figure as the report stated it: "at least 18", "dozens", "200-300"."""
    shown = c.number_text or fmt_range(c.low, c.high)
    if c.qualifier and c.qualifier.lower() not in shown.lower():
        shown = f"{c.qualifier} {shown}"
    return shown


def fmt_date(d: str) -> str:
    """ "2022-01-06" -> "6 Jan 2022"; "2022-01" -> "Jan 2022"; "2019" stays."""
    parts = d.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return d


def locate(text: str, snippet: str) -> tuple[int, int] | None:
    """Where `snippet` (a sentence quoted or lightly rewritten) stands in `text`."""
    snippet = snippet.strip()
    if not snippet or not text:
        return None
    i = text.find(snippet)
    if i >= 0:
        return i, i + len(snippet)
    i = text.lower().find(snippet.lower())
    if i >= 0:
        return i, i + len(snippet)
    if len(snippet) > len(text):
        return None
    m = fuzz.partial_ratio_alignment(snippet.lower(), text.lower(), score_cutoff=80)
    if m is None:
        return None
    a, b = m.dest_start, m.dest_end
    while a > 0 and text[a - 1].isalnum():  # whole words only
        a -= 1
    while b < len(text) and (text[b].isalnum() or text[b] in ".!?"):
        b += 1
    return a, b


def cite_text(docs: dict[str, Document], doc_id: str, snippet: str) -> Cite:
    """A citation of `snippet` in document `doc_id`, located by its text."""
    d = docs.get(doc_id)
    span = locate(d.text, snippet) if d is not None else None
    return Cite(doc_id, outlet_label(d, doc_id), *(span or (None, None)))


# ---------------------------------------------------------------- the story model


@dataclass
class FactView:
    id: str
    question: str
    measure: str
    subject: str
    status: str
    estimate: str
    groups: list[ValueGroup]
    strip: dict[str, Any] | None = None

    @property
    def n_claims(self) -> int:
        return sum(len(g.claims) for g in self.groups)


def _fact_view(f: Fact, claims: dict[str, ClaimRecord], docs: dict[str, Document]) -> FactView:
    groups: dict[tuple, ValueGroup] = {}
    for cid in f.claims:
        c = claims.get(cid)
        if c is None:
            continue
        d = docs.get(c.doc)
        cv = ClaimView(
            value=claim_value(c),
            low=c.low,
            high=c.high,
            authority=c.attributed_to or "unattributed",
            outlet=outlet_label(d, c.doc),
            cite=Cite(c.doc, outlet_label(d, c.doc), c.start, c.end),
            superseded=cid in f.superseded,
            as_of=c.as_of,
            evidence=c.evidence,
        )
        key = (c.low, c.high, c.vague)
        g = groups.setdefault(
            key, ValueGroup(cv.value if c.vague else fmt_range(c.low, c.high), c.low, c.high)
        )
        g.claims.append(cv)
    ordered = sorted(groups.values(), key=lambda g: (-(g.low or 0), -len(g.claims)))
    est = fmt_range(f.estimate.get("low"), f.estimate.get("high")) if f.estimate else "?"
    fv = FactView(f.id, f.question, f.measure, f.subject, f.status, est, ordered)
    if f.status == "conflicting":
        fv.strip = _strip(ordered)
    return fv


def _strip(groups: list[ValueGroup], width: int = 420) -> dict[str, Any] | None:
    """A number line with one dot per distinct figure, for the Conflicts panel."""
    values = [v for g in groups if (v := g.low if g.low is not None else g.high) is not None]
    if len(values) < 2:
        return None
    lo, hi = min(values), max(values)
    span = hi - lo or 1.0
    pad = 24
    dots: list[dict[str, Any]] = []
    for g in groups:
        v = g.low if g.low is not None else g.high
        if v is None or any(d["value"] == v for d in dots):
            continue
        x = pad + (v - lo) / span * (width - 2 * pad)
        x2 = None
        if g.high is not None and g.low is not None and g.high > g.low:
            x2 = pad + (min(g.high, hi) - lo) / span * (width - 2 * pad)
        dots.append(
            {
                "value": v,
                "x": round(x, 1),
                "x2": None if x2 is None else round(x2, 1),
                "label": g.value,
                "r": 5 + min(len(g.claims), 5),
                "open": g.high is None,
                "title": f"{g.value}: " + ", ".join(g.authorities),
            }
        )
    return {"width": width, "height": 46, "pad": pad, "dots": dots, "lo": fmt_num(lo), "hi": fmt_num(hi)}


def timeline_chart(
    entries: list[dict[str, Any]], docs: Iterable[Document], max_cols: int = 40
) -> dict[str, Any]:
    """Bars of dated events per date (categorical axis), with the articles' publication days."""
    by_date: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in entries:
        by_date[e["date"]].append(e)
    dates = sorted(by_date)
    shown = dates
    if len(dates) > max_cols:
        top = sorted(dates, key=lambda d: -sum(e["weight"] for e in by_date[d]))[:max_cols]
        shown = sorted(top)
    published = Counter(d.published for d in docs if d.published)
    col, left, top_pad, bar_h = 56, 30, 18, 90
    n_max = max((len(by_date[d]) for d in shown), default=1)
    cols = []
    year = None
    for i, d in enumerate(shown):
        n = len(by_date[d])
        h = max(4.0, bar_h * n / n_max)
        parts = d.split("-")
        label = fmt_date(d)
        if len(parts) == 3:
            short = (
                f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]}"
                if parts[1].isdigit() and parts[2].isdigit()
                else d
            )
        else:
            short = label
        show_year = len(parts) == 3 and parts[0] != year
        year = parts[0] if len(parts) == 3 else None
        x = left + i * col
        cols.append(
            {
                "date": d,
                "x": x,
                "cx": x + col / 2,
                "y": top_pad + bar_h - h,
                "h": round(h, 1),
                "w": col - 14,
                "n": n,
                "short": short,
                "year": parts[0] if show_year else "",
                "coarse": len(parts) < 3,
                "multi": any(len(e["docs"]) > 1 for e in by_date[d]),
                "published": published.get(d, 0),
                "title": f"{label}: {n} event{'s' if n != 1 else ''}",
            }
        )
    return {
        "width": left + max(len(shown), 1) * col + 10,
        "height": top_pad + bar_h + 62,
        "base": top_pad + bar_h,
        "left": left,
        "cols": cols,
        "n_dates": len(dates),
        "n_shown": len(shown),
    }


def story_view(story: Story, docs: dict[str, Document]) -> dict[str, Any]:
    """Everything a story page shows, ready for the templates."""
    claims = {c.id: c for c in story.claims}
    facts = [_fact_view(f, claims, docs) for f in story.facts]
    facts.sort(key=lambda f: (STATUS_ORDER.get(f.status, 3), -f.n_claims))
    sdocs = [docs[d] for d in story.documents if d in docs]
    outlets = list(dict.fromkeys(outlet_label(d, d.id) for d in sdocs))
    dates = sorted(d.published for d in sdocs if d.published)

    brief = [
        {"text": it.text, "cites": [cite_text(docs, d, it.text) for d in it.docs]} for it in story.summary
    ]

    entries: list[dict[str, Any]] = [
        {
            "date": t.date,
            "text": t.text,
            "weight": t.weight,
            "docs": t.docs,
            "cites": [cite_text(docs, d, t.text) for d in t.docs],
        }
        for t in story.timeline
    ]
    entries.sort(key=lambda e: (str(e["date"]), -float(e["weight"])))
    for e in entries:
        e["label"] = fmt_date(e["date"])

    speakers: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in story.quotes:
        d = docs.get(q.doc)
        cite = (
            Cite(q.doc, outlet_label(d, q.doc), q.start, q.end)
            if q.end > q.start
            else cite_text(docs, q.doc, q.text)
        )
        also = [outlet_label(docs.get(o), o) for o in q.same_as]
        speakers[q.speaker or "Unknown speaker"].append(
            {"text": q.text, "cite": cite, "direct": q.direct, "also": also}
        )
    quotes = sorted(
        ({"speaker": k, "quotes": v} for k, v in speakers.items()),
        key=lambda s: (s["speaker"] == "Unknown speaker", -len(s["quotes"]), s["speaker"]),
    )

    discrepancies = []
    for x in story.discrepancies:
        against = None
        if x.against and x.against.get("doc"):
            against = {
                "evidence": x.against.get("evidence") or "",
                "cite": cite_text(docs, x.against["doc"], x.against.get("evidence") or ""),
            }
        discrepancies.append(
            {
                "kind": x.kind,
                "note": x.note,
                "evidence": x.evidence,
                "cite": cite_text(docs, x.doc, x.evidence),
                "against": against,
            }
        )

    entities = sorted(story.entities, key=lambda e: (-len(e.mentions), e.name))
    ents = [
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "n": len(e.mentions),
            "variants": [a for a in e.aliases if a != e.name],
        }
        for e in entities
    ]

    return {
        "id": story.id,
        "title": story.title,
        "outlets": outlets,
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
        "documents": [
            {
                "id": d.id,
                "title": d.title or d.id,
                "outlet": outlet_label(d, d.id),
                "published": d.published,
                "authors": d.authors,
                "url": d.url,
                "n_chars": len(d.text),
                "headline_only": d.headline_only,
            }
            for d in sdocs
        ],
        "brief": brief,
        "facts": facts,
        "conflicts": [f for f in facts if f.status == "conflicting"],
        "coverage": coverage_matrix(facts, outlets, story, docs),
        "timeline": entries,
        "chart": timeline_chart(entries, sdocs) if entries else None,
        "quotes": quotes,
        "n_quotes": len(story.quotes),
        "discrepancies": discrepancies,
        # the conflicts panel: the conflicting facts, then the other contradictions (a figure
        # discrepancy is one of those facts already)
        "conflict_notes": [x for x in discrepancies if x["kind"] != "figure"],
        "entities": ents,
        "counts": {
            "documents": len(sdocs),
            "outlets": len(outlets),
            "facts": len(facts),
            "conflicting": sum(f.status == "conflicting" for f in facts),
            "agreed": sum(f.status == "agreed" for f in facts),
            "claims": len(story.claims),
            "entities": len(ents),
            "quotes": len(story.quotes),
            "timeline": len(entries),
            "discrepancies": len(discrepancies),
        },
    }


def coverage_matrix(
    facts: list[FactView], outlets: list[str], story: Story, docs: dict[str, Document]
) -> dict[str, Any]:
    """Outlets x facts: which outlet reported which fact, and with what figure."""
    rows = []
    n_facts: Counter[str] = Counter()
    for f in facts:
        cells: dict[str, list[ClaimView]] = defaultdict(list)
        for g in f.groups:
            for c in g.claims:
                cells[c.outlet].append(c)
        rows.append({"fact": f, "cells": [cells.get(o, []) for o in outlets]})
        n_facts.update(o for o, cell in cells.items() if cell)
    n_quotes = Counter(outlet_label(docs.get(q.doc), q.doc) for q in story.quotes)
    return {
        "outlets": outlets,
        "rows": rows,
        "quotes": [n_quotes.get(o, 0) for o in outlets],
        "facts": [n_facts.get(o, 0) for o in outlets],
    }
