"""A dated timeline across a story's documents (stub)."""
from __future__ import annotations

from ..records import DocRecord, TimelineEntry


def build(records: list[DocRecord]) -> list[TimelineEntry]:
    return []
