"""Story clustering, on short reports composed for these tests."""

from __future__ import annotations

import json

import pytest

from parallax.config import StoryConfig
from parallax.link.entities import name_key
from parallax.link.stories import StoryIndex, anchor_sets, anchors, cluster, features, sources, title

QUAKE_A = [
    (
        "A magnitude 6.1 earthquake struck near the town of Ravello in southern Italy on Tuesday, "
        "killing 12 people and injuring dozens. Rescue teams searched collapsed houses in Ravello "
        "through the night, mayor Lucia Ferrante said."
    ),
    (
        "Twelve people died when a 6.1 magnitude quake hit Ravello, Italy. Mayor Lucia Ferrante said "
        "rescuers were still digging through rubble in the old town, and the Italian civil protection "
        "agency sent tents for families whose houses collapsed."
    ),
    (
        "Rescuers in Ravello pulled survivors from collapsed houses after Tuesday's magnitude 6.1 "
        "earthquake. Lucia Ferrante, the town's mayor, said 12 people were killed."
    ),
]
QUAKE_B = [
    (
        "A magnitude 7.4 earthquake shook the coastal city of Valparaiso in Chile in 2015, killing "
        "three people. President Michelle Bachelet visited the damaged port and promised help."
    ),
    (
        "Chilean President Michelle Bachelet toured Valparaiso after the 7.4 magnitude quake, which "
        "killed three people and damaged the port. Officials said the 2015 quake was the strongest in years."
    ),
]


def _reports(make_record, texts, published, prefix):
    """Records of composed reports published on one day, ids `prefix` + their position."""
    return [make_record(t, published=published, doc_id=f"{prefix}{i}") for i, t in enumerate(texts)]


@pytest.fixture(scope="module")
def quakes(make_record):
    return _reports(make_record, QUAKE_A, "2016-08-23", "a"), _reports(
        make_record, QUAKE_B, "2016-08-24", "b"
    )


def _as_sets(records, groups):
    return {frozenset(records[i].document.id for i in g) for g in groups}


def test_two_similar_events_are_kept_apart(quakes):
    a, b = quakes
    records = [a[0], b[0], a[1], b[1], a[2]]
    groups = cluster(records, StoryConfig())
    assert _as_sets(records, groups) == {frozenset({"a0", "a1", "a2"}), frozenset({"b0", "b1"})}


def test_ids_and_order_are_not_evidence(quakes, make_record):
    a, b = quakes
    renamed = [
        make_record(r.document.text, published=r.document.published, doc_id=f"x{9 - i}", outlet="Same Outlet")
        for i, r in enumerate(a + b)
    ]
    groups = cluster(list(reversed(renamed)), StoryConfig())
    sizes = sorted(len(g) for g in groups)
    assert sizes == [2, 3]


def test_publication_window_separates_the_same_text(make_record):
    r1 = make_record(QUAKE_A[0], published="2016-08-23", doc_id="early")
    r2 = make_record(QUAKE_A[1], published="2016-08-24", doc_id="early2")
    r3 = make_record(QUAKE_A[2], published="2017-03-01", doc_id="late")
    groups = cluster([r1, r2, r3], StoryConfig(window_days=10, far_days=0))
    assert _as_sets([r1, r2, r3], groups) == {frozenset({"early", "early2"}), frozenset({"late"})}
    # beyond the window only an anchor (a date mentioned, a person named repeatedly by both)
    # joins two reports: the late one shares none
    groups = cluster([r1, r2, r3], StoryConfig(window_days=10, far_days=365))
    assert _as_sets([r1, r2, r3], groups) == {frozenset({"early", "early2"}), frozenset({"late"})}


def test_incremental_add_joins_existing_stories(quakes):
    a, b = quakes
    index = StoryIndex(StoryConfig())
    first = index.add([a[0], a[1], b[0]])
    assert first[0] == first[1] != first[2]
    state = StoryIndex.from_state(json.loads(json.dumps(index.state())), StoryConfig())  # the persisted form
    second = state.add([b[1], a[2]])
    assert second == [first[2], first[0]]
    assert len(state.story_docs) == 2


def test_incremental_new_event_starts_a_new_story(quakes, make_record):
    a, _ = quakes
    index = StoryIndex(StoryConfig())
    index.add(a)
    other = make_record(
        "The central bank raised interest rates by half a point on Thursday, citing "
        "inflation, and the governor said more increases were likely this year.",
        published="2016-08-24",
        doc_id="bank",
    )
    (sid,) = index.add([other])
    assert sid not in {index.doc_story[d] for d in range(3)}


def test_title_prefers_document_titles_then_a_headline_line(make_record):
    r1 = make_record("Quake hits Ravello\nA magnitude 6.1 earthquake struck on Tuesday.", doc_id="t1")
    assert title([r1]) == "Quake hits Ravello"
    r2 = make_record("A magnitude 6.1 earthquake struck on Tuesday.", doc_id="t2", title="Ravello earthquake")
    assert title([r1, r2]) == "Ravello earthquake"


SHOOTING = [
    (
        "Police said Marcus Delaney, 24, was shot and killed outside a bakery on Elm Street in Fairview "
        "on Sunday, March 3. Delaney was taken to Fairview General Hospital, where he died. Detectives "
        "are searching for a gunman who fled in a gray sedan."
    ),
    (
        "A 24-year-old man, Marcus Delaney, died after he was shot outside a bakery on Elm Street in "
        "Fairview on March 3. Delaney's mother said he had just finished his shift. Police have not "
        "made an arrest in the shooting."
    ),
]
VERDICT = (
    "A jury on Thursday convicted Trevor Haines of murder in the death of Marcus Delaney, who was "
    "shot outside a bakery in Fairview on March 3. Prosecutors said Trevor Haines had argued with "
    "Delaney earlier that day. Haines faces life in prison, and Delaney's family wept as the verdict "
    "was read."
)
OTHER = (
    "Two teenagers were wounded in a shooting at a park in Fairview on Friday night, police said. "
    "Officers found shell casings near the basketball courts. No arrests have been made."
)


def test_anchors_are_people_named_again_and_calendar_dates(make_record):
    rec = make_record(VERDICT, published="2019-09-20", doc_id="v")
    people, names, dates = anchors(rec)
    assert "trevor haines" in people  # named three times
    assert people <= names
    assert "2019-03-03" in dates
    once = make_record(
        "The city council met on Monday to discuss the budget, and council member Alice "
        "Whitford proposed a new park.",
        doc_id="o",
    )
    people, names, _ = anchors(once)
    assert people == set()  # named once: not named repeatedly
    assert name_key("Alice Whitford") in names  # but named


def test_sources_are_the_people_reported_speaking(make_record):
    rec = make_record(
        "Two men were wounded in a shooting on Oak Avenue late Saturday, said Officer Dana "
        "Whitcombe, a police spokeswoman. Both men were taken to a hospital in stable "
        "condition, Whitcombe said.",
        doc_id="s1",
    )
    assert name_key("Whitcombe") in sources(rec)
    assert anchors(rec)[1] == set()  # a spokeswoman is no anchor
    rec = make_record(
        "Sheriff Paul Ostrander said Kyle Brennan shot his neighbor after an argument. "
        "Brennan was arrested at his home on Sunday, the sheriff said.",
        doc_id="s2",
    )
    assert name_key("Ostrander") in sources(rec)
    assert name_key("Brennan") not in sources(rec)  # "said Brennan shot": whom it reports about
    assert name_key("Kyle Brennan") in anchors(rec)[0]


def test_middle_names_do_not_tell_two_people_apart(make_record):
    a = make_record("Prosecutors charged John F. Baxter with murder on Monday.", doc_id="m1")
    b = make_record("A judge sentenced John Baxter to 40 years in prison on Friday.", doc_id="m2")
    assert anchors(a)[1] == anchors(b)[1] == {name_key("John Baxter")}


ROBBERY = (
    "Two men were wounded in a shooting outside a grocery store on Birch Road in Millbrook on Saturday "
    "night. Police said a gunman fired several shots from a passing car. Both victims were taken to a "
    "hospital."
)
ROBBERY_2 = (
    "A gunman in a passing car opened fire outside a Birch Road grocery store in Millbrook, wounding "
    "two men, police said. The victims were treated at a hospital and are expected to survive."
)
COUNCIL = (
    "The city council of Millbrook approved a new budget for road repairs and school buses on Tuesday, "
    "after a long debate about property taxes."
)


@pytest.mark.parametrize(
    "second, text, together",
    [
        ("2024-03-04", ROBBERY_2, True),  # the next day: wording suffices
        ("2024-03-09", ROBBERY_2, False),  # six days later: it does not
        ("2024-03-09", ROBBERY_2 + " The shooting happened on March 2.", True),  # unless an anchor ties them
    ],
)
def test_reports_days_apart_need_an_anchor(make_record, second, text, together):
    first = ROBBERY.replace("on Saturday night", "on Saturday, March 2") if "March 2" in text else ROBBERY
    records = [
        make_record(first, published="2024-03-03", doc_id="a"),
        make_record(text, published=second, doc_id="b"),
        make_record(COUNCIL, published="2024-03-05", doc_id="o"),
    ]
    expected = (
        {frozenset({"a", "b"}), frozenset({"o"})}
        if together
        else {frozenset({"a"}), frozenset({"b"}), frozenset({"o"})}
    )
    assert _as_sets(records, cluster(records, StoryConfig())) == expected


def test_a_follow_up_naming_the_accused_once_joins_the_reports_about_him(make_record):
    early = [
        make_record(
            "Police arrested Kyle Brennan, 29, on Sunday in the fatal shooting of a clerk at a gas station "
            "on Route 9 in Ashford. Brennan was booked on a murder charge. Investigators said Brennan fled "
            "the gas station in a stolen truck.",
            published="2024-03-04",
            doc_id="e1",
        ),
        make_record(
            "Kyle Brennan is charged with murder after a gas station clerk was shot on Route 9 in Ashford, "
            "police said. Brennan was held without bail, and detectives said the stolen truck Brennan drove "
            "was found nearby.",
            published="2024-03-05",
            doc_id="e2",
        ),
    ]
    late = make_record(
        "A judge sentenced Kyle Brennan to life in prison on Friday for the murder of a gas station "
        "clerk in Ashford.",
        published="2024-11-15",
        doc_id="late",
    )
    other = make_record(COUNCIL, published="2024-11-15", doc_id="o")
    records = [*early, late, other]
    assert _as_sets(records, cluster(records, StoryConfig())) == {
        frozenset({"e1", "e2", "late"}),
        frozenset({"o"}),
    }


def test_follow_up_months_later_joins_its_story_on_shared_anchors(make_record):
    early = _reports(make_record, SHOOTING, "2019-03-04", "e")
    late = make_record(VERDICT, published="2019-09-20", doc_id="verdict")
    other = make_record(OTHER, published="2019-09-21", doc_id="other")
    records = [*early, late, other]
    groups = cluster(records, StoryConfig())
    assert _as_sets(records, groups) == {frozenset({"e0", "e1", "verdict"}), frozenset({"other"})}
    # without the reach beyond the window the follow-up stays apart
    groups = cluster(records, StoryConfig(far_days=0))
    assert frozenset({"e0", "e1"}) in _as_sets(records, groups)
    assert frozenset({"verdict"}) in _as_sets(records, groups)


def test_follow_up_added_later_joins_the_stored_story(make_record):
    early = _reports(make_record, SHOOTING, "2019-03-04", "e")
    index = StoryIndex(StoryConfig())
    first = index.add(early)
    restored = StoryIndex.from_state(json.loads(json.dumps(index.state())), StoryConfig())
    assert restored.state() == index.state()
    (sid,) = restored.add([make_record(VERDICT, published="2019-09-20", doc_id="verdict")])
    assert sid == first[0] == first[1]
    assert restored.story_docs[sid] == [0, 1, 2]
    assert restored.doc_ids == ["e0", "e1", "verdict"]


def test_title_words_are_features_of_their_own(make_record):
    rec = make_record(
        "Sign up for our newsletter to get the latest headlines.",
        doc_id="page",
        title="Ravello mayor Lucia Ferrante resigns",
    )
    feats = features(rec, StoryConfig())
    assert {"t:ravello", "t:mayor", "t:lucia", "t:ferrante", "t:resigns"} <= set(feats)
    assert not any(
        k.startswith("t:") for k in features(make_record("Sign up today.", doc_id="bare"), StoryConfig())
    )


def test_title_words_survive_trimming(make_record):
    body = (
        "Sign up for our newsletter. Weather alerts for Cedar County, Pine County, Elm County and Oak County "
        "are in effect until Friday, with flood watches for the river valleys and storm warnings downtown."
    )
    rec = make_record(body, doc_id="page", title="Ravello mayor Lucia Ferrante resigns")
    index = StoryIndex(StoryConfig(doc_terms=6))
    index.add([rec])
    kept = set(index.doc_terms[0])
    title_terms = {index.vocab[t] for t in features(rec, StoryConfig()) if t.startswith("t:")}
    assert len(features(rec, StoryConfig())) > 6 and title_terms <= kept


# ---------------------------------------------------------------- pages with little content

PROMPT = "Turn on alerts for this writer. We only send one message a day, and only when there is news."


@pytest.mark.parametrize(
    "page_title, published, joins",
    [
        ("Ravello earthquake victims identified by mayor", "2016-08-24", True),
        ("Ravello earthquake victims identified by mayor", "2016-09-20", False),  # beyond near_days
        ("Earthquake victims identified by mayor", "2016-08-24", False),  # no name shared
    ],
)
def test_page_of_little_content_joins_by_its_title(quakes, make_record, page_title, published, joins):
    a, b = quakes
    page = make_record(PROMPT, published=published, doc_id="page", title=page_title)
    records = [*a, *b, page]
    sets = _as_sets(records, cluster(records, StoryConfig()))
    assert (frozenset({"a0", "a1", "a2", "page"}) in sets) is joins
    assert frozenset({"b0", "b1"}) in sets
    if not joins:
        assert frozenset({"page"}) in sets


def test_copies_of_a_page_of_little_content_join_by_their_title_together(quakes, make_record):
    """Two copies of a prompt page first make a story of their own; they join the
    reports their title names as one, not left apart as a pair."""
    a, b = quakes
    copies = [
        make_record(
            PROMPT,
            published="2016-08-24",
            doc_id=f"page{i}",
            title="Ravello earthquake victims identified by mayor",
        )
        for i in range(2)
    ]
    records = [*a, *b, *copies]
    sets = _as_sets(records, cluster(records, StoryConfig()))
    assert frozenset({"a0", "a1", "a2", "page0", "page1"}) in sets
    assert frozenset({"b0", "b1"}) in sets


# ---------------------------------------------------------------- people only quoted

QUOTED = (
    "A four-year-old boy was critically wounded on Sunday when he found a loaded handgun in a bedroom closet "
    'at his home on Juniper Lane in Castlewood, deputies said. "I only left the room for a minute," said '
    "Dale Pettigrew, the boy's father. Pettigrew told reporters the pistol was usually locked in a safe."
)
CHARGED = (
    "Prosecutors charged Dale Pettigrew with child endangerment on Monday after his four-year-old son shot "
    "himself with a loaded handgun left in a bedroom closet at the family's Castlewood home on Juniper Lane. "
    "Pettigrew is free on bond, and Pettigrew's lawyer declined to comment."
)
SPOKESMAN = (
    "Deputies are searching for a gunman who wounded a clerk during a robbery at a gas station on Route 4 "
    'in Fairview on Wednesday. "We ask anyone who saw the car to call us," said Dale Pettigrew, a '
    "sheriff's spokesman."
)


@pytest.mark.parametrize(
    "third, together",
    [
        (COUNCIL, True),  # the father quoted on the day, charged a week later: one story
        (SPOKESMAN, False),  # a name that a third report quotes too (a spokesman's) ties nothing
    ],
)
def test_a_person_only_quoted_in_one_report_ties_it_to_a_report_about_him(make_record, third, together):
    first = make_record(QUOTED, published="2024-05-06", doc_id="first")
    later = make_record(CHARGED, published="2024-05-14", doc_id="later")
    other = make_record(third, published="2024-05-10", doc_id="other")
    _, names, _, spoken = anchor_sets(first)
    assert name_key("Dale Pettigrew") in spoken and name_key("Dale Pettigrew") not in names
    assert name_key("Dale Pettigrew") in anchor_sets(later)[0]
    records = [first, later, other]
    expected = (
        {frozenset({"first", "later"}), frozenset({"other"})}
        if together
        else {frozenset({"first"}), frozenset({"later"}), frozenset({"other"})}
    )
    assert _as_sets(records, cluster(records, StoryConfig())) == expected
    # the same when the charge is reported after the index was saved and restored
    index = StoryIndex(StoryConfig())
    index.add([first, other])
    restored = StoryIndex.from_state(json.loads(json.dumps(index.state())), StoryConfig())
    (sid,) = restored.add([later])
    assert (sid == restored.doc_story[0]) is together


HOLLISTER = [
    (
        "Three people were wounded in a shooting outside a restaurant in Hollister on Saturday night, police said. "
        "Hollister police said a gunman fired from a passing car. The victims were taken to a hospital."
    ),
    (
        "A gunman in a passing car opened fire outside a Hollister restaurant late Saturday, wounding three people, "
        "police in Hollister said. All three victims were expected to survive."
    ),
]


def test_title_words_are_compared_folded_as_names_are(make_record):
    """A title's "Hollister" and the name key "holister" (doubled letters folded) are one word."""
    reports = _reports(make_record, HOLLISTER, "2024-06-02", "h")
    page = make_record(
        PROMPT, published="2024-06-03", doc_id="page", title="Hollister shooting victims identified"
    )
    records = [*reports, make_record(COUNCIL, published="2024-06-02", doc_id="o"), page]
    assert _as_sets(records, cluster(records, StoryConfig())) == {
        frozenset({"h0", "h1", "page"}),
        frozenset({"o"}),
    }


# ---------------------------------------------------------------- pages whose body is not their title

HARBOR = [
    (
        "Four people were wounded when a gunman opened fire outside a bakery on Linden Street in Port Carver "
        "on Friday evening, police said. Port Carver police said the gunman fled in a grey van."
    ),
    (
        "A gunman wounded four people outside a Linden Street bakery in Port Carver late Friday, and police in "
        "Port Carver were searching for a grey van seen leaving the scene. All four victims were expected to live."
    ),
]
MILL = [
    (
        "Two men were killed in a shooting at a mill in Ashbury on Friday night, the county sheriff said. "
        "Deputies in Ashbury arrested a former worker of the mill near the gate."
    ),
    (
        "A former worker shot and killed two men at the Ashbury mill on Friday, deputies said. The sheriff said "
        "the suspect was arrested at the mill gate and the victims' names would be released after relatives "
        "were told."
    ),
]
#: a body that reports nothing its title says (a site's travel list kept under a report's title)
TRAVEL = (
    "Seven scenic drives for a long weekend. Autumn colors make the mountain roads north of the lake a favorite "
    "with photographers, and small inns along the coast offer cheap rooms before the holiday season. "
    "Pack a picnic basket, a warm jacket and a camera, and plan each stop around a sunset over the bay. "
    "Museums, vineyards and orchards welcome visitors every afternoon."
)


@pytest.fixture(scope="module")
def events(make_record):
    return _reports(make_record, HARBOR, "2024-10-11", "h"), _reports(make_record, MILL, "2024-10-11", "m")


def test_a_page_whose_body_is_unrelated_joins_by_its_title(events, make_record):
    """The travel body has plenty of words of its own, none of them its title's: the page is
    placed by its title, as a page of little content is."""
    harbor, mill = events
    page = make_record(
        TRAVEL,
        published="2024-10-12",
        doc_id="page",
        title="Four wounded by gunman outside Port Carver bakery",
    )
    records = [*harbor, *mill, page]
    assert _as_sets(records, cluster(records, StoryConfig())) == {
        frozenset({"h0", "h1", "page"}),
        frozenset({"m0", "m1"}),
    }


def test_pages_sharing_an_unrelated_body_join_each_their_own_story(events, make_record):
    """Two pages of one site carry the same travel text under the titles of two different
    reports: they first meet on that text, then each joins the story its title names."""
    harbor, mill = events
    pages = [
        make_record(
            TRAVEL,
            published="2024-10-12",
            doc_id="p_harbor",
            title="Four wounded by gunman outside Port Carver bakery",
        ),
        make_record(
            TRAVEL, published="2024-10-12", doc_id="p_mill", title="Former worker kills two at Ashbury mill"
        ),
    ]
    records = [*harbor, *mill, *pages]
    assert _as_sets(records, cluster(records, StoryConfig())) == {
        frozenset({"h0", "h1", "p_harbor"}),
        frozenset({"m0", "m1", "p_mill"}),
    }


def test_a_page_that_reports_its_title_is_not_placed_by_it(events, make_record):
    """A travel page under a travel title is what it says it is: it stays apart."""
    harbor, mill = events
    page = make_record(
        TRAVEL, published="2024-10-12", doc_id="page", title="Scenic autumn drives near the lake"
    )
    records = [*harbor, *mill, page]
    assert _as_sets(records, cluster(records, StoryConfig())) == {
        frozenset({"h0", "h1"}),
        frozenset({"m0", "m1"}),
        frozenset({"page"}),
    }


# ---------------------------------------------------------------- lists of many dated events

STREETS = [
    "Elm Street",
    "Oak Avenue",
    "Maple Drive",
    "Pine Court",
    "Cedar Lane",
    "Walnut Street",
    "Spruce Road",
    "Willow Way",
    "Hazel Street",
    "Aspen Drive",
    "Poplar Avenue",
    "Juniper Lane",
    "Chestnut Street",
    "Sycamore Road",
    "Magnolia Court",
    "Laurel Avenue",
    "Cypress Street",
    "Hickory Lane",
    "Alder Road",
    "Beech Street",
    "Linden Avenue",
    "Holly Drive",
]
MONTHS = ["January", "February"]
#: a police department's log of open cases: one short entry per event, each with its date
LOG = " ".join(
    f"On {MONTHS[i % 2]} {i + 3}, 2024, a man was shot on {street} in Millbrook."
    for i, street in enumerate(STREETS)
)
LOG += " On March 2, 2024, two men were wounded by a gunman in a passing car outside a grocery store on Birch Road."
ROBBERY = (
    "Two men were wounded in a shooting outside a grocery store on Birch Road in Millbrook on Saturday, "
    "March 2. Police said a gunman fired several shots from a passing car. Both victims were taken to a "
    "hospital."
)


def test_a_list_of_many_dated_events_has_no_date_anchors(make_record):
    page = make_record("Open cases of the Millbrook police. " + LOG, published="2024-03-20", doc_id="log")
    assert len({d.date for d in page.dates if len(d.date) == 10}) > 20
    assert anchor_sets(page)[2] == set()
    report = make_record(ROBBERY, published="2024-03-03", doc_id="r")
    assert "2024-03-02" in anchor_sets(report)[2]  # a report keeps the date of its event


def test_a_list_of_many_dated_events_is_not_tied_to_a_report_by_a_date(make_record):
    records = [
        make_record(ROBBERY, published="2024-03-03", doc_id="r"),
        make_record("Open cases of the Millbrook police. " + LOG, published="2024-03-20", doc_id="log"),
    ]
    groups = cluster(records, StoryConfig())
    assert {frozenset(records[i].document.id for i in g) for g in groups} == {
        frozenset({"r"}),
        frozenset({"log"}),
    }


LAKE_TRAVEL = (
    "Seven scenic drives for a long weekend around Lake Orla. Autumn colors make the mountain roads north "
    "of Lake Orla a favorite with photographers, and small inns along the coast offer cheap rooms before "
    "the holiday season. Pack a picnic basket and plan each stop around a sunset over the bay."
)


@pytest.mark.parametrize("incremental", [False, True])
def test_a_page_whose_body_is_not_its_title_covers_no_other_title(events, make_record, incremental):
    """The travel text under a report's title is not that report's wording: a prompt page
    titled after the travel text does not join the report's story through it, in one run or
    when it arrives after the index was saved and restored."""
    harbor, mill = events
    off = make_record(
        LAKE_TRAVEL,
        published="2024-10-12",
        doc_id="off",
        title="Four wounded by gunman outside Port Carver bakery",
    )
    page = make_record(
        PROMPT, published="2024-10-12", doc_id="page", title="Scenic autumn drives around Lake Orla"
    )
    first = [*harbor, *mill, off]
    if not incremental:
        records = [*first, page]
        assert _as_sets(records, cluster(records, StoryConfig())) == {
            frozenset({"h0", "h1", "off"}),
            frozenset({"m0", "m1"}),
            frozenset({"page"}),
        }
        return
    index = StoryIndex(StoryConfig())
    index.add(first)
    assert index.doc_story[index.doc_ids.index("off")] == index.doc_story[0]
    restored = StoryIndex.from_state(json.loads(json.dumps(index.state())), StoryConfig())
    (sid,) = restored.add([page])
    assert len(restored.story_docs[sid]) == 1
