"""Phase 5, threads: a developing situation followed over days or weeks is one thread holding
its stories in time order."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch import Batch
    from .index import StoryIndex


@dataclass
class Threads:
    """Which thread each story is in (``story_thread``) and each thread's stories."""

    story_thread: array = field(default_factory=lambda: array("i"))
    thread_stories: list[list[int]] = field(default_factory=list)

    def state(self) -> dict[str, Any]:
        return {"story_thread": self.story_thread.tolist()}

    @classmethod
    def from_state(cls, state: dict[str, Any], n_stories: int) -> Threads:
        out = cls(story_thread=array("i", state["story_thread"]))
        if len(out.story_thread) != n_stories:
            raise ValueError(
                f"{len(out.story_thread)} stories have a thread where the index holds {n_stories}"
            )
        out.thread_stories = [[] for _ in range(max(out.story_thread, default=-1) + 1)]
        for s, t in enumerate(out.story_thread):
            out.thread_stories[t].append(s)
        return out


def assign(ix: StoryIndex, batch: Batch) -> None:
    """Each story of this add its thread."""
    th = ix.threads
    for s in range(len(th.story_thread), len(ix.story_docs)):
        th.story_thread.append(len(th.thread_stories))
        th.thread_stories.append([s])
