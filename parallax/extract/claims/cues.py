"""Step 7: how the sentence presents a figure: as an update ("rose to", "revised down to", "now
stands at"), as a figure withdrawn or replaced ("up from 137", "the previous toll", "had said",
"was retracted"), as a part of a total ("103 of them in Almaty", "including two congressmen"),
or hedged ("reportedly", "media reports citing officials")."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .lexicon import words
from .spans import CHANGE_VERBS, Number

#: Modifiers of a figure (or of what it counts) that mark an earlier figure.
EARLIER = words("previous earlier initial old prior original former preliminary")
#: Modifiers that mark the figure as the newest one.
LATEST = words("new latest updated revised current now")
#: Verbs of taking a figure back.
WITHDRAW = words("retract withdraw rescind disavow correct")
#: Nouns and participles that are themselves counts of what befell people: a whole made of
#: them makes a part of the same quantity ("120 of the 5,000 injured").
BEFELL = words(
    "dead death fatality casualty injured wounded injury killed arrested detainee missing kill die injure wound "
    "arrest detain"
)
#: Words that put a figure at second hand or in doubt.
HEDGES = words("reportedly allegedly purportedly apparently reputedly supposedly unconfirmed")
#: Nouns of second-hand report ("media reports citing X").
REPORT_NOUNS = words("report reports rumor rumour account")
_HEDGE_TEXT = re.compile(r"\b(?:" + "|".join(HEDGES) + r")\b|\breports?\b|\brumou?rs?\b|\baccounts?\b", re.I)


def revision(n: Number, pred: Token, counted: Token | None) -> str | None:
    """ "update", "withdrawn" or None for one figure, from its sentence's own wording."""
    if n.previous:
        return "withdrawn"
    num = n.num
    for t in (counted, num, pred):
        if t is None:
            continue
        mods = {c.lower_ for c in t.children if c.dep_ in ("amod", "advmod", "compound")}
        if mods & EARLIER:
            return "withdrawn"
    for t in (pred, *list(pred.ancestors)[:2]):
        if t.lemma_.lower() in WITHDRAW:
            return "withdrawn"
        if t.lemma_.lower() in ("say", "report", "announce", "put") and any(
            c.dep_ == "aux" and c.lower_ == "had" for c in t.children
        ):
            return "withdrawn"  # "officials had said 164 died": the figure since replaced
    # "up from 137"
    if num.dep_ == "pobj" and num.head.lower_ == "from" and num.head.head.lower_ in ("up", "down"):
        return "withdrawn"
    # "rose to 154", "raising the death toll to 163", "now stands at 55", "a new toll of 171"
    if num.dep_ == "pobj" and num.head.lower_ in ("to", "at"):
        verb = num.head.head
        while verb.pos_ == "ADP" and verb.head.i != verb.i:  # "from 16 to 34"
            verb = verb.head
        if verb.lemma_.lower() in CHANGE_VERBS or verb.lemma_.lower() in ("bring", "reach", "hit"):
            return "update"
        if any(c.lower_ == "now" for c in verb.children):
            return "update"
    for t in (counted, pred):
        if t is not None and {c.lower_ for c in t.children if c.dep_ in ("amod", "advmod")} & LATEST:
            return "update"
    return None


def part(arg: Token, num: Token, pred: Token, scoped: bool) -> bool:
    """True for a part of a total of the same quantity: "(225 killed,) 103 of them in Almaty"
    (a pronoun whole, the part placed), "120 of the 5,000 injured", "two of the dead"
    (a whole that is itself a count of what befell), "including two congressmen", "among them
    six children"; not "two of the four victims died" (the whole counts the people hit, the
    figure the dead: a figure of its own)."""
    for t in (num,) if arg.i == num.i or arg.lemma_.lower() in ("member", "group") else (arg, num):
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "among"):
                whole = next((g for g in c.children if g.dep_ == "pobj"), None)
                if whole is None:
                    continue
                if whole.pos_ == "PRON" and (scoped or placed(t)):
                    return True
                if _befell(whole) or any(
                    _befell(g) for g in whole.children if g.dep_ in ("amod", "acl", "relcl")
                ):
                    return True
    h = arg.head
    return (arg.dep_ == "pobj" and h.lower_ in ("including", "among")) or (
        h.lemma_.lower() == "include" and arg.dep_ in ("dobj", "pobj")
    )


def placed(t: Token) -> bool:
    """True for a count set in a place of its own ("103 of them in Almaty")."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("in", "at")
        and any(p.ent_type_ in ("GPE", "LOC", "FAC") for p in c.children)
        for c in t.children
    )


def _befell(t: Token) -> bool:
    """True for a word that counts what befell people ("the dead", "injured", "casualties")."""
    return t.lemma_.lower() in BEFELL


def hedged(sent: Span, pred: Token) -> bool:
    """True when the figure is put at second hand or in doubt: "reportedly", "allegedly", "media
    reports citing X", "according to reports"."""
    if not _HEDGE_TEXT.search(sent.text):
        return False
    for t in sent:
        if t.lower_ in HEDGES:
            return True
        if (
            t.lemma_.lower() in REPORT_NOUNS
            and t.pos_ == "NOUN"
            and (
                any(c.lemma_.lower() == "cite" for c in t.children)
                or (t.dep_ == "pobj" and t.head.head.lower_ == "according")
                or any(c.lemma_.lower() == "medium" or c.lower_ == "media" for c in t.children)
            )
        ):
            return True
    return False
