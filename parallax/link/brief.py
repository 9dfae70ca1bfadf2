"""A short brief whose every sentence cites its documents (stub)."""
from __future__ import annotations

from ..records import DocRecord, Story, SummaryItem


def summarise(records: list[DocRecord], story: Story) -> list[SummaryItem]:
    return []
