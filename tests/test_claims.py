"""Counted claims read from the parse of composed sentences."""

from __future__ import annotations


def one(rec, measure):
    found = [c for c in rec.claims if c.measure == measure]
    assert len(found) == 1, [(c.measure, c.low, c.evidence) for c in rec.claims]
    return found[0]


def test_fronted_attribution_qualifier_and_ellipsis(make_record):
    rec = make_record("Officials said at least 40 protesters were killed and 312 injured in the clashes.")
    kill, wound = one(rec, "KILL"), one(rec, "WOUND")
    assert (kill.low, kill.high, kill.qualifier, kill.subject) == (40, None, "at least", "protesters")
    assert kill.attributed_to == "Officials"
    assert (wound.low, wound.high) == (312, 312)
    assert wound.subject == "protesters"  # "and 312 injured" counts the same group


def test_number_words_and_that_clause(make_record):
    rec = make_record("The Health Ministry said that sixty-two people were taken to hospital.")
    c = one(rec, "HOSPITALIZE")
    assert c.low == 62 and c.number_text == "sixty-two" and c.attributed_to == "Health Ministry"


def test_vague_count_with_postposed_speaker(make_record):
    rec = make_record("Dozens of rioters were shot dead overnight, police said.")
    c = one(rec, "KILL")
    assert c.vague and c.low == 24 and c.high is None
    assert c.subject == "protesters" and c.attributed_to == "police"


def test_according_to_and_approximate(make_record):
    rec = make_record("According to the fire department, about 300 residents were evacuated.")
    c = one(rec, "EVACUATE")
    assert c.approximate and c.low == c.high == 300 and c.attributed_to == "fire department"


def test_reported_by_state_television(make_record):
    rec = make_record("State television reported that 1,200 people had been detained.")
    c = one(rec, "ARREST")
    assert c.low == 1200 and c.attributed_to == "State television"


def test_speaker_of_previous_sentence_carries_over(make_record):
    rec = make_record(
        "The Interior Ministry said 9 officers were wounded. More than 150 people were arrested."
    )
    c = one(rec, "ARREST")
    assert (c.low, c.high) == (150, None) and c.attributed_to == "Interior Ministry"
    assert c.evidence == "More than 150 people were arrested."
    assert rec.document.text[c.start : c.end] == c.evidence


def test_deployment_and_standing_capacity(make_record):
    rec = make_record(
        "More than 500 soldiers were deployed to the border region. "
        "The alliance officially has a 5,000-strong rapid reaction force."
    )
    deploy = [c for c in rec.claims if c.measure == "DEPLOY"]
    assert {(c.low, c.kind) for c in deploy} == {(500, "event"), (5000, "capacity")}


def test_range_and_crowd(make_record):
    c = one(make_record("Between 150 and 200 demonstrators gathered outside the parliament."), "PROTEST")
    assert (c.low, c.high, c.subject) == (150, 200, "protesters")


def test_not_counts_of_people(make_record):
    rec = make_record(
        "The 81-year-old leader raised fuel prices by 20% to $3 in 2019 in the "
        "ninth-largest city of 2 million people."
    )
    assert not [c for c in rec.claims if c.unit == "people"]  # an age, a year, a population
    assert {(c.low, c.unit) for c in rec.claims} == {(20, "percent"), (3, "USD")}  # a rise and a price
    assert all(c.as_of is None for c in rec.claims)  # dated 2019 in a 2024 report: not as of publication


def test_singular_victims_and_zero(make_record):
    rec = make_record(
        "A 17-year-old was shot in the leg and a 20-year-old man died at the hospital. "
        "No one else was injured."
    )
    kills = [c for c in rec.claims if c.measure == "KILL"]
    wounds = sorted(c.low for c in rec.claims if c.measure == "WOUND")
    assert [c.low for c in kills] == [1] and wounds == [0, 1]


def test_dead_taken_out_of_those_shot(make_record):
    rec = make_record("Four people were shot, one of them fatally, outside a bar on Sunday.")
    assert one(rec, "KILL").low == 1
    assert one(rec, "WOUND").low == 3


def test_killer_is_not_a_victim_but_his_suicide_counts(make_record):
    rec = make_record("A gunman killed three people and then himself at an office park.")
    c = one(rec, "KILL")
    assert c.low == 4


def test_coordinated_counts_are_summed(make_record):
    rec = make_record("Two children and three adults were found dead in the house.")
    assert one(rec, "KILL").low == 5


def test_earlier_events_are_left_out(make_record):
    rec = make_record("In 2009, a gunman killed 13 people at the same base.", published="2014-04-03")
    assert rec.claims == []


def test_claim_ids_unique_and_evidence_exact(make_record):
    text = (
        "Twelve miners were killed and 30 were hurt, the company said.\n\n"
        "Rescuers said 45 workers were evacuated from the shaft."
    )
    rec = make_record(text, doc_id="m7")
    ids = [c.id for c in rec.claims]
    assert len(ids) == len(set(ids)) == 3 and all(i.startswith("m7#c") for i in ids)
    for c in rec.claims:
        assert text[c.start : c.end] == c.evidence and c.as_of


def test_other_events_and_tallies_are_left_out(make_record):
    rec = make_record(
        "A woman was wounded on Elm Street on Friday. In a separate shooting, two men were "
        "killed near the harbor. Nine people have been shot across the city this month."
    )
    assert [c.measure for c in rec.claims] == ["WOUND"]


def test_series_of_shootings_and_non_fatal_wounds(make_record):
    rec = make_record(
        "Three people died in two shootings on the east side overnight. "
        "At the bar, four men suffered non-fatal gunshot wounds."
    )
    c = one(rec, "WOUND")
    assert c.low == 4 and not [k for k in rec.claims if k.measure == "KILL"]


def test_questions_are_not_counts(make_record):
    rec = make_record("Police could not say whether the driver had died. Two men were wounded.")
    assert [(c.measure, c.low) for c in rec.claims] == [("WOUND", 2)]


def test_a_list_of_three_coordinated_counts_is_summed(make_record):
    rec = make_record("Three men, two women and a child were killed in the shooting, police said.")
    c = one(rec, "KILL")
    assert c.low == c.high == 6 and c.attributed_to == "police"
    rec = make_record("Four adults, three teenagers and two children were wounded at the party.")
    assert one(rec, "WOUND").low == 9


def test_the_whole_a_part_is_taken_from_is_not_the_count(make_record):
    rec = make_record("Police said four of the five victims were shot to death.")
    c = one(rec, "KILL")
    assert c.low == c.high == 4


def test_ages_distances_and_the_emergency_number_are_not_counts(make_record):
    rec = make_record("A woman was shot in the arm; another woman, also 22, was shot in the leg.")
    assert sorted(c.low for c in rec.claims if c.measure == "WOUND") == [1, 1]
    rec = make_record("A 911 caller said a man had been shot.")
    assert [c.low for c in rec.claims] == [1]
    rec = make_record("Someone fired from at least 150 yds away, wounding two men.")
    assert one(rec, "WOUND").low == 2


def test_a_tally_over_a_span_of_hours_is_not_one_event(make_record):
    rec = make_record("Twenty people were shot over a span of 80 hours, police said.")
    assert not [c for c in rec.claims if c.measure == "WOUND"]


def test_an_event_noun_is_not_a_person_and_a_code_is_not_a_count(make_record):
    rec = make_record("Nobody has been charged in the murder, police said.")
    assert not [c for c in rec.claims if c.measure == "KILL"]
    rec = make_record("Under statute 39-13-202, a killing of another is murder.")
    assert not [c for c in rec.claims if c.measure == "KILL"]


def test_a_participle_after_a_coordinated_count_counts_the_second_conjunct(make_record):
    rec = make_record(
        "The crash on the bridge left one driver dead and two other passengers wounded, police said."
    )
    assert one(rec, "KILL").low == 1
    assert one(rec, "WOUND").low == 2


def test_a_person_in_critical_condition_is_wounded(make_record):
    rec = make_record("Investigators said a cashier is in critical condition.")
    c = one(rec, "WOUND")
    assert c.low == c.high == 1
    rec = make_record("Investigators said a cashier is in the building.")
    assert not rec.claims


def test_names_listed_with_their_ages_are_counted_together(make_record):
    rec = make_record(
        "Maria Lopez, 31, Tom Baker, 19, and 25-year-old Anna Smith were found dead at a home on Main Street."
    )
    assert one(rec, "KILL").low == 3


def test_passed_away_and_succumbed_are_deaths_not_acts(make_record):
    rec = make_record("The boy passed away at the hospital, police said.")
    assert one(rec, "KILL").low == 1
    rec = make_record("The man succumbed to his injuries on Monday.")
    assert one(rec, "KILL").low == 1
    assert not make_record("The council passed the budget on Monday.").claims


def test_attempted_murders_are_not_deaths(make_record):
    rec = make_record("Six men were charged in the attempted murders of five teenagers.")
    assert not [c for c in rec.claims if c.measure == "KILL"]


def test_the_nth_person_hit_is_a_floor_on_the_people_hit(make_record):
    c = one(make_record("A fifth victim was later found at a hospital, police said."), "HOSPITALIZE")
    assert (c.low, c.high) == (5, None)
    c = one(make_record("Police now say an 8th teen was injured in the shooting."), "WOUND")
    assert (c.low, c.high) == (8, None) and c.subject.endswith(" shot")  # the dead may be among them
    c = one(make_record("The second victim was taken to a hospital."), "HOSPITALIZE")
    assert (c.low, c.high) == (1, 1)  # "the second victim" names one of them
    assert one(make_record("An eighth-grader died on Friday."), "KILL").low == 1  # a school year


def test_the_nth_person_hit_coordinated_with_another(make_record):
    rec = make_record("Police say the gunmen killed two men and injured a third man and a 16-year-old boy.")
    wound = one(rec, "WOUND")
    assert (wound.low, wound.high) == (4, 4) and wound.subject.endswith(" shot")  # four hit, two of them dead


def test_others_added_to_the_wounded_of_another_predicate(make_record):
    rec = make_record("Two people are in critical condition and four others were hurt after the shooting.")
    assert one(rec, "WOUND").low == 6
    rec = make_record("One man was killed and three others were wounded.")
    assert one(rec, "WOUND").low == 3 and one(rec, "KILL").low == 1


def test_a_couple_and_a_family_listed_by_ages(make_record):
    rec = make_record("A local couple and their two young children were found dead inside their home.")
    assert one(rec, "KILL").low == 4
    rec = make_record("Police said the father shot and killed his sons, ages 3 and 4, on Saturday.")
    assert one(rec, "KILL").low == 2


def test_the_killer_who_then_killed_himself_is_counted_once(make_record):
    rec = make_record("Police said Tom Reed shot and killed his two sons before he killed himself.")
    assert one(rec, "KILL").low == 3


def test_a_number_graded_by_severity_is_a_part_of_the_group(make_record):
    rec = make_record("One person was killed others were wounded, two critically, in a shooting at a party.")
    assert [(c.measure, c.low) for c in rec.claims] == [("KILL", 1)]
    rec = make_record("Three men were shot, two critically.")
    assert [(c.measure, c.low) for c in rec.claims] == [("WOUND", 3)]
