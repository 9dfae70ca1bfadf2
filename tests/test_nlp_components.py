"""The indexed attribute ruler and lemmatizer write what spaCy's own do, token by token."""

from __future__ import annotations

import pytest
import spacy

from parallax.nlp import lemmatizer, load, resolve_model_name
from parallax.nlp.attribute_ruler import IndexedAttributeRuler, install

#: loads spaCy's stock pipeline beside ours: the everyday loop (-m "not slow") skips it
pytestmark = pytest.mark.slow

TEXTS = [
    "I ain't gonna say it twice, but let's be clear: we're done.",
    "You said you'd call.  It was raining\n\nin Springfield when she left at 5:30 p.m. on Tuesday.",
    "Police said three men, aged 19, 20 and 24, were shot; one died at St. Mary's Hospital.",
    "\u201cWe won't stop,\u201d the mayor's spokeswoman told reporters. \"Gotta keep going.\"",
    "They've fired 2,000 rounds -- more than $1.5 million's worth -- since 1999, hasn't it?",
    "Mr. O'Neil, 81, wasn't there; neither were his grandchildren (ages 3 and 5).",
]

ATTRS = ("tag_", "pos_", "lemma_", "dep_", "ent_type_")


@pytest.fixture(scope="module")
def stock():
    return spacy.load(resolve_model_name(None))


def test_the_loaded_pipeline_uses_the_indexed_components(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), lemmatizer.IndexedEnglishLemmatizer)
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")


def test_indexed_components_write_what_the_stock_ones_write(stock, nlp):
    for ours, theirs in zip(nlp.pipe(TEXTS), stock.pipe(TEXTS), strict=False):
        assert len(ours) == len(theirs)
        for a, b in zip(ours, theirs, strict=False):
            assert [getattr(a, k) for k in ATTRS] + [str(a.morph)] == [getattr(b, k) for k in ATTRS] + [
                str(b.morph)
            ], (a.text, ours.text)


def test_indexed_ruler_finds_the_stock_matches(stock, nlp):
    ruler, stock_ruler = nlp.get_pipe("attribute_ruler"), stock.get_pipe("attribute_ruler")
    # the matches are computed on a parse before the ruler ran, as in the pipeline
    before = nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"])
    try:
        docs = list(nlp.pipe(TEXTS))
    finally:
        before.restore()
    for doc in docs:
        assert ruler.match(doc) == sorted(set(stock_ruler.match(doc)))


def test_a_pattern_beyond_the_lookup_leaves_the_stock_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}, {"LOWER": "b"}]], {"LEMMA": "ab"})
    ruler.add([[{"LENGTH": 3}]], {"LEMMA": "three"})
    assert install(nlp) is False
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_install_keeps_name_order_and_patterns(stock):
    nlp = spacy.load(resolve_model_name(None))
    patterns = nlp.get_pipe("attribute_ruler").patterns
    assert install(nlp) is True
    assert nlp.pipe_names == stock.pipe_names
    assert nlp.get_pipe("attribute_ruler").patterns == patterns
    assert load() is load()


def test_lemmas_of_a_form_in_two_roles_stay_apart(nlp):
    # the same form as noun and verb, singular and plural, base and inflected
    doc = nlp(
        "She saw the saws. They were saw-toothed. He leaves; the leaves fell. Police are "
        "investigating the investigations."
    )
    lemmas = {(t.lower_, t.pos_): t.lemma_ for t in doc}
    assert lemmas[("leaves", "VERB")] == "leave" and lemmas[("leaves", "NOUN")] == "leaf"
    assert lemmas[("saw", "VERB")] == "see" and lemmas[("saws", "NOUN")] == "saw"
    assert lemmas[("investigations", "NOUN")] == "investigation"


def test_lemmatizer_install_keeps_name_mode_and_tables():
    nlp = spacy.load(resolve_model_name(None))
    stock = nlp.get_pipe("lemmatizer")
    assert lemmatizer.install(nlp) is True
    new = nlp.get_pipe("lemmatizer")
    assert nlp.pipe_names.index("lemmatizer") == nlp.pipe_names.index("attribute_ruler") + 1
    assert (new.mode, new.overwrite, new.lookups.tables) == (
        stock.mode,
        stock.overwrite,
        stock.lookups.tables,
    )
    assert lemmatizer.install(nlp) is False  # already indexed: nothing to swap
