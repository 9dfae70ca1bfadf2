"""Cross-document linking: works on DocRecords alone (no spaCy objects)."""

from __future__ import annotations

from ..config import Config
from ..records import DocRecord, Story, Thread
from . import brief, coverage, discrepancies, entities, facts, quotes, stories, threads, timeline


def link(records: list[DocRecord], cfg: Config, groups: list[list[int]] | None = None) -> list[Story]:
    """Build each story's records; `groups` (indexes into `records`, one list per story)
    are the stories when already known (an incremental run), else they are clustered here."""
    out: list[Story] = []
    # a day without a year read in different years across the run, first before it: an anniversary
    timeline.drop_anniversaries(records)
    # how many documents of the whole run refer to each date: comparable weights across stories
    date_weights = timeline.date_weights(records)
    if groups is None:
        groups = stories.cluster(records, cfg.stories)
    for n, members in enumerate(groups, start=1):
        recs = [records[i] for i in members]
        sid = f"s{n}"
        ents = entities.resolve(recs)
        claims = [c for r in recs for c in r.claims]
        story = Story(id=sid, title=stories.title(recs), documents=[r.document.id for r in recs])
        story.entities = ents
        story.claims = claims
        story.facts = facts.build(claims, recs, prefix=sid, cfg=cfg.facts)
        story.quotes = quotes.link_quotes(recs, ents)
        story.timeline = timeline.build(recs, date_weights)
        story.discrepancies = discrepancies.find(recs, story.facts, cfg.facts)
        story.summary = brief.summarise(recs, story)
        story.framing, story.coverage = coverage.per_outlet(recs, story)
        out.append(story)
    return out


def link_threads(
    records: list[DocRecord],
    cfg: Config,
    groups: list[list[int]] | None = None,
    thread_groups: list[list[int]] | None = None,
) -> tuple[list[Story], list[Thread]]:
    """Stories and threads: `groups` and `thread_groups` (positions into `groups`) when already
    known (an incremental run), else clustered here."""
    if groups is None or thread_groups is None:
        groups, thread_groups = stories.cluster_threads(records, cfg.stories)
    made = link(records, cfg, groups)
    return made, threads.build(records, made, thread_groups, cfg)
