"""Direct quotations, their speakers, framing terms, and cross-document quote linking.

Every text here is composed for the test; the real spaCy pipeline parses it."""

from __future__ import annotations

import pytest

from parallax.extract.quotes import find_regions
from parallax.link import entities as entity_stage
from parallax.link.quotes import link_quotes


def _only(rec, fragment):
    """The one quote of `rec` whose text holds `fragment`."""
    found = [q for q in rec.quotes if fragment in q.text]
    assert len(found) == 1, [q.text for q in rec.quotes]
    return found[0]


def test_curly_quote_with_inverted_attribution(make_record):
    text = (
        "Floods closed the northern highway on Monday.\n\n"
        "\u201cThe water rose faster than any of our models predicted,\u201d said regional "
        "engineer Marta Lindqvist."
    )
    rec = make_record(text)
    q = _only(rec, "water rose faster")
    assert q.speaker == "Marta Lindqvist"
    assert text[q.start : q.end] == "The water rose faster than any of our models predicted"
    assert q.direct


def test_straight_quotes_split_around_he_said_are_one_quotation(make_record):
    text = (
        'Daniel Novak runs the harbour authority. "We will reopen the docks," he said, '
        '"as soon as the divers have checked every pier."'
    )
    rec = make_record(text)
    assert len(rec.quotes) == 1
    q = rec.quotes[0]
    assert q.text == "We will reopen the docks as soon as the divers have checked every pier."
    assert q.speaker == "Daniel Novak"
    assert text[q.start : q.start + 6] == "We wil"
    assert text[q.end - 5 : q.end] == "pier."


def test_second_sentence_after_she_said_joins_the_quotation(make_record):
    rec = make_record(
        "\u201cThe rent doubled in a year,\u201d Ines Moreau said. "
        "\u201cNobody on this street can pay it any more.\u201d"
    )
    assert len(rec.quotes) == 1
    assert "Nobody on this street" in rec.quotes[0].text
    assert rec.quotes[0].speaker == "Ines Moreau"


def test_quote_running_over_paragraphs_is_joined(make_record):
    text = (
        "Jonas Pietersen, a farmer, described the drought to reporters on Friday.\n\n"
        "\u201cThe wells on the eastern fields dried up in June and the cattle had to be moved.\n\n"
        "\u201cWe have never lost a harvest like this in forty years of farming,\u201d Pietersen said."
    )
    rec = make_record(text)
    q = _only(rec, "wells on the eastern fields")
    assert "never lost a harvest" in q.text
    assert q.speaker == "Jonas Pietersen"


def test_paragraph_initial_quote_continues_the_last_speaker(make_record):
    text = (
        "\u201cThe bridge will stay closed until the inspection ends,\u201d said city engineer "
        "Olga Brandt.\n\n"
        "\u201cWe expect the inspectors to finish their work by the end of the month.\u201d"
    )
    rec = make_record(text)
    q = _only(rec, "inspectors to finish")
    assert q.speaker == "Olga Brandt"


def test_speaker_named_before_a_colon(make_record):
    rec = make_record(
        "After the vote, Senator Paulo Ferreira told supporters: "
        '"This result belongs to every volunteer who knocked on a door."'
    )
    q = _only(rec, "This result belongs")
    assert q.speaker == "Paulo Ferreira"


def test_nyt_doubled_apostrophes_are_quotation_marks(make_record):
    rec = make_record("''Our budget cannot absorb another cut,'' Mayor Helen Castillo said on Tuesday.")
    q = _only(rec, "budget cannot absorb")
    assert q.speaker == "Helen Castillo"


def test_body_as_speaker(make_record):
    rec = make_record(
        "The foreign ministry said on Thursday that the embassy would "
        "\u201cremain open for as long as it is safe to do so\u201d."
    )
    q = _only(rec, "remain open")
    assert q.speaker is not None and q.speaker.lower().endswith("foreign ministry")


def test_spokesman_resolves_to_the_organisation_named_nearby(make_record):
    text = (
        "The National Railway Company said it was investigating the derailment. "
        "\u201cEvery carriage will be inspected before service resumes,\u201d a spokesman said."
    )
    rec = make_record(text)
    q = _only(rec, "Every carriage")
    assert q.speaker is not None and "National Railway Company" in q.speaker


def test_title_resolves_to_the_person_holding_it(make_record):
    text = (
        "Governor Adaeze Okafor toured the flooded district on Sunday. "
        "Residents asked her for help rebuilding their homes.\n\n"
        "\u201cNo family will be left without a roof this winter,\u201d the governor said."
    )
    rec = make_record(text)
    q = _only(rec, "No family will be left")
    assert q.speaker == "Adaeze Okafor"


def test_scare_quotes_are_framing_not_quotations(make_record):
    rec = make_record(
        'Soldiers joined a "stabilisation" force that crossed the border on Monday. '
        "The convoy carried food, fuel and medicine for the villages."
    )
    assert rec.quotes == []
    assert rec.framing == ["stabilisation"]


def test_partial_quote_in_paraphrase_goes_to_its_speaker(make_record):
    text = (
        "Economist Rafael Duarte said the new tariffs were a \u201cgamble\u201d and "
        "\u201ca tax on every family that buys groceries\u201d."
    )
    rec = make_record(text)
    q = _only(rec, "a tax on every family")
    assert q.speaker == "Rafael Duarte"
    assert "gamble" in rec.framing


def test_odd_marks_and_nesting_do_not_break_the_scan(make_record):
    text = (
        'Line one has a stray mark " and nothing after it.\n\n'
        "\u201cShe told me \u2018we are leaving tonight\u2019 and then she was gone,\u201d "
        'said neighbour Piotr Nowak.\n\nA last "unclosed quote'
    )
    rec = make_record(text)
    q = _only(rec, "we are leaving tonight")
    assert q.speaker == "Piotr Nowak"


def test_find_regions_closes_unclosed_quotes_at_paragraph_end():
    text = "He said \u201cfirst part\n\nsecond \u201cclosed one\u201d here"
    regions, paras = find_regions(text)
    assert [text[r.start : r.end] for r in regions] == ["first part", "closed one"]
    assert [r.closed for r in regions] == [False, True]
    assert len(paras) == 2


def test_link_quotes_canonical_speaker_and_same_quotation_across_documents(make_record):
    a = make_record(
        "Prime Minister Ewa Lindholm addressed parliament on Monday. "
        "\u201cThe reform protects every pensioner in this country,\u201d Ms Lindholm said.",
        doc_id="a",
    )
    b = make_record(
        "\u201cThe reform protects every pensioner in this country,\u201d "
        "Lindholm told lawmakers. Opposition parties walked out.",
        doc_id="b",
    )
    ents = entity_stage.resolve([a, b])
    quotes = link_quotes([a, b], ents)
    by_doc = {q.doc: q for q in quotes}
    assert by_doc["a"].speaker == "Ewa Lindholm"
    assert by_doc["b"].speaker == "Ewa Lindholm"
    assert by_doc["a"].same_as == ["b"]
    assert by_doc["b"].same_as == ["a"]


def test_different_quotations_are_not_linked(make_record):
    a = make_record(
        "\u201cWe will rebuild the school before September,\u201d said Mayor Lena Vogt.", doc_id="a"
    )
    b = make_record(
        "\u201cThe hospital needs two hundred more beds this year,\u201d said Mayor Lena Vogt.", doc_id="b"
    )
    quotes = link_quotes([a, b], entity_stage.resolve([a, b]))
    assert all(q.same_as == [] for q in quotes)


def test_headline_scare_quotes_are_framing(make_record):
    rec = make_record(
        "Police cleared the square on Tuesday night after three days of protests.",
        title="Police move against \u2018looters\u2019 in the capital",
    )
    assert rec.framing == ["looters"]
    assert rec.quotes == []


# ------------------------------------------------------------------ the people of the story


def _speaker_of(rec, fragment):
    return _only(rec, fragment).speaker


def test_honorific_picks_the_relative_of_its_gender(make_record):
    rec = make_record(
        "Arthur Bellamy, the mayor, arrived with his wife, Claire Bellamy, on Sunday.\n\n"
        "\u201cThe harbour will be rebuilt before winter,\u201d Mr. Bellamy said.\n\n"
        "\u201cThe school on the hill will open its doors again,\u201d Mrs. Bellamy said.\n\n"
        "\u201cNobody in the valley will be forgotten this year,\u201d Mr. Bellamy added."
    )
    assert _speaker_of(rec, "harbour will be rebuilt") == "Arthur Bellamy"
    assert _speaker_of(rec, "school on the hill") == "Claire Bellamy"
    assert _speaker_of(rec, "Nobody in the valley") == "Arthur Bellamy"


def test_she_is_never_a_man_named_more_recently(make_record):
    rec = make_record(
        "Ms. Rosa Lindgren met the envoy on Tuesday. She refused to say whether Mr. Tomas "
        "Okafor had misled the committee.\n\n"
        "\u201cI am not going to guess at anybody's motives,\u201d she told reporters."
    )
    assert _speaker_of(rec, "guess at anybody") == "Rosa Lindgren"


def test_pronoun_prefers_the_subject_of_the_previous_sentence(make_record):
    rec = make_record(
        "Tomas Berg said the council \u201cwasted a whole year\u201d and cast Elias Hart as the "
        "author of the failure.\n\n"
        "\u201cHart was the architect of a plan that ruined the harbour,\u201d he said."
    )
    assert _speaker_of(rec, "architect of a plan") == "Tomas Berg"


def test_pronoun_is_never_a_name_in_its_own_clause(make_record):
    rec = make_record(
        "\u201cWe will win the county by a wide margin,\u201d Victor Anand said on Monday.\n\n"
        "Of Marek Duda, he said, \u201cI want him to do well in the debate next week.\u201d"
    )
    assert _speaker_of(rec, "want him to do well") == "Victor Anand"


def test_pronoun_after_a_sentence_about_no_one_is_the_last_speaker(make_record):
    rec = make_record(
        "\u201cThe records are somewhere in the archive,\u201d said Paul Greer.\n\n"
        "The remarks prompted Daniel Webb to ask about the archive. "
        "He nodded, saying, \u201cAnd they cannot believe what we are finding there.\u201d"
    )
    assert _speaker_of(rec, "cannot believe what we are finding") == "Paul Greer"


def test_the_asker_of_a_question_speaks_not_the_one_asked(make_record):
    rec = make_record(
        "Senator Lea Moss was asked by the moderator, Ian Cole, whether her plan would risk "
        "\u201cadding another costly program to an already strained budget.\u201d"
    )
    assert _speaker_of(rec, "another costly program") == "Ian Cole"


def test_the_owner_of_a_comment_speaks(make_record):
    rec = make_record(
        "Luis Ortega on Sunday tried to clarify his comment that Mayor Ada Frost followed "
        "\u201ca phony plan for the harbour district,\u201d saying he meant the budget."
    )
    assert _speaker_of(rec, "phony plan") == "Luis Ortega"


def test_an_abstract_noun_is_never_a_speaker(make_record):
    rec = make_record(
        "The timing of the surge does not surprise pollster Dan Shaw: \u201cLesser-known "
        "candidates who win early contests always see the biggest boost.\u201d"
    )
    speaker = _speaker_of(rec, "biggest boost")
    assert speaker is None or "Shaw" in speaker


def test_a_statement_speaks_for_whoever_released_it(make_record):
    rec = make_record(
        "The Regional Water Board released a statement on Monday evening.\n\n"
        "\u201cThe reservoir is safe and the pumps will run all winter,\u201d the statement said."
    )
    assert _speaker_of(rec, "reservoir is safe") == "Regional Water Board"


def test_dash_after_a_quote_names_its_speaker(make_record):
    rec = make_record(
        "Readers wrote to us after the debate.\n\n"
        "\u201cNobody on this street can pay the rent any more.\u201d \u2015 Ana Ruiz\n\n"
        "\u201cThe candidates never once talked about the harbour.\u201d \u2015 Milo Petrov"
    )
    assert _speaker_of(rec, "pay the rent") == "Ana Ruiz"
    assert _speaker_of(rec, "never once talked") == "Milo Petrov"


def test_a_straight_mark_closed_by_a_curly_one(make_record):
    rec = make_record(
        '"We are not paying for that wall. Absolutely not,\u201d Ramon Falco said. '
        "\u201cThose are not our principles and never were.\u201d"
    )
    assert _speaker_of(rec, "paying for that wall") == "Ramon Falco"
    assert _speaker_of(rec, "not our principles") == "Ramon Falco"


def test_said_wins_over_according_to_a_magazine(make_record):
    rec = make_record(
        '"I want to see the land records," said Omar Pike in a long interview at his farm last '
        'week, according to a weekly magazine. "Nobody in the county has ever seen them, not once."'
    )
    assert _speaker_of(rec, "Nobody in the county") == "Omar Pike"


def test_abbreviated_title_names_its_holder(make_record):
    rec = make_record(
        "Sen. Marta Kowal spoke in the capital on Wednesday.\n\n"
        "In her speech the senator called the plan \u201cineffective at best and dangerous at worst.\u201d"
    )
    assert _speaker_of(rec, "ineffective at best") == "Marta Kowal"


def test_a_name_in_apposition_outranks_a_possessor(make_record):
    rec = make_record(
        "The country has been ruled for decades by Omar Velasquez.\n\n"
        "Velasquez's hand-picked successor, President Ivo Brandt, called in troops overnight. "
        "He blamed the unrest on foreign agents.\n\n"
        "\u201cThis is an attack on the integrity of the state itself,\u201d he said."
    )
    assert _speaker_of(rec, "attack on the integrity") == "Ivo Brandt"


def test_quote_after_reported_speech_goes_to_its_source(make_record):
    rec = make_record(
        "The ministers met in the old harbour hall on Friday.\n\n"
        "Carl Osei said that for decades critics had predicted the decline of the port.\n\n"
        "\u201cThat is because the port is the heart of the region and always will be.\u201d"
    )
    assert _speaker_of(rec, "heart of the region") == "Carl Osei"


def test_a_noun_outside_the_lexicons_still_speaks(make_record):
    rec = make_record(
        "\u201cThey have to stop and listen to the families first,\u201d the retired neurosurgeon "
        "told a radio host."
    )
    speaker = _speaker_of(rec, "stop and listen")
    assert speaker is not None and speaker.endswith("neurosurgeon")


def test_a_participle_after_a_quote_is_not_an_inverted_attribution(make_record):
    rec = make_record(
        "Mayor Jon Kell hailed the vote as \u201cfantastic,\u201d telling reporters during a visit to "
        "the port on Friday that he thinks the result is \u201ca great thing for every family.\u201d"
    )
    assert _speaker_of(rec, "great thing for every family") == "Jon Kell"


def test_link_never_gives_a_quote_to_a_relative_merged_into_one_entity(make_record):
    from parallax.records import Entity

    rec = make_record(
        "\u201cThe school on the hill will open its doors again,\u201d Claire Bellamy said.", doc_id="a"
    )
    merged = Entity(
        id="e1", name="Arthur Bellamy", type="PERSON", aliases=["Arthur Bellamy", "Claire Bellamy"]
    )
    nick = Entity(id="e2", name="David Okafor", type="PERSON", aliases=["David Okafor", "Dave Okafor"])
    assert [q.speaker for q in link_quotes([rec], [merged, nick])] == ["Claire Bellamy"]
    other = make_record(
        "\u201cThe harbour will be rebuilt before winter,\u201d Dave Okafor said.", doc_id="b"
    )
    assert [q.speaker for q in link_quotes([other], [merged, nick])] == ["David Okafor"]


def test_a_bare_surname_taken_up_by_he_is_not_his_wife(make_record):
    rec = make_record(
        "President Arno Voss and first lady Lena Voss visited the hospital on Wednesday night.\n\n"
        "Voss said that he was deeply saddened by the news.\n\n"
        "\u201cOur thoughts are with the families of everyone injured,\u201d he said in a statement."
    )
    assert _speaker_of(rec, "families of everyone injured") == "Arno Voss"


def test_a_man_named_by_title_first_is_not_the_woman_named_in_full(make_record):
    rec = make_record(
        "President Voss attacked a television comedian on Wednesday.\n\n"
        "In a statement, the first lady, Lena Voss, questioned the comedian's judgment.\n\n"
        "\u201cWe will never be intimidated by anyone,\u201d Mr. Voss said at the airport."
    )
    speaker = _speaker_of(rec, "never be intimidated")
    assert speaker is not None and speaker.endswith("Voss") and "Lena" not in speaker


def test_a_participle_after_reported_speech_belongs_to_the_reporter(make_record):
    rec = make_record(
        'Ana Lund said last week that Piet Kroon represents "city values," stating during the '
        'debate that they are "socially liberal and focused around money and the media."'
    )
    assert _speaker_of(rec, "socially liberal") == "Ana Lund"


def test_a_name_and_a_colon_introduce_a_quote(make_record):
    rec = make_record(
        "TURNOUT DOES NOT CHANGE THE MATH - Marta Vick and Jon Okoro: \u201cAt long last the "
        "contests have started, and we now have the first real results.\u201d\n\n"
        "Continued Okoro: \u201cThe single best thing the campaign can do is register voters.\u201d"
    )
    assert _speaker_of(rec, "At long last") == "Marta Vick"
    assert _speaker_of(rec, "single best thing") == "Jon Okoro"


def test_the_owner_of_a_response_speaks(make_record):
    rec = make_record(
        "Mayor Ida Brenner was asked about the closures. Brenner's response was: "
        "\u201cThe depot will reopen before the first snow falls.\u201d"
    )
    assert _speaker_of(rec, "depot will reopen") == "Ida Brenner"


def test_one_prompted_to_say_speaks(make_record):
    rec = make_record(
        "The debate was so subdued that Mayor Rita Holm was prompted to say, "
        "\u201cSo far, I cannot believe how calm it has been in here.\u201d"
    )
    assert _speaker_of(rec, "how calm it has been") == "Rita Holm"


def test_the_owner_of_a_catch_phrase_speaks(make_record):
    rec = make_record(
        "Lena Brandt ran against Omar Pike in 2010. Brandt's catch phrase in that race was that "
        "Pike \u201cwould say or do anything to win an election.\u201d"
    )
    assert _speaker_of(rec, "say or do anything") == "Lena Brandt"


def test_the_one_asked_gives_the_answer(make_record):
    rec = make_record(
        "Paul Greer said he would keep digging. \u201cI am not convinced by any of it,\u201d he said.\n\n"
        "Show host Dana Pryce asked Greer, \u201cHave you seen the records yourself?\u201d His "
        "response: \u201cWell, I have people who have been studying them for months.\u201d"
    )
    assert _speaker_of(rec, "seen the records yourself") == "Dana Pryce"
    assert _speaker_of(rec, "studying them for months") == "Paul Greer"


def test_a_quoted_title_does_not_hide_the_verb_before_it(make_record):
    rec = make_record(
        '"I want to see the land records," said Omar Pike in an interview on the "Morning Table" '
        'show, according to a weekly magazine. "Nobody in the county has ever seen them, not once."'
    )
    assert _speaker_of(rec, "Nobody in the county") == "Omar Pike"


def test_she_never_stands_for_a_platform(make_record):
    rec = make_record(
        "The photo was first shared on Twitter by a reporter on Friday.\n\n"
        "Later she posted an apology, saying she had \u201cjudged the two young ladies in a way I "
        "would never want to be judged myself.\u201d"
    )
    assert _speaker_of(rec, "judged the two young ladies") != "Twitter"


def test_a_document_never_carries_over_to_the_next_paragraph(make_record):
    rec = make_record(
        "The unsigned filing says the city \u201cbroke every rule in the book for three years.\u201d\n\n"
        "\u201cThe council has no answer to any of it and never will.\u201d"
    )
    assert _speaker_of(rec, "broke every rule") is not None
    assert _speaker_of(rec, "council has no answer") is None


# ------------------------------------------------------------------ groups and bodies as speakers

#: (rule, text, a fragment of the quotation, its speaker)
GROUP_SPEAKERS = [
    (
        "a group is named with the words that narrow it",
        "Senate Republicans met on Tuesday. "
        '"We will block this bill in its current form," said Senate Republicans in a letter.',
        "block this bill",
        "Senate Republicans",
    ),
    (
        "they stands for the group that is the subject before",
        'House Democrats said the plan was dead. "We will not support a budget that cuts schools," they said.',
        "cuts schools",
        "House Democrats",
    ),
    (
        "they is no group when people joined by and are nearer",
        "The Harbor Board met on Monday. Ana Ruiz and Tom Berg spoke after the vote. "
        '"We will appeal the ruling to the full court," they said.',
        "appeal the ruling",
        None,
    ),
    (
        "a group noun keeps the place set right after it",
        '"Our sheriffs are overwhelmed by this traffic," officials in Nebraska said in a statement.',
        "sheriffs are overwhelmed",
        "officials in Nebraska",
    ),
    (
        "words that count do not name a group",
        '"We will not support a budget that cuts schools," two aides said.',
        "cuts schools",
        "aides",
    ),
    (
        "the group takes up the organisation of the sentence before",
        "The Riverside Tenants Union answered the charge on Monday. "
        '"We reject the accusation entirely and completely," the group said.',
        "reject the accusation",
        "Riverside Tenants Union",
    ),
    (
        "the group takes up no organisation named sentences before",
        "The Harbor Arts Society met in May. The hall was full. Rain fell all day. The stalls closed early. "
        '"We will hold the fair again next year," the group said.',
        "hold the fair",
        "group",
    ),
    (
        "her campaign is the campaign of the person she is",
        "Mayor Laura Bennett faces a recall vote. "
        '"The mayor has done nothing wrong and will fight this," her campaign said.',
        "done nothing wrong",
        "Laura Bennett campaign",
    ),
    (
        "a spokeswoman for the governor speaks for the governor",
        "Gov. Tom Reed was asked about the audit. "
        '"The governor has no plans to resign from his office," a spokeswoman for the governor said.',
        "no plans to resign",
        "Tom Reed",
    ),
    (
        "the spokesperson speaks for whom the spokesperson before spoke",
        "A spokesperson for Veltrix says the company cares about privacy. "
        '"We disclose user data only when a court orders us to," the spokesperson said.',
        "disclose user data",
        "Veltrix",
    ),
    (
        "a named spokesperson is the speaker",
        "The Obama campaign responded quickly. "
        '"The governor is running away from his own record on taxes," campaign spokesman Ben Lark said.',
        "running away",
        "Ben Lark",
    ),
    (
        "a quotation hangs from the verb of another quotation of its clause",
        "The council met on Monday. The council said the city would \u201crepair every bridge on the river\u201d "
        "and stand against any attempt to \u201cclose the old ferry line for good,\u201d though the wording "
        "was changed later while asking residents to wait.",
        "ferry line",
        "council",
    ),
]


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"), [g[1:] for g in GROUP_SPEAKERS], ids=[g[0] for g in GROUP_SPEAKERS]
)
def test_group_and_body_speakers(make_record, text, fragment, speaker):
    assert _only(make_record(text), fragment).speaker == speaker


def test_the_campaign_takes_up_the_campaign_named_before_and_keeps_speaking(make_record):
    rec = make_record(
        "The Obama campaign responded quickly. "
        '"The governor is running away from his own record on taxes," the campaign said in a statement.'
        '\n\n"He raised fees on every family in the state while he was in office."'
    )
    assert _only(rec, "running away").speaker == "Obama campaign"
    assert _only(rec, "raised fees").speaker == "Obama campaign"


def test_the_company_passes_on_what_the_company_before_took_up(make_record):
    rec = make_record(
        "Orion Freight Inc. was founded in Ohio in 1990. Last year the company moved its offices to Dayton."
        '\n\nOn Friday the company said its drivers would "return to the road within a week."'
    )
    q = _only(rec, "return to the road")
    assert q.speaker is not None and q.speaker.startswith("Orion Freight")
