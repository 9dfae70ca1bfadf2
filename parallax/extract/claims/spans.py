"""Step 1: the numbers written in a sentence, as token spans with their qualifier and unit:
counts ("2,298", "Sixty-two", "between 10 and 15", "dozens"), money ("$139 million", "40 bn
tenge", "$3-5bn"), shares ("56%", "21 percent", "two-thirds") and the two sides of a tally
("97-1", "228 to 191")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..numbers import (
    CURRENCY_NAMES,
    CURRENCY_SIGNS,
    FRACTIONS,
    QUALIFIERS,
    SCALE_ABBREVIATIONS,
    SCALES,
    TENS,
    UNITS,
    Quantity,
    is_number_word,
    parse_amount,
    parse_pair,
    parse_quantity,
)

NUMBER_WORDS = frozenset(w for w in (*UNITS, *TENS, *SCALES) if is_number_word(w)) | {
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "millions",
    "tens",
    "several",
    "multiple",
    "numerous",
}
#: A number and its scale in one token ("5bn", "$5.4M" is "$", "5.4", "M"), or a tally ("97–1").
_FUSED = re.compile(r"^\d[\d,]*(?:\.\d+)?(?:" + "|".join(SCALE_ABBREVIATIONS) + r")$", re.I)
_TO_NUMBER = re.compile(r"^to-\d{1,4}$")
_NO_COUNT = frozenset({"no", "every", "any", "each"})
_SIGNS = frozenset(CURRENCY_SIGNS) | {s.upper() for s in CURRENCY_SIGNS}
_CURRENCY_FIRST = {name.split()[0] for name in CURRENCY_NAMES}


@dataclass
class Number:
    """One number written in a sentence."""

    start: int  # token span, its sign and unit words included
    end: int
    quantity: Quantity
    #: the token the parse hangs the number on (its last numeric token, or for a tally the side)
    num: Token
    #: for a tally, which side: 1 (the first figure) or 2 (the second); 0 otherwise
    side: int = 0
    #: a figure the sentence changes from ("rose from 39 to 43": 39), or 0
    previous: bool = False

    @property
    def unit(self) -> str:
        return self.quantity.unit


def is_num(t: Token) -> bool:
    """A token that is (part of) a written number."""
    return (
        bool(t.like_num) or t.lower_ in NUMBER_WORDS or (t.text[:1].isdigit() and bool(_FUSED.match(t.text)))
    )


def _scale(t: Token) -> bool:
    return t.lower_ in SCALES or t.lower_ in SCALE_ABBREVIATIONS


class _Tokens:
    """A sentence's tokens with their numeral test done once (spaCy makes a new Token object
    on every index into a Doc)."""

    def __init__(self, sent: Span) -> None:
        self.toks = list(sent)
        self.base = sent.start
        self.num = [is_num(t) for t in self.toks]

    def __len__(self) -> int:
        return len(self.toks)


def _starts(ts: _Tokens, k: int) -> bool:
    """True when a number starts at the k-th token: a numeral, a currency sign before one, or a
    fraction ("two-thirds", "a half-dozen")."""
    t = ts.toks[k]
    if ts.num[k]:
        return True
    if t.text in _SIGNS:
        return k + 1 < len(ts) and ts.num[k + 1]
    if t.lower_ == "half":
        return k + 2 < len(ts) and ts.toks[k + 1].text in ("-", "a") and ts.toks[k + 2].lower_ in SCALES
    return False


def _extend(ts: _Tokens, k: int) -> int:
    """The end (sentence-relative) of the written number that starts at the k-th token."""
    toks, num, end = ts.toks, ts.num, len(ts)
    j = k + 1
    while j < end:
        n = toks[j]
        prev = toks[j - 1]
        nxt = toks[j + 1] if j + 1 < end else None
        if num[j] or (n.lower_ in SCALES and (num[j - 1] or prev.text in _SIGNS)):
            j += 1
        elif (
            n.lower_ in SCALE_ABBREVIATIONS
            and prev.text[:1].isdigit()
            and (len(n.text) > 1 or toks[k].text in _SIGNS)
        ):
            j += 1  # "40 bn", "$5.4 M"; not "four B-CU students"
        elif n.text in ("-", "a") and nxt is not None and prev.lower_ == "half" and nxt.lower_ in SCALES:
            j += 2  # "half-dozen", "half a million"
        elif n.text == "-" and nxt is not None and nxt.lower_ in FRACTIONS and num[j - 1]:
            j += 2  # "two-thirds"
        elif (
            n.text in ("-", "\u2013", "to", "and")
            and nxt is not None
            and (num[j + 1] or (nxt.text in _SIGNS and j + 2 < end and num[j + 2]))
        ):
            j += 2 if num[j + 1] else 3
        elif (
            n.lower_ == "of"
            and nxt is not None
            and nxt.lower_ in ("thousands", "millions")
            and prev.lower_ in ("tens", "hundreds")
        ):
            j += 2
        elif n.text == "-" and nxt is not None and nxt.lower_ == "plus" and num[j - 1]:
            j += 2  # "60-plus"
        elif n.text == "-" and nxt is not None and _TO_NUMBER.match(nxt.text) and num[j - 1]:
            j += 2  # "134-to-63", read as "134", "-", "to-63"
        else:
            break
    return j


def _unit_end(ts: _Tokens, j: int) -> int:
    """The end of the unit words after a number ("percent", "per cent", "U.S. dollars", "%")."""
    toks, end = ts.toks, len(ts)
    if j >= end:
        return j
    w = toks[j].lower_
    if w in ("%", "percent", "pct"):
        return j + 1
    if w == "per" and j + 1 < end and toks[j + 1].lower_ == "cent":
        return j + 2
    if w == "percentage" and j + 1 < end and toks[j + 1].lemma_.lower() == "point":
        return j + 2
    if w in _CURRENCY_FIRST:
        for name in sorted(CURRENCY_NAMES, key=len, reverse=True):
            words = name.split()
            if w == words[0] and [t.lower_ for t in toks[j : j + len(words)]] == words:
                return j + len(words)
    return j


def _numeric(doc: Doc, s: int, e: int) -> Token:
    """The token the parse hangs a written number on: its last numeral or scale."""
    for k in range(e - 1, s - 1, -1):
        if is_num(doc[k]) or _scale(doc[k]):
            return doc[k]
    return doc[e - 1]


def _read(doc: Doc, s: int, e: int) -> list[Number]:
    """The number(s) of the token span s..e: one amount, or the two sides of a tally."""
    text = doc[s:e].text
    pair = parse_pair(text)
    if pair is not None:
        # "97-1": one token, or "97 - 1", "228 to 191": the first numeral, the joiner, the second
        first = doc[s]
        second = doc[e - 1] if e - s > 1 else doc[s]
        return [
            Number(s, e, Quantity(pair[0], pair[0], text=text), first, side=1),
            Number(s, e, Quantity(pair[1], pair[1], text=text), second, side=2),
        ]
    q = parse_amount(text, qualifier="")
    if q is not None:
        return [Number(s, e, q, _numeric(doc, s, e))]
    return []


#: A sentence with no digit and none of these words writes no number (a cheap test first).
_ANY_NUMBER = re.compile(
    r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS | set(FRACTIONS))) + r")\b",
    re.I,
)


def scan(sent: Span) -> list[Number]:
    """Every number written in a sentence, in reading order, with its qualifier."""
    if not _ANY_NUMBER.search(sent.text):
        return []
    doc = sent.doc
    ts = _Tokens(sent)
    out: list[Number] = []
    k = 0
    while k < len(ts):
        t = ts.toks[k]
        if not _starts(ts, k) or (
            t.lower_ == "one" and k > 0 and ts.toks[k - 1].lower_ in ("no", "every", "any", "each")
        ):
            k += 1
            continue
        j = _unit_end(ts, _extend(ts, k))
        i = ts.base + k
        found = _read(doc, i, ts.base + j)
        if not found:  # "one nineteen": no number as a whole
            k = j
            continue
        qual = qualifier(doc, i, sent.start)
        for n in found:
            if qual and not n.side:
                q = parse_amount(doc[i : n.end].text, qualifier=qual)
                if q is not None:
                    n.quantity = q
        out.extend(_split_change(doc, found))
        k = found[0].end - ts.base
    return out


#: Verbs of a figure changing: "from A to B" under them is two figures, not a range.
CHANGE_VERBS = frozenset(
    "rise increase raise climb grow jump soar surge fall drop decline decrease reduce cut lower revise "
    "double triple update change bump swell shrink go move".split()
)


def _split_change(doc: Doc, found: list[Number]) -> list[Number]:
    """ "rose from 39 to 43": the earlier and the new figure, not the range 39..43."""
    if len(found) != 1 or found[0].side:
        return found
    n = found[0]
    q = n.quantity
    s, e = n.start, n.end
    if (
        q.low is None
        or q.high is None
        or q.low == q.high
        or s == 0
        or doc[s - 1].lower_ not in ("from", "by")
    ):
        return found
    verb = doc[s - 1].head
    if verb.lemma_.lower() not in CHANGE_VERBS and verb.head.lemma_.lower() not in CHANGE_VERBS:
        return found
    joint = next((k for k in range(s + 1, e) if doc[k].lower_ in ("to", "-", "\u2013")), None)
    if joint is None:
        return found
    first = parse_amount(doc[s:joint].text, qualifier="")
    second = parse_amount(doc[joint + 1 : e].text, qualifier="")
    if first is None or second is None:
        return found
    first.unit = first.unit or second.unit
    new = Number(joint + 1, e, second, _numeric(doc, joint + 1, e))
    if doc[s - 1].lower_ == "by":
        return [new]  # "raised the toll by 3 to 48": 3 is the change, 48 the figure
    return [Number(s, joint, first, _numeric(doc, s, joint), previous=True), new]


def qualifier(doc: Doc, start: int, sent_start: int) -> str | None:
    """The qualifier phrase written just before token `start` ("at least", "about"), past an
    article ("more than a half-dozen")."""
    if (
        start - 1 > sent_start
        and doc[start - 1].lower_ in ("a", "an")
        and doc[start].lower_ in ("half", "dozen")
    ):
        start -= 1  # "more than a dozen"
    for n in (3, 2, 1):
        if start - n < sent_start:
            continue
        phrase = " ".join(t.lower_ for t in doc[start - n : start])
        if phrase in QUALIFIERS:
            return phrase
    return None


def number_spans(sent: Span) -> list[tuple[int, int]]:
    """(start, end) token spans of the plain counts written in a sentence (no unit)."""
    return [(n.start, n.end) for n in scan(sent) if not n.unit and not n.side]


__all__ = ["Number", "is_num", "number_spans", "parse_quantity", "qualifier", "scan"]
