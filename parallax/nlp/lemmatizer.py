"""The English lemmatizer, with each lemma worked out once per (form, part of speech, morphology).

spaCy's rule lemmatizer computes a token's lemma from its form, its part of speech and its
morphology alone, but recomputes it at every token: its cache skips the commonest case
(a form already in its base form, checked by unpacking the morphology each time).  On news
text it costs about a twentieth of the pipeline.  :class:`IndexedEnglishLemmatizer` keeps
the same lemma per (form, part of speech, morphology) once computed by spaCy's own
``lemmatize`` and writes the lemmas of a document in one array, so the output is the stock
component's; ``tests/test_nlp_components.py`` compares the two token by token.

:func:`install` swaps it in for the stock component of a loaded pipeline (same name,
settings and tables) when that component is the English rule or lookup lemmatizer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en import English
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    from thinc.types import Ints2d

#: Modes whose lemma depends only on the token's form, part of speech and morphology.
MODES = ("rule", "lookup")
#: Distinct (form, part of speech, morphology) remembered before the memory starts over.
_MEMORY = 500_000


class IndexedEnglishLemmatizer(EnglishLemmatizer):
    """``EnglishLemmatizer`` that remembers the lemma of each (form, POS, morphology)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables()
        try:
            rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
            lemmas, strings = self._lemmas, self.vocab.strings
            for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
                if self.overwrite or lemma == 0:
                    key = (orth, pos, morph)
                    found = lemmas.get(key)
                    if found is None:
                        if len(lemmas) >= _MEMORY:
                            lemmas.clear()
                        found = lemmas[key] = strings.add(self.lemmatize(doc[i])[0])
                    rows[i, 3] = found
            doc.from_array([LEMMA], cast("Ints2d", rows[:, 3:4]))
            return doc
        except Exception as e:
            return self.get_error_handler()(self.name, self, [doc], e)


@English.factory(
    "parallax_lemmatizer",
    default_config={
        "model": None,
        "mode": "rule",
        "overwrite": False,
        "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"},
    },
)
def make_indexed_lemmatizer(
    nlp: Language, model, name: str, mode: str, overwrite: bool, scorer: Callable | None
) -> IndexedEnglishLemmatizer:
    return IndexedEnglishLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


def install(nlp: Language, name: str = "lemmatizer") -> bool:
    """Put the indexed lemmatizer in place of the pipeline's stock `name`, with its mode,
    settings and tables; False (and nothing changed) when that is not the English rule or
    lookup lemmatizer."""
    if name not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe(name)
    if type(stock) is not EnglishLemmatizer or stock.mode not in MODES:
        return False
    new = nlp.replace_pipe(
        name, "parallax_lemmatizer", config={"mode": stock.mode, "overwrite": stock.overwrite}
    )
    assert isinstance(new, IndexedEnglishLemmatizer)
    new.lookups = stock.lookups
    new._validated = False
    return True
