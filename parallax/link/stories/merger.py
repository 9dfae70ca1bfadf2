"""The one place where stories change: every phase proposes its placements and merges here.

Rules it keeps whatever the phase: a story saved before this add (an id below ``base``)
never merges with another such story and never loses a document; a merge keeps the older
story's id (else the larger story's); the stories of this add are renumbered from ``base``
when the add ends, the emptied ones dropped."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .index import StoryIndex


class Merger:
    def __init__(self, ix: StoryIndex, base: int) -> None:
        self.ix = ix
        self.base = base

    def new_story(self) -> int:
        """A new, empty story of this add."""
        self.ix.story_docs.append([])
        return len(self.ix.story_docs) - 1

    def place(self, d: int, s: int) -> None:
        """New document `d` into story `s`."""
        self.ix.doc_story[d] = s
        self.ix.story_docs[s].append(d)

    def keeps(self, a: int, b: int) -> tuple[int, int] | None:
        """(kept, gone) if stories `a` and `b` may merge, else None."""
        if a == b or (a < self.base and b < self.base):
            return None
        docs = self.ix.story_docs
        if a < self.base or (b >= self.base and len(docs[a]) >= len(docs[b])):
            return a, b
        return b, a

    def join(self, a: int, b: int) -> int | None:
        """Merge stories `a` and `b`; returns the kept id (None when refused)."""
        pair = self.keeps(a, b)
        if pair is None:
            return None
        keep, gone = pair
        self.move(list(self.ix.story_docs[gone]), keep)
        return keep

    def move(self, docs: list[int], to: int) -> None:
        """Documents of this add (`docs`, all of one story) into story `to`."""
        if not docs:
            return
        ix = self.ix
        src = ix.doc_story[docs[0]]
        assert src >= self.base, "a saved story never loses a document"
        moving = set(docs)
        ix.story_docs[to] = sorted(ix.story_docs[to] + docs)
        ix.story_docs[src] = [d for d in ix.story_docs[src] if d not in moving]
        for d in docs:
            ix.doc_story[d] = to

    def finish(self) -> None:
        """The stories of this add that a move emptied dropped, the others renumbered in order."""
        ix = self.ix
        kept = [docs for docs in ix.story_docs[self.base :] if docs]
        del ix.story_docs[self.base :]
        ix.story_docs.extend(kept)
        for s, docs in enumerate(kept, self.base):
            for d in docs:
                ix.doc_story[d] = s
