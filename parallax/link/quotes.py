"""Quotes across documents: speakers to canonical names, the same quotation linked (stub)."""
from __future__ import annotations

from ..records import DocRecord, Entity, Quote


def link_quotes(records: list[DocRecord], entities: list[Entity]) -> list[Quote]:
    return [Quote(doc=q.doc, text=q.text, speaker=q.speaker, direct=q.direct, start=q.start, end=q.end)
            for r in records for q in r.quotes]
