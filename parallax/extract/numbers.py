"""Numbers as news reports write them: digits ("2,298", "1.5 million"), words ("Sixty-two",
"twenty-six", "a dozen"), ranges ("200-300", "between 10 and 15"), vague quantities
("dozens", "scores", "hundreds", "tens of thousands") and the qualifiers in front of them
("at least", "more than", "about", "up to").

Pure string functions, no spaCy: the claims component finds the words in the parse and
asks this module what they are worth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0,
    "no": 0,
    "none": 0,
    "one": 1,
    "a": 1,
    "an": 1,
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "both": 2,
    "pair": 2,
    "couple": 2,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

#: Words with no number: their floor (what "dozens" is at least).
VAGUE = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "millions": 2_000_000,
    "tens of thousands": 20_000,
    "hundreds of thousands": 200_000,
    "several": 3,
    "multiple": 2,
    "numerous": 3,
}

#: Qualifier phrase -> what it does to the number: "min" (a floor: "at least 18" is 18..open),
#: "max" (a ceiling: "up to 300" is open..300), "approx" (about), "exact".
QUALIFIERS = {
    "at least": "min",
    "more than": "min",
    "over": "min",
    "upwards of": "min",
    "in excess of": "min",
    "no fewer than": "min",
    "no less than": "min",
    "at minimum": "min",
    "as many as": "max",
    "up to": "max",
    "fewer than": "max",
    "less than": "max",
    "under": "max",
    "at most": "max",
    "no more than": "max",
    "about": "approx",
    "around": "approx",
    "some": "approx",
    "nearly": "approx",
    "almost": "approx",
    "approximately": "approx",
    "roughly": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "close to": "approx",
    "just over": "approx",
    "just under": "approx",
    "an approximate": "approx",
    "exactly": "exact",
    "precisely": "exact",
}

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_RANGE = re.compile(r"^\s*(.+?)\s*(?:-|\u2013|\u2014|to|and|or)\s*(.+?)\s*$")


@dataclass
class Quantity:
    """A parsed count: the range it states and how."""

    low: float | None
    high: float | None
    approximate: bool = False
    vague: bool = False
    qualifier: str | None = None
    text: str = ""


def _clean(text: str) -> str:
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text.strip().lower())


def word_value(word: str) -> float | None:
    """The value of one number word or digit string ("sixty", "2,298", "dozen"), else None."""
    w = _clean(word)
    if _DIGITS.match(w):
        return float(w.replace(",", ""))
    for table in (UNITS, TENS, SCALES):
        if w in table:
            return float(table[w])
    return None


def is_number_word(word: str) -> bool:
    """True for a token that can be part of a written number (not "a"/"no", which need context)."""
    w = _clean(word)
    return (w not in ("a", "an", "no", "both", "pair", "couple") and word_value(w) is not None) or bool(
        re.match(r"^\d[\d,.]*$", w)
    )


def parse_number(text: str) -> float | None:
    """The value of a written number: "2,298", "Sixty-two", "twenty six", "a dozen",
    "three hundred", "1.5 million", "2.3m"; None when it is not one number."""
    t = _clean(text).replace("-", " ")
    t = re.sub(r"\band\b", " ", t)
    m = re.match(r"^(\d+(?:\.\d+)?)\s*(m|k|bn)$", t)
    if m:
        return float(m.group(1)) * {"m": 1e6, "k": 1e3, "bn": 1e9}[m.group(2)]
    words = t.split()
    if not words:
        return None
    total = 0.0
    current = 0.0
    for k, w in enumerate(words):
        v = word_value(w)
        if v is None:
            return None
        if (k and w[0].isdigit()) or (w[0].isdigit() and k + 1 < len(words) and words[k + 1] not in SCALES):
            return None  # "75 40" is two numbers, "1.5 million" one
        if w in SCALES:
            current = (current or 1.0) * v
            if v >= 1000:
                total += current
                current = 0.0
        else:
            if current and v >= current:  # "two three" is not a number
                return None
            current += v
    return total + current


def parse_quantity(text: str, qualifier: str | None = None) -> Quantity | None:
    """A count as written, with its qualifier: "about 2,000", "200-300", "between 10 and 15",
    "dozens", "more than 1,000"; None when not a count.  `qualifier`: the phrase found before
    the number, "" for none, None to look for one at the start of `text`."""
    raw = text.strip()
    t = _clean(raw)
    if qualifier is None:
        for phrase in sorted(QUALIFIERS, key=len, reverse=True):
            if t.startswith(phrase + " ") and parse_quantity(t[len(phrase) + 1 :], qualifier="") is not None:
                qualifier, t = phrase, t[len(phrase) + 1 :]
                break
    t = re.sub(r"^between\s+", "", t)
    q = Quantity(None, None, text=raw, qualifier=qualifier or None)
    if t in VAGUE:
        q.low, q.vague = float(VAGUE[t]), True
    elif t.endswith(" of") and t[:-3] in VAGUE:
        q.low, q.vague = float(VAGUE[t[:-3]]), True
    else:
        v = parse_number(t)
        if v is not None:
            q.low = q.high = v
        else:
            m = _RANGE.match(t)
            if not m:
                return None
            a, b = parse_number(m.group(1)), parse_number(m.group(2))
            if a is None or b is None or b <= a:
                return None
            q.low, q.high = a, b
    kind = QUALIFIERS.get(qualifier or "")
    if kind == "min":
        q.high = None
    elif kind == "max" and not q.vague:
        q.low = None
    elif kind == "approx":
        q.approximate = True
    if q.vague:
        q.high = None
    return q
