"""Facts: claims about one quantity across documents, grouped and compared."""

from __future__ import annotations

from parallax.link.facts import build
from parallax.records import ClaimRecord, DocRecord, Document


def facts_of(make_record, texts, dates=None):
    recs = [
        make_record(t, doc_id=f"d{i}", published=(dates[i] if dates else "2023-05-02"))
        for i, t in enumerate(texts)
    ]
    claims = [c for r in recs for c in r.claims]
    return claims, build(claims, recs, prefix="s1")


def figure(fact):
    """The fact's best reading as (low, high)."""
    return fact.estimate["low"], fact.estimate["high"]


def of_measure(facts, measure):
    """The facts about one measure."""
    return [f for f in facts if f.measure == measure]


def fact_with(facts, claims, measure, value):
    ids = {c.id for c in claims if c.measure == measure and c.low == value}
    found = [f for f in facts if ids & set(f.claims)]
    assert len(found) == 1, facts
    return found[0]


def test_compatible_figures_agree(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "The interior ministry said 3,417 protesters had been detained.",
            "About 3,000 people were arrested, officials said.",
            "More than 3,000 people were arrested across the country.",
        ],
    )
    f = fact_with(facts, claims, "ARREST", 3417)
    assert f.status == "agreed" and len(f.claims) == 3
    assert f.estimate["low"] is not None and f.question.startswith("How many")


def test_incompatible_figures_conflict(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "Officials said 21 police officers were killed.",
            "State media said 15 members of the security forces had died.",
            "City authorities said 11 security personnel were killed.",
        ],
    )
    f = fact_with(facts, claims, "KILL", 21)
    assert f.status == "conflicting" and len(f.claims) == 3
    assert f.id.startswith("s1-f") and f.estimate["low"] in (21, 15, 11)


def test_security_forces_and_people_are_different_quantities(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "Officials said 21 police officers were killed.",
            "Dozens of demonstrators were killed, police said.",
            "Police said they had killed dozens of rioters.",
        ],
    )
    police = fact_with(facts, claims, "KILL", 21)
    crowd = fact_with(facts, claims, "KILL", 24)
    assert police is not crowd
    assert crowd.status == "agreed"  # vague figures are compatible with each other


def test_standing_capacity_is_not_the_deployment(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "The bloc officially has a 6,000-strong rapid reaction force.",
            "The force being sent numbers about 1,800 soldiers.",
            "Some 1,800 troops were deployed, the alliance said.",
        ],
    )
    cap = fact_with(facts, claims, "DEPLOY", 6000)
    sent = fact_with(facts, claims, "DEPLOY", 1800)
    assert cap is not sent and cap.status == "single-source" and sent.status == "agreed"


def test_later_higher_figure_from_same_authority_is_an_update(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "The health ministry said 40 people were injured.",
            "The health ministry said 95 people were injured.",
        ],
        dates=["2023-05-01", "2023-05-03"],
    )
    f = fact_with(facts, claims, "WOUND", 95)
    assert f.status != "conflicting"
    early = [c.id for c in claims if c.low == 40]
    assert f.superseded == early and figure(f) == (95, 95)


def test_quoted_witness_count_stands_apart(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "Dozens of protesters were killed, officials said.\n\n"
            "Marat, a taxi driver, said he saw the shooting. \u201cRight there about 8 were killed.\u201d",
            "Police said dozens of rioters had been killed.",
        ],
    )
    witness = fact_with(facts, claims, "KILL", 8)
    assert witness.status == "single-source" and len(witness.claims) == 1


def test_every_fact_has_an_estimate_and_unique_id(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "Two men were killed and three others were wounded in the shooting, police said.",
            "One man died at the scene and another died at the hospital. Three people were hurt.",
        ],
    )
    assert len({f.id for f in facts}) == len(facts)
    kill = fact_with(facts, claims, "KILL", 2)
    assert figure(kill) == (2, 2)
    wound = fact_with(facts, claims, "WOUND", 3)
    assert wound.status == "agreed" and figure(wound) == (3, 3)


def test_one_injured_person_who_died_is_not_also_counted_wounded(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "A teenager was injured in a shooting on Friday. He died later at the hospital.",
            "A boy who was wounded on Friday has died, police said.",
        ],
    )
    wound = of_measure(facts, "WOUND")
    assert wound and all(f.estimate["low"] == 0 for f in wound), [
        (c.measure, c.low, c.evidence) for c in claims
    ]


def test_another_injured_person_is_counted_beside_the_dead(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "A woman was killed and another person was injured in a shooting on Friday.",
            "One woman died and another person was hurt in the shooting, police said.",
        ],
    )
    wound = of_measure(facts, "WOUND")
    assert len(wound) == 1 and wound[0].estimate["low"] == 1, [(c.measure, c.low, c.evidence) for c in claims]


def test_count_of_people_shot_does_not_supersede_the_wounded(make_record):
    _claims, facts = facts_of(
        make_record,
        [
            "Two people were killed and one person was injured in the shooting, police said.",
            "Police said the gunman shot three people at the park.",
        ],
        dates=["2023-05-02", "2023-05-04"],
    )
    wound = of_measure(facts, "WOUND")
    assert len(wound) == 1 and wound[0].estimate["low"] == 1 and not wound[0].superseded, wound


def test_wounded_who_died_later_leave_the_wounded_count(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "Five people were injured in a shooting at a bar on Sunday, police said. "
            "One of the five victims has died, police said on Tuesday.",
            "Four people were injured in the shooting at the bar, police said.",
        ],
    )
    wound = of_measure(facts, "WOUND")
    assert len(wound) == 1 and wound[0].estimate["low"] == 4, [(c.measure, c.low, c.evidence) for c in claims]


_PARK = (
    "Four people were wounded in a shooting at a park on Saturday night, police said. The victims were "
    "taken to a hospital. Officers found shell casings near the playground. Witnesses said a car drove "
    "past slowly. No arrests have been made. Police asked anyone with information to call. Neighbors "
    "said the park had been quiet for months. "
)


def test_a_death_recalled_far_below_the_casualty_count_is_not_the_toll(make_record):
    claims, facts = facts_of(
        make_record,
        [
            _PARK + "Residents recalled a teenager who was killed on the same corner.",
            "Police said four people were hurt in the park shooting on Saturday.",
        ],
    )
    kill = fact_with(facts, claims, "KILL", 1)
    assert figure(kill) == (0, 0), kill
    assert figure(fact_with(facts, claims, "WOUND", 4)) == (4, 4)


def test_a_death_in_the_lead_stands_beside_a_report_that_counts_only_the_wounded(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "A man was killed and four people were wounded in a shooting at a park on Saturday night.",
            "Police said four people were hurt in the park shooting on Saturday.",
        ],
    )
    assert figure(fact_with(facts, claims, "KILL", 1)) == (1, 1)


def test_the_first_count_of_people_shot_stands_for_the_wounded(make_record):
    _claims, facts = facts_of(
        make_record,
        [
            "Police said five people were shot at a party on Sunday night. One of the victims, a young man, "
            "died at the hospital. Detectives are looking for two suspects. Eleven people were shot at a "
            "block party in the same neighborhood in June.",
        ],
    )
    wound = of_measure(facts, "WOUND")
    assert len(wound) == 1 and figure(wound[0]) == (4, 4), wound


def test_reports_that_count_only_the_wounded_outvote_one_that_adds_a_death(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "A man was killed and four people were wounded in a shooting at a park on Saturday night.",
            "Police said four people were hurt in the park shooting on Saturday.",
            "Four people were wounded when gunfire broke out at the park, officials said.",
        ],
    )
    assert figure(fact_with(facts, claims, "KILL", 1)) == (0, 0)


def test_a_survivor_told_apart_from_the_dead_is_not_reduced_by_them(make_record):
    _claims, facts = facts_of(
        make_record,
        [
            "A man was shot and killed outside a bar on Friday night. A woman was also shot and is "
            "expected to survive, police said.",
            "One man died after a shooting outside a bar on Friday. A woman was shot in the arm and "
            "is in stable condition.",
        ],
    )
    wound = of_measure(facts, "WOUND")
    assert len(wound) == 1 and figure(wound[0]) == (1, 1), wound
    _claims, facts = facts_of(
        make_record,
        [  # without such words, the one shot is the one who died
            "One man died after a shooting outside a bar on Friday. A man was shot in the chest, police said.",
            "One man died after a shooting outside a bar on Friday. A man was shot in the arm and the chest.",
        ],
    )
    wound = of_measure(facts, "WOUND")
    assert len(wound) == 1 and figure(wound[0]) == (0, 0), wound


def test_a_lone_death_followed_by_more_deaths(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "One victim, a young woman, was pronounced dead at the scene. The other six were taken to "
            "the hospital. Two more people, a man and a woman, died at the hospital.",
            "The death of another man in January is not connected, police said. A woman was killed in "
            "the shooting on Tuesday night.",
        ],
    )
    kill = of_measure(facts, "KILL")
    assert len(kill) == 1, kill
    values = {c.doc: (c.low, c.high) for c in claims if c.measure == "KILL"}
    assert len(values) == 2
    # the first report gives 3 (1 + 2 more); the second 1: "another man" there is another event
    assert figure(kill[0]) == (3, 3), kill


def test_the_nth_victim_raises_the_count_of_the_wounded(make_record):
    _claims, facts = facts_of(
        make_record,
        [
            "Four people were wounded in a shooting on Sunday night, police said. A fifth victim was also "
            "injured in the leg.",
        ],
    )
    wound = of_measure(facts, "WOUND")
    assert len(wound) == 1 and figure(wound[0]) == (5, 5), wound


def test_silent_reports_also_keep_their_dead_out_of_the_wounded(make_record):
    # the one report that counts a death (a charge of attempted killing read as a death would be
    # the same) is outvoted for the dead, and so is not taken out of the others' count of people shot
    _claims, facts = facts_of(
        make_record,
        [
            "Five teenagers were shot after a basketball game on Saturday evening.",
            "Five teenagers were shot outside the gym, police said. Nobody has been arrested.",
            "Police said five people were killed in the shooting at the gym.",
        ],
    )
    kill = of_measure(facts, "KILL")
    wound = of_measure(facts, "WOUND")
    assert len(kill) == 1 and len(wound) == 1, facts
    assert figure(kill[0]) == (0, 0), kill
    assert figure(wound[0]) == (5, 5), wound


# ---------------------------------------------------------------- figures over time


def _record(doc_id, published, text="", outlet=None):
    return DocRecord(
        document=Document(
            id=doc_id, source=doc_id, outlet=outlet, published=published, title=None, authors=[], text=text
        ),
        sentences=[(0, len(text))],
    )


def _claim(doc, evidence, number, low, high="same", source=None, measure="KILL", **kw):
    """A claim as the extraction records it, from a composed sentence."""
    at = evidence.index(number)
    return ClaimRecord(
        id=f"{doc}#{number}",
        doc=doc,
        evidence=evidence,
        start=0,
        end=len(evidence),
        measure=measure,
        subject="people",
        low=low,
        high=low if high == "same" else high,
        attributed_to=source,
        number_text=evidence[at : at + len(number)],
        **kw,
    )


def test_reports_of_dozens_killed_are_not_outvoted_by_silence(make_record):
    _, facts = facts_of(
        make_record,
        [
            "Police said 300 people were injured in the clashes. Dozens of protesters were killed, officials said.",
            "Dozens of protesters were killed, police said.",
            "Officials said 200 people were hurt.",
        ],
    )
    killed = of_measure(facts, "KILL")
    assert len(killed) == 1 and figure(killed[0]) == (24, None), killed


def test_a_figure_presented_as_of_the_past_is_replaced_even_downward(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "The health ministry said 30 people died in the blast.",
            "The health ministry, which had said 30 people died, now says 25 people died.",
        ],
        dates=["2023-05-01", "2023-05-02"],
    )
    f = fact_with(facts, claims, "KILL", 25)
    new = next(c.id for c in claims if c.low == 25)
    old = sorted(c.id for c in claims if c.low == 30)
    assert f.status == "agreed" and f.superseded == old and not f.withdrawn
    assert [u["to"] for u in f.updates] == [new, new] and f.updates[0]["from"] == "d0#c1"  # oldest first
    assert figure(f) == (25, 25) and f.estimate["as_of"] == "2023-05-02" and f.estimate["claim"] == new


def test_a_retracted_figure_is_withdrawn_wherever_it_stood(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "Health officials said 164 people had died.",
            "Officials retracted the earlier figure of 164 deaths.",
        ],
        dates=["2023-01-09", "2023-01-10"],
    )
    f = fact_with(facts, claims, "KILL", 164)
    assert sorted(f.withdrawn) == sorted(c.id for c in claims) == f.superseded and not f.updates
    assert figure(f) == (None, None)


def test_another_sources_figure_a_little_higher_the_next_day_is_an_update(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "Authorities said 149 people were killed in the explosion.",
            "The health ministry said 158 people were killed in the explosion.",
        ],
        dates=["2023-08-07", "2023-08-08"],
    )
    f = fact_with(facts, claims, "KILL", 158)
    assert (
        f.status == "agreed" and f.superseded == ["d0#c1"] and f.updates == [{"from": "d0#c1", "to": "d1#c1"}]
    )
    assert figure(f) == (158, 158) and f.estimate["source"] == "health ministry"
    assert f.estimate["as_of"] == "2023-08-08"


def test_a_count_that_rose_from_one_day_to_the_next_is_no_conflict(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "The interior ministry said 5,800 people were detained.",
            "The interior ministry said 7,939 people were detained.",
        ],
        dates=["2023-01-09", "2023-01-10"],
    )
    f = fact_with(facts, claims, "ARREST", 7939)
    assert f.status == "agreed" and f.superseded == ["d0#c1"] and figure(f) == (7939, 7939)


def test_different_sources_on_one_day_conflict_and_the_estimate_spans_them(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "The interior ministry said 5,135 people were detained.",
            "The president's office said about 5,800 people were detained.",
        ],
        dates=["2023-01-09", "2023-01-09"],
    )
    f = fact_with(facts, claims, "ARREST", 5135)
    assert f.status == "conflicting" and not f.superseded  # "about 5,800" is rounded to the hundred
    assert (f.estimate["range_low"], f.estimate["range_high"]) == (5135, 5800)


def test_figures_of_different_precision_agree(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "Police said 12 people were arrested.",
            "At least a dozen people were arrested, officials said.",
            "More than 10 people were arrested, the mayor said.",
        ],
    )
    f = fact_with(facts, claims, "ARREST", 12)
    assert f.status == "agreed" and len(f.claims) == 3 and figure(f) == (12, 12)


def test_rival_figures_given_side_by_side_do_not_replace_each_other(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "The government said 64 people died, while researchers estimated about 1,400 deaths.",
            "The government said 1,427 people died.",
        ],
        dates=["2023-06-01", "2023-06-12"],
    )
    f = fact_with(facts, claims, "KILL", 64)
    assert not f.superseded and f.status == "conflicting"


def test_a_lower_figure_of_the_same_source_later_is_no_update_unless_presented_so(make_record):
    claims, facts = facts_of(
        make_record,
        ["Police said four people were wounded.", "Police said two people were wounded."],
        dates=["2023-05-15", "2023-05-16"],
    )
    f = fact_with(facts, claims, "WOUND", 4)
    assert not f.superseded and f.status == "agreed" and figure(f) == (4, 4)


def test_a_figure_presented_as_an_update_replaces_another_sources_lower_one():
    recs = [_record("a", "2023-08-05"), _record("b", "2023-08-07")]
    claims = [
        _claim("a", "Officials said 100 people were killed in the blast.", "100", 100, source="Officials"),
        _claim(
            "b",
            "The death toll has risen to 154, the health ministry said.",
            "154",
            154,
            source="health ministry",
        ),
    ]
    f = build(claims, recs, prefix="t1")[0]
    assert f.superseded == ["a#100"] and f.updates == [{"from": "a#100", "to": "b#154"}]
    # the same rise, not presented as an update, is a count moving on when both are counts ...
    claims[1] = _claim(
        "b", "The health ministry said 154 people were killed.", "154", 154, source="health ministry"
    )
    assert build(claims, recs, prefix="t1")[0].superseded == ["a#100"]
    # ... and a rival estimate of another day when either is an estimate
    claims[1] = _claim(
        "b",
        "The health ministry estimated that some 154 people were killed.",
        "154",
        154,
        source="health ministry",
        approximate=True,
    )
    assert build(claims, recs, prefix="t1")[0].superseded == []


def test_the_extractions_revision_mark_is_read_before_the_words():
    recs = [_record("a", "2023-08-05"), _record("b", "2023-08-06")]
    claims = [
        _claim("a", "The ministry said 30 people were killed.", "30", 30, source="ministry"),
        _claim(
            "b", "The ministry said 25 people were killed.", "25", 25, source="ministry", revision="update"
        ),
    ]
    assert build(claims, recs, prefix="t1")[0].superseded == ["a#30"]  # revised down
    claims[1].revision = None
    assert build(claims, recs, prefix="t1")[0].superseded == []


def test_a_part_of_the_total_is_its_own_quantity():
    recs = [_record("a", "2023-01-09")]
    claims = [
        _claim("a", "Officials said 225 people were killed.", "225", 225, source="Officials"),
        _claim("a", "Of them, 103 were killed in the city.", "103", 103, source="Officials", part=True),
    ]
    facts = build(claims, recs, prefix="t1")
    assert len(facts) == 2 and all(f.status == "single-source" and not f.superseded for f in facts)


def test_a_named_nationality_is_counted_apart_unless_it_is_the_place_reported(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "The blast killed 41 Syrians, the Syrian embassy said. The explosion killed 150 people, officials said.",
            "The explosion killed 154 people in Lebanon, officials said.",
        ],
    )
    assert fact_with(facts, claims, "KILL", 41) is not fact_with(facts, claims, "KILL", 154)
    claims, facts = facts_of(
        make_record,
        [
            "The storm killed 800 Puerto Ricans, a study found.",
            "The storm killed 64 people in Puerto Rico, the government said.",
        ],
    )
    f = fact_with(facts, claims, "KILL", 800)
    assert f is fact_with(facts, claims, "KILL", 64) and f.status == "conflicting"


def test_an_official_quoted_by_name_is_no_private_witness(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "\u201cWe now have 5,000 injured,\u201d said Hamad Hassan, the health minister.",
            "The health ministry said 5,000 people were injured.",
        ],
    )
    f = fact_with(facts, claims, "WOUND", 5000)
    assert len(f.claims) == 2 and "account" not in f.question


def test_one_build_for_a_thread_of_reports_weeks_apart(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "The interior ministry said 3,000 people were detained.",
            "The interior ministry said 4,400 people were detained.",
            "The interior ministry said 7,939 people were detained.",
        ],
        dates=["2023-01-06", "2023-01-09", "2023-01-27"],
    )
    f = fact_with(facts, claims, "ARREST", 7939)
    assert [u["from"] for u in f.updates] == ["d0#c1", "d1#c1"] and f.status == "agreed"
    assert figure(f) == (7939, 7939) and f.estimate["as_of"] == "2023-01-27"


def test_one_named_persons_arrest_is_no_rival_total(make_record):
    claims, facts = facts_of(
        make_record,
        [
            "Police said 16 people were arrested after the blast.",
            "The port director was ordered to remain in custody and his predecessor was arrested, the agency said.",
        ],
    )
    f = fact_with(facts, claims, "ARREST", 16)
    assert f.status == "single-source" and len(f.claims) == 1, facts


def test_a_state_that_changes_is_updated_whichever_way_it_moves():
    recs = [_record("a", "2023-08-18"), _record("b", "2023-08-29")]
    missing = {"measure": "OTHER", "quantity": "people missing"}
    claims = [
        _claim(
            "a",
            "A military source said 30 people are still missing.",
            "30",
            30,
            source="military source",
            **missing,
        ),
        _claim("b", "The army said seven people were still missing.", "seven", 7, source="army", **missing),
    ]
    f = build(claims, recs, prefix="t1")[0]
    assert f.superseded == ["a#30"] and figure(f) == (7, 7)
    claims[0] = _claim(
        "a", "A military source said 30 people were missing.", "30", 30, source="military source", **missing
    )
    assert build(claims, recs, prefix="t1")[0].superseded == []  # no state given: two sources' figures


def test_a_figure_joined_to_one_of_the_past_is_of_the_past_too():
    recs = [_record("a", "2023-08-11")]
    ev = "The previous death toll from the terrible explosion was 160 dead and more than 5,000 injured."
    old = _claim("a", ev, "5,000", 5000, None, measure="WOUND", source="ministry")
    new = _claim(
        "a",
        "A new count shows more than 6,000 injured.",
        "6,000",
        6000,
        None,
        measure="WOUND",
        source="ministry",
    )
    f = build([old, new], recs, prefix="t1")[0]
    assert f.superseded == ["a#5,000"] and f.updates == [{"from": "a#5,000", "to": "a#6,000"}]


def test_within_a_report_the_figure_it_presents_as_new_replaces_the_other():
    recs = [_record("a", "2023-08-05")]
    new = _claim(
        "a",
        "The governor said the damage could be worth more than previously estimated and amount to as high as $15 billion.",
        "15",
        None,
        15e9,
        measure="OTHER",
        source="governor",
        unit="USD",
        quantity="USD damage",
    )
    old = _claim(
        "a",
        "The authorities said the damage could be around $3-5 billion.",
        "3",
        3e9,
        5e9,
        measure="OTHER",
        source="authorities",
        unit="USD",
        quantity="USD damage",
        approximate=True,
    )
    f = build([old, new], recs, prefix="t1")[0]
    assert f.superseded == ["a#3"] and f.status == "single-source"


def test_an_undated_report_of_the_same_source_is_placed_by_its_figure():
    recs = [_record("a", "2023-10-14"), _record("b", None), _record("c", "2023-10-20", outlet="Other")]
    claims = [
        _claim("a", "The government said 48 people died.", "48", 48, source="government"),
        _claim("b", "The government said the toll has increased to 51.", "51", 51, source="government"),
        _claim("c", "Officials said 12 people died.", "12", 12, source="hospital officials"),
    ]
    f = build(claims, recs, prefix="t1")[0]
    assert f.superseded == ["a#48"] and f.updates == [{"from": "a#48", "to": "b#51"}]


# ---------------------------------------------------------------- one quantity, worded differently


def _other(doc, evidence, number, low, quantity, unit, **kw):
    """A claim of a quantity of any kind (no measure), with the key the extraction gives it."""
    return _claim(doc, evidence, number, low, measure="OTHER", quantity=quantity, unit=unit, **kw)


def _same_fact(facts, *ids):
    return any(set(ids) <= set(f.claims) for f in facts)


def test_one_figure_worded_two_ways_is_one_quantity():
    recs = [_record("a", "2023-03-01"), _record("b", "2023-03-01")]
    claims = [
        _other(
            "a",
            "The office used $84,000 of taxpayer funds to settle the claim.",
            "84,000",
            84000,
            "USD taxpayer fund use",
            "USD",
        ),
        _other(
            "b",
            "The settlement was paid with $84,000 from the public treasury.",
            "84,000",
            84000,
            "USD pay public treasury",
            "USD",
        ),
    ]
    facts = build(claims, recs, prefix="s1")
    assert _same_fact(facts, "a#84,000", "b#84,000")
    assert next(f for f in facts if "a#84,000" in f.claims).status == "agreed"


def test_equal_shares_of_different_holders_stay_apart():
    recs = [_record("a", "2023-03-01")]
    claims = [
        _other("a", "The governor won 17 percent in the poll.", "17", 17, "percent win governor", "percent"),
        _other(
            "a",
            "Among older voters, the senator took 17 percent.",
            "17",
            17,
            "percent take senator",
            "percent",
        ),
    ]
    claims[1].id = "a#17b"
    facts = build(claims, recs, prefix="s1")
    assert not _same_fact(facts, "a#17", "a#17b") and len(facts) == 2


def test_spellings_of_one_unit_and_shared_words_make_one_quantity():
    recs = [_record("a", "2023-03-01"), _record("b", "2023-03-02")]
    claims = [
        _other(
            "a",
            "The warehouse held 2,750 tonnes of ammonium nitrate.",
            "2,750",
            2750,
            "tonnes of ammonium",
            "tonnes",
        ),
        _other(
            "b",
            "More than 2,700 tons of ammonium nitrate were stored there.",
            "2,700",
            2700,
            "tons of ammonium",
            "tons",
            high=None,
        ),
    ]
    facts = build(claims, recs, prefix="s1")
    assert _same_fact(facts, "a#2,750", "b#2,700")


def test_words_next_to_the_figure_join_keys_the_parser_left_bare():
    recs = [_record("a", "2023-03-01"), _record("b", "2023-03-09")]
    claims = [
        _other("a", "Officials said 60 people were still missing.", "60", 60, "people miss", "people"),
        _other("b", "The army said seven people remained missing.", "seven", 7, "people remain", "people"),
    ]
    facts = build(claims, recs, prefix="s1")
    assert _same_fact(facts, "a#60", "b#seven")


def test_an_unmeasured_count_naming_the_measure_joins_its_count():
    recs = [_record("a", "2023-03-01"), _record("b", "2023-03-01")]
    claims = [
        _claim("a", "Police said 16 people were arrested.", "16", 16, measure="ARREST"),
        _other(
            "b",
            "Sixteen port employees have been taken into custody, the judge said.",
            "Sixteen",
            16,
            "employee take",
            "people",
        ),
    ]
    facts = build(claims, recs, prefix="s1")
    joined = next(f for f in facts if "a#16" in f.claims)
    assert "b#Sixteen" in joined.claims and joined.measure == "ARREST"


def test_two_figures_of_one_sentence_are_never_joined():
    text = "The plan cuts $700 billion from hospitals and $200 billion from insurers."
    recs = [_record("a", "2023-03-01")]
    claims = [
        _other("a", text, "$700 billion", 7e11, "USD cut hospital", "USD"),
        _other("a", text, "$200 billion", 2e11, "USD cut insurer", "USD"),
    ]
    claims[1].id = "a#200"
    facts = build(claims, recs, prefix="s1")
    assert not _same_fact(facts, "a#$700 billion", "a#200")


def test_the_hurt_in_a_condition_are_a_part_of_the_wounded():
    text = "About 5,000 people were injured. Some 120 people are in critical condition, the minister said."
    recs = [_record("a", "2023-03-01", text)]
    claims = [
        _claim("a", "About 5,000 people were injured.", "5,000", 5000, measure="WOUND", approximate=True),
        _claim(
            "a",
            "Some 120 people are in critical condition, the minister said.",
            "120",
            120,
            measure="WOUND",
            source="minister",
        ),
    ]
    facts = build(claims, recs, prefix="s1")
    assert not _same_fact(facts, "a#5,000", "a#120")
    assert all(f.status != "conflicting" for f in facts)


# ---------------------------------------------------------------- a count followed over days


def test_a_figure_given_beside_its_rivals_is_no_update_when_repeated():
    recs = [_record(d, day) for d, day in (("a", "2022-01-06"), ("b", "2022-01-06"), ("c", "2022-01-07"))]
    claims = [
        _claim("a", "Officials said 18 police officers were killed.", "18", 18, source="officials"),
        _claim("b", "State television said 13 police officers died.", "13", 13, source="State television"),
        _claim("c", "The ministry said 18 police officers died.", "18", 18, source="ministry"),
    ]
    f = build(claims, recs, prefix="t1")[0]
    assert f.status == "conflicting" and "b#13" not in f.superseded


def test_an_undated_figure_of_a_growing_toll_is_replaced_by_the_next_higher_one():
    days = ["2020-08-04", "2020-08-06", "2020-08-08", "2020-08-10", "2020-08-14", None]
    figures = [("a", "78"), ("b", "137"), ("c", "154"), ("d", "163"), ("e", "180"), ("u", "171")]
    recs = [_record(d, day) for (d, _), day in zip(figures, days, strict=True)]
    claims = [
        _claim(d, f"The explosion killed {n} people, the agency said.", n, float(n), source=f"agency {d}")
        for d, n in figures
    ]
    f = build(claims, recs, prefix="t1")[0]
    by_from = {u["from"]: u["to"] for u in f.updates}
    assert by_from.get("u#171") == "e#180"
    assert figure(f) == (180, 180)


def test_a_report_dated_long_after_all_others_dates_none_of_its_figures():
    recs = [
        _record("a", "2020-08-20"),
        _record("b", "2020-08-30"),
        _record("c", "2020-08-22"),
        _record("z", "2024-03-28"),
    ]
    claims = [
        _claim("a", "The toll rose to 181, the ministry said.", "181", 181, source="ministry"),
        _claim("c", "The blast killed 183 people, officials said.", "183", 183, source="officials"),
        _claim("b", "The toll has risen to 190, the government said.", "190", 190, source="government"),
        _claim("z", "The ministry said the toll had climbed to 188.", "188", 188, source="health ministry"),
    ]
    f = build(claims, recs, prefix="t1")[0]
    assert figure(f) == (190, 190) and f.estimate["as_of"] == "2020-08-30"


def test_a_state_reported_the_next_day_in_other_words_replaces_it():
    recs = [_record("a", "2020-08-29"), _record("b", "2020-08-30")]
    claims = [
        _other(
            "a",
            "The army said seven people were still missing.",
            "seven",
            7,
            "people miss",
            "people",
            source="army",
        ),
        _other(
            "b",
            "The toll rose to 190, with three people missing, the government said.",
            "three",
            3,
            "people miss",
            "people",
            source="government",
        ),
    ]
    f = build(claims, recs, prefix="t1")[0]
    assert f.superseded == ["a#seven"] and figure(f) == (3, 3)
