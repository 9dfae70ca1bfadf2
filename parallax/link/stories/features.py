"""What one document offers the story index: weighted terms, anchors, sources and a title.

Ids, file names and URLs are never features."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from datetime import date

from ...config import StoryConfig
from ...records import DocRecord
from ..entities import fold_token, name_key

#: Mention labels that give name features.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
#: labels of the names that can tie the stories of one situation: places, bodies, named events
#: (not people: the same officials speak in many situations)
KEY_LABELS = NAME_LABELS - {"PERSON"}
#: a document mentioning more distinct calendar dates than this is a list (an archive of
#: open cases, a timeline, a blotter, a page of past crimes): a date it mentions is not the
#: day of an event it reports, so its dates anchor nothing (``anchor_sets``).
LIST_DATES = 20
#: a document with fewer distinct content lemmas than this says little of its own (a page
#: whose body is a subscription or notification prompt): it may join a story by its title.
LOW_CONTENT_TERMS = 15
#: weight of each word of a document's title (a content lemma: 1).
TITLE_WEIGHT = 1.0
#: words are compared on their first letters only (a title's "victims" and a lemma "victim").
STEM = 5
WORD = re.compile(r"[^\W\d_]{3,}")


def features(rec: DocRecord, cfg: StoryConfig) -> dict[str, float]:
    """Weighted term frequencies of one document (before IDF): lemmas, names (prefix
    ``@``), years (``#y:``), numbers (``#n:``), mentioned calendar dates (``#d:``) and the
    words of its title (``t:``; a page whose body is mostly boilerplate keeps its title)."""
    out: dict[str, float] = {}
    weights = {"#y:": cfg.year_weight, "#n:": cfg.number_weight}
    for term, n in rec.terms.items():
        c = term[:1]
        w = weights.get(term[:3], 1.0) if c == "#" else cfg.predicate_weight if c == "~" else 1.0
        if w > 0:
            out[term] = w * (1.0 + math.log(n)) if n > 1 else w
    names: Counter = Counter()
    for m in rec.mentions:
        if m.label not in NAME_LABELS:
            continue
        key = name_key(m.text)
        if key:
            names["@" + key] += 1
            if m.label == "PERSON" and " " in key:
                names["@" + key.rsplit(" ", 1)[1]] += 1
    for k, n in names.items():
        out[k] = cfg.entity_weight * (1.0 + math.log(n))
    if cfg.date_weight > 0:
        for d, n in Counter(d.date for d in rec.dates if len(d.date) == 10).items():
            out["#d:" + d] = cfg.date_weight * (1.0 + math.log(n))
    for w in set(WORD.findall((rec.document.title or "").lower())):
        out["t:" + w] = TITLE_WEIGHT
    return out


#: a reporting verb right after a name ("..., Smith said"; "Smith, a spokesman, told")
_REPORTS_AFTER = re.compile(
    r"\s*(?:,\s+[^,.;\"\n]{1,60},)?\s*(?:said|says|told|added|stated|explained|noted|"
    r"confirmed|wrote|reported|according)\b"
)
#: a reporting verb right before a name, titles between ("said Officer Jane Smith")
_REPORTS_BEFORE = re.compile(r"\b(?:said|says|told|according to)\s+(?:[A-Z][\w.]*\s+){0,3}$")
#: the end of a clause: a name that ends it is what a reporting verb before it reports
_CLAUSE_END = re.compile(r"\s*(?:[,.;:\n]|$)")


def _first_last(key: str) -> str:
    """A person's name key without its middle names or initials ("john f smith" -> "john smith")."""
    words = key.split()
    return f"{words[0]} {words[-1]}" if len(words) > 2 else key


def sources(rec: DocRecord) -> set[str]:
    """Last words of the names a document quotes or reports speaking ("..., Smith said",
    "said Officer Jane Smith.", "Smith, a spokesman, said"; not "said Smith shot"): its
    sources (a spokesman, an official, a neighbour), who speak in many reports of many
    events, not whom the report is about."""
    text = rec.document.text
    out = {key.rsplit(" ", 1)[-1] for key in (name_key(q.speaker) for q in rec.quotes if q.speaker) if key}
    for m in rec.mentions:
        if _REPORTS_AFTER.match(text, m.end) or (
            _REPORTS_BEFORE.search(text, max(0, m.start - 60), m.start) and _CLAUSE_END.match(text, m.end)
        ):
            key = name_key(m.text)
            if key:
                out.add(key.rsplit(" ", 1)[-1])
    return out


def anchors(rec: DocRecord) -> tuple[set[str], set[str], set[str]]:
    """The people a document names repeatedly, the people it names at all and the calendar
    dates it mentions: the first three of ``anchor_sets``."""
    people, names, dates, _ = anchor_sets(rec)
    return people, names, dates


def anchor_sets(rec: DocRecord) -> tuple[set[str], set[str], set[str], set[str]]:
    """What can tie a follow-up to the first reports of an event across a long gap: the
    people a document names repeatedly (a full name whose last word is mentioned again,
    whatever label the mention got: whom the report is about, not a byline or a passing
    official), the people it names at all (a short follow-up may name the accused once),
    both without the names it quotes or reports speaking (``sources``: a spokesman, an
    official) and without middle names, the calendar dates it mentions, and the people it
    names in full only as sources (a weaker tie: to a report naming them otherwise).  A
    "name" whose last word ends a name of another kind in the same text ("Mercy Hospital",
    "Mercy Health") is a place or a body, not a person.  A list of many dated events (more
    than ``LIST_DATES`` dates) has no date anchors: its dates are not its own event's."""
    last: Counter = Counter()
    full: set[str] = set()
    heads: set[str] = set()
    for m in rec.mentions:
        key = name_key(m.text)
        if key:
            last[key.rsplit(" ", 1)[-1]] += 1
            if " " in key:
                if m.label == "PERSON":
                    full.add(_first_last(key))
                else:
                    heads.add(key.rsplit(" ", 1)[1])
    said = sources(rec) - heads
    not_people = said | heads
    names = {k for k in full if k.rsplit(" ", 1)[1] not in not_people}
    people = {k for k in names if last[k.rsplit(" ", 1)[1]] >= 2}
    spoken = {k for k in full if k.rsplit(" ", 1)[1] in said}
    dates = {d.date for d in rec.dates if len(d.date) == 10}
    return people, names, dates if len(dates) <= LIST_DATES else set(), spoken


def situation_keys(rec: DocRecord) -> tuple[set[str], set[str]]:
    """The names of places, bodies and events a document is about (``KEY_LABELS``): those its
    title names, its first sentence names or that it names twice, folded as in entity
    resolution; and, apart, those of them that are named events ("Hurricane Maria"): what ties
    the stories of one situation followed over weeks.  A name whose words all belong to a
    person named in the text ("Delaney" tagged as a place once) is that person's, not a key."""
    count = Counter(name_key(m.text) for m in rec.mentions)
    title = set(name_key(rec.document.title).split()) if rec.document.title else set()
    person = {w for m in rec.mentions if m.label == "PERSON" for w in name_key(m.text).split()}
    keys: set[str] = set()
    events: set[str] = set()
    for m in rec.mentions:
        key = name_key(m.text)
        if not key or m.label not in KEY_LABELS or set(key.split()) <= person:
            continue
        if m.sent == 0 or count[key] >= 2 or set(key.split()) <= title:
            keys.add(key)
            if m.label == "EVENT":
                events.add(key)
    return keys, events


@functools.lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    """A word's first ``STEM`` letters, folded as names are (no doubled letters: a title's
    "Barrow" and a name key's "barow" compare equal)."""
    return fold_token(word)[:STEM]


@functools.lru_cache(maxsize=1 << 18)
def term_stems(term: str) -> tuple[str, ...]:
    """The ``stem`` of each word of a term (a lemma, a name's words, a phrase)."""
    return tuple(stem(w) for w in WORD.findall(term))


def day(rec: DocRecord) -> int | None:
    """The publication day of a record as a day number (None when undated or unreadable)."""
    p = rec.document.published
    try:
        return date.fromisoformat(p[:10]).toordinal() if p else None
    except ValueError:
        return None


def title(records: list[DocRecord]) -> str:
    """A title for a story: the most common document title; failing that the first line
    of the earliest document when it reads like a headline, else its first sentence."""
    titles = Counter(
        r.document.title.strip() for r in records if r.document.title and r.document.title.strip()
    )
    if titles:
        return titles.most_common(1)[0][0]
    if not records:
        return ""
    first = min(records, key=lambda r: (r.document.published or "9999", r.document.id))
    line = first.document.text.strip().split("\n", 1)[0].strip()
    if 10 <= len(line) <= 150:
        return line
    if first.sentences:
        line = first.sentence(0).strip()
    return line if len(line) <= 150 else line[:147].rsplit(" ", 1)[0] + "..."
