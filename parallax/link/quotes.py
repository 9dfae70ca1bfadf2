"""Quotes across documents: speakers to canonical entity names, and the same quotation
reported by several documents linked through ``Quote.same_as``."""

from __future__ import annotations

import functools
import re
import unicodedata

from nicknames import NickNamer

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


def _given(name: str) -> str | None:
    """The given name of a full name (lower case, honorifics dropped), None for one word."""
    words = [w.lower() for w in name.split()]
    while len(words) > 1 and words[0] in _LEADING:
        words = words[1:]
    return words[0].rstrip(".") if len(words) > 1 else None


@functools.lru_cache(maxsize=4096)
def _same_given(a: str, b: str) -> bool:
    """True when two given names may name one person: equal, one the initial of the other, or
    one a nickname of the other (David / Dave)."""
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    nn = _namer()
    return (
        b in nn.nicknames_of(a) or a in nn.nicknames_of(b) or bool(nn.canonicals_of(a) & nn.canonicals_of(b))
    )


@functools.lru_cache(maxsize=1)
def _namer() -> NickNamer:
    return NickNamer()


def _lookup(entities: list[Entity], surface: str) -> str | None:
    """canonical(), refused when the entity found bears another given name than the surface
    ("Claire Bellamy" is not "Arthur Bellamy" even when the two were merged into one entity)."""
    found = canonical(entities, surface)
    if found:
        a, b = _given(surface), _given(found)
        if a is not None and b is not None and not _same_given(a, b):
            return None
    return found


def _speaker(entities: list[Entity], surface: str | None) -> str | None:
    """The canonical name of the entity a speaker surface names; the surface when none does.

    Tried in turn: the surface as found; without honorifics or article; a role after a
    body ("State Department spokesman": the body's name, the role kept); a surname or
    partial name matching the last word of exactly one person entity.  A full name is never
    given to an entity of another given name (a relative merged with the speaker)."""
    if not surface:
        return None
    found = _lookup(entities, surface)
    if found:
        return found
    words = surface.split()
    while len(words) > 1 and words[0].lower() in _LEADING:
        words = words[1:]
    bare = " ".join(words)
    found = _lookup(entities, bare)
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
