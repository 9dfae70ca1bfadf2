"""Step 5: one sentence's claims of people put together: coordinated counts of one predicate
summed ("Three children and two adults were found dead": 5), others added to the wounded
("two are in critical condition, four others were hurt"), a killer who then killed himself
counted once, and the dead taken out of a count of people shot ("Four people were shot and
one person killed": 3 wounded)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...records import ClaimRecord
from .found import Found
from .grammar import anaphoric, conjoined, ordinal, part_of_group
from .lexicon import MORE, PRONOUNS, SHOOT, SHOT_SUFFIX, SUBJECT_CLASSES
from .people import measure_of
from .things import is_people


def _killer_died(sent: Span, found: list[Found]) -> bool:
    """True when the sentence says the killer also died by his own hand ("killed two people and
    then himself", "before turning the gun on herself") and he is not the one already counted."""
    for t in sent:
        if t.lower_ not in ("himself", "herself") and not (
            t.lower_ == "life" and any(c.lower_ == "own" for c in t.children)
        ):
            continue
        v = t.head
        while v.pos_ not in ("VERB",) and v.head.i != v.i:
            v = v.head
        if v.lemma_.lower() not in ("kill", "shoot", "turn", "take") and not (
            t.dep_ == "conj" and any(measure_of(a) == "KILL" for a in t.ancestors)
        ):
            continue
        doer = v
        while (
            not any(c.dep_ == "nsubj" for c in doer.children)
            and doer.dep_ in ("advcl", "conj", "xcomp", "pcomp", "prep")
            and doer.head.i != doer.i
        ):
            doer = doer.head
        subj = (
            doer.head if doer.dep_ == "relcl" else next((c for c in doer.children if c.dep_ == "nsubj"), None)
        )
        victims = [f.arg for f in found if f.claim.measure == "KILL"]
        if any(arg.i == (subj.i if subj is not None else -1) for arg in victims):
            return False
        # only when the dead were the objects of the killer's act ("killed two people and himself")
        return any(_object(a) for a in victims)
    return False


def _object(arg: Token) -> bool:
    return arg.dep_ == "dobj" or (arg.dep_ == "conj" and arg.head.dep_ == "dobj")


def _more_of(prev: Found, cur: Found) -> bool:
    """True when a count of the wounded adds "others" to the wounded counted just before in the
    sentence by another predicate ("Two people are in critical condition, four others were
    hurt"): the two figures are parts of one total."""
    p, c = prev.claim, cur.claim
    return (
        c.measure == p.measure == "WOUND"
        and prev.arg.i != cur.arg.i
        and not (p.vague or c.vague)
        and None not in (p.low, p.high, c.low, c.high)
        and p.kind == c.kind == "event"
        and cur.arg.lower_ in ("others", "other")
        and not any(w.lower_ == "of" for w in cur.arg.subtree)
        and not p.subject.endswith(" " + SHOT_SUFFIX)
        and not c.subject.endswith(" " + SHOT_SUFFIX)
    )


def _killed_self(f: Found) -> bool:
    """True for a pronoun counted as dead because it is the subject of "killed himself"."""
    arg, pred = f.arg, f.pred
    return (
        arg.lower_ in PRONOUNS
        and arg.dep_ == "nsubj"
        and arg.head.i == pred.i
        and any(c.dep_ == "dobj" and c.lower_ in ("himself", "herself") for c in pred.children)
    )


def _add(p: ClaimRecord, c: ClaimRecord) -> None:
    """Add the count `c` to `p`."""
    assert p.low is not None and c.low is not None
    p.low = p.low + c.low
    p.high = p.high + c.high if p.high is not None and c.high is not None else None
    p.number_text = f"{p.number_text} and {c.number_text}"


def _plus_killer(c: ClaimRecord) -> None:
    assert c.low is not None
    c.low += 1
    c.high = c.high + 1 if c.high is not None else None
    c.number_text += " and the killer"


#: Subjects of counts of people that add up ("three children and two adults").
PERSON_CLASSES = frozenset(c for c, _ in SUBJECT_CLASSES)


def _people(f: Found) -> bool:
    """True for a count of people (a class of people, a person noun, a name, a number)."""
    subject = f.claim.subject.removesuffix(" " + SHOT_SUFFIX)
    return subject in PERSON_CLASSES or is_people(f.arg) or f.arg.pos_ in ("NUM", "PRON", "PROPN")


def _summable(prev: Found, cur: Found) -> bool:
    p, c = prev.claim, cur.claim
    alike = p.subject == c.subject or (_people(prev) and _people(cur))
    return (
        alike  # "848 business entities and 1,021 objects" are not 1,869 of anything
        and prev.pred.i == cur.pred.i
        and p.measure == c.measure
        and conjoined(prev.arg, cur.arg)
        and not (p.vague or c.vague)
        and p.low is not None
        and c.low is not None
    )


def combine(sent: Span, found: list[Found]) -> list[Found]:
    """One sentence's claims of people, put together (see the module's text)."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev and _summable(prev, f):
            p, c = prev.claim, f.claim
            nth = ordinal(prev.arg) or ordinal(f.arg)  # "a third man and a boy": 3 + 1 hit
            _add(p, c)
            if nth:
                p.high, p.qualifier = p.low, None
            if p.subject != c.subject:
                shot = any(x.endswith(" " + SHOT_SUFFIX) for x in (p.subject, c.subject))
                p.subject = f"people {SHOT_SUFFIX}" if shot else "people"
            continue
        if prev and _more_of(prev, f):
            _add(prev.claim, f.claim)  # "two are in critical condition, four others hurt"
            continue
        out.append(f)
    dead = [
        f.claim for f in out if f.claim.measure == "KILL" and not f.claim.vague and f.claim.low is not None
    ]
    selves = [f for f in out if f.claim.measure == "KILL" and _killed_self(f)]
    victims = [
        f.claim
        for f in out
        if f.claim.measure == "KILL" and not f.claim.vague and f.claim.low is not None and _object(f.arg)
    ]
    if len(selves) == 1 and victims:  # "killed his two sons before he killed himself"
        _plus_killer(max(victims, key=lambda c: c.low or 0))
        out = [f for f in out if f is not selves[0]]
        dead = [c for c in dead if c is not selves[0].claim]
    elif dead and _killer_died(sent, out):
        _plus_killer(max(dead, key=lambda c: c.low or 0))
    killed = sum(c.low for c in dead if c.low)
    partitive = any(part_of_group(f.arg) for f in out if f.claim.measure == "KILL")
    kept = []
    for f in out:
        c = f.claim
        shot = f.pred.lemma_.lower() in SHOOT and c.measure == "WOUND"
        apart = any(w.lower_ in MORE for w in f.arg.subtree)
        if shot and killed and not apart and not c.vague and c.low is not None:
            if c.low > killed:  # "Four people were shot and one person killed"
                c.low -= killed
                c.high = c.high - killed if c.high is not None else None
            elif partitive or anaphoric(f.arg):  # "both fatally"; "... after he shot himself"
                continue
            c.subject = c.subject.removesuffix(" " + SHOT_SUFFIX)  # now the wounded only
        kept.append(f)
    return kept
