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
the stock component's: ``tests/test_nlp_components.py`` compares the two token by token.

:func:`install` swaps it in for the stock component of a loaded pipeline, keeping its
name and patterns; a pattern this module cannot evaluate leaves the stock one in place."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

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
    tests = [_test(op, arg) for op, arg in spec.items()]
    return lambda value: all(t(value) for t in tests)


def _test(op: str, arg: Any) -> Predicate:
    """One operator of a ``Matcher`` token pattern as a test of the attribute's value."""
    if op == "IN":
        members = frozenset(arg)
        return lambda value: value in members
    if op == "NOT_IN":
        others = frozenset(arg)
        return lambda value: value not in others
    if op == "REGEX":
        rx = re.compile(arg)
        return lambda value: isinstance(value, str) and rx.search(value) is not None
    raise UnsupportedPattern(f"operator {op}")


@dataclass
class _Index:
    """The ruler's patterns, arranged for lookup."""

    #: one-token rules: (rule number, match id, tests on the token's values)
    single: list[tuple[int, int, list[tuple[str, Predicate]]]]
    #: patterns of two or more tokens
    multi: Matcher
    #: hashes of the lower-case forms some one-token rule names (equal to, in or not in a list)
    words: set[int]
    #: regular expressions some one-token rule tests the lower-case form against
    regexes: list[re.Pattern]


class IndexedAttributeRuler(AttributeRuler):
    """``AttributeRuler`` whose ``match`` looks one-token rules up by the token's values.

    A form no rule names is told apart from another only by the regular expressions it
    matches, so the lookup key holds the form itself only for the forms rules name: the
    keys stay few (tags x labels x named forms) and nearly every token is a hit."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._forget()

    def _forget(self) -> None:
        self._index: _Index | None = None
        self._memory: dict[tuple, tuple[tuple[tuple[int, int], ...], dict]] = {}
        self._forms: dict[int, object] = {}

    def clear(self) -> None:
        super().clear()
        self._forget()

    def add(self, patterns, attrs, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._forget()

    def _build(self) -> _Index:
        """One-token rules as (rule number, match id, tests); longer patterns in a Matcher."""
        index = _Index([], Matcher(self.vocab, validate=self.validate), set(), [])
        for number in range(len(self.attrs)):
            key = str(number)
            match_id = self.vocab.strings.add(key)
            for pattern in self.matcher.get(key)[1]:
                if len(pattern) == 1 and not (set(pattern[0]) - set(_ATTRS)):
                    index.single.append(
                        (number, match_id, [(a, _predicate(a, s)) for a, s in pattern[0].items()])
                    )
                    self._note_forms(pattern[0].get("LOWER"), index)
                else:
                    if any("OP" in token for token in pattern):
                        raise UnsupportedPattern("operator OP")
                    index.multi.add(key, [pattern])
        return index

    def _note_forms(self, spec: Any, index: _Index) -> None:
        """Record the forms and expressions a LOWER test names."""
        if spec is None:
            return
        if not isinstance(spec, dict):
            spec = {"IN": [spec]}
        for op, arg in spec.items():
            if op in ("IN", "NOT_IN"):
                index.words.update(self.vocab.strings.add(w) for w in arg)
            elif op == "REGEX":
                index.regexes.append(re.compile(arg))

    def _form_key(self, lower: int, index: _Index) -> object:
        """What of a lower-case form the rules can tell: the form itself when a rule names
        it, else only which of the rules' expressions it matches."""
        key = self._forms.get(lower)
        if key is None:
            if lower in index.words or not lower:
                key = lower
            else:
                text = self.vocab.strings[lower]
                key = ("~", *tuple(r.search(text) is not None for r in index.regexes))
            if len(self._forms) >= _MEMORY:
                self._forms = {}
            self._forms[lower] = key
        return key

    def _rules_for(self, key: tuple, lower: int, index: _Index) -> tuple[tuple[tuple[int, int], ...], dict]:
        """The one-token rules a token with these values matches, and the attributes they
        write together (a later rule's value wins, as when applied one after another);
        worked out once and remembered."""
        found = self._memory.get(key)
        if found is None:
            strings = self.vocab.strings
            values = {
                "TAG": strings[key[0]] if key[0] else "",
                "LOWER": strings[lower] if lower else "",
                "DEP": strings[key[2]] if key[2] else "",
                "IS_SPACE": bool(key[3]),
            }
            rules = tuple(
                (number, match_id)
                for number, match_id, tests in index.single
                if all(test(values[attr]) for attr, test in tests)
            )
            attrs: dict = {}
            for number, _ in sorted(rules):
                attrs.update(self.attrs[number])
            found = (rules, attrs)
            if len(self._memory) >= _MEMORY:
                self._memory = {}
            self._memory[key] = found
        return found

    def _index_now(self) -> _Index:
        if self._index is None:
            self._index = self._build()
        return self._index

    def _tokens(self, doc: Doc, index: _Index) -> Iterator[tuple[int, tuple[tuple[int, int], ...], dict]]:
        """(token, its one-token rules, their attributes together) for each token of `doc`."""
        for i, (tag, lower, dep, space) in enumerate(doc.to_array(list(_ATTRS)).tolist()):
            rules, attrs = self._rules_for((tag, self._form_key(lower, index), dep, space), lower, index)
            yield i, rules, attrs

    def _longer(self, doc: Doc, index: _Index) -> list[tuple[int, int, int, int]]:
        """Matches of the patterns of two or more tokens, as ``match`` gives them."""
        if not len(index.multi):
            return []
        return [
            (int(self.vocab.strings[m_id]), m_id, s, e)
            for m_id, s, e in index.multi(doc, allow_missing=True, as_spans=False)
        ]

    def match(self, doc: Doc):
        """The stock ``match``: (rule number, match id, start, end), sorted, later rules last."""
        index = self._index_now()
        matches = [
            (number, match_id, i, i + 1)
            for i, rules, _ in self._tokens(doc, index)
            for number, match_id in rules
        ]
        return sorted(set(matches + self._longer(doc, index)))

    def __call__(self, doc: Doc) -> Doc:
        """What the stock component writes, token by token: each token's one-token rules
        at once; a token that a longer pattern also writes gets all its matches one by one,
        in the stock order (``set_annotations``)."""
        try:
            index = self._index_now()
            own: dict[int, list[tuple[int, int, int, int]]] = {}
            for attr_id, match_id, start, end in self._longer(doc, index):
                at = self.indices[attr_id]
                target = start + at if at >= 0 else end + at
                if not start <= target < end:
                    return super().__call__(doc)  # the stock component raises its own error
                own.setdefault(target, []).append((attr_id, match_id, start, end))
            for i, rules, attrs in self._tokens(doc, index):
                if i in own:
                    self.set_annotations(doc, sorted(set(own[i] + [(n, m, i, i + 1) for n, m in rules])))
                elif attrs:
                    set_token_attrs(doc[i], attrs)
            return doc
        except Exception as e:
            return self.get_error_handler()(self.name, self, [doc], e)


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
    assert isinstance(stock, AttributeRuler)
    candidate = IndexedAttributeRuler(nlp.vocab, name, validate=stock.validate)
    candidate.add_patterns(stock.patterns)
    try:
        candidate._index = candidate._build()
    except UnsupportedPattern:
        return False
    new = nlp.replace_pipe(name, "parallax_attribute_ruler")
    assert isinstance(new, IndexedAttributeRuler)
    new.add_patterns(stock.patterns)
    return True
