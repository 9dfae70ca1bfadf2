"""Thread records: each developing situation with its stories in time order, the entities
resolved across all its documents, and the claims of its stories compared as facts over the
whole thread (a toll that rises from one story to the next is one quantity)."""

from __future__ import annotations

from ..config import Config
from ..records import DocRecord, Story, Thread
from . import entities, facts
from .stories import title


def build(
    records: list[DocRecord], stories: list[Story], groups: list[list[int]], cfg: Config | None = None
) -> list[Thread]:
    """One Thread per group of `groups` (indexes into `stories`), largest first.  A thread's
    stories are in time order (their first publication date; undated stories last, then by
    id); its claims are its stories' claims, its facts those claims compared over the thread
    (``facts.build``: figures as time series)."""
    cfg = cfg or Config()
    by_id = {r.document.id: r for r in records}
    made = []
    for members in groups:
        parts = [stories[i] for i in members]
        recs = [by_id[d] for s in parts for d in s.documents if d in by_id]
        days = sorted(p for r in recs if (p := r.document.published))
        made.append((parts, recs, days))
    made.sort(key=lambda m: (-len(m[1]), m[2][0] if m[2] else "9999", m[0][0].id))
    out = []
    for n, (parts, recs, days) in enumerate(made, start=1):
        tid = f"t{n}"
        ordered = sorted(parts, key=lambda s: _first(s, by_id))
        claims = [c for s in ordered for c in s.claims]
        out.append(
            Thread(
                id=tid,
                title=title(recs),
                documents=[d for s in ordered for d in s.documents],
                stories=[s.id for s in ordered],
                first_published=days[0][:10] if days else None,
                last_published=days[-1][:10] if days else None,
                entities=entities.resolve(recs),
                claims=claims,
                facts=facts.build(claims, recs, prefix=tid, cfg=cfg.facts),
            )
        )
    return out


def _first(story: Story, by_id: dict[str, DocRecord]) -> tuple[bool, str, int]:
    """A story's place in time: its first publication date (undated last), then its number."""
    dates = [p for d in story.documents if (p := by_id[d].document.published)]
    number = int(story.id[1:]) if story.id[1:].isdigit() else 0
    return (not dates, min(dates) if dates else "", number)
