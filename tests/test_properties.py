"""Property-based tests (hypothesis) of the pure stages: cleaning, number parsing, date
resolution and quote finding.  Each property holds for every input hypothesis composes,
hostile ones included (control characters, odd Unicode, any length); a failure prints the
smallest input that breaks it."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.clean import boilerplate, lines
from parallax.clean import clean as clean_article
from parallax.clean import dates as clean_dates
from parallax.clean.html import nesting_depth
from parallax.config import Config
from parallax.extract import dates as extract_dates
from parallax.extract.numbers import parse_number, parse_quantity
from parallax.extract.quotes import find_regions
from parallax.records import Article, Document, Rejected

PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: any text, including control characters, line separators and astral characters (no
#: lone surrogates: ingest replaces them before anything is cleaned).
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
WORDS = st.lists(st.from_regex(r"[A-Za-z]{1,10}", fullmatch=True), min_size=1, max_size=12)
#: publication dates as the cleaner gives them (it reads years 1900-2099 only).
PUBLISHED = st.dates(min_value=date(1901, 1, 1), max_value=date(2098, 12, 31))
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _normalised(text: str) -> str:
    """What paragraphs() reads: newlines unified, control characters removed."""
    return lines.normalised(text)


# ---------------------------------------------------------------- cleaning


@PROPS
@given(ANY_TEXT)
def test_paragraphs_keep_every_word_in_order_and_never_rewrite_it(text):
    out = lines.paragraphs(text)
    assert all(ln and ln == ln.strip() and "\n" not in ln for ln in out)
    assert " ".join(out).split() == _normalised(text).split()


@PROPS
@given(
    st.lists(
        st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=120), max_size=20
    ),
    st.none() | st.text(max_size=60),
)
def test_boilerplate_scan_keeps_only_parts_of_given_lines(paragraphs, title):
    paragraphs = [p.strip() for p in paragraphs if p.strip()]
    res = boilerplate.scan(paragraphs, title)
    kept = [ln.text for ln in res.kept()]
    i = 0
    for text in kept:  # every kept line is (a start of) an input line, in input order
        while i < len(paragraphs) and not paragraphs[i].startswith(text):
            i += 1
        assert i < len(paragraphs), text
        i += 1
    assert len(kept) + sum(1 for ln in res.lines if not ln.kept) == len(res.lines)


@PROPS
@given(ANY_TEXT, st.none() | st.text(max_size=40), st.none() | st.text(max_size=30))
def test_clean_never_raises_and_keeps_document_text_from_the_input(text, title, published):
    cfg = Config()
    cfg.limits.languages = []
    res = clean_article(Article(id="p", source="p.txt", text=text, title=title, published=published), cfg)
    if isinstance(res, Rejected):
        assert res.reason and res.source == "p.txt"
        return
    assert isinstance(res, Document)
    if res.headline_only:  # a body cleaning emptied: the headline stands first, then the body's lines
        headline, *body = res.text.split("\n")
        assert set(headline.split()) <= set(_normalised(f"{title or ''}\n{text}").split())
        assert sum(any(c.isalpha() for c in w) for w in headline.split()) >= cfg.limits.min_headline_words
        assert set(" ".join(body).split()) <= set(_normalised(text).split())
        assert len(" ".join(body).split()) < cfg.limits.min_words
    else:
        assert len(res.text.split()) >= cfg.limits.min_words
        assert set(res.text.split()) <= set(_normalised(text).split())
    assert res.published is None or date.fromisoformat(res.published)


@PROPS
@given(st.integers(0, 1500), st.sampled_from(["div", "span", "section", "b"]))
def test_nesting_depth_counts_every_level_without_recursion(depth, tag):
    html = "<html><body>" + f"<{tag}>" * depth + "text" + f"</{tag}>" * depth + "</body></html>"
    assert nesting_depth(html) == depth + 2
    assert nesting_depth(html, stop=10) == min(depth + 2, 11)


# ---------------------------------------------------------------- numbers

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def spell(n: int, hyphen: bool = True) -> str:
    """`n` (0 <= n < 10**9) in English words, as a report writes it ("three hundred forty-two")."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (("-" if hyphen else " ") + _UNITS[unit] if unit else "")
    for scale, name in ((1_000_000, "million"), (1_000, "thousand"), (100, "hundred")):
        if n >= scale:
            high, rest = divmod(n, scale)
            return f"{spell(high, hyphen)} {name}" + (f" {spell(rest, hyphen)}" if rest else "")
    raise AssertionError(n)


@PROPS
@given(st.integers(0, 10**9 - 1), st.booleans())
def test_numbers_in_digits_and_in_words_read_back(n, hyphen):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(spell(n, hyphen)) == n
    assert parse_number(spell(n, hyphen).capitalize()) == n


@PROPS
@given(ANY_TEXT)
def test_parse_number_and_quantity_never_raise(text):
    v = parse_number(text)
    assert v is None or v >= 0
    q = parse_quantity(text)
    if q is not None:
        assert q.low is not None or q.high is not None
        assert q.low is None or q.high is None or q.low <= q.high


@PROPS
@given(
    st.integers(1, 10**7),
    st.integers(1, 10**7),
    st.sampled_from(["at least", "more than", "up to", "about", "nearly", "exactly", ""]),
)
def test_quantities_keep_their_range_and_qualifier(a, b, qualifier):
    low, high = min(a, b), max(a, b)
    if low < high:
        q = parse_quantity(f"{low:,}-{high:,}")
        assert (q.low, q.high) == (low, high)
    q = parse_quantity(f"{qualifier} {a:,}".strip())
    assert q is not None and (q.qualifier or "") == qualifier
    if qualifier in ("at least", "more than"):
        assert (q.low, q.high) == (a, None)
    elif qualifier == "up to":
        assert (q.low, q.high) == (None, a)
    else:
        assert (q.low, q.high) == (a, a) and q.approximate == (qualifier in ("about", "nearly"))


# ---------------------------------------------------------------- dates


@PROPS
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), WORDS, WORDS)
def test_written_dates_are_found_in_every_form(d, before, after):
    iso = d.isoformat()
    month = MONTH_NAMES[d.month - 1]
    pre, post = " ".join(before), " ".join(after)
    for written in (
        iso,
        f"{month} {d.day}, {d.year}",
        f"{d.day} {month} {d.year}",
        f"{month[:3]}. {d.day} {d.year}",
    ):
        assert clean_dates.find_date(f"{pre} {written} {post}") == iso, written
    if d.day > 12:  # unambiguous numeric dates, both orders
        assert clean_dates.find_date(f"{pre} {d.month:02d}/{d.day:02d}/{d.year} {post}") == iso
        assert clean_dates.find_date(f"{pre} {d.day}.{d.month}.{d.year} {post}") == iso


@PROPS
@given(ANY_TEXT)
def test_find_date_gives_a_real_date_or_none(text):
    found = clean_dates.find_date(text)
    assert found is None or date.fromisoformat(found)


@PROPS
@given(PUBLISHED, st.integers(0, 6), st.integers(1, 50))
def test_relative_dates_resolve_against_the_publication_date(pub, wd, n):
    weekday = WEEKDAY_NAMES[wd]
    text = f"Crews arrived on {weekday}. Rain fell yesterday. The dam was built {n} days ago."
    recs = extract_dates.extract(text, pub.isoformat(), "d", [(0, len(text))])
    by_text = {r.text.split()[-1]: r for r in recs}
    on = date.fromisoformat(by_text[weekday].date)
    assert on.weekday() == wd and timedelta(0) <= pub - on < timedelta(days=7)
    assert by_text["yesterday"].date == (pub - timedelta(days=1)).isoformat()
    assert by_text["ago"].date == (pub - timedelta(days=n)).isoformat()


@PROPS
@given(ANY_TEXT, PUBLISHED)
def test_every_resolved_date_is_a_span_of_the_text_with_a_calendar_value(text, pub):
    recs = extract_dates.extract(text, pub.isoformat(), "d", [(0, len(text))])
    for r in recs:
        assert text[r.start : r.end] == r.text
        assert re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", r.date), r.date
        if len(r.date) == 10:
            date.fromisoformat(r.date)


# ---------------------------------------------------------------- quotes


@PROPS
@given(WORDS, st.sampled_from([('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb")]), WORDS)
def test_a_quotation_is_found_exactly_between_its_marks(words, marks, speaker):
    said = " ".join(words)
    text = f"{' '.join(speaker)} said, {marks[0]}{said}.{marks[1]} Then the meeting ended."
    regions, paras = find_regions(text)
    assert [text[r.start : r.end] for r in regions] == [f"{said}."]
    assert paras == [(0, len(text))]


@PROPS
@given(ANY_TEXT)
def test_quote_regions_are_ordered_spans_inside_their_paragraphs(text):
    regions, paras = find_regions(text)
    last = 0
    for r in regions:
        ps, pe = paras[r.para]
        assert ps <= r.start < r.end <= pe
        assert r.start >= last
        assert any(ch.isalnum() for ch in text[r.start : r.end])
        last = r.end
