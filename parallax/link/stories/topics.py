"""Phase 1, topics: documents about the same kind of event in the same period (two
earthquakes, two shootings), by group-average agglomeration of collection TF-IDF vectors at
``topic_threshold`` within ``near_days``.  New documents join existing topics (found through
an inverted index, term -> topics, ``RECENT_TOPICS`` latest per term) or start new ones."""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING

from . import postings
from .agglomerate import Group, agglomerate, settle
from .vectors import Span, Vec, dot, similar_pairs

if TYPE_CHECKING:
    from .batch import Batch
    from .index import StoryIndex

#: topics looked at per term when a new document looks for its topic (the latest: a topic
#: is made and extended in publication order, so older ones are mostly out of the window).
RECENT_TOPICS = 256


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


def assign(ix: StoryIndex, batch: Batch) -> None:
    """Each new document's topic (``ix.doc_topic``), topics' sums and the inverted index updated."""
    new = batch.new
    cfg = ix.cfg
    vecs = {d: batch.global_vec(d) for d in new}
    heavy = {d: _heaviest(v, cfg.index_terms) for d, v in vecs.items()}
    groups: dict[int, Group] = {}
    fixed: set[int] = set()
    base = len(ix.topics)
    for k, d in enumerate(new):
        groups[base + k] = Group(vecs[d], 1, (ix.doc_day[d], ix.doc_day[d]))  # merge() copies
    local = [vecs[d] for d in new]
    pairs = [
        (s, base + i, base + j)
        for s, i, j in similar_pairs(local, [ix.doc_day[d] for d in new], ix.near, cfg.floor, cfg.candidates)
    ]
    for k, d in enumerate(new):
        for tp in candidates(ix, heavy[d], ix.doc_day[d]):
            if tp not in groups:
                topic = ix.topics[tp]
                groups[tp] = Group(topic.vec(), topic.n, topic.span)
                fixed.add(tp)
            pairs.append((dot(vecs[d], groups[tp].vec) / ix.topics[tp].n, tp, base + k))
    into = agglomerate(groups, fixed, pairs, cfg.topic_threshold, ix.near)
    new_ids: dict[int, int] = {}

    def make() -> int:
        ix.topics.append(TopicState(array("i"), array("f"), 0, (None, None)))
        return len(ix.topics) - 1

    ids = [base + k for k in range(len(new))]
    for d, gid, g in zip(new, ids, settle(into, ids, base, make), strict=True):
        new_ids[into.get(gid, gid)] = g
        ix.doc_topic[d] = g
        ix.topics[g].docs.append(d)
    for g, grp in groups.items():
        tid = new_ids.get(g, g) if g >= base else g
        if tid < len(ix.topics) and (g < base or g in new_ids):
            ix.topics[tid].set_vec(grp.vec)
            ix.topics[tid].n, ix.topics[tid].span = grp.n, grp.span
    for d in new:
        tp = ix.doc_topic[d]
        for t in heavy[d]:
            postings.add(ix.postings, t, tp, once=True)


def _heaviest(vec: Vec, k: int) -> list[int]:
    """The `k` heaviest terms of `vec` (ties in the vector's order, as ``heapq.nlargest``)."""
    return [t for t, _ in sorted(vec.items(), key=itemgetter(1), reverse=True)[:k]]


def candidates(ix: StoryIndex, heavy: list[int], day: int | None) -> set[int]:
    """The ``candidates`` existing topics in the window that share most of the
    document's heaviest terms, among the ``RECENT_TOPICS`` latest of each term."""
    found: Counter = Counter()
    for t in heavy:
        p = postings.get(ix.postings, t)
        if p:
            found.update(set(p[-RECENT_TOPICS:]))
    out: set[int] = set()
    near, limit, topics = ix.near, ix.cfg.candidates, ix.topics
    for tp, _ in found.most_common():
        lo, hi = topics[tp].span
        # within near_days of the topic's span (``gap``, inlined: this loop is hot)
        if day is None or lo is None or hi is None or (day - hi <= near and lo - day <= near):
            out.add(tp)
            if len(out) == limit:
                break
    return out
