"""Facts: the claims about one quantity, gathered across any set of reports (a story's, a
thread's followed over weeks) and compared as a time series.

1. ``grouping``: which claims count one quantity (measure or quantity key, unit, category of
   who is counted, part of a total, capacity, a witness's own count).
2. ``relations``: over time, which figure replaced which (``superseded``, the ``updates``
   chain), which was withdrawn, and which truly conflict (same quantity, scope and day,
   different sources, neither presented as an update).
3. ``estimate``: the best reading from the figures that stand, with its date and source, and
   the range where standing figures truly conflict.

``build`` is the one entry point: the same function, with the same behaviour, for a story's
claims and for a thread's.
"""

from __future__ import annotations

import math
from collections import defaultdict

from ...config import FactsConfig
from ...records import ClaimRecord, DocRecord, Fact
from .estimate import Counting
from .grouping import category, home, join_similar, key, question, severe_parts, split_vague, witness
from .relations import Series, Timeline, days_between, relate
from .sources import Sources
from .values import bounds, compatible, point

__all__ = ["build", "conflicts", "reconcile"]


def _groups(
    claims: list[ClaimRecord], recs: dict[str, DocRecord], place: str, cfg: FactsConfig
) -> list[list[ClaimRecord]]:
    by_key: dict[tuple, list[ClaimRecord]] = defaultdict(list)
    severe = severe_parts(claims, cfg.same_least)
    for c in claims:
        by_key[key(c, recs.get(c.doc), place, c.id in severe)].append(c)
    keys = list(by_key)
    joined = join_similar([by_key[k] for k in keys], keys, cfg.same_least, cfg.same_share, cfg.same_shared)
    out = [p for g in joined for p in split_vague(g, cfg.vague_apart)]
    out.sort(key=lambda g: (-len({c.doc for c in g}), -len(g), g[0].id))
    return out


def _hospitalized_as_wounded(
    groups: list[list[ClaimRecord]], claims: list[ClaimRecord], place: str
) -> list[list[ClaimRecord]]:
    """Counts of people taken to hospital where no count of the wounded of their category
    exists: they give the lower reading of the wounded."""
    wounded = {category(c, place) for c in claims if c.measure == "WOUND"}
    return [
        g
        for g in groups
        if g[0].measure == "HOSPITALIZE"
        and "care" not in g[0].subject
        and g[0].kind == "event"
        and category(g[0], place) not in wounded
    ]


def _is_main_kill(group: list[ClaimRecord], recs: dict[str, DocRecord], place: str) -> bool:
    c = group[0]
    return (
        c.measure == "KILL"
        and category(c, place) == "people"
        and c.kind == "event"
        and not c.part
        and not witness(c, recs.get(c.doc))
    )


def _current(live: list[ClaimRecord], tl: Timeline, days: int) -> tuple[list[ClaimRecord], str | None]:
    """The standing claims of the last `days` up to the latest day that has a definite one,
    and that day (all standing claims, and None, where none is dated)."""
    dated = [c for c in live if point(c) is not None and tl.time(c)]
    if not dated:
        return live, None
    latest = max(tl.time(c) or "" for c in dated)
    return [c for c in live if _near(tl.time(c), latest, days)], latest


def _near(day: str | None, latest: str, days: int) -> bool:
    gap = days_between(day, latest)
    return gap is not None and gap <= days


def _provenance(est: dict, now: list[ClaimRecord], tl: Timeline, sources: Sources, approx: float) -> None:
    """The claim the estimate stands on, its date and its source, added to `est`."""
    lo = est.get("low")
    x = lo if lo is not None else est.get("high")
    if x is None:
        return
    held = [c for c in now if bounds(c, approx)[0] <= x <= bounds(c, approx)[1]]
    if not held:
        return
    exact = [c for c in held if c.low == est.get("low") and c.high == est.get("high")]
    best = max(
        exact or held,
        key=lambda c: (tl.time(c) or "", c.attributed_to is not None and not sources.own(c), c.id),
    )
    est["claim"] = best.id
    est["as_of"] = tl.time(best)
    est["source"] = (
        best.attributed_to if best.attributed_to and not sources.own(best) else sources.outlets.get(best.doc)
    )


def _range(series: Series, live_ids: set[str], claims: dict[str, ClaimRecord], est: dict) -> None:
    """Where standing figures truly conflict, the range they span, added to `est`."""
    rivals = {x for pair in series.conflicts if set(pair) <= live_ids for x in pair}
    if not rivals:
        return
    lows = [c.low if c.low is not None else 0.0 for c in (claims[i] for i in rivals)]
    highs = [c.high if c.high is not None else (c.low or 0.0) for c in (claims[i] for i in rivals)]
    est["range_low"] = min(lows)
    est["range_high"] = max(highs) if not any(math.isinf(h) for h in highs) else None


def build(
    claims: list[ClaimRecord],
    records: list[DocRecord],
    prefix: str = "",
    cfg: FactsConfig | None = None,
    groups: list[list[ClaimRecord]] | None = None,
) -> list[Fact]:
    """Group claims into facts, relate their figures over time and say whether they agree.
    `records`: the documents the claims come from (texts, publication dates, outlets);
    `groups`: the claims of each quantity when already known (an evaluation of the relations
    alone on a gold grouping), else found here."""
    cfg = cfg or FactsConfig()
    recs = {r.document.id: r for r in records}
    sources = Sources({r.document.id: r.document.outlet for r in records})
    tl = Timeline({r.document.id: r.document.published for r in records}, sources)
    place = home(records)
    known = groups is not None
    groups = groups if groups is not None else _groups(claims, recs, place, cfg)
    extra = [] if known else _hospitalized_as_wounded(groups, claims, place)
    counting = Counting(claims, cfg.more_gap, cfg.background_gap)
    by_id = {c.id: c for c in claims}
    main_kill = next((g for g in groups if _is_main_kill(g, recs, place)), None)
    docs_all = set(recs)
    facts = []
    for n, group in enumerate(groups + extra, start=1):
        measure = group[0].measure if n <= len(groups) else "WOUND"
        series = relate(group, tl, cfg)
        live = [c for c in group if c.id not in series.superseded]
        docs = {c.doc for c in group}
        status = "single-source" if len(docs) < 2 else ("conflicting" if series.conflicts else "agreed")
        # where figures moved on (a figure replaced by one it does not allow), the best reading
        # is that of the latest stretch; elsewhere (a day's reports, follow-ups that recall one
        # victim, a floor told more precisely) all standing figures vote
        moved = any(not compatible(by_id[u["from"]], by_id[u["to"]], cfg.approx) for u in series.updates())
        now, latest = _current(live, tl, cfg.near_days) if moved else (live, None)
        voters = None
        if group is main_kill:
            voters = {
                d for d in docs_all if latest is None or _near(tl.published.get(d), latest, cfg.near_days)
            }
        est = counting.estimate(now, measure, status != "conflicting", voters)
        _provenance(est, now, tl, sources, cfg.approx)
        _range(series, {c.id for c in live}, by_id, est)
        subject, q = question(group, measure, witness(group[0], recs.get(group[0].doc)))
        facts.append(
            Fact(
                id=f"{prefix}-f{n}",
                question=q,
                measure=measure,
                subject=subject,
                claims=[c.id for c in group],
                status=status,
                estimate=est,
                superseded=sorted(series.superseded),
                withdrawn=sorted(series.withdrawn),
                updates=series.updates(),
                unit=group[0].unit,
            )
        )
    return facts


def conflicts(
    fact: Fact, claims: dict[str, ClaimRecord], records: list[DocRecord], cfg: FactsConfig | None = None
) -> list[tuple[ClaimRecord, ClaimRecord]]:
    """The pairs of claims of `fact` that truly conflict (same day, different sources,
    incompatible figures), as ``build`` found them."""
    cfg = cfg or FactsConfig()
    sources = Sources({r.document.id: r.document.outlet for r in records})
    tl = Timeline({r.document.id: r.document.published for r in records}, sources)
    group = [claims[c] for c in fact.claims if c in claims]
    return [(claims[a], claims[b]) for a, b in relate(group, tl, cfg).conflicts]


#: The name the story stage has long called it by.
reconcile = build
