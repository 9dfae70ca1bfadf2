"""Clean: boilerplate goes, body sentences stay, metadata is read from the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.clean import clean
from parallax.config import Config
from parallax.records import Article, Document, Rejected

DATA = Path(__file__).resolve().parent / "data"
CFG = Config()

P1 = "Two people were killed and three injured when a gas tank exploded at a bakery in Millbrook on Saturday, police said."
P2 = "Fire crews worked through the night, and the street stayed closed until Sunday morning while engineers checked nearby houses."
P3 = "The owner said the bakery had passed a safety inspection in March and that he would cooperate with investigators."


def _clean(text: str, **fields) -> Document:
    doc = clean(Article(id="t1", source="t1.txt", text=text, **fields), CFG)
    assert isinstance(doc, Document), doc
    return doc


def _lines(doc: Document) -> list[str]:
    return doc.text.split("\n")


def test_headline_becomes_title_and_paragraphs_are_lines():
    doc = _clean(f"Bakery blast kills two in Millbrook\n\n\n{P1}\n\n{P2}   \n{P3}\n")
    assert doc.title == "Bakery blast kills two in Millbrook"
    assert _lines(doc) == [P1, P2, P3]
    assert "Bakery blast kills two in Millbrook" in doc.dropped


def test_first_line_that_is_a_sentence_is_not_a_title():
    doc = _clean(f"{P1}\n{P2}")
    assert doc.title is None and _lines(doc) == [P1, P2]


def test_given_title_repeated_in_body_goes_with_apostrophe_variants():
    doc = _clean(
        f"Baker’s shop destroyed\n{P1}\nBaker's shop destroyed\n{P2}", title="Baker's shop destroyed"
    )
    assert doc.title == "Baker's shop destroyed" and _lines(doc) == [P1, P2]


def test_repeated_short_heading_goes_everywhere_but_standfirst_stays():
    standfirst = "Residents describe a blast that shook windows across the town"
    text = (
        f"Bakery blast kills two\n{standfirst}\n{P1}\nNeighbours’ homes damaged in bakery blast\n"
        f"Neighbours' homes damaged in bakery blast\n{P2}\nDecorative divider line\n{P3}\nDecorative divider line"
    )
    doc = _clean(text)
    assert _lines(doc) == [standfirst, P1, P2, P3]


@pytest.mark.parametrize(
    "line",
    [
        "NEWSWIRE IMAGES: Firefighters at the scene on Saturday",
        "Photograph: Jane Roe/Agency Firefighters at the scene.",
        " ?? Photograph: Jane Roe/Agency ?? Firefighters at the scene.",
        "Image caption Firefighters at the scene",
        "Image copyright Agency",
        "(Photo: Jane Roe)",
        "Share this",
        "Leave a Reply",
        "12 Comments",
        "Sign up for our daily newsletter",
        "Subscribe now for complete and uninterrupted access to local news.",
        "Please enable Javascript to watch this video",
        "3/12",
        "----------",
        "Presentational grey line",
        "Copyright 2024 Valley Broadcasting. All rights reserved.",
        "1:45 Firefighters battle warehouse blaze downtown",
        "Updated: Sunday, March 10, 2024 9:41 AM EDT",
        "Read more: Gas safety rules tightened after earlier blast",
        "Follow us on Twitter @valleynews for updates",
        "If you do not see the confirmation email, please check your spam folder.",
        "reporter@example.com",
    ],
)
def test_boilerplate_line_is_dropped(line):
    doc = _clean(f"{P1}\n{line}\n{P2}\n{P3}")
    assert _lines(doc) == [P1, P2, P3]
    assert line.strip() in doc.dropped


@pytest.mark.parametrize(
    "line",
    [
        "2 killed, 3 injured in bakery blast",
        "No arrests have been made.",
        "Anyone with information is asked to call the police on 555-0100.",
        "The shooting happened at 9:53 p.m. Sunday, police said.",
        "Where is it? Millbrook lies on the river about 40 miles north of the capital.",
        "He said: “We heard a bang and then the windows came in.”",
    ],
)
def test_body_line_is_kept(line):
    doc = _clean(f"{P1}\n{line}\n{P2}\n{P3}")
    assert line in _lines(doc)


def test_trailing_read_more_and_photo_credit_are_cut_from_the_line():
    doc = _clean(f"{P1} read more\n{P2} (Photo: Jane Roe)\n{P3}")
    assert _lines(doc) == [P1, P2, P3]
    assert "read more" in doc.dropped and "(Photo: Jane Roe)" in doc.dropped


def test_masthead_byline_and_footer():
    text = (
        f"The Valley Courier\n\nBakery blast kills two\n\n- Jane Roe and John Doe in Millbrook, and agencies\n\n"
        f"{P1}\n\n{P2}\n\n{P3}\n\nNewspapers in English\n\nNewspapers from Elsewhere"
    )
    doc = _clean(text)
    assert doc.outlet == "The Valley Courier"
    assert doc.authors == ["Jane Roe", "John Doe"]
    assert doc.title == "Bakery blast kills two"
    assert _lines(doc) == [P1, P2, P3]


def test_byline_with_outlet_inside_the_body_and_credit_line():
    text = f"{P1}\nBy Mary Major, City News, Millbrook\n{P2}\n{P3}\nSource: Town Radio"
    doc = _clean(text)
    assert doc.authors == ["Mary Major"] and doc.outlet == "City News"
    assert _lines(doc) == [P1, P2, P3]


def test_credit_line_gives_outlet_when_nothing_else_does():
    doc = _clean(f"{P1}\n{P2}\n{P3}\nSource: Town Radio")
    assert doc.outlet == "Town Radio"


def test_dateline_gives_agency_and_stays_in_text():
    first = "MILLBROOK, March 9 (AP) — " + P1
    doc = _clean(f"{first}\n{P2}\n{P3}")
    assert doc.outlet == "Associated Press" and _lines(doc)[0] == first
    assert doc.published is None  # the year is not stated anywhere
    doc = _clean(f"{first}\n{P2}\n{P3}\nCopyright 2024 Valley Broadcasting. All rights reserved.")
    assert doc.published == "2024-03-09"


def test_given_metadata_wins_and_dates_are_normalised():
    first = "MILLBROOK (AP) — " + P1
    doc = _clean(f"{first}\n{P2}", outlet="Given Outlet", published="2024-03-09T17:45:00+01:00")
    assert doc.outlet == "Given Outlet" and doc.published == "2024-03-09"
    assert _clean(f"{P1}\n{P2}", published="last spring").published is None


def test_date_stamp_line_gives_published_date():
    doc = _clean(f"Bakery blast kills two\nPosted 03/14/2024 9:41 AM\n{P1}\n{P2}")
    assert doc.published == "2024-03-14" and doc.title == "Bakery blast kills two"
    assert _lines(doc) == [P1, P2]
    ambiguous = _clean(f"Bakery blast kills two\nPosted 03/10/2024 9:41 AM\n{P1}\n{P2}")
    assert ambiguous.published is None and _lines(ambiguous) == [P1, P2]  # 10 March or 3 October


def test_repeated_paragraph_keeps_first_copy():
    doc = _clean(f"{P1}\n{P2}\n{P1}\n{P3}")
    assert _lines(doc) == [P1, P2, P3]


def test_hard_wrapped_text_is_unwrapped_and_broken_lines_mended():
    wrapped = (
        "Two people were killed and three injured when a gas tank exploded at\n"
        "a bakery in Millbrook on Saturday, police said. Fire crews worked through\n"
        "the night and the street stayed closed.\n\n"
        "The owner said the bakery had passed a safety inspection in March and\n"
        "that he would cooperate with the investigators from the county.\n"
    )
    doc = _clean(wrapped)
    assert (
        len(_lines(doc)) == 2
        and _lines(doc)[0].startswith("Two people")
        and "exploded at a bakery" in doc.text
    )


def test_characters_inside_lines_are_not_rewritten():
    line = "“It’s gone,” said the owner – who asked not to be named – of the bakery…  \u00a0 which opened in 1990."
    doc = _clean(f"{P1}\n{line}\n{P2}")
    assert line.strip() in _lines(doc)


def test_html_article_is_extracted():
    html = (DATA / "folder" / "page.html").read_text()
    doc = clean(Article(id="p", source="p.html", html=html), CFG)
    assert isinstance(doc, Document)
    assert "about 400 passengers used the first two crossings" in doc.text
    assert doc.title and doc.title.startswith("Ferry service resumes")
    assert "Ferry service resumes" not in doc.text.split("\n")


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty after cleaning"),
        ("Share this\nLeave a Reply\n", "empty after cleaning"),
        (
            "Bakery blast\nThe bakery exploded on Saturday.",
            "too short after cleaning: fewer than 15 words (and no headline of 4 words or more)",
        ),
    ],
)
def test_rejections(text, reason):
    res = clean(Article(id="r", source="r.txt", record=7, text=text), CFG)
    assert isinstance(res, Rejected) and res.reason == reason and res.record == 7


PAYWALL = "Subscribe now for unlimited digital access.\nAlready a subscriber? Log in to continue reading."


def test_a_page_whose_body_is_only_prompts_keeps_its_headline():
    res = clean(
        Article(
            id="h", source="h.txt", title="Two injured as tram leaves the rails in Riverton", text=PAYWALL
        ),
        CFG,
    )
    assert isinstance(res, Document) and res.headline_only
    assert res.text == "Two injured as tram leaves the rails in Riverton"
    assert any("Subscribe" in d for d in res.dropped)


def test_a_headline_page_keeps_the_few_lines_its_body_has():
    res = clean(
        Article(
            id="h",
            source="h.txt",
            title="Tram derails in Riverton",
            text="Two passengers were hurt.\n" + PAYWALL,
        ),
        CFG,
    )
    assert isinstance(res, Document) and res.headline_only
    assert res.text.split("\n") == ["Tram derails in Riverton", "Two passengers were hurt."]


@pytest.mark.parametrize("title", [None, "Tram derails", "Subscribe to our newsletter"])
def test_a_short_or_residue_headline_does_not_stand_for_an_empty_body(title):
    res = clean(Article(id="h", source="h.txt", title=title, text=PAYWALL), CFG)
    assert isinstance(res, Rejected) and res.reason == "empty after cleaning"


@pytest.mark.parametrize(
    "title",
    [
        "404 - Page Not Found",
        "Access Denied - You do not have permission",
        "The page you requested could not be found",
        "Are you a robot?",
        "You have reached your article limit for this month",
    ],
)
def test_an_error_or_gate_page_title_does_not_stand_for_an_empty_body(title):
    res = clean(Article(id="h", source="h.txt", title=title, text=PAYWALL), CFG)
    assert isinstance(res, Rejected) and res.reason == "empty after cleaning"


@pytest.mark.parametrize(
    "title",
    [
        "500 people evacuated after chemical leak in Riverton",
        "Access to clean water denied, Riverton residents say",
    ],
)
def test_news_headlines_that_start_like_error_messages_still_stand(title):
    res = clean(Article(id="h", source="h.txt", title=title, text=PAYWALL), CFG)
    assert isinstance(res, Document) and res.headline_only and res.text == title


def test_a_full_body_is_not_headline_only():
    res = clean(Article(id="h", source="h.txt", title="Ferry service resumes", text=f"{P1}\n{P2}"), CFG)
    assert isinstance(res, Document) and not res.headline_only


def test_too_long_is_rejected():
    cfg = Config()
    cfg.limits.max_doc_chars = 200
    res = clean(Article(id="r", source="r.txt", text=f"{P1}\n{P2}\n{P3}"), cfg)
    assert isinstance(res, Rejected) and res.reason.startswith("too long after cleaning")


def test_control_characters_in_a_title_are_read_as_in_the_body():
    cfg = Config()
    cfg.limits.languages = []
    doc = clean(
        Article(id="t", source="t.txt", text="", title="Floods\x1fcut off four river towns\rtoday"), cfg
    )
    assert isinstance(doc, Document) and doc.headline_only
    assert doc.text.split("\n")[0] == "Floodscut off four river towns today"
