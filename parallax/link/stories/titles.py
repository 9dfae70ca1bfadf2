"""Phase 4, pages placed by their title: a page with little content of its own
(``LOW_CONTENT_TERMS``: the body is a sign-up or notification prompt, an archive's donation
appeal), or whose body does not report its title (``TITLE_BODY``: a weather notice, a
travel list or another story kept under the report's title), left alone, cannot be
outvoted by wording it does not have: it joins the story of the report, published within
``near_days``, that uses most of its title's words (``TITLE_COVER``), one of them a name
that report mentions.  Copies of such a page, which have joined each other and nothing
else, join as one (``LOW_STORY_MAX``); pages of different titles joined only by the
unrelated body they share join each on its own."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from .features import STEM, WORD, stem

if TYPE_CHECKING:
    from .batch import Batch
    from .index import StoryIndex
    from .merger import Merger

#: ... when the idf-weighted share of its title's words that a report of the story (within
#: ``near_days``) uses reaches this, a name that report mentions among them.
TITLE_COVER = 0.3
#: ... and a name word found in more of the reports of those days than this does not count.
TITLE_NAME_MAX_DOCS = 20
#: ... and a story of such pages (a page and its copies) joins whole, up to this many.
LOW_STORY_MAX = 3


def _parts(ix: StoryIndex, batch: Batch) -> list[list[int]]:
    """The groups of low pages that move together: each story of this add made only of such
    pages (at most ``LOW_STORY_MAX``), whole when its pages share one title, else page by page."""
    lowset = set(batch.low)
    units = sorted({ix.doc_story[d] for d in batch.low if ix.doc_story[d] >= batch.base})
    parts: list[list[int]] = []
    for s in units:
        members = ix.story_docs[s]
        if len(members) > LOW_STORY_MAX or any(e not in lowset for e in members):
            continue
        if len({frozenset(ix.title_ids(d)) for d in members}) == 1:
            parts.append(list(members))
        else:
            parts.extend([d] for d in members)
    return parts


def attach(ix: StoryIndex, batch: Batch, merger: Merger) -> None:
    """Each story of this add made only of new documents of little content or of a body
    that does not report their title (``batch.low``; at most ``LOW_STORY_MAX`` of them) joins
    the story of the report published within ``near_days`` of one of them that covers the
    most of that one's title words (idf-weighted share among the reports of those days, at
    least ``TITLE_COVER``; words compared folded, on their first ``STEM`` letters), provided
    one of the covered words is part of a name that report mentions and at most
    ``TITLE_NAME_MAX_DOCS`` of those reports use.  A document of ``off_docs`` (its body does
    not report its title) is never the one that covers a title: its words are not its own.
    Only the reports within ``near_days`` of such a document are looked at."""
    parts = _parts(ix, batch)
    low = [d for part in parts for d in part if ix.doc_day[d] is not None]
    if not low:
        return
    inv = ix.terms
    by_day: dict[int, list[int]] = defaultdict(list)
    for d, dd in enumerate(ix.doc_day):
        if dd is not None:
            by_day[dd].append(d)
    near = ix.near

    def around(d: int) -> list[int]:
        day = ix.doc_day[d]
        return (
            [] if day is None else [e for k in range(day - near, day + near + 1) for e in by_day.get(k, ())]
        )

    words: dict[int, set[str]] = {}
    names: dict[int, set[str]] = {}
    for d in {e for x in low for e in around(x)}:
        w: set[str] = set()
        n: set[str] = set()
        for t in ix.doc_terms[d]:
            term = inv[t]
            if term.startswith("@"):
                n.update(x[:STEM] for x in WORD.findall(term[1:]))
            elif term.startswith("t:"):
                w.add(stem(term[2:]))
            elif term[:1].isalpha():
                w.add(stem(term))
        words[d], names[d] = w | n, n
    df = Counter(x for w in words.values() for x in w)
    idf = {x: math.log((1 + len(words)) / (1 + c)) + 1.0 for x, c in df.items()}
    for members in parts:
        s = ix.doc_story[members[0]]
        best, cover = -1, TITLE_COVER
        for d in members:
            if ix.doc_day[d] is None:
                continue
            title = {stem(inv[t][2:]) for t in ix.title_ids(d)}
            total = sum(idf[x] for x in title)
            if total <= 0:
                continue
            for e in around(d):
                if (
                    ix.doc_story[e] == s
                    or e in ix.off_docs
                    or not any(x in names[e] and df[x] <= TITLE_NAME_MAX_DOCS for x in title)
                ):
                    continue
                share = sum(idf[x] for x in title if x in words[e]) / total
                if share >= cover:
                    best, cover = ix.doc_story[e], share
        if best >= 0:
            merger.move(members, best)
