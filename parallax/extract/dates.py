"""Dates mentioned in a document, resolved against its publication date.

Candidate spans come from a small grammar of date expressions ("on Wednesday", "late on
January 5", "5 January 2010", "in 2019", "three years ago", "at the weekend", "New Year's
Day", "last month", ...) plus the bare years spaCy labels DATE.  Each is resolved against
``Document.published`` keeping its precision: a day -> "YYYY-MM-DD", a month -> "YYYY-MM",
a year -> "YYYY".  Conventions (as in timeline-summarisation work):

* which way a date lies is read from the dependency parse, from the tense and mood of the
  verb that governs it (``orientation``): "will meet", "is due to be arraigned", "is
  scheduled for", "the talks resume" look ahead; past and perfect tenses, "since" and "ago"
  look back;
* a weekday is the most recent such day on or before the publication date ("on Thursday"
  in a Thursday report is that Thursday); in a clause that looks ahead the next such day on
  or after it; "last"/"next" make it strictly before/after;
* a day or month with no year takes it from "last/this/next year" after it, else from a
  date written with its year just before it, else the year that puts it nearest the
  publication date, a date in the past preferred (a future one counts three times its
  distance unless the clause looks ahead);
* a bare year that modifies a noun ("the 2015 nuclear deal") dates that thing, not the
  sentence, and is left out (a page's timestamps, "Tuesday 5 May 2009 17.04 BST", are kept:
  left out, Timeline17 bpoil span Date-F1 fell from 0.622 to 0.612, H1N1 held at 0.808);
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
#: verbs whose participle dates what is planned ("scheduled for", "set for", "slated for").
PROSPECTIVE = {"schedule", "set", "slate", "plan", "expect"}
#: verbs of saying: their present tense ("officials say") tells nothing of when.
REPORTING = {"say", "tell", "report", "announce", "claim", "state", "add", "write", "note", "insist"}

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


def _governing_verb(sdoc, start: int, end: int):
    """(the verb or auxiliary-led predicate that the date expression at `start`..`end`
    attaches to, whether it attaches to it directly: through a preposition at most, not
    through a noun) or (None, False)."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None, False
    root = span.root
    tok, direct = root, True
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        if tok.i != root.i and tok.pos_ in ("NOUN", "PROPN", "PRON"):
            direct = False
        tok = tok.head
    if tok.pos_ == "AUX" and tok.dep_ in ("aux", "auxpass") and tok.head.i != tok.i:
        tok = tok.head
    return (tok, direct) if tok.pos_ in ("VERB", "AUX") else (None, False)


def _aux(verb) -> list:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def _finite_time(verb, direct: bool = True) -> int:
    """+1: the verb group is future or present (a present tense of an event verb tells of
    what is planned: "the talks resume on Thursday"; a copula states what holds: "the
    deadline is Thursday"); -1: past or perfect; 0: neither is marked."""
    auxes = _aux(verb)
    group = [verb, *auxes]
    if any(t.lower_ in FUTURE_AUX for t in group):
        return 1
    if any(t.tag_ == "VBD" or t.lemma_ == "have" for t in group):
        return -1
    if direct and any(t.tag_ in ("VBZ", "VBP") for t in group) and verb.lemma_ not in REPORTING:
        return 1
    return 0


def orientation(verb, direct: bool = True) -> int:
    """Which way a date governed by `verb` lies from the publication date, read from tense and
    mood: +1 ahead (future tense: "will meet"; a present tense: "the talks resume"; a
    participle of planning: "(was) scheduled for"; an infinitive under a present or future predicate: "is due to be
    arraigned", "plans to start"), -1 behind (past or perfect tense), 0 unknown (an infinitive
    under a past predicate: "was due to appear", "refused to comment")."""
    if verb is None:
        return 0
    if verb.lemma_ in PROSPECTIVE and verb.tag_ == "VBN":
        return 1  # "scheduled for Thursday", "was set for Friday": the date of what is planned
    for _ in range(4):
        infinitive = any(a.tag_ == "TO" for a in _aux(verb)) or (
            verb.tag_ in ("VB", "VBG") and verb.dep_ in ("xcomp", "advcl") and not _aux(verb)
        )
        if not infinitive:
            return _finite_time(verb, direct)
        gov = verb.head
        if gov.i == verb.i:
            return 0
        if gov.pos_ not in ("VERB", "AUX"):
            gov = gov.head if gov.head.pos_ in ("VERB", "AUX") else gov  # "is due to": due -> is
            if gov.pos_ not in ("VERB", "AUX"):
                return 0
        t = _finite_time(gov)
        if t <= 0 and not any(a.tag_ == "TO" for a in _aux(gov)):
            return 0 if t < 0 else t
        if t > 0:
            return 1
        verb = gov
    return 0


_SINCE = re.compile(r"\b(?:since|ago|last)\s+$", re.I)


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


#: "last year" right after a day or month without one sets its year.
_WHICH_YEAR = re.compile(r",?\s+(?P<w>last|this|next)\s+year\b", re.I)
_UNDATED = ("month_day", "day_month", "month", "holiday")


def _with_year(value: str, year: int) -> str | None:
    try:
        if len(value) == 10:
            return date(year, int(value[5:7]), int(value[8:])).isoformat()
    except ValueError:
        return None
    return f"{year:04d}{value[4:]}"


def extract(
    text: str,
    published: str | None,
    doc_id: str,
    sentences: list[tuple[int, int]],
    sdoc=None,
    entity_years: list[tuple[int, int]] | None = None,
) -> list[DateRecord]:
    """Every resolvable date mention in `text`, resolved against `published`.

    A day or month written without a year takes it from the words after it ("on 1 September
    last year"), else from a day or month written with its year earlier in its sentence or the
    one before ("In March 2003 ... On March 7, ..."; a bare year says too little), else from
    the publication date and the tense of its clause (see ``orientation``)."""
    if not published:
        return []
    try:
        pub = date.fromisoformat(published[:10])
    except ValueError:
        return []
    starts = [s for s, _ in sentences]

    def sent_of(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    found: list[tuple[int, int, str, re.Match[str] | None]] = [
        (s, e, kind, m) for kind, m, s, e in _candidates(text)
    ]
    taken = [(s, e) for s, e, _, _ in found]
    for s, e in entity_years or []:
        if not any(s < te and ts < e for ts, te in taken):
            found.append((s, e, "entity_year", None))
    found.sort(key=lambda f: f[0])
    out: list[DateRecord] = []
    years: list[tuple[int, int]] = []  # (sentence, year) of each year written, in text order
    skip_to = 0
    for s, e, kind, m in found:
        if s < skip_to:
            continue
        if m is None:
            y = _YEAR_RE.search(text, s, e)
            value: str | None = y.group(0) if y else None
        else:
            has_year = bool(m.groupdict().get("y"))
            verb, direct = _governing_verb(sdoc, s, e) if sdoc is not None else (None, False)
            future = (
                sdoc is not None
                and not _SINCE.search(text, max(0, s - 8), s)
                and orientation(verb, direct) > 0
            )
            value = _resolve(kind, m, pub, future)
            if value is not None and kind in _UNDATED and not has_year:
                which = _WHICH_YEAR.match(text, e)
                if which:
                    shift = {"last": -1, "this": 0, "next": 1}[which.group("w").lower()]
                    value = _with_year(value, pub.year + shift)
                    e = skip_to = which.end()
                elif not future:
                    sent = sent_of(s)
                    near = [y for k, y in years if sent - 1 <= k <= sent]
                    if near and near[-1] != int(value[:4]) and near[-1] < pub.year:
                        value = _with_year(value, near[-1])
        if value is None:
            continue
        if m is not None and m.groupdict().get("y") and len(value) >= 7:
            years.append((sent_of(s), int(value[:4])))
        pre = PREFIX.search(text, max(0, s - 20), s) if m is not None else None
        if pre:
            s = pre.start()
        out.append(DateRecord(doc=doc_id, text=text[s:e], start=s, end=e, sent=sent_of(s), date=value))
    return out


_YEAR_RE = re.compile(_YEAR)
_ENTITY_YEAR = re.compile(r"^(?:the\s+)?(?:year\s+)?" + _YEAR + r"$", re.I)


def _names_a_thing(ent) -> bool:
    """A bare year that counts ("2000 people") or modifies a noun after it ("the 2015 nuclear
    deal"): it dates that thing, not what the sentence reports."""
    if ent.end < len(ent.doc) and ent.doc[ent.end].pos_ == "NOUN":
        return True
    root = ent.root
    return root.dep_ in ("nummod", "compound", "amod", "nmod", "poss") and root.head.i >= ent.end


@component("dates")
def dates(sdoc, rec: DocRecord) -> None:
    """Fill ``rec.dates``: every resolvable date mention, resolved to the calendar."""
    years = [
        (e.start_char, e.end_char)
        for e in sdoc.ents
        if e.label_ == "DATE" and _ENTITY_YEAR.match(e.text) and not _names_a_thing(e)
    ]
    rec.dates = extract(
        rec.document.text,
        rec.document.published,
        rec.document.id,
        rec.sentences,
        sdoc=sdoc,
        entity_years=years,
    )
