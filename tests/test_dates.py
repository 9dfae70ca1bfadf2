"""Date mentions resolved against the publication date (composed sentences)."""

from __future__ import annotations

import pytest


def _dates(make_record, text, published="2024-03-08"):
    """(text as written, resolved value) of each date mention; 2024-03-08 is a Friday."""
    return [(d.text, d.date) for d in make_record(text, published=published).dates]


@pytest.mark.parametrize(
    "text, value",
    [
        ("The mayor resigned on Wednesday after a week of pressure.", "2024-03-06"),
        ("The council met late on Thursday to discuss the budget.", "2024-03-07"),
        ("Officials confirmed the closure on Friday morning.", "2024-03-08"),  # same day counts
        ("The ferry sank last Friday near the harbour.", "2024-03-01"),  # "last": strictly before
        ("Divers found the wreck on March 2 in shallow water.", "2024-03-02"),
        ("The bridge reopened on 4 March after repairs.", "2024-03-04"),
        ("The strike began at the weekend in the northern port.", "2024-03-02"),
        ("Prices rose sharply on New Year's Day across the region.", "2024-01-01"),
        ("Workers have occupied the plant since Sunday.", "2024-03-03"),
        ("The airline collapsed three years ago.", "2021"),
        ("The treaty was signed in 2019 by both states.", "2019"),
        ("The dam was finished in October 2011 and opened a year later.", "2011-10"),
        ("The company filed its accounts yesterday.", "2024-03-07"),
        ("A rival bid was made on December 28 by a foreign group.", "2023-12-28"),  # nearest, past preferred
    ],
)
def test_resolves_one_mention(make_record, text, value):
    assert [v for _, v in _dates(make_record, text)] == [value]


def test_future_clause_sends_weekday_forward(make_record):
    got = _dates(make_record, "The committee will vote on Tuesday on the new rules.")
    assert [v for _, v in got] == ["2024-03-12"]


def test_keeps_how_it_is_written(make_record):
    got = _dates(make_record, "The minister resigned early on Monday, the agency said.")
    assert got == [("early on Monday", "2024-03-04")]


def test_explicit_year_is_kept(make_record):
    got = _dates(make_record, "The levee failed on August 29, 2005, flooding the city.")
    assert [v for _, v in got] == ["2005-08-29"]


@pytest.mark.parametrize(
    "text",
    [
        "The Sunday Times published the letter in full.",
        "Officials said they may review the rules.",
        "The crowd of 2000 people marched to the square.",
        "The plan was discussed in the 1990s and again recently.",
        "Good Friday is a public holiday in the country.",
    ],
)
def test_no_false_dates(make_record, text):
    assert _dates(make_record, text) == []


def test_no_publication_date_no_dates(make_record):
    assert make_record("The mayor resigned on Wednesday.", published=None).dates == []


def test_sentence_index_and_offsets(make_record):
    rec = make_record("Storms hit the coast. The power failed on Tuesday in three towns.")
    (d,) = rec.dates
    assert rec.document.text[d.start : d.end] == d.text and d.sent == 1


# ---------------------------------------------------------------- tense and mood (issue 16)
# 2024-03-05 is a Tuesday.


@pytest.mark.parametrize(
    "text, value",
    [
        ("The suspect is due to be arraigned Thursday in federal court.", "2024-03-07"),
        ("The vote is scheduled for Thursday, the clerk said.", "2024-03-07"),
        ("The hearing was scheduled for Thursday in the capital.", "2024-03-07"),
        ("The company is expected to report its earnings on Thursday.", "2024-03-07"),
        ("The talks resume on Thursday in Geneva.", "2024-03-07"),
        ("Protesters are marching on Thursday through the old town.", "2024-03-07"),
        ("The drivers plan to strike on Thursday over pay.", "2024-03-07"),
    ],
)
def test_clauses_that_look_ahead_send_a_weekday_forward(make_record, text, value):
    assert [v for _, v in _dates(make_record, text, "2024-03-05")] == [value]


@pytest.mark.parametrize(
    "text, value",
    [
        ("The suspect was arraigned Thursday in federal court.", "2024-02-29"),
        ("He has been in custody since Thursday.", "2024-02-29"),
        ("Officials say the blast happened on Thursday.", "2024-02-29"),
        ("He refused to comment on Thursday.", "2024-02-29"),
    ],
)
def test_past_clauses_send_a_weekday_back(make_record, text, value):
    assert [v for _, v in _dates(make_record, text, "2024-03-05")] == [value]


def test_month_and_day_ahead_in_a_future_clause(make_record):
    got = _dates(make_record, "The new law is due to take effect on March 20.", "2024-03-05")
    assert [v for _, v in got] == ["2024-03-20"]


def test_year_named_after_the_day(make_record):
    got = _dates(make_record, "He was arrested on 1 September last year and charged in May.", "2024-03-05")
    assert got[0] == ("on 1 September last year", "2023-09-01")


def test_day_takes_the_year_of_the_date_written_before_it(make_record):
    got = _dates(
        make_record,
        "The inquiry began in March 2003. On March 7, the adviser sent his opinion to the minister.",
        "2005-04-27",
    )
    assert [v for _, v in got] == ["2003-03", "2003-03-07"]


def test_bare_year_does_not_take_over_a_later_day(make_record):
    got = _dates(
        make_record,
        "The outbreak of the disease in 2003 killed 800 people. The country closed its border on 2 May.",
        "2009-05-05",
    )
    assert [v for _, v in got] == ["2003", "2009-05-02"]


def test_year_inside_a_noun_phrase_does_not_date_the_sentence(make_record):
    got = _dates(
        make_record, "The minister said Monday that the 2015 nuclear deal was a mistake.", "2024-03-05"
    )
    assert [v for _, v in got] == ["2024-03-04"]
