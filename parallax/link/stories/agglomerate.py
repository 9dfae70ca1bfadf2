"""Group-average agglomerative clustering over candidate pairs, inside a publication window.

Two groups merge while the mean cosine over their cross pairs of documents reaches a
threshold (for unit vectors that mean is ``S_a . S_b / (n_a n_b)``, ``S`` the sum of a
group's vectors, so a group is one sum and a size), and never when their publication dates
lie more than a window apart."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .vectors import Span, Vec, dot, gap, merge_span


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
        groups[keep] = Group(vec, ga.n + gb.n, merge_span(ga.span, gb.span))
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
        return a != b and not (a in fixed and b in fixed) and gap(groups[a].span, groups[b].span) <= window

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
                else dot(groups[a].vec, groups[b].vec) / (groups[a].n * groups[b].n)
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


def settle(into: dict[int, int], ids: Iterable[int], base: int, make: Callable[[], int]) -> list[int]:
    """The final group of each of `ids` after ``agglomerate`` (`into`): a group below `base` (one
    that existed before) keeps its id; the others get new ids from `make`, one per group, in order
    of first appearance."""
    made: dict[int, int] = {}
    out = []
    for g in ids:
        g = into.get(g, g)
        if g >= base:
            if g not in made:
                made[g] = make()
            g = made[g]
        out.append(g)
    return out
