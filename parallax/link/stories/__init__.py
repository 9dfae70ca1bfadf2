"""Story clustering and threads: group documents that report the same event (a story), and
stories of one developing situation (a thread).

One persisted index (``index.StoryIndex``: documents' compact vectors and anchors, topics,
stories, threads) and, for each batch of new documents, scratch that nothing keeps
(``batch.Batch``: the new documents, this moment's IDF).  The batch passes through phases,
each in a module of its own and each proposing placements and merges that one merger
(``merger.Merger``) applies, under the rules it keeps whatever the phase (a saved story never
merges with another saved story nor loses a document):

1. ``topics``: documents about the same kind of event in the same period.
2. ``events``: stories inside a topic, on terms re-weighted by their rarity in the topic.
3. ``followups``: stories joined across a long gap by anchored evidence (a date, a person).
4. ``titles``: pages of little content of their own placed by their title.
5. ``threads``: stories of one developing situation joined in a thread.

Features (``features``), sparse vectors and candidate pairs (``vectors``) and the
group-average agglomeration (``agglomerate``) are shared by the phases.  Candidate pairs come
from sparse products over date-sorted blocks, each document against its window only, and
beyond the window from inverted indexes of anchors: never from all pairs.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ...config import StoryConfig
from ...records import DocRecord
from .agglomerate import Group, agglomerate
from .features import anchor_sets, anchors, features, sources, title
from .index import StoryIndex
from .vectors import similar_pairs

__all__ = [
    "Group",
    "StoryIndex",
    "agglomerate",
    "anchor_sets",
    "anchors",
    "cluster",
    "cluster_incremental",
    "cluster_threads",
    "features",
    "similar_pairs",
    "sources",
    "title",
]


def cluster(records: list[DocRecord], cfg: StoryConfig) -> list[list[int]]:
    """Groups of indexes into `records`, one group per story (largest first)."""
    if not records:
        return []
    index = StoryIndex(cfg)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, sid in enumerate(index.add(records)):
        groups[sid].append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def cluster_threads(records: list[DocRecord], cfg: StoryConfig) -> tuple[list[list[int]], list[list[int]]]:
    """Stories as :func:`cluster` gives them, and threads: groups of positions into that list
    of stories, one group per thread."""
    index = StoryIndex(cfg)
    index.add(records)
    return _groups(index, {r.document.id: i for i, r in enumerate(records)})


def cluster_incremental(
    records: list[DocRecord], cfg: StoryConfig, state: dict[str, Any] | None
) -> tuple[list[list[int]], list[list[int]], dict[str, Any]]:
    """Stories and threads as :func:`cluster_threads` gives them, and the index's new state,
    continuing from a saved index `state`: only the records it does not hold are added
    (joining its stories and threads or starting new ones); its stories and threads never
    split.  A state that cannot be read, or that names a document no longer among `records`,
    is set aside and the index built afresh."""
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
    stories, threads = _groups(index, pos)
    return stories, threads, index.state()


def _groups(index: StoryIndex, pos: dict[str, int]) -> tuple[list[list[int]], list[list[int]]]:
    """The index's stories as groups of record positions (largest first) and its threads as
    groups of positions into that list."""
    found = [
        (s, sorted(pos[index.doc_ids[d]] for d in docs)) for s, docs in enumerate(index.story_docs) if docs
    ]
    found.sort(key=lambda x: (-len(x[1]), x[1][0]))
    at = {s: i for i, (s, _) in enumerate(found)}
    threads = [
        sorted(at[s] for s in members if s in at) for members in index.threads.thread_stories if members
    ]
    return [g for _, g in found], threads
