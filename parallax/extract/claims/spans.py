"""Step 1: the numbers written in a sentence, as token spans with their qualifier."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..numbers import QUALIFIERS, SCALES, TENS, UNITS, is_number_word, parse_quantity

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


def is_num(t: Token) -> bool:
    """A token that is (part of) a written number."""
    return bool(t.like_num) or t.lower_ in NUMBER_WORDS


def number_spans(sent: Span) -> list[tuple[int, int]]:
    """(start, end) token index spans of the numbers written in a sentence."""
    spans = []
    i, end = sent.start, sent.end
    doc = sent.doc
    while i < end:
        t = doc[i]
        if not is_num(t) or (
            t.lower_ == "one" and i > 0 and doc[i - 1].lower_ in ("no", "every", "any", "each")
        ):
            i += 1
            continue
        j = i + 1
        while j < end:
            n = doc[j]
            if is_num(n):
                j += 1
            elif (
                n.text in ("-", "\u2013", "to", "and")
                and j + 1 < end
                and is_num(doc[j + 1])
                and parse_quantity(doc[i : j + 2].text) is not None
            ) or (
                n.lower_ == "of"
                and j + 1 < end
                and doc[j + 1].lower_ in ("thousands", "millions")
                and doc[j - 1].lower_ in ("tens", "hundreds")
            ):
                j += 2
            else:
                break
        if parse_quantity(doc[i:j].text) is not None:
            spans.append((i, j))
        i = j
    return spans


def qualifier(doc: Doc, start: int, sent_start: int) -> str | None:
    """The qualifier phrase written just before token `start` ("at least", "about")."""
    for n in (3, 2, 1):
        if start - n < sent_start:
            continue
        phrase = " ".join(t.lower_ for t in doc[start - n : start])
        if phrase in QUALIFIERS:
            return phrase
    return None
