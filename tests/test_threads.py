"""Threads: the stories of one developing situation, on reports composed for these tests."""

from __future__ import annotations

import json
from datetime import date

import pytest

import parallax
from parallax.config import Config, StoryConfig
from parallax.link.stories import StoryIndex, cluster_threads
from parallax.link.stories.features import situation_keys
from parallax.link.stories.merger import Merger
from parallax.link.stories.threads import Profile, tied

STORM = [
    (
        "storm1",
        "2021-10-04",
        "Hurricane Ilsa slams Corvana",
        "Hurricane Ilsa slammed into the coast of Corvana on Sunday, tearing roofs off houses and cutting power "
        "to most of the island. Hurricane Ilsa killed at least 12 people, the governor of Corvana said.",
    ),
    (
        "storm2",
        "2021-10-04",
        "Hurricane Ilsa kills 12 in Corvana",
        "At least 12 people died as Hurricane Ilsa swept across Corvana with winds of 240 kilometres an hour. "
        "Hurricane Ilsa flooded the capital and left most of Corvana without power.",
    ),
]
#: six weeks later: another day's event (the insurers' estimate) of the same situation
INSURERS = (
    "insure",
    "2021-11-15",
    "Hurricane Ilsa damage in Corvana put at 4 billion dollars",
    "Insurers estimate that Hurricane Ilsa caused 4 billion dollars of damage in Corvana, the largest claim in "
    "the island's history. Most policies in Corvana cover wind damage but not flooding, and many families face "
    "large repair bills, brokers said.",
)
HARVEST = (
    "harvest",
    "2021-10-20",
    "Record wheat harvest in the Veldt valley",
    "Farmers in the Veldt valley harvested a record wheat crop this month, and grain prices fell across the "
    "region as silos filled up, the agriculture ministry said.",
)


def _records(make_record, rows):
    return [make_record(text, published=day, doc_id=i, title=t) for i, day, t, text in rows]


def _threads(records, index):
    """{frozenset of document ids} per thread, and the same per story."""
    stories = {}
    for s, docs in enumerate(index.story_docs):
        stories[s] = frozenset(index.doc_ids[d] for d in docs)
    threads = {frozenset().union(*(stories[s] for s in members)) for members in index.threads.thread_stories}
    return threads, set(stories.values())


def test_a_situation_followed_for_weeks_is_one_thread_of_its_stories(make_record):
    records = _records(make_record, [*STORM, INSURERS, HARVEST])
    index = StoryIndex(StoryConfig())
    index.add(records)
    threads, stories = _threads(records, index)
    assert frozenset({"insure"}) in stories  # another day's event: a story of its own
    assert threads == {frozenset({"storm1", "storm2", "insure"}), frozenset({"harvest"})}


def test_threads_group_the_stories_cluster_threads_returns(make_record):
    records = _records(make_record, [*STORM, INSURERS, HARVEST])
    stories, threads = cluster_threads(records, StoryConfig())
    named = [{frozenset(records[i].document.id for i in stories[s]) for s in t} for t in threads]
    assert sorted(len(t) for t in named) == [1, 2]
    assert {frozenset({"insure"}), frozenset({"storm1", "storm2"})} in named


def test_a_report_added_later_joins_the_saved_thread(make_record):
    """The index saved and restored (its persisted form): the insurers' report, another story,
    takes the storm's thread; the saved thread keeps its stories."""
    first = _records(make_record, [*STORM, HARVEST])
    index = StoryIndex(StoryConfig())
    index.add(first)
    restored = StoryIndex.from_state(json.loads(json.dumps(index.state())), StoryConfig())
    assert restored.state() == index.state()
    storm_thread = restored.story_thread[restored.doc_story[0]]
    (sid,) = restored.add(_records(make_record, [INSURERS]))
    assert sid != restored.doc_story[0]  # a story of its own ...
    assert restored.story_thread[sid] == storm_thread  # ... in the storm's thread
    assert restored.story_thread[restored.doc_story[2]] != storm_thread


def test_a_second_run_into_the_same_store_adds_to_the_existing_threads(tmp_path):
    rows = [*STORM, HARVEST]
    later = [INSURERS]
    for name, part in (("first.jsonl", rows), ("second.jsonl", later)):
        (tmp_path / name).write_text(
            "".join(
                json.dumps({"id": i, "published": day, "title": t, "text": text}) + "\n"
                for i, day, t, text in part
            ),
            encoding="utf-8",
        )
    cfg = Config()
    cfg.progress = False
    db = tmp_path / "p.duckdb"
    one = parallax.analyze([str(tmp_path / "first.jsonl")], cfg, db=str(db))
    two = parallax.analyze([str(tmp_path / "first.jsonl"), str(tmp_path / "second.jsonl")], cfg, db=str(db))

    def thread_of(d):
        return {doc: t.id for t in d.threads for doc in t.documents}

    before, after = thread_of(one), thread_of(two)
    assert after["insure"] == after["storm1"] == after["storm2"] != after["harvest"]
    for t in one.threads:  # saved threads never split
        assert len({after[doc] for doc in t.documents}) == 1
    assert before["storm1"] == before["storm2"]
    storm = next(t for t in two.threads if "insure" in t.documents)
    assert storm.documents[-1] == "insure" and storm.first_published == "2021-10-04"
    assert storm.last_published == "2021-11-15"
    assert len(storm.stories) == 2  # in time order: the storm, then the insurers' estimate
    assert [s.id for s in two.stories if "insure" in s.documents] == storm.stories[1:]
    assert {c.id for c in storm.claims} == {
        c.id for s in two.stories if s.id in storm.stories for c in s.claims
    }


# ---------------------------------------------------------------- the rules, one by one


def _day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def _profile(keys=(), events=(), own=(), said=(), back=(), people=(), named=()) -> Profile:
    days = [_day(x) for x in own]
    span = (min(days), max(days)) if days else (None, None)
    return Profile(
        n=1,
        span=span,
        vec={},
        keys=set(keys),
        events=set(events),
        own={_day(x) for x in own},
        said={_day(x) for x in said},
        back={_day(x) for x in back},
        people=set(people),
        named=set(named) | set(people),
    )


PORT = 1  # a situation key: the place both are about
FLOOD = 2  # a named event


def test_a_report_referring_back_to_the_day_of_the_event_is_tied_to_it():
    blast = _profile(keys=[PORT], own=["2021-03-10"], said=["2021-03-10"])
    donors = _profile(keys=[PORT], own=["2021-03-24"], back=["2021-03-10"])
    assert tied(blast, donors) and tied(donors, blast)


def test_the_same_place_weeks_later_without_a_date_between_them_is_another_situation():
    blast = _profile(keys=[PORT], own=["2021-03-10"], said=["2021-03-10"])
    fire = _profile(keys=[PORT], own=["2021-04-02"], said=["2021-04-01"])
    assert not tied(blast, fire)


def test_a_shared_date_without_a_shared_place_ties_nothing():
    a = _profile(keys=[PORT], own=["2021-03-10"], said=["2021-03-10"])
    b = _profile(keys=[3], own=["2021-03-10"], said=["2021-03-10"])
    assert not tied(a, b)


def test_a_named_event_ties_whatever_the_dates():
    a = _profile(events=[FLOOD], keys=[FLOOD], own=["2017-09-20"])
    b = _profile(events=[FLOOD], keys=[FLOOD], own=["2018-06-01"])
    assert tied(a, b)


def test_two_events_each_with_its_own_protagonist_are_apart():
    """Two shootings in one town on one day: same place, same date, each report about a victim
    the other never names."""
    a = _profile(keys=[PORT], own=["2022-06-05"], said=["2022-06-05"], people=[10])
    b = _profile(keys=[PORT], own=["2022-06-05"], said=["2022-06-05"], people=[11])
    assert not tied(a, b)
    # a follow-up that names the first one's victim (and its own suspect) is no stranger
    c = _profile(keys=[PORT], own=["2022-06-20"], back=["2022-06-05"], people=[12], named=[10])
    assert tied(a, c)


def test_situation_keys_are_places_and_events_it_is_about_never_people(make_record):
    rec = make_record(
        "Governor Dana Whitlow toured flooded farms near Aldenton on Tuesday, and Whitlow promised "
        "emergency loans to farmers in Aldenton. A spokesman in Brookhaven declined to comment.",
        title="Whitlow tours floods near Aldenton",
        doc_id="k",
    )
    assert {m.label for m in rec.mentions if m.text == "Whitlow"} != {"PERSON"}  # the parse's label
    keys, events = situation_keys(rec)
    assert "aldenton" in keys  # in the title, the first sentence and twice
    assert "brookhaven" not in keys  # named once, late: not what the report is about
    assert not any("whitlow" in k for k in keys)  # a person, whatever label a mention got
    assert events == set()


# ---------------------------------------------------------------- the merger alone


def test_the_merger_never_merges_two_saved_stories_and_renumbers_new_ones():
    index = StoryIndex(StoryConfig())
    index.story_docs = [[0], [1]]
    index.doc_story.extend([0, 1, -1, -1, -1])
    merger = Merger(index, base=2)
    a, b, c = merger.new_story(), merger.new_story(), merger.new_story()
    merger.place(2, a)
    merger.place(3, b)
    merger.place(4, c)
    assert merger.join(0, 1) is None  # saved stories stay apart
    assert merger.join(b, 0) == 0  # a new story joins a saved one, which keeps its id
    assert merger.join(a, c) == a  # ... the first of two new ones of a size keeps its id
    merger.finish()
    assert index.story_docs == [[0, 3], [1], [2, 4]]
    assert list(index.doc_story) == [0, 1, 2, 0, 2]
    with pytest.raises(AssertionError):
        merger.move([0], 1)  # a saved story never loses a document
