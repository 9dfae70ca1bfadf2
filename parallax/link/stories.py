"""Story clustering (stub: everything one story)."""
from __future__ import annotations

from ..config import StoryConfig
from ..records import DocRecord


def cluster(records: list[DocRecord], cfg: StoryConfig) -> list[list[int]]:
    """Groups of indexes into `records`, one group per story."""
    return [list(range(len(records)))] if records else []


def title(records: list[DocRecord]) -> str:
    for r in records:
        if r.document.title:
            return r.document.title
    return records[0].document.text[:80] if records else ""
