"""Step 2: what is not a count: numbers that are dates, times, ages, codes or names, and
sentences about other events (an earlier year, a separate incident, a tally over a city)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..numbers import VAGUE
from .lexicon import APART, CLASS_OF, CODE_BEFORE, DROP_ENTS, EVENT_NOUNS, SERIES

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
    r"\b(?:across|around|throughout) the city\b|\bcitywide\b|\bthis year\b|"
    r"\bover the (?:holiday )?weekend\b|\bover (?:a|an|the) (?:\S+ )?(?:span|stretch|period)\b",
    re.I,
)


def elsewhere(sent: Span) -> bool:
    """A sentence about other events: "in a separate shooting", "killed in a previous
    incident", or a tally over a city or a period ("shot across the city this year")."""
    if _TALLY.search(sent.text):
        return True
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
