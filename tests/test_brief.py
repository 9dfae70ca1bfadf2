"""The brief: cited, grounded, conflicting figures side by side (composed reports)."""

from __future__ import annotations

import re

from parallax.link import brief, timeline
from parallax.records import ClaimRecord, Fact, Story


def _records(make_record):
    texts = {
        "a": "A fire destroyed a textile factory in the port city on Tuesday, killing 14 workers, the fire service said. "
        "The blaze started in a storage room and spread quickly through the building. "
        "Survivors said the emergency exits had been locked by managers during the night shift. "
        "The owner of the factory was arrested on Wednesday.",
        "b": "At least 17 workers died when fire swept through a textile factory in the port city, hospital officials said. "
        "The fire began in a storage room before spreading through the building on Tuesday. "
        "Workers told reporters that emergency exits had been locked during the night shift. "
        "Labour groups called for a national inquiry into factory safety.",
        "c": "Police arrested the owner of the textile factory on Wednesday after the deadly fire in the port city. "
        "The fire service said 14 workers were killed in the blaze on Tuesday. "
        "The government promised to inspect every textile factory in the region within a month.",
    }
    return [
        make_record(t, published="2024-03-08", doc_id=k, outlet=f"Outlet {k.upper()}")
        for k, t in texts.items()
    ]


def _claim(cid, doc, text, attributed):
    return ClaimRecord(
        id=cid,
        doc=doc,
        evidence="",
        start=0,
        end=0,
        measure="KILL",
        subject="workers",
        low=float(text),
        high=float(text),
        attributed_to=attributed,
        number_text=text,
    )


def _story(recs):
    claims = [
        _claim("a#c1", "a", "14", "fire service"),
        _claim("b#c1", "b", "17", "hospital officials"),
        _claim("c#c1", "c", "14", "fire service"),
    ]
    story = Story(id="s1", title="fire", documents=[r.document.id for r in recs], claims=claims)
    story.facts = [
        Fact(
            id="s1f1",
            question="How many workers were killed?",
            measure="KILL",
            subject="workers",
            claims=[c.id for c in claims],
            status="conflicting",
            estimate={"low": 14, "high": 17},
        )
    ]
    story.timeline = timeline.build(recs)
    return story


def test_brief_is_cited_and_grounded(make_record):
    recs = _records(make_record)
    items = brief.summarise(recs, _story(recs))
    assert 5 <= len(items) <= 10
    texts = {r.document.id: r.document.text for r in recs}
    for it in items:
        assert it.docs and all(d in texts for d in it.docs)
        for n in re.findall(r"\d[\d,.]*\d|\d", it.text):
            assert any(n in texts[d] for d in it.docs), (n, it)


def test_conflict_stated_with_authorities(make_record):
    recs = _records(make_record)
    items = brief.summarise(recs, _story(recs))
    (conflict,) = [it for it in items if it.text.startswith("Reports differ")]
    assert "how many workers were killed" in conflict.text
    assert "14 according to fire service (Outlet A, Outlet C)" in conflict.text
    assert "17 according to hospital officials (Outlet B)" in conflict.text
    assert set(conflict.docs) >= {"a", "b"}


def test_extracted_sentences_not_repeated(make_record):
    recs = _records(make_record)
    items = [
        it.text for it in brief.summarise(recs, _story(recs)) if not it.text.startswith("Reports differ")
    ]
    assert len(items) == len(set(items))
    assert sum("storage room" in t for t in items) == 1  # said twice, briefed once
    assert any(len(it.docs) > 1 for it in brief.summarise(recs, _story(recs)))


def test_ungrounded_number_is_dropped(make_record):
    recs = _records(make_record)
    story = _story(recs)
    story.claims[1].number_text = "71"  # stands in no document
    items = brief.summarise(recs, story)
    assert not any("71" in it.text for it in items)
