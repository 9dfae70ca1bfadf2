"""A dated timeline across a story's documents.

Every date mention (``DocRecord.dates``) votes for its date; the sentences that carry a date
are grouped into events (sentences on the same date with shared content words), and each
event becomes one entry: its most representative sentence, the documents that report it and
a weight.  A date's weight counts the documents that refer to it (a reference from a report
published weeks later counts more: the date stayed newsworthy) and, less, the documents
published on it; every entry of a date carries at most its date's weight, so ranking entries
by weight ranks dates.  Given the whole run's ``date_weights``, ``build`` adds them, so that
the entries of the many small stories a long coverage splits into rank on one scale.

Dates far from the period the reports were published in are background ("stepped down in
2019"); they enter only when several documents cite them.  A year or month that contains
the story's own publication dates ("this year") says nothing and is left out, and so are
day dates flagged as anomalies (see ``anomalies``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..config import TimelineConfig
from ..records import DateRecord, DocRecord, TimelineEntry

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be been before being
below between both but by can could did do does doing down during each early earlier few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just late later least
me more most my no nor not now of off on once only or other our ours out over own said same say says she should
so some such than that the their theirs them themselves then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your yours monday
tuesday wednesday thursday friday saturday sunday january february march april may june july august september
october november december jan feb mar apr jun jul aug sep sept oct nov dec yesterday today tomorrow night
morning evening afternoon week weekend day days month year years ago since last next""".split()
)


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _interval(value: str) -> tuple[date, date] | None:
    """First and last day a "YYYY", "YYYY-MM" or "YYYY-MM-DD" value covers."""
    try:
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:])
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return date(y, m, 1), nxt - timedelta(days=1)
        d = date.fromisoformat(value)
        return d, d
    except ValueError:
        return None


def story_span(records: list[DocRecord]) -> tuple[date, date] | None:
    """First and last publication date of the story's documents."""
    days = [d for d in (_day((r.document.published or "")[:10]) for r in records) if d]
    return (min(days), max(days)) if days else None


_MONTH_DAY = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d\s+(?:of\s+)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
)
_DEADLINE = re.compile(r"(?:until|till|through|by|before)\b", re.I)  # a deadline may lie far ahead
_YEAR_WRITTEN = re.compile(r"\b(?:1[6-9]|20)\d\d\b")


def _near_period(dd: date, first: date, last: date, cfg: TimelineConfig) -> bool:
    """True when some year puts dd's month and day no more than ``anomaly_behind_days`` before
    `first` or ``anomaly_ahead_days`` after `last` (or in between)."""
    lo = first - timedelta(days=cfg.anomaly_behind_days)
    hi = last + timedelta(days=cfg.anomaly_ahead_days)
    for y in range(lo.year, hi.year + 1):
        try:
            if lo <= dd.replace(year=y) <= hi:
                return True
        except ValueError:  # 29 February
            continue
    return False


def anomalies(records: list[DocRecord], cfg: TimelineConfig | None = None) -> list[DateRecord]:
    """Month-and-day dates written without a year ("June 5") that no reading puts near the
    story's period (see ``anomaly_ahead_days``) and near which no other document dates anything:
    in reports of early January, "June 5" is a slip; in reports of August, "April 20" is not."""
    cfg = cfg or TimelineConfig()
    span = story_span(records)
    if span is None or len(records) < 2:
        return []
    by_doc: dict[str, list[date]] = defaultdict(list)
    for r in records:
        for d in r.dates:
            dd = _day(d.date)
            if dd:
                by_doc[r.document.id].append(dd)
    out = []
    for r in records:
        for d in r.dates:
            dd = _day(d.date)
            if (
                dd is None
                or not _MONTH_DAY.search(d.text)
                or _YEAR_WRITTEN.search(d.text)
                or _DEADLINE.match(d.text)
            ):
                continue
            if _near_period(dd, *span, cfg):
                continue
            near = any(
                abs((o - dd).days) <= cfg.anomaly_corroboration_days
                for doc, days in by_doc.items()
                if doc != r.document.id
                for o in days
            )
            if not near:
                out.append(d)
    return out


def _undated_day(d: DateRecord) -> date | None:
    """The day of a mention written as a month and day without a year ("April 20")."""
    if len(d.date) != 10 or not _MONTH_DAY.search(d.text) or _YEAR_WRITTEN.search(d.text) or "year" in d.text:
        return None
    return _day(d.date)


def drop_anniversaries(records: list[DocRecord], cfg: TimelineConfig | None = None) -> None:
    """Days written without a year ("Sept. 11") that the run's reports read in different years,
    first before the run's coverage (more than ``span_margin_days`` before its first report),
    and in no one year by most of the documents that name them (``anniversary_max_year_share``),
    name a day of the past, an anniversary: the readings that were merely the nearest such day
    before a report (more than ``anniversary_current_days`` and at most a year before it) are
    dropped from ``DocRecord.dates`` (in place), the day is not this year's.  A day of the
    coverage that one early report reads a year back ("April 20" in a report of January) is
    read in its own year by nearly all the others, and keeps its later references.  (Setting
    every reading to the earliest one when that lies inside the coverage, "the April 20
    explosion" a year on, was tried: Timeline17 span Date-F1 bpoil 0.620 -> 0.625 but MJ 0.811
    -> 0.784, not kept.)"""
    cfg = cfg or TimelineConfig()
    span = story_span(records)
    if span is None:
        return
    readings: dict[tuple[int, int], dict[date, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in records:
        for d in r.dates:
            dd = _undated_day(d)
            if dd:
                readings[(dd.month, dd.day)][dd].add(r.document.id)
    start = span[0] - timedelta(days=cfg.span_margin_days)
    past = set()
    for md, days in readings.items():
        if len(days) < 2 or min(days) >= start:
            continue
        docs = [len(v) for v in days.values()]
        if max(docs) < cfg.anniversary_max_year_share * sum(docs):
            past.add(md)
    if not past:
        return
    for r in records:
        pub = _day((r.document.published or "")[:10])
        if pub is None:
            continue
        r.dates = [
            d
            for d in r.dates
            if not (
                (dd := _undated_day(d)) is not None
                and (dd.month, dd.day) in past
                and cfg.anniversary_current_days < (pub - dd).days <= 366
            )
        ]


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in (x.lower() for x in _WORD.findall(text)) if len(w) > 2 and w not in _STOP)


@dataclass
class _Event:
    """Sentences on one date that report the same event."""

    members: list[tuple[str, str, frozenset[str]]] = field(default_factory=list)  # (doc, sentence, words)

    def docs(self) -> list[str]:
        return list(dict.fromkeys(m[0] for m in self.members))

    def text(self) -> str:
        """The member sentence that shares most words with the others (shorter on a tie)."""

        def score(m: tuple[str, str, frozenset[str]]) -> tuple[float, int]:
            overlap = sum(len(m[2] & o[2]) / (len(m[2] | o[2]) or 1) for o in self.members if o is not m)
            return overlap, -len(m[1])

        return max(self.members, key=score)[1]


def _same_event(a: frozenset[str], b: frozenset[str], cfg: TimelineConfig) -> float:
    """Overlap of two sentences' content words (share of the shorter), 0 below the minimum."""
    shared = len(a & b)
    if shared < cfg.same_event_words:
        return 0.0
    return shared / min(len(a), len(b))


def _events(mentions: list[tuple[str, str]], cfg: TimelineConfig) -> list[_Event]:
    """Group (doc, sentence) pairs into events: a sentence joins the event holding the
    sentence it overlaps most, when that overlap is enough."""
    events: list[_Event] = []
    seen: set[tuple[str, str]] = set()
    for doc, sent in mentions:
        if (doc, sent) in seen:
            continue
        seen.add((doc, sent))
        w = _words(sent)
        best, best_score = None, 0.0
        for ev in events:
            score = max(_same_event(w, m[2], cfg) for m in ev.members)
            if score > best_score:
                best, best_score = ev, score
        if best is None or best_score < cfg.same_event_share:
            best = _Event()
            events.append(best)
        best.members.append((doc, sent, w))
    return events


def _reference_weight(pub: date | None, interval: tuple[date, date], cfg: TimelineConfig) -> float:
    """A reference from a report published after the date counts more, up to
    ``later_reference_weight`` for one ``later_full_days`` or more after it."""
    if pub is None or pub <= interval[1]:
        return 1.0
    gap = (pub - interval[1]).days
    return 1.0 + (cfg.later_reference_weight - 1.0) * min(1.0, gap / cfg.later_full_days)


@dataclass
class Salience:
    """How newsworthy each date is across a whole run (see ``salience``)."""

    #: date value ("YYYY-MM-DD", "YYYY-MM", "YYYY") -> weight
    weights: dict[str, float]
    #: date value -> distinct documents that refer to it
    docs: dict[str, int]
    #: first and last publication day of the run's documents
    span: tuple[date, date] | None
    #: dates some document reports as its event (not only as background)
    reported: set[str] = field(default_factory=set)


def salience(records: list[DocRecord], cfg: TimelineConfig | None = None) -> Salience:
    """How newsworthy each date is across `records` (a whole run): each document that refers to
    it counts once (see ``_reference_weight``: more when it was published well after it), and
    each document published on it ``published_weight``.  Anomalous dates are not counted.

    Counting over the run, not per story, ranks the entries of all stories on one scale: a run
    over months of coverage splits into many small stories, and a date that many of them refer
    to matters more than any one story shows (the story's own counts were added to the run's
    tenfold until this was measured: Timeline17 half A span Date-F1 0.715 either way)."""
    cfg = cfg or TimelineConfig()
    skip = {(d.doc, d.start) for d in anomalies(records, cfg)}
    refs: dict[str, dict[str, float]] = defaultdict(dict)
    weights: dict[str, float] = defaultdict(float)
    for r in records:
        pub = _day((r.document.published or "")[:10])
        for d in r.dates:
            iv = _interval(d.date)
            if (d.doc, d.start) in skip or iv is None:
                continue
            w = _reference_weight(pub, iv, cfg)
            refs[d.date][r.document.id] = max(refs[d.date].get(r.document.id, 0.0), w)
        if pub is not None:
            weights[pub.isoformat()] += cfg.published_weight
    for value, docs in refs.items():
        weights[value] += sum(docs.values())
    return Salience(
        weights=dict(weights),
        docs={v: len(docs) for v, docs in refs.items()},
        span=story_span(records),
        reported={d.date for r in records for d in r.dates if not d.background},
    )


def build(
    records: list[DocRecord], run: Salience | None = None, cfg: TimelineConfig | None = None
) -> list[TimelineEntry]:
    """The story's timeline entries, in date order (heaviest first within a date).

    `run` is ``salience`` of the whole run the story is part of (by default, of the story
    alone): an entry weighs what its date weighs across the run, so that the entries of all
    stories rank on one scale.  Dates far outside the run's coverage are background: they
    enter only when ``background_min_docs`` documents of the run cite them, at
    ``background_weight``.  (Judged against the story's own coverage instead, the dates a
    long topic's later stories recall from months before, when no story of theirs was
    written, were background: Timeline17 half A span Date-F1 0.715 either way, MJ 0.811 ->
    0.946 with the run's.)

    Entries come from the sentences that report a date's event: a date the story mentions only
    as background (``DateRecord.background``: "since the April 20 explosion", "had warned on
    March 2") gives it no entry when a report of the run tells of that date's event (the date
    keeps its weight from every mention: T17 span Date-F1 unchanged, A 0.715, B 0.725;
    concatenated ROUGE-1 up, bpoil 0.049 -> 0.054, H1N1 0.108 -> 0.111, haiti 0.279 -> 0.285,
    MJ 0.467 -> 0.492, IraqWar 0.417 -> 0.421).  No date is lost: one that no report of the
    run tells of enters from its recollections (leaving those out too was the same on T17)."""
    cfg = cfg or TimelineConfig()
    span = story_span(records)
    if span is None:
        return []
    run = run or salience(records, cfg)
    cover = run.span or span
    margin = timedelta(days=cfg.span_margin_days)
    lo, hi = cover[0] - margin, cover[1] + margin
    skip = {(d.doc, d.start) for d in anomalies(records, cfg)}
    sentences: dict[str, list[tuple[str, str]]] = defaultdict(list)  # the events reported
    recalled: dict[str, list[tuple[str, str]]] = defaultdict(list)  # dates as background only
    for r in records:
        for d in r.dates:
            if (d.doc, d.start) not in skip and _interval(d.date) is not None:
                (recalled if d.background else sentences)[d.date].append(
                    (r.document.id, r.sentence(d.sent).strip())
                )
    for value, mentions in recalled.items():
        if value not in sentences and value not in run.reported:
            sentences[value] = mentions  # no report of the run tells of it: its recollections
    out: list[TimelineEntry] = []
    for value, mentions in sentences.items():
        bounds = _interval(value)
        if bounds is None:
            continue
        first, last = bounds
        if len(value) < 10 and first <= span[1] and span[0] <= last:
            continue  # "this year": contains the story itself
        inside = lo <= first and last <= hi
        if not inside and run.docs.get(value, 0) < cfg.background_min_docs:
            continue
        weight = run.weights.get(value, 0.0) * (1.0 if inside else cfg.background_weight)
        events = sorted(_events(mentions, cfg), key=lambda e: (-len(e.docs()), -len(e.members)))
        top = len(events[0].docs())
        for ev in events[: cfg.max_events_per_date]:
            share = len(ev.docs()) / top
            out.append(
                TimelineEntry(
                    date=value, text=ev.text(), docs=ev.docs(), weight=round(weight * (0.5 + 0.5 * share), 3)
                )
            )
    out.sort(key=lambda t: (t.date, -t.weight))
    return out
