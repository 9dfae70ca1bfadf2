"""Numbers as news reports write them: digits ("2,298", "1.5 million", "5bn"), words
("Sixty-two", "twenty-six", "a dozen", "a half-dozen"), ranges ("200-300", "between 10 and 15",
"$3-5 billion"), vague quantities ("dozens", "scores", "hundreds", "tens of thousands"), the
qualifiers in front of them ("at least", "more than", "about", "up to") or after them ("60-plus"),
amounts with their unit (money: "$139 million", "40 bn tenge", "3.8 billion dollars"; shares:
"56%", "21 percent", "two-thirds") and tallies of two sides ("97-1", "228 to 191").

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
SCALES = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
#: Scales written as a suffix or an abbreviation ("5bn", "$5.4M", "40 bn").
SCALE_ABBREVIATIONS = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}
#: Currency signs written before an amount -> ISO 4217 code.
CURRENCY_SIGNS = {
    "us$": "USD",
    "$": "USD",
    "c$": "CAD",
    "a$": "AUD",
    "\u20ac": "EUR",
    "\u00a3": "GBP",
    "\u00a5": "JPY",
    "\u20b9": "INR",
    "\u20bd": "RUB",
    "\u20b8": "KZT",
}
#: Currency names written after an amount -> ISO 4217 code (longest first when matching).
CURRENCY_NAMES = {
    "u.s. dollars": "USD",
    "us dollars": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "tenge": "KZT",
    "rubles": "RUB",
    "roubles": "RUB",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "rupees": "INR",
    "shekels": "ILS",
    "lira": "TRY",
    "hryvnia": "UAH",
}
#: Words after a number that make it a share ("21 percent", "56%").
PERCENT_WORDS = ("percentage points", "percentage point", "per cent", "percent", "pct", "%")
#: Fractions written as words ("two-thirds", "one-half", "a quarter").
FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
}

#: Words with no number: their floor (what "dozens" is at least).
VAGUE = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "millions": 2_000_000,
    "tens of thousands": 20_000,
    "hundreds of thousands": 200_000,
    "several hundred": 200,
    "several thousand": 2_000,
    "several million": 2_000_000,
    "a few hundred": 200,
    "a few thousand": 2_000,
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

#: Verbs that qualify the number they take as object: "exceeds 6,000" (a floor), "neared 80".
VERB_QUALIFIERS = {
    "exceed": "more than",
    "surpass": "more than",
    "top": "more than",
    "pass": "more than",
    "cross": "more than",
    "near": "nearly",
    "approach": "nearly",
}

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_ABBREVIATED = re.compile(r"^(\d[\d,]*(?:\.\d+)?)\s*(" + "|".join(SCALE_ABBREVIATIONS) + r")$")
#: "5.000", "1.250.000": dots as thousands separators (a decimal would not end in ".000")
_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$|^\d{1,3}\.000$")
_HALF = re.compile(r"^(?:a |one )?half (?:a |an )?(" + "|".join(SCALES) + r")$")
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
    #: what one unit is when the number says it: a currency code ("USD"), "percent",
    #: "percentage points", "fraction"; "" for a plain count
    unit: str = ""


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
    t = _HALF.sub(r"0.5 \1", t)  # "a half-dozen", "half a million"
    m = _ABBREVIATED.match(t)
    if m:
        return float(m.group(1).replace(",", "")) * SCALE_ABBREVIATIONS[m.group(2)]
    if _DOTTED_THOUSANDS.match(t):
        return float(t.replace(".", ""))  # "5.000 injured": a thousands separator, as in Europe
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
            a, b = _range_ends(m.group(1), m.group(2))
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


def _scale(text: str) -> float:
    """The scale a written number ends with ("5 billion": 1e9, "5bn": 1e9), else 1."""
    t = _clean(text)
    m = _ABBREVIATED.match(t)
    if m:
        return SCALE_ABBREVIATIONS[m.group(2)]
    last = t.split()[-1] if t.split() else ""
    return float(SCALES[last]) if last in SCALES and SCALES[last] >= 1000 else 1.0


def _range_ends(a_text: str, b_text: str) -> tuple[float | None, float | None]:
    """The two ends of a range, the scale written once applying to both ("3-5 billion",
    "$10 to $15 billion"; not "$10 million to $15 billion")."""
    a, b = parse_number(a_text), parse_number(b_text)
    if (
        a is not None
        and b is not None
        and _scale(a_text) == 1.0
        and (k := _scale(b_text)) > 1.0
        and a * k <= b
    ):
        a *= k
    return a, b


_SIGN = re.compile(
    r"(?<![\w$])(" + "|".join(re.escape(s) for s in sorted(CURRENCY_SIGNS, key=len, reverse=True)) + r")\s*"
)
_FRACTION = re.compile(r"^(?:(one|two|three|four|a|an)[ -](" + "|".join(FRACTIONS) + r")|(half))$")
_PAIR = re.compile(r"^(\d{1,4})\s*(?:-to-|-|to)\s*(\d{1,4})$")


_CURRENCY_NAME = re.compile(
    r"\s(" + "|".join(re.escape(n) for n in sorted(CURRENCY_NAMES, key=len, reverse=True)) + r")(?=$|\s)"
)


def _unit_words(t: str) -> tuple[str, str]:
    """(text without its unit words, unit): money signs and names, percent words."""
    for w in PERCENT_WORDS:
        if t.endswith(w) and (w == "%" or t[: -len(w)].endswith(" ")):
            unit = "percentage points" if w.startswith("percentage") else "percent"
            return t[: -len(w)].strip(), unit
    unit = ""
    m = _CURRENCY_NAME.search(t)
    if m:
        unit = CURRENCY_NAMES[m.group(1)]
        t = _CURRENCY_NAME.sub("", t).strip()
    m = _SIGN.search(t)
    if m:
        unit = unit or CURRENCY_SIGNS[m.group(1)]
        t = _SIGN.sub("", t).strip()
    return t, unit


def parse_amount(text: str, qualifier: str | None = None) -> Quantity | None:
    """An amount as written, with its unit when it has one: money ("$139 million", "40 bn
    tenge", "$3-5 billion", "between 3.8 billion dollars and 4.6 billion dollars": a currency
    code), a share ("56%", "21 percent": "percent"; "two-thirds": "fraction"), a floor written
    after the number ("60-plus"), or a plain count as ``parse_quantity`` reads it (unit "");
    None when it is not one.  `qualifier` as in ``parse_quantity``."""
    raw = text.strip()
    t, unit = _unit_words(_clean(raw))
    plus = re.match(r"^(.+?)\s*(?:-\s*|\s)plus$", t)
    if plus:
        t, qualifier = plus.group(1), qualifier or "more than"
    f = _FRACTION.match(t)
    if f and not unit:
        share = UNITS.get(f.group(1) or "one", 1) / FRACTIONS[f.group(2) or f.group(3)]
        return _qualified(Quantity(share, share, text=raw, unit="fraction", qualifier=qualifier or None))
    found = parse_quantity(t, qualifier=qualifier)
    if found is None or (found.vague and unit):
        return None
    found.text, found.unit = raw, unit
    return found


def _qualified(q: Quantity) -> Quantity:
    kind = QUALIFIERS.get(q.qualifier or "")
    if kind == "min":
        q.high = None
    elif kind == "max":
        q.low = None
    elif kind == "approx":
        q.approximate = True
    return q


def parse_pair(text: str) -> tuple[float, float] | None:
    """The two sides of a tally ("97-1", "228 to 191", "40-to-39", "5-4"): two whole numbers
    the second of which is not larger (a larger one makes a range); None otherwise."""
    m = _PAIR.match(re.sub(r"\s*-\s*", "-", _clean(text)))
    if not m:
        return None
    a, b = float(m.group(1)), float(m.group(2))
    return (a, b) if b <= a else None


def requalify(q: Quantity, qualifier: str) -> Quantity:
    """`q` read again with `qualifier` when it has none ("exceeds 6,000": 6,000 and more)."""
    if q.qualifier or q.vague or q.low is None or q.low != q.high:
        return q
    q.qualifier = qualifier
    return _qualified(q)
