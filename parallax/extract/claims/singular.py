"""Step 1b: counts of people written without a numeral: one person ("a man was killed",
"Rangel died", "he was pronounced dead"), none ("no one was hurt"), two ("both died", "a
couple"), names or ages listed ("his sons, ages 3 and 4"), the Nth ("a fifth victim")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..numbers import Quantity
from .grammar import ages, named_apart, ordinal, person_head
from .lexicon import CLASS_OF, MEASURE_WORDS, POSSESSIVES, PRONOUNS, SINGULAR_DETS


def _exact(k: float, text: str) -> Quantity:
    return Quantity(k, k, text=text)


def _none(t: Token) -> tuple[int, Quantity] | None:
    """ "no one", "nobody", "none", "no deaths": a count of 0 when it is the subject."""
    w = t.lower_
    tok = t if w != "no" else t.head
    if tok.dep_ not in ("nsubj", "nsubjpass") and w != "no":
        return None  # "hurt nobody": not a report of no victims
    if w == "no" and (
        t.dep_ != "det"
        or not (
            tok.lower_ == "one" or CLASS_OF.get(tok.lemma_.lower()) or MEASURE_WORDS.get(tok.lemma_.lower())
        )
    ):
        return None
    return tok.i, _exact(0.0, "no " + tok.text if w == "no" else t.text)


def _two(t: Token) -> tuple[int, Quantity] | None:
    """ "both died", "Both men", "a couple and their two children"."""
    w = t.lower_
    if w == "both" and t.dep_ in ("nsubj", "nsubjpass"):
        return t.i, _exact(2.0, t.text)
    if (
        w == "both"
        and t.dep_ in ("det", "predet")
        and t.head.tag_ == "NNS"
        and CLASS_OF.get(t.head.lemma_.lower())
    ):
        return t.head.i, _exact(2.0, f"{t.text} {t.head.text}")
    if (
        t.lemma_.lower() == "couple"
        and t.pos_ == "NOUN"
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
        and any(c.dep_ in ("det", "poss") and c.lower_ in SINGULAR_DETS | POSSESSIVES for c in t.children)
    ):
        return t.i, _exact(2.0, t.text)
    return None


def _one(t: Token, sent: Span) -> bool:
    """One person: a pronoun, "another", a name, or a person noun with a singular determiner."""
    w = t.lower_
    if w in PRONOUNS and t.dep_ in ("nsubj", "nsubjpass", "dobj", "conj"):
        return True
    if w == "another" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "conj"):
        return True  # "... and another was injured"
    if (
        t.ent_type_ == "PERSON"
        and (t.i + 1 >= sent.end or t.nbor(1).ent_iob_ != "I")
        and (t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") or named_apart(t))
    ):
        return True
    return person_head(t) and any(
        c.dep_ in ("det", "poss") and c.lower_ in SINGULAR_DETS | POSSESSIVES for c in t.children
    )


def singular(sent: Span) -> list[tuple[int, Quantity]]:
    """(token index, count) of every count of people written without a numeral."""
    out = []
    doc = sent.doc
    for t in sent:
        w = t.lower_
        if w in ("no", "nobody", "none", "noone") or (w == "one" and t.i > 0 and t.nbor(-1).lower_ == "no"):
            found = _none(t)
            if found:
                out.append(found)
            continue
        two = _two(t)
        if two:
            out.append(two)
            continue
        if t.tag_ == "NNS" and (ages_n := ages(t)) >= 2:  # "his sons, ages 3 and 4"
            listed = doc[t.i + 1 : t.right_edge.i + 1].text.strip(", ")
            out.append((t.i, _exact(float(ages_n), f"{t.text}, {listed}")))
            continue
        if person_head(t) and (n := ordinal(t)):  # "a fifth victim was found": five at least
            first = min([t.i] + [c.i for c in t.children if c.dep_ in ("det", "amod", "compound")])
            out.append((t.i, Quantity(float(n), None, qualifier="at least", text=doc[first : t.i + 1].text)))
            continue
        if _one(t, sent):
            # "a father and daughter": bare coordinated person nouns are one more each
            extra = [
                c
                for c in t.children
                if c.dep_ == "conj"
                and person_head(c)
                and not any(g.dep_ in ("det", "nummod", "poss") for g in c.children)
            ]
            first = min([t.i] + [c.i for c in t.children if c.dep_ in ("det", "poss", "amod", "compound")])
            out.append((t.i, _exact(1.0 + len(extra), doc[first : t.i + 1].text)))
    return out
