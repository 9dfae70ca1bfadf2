"""Phase 3, follow-ups (an arrest days later, a trial, a sentencing, an anniversary, months or
years later): beyond ``near_days`` two stories join only on anchored evidence, a document of
each that mention the same calendar date or name the same person, repeatedly in one of them
at least, not as a source (``features.anchor_sets``; the dates of a list of many dated events
tie nothing), with enough similarity.  Similar wording alone, a week or months apart, is as
often a second event of the same kind (another shooting in the same city).  A person a
report names only as a source (the father who speaks to reporters the day of the shooting
and is charged weeks later) ties it to a report naming them otherwise, when no third
document names them, with ``far_margin`` more similarity.

Candidates come from the inverted index of anchors, a bounded number per new document,
never from all pairs."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from . import postings
from .vectors import Span, Vec, add_into, dot, merge_span

if TYPE_CHECKING:
    from .batch import Batch
    from .index import StoryIndex
    from .merger import Merger

#: an anchor found in more documents than this is too common to tie two reports together.
ANCHOR_MAX_DOCS = 50
#: a person named only as a source ties two reports when no more documents than this
#: name them (a spokesman is quoted on many events of a city).
SAID_MAX_DOCS = 2
#: anchored follow-ups (a trial, a sentencing, an anniversary) may come this many times
#: ``far_days`` after the first reports.
ANCHOR_REACH_FACTOR = 5
#: candidate pairs whose similarity is computed at once (the copies of their rows are what a
#: batch's follow-up search holds in memory).
PAIRS_AT_ONCE = 4096


def far_anchors(ix: StoryIndex, d: int) -> Iterable[tuple[str, int]]:
    """A document's anchors, each with its kind: "person" (named repeatedly), "name"
    (a person named once), "date" or "said" (a person named only as a source)."""
    for t in ix.doc_people[d]:
        yield "person", t
    for t in ix.doc_names[d]:
        yield "name", t
    for t in ix.doc_dates[d]:
        yield "date", t
    for t in ix.doc_spoken[d]:
        yield "said", t


def far_pairs(ix: StoryIndex, batch: Batch) -> list[tuple[float, int, int]]:
    """(cosine, new document, other document) for the pairs published more than
    ``near_days`` and at most ``ANCHOR_REACH_FACTOR`` x ``far_days`` apart that share an
    anchor and are similar enough for it (collection TF-IDF): a date both mention
    (``topic_threshold``); a person both name, repeatedly in one of them at least
    (``topic_threshold``, plus ``far_margin`` beyond ``window_days``); a person one of
    them names only as a source and the other otherwise, when no other document names
    them (``SAID_MAX_DOCS``; ``far_margin`` more).  Each new document keeps the
    ``candidates`` others sharing most anchors (found through the anchor index), so the
    cost is bounded per document."""
    cfg = ix.cfg
    reach = cfg.far_days * ANCHOR_REACH_FACTOR
    empty = array("i")
    cand: list[tuple[int, int, float]] = []
    for d in batch.new:
        day = ix.doc_day[d]
        if day is None:
            continue
        shared: Counter = Counter()
        bar: dict[int, float] = {}
        for kind, t in far_anchors(ix, d):
            often, once = postings.get(ix.anchor_docs, t), postings.get(ix.name_docs, t)
            said = postings.get(ix.spoken_docs, t)
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
                de = ix.doc_day[e]
                if e == d or de is None or not ix.near < abs(de - day) <= reach:
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
    X = batch.global_matrix(docs)
    out: list[tuple[float, int, int]] = []
    for c0 in range(0, len(cand), PAIRS_AT_ONCE):  # bounded memory: the rows of a slice of pairs
        part = cand[c0 : c0 + PAIRS_AT_ONCE]
        a = X[[row[d] for d, _, _ in part]]
        b = X[[row[e] for _, e, _ in part]]
        cos = np.asarray(a.multiply(b).sum(axis=1)).ravel()
        out.extend((float(s), d, e) for (d, e, need), s in zip(part, cos, strict=True) if s >= need)
    return out


def link(ix: StoryIndex, batch: Batch, merger: Merger) -> None:
    """Join the stories that anchored follow-up pairs (``far_pairs``) tie together, the
    strongest pair first, when the joined story spans at most ``ANCHOR_REACH_FACTOR`` x
    ``far_days`` and the two stories' mean collection similarity reaches
    ``topic_threshold`` (saved stories never merge with each other: the merger's rule)."""
    cfg = ix.cfg
    sums: dict[int, Vec] = {}
    spans: dict[int, Span] = {}

    def vec(s: int) -> Vec:
        if s not in sums:
            v: Vec = {}
            for d in ix.story_docs[s]:
                add_into(v, batch.global_vec(d))
            sums[s] = v
        return sums[s]

    def span(s: int) -> Span:
        if s not in spans:
            days = [x for d in ix.story_docs[s] if (x := ix.doc_day[d]) is not None]
            spans[s] = (min(days), max(days)) if days else (None, None)
        return spans[s]

    for _, d, e in sorted(far_pairs(ix, batch), reverse=True):
        a, b = ix.doc_story[d], ix.doc_story[e]
        if merger.keeps(a, b) is None:
            continue
        joint = merge_span(span(a), span(b))
        if (
            joint[0] is not None
            and joint[1] is not None
            and joint[1] - joint[0] > cfg.far_days * ANCHOR_REACH_FACTOR
        ):
            continue
        if dot(vec(a), vec(b)) / (len(ix.story_docs[a]) * len(ix.story_docs[b])) < cfg.topic_threshold:
            continue
        va, vb = vec(a), vec(b)
        keep = merger.join(a, b)
        assert keep is not None
        sums[keep] = add_into(va, vb) if keep == a else add_into(vb, va)
        spans[keep] = joint
