"""Quotes across documents: speakers to canonical entity names, and the same quotation
reported by several documents linked through ``Quote.same_as``."""

from __future__ import annotations

import re
import unicodedata

from ..records import DocRecord, Entity, Quote
from .entities import canonical

#: Honorifics and articles dropped from a speaker before looking it up.
_LEADING = frozenset("the a an mr mr. mrs mrs. ms ms. dr dr. sir dame".split())
#: Share of the shorter quotation's word trigrams the other must hold to be the same quotation.
SAME_OVERLAP = 0.5
#: Quotations shorter than this (words) are never linked: short phrases recur by chance.
MIN_WORDS = 4


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").lower()
    return re.findall(r"[^\W_]+(?:'[^\W_]+)?", text)


def _speaker(entities: list[Entity], surface: str | None) -> str | None:
    """The canonical name of the entity a speaker surface names; the surface when none does.

    Tried in turn: the surface as found; without honorifics or article; a role after a
    body ("State Department spokesman": the body's name, the role kept); a surname or
    partial name matching the last word of exactly one person entity."""
    if not surface:
        return None
    found = canonical(entities, surface)
    if found:
        return found
    words = surface.split()
    while len(words) > 1 and words[0].lower() in _LEADING:
        words = words[1:]
    bare = " ".join(words)
    found = canonical(entities, bare)
    if found:
        return found
    if len(words) > 1:
        body = canonical(entities, " ".join(words[:-1]))
        if body:
            return f"{body} {words[-1]}"
    last = words[-1].lower()
    persons = {
        e.name
        for e in entities
        if e.type == "PERSON"
        and e.name.split()
        and e.name.split()[-1].lower() == last
        and all(w.lower() in e.name.lower().split() for w in words)
    }
    if len(persons) == 1:
        return persons.pop()
    return bare


def _trigrams(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < 3:
        return {tuple(words)}
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _same_as(quotes: list[Quote]) -> None:
    """Fill each quote's same_as with the other documents that carry the same quotation."""
    grams = [_trigrams(_words(q.text)) if len(_words(q.text)) >= MIN_WORDS else set() for q in quotes]
    index: dict[tuple[str, ...], list[int]] = {}
    for i, g in enumerate(grams):
        for t in g:
            index.setdefault(t, []).append(i)
    for i, q in enumerate(quotes):
        shared: dict[int, int] = {}
        for t in grams[i]:
            for j in index[t]:
                if quotes[j].doc != q.doc:
                    shared[j] = shared.get(j, 0) + 1
        docs = {
            quotes[j].doc for j, n in shared.items() if n >= SAME_OVERLAP * min(len(grams[i]), len(grams[j]))
        }
        q.same_as = sorted(docs)


def link_quotes(records: list[DocRecord], entities: list[Entity]) -> list[Quote]:
    """The story's quotations, speakers canonical, the same quotation across documents linked."""
    out = [
        Quote(
            doc=q.doc,
            text=q.text,
            speaker=_speaker(entities, q.speaker),
            direct=q.direct,
            start=q.start,
            end=q.end,
        )
        for r in records
        for q in r.quotes
    ]
    _same_as(out)
    return out
