"""Step 2: what is not a count: numbers that are dates, times, ages, codes or names, and
sentences about other events (an earlier year, a separate incident, a tally over a city)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..numbers import CURRENCY_SIGNS, VAGUE
from .lexicon import (
    APART,
    CLASS_OF,
    CODE_BEFORE,
    DIRECTIONS,
    DROP_ENTS,
    EVENT_NOUNS,
    FIGURATIVE,
    LABEL_NOUNS,
    LINK_OPENINGS,
    ONLY,
    PHYSICAL,
    SERIES,
)

_AFTER = re.compile(
    r"^(-\s*)?(years?|yr|months?|weeks?|days?|times|rounds|shots|bullets|yards?|yds|feet|ft|"
    r"miles?|meters?|metres?|inch(?:es)?|mph|caliber|calibre|mm)\b|^(/|yo\b|y/o|"
    r"%|percent|per cent|cents?|dollars?|"
    r"-\s*(year|month|week|day)|-\s*\d|st\b|nd\b|rd\b|th\b|am\b|pm\b|a\.m|p\.m|o'clock|:)"
)


def not_a_count(doc: Doc, s: int, e: int) -> bool:
    """Numbers that are not counts of people: dates, money, ages, measures, rankings, ids."""
    span = doc[s:e]
    last = doc[e - 1]
    if any(t.ent_type_ in DROP_ENTS for t in span):
        return True
    if last.ent_type_ == "DATE" and not (last.lower_ in VAGUE or CLASS_OF.get(last.head.lemma_.lower())):
        return True
    nxt = " ".join(t.lower_ for t in doc[e : e + 4])
    if _AFTER.match(nxt):
        return True
    before = doc[s - 1] if s > 0 else None
    if before is not None and before.text in CODE_BEFORE:
        return True
    k = s - 1
    while k >= 0 and (doc[k].like_num or doc[k].lower_ in (",", "and", "to", "-")):
        k -= 1  # "ages 25, 26, and 33"
    if k >= 0 and doc[k].lower_ in ("age", "ages", "aged"):
        return True
    if re.match(r"^\d{4}$", last.text) and 1800 <= int(last.text) <= 2100:
        return True
    if re.match(r"^\d{3}-\d{4}$|^\d{5,}$|^911$", span.text):
        return True  # phone numbers, the emergency number
    # "Nazarbayev, 81," / "Garcia, 19, of Las Vegas": an age set off after a name
    if last.dep_ in ("appos", "npadvmod", "amod") and last.head.pos_ == "PROPN":
        return True
    nxt_tok = doc[e] if e < len(doc) else None
    of_place = (
        nxt_tok is not None and nxt_tok.lower_ == "of" and e + 1 < len(doc) and doc[e + 1].pos_ == "PROPN"
    )
    # the word that sets the number off, past an "also" ("another woman, also 22, was shot")
    aside = doc[s - 2] if before is not None and before.lower_ == "also" and s >= 2 else before
    if (
        aside is not None
        and (aside.text == "," or aside.lower_ == "both")
        and (nxt_tok is None or nxt_tok.text in (",", ")", ".", ";") or of_place)
    ):
        return True  # "The man, 28, later died", "Garcia, 19, of Elko"
    if (
        before is not None
        and before.text == ","
        and s >= 2
        and doc[s - 2].ent_type_ == "PERSON"
        and last.dep_ != "nummod"
    ):
        return True  # "Calvin Williams, 24 was shot"
    # station and channel names: "KOIN 6", "News 4"
    return (
        before is not None
        and before.pos_ == "PROPN"
        and s - 1 > 0
        and (nxt_tok is None or nxt_tok.pos_ in ("PUNCT", "PROPN"))
    )


_PAST = re.compile(
    r"\b(?:last|previous|past) (?:year|decade|summer|spring|fall|autumn|winter|january|"
    r"february|march|april|may|june|july|august|september|october|november|december)\b|"
    r"\byears? ago\b|\bdecades?\b",
    re.I,
)


def historical(dates: list[str], published: str | None) -> bool:
    """A sentence about an earlier event: one of its dates names a year before publication
    ("On Nov. 5, 2009, ...", "August 1982:") or says "last year", "years ago"."""
    year = int(published[:4]) if published and published[:4].isdigit() else None
    for text in dates:
        if _PAST.search(text):
            return True
        for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", text):
            if year and int(y) < year:
                return True
    return False


#: Totals over a city or a period rather than one event.
_TALLY = re.compile(
    r"\b(?:across|around|throughout) the city\b|\bcitywide\b|\bthis year\b|\bso far (?:this|in)\b|"
    r"\bover the (?:holiday )?weekend\b|\bover (?:a|an|the) (?:\S+ )?(?:span|stretch|period)\b",
    re.I,
)


def elsewhere(sent: Span) -> bool:
    """A sentence about other events: "in a separate shooting", "killed in a previous
    incident", or a tally over a city or a period ("shot across the city this year")."""
    return bool(_TALLY.search(sent.text)) or other_event(sent)


def other_event(sent: Span) -> bool:
    """A sentence about another event: "in a separate shooting", "two shootings", "a series of
    shootings"."""
    for t in sent:
        if t.lemma_.lower() not in EVENT_NOUNS:
            continue
        if any(c.lower_ in APART and c.dep_ in ("amod", "det") for c in t.children):
            return True  # "in a separate shooting"
        if t.tag_ == "NNS" and (
            any(c.dep_ in ("nummod", "amod") and (c.like_num or c.lower_ in SERIES) for c in t.children)
            or (t.head.lower_ == "of" and t.head.head.lemma_.lower() in SERIES)
        ):
            return True  # "two shootings", "a series of shootings"
    return False


#: Units of distance (a distance with a direction is a place, not a figure).
DISTANCES = frozenset(
    "mile miles km kilometer kilometers kilometre kilometres block blocks feet yards meters".split()
)
_MONTHS = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?$|^(?:january|february|march|april|june|"
    r"july|august|september|october|november|december)$",
    re.I,
)
_CLOCK = re.compile(
    r"^(?:st|nd|rd|th|a\.m\.?|p\.m\.?|am|pm|o'clock|:|h|hrs?|gmt|utc|et|est|edt|pt|bst)$", re.I
)
_NUMERIC_ENTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", ""})


def not_a_quantity(doc: Doc, s: int, e: int, num_text: str) -> str | None:
    """Why the number written at tokens s..e is no quantity (a year, a date, a time of day, an
    ordinal, an age, a code, a name, an address, a figure of speech), or None."""
    span = doc[s:e]
    last = doc[e - 1]
    before = doc[s - 1] if s > 0 else None
    after = doc[e] if e < len(doc) else None
    if any(t.ent_type_ in ("ORDINAL", "TIME") for t in span):
        return "time"
    if any(re.fullmatch(r"\d{4}", t.text) and 1800 <= int(t.text) <= 2100 for t in span) and not any(
        t.text in CURRENCY_SIGNS for t in span
    ):
        return "year"  # "in 2012", "in 2011 and 2012"
    if (before is not None and _MONTHS.match(before.text)) or (
        after is not None and _MONTHS.match(after.text)
    ):
        return "date"
    if after is not None and (_CLOCK.match(after.text) or after.text.startswith(":")):
        return "time"
    if before is not None and (before.text in ("#", "No.", "No") or before.lemma_.lower() in LABEL_NOUNS):
        return "name"
    if s >= 2 and doc[s - 2].text in ("No", "no") and before is not None and before.text == ".":
        return "name"  # "the Senate's No. 2 Democrat"
    if _quoted_term(doc, s, e):
        return "name"  # the "47 percent" remark: a phrase quoted, not a figure
    if before is not None and before.pos_ == "PROPN" and last.head.i == before.i:
        return "name"  # "Project 21", "Apollo 11"
    if (
        last.head.i < s
        and last.head.pos_ in ("NOUN", "PROPN")
        and last.dep_ in ("nummod", "appos", "npadvmod")
    ) and (last.head.i == s - 1 or (before is not None and before.text == "-")):
        return "name"  # "equality 101", "room 12": a number after its noun is a label
    if any(t.ent_type_ not in _NUMERIC_ENTS and t.is_title and not t.like_num for t in span):
        return "name"  # "the Final Four", "Air Force One"
    if span[0].is_title and s > span.sent.start and span[0].ent_type_ not in _NUMERIC_ENTS:
        return "name"
    if (
        span[0].is_alpha
        and span[0].is_title
        and s > span.sent.start
        and ((before is not None and before.is_title) or (after is not None and after.is_title))
    ):
        return "name"  # "the NCAA Final Four", "Air Force One": a number word in a name
    if _aside(doc, s, e):
        return "age"
    k = s - 1
    while k >= 0 and (doc[k].like_num or doc[k].lower_ in (",", "and", "to", "-")):
        k -= 1
    if k >= 0 and doc[k].lower_ in ("age", "ages", "aged"):
        return "age"
    if re.match(r"^\d{3}-\d{4}$|^\d{5,}$|^911$", span.text):
        return "code"  # a phone number, an id, the emergency number
    if re.fullmatch(r"(1[89]|20)\d\d\s*[-\u2013]\s*(1[89]|20)?\d\d", span.text):
        return "year"  # "the 1975-1990 civil war"
    nxt = [t.lower_ for t in doc[e : e + 6]]
    if nxt and nxt[0].rstrip(".") in PHYSICAL:
        return "measure"  # "150 mph", "a 9 mm handgun"
    if nxt and nxt[0] in DISTANCES and any(w in DIRECTIONS for w in nxt[1:6]):
        return "address"  # "285 miles (460 kilometers) east of", "less than 8 miles south of"
    if before is not None and before.text == "(" and s >= 2 and doc[s - 2].lower_ in DISTANCES:
        return "measure"  # "(460 kilometers)": the same distance in other units
    window = doc[max(s - 3, 0) : min(e + 3, len(doc))].text.lower()
    if any(p in window for p in FIGURATIVE):
        return "figurative"
    if num_text.lower() == "one":
        near = {t.lower_ for t in doc[max(s - 3, span.sent.start) : s]}
        if not near & ONLY or any(c.lower_ == "of" for c in last.children):
            return "figurative"  # "one of the biggest", "one generation removed": not a count
    return None


def _aside(doc: Doc, s: int, e: int) -> bool:
    """ "Christie, 52,", "Lewis, now 77", "Noah Nathan, 47": an age set off after a name."""
    k = s - 1
    if k >= 0 and doc[k].lower_ in ("now", "also"):
        k -= 1
    if k < 1 or doc[k].text != ",":
        return False
    return doc[k - 1].ent_type_ == "PERSON" or (doc[k - 1].pos_ == "PROPN" and doc[e - 1].dep_ != "nummod")


def question(text: str) -> bool:
    """True for a question: a figure asked about ("How do you miss 4,000 deaths?") is not
    asserted."""
    return text.rstrip(" \"'\u201d\u2019)").endswith("?")


class Lines:
    """The lines of a text that are no running prose: link lists ("Read also: ..."), and lines
    without a closing stop after the first (headlines of other stories, captions)."""

    def __init__(self, links: list[tuple[int, int]], bare: list[tuple[int, int]]) -> None:
        self.links = links
        self.bare = bare

    @staticmethod
    def _in(spans: list[tuple[int, int]], at: int) -> bool:
        return any(a <= at < b for a, b in spans)

    def holds(self, at: int) -> bool:
        """True when character `at` lies in a link line."""
        return self._in(self.links, at)

    def caption(self, at: int) -> bool:
        """True when character `at` lies in a link line or a bare line (no closing stop)."""
        return self._in(self.links, at) or self._in(self.bare, at)


_STOP = (".", "!", "?", '"', "\u201d", "\u2019", "'", ")", ":", ";")


def link_lines(text: str) -> Lines:
    """The link lines and bare lines of a text (see ``Lines``)."""
    links: list[tuple[int, int]] = []
    bare: list[tuple[int, int]] = []
    pos = 0
    first = True
    after_link = False
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        line = raw.strip()
        if not line:
            continue
        low = line.lower()
        stopped = line.endswith(_STOP)
        if low.startswith(LINK_OPENINGS) or (after_link and not stopped):
            links.append((start, end))
            after_link = True
        else:
            after_link = False
            if not stopped and not first:
                bare.append((start, end))
        first = False
    return Lines(links, bare)


_OPENING_MARKS = frozenset({'"', "\u201c", "'", "\u2018"})
_CLOSING_MARKS = frozenset({'"', "\u201d", "'", "\u2019"})


def _quoted_term(doc: Doc, s: int, e: int) -> bool:
    """True for a number that is the whole of a quotation ('the "47 percent"', '"zero" chance'):
    words quoted as a term, not a figure stated."""
    return s > 0 and e < len(doc) and doc[s - 1].text in _OPENING_MARKS and doc[e].text in _CLOSING_MARKS
