"""The timeline across documents (composed reports)."""

from __future__ import annotations

from parallax.link import timeline


def _story(make_record):
    a = make_record(
        "Floods swept through the valley on Tuesday, destroying hundreds of homes. "
        "The river burst its banks on Monday night after heavy rain. "
        "The dam was built in 1998 by a state company.",
        published="2024-03-08",
        doc_id="a",
    )
    b = make_record(
        "The floods that swept the valley on March 5 destroyed hundreds of homes, officials said. "
        "Rescue teams arrived on Wednesday with boats. "
        "The dam was completed in 1998.",
        published="2024-03-08",
        doc_id="b",
    )
    c = make_record(
        "Rescue teams reached the flooded valley on Wednesday with boats and food. "
        "Floods destroyed homes in the valley on Tuesday. "
        "Engineers said the dam, opened in 1998, held.",
        published="2024-03-09",
        doc_id="c",
    )
    return [a, b, c]


def test_dates_merged_across_documents_and_ranked(make_record):
    tl = timeline.build(_story(make_record))
    by_date = {}
    for t in tl:
        by_date.setdefault(t.date, []).append(t)
    assert set(by_date) >= {"2024-03-05", "2024-03-06", "2024-03-04"}
    flood = max(by_date["2024-03-05"], key=lambda t: t.weight)
    assert set(flood.docs) == {"a", "b", "c"} and "flood" in flood.text.lower()
    top = max(tl, key=lambda t: t.weight)
    assert top.date in ("2024-03-05", "2024-03-06")
    assert max(t.weight for t in by_date["2024-03-05"]) > max(t.weight for t in by_date["2024-03-04"])


def test_background_year_needs_several_documents(make_record):
    recs = _story(make_record)
    assert "1998" in {t.date for t in timeline.build(recs)}  # three documents cite it
    assert "1998" not in {t.date for t in timeline.build(recs[:2])}  # two do not suffice


def test_year_containing_the_story_is_left_out(make_record):
    recs = [
        make_record("Sales fell this year, the firm said on Monday.", published="2024-03-08", doc_id="x"),
        make_record("The firm said on Monday that sales fell this year.", published="2024-03-08", doc_id="y"),
    ]
    dates = {t.date for t in timeline.build(recs)}
    assert dates == {"2024-03-04"}


def test_anomalous_date_is_flagged_and_left_out(make_record):
    recs = [
        *_story(make_record),
        make_record(
            "The valley was evacuated early on June 20 as the water rose.", published="2024-03-08", doc_id="d"
        ),
    ]
    assert [(d.doc, d.text) for d in timeline.anomalies(recs)] == [("d", "early on June 20")]
    assert not any(t.date.endswith("-06-20") for t in timeline.build(recs))


def test_different_events_on_one_date_kept_apart(make_record):
    recs = [
        make_record(
            "Rebels seized the airport on Tuesday. Parliament approved the budget on Tuesday.",
            published="2024-03-08",
            doc_id="a",
        )
    ]
    texts = [t.text for t in timeline.build(recs) if t.date == "2024-03-05"]
    assert len(texts) == 2


def test_later_reference_counts_more(make_record):
    same_day = make_record("The port reopened on Friday after the storm.", published="2024-03-08", doc_id="a")
    weeks_later = make_record(
        "The port, which reopened on March 8, is busy again.", published="2024-04-20", doc_id="b"
    )
    other = make_record(
        "The ferry resumed service on March 7, officials said.", published="2024-03-08", doc_id="c"
    )
    weights = timeline.date_weights([same_day, weeks_later, other])
    assert weights["2024-03-08"] > weights["2024-03-07"] + 2


def test_corpus_weights_put_stories_on_one_scale(make_record):
    story = [
        make_record(
            "Troops crossed the border on Monday. The talks resumed on Tuesday.",
            published="2024-03-08",
            doc_id="s1",
        ),
        make_record("Talks resumed on Tuesday in the capital.", published="2024-03-08", doc_id="s2"),
    ]
    elsewhere = [
        make_record(
            f"The crossing on March 4 changed the war, analyst {i} said.",
            published="2024-03-20",
            doc_id=f"o{i}",
        )
        for i in range(3)
    ]
    alone = {}
    for t in timeline.build(story):
        alone[t.date] = max(alone.get(t.date, 0.0), t.weight)
    assert alone["2024-03-05"] > alone["2024-03-04"]
    ranked = {}
    for t in timeline.build(story, timeline.date_weights(story + elsewhere)):
        ranked[t.date] = max(ranked.get(t.date, 0.0), t.weight)
    assert ranked["2024-03-04"] > ranked["2024-03-05"]


def test_months_old_date_is_history_not_anomaly(make_record):
    recs = [
        *_story(make_record),
        make_record(
            "The valley last flooded on November 12, officials recalled.", published="2024-03-08", doc_id="d"
        ),
    ]
    assert timeline.anomalies(recs) == []


def test_a_named_day_before_the_coverage_is_not_this_years(make_record):
    """'Sept. 11' read as the nearest 11 September by reports of different years names the
    attacks, not a day of the coverage; a report the day after still dates it."""
    early = make_record(
        "Security at the port has been tight since the Sept. 11 attacks, the minister said.",
        published="2010-03-01",
        doc_id="early",
    )
    late = make_record(
        "The new law, passed after the Sept. 11 attacks, was debated again.",
        published="2010-10-20",
        doc_id="late",
    )
    current = make_record(
        "Crowds gathered at the memorial on Sept. 11 to read the names.", published="2010-09-12", doc_id="now"
    )
    assert [d.date for r in (early, late, current) for d in r.dates] == [
        "2009-09-11",
        "2010-09-11",
        "2010-09-11",
    ]
    timeline.drop_anniversaries([early, late, current])
    assert early.dates == [] and late.dates == []
    assert [d.date for d in current.dates] == ["2010-09-11"]


def test_a_day_of_the_coverage_read_in_one_year_stays(make_record):
    a = make_record("The rig exploded on April 20, killing 11 workers.", published="2010-04-22", doc_id="a")
    b = make_record(
        "Since the April 20 explosion, oil has leaked into the gulf.", published="2010-06-01", doc_id="b"
    )
    timeline.drop_anniversaries([a, b])
    assert [d.date for r in (a, b) for d in r.dates] == ["2010-04-20", "2010-04-20"]
