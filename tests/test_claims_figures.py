"""Figures of any kind read from the parse of composed sentences: money, shares, tallies, things,
measures and durations; what is no figure; who gave it, when, and how the sentence presents it.
One test per rule."""

from __future__ import annotations


def only(rec, **want):
    """The one claim whose fields equal `want`."""
    found = [c for c in rec.claims if all(getattr(c, k) == v for k, v in want.items())]
    assert len(found) == 1, [(c.measure, c.low, c.high, c.unit, c.number_text) for c in rec.claims]
    return found[0]


def values(rec):
    return sorted((c.low, c.high) for c in rec.claims)


# ---------------------------------------------------------------- what is counted


def test_money_with_its_currency_and_what_it_is_for(make_record):
    rec = make_record("Obama has spent $2 million in legal fees on the case, his critics said.")
    c = only(rec, unit="USD")
    assert (c.low, c.high, c.measure) == (2_000_000, 2_000_000, "OTHER")
    assert "legal fee" in c.quantity


def test_money_in_another_currency_written_after_the_number(make_record):
    c = only(make_record("The government set aside 40 bn tenge for the rebuilding."), unit="KZT")
    assert c.low == 40_000_000_000


def test_a_range_of_money_with_the_scale_written_once(make_record):
    c = only(make_record("The governor said the damage ranges from $3-5 billion."), unit="USD")
    assert (c.low, c.high) == (3e9, 5e9)


def test_a_share_of_a_group(make_record):
    c = only(make_record("Romney leads with 21 percent of Republican primary voters."), unit="percent")
    assert c.low == 21 and "republican primary voter" in c.quantity


def test_the_two_sides_of_a_vote(make_record):
    rec = make_record("The Senate voted 97-1 to pass the bill on Tuesday.")
    assert only(rec, low=97.0).quantity == "vote for"
    assert only(rec, low=1.0).quantity == "vote against"


def test_a_measure_of_a_thing_is_one_quantity_whatever_the_figure(make_record):
    a = only(make_record("Prosecutors unsealed a 47-page indictment on Monday."), unit="pages")
    b = only(make_record("The 48-page indictment charges him with fraud."), unit="pages")
    assert (a.low, b.low) == (47, 48) and a.quantity == b.quantity == "indictment pages"


def test_a_duration_stated_as_a_count(make_record):
    c = only(make_record("The program was funded for six years under the deal."), unit="years")
    assert c.low == 6


def test_a_span_of_time_before_or_after_an_event_is_a_date(make_record):
    assert not make_record(
        "The inquiry began two years ago, and he resigned five days after the vote."
    ).claims


def test_a_persons_time_in_office_is_no_figure(make_record):
    assert not make_record("He ran the city for 12 years before he retired.").claims


def test_people_in_any_role(make_record):
    c = only(make_record("Some 33 Senate Democrats voted to advance the bill."), unit="people")
    assert (c.low, c.measure, c.approximate) == (33, "OTHER", True)


def test_unlike_items_are_never_summed(make_record):
    rec = make_record("Officials said 848 business entities and 1,021 objects were affected by the floods.")
    assert values(rec) == [(848, 848), (1021, 1021)]


def test_a_toll_counts_the_dead(make_record):
    rec = make_record("The number of dead is 154, and the ministry put the death toll in the north at 50.")
    assert sorted(c.low for c in rec.claims if c.measure == "KILL") == [50, 154]


def test_a_toll_named_in_a_relative_clause(make_record):
    c = only(make_record("Officials cited the official death toll, which is 55."), measure="KILL")
    assert c.low == 55


# ---------------------------------------------------------------- no figure


def test_years_dates_times_and_ordinals_are_no_figures(make_record):
    rec = make_record("The law was signed at 5 p.m. on June 3, 2012, the second such law since 1995.")
    assert not rec.claims


def test_an_age_set_off_after_a_name(make_record):
    rec = make_record("Christie, 52, held 137 town-hall meetings across the state.")
    assert values(rec) == [(137, 137)]


def test_a_distance_that_places_something(make_record):
    assert not make_record("The field is some seven miles south of the Capitol.").claims


def test_numbers_in_names(make_record):
    rec = make_record("Fans came for the Final Four, and members of Project 21 met under Title VII rules.")
    assert not rec.claims


def test_a_quoted_term_is_no_figure(make_record):
    assert not make_record('He attacked the remark about the "47 percent" on Tuesday.').claims


def test_figures_of_speech(make_record):
    assert not make_record("It was potentially one of the biggest scams in the history of politics.").claims


def test_a_population_is_no_figure_of_the_story(make_record):
    assert not make_record("The storm hit the island's 3.4 million residents hard.").claims


def test_a_question_asserts_no_figure(make_record):
    assert not make_record("How do you miss over 4,000 deaths?").claims


def test_a_link_list_line_is_no_figure(make_record):
    rec = make_record("Five people were hurt in the fire on Monday.\nRead also: Death toll rises to 100\n")
    assert [c.low for c in rec.claims] == [5]


def test_an_increment_is_no_figure(make_record):
    assert not make_record("Rescuers recovered three more bodies from the rubble.").claims


def test_an_anecdote_set_before_the_story(make_record):
    assert not make_record("About a year earlier, two former cooks hired a lawyer.").claims


def test_a_rate_is_no_count_of_the_dead(make_record):
    rec = make_record("The coroner said the island had an average of 82 deaths daily.")
    assert not [c for c in rec.claims if c.measure == "KILL"]


def test_harm_is_no_injury(make_record):
    rec = make_record("The shutdown is hurting millions of Americans, she said.")
    assert not [c for c in rec.claims if c.measure == "WOUND"]


def test_one_named_persons_arrest_is_no_count(make_record):
    assert not make_record("Police said Smith was arrested on Monday.").claims
    assert only(make_record("Police arrested 16 people on Monday."), measure="ARREST").low == 16


def test_people_counted_as_sources_are_no_figure(make_record):
    assert not make_record("The charges include fraud, two of the people said.").claims


def test_relatives_in_passing_are_no_figure(make_record):
    assert not make_record("Smith, a father of three who has two sons, spoke at the rally.").claims


# ---------------------------------------------------------------- numbers as written


def test_european_thousands_and_a_half_dozen(make_record):
    assert only(make_record("Officials said 5.000 people were injured."), measure="WOUND").low == 5000
    c = only(make_record("More than a half-dozen Democrats said they will skip the speech."), unit="people")
    assert (c.low, c.high) == (6, None)


def test_a_floor_written_after_the_number(make_record):
    c = only(make_record("Republicans had the 60-plus votes they needed."), unit="votes")
    assert (c.low, c.high) == (60, None)


def test_a_verb_can_set_the_bound(make_record):
    c = only(make_record("The number of people injured exceeds 6,000, the minister said."), measure="WOUND")
    assert (c.low, c.high) == (6000, None)


# ---------------------------------------------------------------- who gave it


def test_the_counted_are_no_source_of_their_own_number(make_record):
    c = only(
        make_record("More than a half-dozen Democrats have said they will skip the speech."), unit="people"
    )
    assert c.attributed_to is None


def test_a_document_found_the_figure(make_record):
    c = only(make_record("A Fox News poll found 56 percent against the plan."), unit="percent")
    assert "poll" in c.attributed_to


def test_the_poll_named_in_a_phrase(make_record):
    c = only(make_record("In the poll, Gingrich garnered 11 percent."), unit="percent")
    assert c.attributed_to == "poll"


def test_a_dateline_is_never_the_source(make_record):
    rec = make_record("MOSCOW (AP) — Putin's remarks came days after 2,500 troops were deployed.")
    c = only(rec, measure="DEPLOY")
    assert c.attributed_to is None


def test_a_definite_source_is_named_by_its_fuller_mention(make_record):
    rec = make_record(
        "A Congressional Research Service report looked at the cap. "
        '"The trust funds would remain solvent for the next 75 years," said the report.'
    )
    assert "Congressional Research Service" in only(rec, unit="years").attributed_to


def test_a_second_hand_figure_is_hedged(make_record):
    assert only(make_record("At least 40 people were reportedly killed."), measure="KILL").hedged
    assert not only(make_record("At least 40 people were killed, police said."), measure="KILL").hedged


# ---------------------------------------------------------------- how and when


def test_an_update_and_the_figure_it_replaces(make_record):
    rec = make_record("The death toll has risen to 154, up from 137.")
    assert only(rec, low=154.0).revision == "update"
    assert only(rec, low=137.0).revision == "withdrawn"


def test_a_change_from_one_figure_to_another_is_no_range(make_record):
    rec = make_record("The official death toll was raised from 64 to 2,975.")
    assert values(rec) == [(64, 64), (2975, 2975)]
    assert only(rec, low=64.0).revision == "withdrawn"


def test_a_part_of_a_total(make_record):
    rec = make_record("Officials said 225 people were killed, 103 of them in Almaty.")
    assert only(rec, low=103.0).part and not only(rec, low=225.0).part


def test_the_date_of_the_figures_own_clause(make_record):
    rec = make_record("Officials said 18 people were killed on Thursday.", published="2024-03-08")
    assert rec.claims[0].as_of == "2024-03-07"
    rec = make_record("In January 2012, the board ordered the shop to pay $88,000.", published="2014-04-25")
    assert only(rec, unit="USD").as_of is None  # a month, not a day: not of the publication day


def test_a_reporting_clause_hung_under_the_figure_it_reports(make_record):
    rec = make_record(
        "The trustees warned the fund will run dry in 2036, and retirees would then face a 23 percent cut."
    )
    assert only(rec, unit="percent").attributed_to == "trustees"


def test_who_set_a_toll_gave_it(make_record):
    rec = make_record("SAN JUAN (AP) — Authorities raised the death toll to 48 on Saturday.")
    assert only(rec, measure="KILL").attributed_to == "Authorities"


def test_an_official_toll_is_given_by_officials(make_record):
    assert (
        only(make_record("The official death toll stands at 64."), measure="KILL").attributed_to
        == "officials"
    )


def test_a_study_gives_a_count_of_the_dead(make_record):
    rec = make_record("A Harvard study released Tuesday determined at least 4,645 people died in the storm.")
    assert only(rec, measure="KILL").attributed_to == "Harvard study"


def test_a_figure_of_the_source_itself_has_no_other_source(make_record):
    rec = make_record("The 47-page indictment said the couple misused the funds.")
    assert only(rec, unit="pages").attributed_to is None
