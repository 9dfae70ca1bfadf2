"""The English pipeline's attribute ruler, with its one-token rules looked up, not matched.

spaCy's ``attribute_ruler`` (tag → part of speech and morphology, plus word exceptions)
runs a general ``Matcher`` over about 180 patterns at every token: on news text it costs
about an eighth of the whole pipeline (measured: 2.4 s of 18.7 s on 250 GVA articles),
more than the parser.  Nearly all of its patterns look at one token only (its tag, its
lower-case form, its dependency label, whether it is a space), so which of them match a
token is a function of those four values: :class:`IndexedAttributeRuler` works that out
once per distinct combination and remembers it.  The few patterns of two or more tokens
still go through a ``Matcher``.  The matches, their order (later rules win) and the
attributes written are spaCy's own (``AttributeRuler.set_annotations``), so the output is
the stock component's: ``tests/test_attribute_ruler.py`` compares the two token by token.

:func:`install` swaps it in for the stock component of a loaded pipeline, keeping its
name and patterns; a pattern this module cannot evaluate leaves the stock one in place."""
from __future__ import annotations

import re
from typing import Any, Callable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

#: Token attributes a one-token pattern may test here, as ``Doc.to_array`` names them.
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
#: Distinct (tag, form, label, space) combinations remembered before the memory starts over.
_MEMORY = 200_000

Predicate = Callable[[Any], bool]


class UnsupportedPattern(ValueError):
    """A pattern uses something the lookup does not evaluate (the stock ruler stays)."""


def _predicate(attr: str, spec: Any) -> Predicate:
    """What the ``Matcher`` tests for ``{attr: spec}``, on the token's value of `attr`."""
    if attr not in _ATTRS:
        raise UnsupportedPattern(f"attribute {attr}")
    if not isinstance(spec, dict):
        return lambda value: value == spec
    tests: list[Predicate] = []
    for op, arg in spec.items():
        if op == "IN":
            tests.append(lambda value, s=frozenset(arg): value in s)
        elif op == "NOT_IN":
            tests.append(lambda value, s=frozenset(arg): value not in s)
        elif op == "REGEX":
            tests.append(lambda value, r=re.compile(arg): isinstance(value, str) and r.search(value) is not None)
        else:
            raise UnsupportedPattern(f"operator {op}")
    return lambda value: all(t(value) for t in tests)


class IndexedAttributeRuler(AttributeRuler):
    """``AttributeRuler`` whose ``match`` looks one-token rules up by the token's values."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._forget()

    def _forget(self) -> None:
        self._index: tuple[list[tuple[int, int, list[tuple[str, Predicate]]]], Matcher] | None = None
        self._memory: dict[tuple, tuple[tuple[int, int], ...]] = {}

    def clear(self) -> None:
        super().clear()
        self._forget()

    def add(self, patterns, attrs, index: int = 0) -> None:  # type: ignore[override]
        super().add(patterns, attrs, index)
        self._forget()

    def _build(self) -> tuple[list[tuple[int, int, list[tuple[str, Predicate]]]], Matcher]:
        """One-token rules as (rule number, match id, tests); longer patterns in a Matcher."""
        single: list[tuple[int, int, list[tuple[str, Predicate]]]] = []
        multi = Matcher(self.vocab, validate=self.validate)
        for number in range(len(self.attrs)):
            key = str(number)
            match_id = self.vocab.strings.add(key)
            for pattern in self.matcher.get(key)[1]:
                if len(pattern) == 1 and not (set(pattern[0]) - set(_ATTRS)):
                    single.append((number, match_id, [(a, _predicate(a, s)) for a, s in pattern[0].items()]))
                else:
                    if any("OP" in token for token in pattern):
                        raise UnsupportedPattern("operator OP")
                    multi.add(key, [pattern])
        return single, multi

    def _rules_for(self, key: tuple[int, int, int, int], single) -> tuple[tuple[int, int], ...]:
        strings = self.vocab.strings
        values = {"TAG": strings[key[0]] if key[0] else "", "LOWER": strings[key[1]] if key[1] else "",
                  "DEP": strings[key[2]] if key[2] else "", "IS_SPACE": bool(key[3])}
        found = tuple((number, match_id) for number, match_id, tests in single
                      if all(test(values[attr]) for attr, test in tests))
        if len(self._memory) >= _MEMORY:
            self._memory = {}
        self._memory[key] = found
        return found

    def match(self, doc: Doc):
        """The stock ``match``: (rule number, match id, start, end), sorted, later rules last."""
        if self._index is None:
            self._index = self._build()
        single, multi = self._index
        memory = self._memory
        matches: list[tuple[int, int, int, int]] = []
        for i, row in enumerate(doc.to_array(list(_ATTRS)).tolist()):
            key = tuple(row)
            rules = memory.get(key)
            if rules is None:
                rules = self._rules_for(key, single)
            matches.extend((number, match_id, i, i + 1) for number, match_id in rules)
        if len(multi):
            matches.extend((int(self.vocab.strings[m_id]), m_id, s, e)
                           for m_id, s, e in multi(doc, allow_missing=True, as_spans=False))
        return sorted(set(matches))


@Language.factory("parallax_attribute_ruler", default_config={"validate": False})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


def install(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Put the indexed ruler in place of the pipeline's stock `name`, with its patterns.

    Returns False (and changes nothing) when there is no such component or one of its
    patterns is beyond the lookup."""
    if name not in nlp.pipe_names or type(nlp.get_pipe(name)) is not AttributeRuler:
        return False
    stock = nlp.get_pipe(name)
    candidate = IndexedAttributeRuler(nlp.vocab, name, validate=stock.validate)
    candidate.add_patterns(stock.patterns)
    try:
        candidate._index = candidate._build()
    except UnsupportedPattern:
        return False
    index = candidate._index
    new = nlp.replace_pipe(name, "parallax_attribute_ruler")
    new.add_patterns(stock.patterns)
    new._index = index
    return True
