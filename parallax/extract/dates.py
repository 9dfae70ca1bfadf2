"""Dates mentioned in a document, resolved against its publication date.

Candidate spans come from a small grammar of date expressions ("on Wednesday", "late on
January 5", "5 January 2010", "in 2019", "three years ago", "at the weekend", "New Year's
Day", "last month", ...) plus the bare years spaCy labels DATE.  Each is resolved against
``Document.published`` keeping its precision: a day -> "YYYY-MM-DD", a month -> "YYYY-MM",
a year -> "YYYY".  Conventions (as in timeline-summarisation work):

* a weekday is the most recent such day on or before the publication date ("on Thursday"
  in a Thursday report is that Thursday); in a future-tense clause ("will meet on Monday")
  the next such day on or after it; "last"/"next" make it strictly before/after;
* a day or month with no year takes the year that puts it nearest the publication date,
  a date in the past preferred (a future one counts three times its distance unless the
  clause is in the future tense);
* "the weekend" is its Saturday; vague spans ("this week", "recently", "the 1990s") are
  left out.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta

from ..records import DateRecord, DocRecord
from . import component

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}
#: (month, day) of fixed-date holidays.
HOLIDAYS = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
}
#: words before a weekday that make it a name ("Good Friday", "Black Monday"), not a date.
WEEKDAY_NAMES = {"good", "black", "bloody", "super", "ash", "palm", "holy", "cyber", "easter", "mail"}
#: words after a weekday that make it a title ("Sunday Times").
WEEKDAY_TITLES = {
    "times",
    "telegraph",
    "express",
    "mirror",
    "herald",
    "post",
    "mail",
    "star",
    "tribune",
    "independent",
    "observer",
    "sport",
    "age",
    "record",
    "sun",
    "people",
    "school",
}
#: future-tense auxiliaries.
FUTURE_AUX = {"will", "'ll", "shall", "wo"}

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_NUM = r"(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"

#: (kind, pattern), tried in this order; an earlier match wins an overlap.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>" + _YEAR + r")-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    (
        "month_day",
        re.compile(
            r"\b(?:"
            + _WEEKDAY
            + r",?\s+)?(?P<mon>"
            + _MONTH
            + r")\s+(?P<d>\d{1,2})"
            + _ORD
            + r"\b(?!\s*(?:%|,\d|\.\d))(?:,?\s+(?P<y>"
            + _YEAR
            + r")\b)?"
        ),
    ),
    (
        "day_month",
        re.compile(
            r"\b(?:"
            + _WEEKDAY
            + r",?\s+)?(?:the\s+)?(?P<d>\d{1,2})"
            + _ORD
            + r"\s+(?:of\s+)?(?P<mon>"
            + _MONTH
            + r")(?![a-z])(?:,?\s+(?P<y>"
            + _YEAR
            + r")\b)?"
        ),
    ),
    (
        "month_year",
        re.compile(
            r"\b(?:(?:early|late|mid-?)\s*)?(?P<mon>"
            + _MONTH_FULL
            + r"),?\s+(?:of\s+)?(?P<y>"
            + _YEAR
            + r")\b"
        ),
    ),
    ("holiday", re.compile(r"\b(?P<h>New Year['’]s (?:Day|Eve)|Christmas (?:Day|Eve)|Boxing Day)\b", re.I)),
    ("weekend", re.compile(r"\b(?P<mod>the|this|last|past|next|coming)\s+weekend\b", re.I)),
    (
        "weekday",
        re.compile(r"\b(?:(?P<mod>last|this|next|past|coming)\s+)?(?P<wd>" + _WEEKDAY + r")(?![a-z'])"),
    ),
    (
        "relday",
        re.compile(
            r"\b(?P<w>yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening))\b", re.I
        ),
    ),
    ("ago", re.compile(r"\b(?P<n>" + _NUM + r")\s+(?P<u>day|month|year)s?\s+ago\b", re.I)),
    ("relperiod", re.compile(r"\b(?P<mod>last|this|next|past)\s+(?P<u>month|year)\b(?!\s*'s)", re.I)),
    (
        "month",
        re.compile(
            r"\b(?P<prep>in|since|during|by|until|till|through|from|last|next|this|early|late|mid-|"
            r"before|after|throughout)\s+(?:(?:early|late|mid-)\s*)?(?P<mon>"
            + _MONTH_FULL
            + r")\b(?!\s*\d)(?!'s)"
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?P<prep>in|since|during|by|until|till|through|from|of|before|after|throughout|"
            r"early|late|mid-|summer|spring|autumn|fall|winter)\s+(?:(?:early|late|mid-)\s*)?(?P<y>"
            + _YEAR
            + r")\b(?![-/,.]\d)(?!\s*(?:%|per\b|people|dollars|euros|pounds))"
        ),
    ),
]
#: words just before a span that belong to the date as written ("late on", "since").
PREFIX = re.compile(
    r"(?:\b(?:early|late|earlier|later)\s+)?\b(?:on|in|since|until|till|by|from|at|during|"
    r"before|after|over|early|late)\s+$",
    re.I,
)


def _month(name: str) -> int:
    return MONTHS[name[:3].lower()]


def _nearest_year(pub: date, month: int, day: int, future: bool) -> date | None:
    """The date with this month and day nearest `pub`, the past (or, in a future clause,
    the future) preferred."""
    best: tuple[float, date] | None = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        gap = (d - pub).days
        cost = abs(gap) * (3 if (gap > 0) != future and gap != 0 else 1)
        if best is None or cost < best[0]:
            best = (cost, d)
    return best[1] if best else None


def _nearest_month(pub: date, month: int, future: bool, strict: int = 0) -> str:
    """'YYYY-MM' of the month nearest `pub` (strict=-1: before its month, +1: after)."""
    best: tuple[int, int] | None = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        gap = (y - pub.year) * 12 + month - pub.month
        if (strict < 0 and gap >= 0) or (strict > 0 and gap <= 0):
            continue
        cost = abs(gap) * (3 if (gap > 0) != future and gap != 0 else 1)
        if best is None or cost < best[0]:
            best = (cost, y)
    return f"{best[1]:04d}-{month:02d}" if best else f"{pub.year:04d}-{month:02d}"


def _shift_month(pub: date, k: int) -> str:
    n = pub.year * 12 + pub.month - 1 + k
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def _weekday(pub: date, wd: int, mod: str, future: bool) -> date:
    back = (pub.weekday() - wd) % 7  # days back to the most recent such day (0 = today)
    ahead = (wd - pub.weekday()) % 7
    if mod in ("last", "past"):
        return pub - timedelta(days=back or 7)
    if mod in ("next", "coming"):
        return pub + timedelta(days=ahead or 7)
    if future:
        return pub + timedelta(days=ahead)
    return pub - timedelta(days=back)


def _resolve(kind: str, m: re.Match[str], pub: date, future: bool) -> str | None:
    """The calendar value of one matched expression, or None."""
    g = m.groupdict()
    if kind == "iso":
        try:
            return date(int(g["y"]), int(g["m"]), int(g["d"])).isoformat()
        except ValueError:
            return None
    if kind in ("month_day", "day_month"):
        month, day = _month(g["mon"]), int(g["d"])
        if g.get("y"):
            try:
                return date(int(g["y"]), month, day).isoformat()
            except ValueError:
                return None
        d = _nearest_year(pub, month, day, future)
        return d.isoformat() if d else None
    if kind == "month_year":
        return f"{int(g['y']):04d}-{_month(g['mon']):02d}"
    if kind == "holiday":
        month, day = HOLIDAYS[g["h"].lower().replace("’", "'")]
        d = _nearest_year(pub, month, day, future)
        return d.isoformat() if d else None
    if kind == "weekend":
        mod = g["mod"].lower()
        return _weekday(pub, 5, mod if mod != "this" else "", future or mod in ("next", "coming")).isoformat()
    if kind == "weekday":
        return _weekday(pub, WEEKDAYS[g["wd"].lower()], (g.get("mod") or "").lower(), future).isoformat()
    if kind == "relday":
        w = g["w"].lower()
        shift = -1 if w in ("yesterday", "last night") else 1 if w == "tomorrow" else 0
        return (pub + timedelta(days=shift)).isoformat()
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else NUMBER_WORDS[g["n"].lower()]
        unit = g["u"].lower()
        if unit == "day":
            return (pub - timedelta(days=n)).isoformat()
        if unit == "month":
            return _shift_month(pub, -n)
        return f"{pub.year - n:04d}"
    if kind == "relperiod":
        mod, unit = g["mod"].lower(), g["u"].lower()
        k = {"last": -1, "past": -1, "this": 0, "next": 1}[mod]
        return _shift_month(pub, k) if unit == "month" else f"{pub.year + k:04d}"
    if kind == "month":
        prep = g["prep"].lower()
        strict = -1 if prep == "last" else 1 if prep == "next" else 0
        if prep == "this":
            return _nearest_month(pub, _month(g["mon"]), future)
        return _nearest_month(pub, _month(g["mon"]), future, strict)
    if kind == "year":
        return f"{int(g['y']):04d}"
    return None


def _future(sdoc, start: int) -> bool:
    """True when the clause holding the character offset `start` is in the future tense."""
    span = sdoc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    if tok.lower_ in FUTURE_AUX:
        return True
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in tok.children)


def _candidates(text: str) -> list[tuple[str, re.Match[str], int, int]]:
    """(kind, match, start, end) of the date expressions in `text`, earlier patterns winning
    overlaps, in text order.  For a bare month or year the leading preposition is context,
    not part of the span."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, re.Match[str], int, int]] = []
    for kind, pat in PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if kind in ("month", "year"):
                core = m.start("mon" if kind == "month" else "y")
                if text[s:core].strip().lower() not in ("early", "late", "mid-", "mid"):
                    s = core
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "weekday":
                before, after = text[max(0, s - 12) : s].split(), text[e : e + 15].split()
                if (before and before[-1].lower() in WEEKDAY_NAMES) or (
                    after and text[e : e + 1] == " " and after[0].lower().strip(".,;:") in WEEKDAY_TITLES
                ):
                    continue
            taken.append((s, e))
            found.append((kind, m, s, e))
    found.sort(key=lambda k: k[2])
    return found


def extract(
    text: str,
    published: str | None,
    doc_id: str,
    sentences: list[tuple[int, int]],
    sdoc=None,
    entity_years: list[tuple[int, int]] | None = None,
) -> list[DateRecord]:
    """Every resolvable date mention in `text`, resolved against `published`."""
    if not published:
        return []
    try:
        pub = date.fromisoformat(published[:10])
    except ValueError:
        return []
    starts = [s for s, _ in sentences]
    out: list[DateRecord] = []
    spans: list[tuple[int, int]] = []
    for kind, m, s, e in _candidates(text):
        future = _future(sdoc, s) if sdoc is not None else False
        value = _resolve(kind, m, pub, future)
        if value is None:
            continue
        pre = PREFIX.search(text, max(0, s - 20), s)
        if pre:
            s = pre.start()
        spans.append((s, e))
        sent = max(0, bisect.bisect_right(starts, s) - 1)
        out.append(DateRecord(doc=doc_id, text=text[s:e], start=s, end=e, sent=sent, date=value))
    for s, e in entity_years or []:
        if any(s < te and ts < e for ts, te in spans):
            continue
        sent = max(0, bisect.bisect_right(starts, s) - 1)
        out.append(
            DateRecord(
                doc=doc_id,
                text=text[s:e],
                start=s,
                end=e,
                sent=sent,
                date=re.search(_YEAR, text[s:e]).group(0),
            )
        )
    out.sort(key=lambda d: d.start)
    return out


_ENTITY_YEAR = re.compile(r"^(?:the\s+)?(?:year\s+)?" + _YEAR + r"$", re.I)


@component("dates")
def dates(sdoc, rec: DocRecord) -> None:
    """Fill ``rec.dates``: every resolvable date mention, resolved to the calendar."""
    years = [
        (e.start_char, e.end_char)
        for e in sdoc.ents
        if e.label_ == "DATE"
        and _ENTITY_YEAR.match(e.text)
        and not (e.end < len(sdoc) and sdoc[e.end].pos_ == "NOUN")
    ]  # "2000 people" is a count
    rec.dates = extract(
        rec.document.text,
        rec.document.published,
        rec.document.id,
        rec.sentences,
        sdoc=sdoc,
        entity_years=years,
    )
