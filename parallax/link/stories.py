"""Story clustering: group documents that report the same event.

Features.  Each document is a sparse vector over its content lemmas, the names it mentions
(folded as in entity resolution; surnames too), the years, numbers and calendar dates it
mentions and the words of its title, each kind with its own weight (``StoryConfig``,
``TITLE_WEIGHT``), kept to its heaviest terms.
Ids, file names and URLs are never features.

Two levels, both group-average agglomerative clustering inside a publication window: two
groups merge while the mean cosine over their cross pairs of documents reaches a threshold
(for unit vectors that mean is ``S_a . S_b / (n_a n_b)``, ``S`` the sum of a group's
vectors, so a group is one sum and a size), and never when their publication dates lie
more than ``near_days`` (at most ``window_days``) apart.

1. Topics: TF-IDF over the whole collection, threshold ``topic_threshold``: documents
   about the same kind of event in the same period (two earthquakes, two shootings).
2. Stories inside a topic: the vectors re-weighted by how rare each term is *within the
   topic* (terms every member shares - "earthquake", the region - lose weight, while the
   names, places, numbers and dates that tell one event from the other keep it),
   threshold ``threshold``; a pair of documents at least ``strong`` similar joins at once,
   and a document left alone joins the topic's closest story when close enough (``attach``).
3. Follow-ups (an arrest days later, a trial, a sentencing, an anniversary, months or years
   later): beyond ``near_days`` two stories join only on anchored evidence, a document of
   each that mention the same calendar date or name the same person, repeatedly in one of
   them at least, not as a source (``anchors``; the dates of a list of many dated events
   tie nothing), with enough similarity (``_far_pairs``, ``_link_far``).  Similar wording
   alone, a week or months apart, is as often a second event of the same kind (another
   shooting in the same city).  A person a report names only as a source (the father who
   speaks to reporters the day of the shooting and is charged weeks later) ties it to a
   report naming them otherwise, when no third document names them, with ``far_margin``
   more similarity (``anchor_sets``).
4. Pages with little content of their own (``LOW_CONTENT_TERMS``: the body is a sign-up or
   notification prompt, an archive's donation appeal), or whose body does not report their
   title (``TITLE_BODY``: a weather notice, a travel list or another story kept under the
   report's title), left alone: such a page cannot be outvoted by wording it does not have,
   so it joins the story of the report, published within ``near_days``, that uses most of
   its title's words (``TITLE_COVER``), one of them a name that report mentions
   (``_attach_by_title``).  Copies of such a page, which have joined each other and nothing
   else, join as one (``LOW_STORY_MAX``); pages of different titles joined only by the
   unrelated body they share join each on its own.

Cost.  Candidate pairs come from sparse products over date-sorted blocks, each document
against the documents of its window only (``similar_pairs``), and beyond the window from
the inverted index of anchors: never from all pairs.

Incremental (``StoryIndex.add``, which ``cluster`` calls once): new documents join existing
topics (found through an inverted index, term -> topics) or start new ones; each touched
topic is re-clustered with its existing stories as fixed groups that new documents may join
(existing stories never merge with each other, and no document changes story).  The state
(``StoryIndex.state()``, plain JSON-ready lists; ``StoryIndex.from_state``) is compact:
document frequencies, each document's truncated vector (term ids and weights) and anchors,
topic sums and the inverted index of topics.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..config import StoryConfig
from ..records import DocRecord
from .entities import fold_token, name_key

#: Mention labels that give name features.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
#: an anchor found in more documents than this is too common to tie two reports together.
ANCHOR_MAX_DOCS = 50
#: a document mentioning more distinct calendar dates than this is a list (an archive of
#: open cases, a timeline, a blotter, a page of past crimes): a date it mentions is not the
#: day of an event it reports, so its dates anchor nothing (``anchor_sets``).
LIST_DATES = 20
#: version of ``StoryIndex.state``'s layout.
STATE_VERSION = 4
#: a person named only as a source ties two reports when no more documents than this
#: name them (a spokesman is quoted on many events of a city).
SAID_MAX_DOCS = 2
#: anchored follow-ups (a trial, a sentencing, an anniversary) may come this many times
#: ``far_days`` after the first reports.
ANCHOR_REACH_FACTOR = 5
#: records added at once beyond this many are added in batches of it (by publication date).
CHUNK = 5000
#: a document whose body uses less than this idf-weighted share of its title's words reports
#: something else under that title: it may join a story by its title (as ``LOW_CONTENT_TERMS``).
TITLE_BODY = 0.2
#: weight of each word of a document's title (a content lemma: 1).
TITLE_WEIGHT = 1.0
_WORD = re.compile(r"[^\W\d_]{3,}")
#: topics looked at per term when a new document looks for its topic (the latest: a topic
#: is made and extended in publication order, so older ones are mostly out of the window).
RECENT_TOPICS = 256
#: below this many documents, candidate pairs are compared one by one (no sparse product).
SMALL = 48
#: a document with fewer distinct content lemmas than this says little of its own (a page
#: whose body is a subscription or notification prompt): it may join a story by its title.
LOW_CONTENT_TERMS = 15
#: ... when the idf-weighted share of its title's words that a report of the story (within
#: ``near_days``) uses reaches this, a name that report mentions among them.
TITLE_COVER = 0.3
#: words are compared on their first letters only (a title's "victims" and a lemma "victim").
STEM = 5
#: ... and a name word found in more of the reports of those days than this does not count.
TITLE_NAME_MAX_DOCS = 20
#: ... and a story of such pages (a page and its copies) joins whole, up to this many.
LOW_STORY_MAX = 3

Vec = dict[int, float]
Span = tuple[int | None, int | None]


# ---------------------------------------------------------------- features


def features(rec: DocRecord, cfg: StoryConfig) -> dict[str, float]:
    """Weighted term frequencies of one document (before IDF): lemmas, names (prefix
    ``@``), years (``#y:``), numbers (``#n:``), mentioned calendar dates (``#d:``) and the
    words of its title (``t:``; a page whose body is mostly boilerplate keeps its title)."""
    out: dict[str, float] = {}
    for term, n in rec.terms.items():
        w = (
            cfg.year_weight
            if term.startswith("#y:")
            else cfg.number_weight
            if term.startswith("#n:")
            else cfg.predicate_weight
            if term.startswith("~")
            else 1.0
        )
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
    for w in set(_WORD.findall((rec.document.title or "").lower())):
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


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A word's first ``STEM`` letters, folded as names are (no doubled letters: a title's
    "Barrow" and a name key's "barow" compare equal)."""
    return fold_token(word)[:STEM]


def _day(rec: DocRecord) -> int | None:
    p = rec.document.published
    try:
        return date.fromisoformat(p[:10]).toordinal() if p else None
    except ValueError:
        return None


def _dot(a: Vec, b: Vec) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _unit(v: Vec) -> Vec:
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}


def _merge_span(a: Span, b: Span) -> Span:
    lo = [x for x in (a[0], b[0]) if x is not None]
    hi = [x for x in (a[1], b[1]) if x is not None]
    return (min(lo) if lo else None, max(hi) if hi else None)


def _gap(a: Span, b: Span) -> int:
    """Days between two date ranges (0 when either is undated or they overlap)."""
    if a[0] is None or b[0] is None:
        return 0
    return max(0, b[0] - a[1], a[0] - b[1])


def _matrix(vecs: list[Vec]) -> sp.csr_matrix:
    """Sparse rows of `vecs` (filled straight into arrays: no per-entry Python lists)."""
    n = len(vecs)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.fromiter((len(v) for v in vecs), dtype=np.int64, count=n), out=indptr[1:])
    nnz = int(indptr[-1])
    cols = np.fromiter((t for v in vecs for t in v), dtype=np.int32, count=nnz)
    vals = np.fromiter((x for v in vecs for x in v.values()), dtype=np.float32, count=nnz)
    ncol = int(cols.max()) + 1 if nnz else 1
    return sp.csr_matrix((vals, cols, indptr), shape=(n, ncol))


# ---------------------------------------------------------------- candidate pairs


def similar_pairs(
    vecs: list[Vec],
    days: list[int | None],
    window: int,
    floor: float,
    k: int,
    wanted: list[bool] | None = None,
) -> list[tuple[float, int, int]]:
    """(cosine, i, j), i < j, for each document's `k` most similar others above `floor`
    whose publication dates lie within `window` days (undated documents are compared with
    all).  Only rows flagged in `wanted` (default: all) are searched.  Sparse products
    over date-sorted blocks, never the full square of a large dated collection."""
    n = len(vecs)
    if n < 2:
        return []
    want = wanted or [True] * n
    if n <= SMALL:
        return _pairs_one_by_one(vecs, days, window, floor, k, want)
    X = _matrix(vecs)
    dated = sorted((d, i) for i, d in enumerate(days) if d is not None)
    order = [i for _, i in dated]
    dvals = np.array([d for d, _ in dated], dtype=np.int64)
    undated = [i for i, d in enumerate(days) if d is None]
    out: list[tuple[float, int, int]] = []
    step = 512
    for c0 in range(0, len(order), step):
        block = [i for i in order[c0 : c0 + step] if want[i]]
        if block:
            lo = np.searchsorted(dvals, dvals[c0] - window, "left")
            hi = np.searchsorted(dvals, dvals[min(c0 + step, len(order)) - 1] + window, "right")
            _top(X, block, order[lo:hi] + undated, days, window, floor, k, out)
    for c0 in range(0, len(undated), step):
        block = [i for i in undated[c0 : c0 + step] if want[i]]
        if block:
            _top(X, block, list(range(n)), days, window, floor, k, out)
    return out


def _pairs_one_by_one(
    vecs: list[Vec], days: list[int | None], window: int, floor: float, k: int, want: list[bool]
) -> list[tuple[float, int, int]]:
    """``similar_pairs`` for a few documents."""
    out: list[tuple[float, int, int]] = []
    for i, v in enumerate(vecs):
        if not want[i]:
            continue
        found = []
        for j, w in enumerate(vecs):
            if j != i and (days[i] is None or days[j] is None or abs(days[i] - days[j]) <= window):
                s = _dot(v, w)
                if s >= floor:
                    found.append((s, j))
        out.extend((s, min(i, j), max(i, j)) for s, j in heapq.nlargest(k, found))
    return out


def _top(X, block: list[int], cand: list[int], days, window: int, floor: float, k: int, out: list) -> None:
    """Append the best candidate pairs of each row of `block` to `out` (sparse product)."""
    S = (X[block] @ X[cand].T).tocsr()
    cand_a = np.array(cand)
    none = -(10**9)
    cdays = np.array([none if days[j] is None else days[j] for j in cand])
    for r, i in enumerate(block):
        lo, hi = S.indptr[r], S.indptr[r + 1]
        cols, s = S.indices[lo:hi], S.data[lo:hi]
        ok = (s >= floor) & (cand_a[cols] != i)
        if days[i] is not None:
            cd = cdays[cols]
            ok &= (cd == none) | (np.abs(cd - days[i]) <= window)
        idx = np.nonzero(ok)[0]
        if len(idx) > k:
            idx = idx[np.argpartition(-s[idx], k)[:k]]
        for c in idx:
            j = int(cand_a[cols[c]])
            out.append((float(s[c]), min(i, j), max(i, j)))


# ---------------------------------------------------------------- agglomeration


@dataclass
class Group:
    """A group of documents during clustering: the sum of their unit vectors, their
    number and publication-date range."""

    vec: Vec
    n: int
    span: Span


def agglomerate(
    groups: dict[int, Group],
    fixed: set[int],
    pairs: list[tuple[float, int, int]],
    threshold: float,
    window: int,
    strong: float = 2.0,
) -> dict[int, int]:
    """Group-average agglomeration over candidate `pairs` (similarity, group, group).

    Groups in `fixed` (existing stories) never merge with each other, nor groups more than
    `window` days apart.  A pair at least `strong` similar merges first whatever the group
    mean.  The mean similarity of a merged group to a neighbour is updated from the two
    parts' means (Lance-Williams), a pair that was never a candidate counting as 0.
    Returns {merged group: the group it went into}; `groups` is updated in place (their
    sums too, which is what a story keeps)."""
    parent: dict[int, int] = {}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    owned: set[int] = set()

    def root(g: int) -> int:
        while g in parent:
            g = parent[g]
        return g

    def merge(a: int, b: int) -> int:
        keep, gone = (a, b) if a in fixed or (b not in fixed and groups[a].n >= groups[b].n) else (b, a)
        ga, gb = groups[keep], groups[gone]
        vec = ga.vec if keep in owned else dict(ga.vec)  # never write into a caller's vector
        owned.add(keep)
        for t, x in gb.vec.items():
            vec[t] = vec.get(t, 0.0) + x
        groups[keep] = Group(vec, ga.n + gb.n, _merge_span(ga.span, gb.span))
        del groups[gone]
        parent[gone] = keep
        lk, lg = links.pop(keep, {}), links.pop(gone, {})
        merged: dict[int, float] = {}
        for x in (lk.keys() | lg.keys()) - {keep, gone}:
            merged[x] = (ga.n * lk.get(x, 0.0) + gb.n * lg.get(x, 0.0)) / (ga.n + gb.n)
            lx = links[x]
            lx.pop(gone, None)
            lx[keep] = merged[x]
        links[keep] = merged
        return keep

    def allowed(a: int, b: int) -> bool:
        return a != b and not (a in fixed and b in fixed) and _gap(groups[a].span, groups[b].span) <= window

    for s, a, b in sorted(pairs, reverse=True):
        if s < strong:
            break
        a, b = root(a), root(b)
        if allowed(a, b):
            merge(a, b)
    for s, a, b in pairs:
        a, b = root(a), root(b)
        if a != b and b not in links[a]:
            link = (
                s
                if groups[a].n == groups[b].n == 1
                else _dot(groups[a].vec, groups[b].vec) / (groups[a].n * groups[b].n)
            )
            links[a][b] = links[b][a] = link
    # heap entries carry the versions of their two groups: an entry older than either
    # group is stale (a fresh one was queued when the group last changed)
    version: Counter = Counter()
    heap = [
        (-link, a, b, 0, 0)
        for a, lk in links.items()
        for b, link in lk.items()
        if a < b and link >= threshold
    ]
    heapq.heapify(heap)
    while heap:
        _neg, a, b, va, vb = heapq.heappop(heap)
        if a in parent or b in parent or version[a] != va or version[b] != vb or not allowed(a, b):
            continue
        keep = merge(a, b)
        version[keep] += 1
        for x, link in links[keep].items():
            if link >= threshold and allowed(keep, x):
                heapq.heappush(heap, (-link, keep, x, version[keep], version[x]))
    return {g: root(g) for g in parent}


# ---------------------------------------------------------------- persisted state


@dataclass
class TopicState:
    """A topic: the sum of its documents' (collection TF-IDF) unit vectors (kept as two
    compact arrays: term ids, weights), its size, date range and documents."""

    terms: array
    weights: array
    n: int
    span: Span
    docs: list[int] = field(default_factory=list)

    def vec(self) -> Vec:
        """The sum as a sparse vector (a fresh dict)."""
        return dict(zip(self.terms, self.weights, strict=False))

    def set_vec(self, vec: Vec) -> None:
        """Keep `vec` as the topic's sum."""
        items = sorted(vec.items())
        self.terms = array("i", [t for t, _ in items])
        self.weights = array("f", [x for _, x in items])


def _flat(rows: Iterable[Iterable[Any]]) -> tuple[list[int], list[Any]]:
    """Offsets and concatenated values of a list of rows (row i: values[ptr[i]:ptr[i+1]])."""
    ptr, vals = [0], []
    for row in rows:
        vals.extend(row)
        ptr.append(len(vals))
    return ptr, vals


def _rows(ptr: list[int], vals: list[Any]) -> list[list[Any]]:
    return [vals[ptr[i] : ptr[i + 1]] for i in range(len(ptr) - 1)]


@dataclass
class StoryIndex:
    """Incremental story clustering over compact state.

    ``add(records)`` returns, for each new record, its story: an index into ``story_docs``
    (the documents of every story, as indexes in order of addition; ``doc_ids`` names
    them).  ``state()`` gives
    the whole index as plain JSON-ready data and ``StoryIndex.from_state`` restores it."""

    cfg: StoryConfig = field(default_factory=StoryConfig)
    doc_ids: list[str] = field(default_factory=list)  # bookkeeping only, never evidence
    vocab: dict[str, int] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)  # each vocabulary id's term
    df: array = field(default_factory=lambda: array("i"))
    doc_terms: list[array] = field(default_factory=list)  # term ids of each document
    doc_weights: list[array] = field(default_factory=list)  # their weighted tf
    doc_people: list[array] = field(default_factory=list)  # anchor ids: people named repeatedly
    doc_names: list[array] = field(default_factory=list)  # anchor ids: people named only once
    doc_dates: list[array] = field(default_factory=list)  # anchor ids: calendar dates mentioned
    doc_spoken: list[array] = field(default_factory=list)  # anchor ids: people named only as sources
    doc_day: list[int | None] = field(default_factory=list)
    doc_topic: array = field(default_factory=lambda: array("i"))
    doc_story: array = field(default_factory=lambda: array("i"))
    topics: list[TopicState] = field(default_factory=list)
    story_docs: list[list[int]] = field(default_factory=list)
    postings: dict[int, array] = field(default_factory=dict)  # term id -> topics
    anchor_docs: dict[int, array] = field(default_factory=dict)  # anchor id -> documents
    name_docs: dict[int, array] = field(default_factory=dict)  # person named once -> documents
    spoken_docs: dict[int, array] = field(default_factory=dict)  # person named as a source -> documents
    _titles: dict[int, set[int]] = field(
        default_factory=dict, repr=False
    )  # title terms of documents not yet trimmed
    _low: list[int] = field(default_factory=list, repr=False)  # documents of this add with little content
    _unsaid: dict[int, set[int]] = field(default_factory=dict, repr=False)  # title terms its body never uses
    off_docs: set[int] = field(default_factory=set)  # documents whose body is not their title's

    @property
    def _near(self) -> int:
        """Days within which similar wording alone may join two reports (``near_days``)."""
        return min(self.cfg.near_days, self.cfg.window_days)

    @property
    def n_docs(self) -> int:
        return len(self.doc_terms)

    # -- persisted form
    def state(self) -> dict[str, Any]:
        """The whole index as plain JSON-ready data (str, int, float, None and lists of
        them; no pickle).  Topic and story members are not stored: they follow from each
        document's topic and story; the anchor index follows from the documents' anchors."""
        dptr, dterms = _flat(self.doc_terms)
        _, dweights = _flat(self.doc_weights)
        pptr, people = _flat(self.doc_people)
        nptr, names = _flat(self.doc_names)
        aptr, dates = _flat(self.doc_dates)
        sptr, spoken = _flat(self.doc_spoken)
        tptr, tterms = _flat(tp.terms for tp in self.topics)
        _, tweights = _flat([round(x, 6) for x in tp.weights] for tp in self.topics)
        post = sorted(self.postings.items())
        iptr, itopics = _flat(p for _, p in post)
        return {
            "version": STATE_VERSION,
            "doc_ids": list(self.doc_ids),
            "terms": list(self.terms),
            "df": self.df.tolist(),
            "doc_ptr": dptr,
            "doc_terms": dterms,
            "doc_weights": [round(x, 6) for x in dweights],
            "people_ptr": pptr,
            "people": people,
            "names_ptr": nptr,
            "names": names,
            "dates_ptr": aptr,
            "dates": dates,
            "spoken_ptr": sptr,
            "spoken": spoken,
            "off_docs": sorted(self.off_docs),
            "doc_day": list(self.doc_day),
            "doc_topic": self.doc_topic.tolist(),
            "doc_story": self.doc_story.tolist(),
            "topic_n": [tp.n for tp in self.topics],
            "topic_lo": [tp.span[0] for tp in self.topics],
            "topic_hi": [tp.span[1] for tp in self.topics],
            "topic_ptr": tptr,
            "topic_terms": tterms,
            "topic_weights": tweights,
            "index_terms": [t for t, _ in post],
            "index_ptr": iptr,
            "index_topics": itopics,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], cfg: StoryConfig | None = None) -> StoryIndex:
        """The index that ``state()`` described (as read back from JSON)."""
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"story index state version {state.get('version')!r}, expected {STATE_VERSION}")
        idx = cls(cfg or StoryConfig())
        idx.doc_ids = list(state["doc_ids"])
        idx.terms = list(state["terms"])
        idx.vocab = {term: t for t, term in enumerate(idx.terms)}
        idx.df = array("i", state["df"])
        idx.doc_terms = [array("i", r) for r in _rows(state["doc_ptr"], state["doc_terms"])]
        idx.doc_weights = [array("f", r) for r in _rows(state["doc_ptr"], state["doc_weights"])]
        idx.doc_people = [array("i", r) for r in _rows(state["people_ptr"], state["people"])]
        idx.doc_names = [array("i", r) for r in _rows(state["names_ptr"], state["names"])]
        idx.doc_dates = [array("i", r) for r in _rows(state["dates_ptr"], state["dates"])]
        idx.doc_spoken = [array("i", r) for r in _rows(state["spoken_ptr"], state["spoken"])]
        idx.off_docs = set(state["off_docs"])
        idx.doc_day = list(state["doc_day"])
        idx.doc_topic = array("i", state["doc_topic"])
        idx.doc_story = array("i", state["doc_story"])
        tvec = zip(
            _rows(state["topic_ptr"], state["topic_terms"]),
            _rows(state["topic_ptr"], state["topic_weights"]),
            strict=False,
        )
        idx.topics = [
            TopicState(array("i", ts), array("f", ws), n, (lo, hi))
            for (ts, ws), n, lo, hi in zip(
                tvec, state["topic_n"], state["topic_lo"], state["topic_hi"], strict=False
            )
        ]
        idx.story_docs = [[] for _ in range(max(idx.doc_story, default=-1) + 1)]
        for d, (tp, s) in enumerate(zip(idx.doc_topic, idx.doc_story, strict=False)):
            idx.topics[tp].docs.append(d)
            idx.story_docs[s].append(d)
        idx.postings = {
            t: array("i", p)
            for t, p in zip(
                state["index_terms"], _rows(state["index_ptr"], state["index_topics"]), strict=False
            )
        }
        for d in range(idx.n_docs):
            idx._index_anchors(d)
        return idx

    # -- documents
    def _refresh_idf(self) -> None:
        """IDF of every term (and which terms are too common to count), for this add."""
        df = np.frombuffer(self.df, dtype=np.int32).astype(np.float64) if len(self.df) else np.zeros(0)
        self._idf = np.log((1 + self.n_docs) / (1 + df)) + 1.0
        self._common = df > self.cfg.max_df * self.n_docs if self.n_docs >= 20 else np.zeros(len(df), bool)
        self._idf_pow = self._idf**self.cfg.global_idf_power

    def _global_vec(self, d: int) -> Vec:
        idf, common = self._idf, self._common
        return _unit(
            {
                t: w * idf[t]
                for t, w in zip(self.doc_terms[d], self.doc_weights[d], strict=False)
                if not common[t]
            }
        )

    def _global_matrix(self, docs: list[int]) -> sp.csr_matrix:
        """The rows ``_global_vec`` gives for `docs`, built straight from the stored arrays."""
        indptr = np.zeros(len(docs) + 1, dtype=np.int64)
        np.cumsum([len(self.doc_terms[d]) for d in docs], out=indptr[1:])
        cols = np.concatenate([np.frombuffer(self.doc_terms[d], dtype=np.int32) for d in docs])
        vals = (
            np.concatenate([np.frombuffer(self.doc_weights[d], dtype=np.float32) for d in docs])
            * self._idf[cols]
        )
        vals[self._common[cols]] = 0.0
        X = sp.csr_matrix((vals, cols, indptr), shape=(len(docs), len(self._idf)))
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.diags(1.0 / norms) @ X

    def _term_ids(self, terms: Iterable[str]) -> list[int]:
        """Vocabulary ids of `terms` (new ones added), their document frequency counted."""
        ids = []
        for term in terms:
            t = self.vocab.get(term)
            if t is None:
                t = self.vocab[term] = len(self.vocab)
                self.terms.append(term)
                self.df.append(0)
            self.df[t] += 1
            ids.append(t)
        return ids

    def _store(self, rec: DocRecord) -> int:
        feats = features(rec, self.cfg)
        ids = self._term_ids(feats)
        self._titles[self.n_docs] = {t for t, term in zip(ids, feats, strict=False) if term.startswith("t:")}
        pairs = sorted(zip(ids, feats.values(), strict=False))
        people, names, dates, spoken = anchor_sets(rec)
        self.doc_terms.append(array("i", [t for t, _ in pairs]))
        self.doc_weights.append(array("f", [w for _, w in pairs]))
        self.doc_people.append(array("i", sorted(self._term_ids("^p:" + p for p in people))))
        self.doc_names.append(array("i", sorted(self._term_ids("^p:" + p for p in names - people))))
        self.doc_dates.append(array("i", sorted(self._term_ids("^d:" + x for x in dates))))
        self.doc_spoken.append(array("i", sorted(self._term_ids("^p:" + p for p in spoken))))
        self.doc_day.append(_day(rec))
        self.doc_ids.append(rec.document.id)
        self.doc_topic.append(-1)
        self.doc_story.append(-1)
        d = self.n_docs - 1
        if sum(1 for term in rec.terms if term[:1].isalpha()) < LOW_CONTENT_TERMS:
            self._low.append(d)
        else:
            body = {_stem(w) for term in rec.terms for w in _WORD.findall(term)}
            body.update(_stem(w) for m in rec.mentions for w in _WORD.findall(m.text.lower()))
            self._unsaid[d] = {
                t
                for t, term in zip(ids, feats, strict=False)
                if term.startswith("t:") and _stem(term[2:]) not in body
            }
        self._index_anchors(d)
        return d

    def _index_anchors(self, d: int) -> None:
        for index, ids in (
            (self.anchor_docs, (*self.doc_people[d], *self.doc_dates[d])),
            (self.name_docs, self.doc_names[d]),
            (self.spoken_docs, self.doc_spoken[d]),
        ):
            for t in ids:
                p = index.get(t)
                if p is None:
                    p = index[t] = array("i")
                p.append(d)

    def _off_title(self, new: list[int]) -> None:
        """Documents whose body does not report what their title says (the idf-weighted share
        of the title's words that the body uses below ``TITLE_BODY``: the page kept an
        unrelated text, a list of other stories or a weather notice, under the report's
        title) count as pages of little content (``_attach_by_title``)."""
        idf = self._idf
        for d in new:
            unsaid = self._unsaid.pop(d, None)
            title = self._titles.get(d)
            if unsaid is None or not title:
                continue
            total = sum(idf[t] for t in title)
            if total > 0 and 1.0 - sum(idf[t] for t in unsaid) / total < TITLE_BODY:
                self._low.append(d)
                self.off_docs.add(d)

    def _trim(self, d: int) -> None:
        """Keep a document's heaviest terms (by tf-idf) only, its title's words first (a page
        whose body is boilerplate keeps the words that say what it reports): the compact
        stored form."""
        title = self._titles.pop(d, set())
        keep = self.cfg.doc_terms
        if len(self.doc_terms[d]) <= keep:
            return
        idf = self._idf
        scored = sorted(
            zip(self.doc_terms[d], self.doc_weights[d], strict=False),
            key=lambda tw: (tw[0] not in title, -tw[1] * idf[tw[0]]),
        )[:keep]
        scored.sort()
        self.doc_terms[d] = array("i", [t for t, _ in scored])
        self.doc_weights[d] = array("f", [w for _, w in scored])

    # -- level 1
    def _assign_topics(self, new: list[int]) -> None:
        vecs = {d: self._global_vec(d) for d in new}
        groups: dict[int, Group] = {}
        fixed: set[int] = set()
        base = len(self.topics)
        for k, d in enumerate(new):
            groups[base + k] = Group(vecs[d], 1, (self.doc_day[d], self.doc_day[d]))  # merge() copies
        local = [vecs[d] for d in new]
        pairs = [
            (s, base + i, base + j)
            for s, i, j in similar_pairs(
                local, [self.doc_day[d] for d in new], self._near, self.cfg.floor, self.cfg.candidates
            )
        ]
        for k, d in enumerate(new):
            for tp in self._topic_candidates(vecs[d], self.doc_day[d]):
                if tp not in groups:
                    t = self.topics[tp]
                    groups[tp] = Group(t.vec(), t.n, t.span)
                    fixed.add(tp)
                pairs.append((_dot(vecs[d], groups[tp].vec) / self.topics[tp].n, tp, base + k))
        into = agglomerate(groups, fixed, pairs, self.cfg.topic_threshold, self._near)
        new_ids: dict[int, int] = {}
        for k, d in enumerate(new):
            g = into.get(base + k, base + k)
            if g >= base:
                if g not in new_ids:
                    new_ids[g] = len(self.topics)
                    self.topics.append(TopicState(array("i"), array("f"), 0, (None, None)))
                g = new_ids[g]
            self.doc_topic[d] = g
            self.topics[g].docs.append(d)
        for g, grp in groups.items():
            tid = new_ids.get(g, g) if g >= base else g
            if tid < len(self.topics) and (g < base or g in new_ids):
                self.topics[tid].set_vec(grp.vec)
                self.topics[tid].n, self.topics[tid].span = grp.n, grp.span
        for d in new:
            tp = self.doc_topic[d]
            for t in heapq.nlargest(self.cfg.index_terms, vecs[d], key=vecs[d].get):
                p = self.postings.get(t)
                if p is None:
                    p = self.postings[t] = array("i")
                if not p or p[-1] != tp:
                    p.append(tp)

    def _topic_candidates(self, vec: Vec, day: int | None) -> set[int]:
        """The ``candidates`` existing topics in the window that share most of the
        document's heaviest terms, among the ``RECENT_TOPICS`` latest of each term."""
        found: Counter = Counter()
        for t in heapq.nlargest(self.cfg.index_terms, vec, key=vec.get):
            p = self.postings.get(t)
            if p is not None:
                found.update(set(p[-RECENT_TOPICS:]))
        out: set[int] = set()
        for tp, _ in found.most_common():
            if _gap(self.topics[tp].span, (day, day)) <= self._near:
                out.add(tp)
                if len(out) == self.cfg.candidates:
                    break
        return out

    # -- level 2
    def _local_vecs(self, docs: list[int]) -> list[Vec]:
        """Unit vectors re-weighted by rarity inside the topic (`docs`)."""
        n = len(docs)
        ldf: Counter = Counter()
        for d in docs:
            ldf.update(self.doc_terms[d])
        limit = self.cfg.topic_max_df * n if n >= self.cfg.topic_min_docs else n + 1
        local = {
            t: (math.log((1 + n) / (1 + c)) + 1.0) * self._idf_pow[t] for t, c in ldf.items() if c <= limit
        }
        return [
            _unit(
                {
                    t: w * local[t]
                    for t, w in zip(self.doc_terms[d], self.doc_weights[d], strict=False)
                    if t in local
                }
            )
            for d in docs
        ]

    def _cluster_topic(self, tp: int, new: set[int]) -> None:
        docs = self.topics[tp].docs
        vecs = self._local_vecs(docs)
        days = [self.doc_day[d] for d in docs]
        pos = {d: i for i, d in enumerate(docs)}
        groups: dict[int, Group] = {}
        fixed: set[int] = set()
        base = len(self.story_docs)
        gid = [0] * len(docs)
        for i, d in enumerate(docs):
            if d in new:
                gid[i] = base + i
                groups[gid[i]] = Group(vecs[i], 1, (days[i], days[i]))  # merge() copies
        for i, d in enumerate(docs):
            if d not in new:
                s = self.doc_story[d]
                gid[i] = s
                g = groups.get(s)
                if g is None:
                    groups[s] = Group(dict(vecs[i]), 1, (days[i], days[i]))
                    fixed.add(s)
                else:
                    for t, x in vecs[i].items():
                        g.vec[t] = g.vec.get(t, 0.0) + x
                    g.n += 1
                    g.span = _merge_span(g.span, (days[i], days[i]))
        wanted = [d in new for d in docs]
        pairs = [
            (s, gid[i], gid[j])
            for s, i, j in similar_pairs(vecs, days, self._near, self.cfg.floor, self.cfg.candidates, wanted)
            if gid[i] != gid[j]
        ]
        into = agglomerate(groups, fixed, pairs, self.cfg.threshold, self._near, self.cfg.strong)
        self._attach_strays(groups, into, gid, vecs, days, new, docs)
        new_ids: dict[int, int] = {}
        for d in (d for d in docs if d in new):
            g = into.get(gid[pos[d]], gid[pos[d]])
            if g >= base:
                if g not in new_ids:
                    new_ids[g] = len(self.story_docs)
                    self.story_docs.append([])
                g = new_ids[g]
            self.doc_story[d] = g
            self.story_docs[g].append(d)

    def _attach_strays(
        self,
        groups: dict[int, Group],
        into: dict[int, int],
        gid: list[int],
        vecs: list[Vec],
        days: list[int | None],
        new: set[int],
        docs: list[int],
    ) -> None:
        """A new document left alone in its topic joins the topic's story it is most
        similar to (mean over its members) when that reaches `attach` x `threshold`."""
        if self.cfg.attach >= 1 or len(groups) < 2:
            return
        floor = self.cfg.attach * self.cfg.threshold
        for i, d in enumerate(docs):
            g = gid[i]
            if d not in new or g in into or groups[g].n != 1:
                continue
            best, link = None, floor
            for h, grp in groups.items():
                if h != g and grp.n > 1 and _gap(grp.span, (days[i], days[i])) <= self._near:
                    x = _dot(vecs[i], grp.vec) / grp.n
                    if x >= link:
                        best, link = h, x
            if best is not None:
                grp = groups[best]
                vec = dict(grp.vec)
                for t, x in vecs[i].items():
                    vec[t] = vec.get(t, 0.0) + x
                groups[best] = Group(vec, grp.n + 1, _merge_span(grp.span, (days[i], days[i])))
                into[g] = best
                del groups[g]

    # -- level 3
    def _far_pairs(self, new: list[int]) -> list[tuple[float, int, int]]:
        """(cosine, new document, other document) for the pairs published more than
        ``near_days`` and at most ``ANCHOR_REACH_FACTOR`` x ``far_days`` apart that share an
        anchor and are similar enough for it (collection TF-IDF): a date both mention
        (``topic_threshold``); a person both name, repeatedly in one of them at least
        (``topic_threshold``, plus ``far_margin`` beyond ``window_days``); a person one of
        them names only as a source and the other otherwise, when no other document names
        them (``SAID_MAX_DOCS``; ``far_margin`` more).  Each new document
        keeps the ``candidates`` others sharing most anchors (found through the anchor
        index), so the cost is bounded per document."""
        cfg = self.cfg
        reach = cfg.far_days * ANCHOR_REACH_FACTOR
        empty = array("i")
        cand: list[tuple[int, int, float]] = []
        for d in new:
            day = self.doc_day[d]
            if day is None:
                continue
            shared: Counter = Counter()
            bar: dict[int, float] = {}
            for kind, t in self._far_anchors(d):
                often, once = self.anchor_docs.get(t, empty), self.name_docs.get(t, empty)
                said = self.spoken_docs.get(t, empty)
                if len(often) + len(once) + len(said) > ANCHOR_MAX_DOCS:
                    continue
                if len(often) + len(once) + len(said) > SAID_MAX_DOCS:
                    if kind == "said":
                        continue
                    said = empty
                # a date: documents that mention it; a person named repeatedly: documents
                # that name them at all; a person named once: documents naming them
                # repeatedly; either also documents naming them as a source (a weaker tie),
                # and a person named as a source: documents naming them otherwise
                if kind == "said":
                    links = [(e, True) for e in (*often, *once)]
                else:
                    links = [(e, False) for e in ((*often, *once) if kind == "person" else often)]
                    links += [(e, True) for e in said]
                for e, weak in links:
                    de = self.doc_day[e]
                    if e == d or de is None or not self._near < abs(de - day) <= reach:
                        continue
                    shared[e] += 1
                    need = cfg.topic_threshold
                    if kind != "date" and abs(de - day) > cfg.window_days:
                        need += cfg.far_margin
                    if weak:
                        need += cfg.far_margin
                    bar[e] = min(bar.get(e, need), need)
            cand.extend((d, e, bar[e]) for e, _ in shared.most_common(cfg.candidates))
        if not cand:
            return []
        docs = sorted({d for d, _, _ in cand} | {e for _, e, _ in cand})
        row = {d: i for i, d in enumerate(docs)}
        X = self._global_matrix(docs)
        a = X[[row[d] for d, _, _ in cand]]
        b = X[[row[e] for _, e, _ in cand]]
        cos = np.asarray(a.multiply(b).sum(axis=1)).ravel()
        return [(float(s), d, e) for (d, e, need), s in zip(cand, cos, strict=False) if s >= need]

    def _far_anchors(self, d: int) -> Iterable[tuple[str, int]]:
        """A document's anchors, each with its kind: "person" (named repeatedly), "name"
        (a person named once), "date" or "said" (a person named only as a source)."""
        for t in self.doc_people[d]:
            yield "person", t
        for t in self.doc_names[d]:
            yield "name", t
        for t in self.doc_dates[d]:
            yield "date", t
        for t in self.doc_spoken[d]:
            yield "said", t

    def _link_far(self, new: list[int], base: int) -> None:
        """Join the stories that anchored follow-up pairs (``_far_pairs``) tie together, the
        strongest pair first, when the joined story spans at most ``ANCHOR_REACH_FACTOR`` x
        ``far_days`` and the two stories' mean collection similarity reaches
        ``topic_threshold``.  Stories older than this add (below `base`) never merge with
        each other; the stories of this add are renumbered from `base` afterwards."""
        parent: dict[int, int] = {}
        spans: dict[int, Span] = {}

        def root(s: int) -> int:
            while s in parent:
                s = parent[s]
            return s

        sums: dict[int, Vec] = {}

        def vec(s: int) -> Vec:
            if s not in sums:
                v: Vec = {}
                for d in self.story_docs[s]:
                    for t, x in self._global_vec(d).items():
                        v[t] = v.get(t, 0.0) + x
                sums[s] = v
            return sums[s]

        def span(s: int) -> Span:
            if s not in spans:
                days = [self.doc_day[d] for d in self.story_docs[s] if self.doc_day[d] is not None]
                spans[s] = (min(days), max(days)) if days else (None, None)
            return spans[s]

        for _, d, e in sorted(self._far_pairs(new), reverse=True):
            a, b = root(self.doc_story[d]), root(self.doc_story[e])
            if a == b or (a < base and b < base):
                continue
            joint = _merge_span(span(a), span(b))
            if joint[0] is not None and joint[1] - joint[0] > self.cfg.far_days * ANCHOR_REACH_FACTOR:
                continue
            if (
                _dot(vec(a), vec(b)) / (len(self.story_docs[a]) * len(self.story_docs[b]))
                < self.cfg.topic_threshold
            ):
                continue
            keep, gone = (
                (a, b)
                if a < base or (b >= base and len(self.story_docs[a]) >= len(self.story_docs[b]))
                else (b, a)
            )
            parent[gone] = keep
            spans[keep] = joint
            va, vb = vec(keep), vec(gone)
            for t, x in vb.items():
                va[t] = va.get(t, 0.0) + x
            self.story_docs[keep] = sorted(self.story_docs[keep] + self.story_docs[gone])
            self.story_docs[gone] = []
        if not parent:
            return
        for s in {root(s) for s in parent}:  # the joined stories' documents point to them
            for d in self.story_docs[s]:
                self.doc_story[d] = s
        self._renumber(base)

    # -- level 4
    def _attach_by_title(self, low: list[int], base: int) -> None:
        """Each story of this add made only of new documents of little content or of a body
        that does not report their title (`low`; at most ``LOW_STORY_MAX`` of them) joins the
        story of the report published within ``near_days`` of one of them that covers the most
        of that one's title words (idf-weighted share among the reports of those days, at least
        ``TITLE_COVER``; words compared folded, on their first ``STEM`` letters), provided
        one of the covered words is part of a name that report mentions and at most
        ``TITLE_NAME_MAX_DOCS`` of those reports use.  A page and its copies (one title) join
        whole; pages of different titles, which met on a body they share (the same unrelated
        text under each), join each on its own.  A document of ``off_docs`` (its body does not
        report its title) is never the one that covers a title: its words are not its own.
        Only the reports within ``near_days`` of such a document are looked at."""
        lowset = set(low)
        units = sorted({self.doc_story[d] for d in low if self.doc_story[d] >= base})
        units = [
            s
            for s in units
            if len(self.story_docs[s]) <= LOW_STORY_MAX and all(e in lowset for e in self.story_docs[s])
        ]
        inv = self.terms
        # a page and its copies (one title) move whole; pages of different titles that
        # joined on a body they share (the same unrelated text) move each on its own
        parts: list[list[int]] = []
        for s in units:
            members = self.story_docs[s]
            if len({frozenset(self._title_ids(d)) for d in members}) == 1:
                parts.append(list(members))
            else:
                parts.extend([d] for d in members)
        low = [d for part in parts for d in part if self.doc_day[d] is not None]
        if not low:
            return
        by_day: dict[int, list[int]] = defaultdict(list)
        for d, day in enumerate(self.doc_day):
            if day is not None:
                by_day[day].append(d)
        near = self._near
        days = {k for d in low for k in range(self.doc_day[d] - near, self.doc_day[d] + near + 1)}
        words: dict[int, set[str]] = {}
        names: dict[int, set[str]] = {}
        for d in (d for k in days for d in by_day.get(k, ())):
            w: set[str] = set()
            n: set[str] = set()
            for t in self.doc_terms[d]:
                term = inv[t]
                if term.startswith("@"):
                    n.update(x[:STEM] for x in _WORD.findall(term[1:]))
                elif term.startswith("t:"):
                    w.add(_stem(term[2:]))
                elif term[:1].isalpha():
                    w.add(_stem(term))
            words[d], names[d] = w | n, n
        df = Counter(x for w in words.values() for x in w)
        idf = {x: math.log((1 + len(words)) / (1 + c)) + 1.0 for x, c in df.items()}
        moved = False
        for members in parts:
            s = self.doc_story[members[0]]
            best, cover = -1, TITLE_COVER
            for d in members:
                day = self.doc_day[d]
                if day is None:
                    continue
                title = {_stem(inv[t][2:]) for t in self._title_ids(d)}
                total = sum(idf[x] for x in title)
                if total <= 0:
                    continue
                for e in (e for k in range(day - near, day + near + 1) for e in by_day.get(k, ())):
                    if (
                        self.doc_story[e] == s
                        or e in self.off_docs
                        or not any(x in names[e] and df[x] <= TITLE_NAME_MAX_DOCS for x in title)
                    ):
                        continue
                    share = sum(idf[x] for x in title if x in words[e]) / total
                    if share >= cover:
                        best, cover = self.doc_story[e], share
            if best >= 0:
                self.story_docs[best] = sorted(self.story_docs[best] + members)
                for d in members:
                    self.doc_story[d] = best
                self.story_docs[s] = [d for d in self.story_docs[s] if d not in members]
                moved = True
        if moved:
            self._renumber(base)

    def _title_ids(self, d: int) -> list[int]:
        """The term ids of document `d`'s title words (``t:``) that its stored terms hold."""
        return [t for t in self.doc_terms[d] if self.terms[t].startswith("t:")]

    def _renumber(self, base: int) -> None:
        """The stories of this add (from `base`) that a move emptied dropped, the others
        renumbered in order."""
        kept = [docs for docs in self.story_docs[base:] if docs]
        del self.story_docs[base:]
        self.story_docs.extend(kept)
        for s, docs in enumerate(kept, base):
            for d in docs:
                self.doc_story[d] = s

    def add(self, records: list[DocRecord]) -> list[int]:
        """Assign each new record to a story; returns story indexes (into ``story_docs``).
        Many records are added in batches of ``CHUNK`` in order of publication, so that
        memory and time stay bounded per batch."""
        if len(records) <= CHUNK:
            return self._add(records)
        order = sorted(range(len(records)), key=lambda i: (_day(records[i]) is None, _day(records[i]) or 0))
        out = [0] * len(records)
        for c in range(0, len(order), CHUNK):
            part = order[c : c + CHUNK]
            for i, sid in zip(part, self._add([records[i] for i in part]), strict=False):
                out[i] = sid
        return out

    def _add(self, records: list[DocRecord]) -> list[int]:
        new = [self._store(r) for r in records]
        if not new:
            return []
        self._refresh_idf()
        self._off_title(new)
        for d in new:
            self._trim(d)
        stories = len(self.story_docs)
        self._assign_topics(new)
        newset = set(new)
        for tp in sorted({self.doc_topic[d] for d in new}):
            docs = self.topics[tp].docs
            if len(docs) == 1:  # a topic of one document: a story of one
                self.doc_story[docs[0]] = len(self.story_docs)
                self.story_docs.append([docs[0]])
            else:
                self._cluster_topic(tp, newset)
        self._link_far(new, stories)
        low, self._low = self._low, []
        self._attach_by_title(low, stories)
        return [self.doc_story[d] for d in new]


# ---------------------------------------------------------------- the pipeline's entry points


def cluster(records: list[DocRecord], cfg: StoryConfig) -> list[list[int]]:
    """Groups of indexes into `records`, one group per story (largest first)."""
    if not records:
        return []
    index = StoryIndex(cfg)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, sid in enumerate(index.add(records)):
        groups[sid].append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def cluster_incremental(
    records: list[DocRecord], cfg: StoryConfig, state: dict[str, Any] | None
) -> tuple[list[list[int]], dict[str, Any]]:
    """Groups as :func:`cluster` gives them, and the index's new state, continuing from a
    saved index `state`: only the records it does not hold are added (joining its stories
    or starting new ones); its stories never split.  A state that cannot be read, or that
    names a document no longer among `records`, is set aside and the index built afresh."""
    pos = {r.document.id: i for i, r in enumerate(records)}
    index = None
    if state is not None:
        try:
            index = StoryIndex.from_state(state, cfg)
        except (ValueError, KeyError, TypeError, IndexError):
            index = None
        if index is not None and not all(d in pos for d in index.doc_ids):
            index = None
    index = index or StoryIndex(cfg)
    known = set(index.doc_ids)
    index.add([r for r in records if r.document.id not in known])
    groups = [sorted(pos[index.doc_ids[d]] for d in docs) for docs in index.story_docs if docs]
    return sorted(groups, key=lambda g: (-len(g), g[0])), index.state()


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
