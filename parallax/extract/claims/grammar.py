"""Small readings of the parse shared by the claim steps: people named by a noun, lists of
coordinated people, ordinals and ages standing for people."""

from __future__ import annotations

import re

from spacy.tokens import Token

from .lexicon import CLASS_OF, EVENT_NOUNS, MEASURE_WORDS, ORDINALS, PRONOUNS, RELATIONS, THINGS

#: Person nouns by their ending ("eighth-grader", "bystander", "motorist", "trainee").
_PERSONISH = re.compile(r"(?:er|or|ist|ian|ee|man|woman|wife|son|daughter|mother|father)$")


def aged(n: Token) -> bool:
    """ "17-year-old", "9-month-old": an age standing for a person."""
    return n.lower_ == "old" and any(c.lemma_ in ("year", "month", "week", "day") for c in n.children)


def person_head(n: Token) -> bool:
    """True for a noun naming one person: a class word, "17-year-old", a person-like ending."""
    if aged(n):
        return True
    if n.pos_ != "NOUN" or n.tag_ != "NN":
        return False
    lem = n.lemma_.lower()
    return bool(
        CLASS_OF.get(lem)
        or lem in RELATIONS
        or re.search(r"-year-old$", lem)
        or (
            _PERSONISH.search(lem)
            and lem not in THINGS
            and lem not in MEASURE_WORDS
            and lem not in EVENT_NOUNS
            and not n.ent_type_
        )
    )  # not "the murder"


def ordinal(n: Token) -> int:
    """N for a person counted as the Nth with an indefinite article ("a fifth victim", "an 8th
    teen"): N people at least were hit; 0 otherwise ("the second victim" names one of them)."""
    if n.lemma_.lower() in ("grader", "grade") or not any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in n.children
    ):
        return 0  # "an eighth-grader": a school year
    for c in n.children:
        if c.dep_ == "amod" and c.i < n.i:
            w = c.lower_
            if w in ORDINALS:
                return ORDINALS[w]
            m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", w)
            if m and int(m.group(1)) >= 2:
                return int(m.group(1))
    return 0


def ages(n: Token) -> int:
    """How many ages a plural noun lists after it ("his sons, ages 3 and 4": 2); 0 when none."""
    for c in n.children:
        if (
            c.dep_ in ("appos", "npadvmod", "amod")
            and c.lemma_.lower() in ("age", "ages", "aged")
            and c.i > n.i
        ):
            return sum(1 for w in c.subtree if w.like_num)
    return 0


def named_apart(t: Token) -> bool:
    """True for a name set after another name and an age, as the parser reads a list of people
    with their ages ("Ann Lee, 31, Tom Ray, 19, and ..."): two people."""
    h = t.head
    return (
        t.dep_ == "appos"
        and t.ent_type_ == "PERSON"
        and h.ent_type_ == "PERSON"
        and h.i < t.i
        and any(w.like_num and w.ent_type_ != "PERSON" for w in t.doc[h.i + 1 : t.i])
    )


def first_conjunct(t: Token) -> Token:
    """The first of the coordinated words that `t` belongs to ("A" in "A, B and C"; names side
    by side count as coordinated)."""
    while (t.dep_ == "conj" or named_apart(t)) and t.head.i != t.i:
        t = t.head
    return t


def conjoined(a: Token, b: Token) -> bool:
    """True when two counted arguments are coordinated ("three children and two adults", "a
    man, his daughter and six grandchildren", "Ann Lee, 31, Tom Ray, 19, and Sue Fox")."""
    return (
        a.i != b.i
        and ("conj" in (a.dep_, b.dep_) or named_apart(a) or named_apart(b))
        and first_conjunct(a).i == first_conjunct(b).i
    )


def anaphoric(arg: Token) -> bool:
    """True for a mention of someone already named: a pronoun or "the boy"."""
    if arg.lower_ in PRONOUNS or arg.lower_ in ("himself", "herself"):
        return True
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in arg.children)


def part_of_group(arg: Token) -> bool:
    """True for a count taken out of a group named before: "one of them", "two of whom",
    "both", "all", "one fatally"."""
    if arg.lower_ in ("both", "all"):
        return True
    if any(c.lemma_.lower() in ("fatally", "mortally") for c in arg.children):
        return True
    return any(c.lower_ == "of" and any(p.pos_ == "PRON" for p in c.children) for c in arg.children)
