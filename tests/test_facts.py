"""Facts: claims about one quantity across documents, grouped and compared."""

from __future__ import annotations

from parallax.link.facts import build


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
