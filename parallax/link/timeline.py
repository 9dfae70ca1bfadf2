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

from ..records import DateRecord, DocRecord, TimelineEntry

#: days beyond the story's first and last publication date that still count as its period.
SPAN_MARGIN_DAYS = 31
#: distinct documents needed for a date outside the story's period.
BACKGROUND_MIN_DOCS = 3
#: a month-and-day date with no explicit year is suspect when its next occurrence lies more
#: than ANOMALY_AHEAD_DAYS after the story's period (a report cannot tell of it yet) and its
#: last occurrence more than ANOMALY_BEHIND_DAYS before it (so old a date would carry its year).
ANOMALY_AHEAD_DAYS = 90
ANOMALY_BEHIND_DAYS = 180
#: a suspect date is an anomaly unless another document refers to a date this close to it.
ANOMALY_CORROBORATION_DAYS = 7
#: a day read in different years by the run's reports and first before its coverage (an
#: anniversary) still dates a report published at most this many days after it.
ANNIVERSARY_CURRENT_DAYS = 30
#: weight of a reference from a report published LATER_FULL_DAYS or more after the date
#: (a report of the same day: 1; linear in between).
LATER_REFERENCE_WEIGHT = 10.0
LATER_FULL_DAYS = 30.0
#: a date outside the story's period weighs this share of what it would inside it.
BACKGROUND_WEIGHT = 0.1
#: weight of each document published on a date.
PUBLISHED_WEIGHT = 0.5
#: share of the whole run's weight of a date added to a story's own (see ``build``).
CORPUS_WEIGHT = 10.0
#: at most this many entries (events) per date.
MAX_EVENTS_PER_DATE = 5
#: two sentences on one date report the same event when they share this many content words
#: and this share of the shorter one's content words.
SAME_EVENT_WORDS = 3
SAME_EVENT_SHARE = 0.4

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


def _near_period(dd: date, first: date, last: date) -> bool:
    """True when some year puts dd's month and day no more than ANOMALY_BEHIND_DAYS before
    `first` or ANOMALY_AHEAD_DAYS after `last` (or in between)."""
    lo, hi = first - timedelta(days=ANOMALY_BEHIND_DAYS), last + timedelta(days=ANOMALY_AHEAD_DAYS)
    for y in range(lo.year, hi.year + 1):
        try:
            if lo <= dd.replace(year=y) <= hi:
                return True
        except ValueError:  # 29 February
            continue
    return False


def anomalies(records: list[DocRecord]) -> list[DateRecord]:
    """Month-and-day dates written without a year ("June 5") that no reading puts near the
    story's period (see ANOMALY_AHEAD_DAYS) and near which no other document dates anything:
    in reports of early January, "June 5" is a slip; in reports of August, "April 20" is not."""
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
            if _near_period(dd, *span):
                continue
            near = any(
                abs((o - dd).days) <= ANOMALY_CORROBORATION_DAYS
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


def drop_anniversaries(records: list[DocRecord]) -> None:
    """Days written without a year ("Sept. 11") that the run's reports read in different years,
    and first before the run's coverage (more than ``SPAN_MARGIN_DAYS`` before its first
    report), name a day of the past, an anniversary: the readings that were merely the nearest
    such day before a report (more than ``ANNIVERSARY_CURRENT_DAYS`` and at most a year before
    it) are dropped from ``DocRecord.dates`` (in place), the day is not this year's.  (Setting
    every reading to the earliest one when that lies inside the coverage, "the April 20
    explosion" a year on, was tried: Timeline17 span Date-F1 bpoil 0.620 -> 0.625 but MJ 0.811
    -> 0.784, not kept.)"""
    span = story_span(records)
    if span is None:
        return
    readings: dict[tuple[int, int], list[date]] = defaultdict(list)
    for r in records:
        for d in r.dates:
            dd = _undated_day(d)
            if dd:
                readings[(dd.month, dd.day)].append(dd)
    start = span[0] - timedelta(days=SPAN_MARGIN_DAYS)
    past = {md for md, days in readings.items() if len({x.year for x in days}) > 1 and min(days) < start}
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
                and ANNIVERSARY_CURRENT_DAYS < (pub - dd).days <= 366
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


def _same_event(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two sentences' content words (share of the shorter), 0 below the minimum."""
    shared = len(a & b)
    if shared < SAME_EVENT_WORDS:
        return 0.0
    return shared / min(len(a), len(b))


def _events(mentions: list[tuple[str, str]]) -> list[_Event]:
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
            score = max(_same_event(w, m[2]) for m in ev.members)
            if score > best_score:
                best, best_score = ev, score
        if best is None or best_score < SAME_EVENT_SHARE:
            best = _Event()
            events.append(best)
        best.members.append((doc, sent, w))
    return events


def _reference_weight(pub: date | None, interval: tuple[date, date]) -> float:
    """A reference from a report published after the date counts more, up to
    LATER_REFERENCE_WEIGHT for one LATER_FULL_DAYS or more after it."""
    if pub is None or pub <= interval[1]:
        return 1.0
    gap = (pub - interval[1]).days
    return 1.0 + (LATER_REFERENCE_WEIGHT - 1.0) * min(1.0, gap / LATER_FULL_DAYS)


def date_weights(records: list[DocRecord]) -> dict[str, float]:
    """How newsworthy each date is across `records` (a whole run): the documents that refer to
    it (see ``_reference_weight``), plus PUBLISHED_WEIGHT for each document published on it.
    Anomalous dates are not counted."""
    skip = {(d.doc, d.start) for d in anomalies(records)}
    refs: dict[str, dict[str, float]] = defaultdict(dict)
    out: dict[str, float] = defaultdict(float)
    for r in records:
        pub = _day((r.document.published or "")[:10])
        for d in r.dates:
            iv = _interval(d.date)
            if (d.doc, d.start) in skip or iv is None:
                continue
            w = _reference_weight(pub, iv)
            refs[d.date][r.document.id] = max(refs[d.date].get(r.document.id, 0.0), w)
        if pub is not None:
            out[pub.isoformat()] += PUBLISHED_WEIGHT
    for value, docs in refs.items():
        out[value] += sum(docs.values())
    return dict(out)


def build(records: list[DocRecord], corpus: dict[str, float] | None = None) -> list[TimelineEntry]:
    """The story's timeline entries, in date order (heaviest first within a date).

    `corpus`, when given, is ``date_weights`` of the whole run: a date's weight is then the
    story's own plus CORPUS_WEIGHT times the run's, so that entries of different stories rank
    on one scale (a run over months of coverage splits into many small stories, and a date
    that many of them refer to matters more than any one story shows)."""
    span = story_span(records)
    if span is None:
        return []
    lo, hi = span[0] - timedelta(days=SPAN_MARGIN_DAYS), span[1] + timedelta(days=SPAN_MARGIN_DAYS)
    skip = {(d.doc, d.start) for d in anomalies(records)}
    published: dict[str, int] = defaultdict(int)
    for r in records:
        published[(r.document.published or "")[:10]] += 1
    refs: dict[str, dict[str, float]] = defaultdict(dict)  # date -> doc -> reference weight
    sentences: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in records:
        pub = _day((r.document.published or "")[:10])
        for d in r.dates:
            if (d.doc, d.start) in skip:
                continue
            iv = _interval(d.date)
            if iv is None:
                continue
            w = _reference_weight(pub, iv)
            refs[d.date][r.document.id] = max(refs[d.date].get(r.document.id, 0.0), w)
            sentences[d.date].append((r.document.id, r.sentence(d.sent).strip()))
    out: list[TimelineEntry] = []
    for value, docs in refs.items():
        bounds = _interval(value)
        if bounds is None:
            continue
        first, last = bounds
        inside = lo <= first and last <= hi
        if len(value) < 10 and first <= span[1] and span[0] <= last:
            continue  # "this year": contains the story itself
        if not inside and len(docs) < BACKGROUND_MIN_DOCS:
            continue
        weight = sum(docs.values()) + PUBLISHED_WEIGHT * published.get(value, 0)
        if corpus:
            weight += CORPUS_WEIGHT * corpus.get(value, 0.0)
        if not inside:
            weight *= BACKGROUND_WEIGHT
        events = sorted(_events(sentences[value]), key=lambda e: (-len(e.docs()), -len(e.members)))
        top = len(events[0].docs())
        for ev in events[:MAX_EVENTS_PER_DATE]:
            share = len(ev.docs()) / top
            out.append(
                TimelineEntry(
                    date=value, text=ev.text(), docs=ev.docs(), weight=round(weight * (0.5 + 0.5 * share), 3)
                )
            )
    out.sort(key=lambda t: (t.date, -t.weight))
    return out
