"""Entity mentions and resolution, on sentences composed for these tests."""

from __future__ import annotations

from parallax.extract.mentions import trim
from parallax.link.entities import canonical, name_key, repair_mentions, resolve


def _entity(entities, alias):
    hits = [e for e in entities if alias in e.aliases]
    assert len(hits) == 1, (alias, [(e.name, e.aliases) for e in entities])
    return hits[0]


def test_mentions_carry_offsets_and_sentences(make_record):
    text = (
        "Flooding closed roads in Leeds on Monday. "
        "Mayor Hannah Ellwood said the city council would open shelters."
    )
    rec = make_record(text)
    assert rec.mentions, "the tagger found no names"
    for m in rec.mentions:
        assert text[m.start : m.end] == m.text
        s, e = rec.sentences[m.sent]
        assert s <= m.start < e
    names = {m.text for m in rec.mentions}
    assert "Hannah Ellwood" in names  # the title "Mayor" is not part of the name
    assert "Leeds" in names


def test_trim_strips_titles_articles_and_possessives():
    assert trim("President Hannah Ellwood's", 10) == ("Hannah Ellwood", 20, 34)
    assert trim("the Red Cross", 0) == ("Red Cross", 4, 13)
    assert trim("the", 0) is None


def test_name_key_folds_transliteration_hyphens_and_titles():
    assert name_key("Qasym-Zhomart Toqaev") == name_key("Kassym-Jomart Tokayev")
    assert name_key("KassymJomart Tokayev") == name_key("Kassym-Jomart Tokayev")
    assert name_key("Nazarbaev") == name_key("Nazarbayev")
    assert name_key("Mr Tokayev's") == name_key("Tokayev")
    assert name_key("Belarus") != name_key("Armenia")


def test_surname_and_title_resolve_to_the_full_name(make_record):
    a = make_record(
        "Prime Minister Viktor Orban met European leaders in Brussels on Tuesday. "
        "Orban said the talks had been difficult.",
        doc_id="a",
    )
    b = make_record("Mr Orban returned to Budapest on Wednesday, officials said.", doc_id="b")
    ents = resolve([a, b])
    orban = _entity(ents, "Viktor Orban")
    assert "Orban" in orban.aliases
    assert orban.type == "PERSON"
    assert canonical(ents, "Mr Orban") == "Viktor Orban"
    assert canonical(ents, "Prime Minister Viktor Orban") == "Viktor Orban"
    docs = {d for d, _, _ in orban.mentions}
    assert docs == {"a", "b"}


def test_acronym_binds_to_its_expansion_and_a_near_miss_spelling(make_record):
    a = make_record(
        "Ministers of the North Atlantic Treaty Organization (NATO) met in Brussels on Monday. "
        "NATO said it would send more troops to the region.",
        doc_id="a",
    )
    b = make_record("The NATO summit ended on Tuesday. Diplomats said NTAO officials left early.", doc_id="b")
    ents = resolve([a, b])
    nato = _entity(ents, "NATO")
    assert nato.name == "North Atlantic Treaty Organization"
    assert nato.type == "ORG"
    assert canonical(ents, "the NATO") == "North Atlantic Treaty Organization"
    if any("NTAO" in e.aliases for e in ents):  # only when the tagger saw it as a name
        assert "NTAO" in nato.aliases


def test_different_names_stay_apart(make_record):
    rec = make_record(
        "The alliance includes Russia, Belarus, Armenia, Kazakhstan, Kyrgyzstan and Tajikistan. "
        "Belarus and Armenia sent troops on Thursday."
    )
    ents = resolve([rec])
    places = [e for e in ents if {"Belarus", "Armenia", "Russia"} & set(e.aliases)]
    assert len(places) == 3
    assert all(len(set(e.aliases) & {"Belarus", "Armenia", "Russia"}) == 1 for e in places)


def test_shared_surname_is_not_merged_across_stories(make_record):
    s1 = make_record(
        "Novelist Sarah Whitcombe won the prize on Friday. Whitcombe thanked her publisher.", doc_id="s1"
    )
    s2 = make_record(
        "Police chief Daniel Whitcombe resigned on Monday. Whitcombe denied wrongdoing.", doc_id="s2"
    )
    e1, e2 = resolve([s1]), resolve([s2])
    assert canonical(e1, "Whitcombe") == "Sarah Whitcombe"
    assert canonical(e2, "Whitcombe") == "Daniel Whitcombe"


def test_ambiguous_surname_in_one_story_stays_unresolved(make_record):
    rec = make_record(
        "Sarah Whitcombe and her brother Daniel Whitcombe spoke to reporters in London on Friday. "
        "Whitcombe said the family was relieved."
    )
    ents = resolve([rec])
    assert canonical(ents, "Sarah Whitcombe") == "Sarah Whitcombe"
    assert canonical(ents, "Daniel Whitcombe") == "Daniel Whitcombe"
    assert canonical(ents, "Whitcombe") not in {"Sarah Whitcombe", "Daniel Whitcombe"}


def test_story_level_repair_finds_untagged_occurrences(make_record):
    rec = make_record("Crowds gathered in Zhanaozen on Sunday. Protesters in Zhanaozen blocked the road.")
    bare = type(rec)(document=rec.document, sentences=rec.sentences, mentions=[])
    found = repair_mentions(bare, {("Zhanaozen",): "GPE"})
    spans = [(m.start, m.end) for m in found]
    text = rec.document.text
    assert len(found) == 2
    assert all(text[s:e] == "Zhanaozen" for s, e in spans)
    assert all(m.label == "GPE" for m in found)


def test_entity_mentions_point_at_the_text(make_record):
    a = make_record(
        "Chancellor Olaf Scholz visited Paris on Monday. Scholz met President Emmanuel Macron.", doc_id="a"
    )
    ents = resolve([a])
    text = a.document.text
    for e in ents:
        for doc, s, end in e.mentions:
            assert doc == "a"
            assert name_key(text[s:end]) in {name_key(x) for x in e.aliases}


def test_person_span_cut_before_the_surname_is_extended(make_record):
    """The tagger sometimes stops a hyphenated name before the surname; the mention keeps it."""
    rec = make_record(
        "The crisis prompted President Abdul-Rahim Qorvanov on Monday to call for talks. "
        "Qorvanov later left the capital."
    )
    names = {m.text for m in rec.mentions if m.label == "PERSON"}
    assert any(n.endswith("Qorvanov") and n.startswith("Abdul") for n in names), names


def test_trimmed_mention_offsets_point_at_the_name():
    from parallax.extract.mentions import trim

    text = "He met \"Mr Lindqvist's aides"
    got = trim("\"Mr Lindqvist's", 7)
    assert got is not None
    name, start, end = got
    assert name == "Lindqvist" and text[start:end] == name
