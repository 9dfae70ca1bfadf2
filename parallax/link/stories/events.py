"""Phase 2, stories inside a topic: the vectors re-weighted by how rare each term is *within
the topic* (terms every member shares - "earthquake", the region - lose weight, while the
names, places, numbers and dates that tell one event from the other keep it), then
group-average agglomeration at ``threshold`` within ``near_days``; a pair of documents at
least ``strong`` similar joins at once, and a document left alone joins the topic's closest
story when close enough (``attach``).  The topic's saved stories are fixed groups that new
documents may join (they never merge with each other)."""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from .agglomerate import Group, agglomerate, settle
from .vectors import Vec, add_into, dot, gap, merge_span, similar_pairs, unit

if TYPE_CHECKING:
    from .batch import Batch
    from .index import StoryIndex
    from .merger import Merger


def local_vecs(ix: StoryIndex, batch: Batch, docs: list[int]) -> list[Vec]:
    """Unit vectors re-weighted by rarity inside the topic (`docs`)."""
    cfg = ix.cfg
    n = len(docs)
    ldf: Counter = Counter()
    for d in docs:
        ldf.update(ix.doc_terms[d])
    limit = cfg.topic_max_df * n if n >= cfg.topic_min_docs else n + 1
    local = {t: (math.log((1 + n) / (1 + c)) + 1.0) * batch.idf_pow[t] for t, c in ldf.items() if c <= limit}
    return [
        unit(
            {t: w * local[t] for t, w in zip(ix.doc_terms[d], ix.doc_weights[d], strict=False) if t in local}
        )
        for d in docs
    ]


def cluster_topic(ix: StoryIndex, batch: Batch, tp: int, merger: Merger) -> None:
    """Place the new documents of topic `tp` in its stories or in new ones."""
    docs = ix.topics[tp].docs
    if len(docs) == 1:  # a topic of one document: a story of one
        merger.place(docs[0], merger.new_story())
        return
    new = set(batch.new)
    vecs = local_vecs(ix, batch, docs)
    days = [ix.doc_day[d] for d in docs]
    pos = {d: i for i, d in enumerate(docs)}
    groups: dict[int, Group] = {}
    fixed: set[int] = set()
    base = len(ix.story_docs)
    gid = [0] * len(docs)
    for i, d in enumerate(docs):
        if d in new:
            gid[i] = base + i
            groups[gid[i]] = Group(vecs[i], 1, (days[i], days[i]))  # merge() copies
    for i, d in enumerate(docs):
        if d not in new:
            s = ix.doc_story[d]
            gid[i] = s
            grp = groups.get(s)
            if grp is None:
                groups[s] = Group(dict(vecs[i]), 1, (days[i], days[i]))
                fixed.add(s)
            else:
                add_into(grp.vec, vecs[i])
                grp.n += 1
                grp.span = merge_span(grp.span, (days[i], days[i]))
    wanted = [d in new for d in docs]
    pairs = [
        (s, gid[i], gid[j])
        for s, i, j in similar_pairs(vecs, days, ix.near, ix.cfg.floor, ix.cfg.candidates, wanted)
        if gid[i] != gid[j]
    ]
    into = agglomerate(groups, fixed, pairs, ix.cfg.threshold, ix.near, ix.cfg.strong)
    _attach_strays(ix, groups, into, gid, vecs, days, new, docs)
    placed = [d for d in docs if d in new]
    for d, g in zip(placed, settle(into, (gid[pos[d]] for d in placed), base, merger.new_story), strict=True):
        merger.place(d, g)


def _attach_strays(
    ix: StoryIndex,
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
    cfg = ix.cfg
    if cfg.attach >= 1 or len(groups) < 2:
        return
    floor = cfg.attach * cfg.threshold
    for i, d in enumerate(docs):
        g = gid[i]
        if d not in new or g in into or groups[g].n != 1:
            continue
        best, link = None, floor
        for h, grp in groups.items():
            if h != g and grp.n > 1 and gap(grp.span, (days[i], days[i])) <= ix.near:
                x = dot(vecs[i], grp.vec) / grp.n
                if x >= link:
                    best, link = h, x
        if best is not None:
            grp = groups[best]
            vec = dict(grp.vec)
            for t, x in vecs[i].items():
                vec[t] = vec.get(t, 0.0) + x
            groups[best] = Group(vec, grp.n + 1, merge_span(grp.span, (days[i], days[i])))
            into[g] = best
            del groups[g]
