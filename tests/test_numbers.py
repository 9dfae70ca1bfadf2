"""Numbers as reports write them: digits, words, ranges, vague quantities, qualifiers."""

from __future__ import annotations

import pytest

from parallax.extract.numbers import (
    is_number_word,
    parse_amount,
    parse_number,
    parse_pair,
    parse_quantity,
    requalify,
)


@pytest.mark.parametrize(
    "text, value",
    [
        ("7", 7),
        ("4,512", 4512),
        ("3.5", 3.5),
        ("Forty-one", 41),
        ("ninety nine", 99),
        ("a dozen", 12),
        ("three dozen", 36),
        ("four hundred twenty", 420),
        ("2.4 million", 2_400_000),
        ("eleven", 11),
        ("one thousand", 1000),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["seven eight", "many", "the", "", "forty forty"])
def test_not_a_number(text):
    assert parse_number(text) is None


def test_digit_and_word_tokens():
    assert is_number_word("Seventy") and is_number_word("1,250")
    assert not is_number_word("a") and not is_number_word("no") and not is_number_word("troops")


def test_range_with_hyphen_and_words():
    q = parse_quantity("150-175")
    assert (q.low, q.high, q.vague) == (150, 175, False)
    q = parse_quantity("between 30 and 45")
    assert (q.low, q.high) == (30, 45)
    assert parse_quantity("75-40") is None  # a score or a ratio, not a range


@pytest.mark.parametrize(
    "text, floor",
    [
        ("dozens", 24),
        ("Scores", 40),
        ("hundreds", 200),
        ("thousands", 2000),
        ("tens of thousands", 20_000),
        ("hundreds of thousands", 200_000),
        ("several", 3),
    ],
)
def test_vague_words_keep_a_floor(text, floor):
    q = parse_quantity(text)
    assert q.vague and q.low == floor and q.high is None


def test_qualifiers():
    q = parse_quantity("at least 31")
    assert (q.low, q.high, q.qualifier, q.approximate) == (31, None, "at least", False)
    q = parse_quantity("more than 6,000")
    assert (q.low, q.high) == (6000, None)
    q = parse_quantity("up to 90")
    assert (q.low, q.high) == (None, 90)
    q = parse_quantity("nearly 700")
    assert (q.low, q.high, q.approximate) == (700, 700, True)
    q = parse_quantity("Some 45")
    assert q.qualifier == "some" and q.approximate and q.low == 45


def test_given_qualifier_is_used_and_empty_means_none():
    q = parse_quantity("about 80", qualifier="")
    assert q is None  # "about" is not a number on its own
    q = parse_quantity("80", qualifier="roughly")
    assert q.approximate and q.qualifier == "roughly"


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("$139 million", 139e6, 139e6, "USD"),
        ("40 bn tenge", 40e9, 40e9, "KZT"),
        ("$5.4M", 5.4e6, 5.4e6, "USD"),
        ("€250m", 250e6, 250e6, "EUR"),
        ("$3-5bn", 3e9, 5e9, "USD"),  # the scale written once applies to both ends
        ("$10 to $15 billion", 10e9, 15e9, "USD"),
        ("$10 million to $15 billion", 10e6, 15e9, "USD"),  # each end with its own scale
        ("between 3.8 billion dollars and 4.6 billion dollars", 3.8e9, 4.6e9, "USD"),
        ("15 billion U.S. dollars", 15e9, 15e9, "USD"),
        ("56%", 56, 56, "percent"),
        ("30 per cent", 30, 30, "percent"),
        ("two-thirds", 2 / 3, 2 / 3, "fraction"),
        ("60-plus", 60, None, ""),
        ("a half-dozen", 6, 6, ""),
        ("5.000", 5000, 5000, ""),  # a thousands separator, as in Europe
        ("1.375 billion", 1.375e9, 1.375e9, ""),  # a decimal before a scale
    ],
)
def test_amounts_with_their_unit(text, low, high, unit):
    q = parse_amount(text)
    assert (q.low, q.high, q.unit) == (pytest.approx(low), pytest.approx(high) if high else None, unit)


def test_a_bare_ordinal_word_is_no_fraction():
    assert parse_amount("third") is None and parse_amount("Third") is None


@pytest.mark.parametrize(
    "text, pair", [("97-1", (97, 1)), ("228 to 191", (228, 191)), ("40-to-39", (40, 39))]
)
def test_the_two_sides_of_a_tally(text, pair):
    assert parse_pair(text) == pair


def test_an_ascending_pair_is_a_range_not_a_tally():
    assert parse_pair("150-175") is None


def test_a_verb_can_set_the_bound_of_an_exact_figure():
    q = requalify(parse_quantity("6,000", qualifier=""), "more than")
    assert (q.low, q.high, q.qualifier) == (6000, None, "more than")
    q = requalify(parse_quantity("at least 40"), "more than")
    assert q.qualifier == "at least"  # a written qualifier stands
