"""Story clustering: group documents that report the same event.

Features.  Each document is a sparse vector over its content lemmas, the names it mentions
(folded as in entity resolution; surnames too), the years, numbers and calendar dates it
mentions, each kind with its own weight (``StoryConfig``), kept to its heaviest terms.
Ids, file names and URLs are never features.

Two levels, both group-average agglomerative clustering: two groups merge while the mean
cosine over their cross pairs of documents reaches a threshold (for unit vectors that mean
is ``S_a . S_b / (n_a n_b)``, ``S`` the sum of a group's vectors, so a group is one sum
and a size).  Groups whose publication dates lie more than ``window_days`` apart merge
only with a margin of similarity (``far_margin``), and beyond ``far_days`` never.

1. Topics: TF-IDF over the whole collection, threshold ``topic_threshold``: documents
   about the same kind of event in the same period (two earthquakes, two shootings).
2. Stories inside a topic: the vectors re-weighted by how rare each term is *within the
   topic* (terms every member shares - "earthquake", the region - lose weight, while the
   names, places, numbers and dates that tell one event from the other keep it),
   threshold ``threshold``; a pair of documents at least ``strong`` similar joins at once,
   and a document left alone joins the topic's closest story when close enough (``attach``).

Incremental (``StoryIndex.add``, which ``cluster`` calls once): new documents join existing topics (found through an
inverted index, term -> topics) or start new ones; each touched topic is re-clustered with
its existing stories as fixed groups that new documents may join (existing stories never
merge with each other, and no document changes story).  The state is compact: document
frequencies, each document's truncated vector (term ids and weights), topic sums and the
inverted index.  Cost is bounded by the date window and the candidates kept per document.
"""
from __future__ import annotations

import heapq
import math
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import scipy.sparse as sp

from ..config import StoryConfig
from ..records import DocRecord
from .entities import name_key

#: Mention labels that give name features.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})

Vec = dict[int, float]
Span = tuple[int | None, int | None]


# ---------------------------------------------------------------- features

def features(rec: DocRecord, cfg: StoryConfig) -> dict[str, float]:
    """Weighted term frequencies of one document (before IDF): lemmas, names (prefix
    ``@``), years (``#y:``), numbers (``#n:``) and mentioned calendar dates (``#d:``)."""
    out: dict[str, float] = {}
    for term, n in rec.terms.items():
        w = (cfg.year_weight if term.startswith("#y:") else cfg.number_weight if term.startswith("#n:")
             else cfg.predicate_weight if term.startswith("~") else 1.0)
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
    return out


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


# ---------------------------------------------------------------- candidate pairs

def similar_pairs(vecs: list[Vec], days: list[int | None], window: int, floor: float, k: int,
                  wanted: list[bool] | None = None) -> list[tuple[float, int, int]]:
    """(cosine, i, j), i < j, for each document's `k` most similar others above `floor`
    whose publication dates lie within `window` days (undated documents are compared with
    all).  Only rows flagged in `wanted` (default: all) are searched.  Sparse products
    over date-sorted blocks, never the full square of a large dated collection."""
    n = len(vecs)
    if n < 2:
        return []
    rows, cols, vals = [], [], []
    for i, v in enumerate(vecs):
        rows.extend([i] * len(v))
        cols.extend(v.keys())
        vals.extend(v.values())
    ncol = (max(cols) + 1) if cols else 1
    X = sp.csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=(n, ncol))
    dated = sorted((d, i) for i, d in enumerate(days) if d is not None)
    order = [i for _, i in dated]
    dvals = np.array([d for d, _ in dated], dtype=np.int64)
    undated = [i for i, d in enumerate(days) if d is None]
    want = wanted or [True] * n
    out: list[tuple[float, int, int]] = []
    step = 512
    for c0 in range(0, len(order), step):
        block = [i for i in order[c0:c0 + step] if want[i]]
        if block:
            lo = np.searchsorted(dvals, dvals[c0] - window, "left")
            hi = np.searchsorted(dvals, dvals[min(c0 + step, len(order)) - 1] + window, "right")
            _top(X, block, order[lo:hi] + undated, days, window, floor, k, out)
    for c0 in range(0, len(undated), step):
        block = [i for i in undated[c0:c0 + step] if want[i]]
        if block:
            _top(X, block, list(range(n)), days, window, floor, k, out)
    return out


def _top(X, block: list[int], cand: list[int], days, window: int, floor: float, k: int, out: list) -> None:
    """Append the best candidate pairs of each row of `block` to `out` (sparse product)."""
    S = (X[block] @ X[cand].T).tocsr()
    cand_a = np.array(cand)
    none = -(10 ** 9)
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


def agglomerate(groups: dict[int, Group], fixed: set[int], pairs: list[tuple[float, int, int]],
                threshold: float, window: int, strong: float = 2.0, far_days: int = 0,
                far_margin: float = 0.0) -> dict[int, int]:
    """Group-average agglomeration over candidate `pairs` (similarity, group, group).

    Groups in `fixed` (existing stories) never merge with each other, nor groups more than
    `window` days apart, unless they are at most `far_days` apart and their mean reaches
    `threshold + far_margin`.  A pair at least `strong` similar (inside the window) merges
    first whatever the group mean.  The mean similarity of a merged group to a neighbour
    is updated from the two parts' means (Lance-Williams), a pair that was never a
    candidate counting as 0.  Returns {merged group: the group it went into}; `groups` is
    updated in place (their sums too, which is what a story keeps)."""
    reach = max(window, far_days)
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
        vec = ga.vec if keep in owned else dict(ga.vec)   # never write into a caller's vector
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
        return a != b and not (a in fixed and b in fixed) and _gap(groups[a].span, groups[b].span) <= reach

    for s, a, b in sorted(pairs, reverse=True):
        if s < strong:
            break
        a, b = root(a), root(b)
        if allowed(a, b) and _gap(groups[a].span, groups[b].span) <= window:
            merge(a, b)
    for s, a, b in pairs:
        a, b = root(a), root(b)
        if a != b and b not in links[a]:
            link = s if groups[a].n == groups[b].n == 1 else _dot(groups[a].vec, groups[b].vec) / (groups[a].n * groups[b].n)
            links[a][b] = links[b][a] = link
    # heap entries carry the versions of their two groups: an entry older than either
    # group is stale (a fresh one was queued when the group last changed)
    version: Counter = Counter()
    heap = [(-link, a, b, 0, 0) for a, lk in links.items() for b, link in lk.items() if a < b and link >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b, va, vb = heapq.heappop(heap)
        if a in parent or b in parent or version[a] != va or version[b] != vb or not allowed(a, b):
            continue
        if -neg < threshold + far_margin and _gap(groups[a].span, groups[b].span) > window:
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
    """A topic: the sum of its documents' (collection TF-IDF) unit vectors, its size,
    date range, documents and stories."""
    vec: Vec
    n: int
    span: Span
    docs: list[int] = field(default_factory=list)


@dataclass
class StoryIndex:
    """Incremental story clustering over compact, picklable state.

    ``add(records)`` returns, for each new record, its story: an index into ``story_docs``
    (the documents of every story, as indexes in order of addition)."""
    cfg: StoryConfig = field(default_factory=StoryConfig)
    vocab: dict[str, int] = field(default_factory=dict)
    df: array = field(default_factory=lambda: array("i"))
    doc_terms: list[array] = field(default_factory=list)     # term ids of each document
    doc_weights: list[array] = field(default_factory=list)   # their weighted tf
    doc_day: list[int | None] = field(default_factory=list)
    doc_topic: array = field(default_factory=lambda: array("i"))
    doc_story: array = field(default_factory=lambda: array("i"))
    topics: list[TopicState] = field(default_factory=list)
    story_docs: list[list[int]] = field(default_factory=list)
    postings: dict[int, array] = field(default_factory=dict)  # term id -> topics

    @property
    def _reach(self) -> int:
        return max(self.cfg.window_days, self.cfg.far_days)

    @property
    def n_docs(self) -> int:
        return len(self.doc_terms)

    def __getstate__(self) -> dict:
        """The persisted state: without the IDF arrays derived from it at each add."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_idf", "_common", "_idf_pow")}

    def _refresh_idf(self) -> None:
        """IDF of every term (and which terms are too common to count), for this add."""
        df = np.frombuffer(self.df, dtype=np.int32).astype(np.float64) if len(self.df) else np.zeros(0)
        self._idf = np.log((1 + self.n_docs) / (1 + df)) + 1.0
        self._common = df > self.cfg.max_df * self.n_docs if self.n_docs >= 20 else np.zeros(len(df), bool)
        self._idf_pow = self._idf ** self.cfg.global_idf_power

    def _global_vec(self, d: int) -> Vec:
        idf, common = self._idf, self._common
        return _unit({t: w * idf[t] for t, w in zip(self.doc_terms[d], self.doc_weights[d]) if not common[t]})

    def _store(self, rec: DocRecord) -> int:
        feats = features(rec, self.cfg)
        ids = []
        for term in feats:
            t = self.vocab.get(term)
            if t is None:
                t = self.vocab[term] = len(self.vocab)
                self.df.append(0)
            self.df[t] += 1
            ids.append(t)
        pairs = sorted(zip(ids, feats.values()))
        self.doc_terms.append(array("i", [t for t, _ in pairs]))
        self.doc_weights.append(array("f", [w for _, w in pairs]))
        self.doc_day.append(_day(rec))
        self.doc_topic.append(-1)
        self.doc_story.append(-1)
        return self.n_docs - 1

    def _trim(self, d: int) -> None:
        """Keep a document's heaviest terms (by tf-idf) only: the compact stored form."""
        keep = self.cfg.doc_terms
        if len(self.doc_terms[d]) <= keep:
            return
        idf = self._idf
        scored = sorted(zip(self.doc_terms[d], self.doc_weights[d]), key=lambda tw: -tw[1] * idf[tw[0]])[:keep]
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
            groups[base + k] = Group(dict(vecs[d]), 1, (self.doc_day[d], self.doc_day[d]))
        local = [vecs[d] for d in new]
        pairs = [(s, base + i, base + j) for s, i, j in similar_pairs(
            local, [self.doc_day[d] for d in new], self._reach, self.cfg.floor, self.cfg.candidates)]
        for k, d in enumerate(new):
            for tp in self._topic_candidates(vecs[d], self.doc_day[d]):
                if tp not in groups:
                    t = self.topics[tp]
                    groups[tp] = Group(t.vec, t.n, t.span)
                    fixed.add(tp)
                pairs.append((_dot(vecs[d], self.topics[tp].vec) / self.topics[tp].n, tp, base + k))
        into = agglomerate(groups, fixed, pairs, self.cfg.topic_threshold, self.cfg.window_days,
                           far_days=self.cfg.far_days, far_margin=self.cfg.far_margin)
        new_ids: dict[int, int] = {}
        for k, d in enumerate(new):
            g = into.get(base + k, base + k)
            if g >= base:
                if g not in new_ids:
                    new_ids[g] = len(self.topics)
                    self.topics.append(TopicState({}, 0, (None, None)))
                g = new_ids[g]
            self.doc_topic[d] = g
            self.topics[g].docs.append(d)
        for g, grp in groups.items():
            tid = new_ids.get(g, g) if g >= base else g
            if tid < len(self.topics) and (g < base or g in new_ids):
                self.topics[tid].vec, self.topics[tid].n, self.topics[tid].span = grp.vec, grp.n, grp.span
        for d in new:
            tp = self.doc_topic[d]
            for t in heapq.nlargest(self.cfg.index_terms, vecs[d], key=vecs[d].get):
                p = self.postings.get(t)
                if p is None:
                    p = self.postings[t] = array("i")
                if not p or p[-1] != tp:
                    p.append(tp)

    def _topic_candidates(self, vec: Vec, day: int | None) -> set[int]:
        """Existing topics sharing one of the document's heaviest terms, in the window."""
        found: Counter = Counter()
        for t in heapq.nlargest(self.cfg.index_terms, vec, key=vec.get):
            p = self.postings.get(t)
            if p is not None:
                found.update(set(p))
        return {tp for tp, _ in found.most_common(self.cfg.candidates)
                if _gap(self.topics[tp].span, (day, day)) <= self._reach}

    # -- level 2
    def _local_vecs(self, docs: list[int]) -> list[Vec]:
        """Unit vectors re-weighted by rarity inside the topic (`docs`)."""
        n = len(docs)
        ldf: Counter = Counter()
        for d in docs:
            ldf.update(self.doc_terms[d])
        limit = self.cfg.topic_max_df * n if n >= self.cfg.topic_min_docs else n + 1
        local = {t: (math.log((1 + n) / (1 + c)) + 1.0) * self._idf_pow[t] for t, c in ldf.items() if c <= limit}
        return [_unit({t: w * local[t] for t, w in zip(self.doc_terms[d], self.doc_weights[d]) if t in local})
                for d in docs]

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
                groups[gid[i]] = Group(dict(vecs[i]), 1, (days[i], days[i]))
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
        pairs = [(s, gid[i], gid[j]) for s, i, j in similar_pairs(
            vecs, days, self._reach, self.cfg.floor, self.cfg.candidates, wanted) if gid[i] != gid[j]]
        into = agglomerate(groups, fixed, pairs, self.cfg.threshold, self.cfg.window_days, self.cfg.strong,
                           self.cfg.far_days, self.cfg.far_margin)
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

    def _attach_strays(self, groups: dict[int, Group], into: dict[int, int], gid: list[int],
                       vecs: list[Vec], days: list[int | None], new: set[int], docs: list[int]) -> None:
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
                if h != g and grp.n > 1 and _gap(grp.span, (days[i], days[i])) <= self.cfg.window_days:
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

    def add(self, records: list[DocRecord]) -> list[int]:
        """Assign each new record to a story; returns story indexes (into ``story_docs``)."""
        new = [self._store(r) for r in records]
        if not new:
            return []
        self._refresh_idf()
        for d in new:
            self._trim(d)
        self._assign_topics(new)
        newset = set(new)
        for tp in sorted({self.doc_topic[d] for d in new}):
            docs = self.topics[tp].docs
            if len(docs) == 1:                  # a topic of one document: a story of one
                self.doc_story[docs[0]] = len(self.story_docs)
                self.story_docs.append([docs[0]])
            else:
                self._cluster_topic(tp, newset)
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


def title(records: list[DocRecord]) -> str:
    """A title for a story: the most common document title; failing that the first line
    of the earliest document when it reads like a headline, else its first sentence."""
    titles = Counter(r.document.title.strip() for r in records if r.document.title and r.document.title.strip())
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
