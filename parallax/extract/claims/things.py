"""Step 3 for quantities of any kind: what a number counts when it is not (or not only) a
count of people hurt, held or sent: money ("$2 million in legal fees"), shares ("21 percent
of Republican primary voters"), tallies ("a 97-1 vote"), things ("137 town-hall meetings",
"the 1,768 pages of legislation"), measures of a thing ("a 47-page indictment", "a 35-day
shutdown"), durations ("funded for six years") and people in any other role ("33 Senate
Democrats voted to advance").  Each reading names the unit, a normalised key of the quantity
(head noun and predicate) and the word that governs it (for the date and the source)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..attribution import PERSON_NOUNS
from .grammar import aged, person_head
from .lexicon import (
    CLASS_OF,
    DURATION_PREPS,
    FURNITURE,
    INCREMENT,
    MEASURE_UNITS,
    NOT_PEOPLE,
    PLACES,
    RELATIONS,
    RELATIVE_AFTER,
    TALLY_WORDS,
    THINGS,
    TIME_UNITS,
    TOLL_NOUNS,
    UNIT_OF,
)
from .people import befalls
from .spans import Number


@dataclass
class Reading:
    """What one number counts."""

    pred: Token  # the predicate (or noun) that governs the number: its date and source hang on it
    unit: str  # "people", a currency code, "percent", "pages", "votes", ...
    quantity: str  # normalised key: what is counted and what befell it
    subject: str  # who or what is counted, for display
    people: bool = False
    part: bool = False  # a part of a group named in the sentence ("six of the ten")


_CLIMB = frozenset("prep pobj conj appos attr dobj nsubj nsubjpass npadvmod advmod oprd dative pcomp".split())
_PEOPLE_ENTS = frozenset({"NORP", "PERSON"})
_PERSONISH = re.compile(r"(?:er|or|ist|ian|ee|man|men|woman|women|crat)s?$")


def plural(tok: Token) -> str:
    """The plural of a noun as a unit name ("page" -> "pages", "city" -> "cities")."""
    if tok.tag_ in ("NNS", "NNPS"):
        return tok.lower_
    w = tok.lemma_.lower()
    if re.search(r"[^aeiou]y$", w):
        return w[:-1] + "ies"
    if re.search(r"(?:s|x|z|ch|sh)$", w):
        return w + "es"
    return w + "s"


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower().replace("-", " ")


def _noun_phrase(tok: Token, but: Token | None = None) -> str:
    """A noun with its compounds and adjectives, as lemmas ("legal fee", "tax cut"), leaving
    out the word `but` (the unit of "a 47-page indictment")."""
    mods = [
        c
        for c in tok.children
        if c.dep_ in ("compound", "amod") and c.i < tok.i and not c.like_num and (but is None or c.i != but.i)
    ]
    mods = [m for m in mods if m.pos_ in ("NOUN", "PROPN", "ADJ") and m.lower_ not in ("other", "more")]
    return " ".join([*(_lemma(m) for m in mods), _lemma(tok)])


def is_people(tok: Token) -> bool:
    """True for a noun that names people ("adults", "Democrats", "store managers")."""
    lem = tok.lemma_.lower()
    if CLASS_OF.get(lem) or lem in RELATIONS or lem in PERSON_NOUNS or person_head(tok):
        return True
    if tok.ent_type_ in _PEOPLE_ENTS:
        return True
    return (
        tok.pos_ in ("NOUN", "PROPN")
        and bool(_PERSONISH.search(tok.lower_))
        and lem not in MEASURE_UNITS
        and lem not in THINGS
        and lem not in NOT_PEOPLE
    )


def top_of(doc: Doc, n: Number) -> Token:
    """The token of a number's span whose head lies outside it: the span's link to the parse."""
    for t in doc[n.start : n.end]:
        if not (n.start <= t.head.i < n.end) or t.head.i == t.i:
            return t
    return n.num


def governor(tok: Token) -> Token:
    """The verb (or failing one the noun) that a word is an argument of, climbing over
    prepositions, conjunctions and appositions."""
    t = tok
    for _ in range(6):
        if t.head.i == t.i or t.dep_ not in _CLIMB:
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX", "ADJ"):
            return t
    return t if t.pos_ in ("VERB", "AUX", "ADJ", "NOUN", "PROPN") else tok.head


def _complement(tok: Token, preps: tuple[str, ...]) -> Token | None:
    """The object of the first of `preps` on `tok` ("in legal fees", "of Republican voters")."""
    for p in preps:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == p:
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
    return None


def _key(*parts: str) -> str:
    return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()


def duration_ok(unit: Token) -> bool:
    """True when a number of time units is a duration (a quantity), not a date: "for six
    years", "over 16 years", "by eight years", "after two years of investigation"; not "two
    years ago", "five days after the attack", "in the last 24 hours"."""
    nxt = unit.doc[unit.i + 1] if unit.i + 1 < len(unit.doc) else None
    if nxt is not None and nxt.lower_ in RELATIVE_AFTER:
        return False
    if any(c.lower_ in RELATIVE_AFTER for c in unit.children):
        return False
    if unit.dep_ == "pobj":
        prep = unit.head.lower_
        if prep in DURATION_PREPS:
            return True
        return prep in ("after", "during") and _complement(unit, ("of",)) is not None
    return unit.dep_ in ("dobj", "attr") and _complement(unit, ("of",)) is not None


def _tenure(pred: Token) -> bool:
    """True when a duration is a person's time in a role ("ran the city for 12 years", "was by
    his side for 19 years", "fighting tort reform for thirty years"): the clause's subject is
    one person."""
    v = pred
    for _ in range(3):
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            s = subj[0]
            if s.lower_ in ("who", "that") and v.dep_ == "relcl":
                s = v.head
            return (
                s.ent_type_ == "PERSON"
                or s.lower_ in ("he", "she", "i", "you", "someone")
                or (person_head(s) and s.tag_ == "NN")
            )
        if v.dep_ in ("xcomp", "ccomp", "conj", "advcl", "acl") and v.head.i != v.i:
            v = v.head
        else:
            break
    return False


def _measured(n: Number, num: Token) -> Reading | None:
    """ "a 47-page indictment", "a 35-day shutdown", "a 300-member coalition", "the 10-year-old
    lawsuit": the number measures the noun a unit word hangs on; None for a person's attribute
    ("a four-term senator", "a 20-year veteran", "a 66-year-old man")."""
    unit = num.head
    if unit.lower_ == "old" and aged(unit):  # "10-year-old": the unit is "year" under "old"
        unit = next(c for c in unit.children if c.lemma_ in ("year", "month", "week", "day"))
        thing = num.head.head
    else:
        thing = unit.head
    if unit.lemma_.lower() not in MEASURE_UNITS and unit.lemma_.lower() != "term":
        return None
    if thing.pos_ not in ("NOUN", "PROPN") or is_people(thing) or unit.lemma_.lower() == "term":
        return None  # an attribute of a person: terms, years of service, age
    what = _noun_phrase(thing, but=unit if unit.head.i == thing.i else num.head)
    return Reading(governor(thing), plural(unit), _key(what, plural(unit)), what)


def read_count(n: Number, doc: Doc) -> Reading | None:
    """What a plain count counts (no unit word): things, people in any role, durations."""
    num = top_of(doc, n)
    h = num.head
    modifier = num.dep_ in ("nummod", "compound", "quantmod", "amod", "npadvmod")
    if modifier and h.dep_ in ("compound", "amod", "nmod"):
        if h.lemma_.lower() == "term":
            return None  # "a four-term senator": an attribute of a person
        m = _measured(n, num)
        if m is not None or h.lemma_.lower() in MEASURE_UNITS:
            return m
    if num.dep_ in ("nummod", "quantmod", "compound") and h.pos_ in ("NOUN", "PROPN") and h.i != num.i:
        while h.dep_ == "compound" and h.head.i > h.i and h.head.pos_ in ("NOUN", "PROPN"):
            h = h.head  # "700,000 Deferred Action for Childhood Arrivals recipients"
        if _anaphoric(num, h):
            return None
        return _counted_noun(h, num)
    if num.dep_ in ("attr", "acomp", "dobj", "pobj") and num.head.pos_ in ("AUX", "VERB", "ADP"):
        return _value_of_object(num) or _subject_count(num)
    if num.dep_ in ("nsubj", "nsubjpass"):
        return _partitive_subject(num)
    return None


def _anaphoric(num: Token, noun: Token) -> bool:
    """True for "the two men", "the three candidates": people or things named before, counted
    again in passing (a definite article before a small number, nothing after the noun that
    would make it a figure of its own: "the 10 Democrats who gathered")."""
    before = num.doc[num.i - 1] if num.i > 0 else None
    small = num.lower_ in ("two", "three", "2", "3")
    restricted = any(c.dep_ in ("relcl", "acl", "prep") for c in noun.children)
    return small and before is not None and before.lower_ in ("the", "these", "those") and not restricted


def _value_of_object(num: Token) -> Reading | None:
    """ "raising the retirement age to 69": the value a verb sets its object to."""
    prep = num.head
    if num.dep_ != "pobj" or prep.lower_ not in ("to", "at") or prep.head.pos_ != "VERB":
        return None
    verb = prep.head
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or is_people(obj) or obj.lemma_.lower() in TOLL_NOUNS:
        return None
    what = _noun_phrase(obj)
    return Reading(verb, "value", _key(what, "value"), what)


def _partitive_subject(num: Token) -> Reading | None:
    """ "Of the 10 Democrats who gathered, six are on the ballot", "two of the five died":
    a bare number that is the subject counts a part of the group named with "of"."""
    verb = num.head
    whole = _complement(num, ("of", "among")) or _complement(verb, ("of", "among"))
    if whole is None or whole.pos_ == "PRON":
        return None
    what = _noun_phrase(whole)
    people = is_people(whole)
    unit = "people" if people else plural(whole)
    return Reading(verb, unit, _key(what, _lemma(verb)), what, people=people, part=True)


def increment(noun: Token, num: Token) -> bool:
    """True for a count added to a figure given elsewhere ("three more bodies", "another five
    bodies", "the last four deaths", "three newly disclosed deaths"): a change, not the figure;
    not "more than 650,000" (a floor) nor "1,427 more deaths than normal" (an excess)."""
    mods = [c for t in (noun, num) for c in t.children if c.dep_ in ("amod", "advmod", "det")]
    mods += [g for c in mods if c.dep_ == "amod" for g in c.children if g.dep_ == "advmod"]
    compared = any(t.lower_ in ("than", "compared") for t in noun.sent if t.i > noun.i)
    return any(
        c.lower_ in INCREMENT
        and not (c.i + 1 < len(c.doc) and c.nbor(1).lower_ == "than")
        and not (c.lower_ == "more" and compared)
        for c in mods
    )


def _counted_noun(noun: Token, num: Token) -> Reading | None:
    """ "137 town-hall meetings", "100 pages of e-mails", "33 Senate Democrats", "six years"."""
    lem = noun.lemma_.lower()
    if increment(noun, num) or lem in FURNITURE or population(noun):
        return None
    if lem in TIME_UNITS:
        if not duration_ok(noun):
            return None
        pred = governor(noun)
        if _tenure(pred):
            return None
        of = _complement(noun, ("of",))
        what = _noun_phrase(of) if of is not None else _lemma(pred)
        return Reading(pred, plural(noun), _key(what, plural(noun)), what)
    pred = governor(noun)
    people = is_people(noun)
    if lem in UNIT_OF and not people:
        of = _complement(noun, ("of",))
        if of is not None:
            what = _noun_phrase(of)
            return Reading(pred, plural(noun), _key(plural(noun), "of", what), what)
    if people:
        if lem in RELATIONS:
            return None  # "his two sons", "two of her children": a family, an anecdote
        if population(noun) or company(noun):
            return None
        what = _noun_phrase(noun)
        return Reading(
            pred, "people", _key(what, _lemma(pred) if pred.i != noun.i else ""), what, people=True
        )
    what = _noun_phrase(noun)
    return Reading(pred, plural(noun), _key(what, _lemma(pred) if pred.i != noun.i else ""), what)


def _place(t: Token) -> bool:
    return t.lemma_.lower() in PLACES or t.ent_type_ in ("GPE", "LOC")


def _toll_of_people(noun: Token) -> bool:
    """True for a toll of the dead or hurt ("death toll", "number of dead")."""
    return any(befalls(w) for w in noun.subtree if w.i != noun.i)


def population(noun: Token) -> bool:
    """True for what a place has: "a city of 2 million people", "the island's 3.4 million
    residents", "the island's 313 bank branches", "a population of 3.4 million", "the
    population, which is 3.4 million people": a standing attribute of the place, not a
    figure of the story."""
    if noun.lemma_.lower() == "population":
        return True
    verb = noun.head
    if (
        noun.dep_ == "attr"
        and verb.dep_ == "relcl"
        and (verb.head.lemma_.lower() == "population" or _place(verb.head))
    ):
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and _place(noun.head.head):
        return True
    return any(c.dep_ == "poss" and _place(c) for c in noun.children)


def company(noun: Token) -> bool:
    """True for people who are only someone's company: "(a breakfast) with three members of
    his ministry", where "with" hangs on a noun, not on what befell them."""
    t = noun
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in ("member", "group"):
        t = t.head.head
    h = t.head
    return t.dep_ == "pobj" and h.lower_ == "with" and h.head.pos_ in ("NOUN", "PROPN")


def _subject_count(num: Token) -> Reading | None:
    """A bare number that a verb says its subject amounts to ("the sample was only 238", "the
    number of dead is 154")."""
    verb = num.head
    if verb.pos_ == "ADP":
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (
        subj is None
        or subj.pos_ == "PRON"
        or (num.dep_ == "dobj" and verb.lemma_.lower() not in ("total", "number"))
        or subj.ent_type_ == "PERSON"  # "Rivera was 80.": an age
        or (subj.pos_ == "PROPN" and subj.tag_ == "NNP" and verb.lemma_.lower() == "be")
        or population(subj)  # "the population of the island is 3.4 million"
        or (subj.lemma_.lower() in TOLL_NOUNS and _toll_of_people(subj))  # a toll: counted as people hurt
    ):
        return None
    what_tok = subj
    if subj.lemma_.lower() in TOLL_NOUNS:
        of = _complement(subj, ("of",))
        if of is not None:
            what_tok = of
    people = is_people(what_tok) or what_tok.lemma_.lower() in ("dead", "death", "fatality", "casualty")
    what = _noun_phrase(what_tok)
    unit = "people" if people else plural(what_tok)
    return Reading(verb, unit, _key(what, _lemma(verb)), what, people=people)


def read_amount(n: Number, doc: Doc) -> Reading | None:
    """What an amount of money or a share is of: the noun it modifies ("$5 trillion tax
    cuts"), its complement ("$2 million in legal fees", "21 percent of Republican voters",
    "$3.6 billion from military construction"), or the noun it is the object of ("a net worth
    of $48 billion")."""
    top = top_of(doc, n)
    pred = governor(top)
    what_tok: Token | None = None
    if top.dep_ in ("nmod", "compound", "nummod", "amod", "quantmod") and top.head.pos_ in ("NOUN", "PROPN"):
        what_tok = top.head
    elif top.dep_ == "pobj" and top.head.lower_ in ("by", "to") and pred.pos_ == "VERB":
        # "raised fuel prices by 20%", "cut deficits by $416 billion": what the verb changes
        what_tok = next((c for c in pred.children if c.dep_ in ("dobj", "nsubjpass")), None)
    else:
        what_tok = _complement(top, ("of", "in", "for", "from", "on", "to"))
        if (
            what_tok is None
            and top.dep_ == "pobj"
            and top.head.lower_ == "of"
            and top.head.head.pos_ == "NOUN"
        ):
            what_tok = top.head.head
        if what_tok is None and top.dep_ == "appos" and top.head.pos_ in ("NOUN", "PROPN"):
            what_tok = top.head  # "the cost of a meal, about $6.50", "Romney (17 percent)"
    what = _noun_phrase(what_tok) if what_tok is not None else ""
    verb = _lemma(pred) if pred.pos_ in ("VERB", "AUX", "ADJ") else ""
    if not what and not verb:
        return None
    whose = _whose(pred, top, what_tok, share=n.unit in ("percent", "fraction"))
    return Reading(pred, n.unit, _key(n.unit, what, verb, *whose), what or verb)


def _whose(pred: Token, top: Token, what: Token | None, share: bool) -> list[str]:
    """What sets one amount apart from another of the same verb: where the money goes or comes
    from ("cut $716 billion from Medicare", "move $200 million from the Department of Homeland
    Security"), and for a share who holds it ("Gingrich garnered 11 percent"): the named
    subject."""
    if pred.pos_ not in ("VERB", "AUX"):
        return []
    out = []
    where = _complement(pred, ("from", "for", "into", "to", "on"))
    if where is not None and where.i != top.i and (what is None or where.i != what.i) and not where.like_num:
        out.append(_noun_phrase(where))
    subj = next((c for c in pred.children if c.dep_ == "nsubj"), None)
    if share and subj is not None and subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        out.append(subj.lower_)  # the name's head word: "Romney" for "Mitt Romney"
    return out


def read_tally(n: Number, doc: Doc) -> Reading | None:
    """One side of a tally ("a 97-1 vote": 97 for, 1 against; "an 11-2 victory"): only when
    a word of voting or winning governs it."""
    top = top_of(doc, n)
    chain = [top, *list(top.ancestors)[:3]]
    word = next((t for t in chain if t.lemma_.lower() in TALLY_WORDS), None)
    if word is None:
        return None
    lem = word.lemma_.lower()
    votes = lem in ("vote", "ballot", "pass", "approve", "confirm", "reject")
    side = ("for", "against")[n.side - 1] if votes else ("first", "second")[n.side - 1]
    unit = "votes" if votes else "points"
    return Reading(governor(word) if word.pos_ == "NOUN" else word, unit, _key(lem, side), f"{lem} {side}")
