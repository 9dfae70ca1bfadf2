"""The grammar of reporting (parallax.extract.attribution): who a reporting cue says spoke.

Every sentence here is composed for the test; the real spaCy pipeline parses it."""

from __future__ import annotations

import pytest

from parallax.extract.attribution import (
    document_author,
    gender_word,
    is_group,
    is_reporting,
    is_spokesperson,
    principal,
    sentence_sources,
    source_of,
    speaker_class,
    speech_owner,
)


def _tok(doc, word: str, nth: int = 0):
    return [t for t in doc if t.text == word][nth]


def test_subject_of_a_reporting_verb(nlp):
    doc = nlp("The harbour master said the pier would stay closed until spring.")
    src = source_of(_tok(doc, "said"))
    assert src is not None and src.head.text == "master" and src.kind == "subject"
    assert src.span.text == "harbour master"


def test_agent_of_a_passive_reporting_verb_speaks(nlp):
    doc = nlp("The closure was announced by the regional water board on Friday.")
    src = source_of(_tok(doc, "announced"))
    assert src is not None and src.head.text == "board" and src.kind == "agent"


def test_passive_subject_without_agent_did_not_speak(nlp):
    doc = nlp("Senator Lea Moss was asked whether the bill would pass before the summer.")
    assert source_of(_tok(doc, "asked")) is None


def test_passive_quoted_as_saying_keeps_its_subject(nlp):
    doc = nlp("The coach was quoted as saying that the team deserved better.")
    src = source_of(_tok(doc, "quoted"))
    assert src is not None and src.head.text == "coach"


def test_inverted_attribution_names_the_name_after_the_verb(nlp):
    doc = nlp('"We will rebuild every bridge in the valley," said engineer Marta Lindqvist.')
    src = source_of(_tok(doc, "said"))
    assert src is not None and src.head.text == "Lindqvist"


def test_according_to(nlp):
    doc = nlp("According to the coast guard, ten fishing boats sank in the storm.")
    assert is_reporting(_tok(doc, "According"))
    src = source_of(_tok(doc, "According"))
    assert src is not None and src.head.text == "guard" and src.kind == "according"


def test_a_participle_speaks_through_the_subject_of_its_verb(nlp):
    doc = nlp("The mayor left the meeting early, saying the budget was a disgrace.")
    src = source_of(_tok(doc, "saying"))
    assert src is not None and src.head.text == "mayor"


def test_sentence_sources_lists_every_cue(nlp):
    doc = nlp("The minister said the talks had failed, according to two diplomats.")
    heads = [s.head.text for s in sentence_sources(next(iter(doc.sents)))]
    assert heads == ["minister", "diplomats"]


def test_a_noun_of_saying_with_an_owner_is_a_cue(nlp):
    doc = nlp("Luis Ortega tried to clarify his comment that the plan was a fraud.")
    owner = speech_owner(_tok(doc, "comment"))
    assert owner is not None and owner.text == "his"
    src = source_of(_tok(doc, "comment"))
    assert src is not None and src.kind == "possessor" and src.head.text == "his"


def test_a_noun_of_saying_without_an_owner_is_not(nlp):
    doc = nlp("The comment was widely shared online.")
    assert speech_owner(_tok(doc, "comment")) is None


@pytest.mark.parametrize(
    ("sentence", "word", "kind"),
    [
        ("The statement was read aloud in the square.", "statement", "document"),
        ("The lawsuit was filed in March.", "lawsuit", "document"),
        ("Twitter removed the post within an hour.", "Twitter", "body"),
        ("The wording was changed before the vote.", "wording", "other"),
        ("The spokeswoman declined to comment.", "spokeswoman", "person"),
        ("The organizer thanked the volunteers.", "organizer", "person"),
        ("The committee met on Tuesday.", "committee", "body"),
        ("Several said they would stay home.", "Several", "body"),
        ("The 43-year-old said he was tired.", "old", "person"),
    ],
)
def test_speaker_class(nlp, sentence, word, kind):
    assert speaker_class(_tok(nlp(sentence), word)) == kind


def test_document_author_from_the_verb_that_issued_it(nlp):
    doc = nlp(
        "The city council released a statement on Monday evening. "
        "The statement said the market would reopen next week."
    )
    author = document_author(_tok(doc, "statement", 1))
    assert author is not None and author.text == "council"


def test_document_author_from_its_owner_and_from_a_phrase(nlp):
    doc = nlp("Her letter reached the board. A lawsuit from the farmers' union argues otherwise.")
    owner = document_author(_tok(doc, "letter"))
    assert owner is not None and owner.text == "Her"
    union = document_author(_tok(doc, "lawsuit"))
    assert union is not None and union.text == "union"


def test_document_author_of_said_in_a_statement(nlp):
    doc = nlp("The ministry said in a statement that the border would reopen.")
    author = document_author(_tok(doc, "statement"))
    assert author is not None and author.text == "ministry"


def test_gender_words():
    assert gender_word("Mrs.") == "f"
    assert gender_word("Mr") == "m"
    assert gender_word("Ms.") == "f"
    assert gender_word("she") == "f"
    assert gender_word("his") == "m"
    assert gender_word("wife") == "f"
    assert gender_word("husband") == "m"
    assert gender_word("Dr.") is None
    assert gender_word("senator") is None


def test_a_platform_speaks_as_a_company_but_owns_no_video(nlp):
    doc = nlp(
        "Twitter said in a statement that it had closed the accounts. The clip came from a YouTube video."
    )
    assert speaker_class(_tok(doc, "Twitter")) == "body"
    assert document_author(_tok(doc, "video")) is None


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("A spokeswoman for the harbour board said the pier would reopen.", "spokeswoman", "board"),
        ("A spokesman at Veltrix said the pier would reopen.", "spokesman", "Veltrix"),
        ("His spokesman said the pier would reopen.", "spokesman", "His"),
        ("The mayor's spokeswoman said the pier would reopen.", "spokeswoman", "mayor"),
        ("Campaign spokesman Ben Lark said the pier would reopen.", "spokesman", "Campaign"),
        ("The White House press secretary said the pier would reopen.", "secretary", "House"),
        ("A spokesperson said the pier would reopen.", "spokesperson", None),
    ],
)
def test_principal_of_a_spokesperson(nlp, sentence, word, expected):
    t = _tok(nlp(sentence), word)
    assert is_spokesperson(t)
    p = principal(t)
    assert (p.text if p is not None else None) == expected


def test_a_secretary_is_a_spokesperson_only_of_the_press(nlp):
    doc = nlp("The party secretary said the vote would be held in May.")
    assert not is_spokesperson(_tok(doc, "secretary"))


@pytest.mark.parametrize(
    ("sentence", "word", "group"),
    [
        ("House Democrats said the plan was dead.", "Democrats", True),
        ("Officials in the county said the road was closed.", "Officials", True),
        ("The campaign said the road was closed.", "campaign", True),
        ("The official said the road was closed.", "official", False),
        ("The road was closed for a week.", "road", False),
        ("Twitter said the account was closed.", "Twitter", False),
    ],
)
def test_is_group(nlp, sentence, word, group):
    assert is_group(_tok(nlp(sentence), word)) is group
