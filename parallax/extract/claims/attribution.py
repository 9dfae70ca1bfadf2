"""Step 6: who gave the figure, from the grammar of the sentence: the subject of the reporting
verb above the predicate ("officials said", "the ministry said that", "said police
spokeswoman X", "State television reported"), or an "according to" phrase."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from .lexicon import REPORT_VERBS

#: the name of the person mentioned last before a token index (for "he said")
Before = Callable[[int], "str | None"]


def phrase(tok: Token) -> str:
    """A compact name phrase for a speaker token: its compounds and "of"/"for" modifiers,
    without relative clauses, appositions or what follows a comma."""
    keep = {tok.i}
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in ("compound", "amod", "poss", "case", "nmod", "prep", "pobj", "det", "flat") and not (
                c.dep_ == "prep" and c.lower_ not in ("of", "for", "in", "at")
            ):
                keep.add(c.i)
                stack.append(c)
    doc = tok.doc
    lo, hi = min(keep), max(keep)
    toks = [t for t in doc[lo : hi + 1] if t.i in keep or lo < t.i < hi]
    out = []
    for t in toks:
        if t.text == "," and t.i > tok.i:
            break
        out.append(t)
    while out and out[0].lower_ in ("the", "a", "an", "'s"):
        out = out[1:]
    text = doc[out[0].i : out[-1].i + 1].text if out else tok.text
    return re.sub(r"\s+", " ", text).strip(" ,")


def speaker(verb: Token, before: Before) -> str | None:
    """Who the reporting verb says spoke."""
    if verb.lower_ == "according":
        for c in verb.children:
            for p in [c, *list(c.children)]:
                if p.dep_ == "pobj":
                    return phrase(p)
        return None
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    agent = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if subj and subj[0].dep_ == "nsubjpass" and agent:
        subj = agent
    if not subj:
        h = verb.head
        if verb.dep_ in ("acl", "relcl", "advcl") and h.pos_ in ("NOUN", "PROPN"):
            return phrase(h)
        if verb.dep_ in ("advcl", "xcomp", "conj") and h.i != verb.i:
            if h.lemma_.lower() in ("quote", "cite"):  # "agencies quoted a spokesman, saying ..."
                objs = [c for c in h.children if c.dep_ == "dobj"]
                if objs:
                    return phrase(objs[0])
            return speaker(h, before) if h.lemma_.lower() in REPORT_VERBS else None
        return None
    s = subj[0]
    named = [c for c in s.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    if named:  # "The general secretary, Stanislav Zas, said"
        s = named[0]
    if s.lower_ in ("he", "she"):
        return before(s.i)
    if s.pos_ == "PRON":
        return None
    return phrase(s)


def reporting(t: Token) -> bool:
    """A verb of saying that is not negated ("have not revealed")."""
    return (
        t.lemma_.lower() in REPORT_VERBS
        and t.pos_ in ("VERB", "AUX")
        and not any(c.dep_ == "neg" for c in t.children)
    )


def attribution(pred: Token, sent: Span, before: Before, lo: int, hi: int) -> tuple[str | None, bool]:
    """(speaker, found a reporting verb) for a predicate: the reporting verb above it, or an
    "according to" phrase in the sentence; only words between character offsets lo..hi count."""

    def inside(t: Token) -> bool:
        return lo <= t.idx < hi

    chain: list[Token] = []
    t = pred
    while len(chain) < 8 and inside(t):
        chain.append(t)
        if t.head.i == t.i:
            break
        t = t.head
    for k, t in enumerate(chain):
        for c in t.children:
            if c.lower_ == "according" and inside(c):
                return speaker(c, before), True
        if t.i == pred.i or not reporting(t):
            continue
        # "Officials said A ...; the ministry said B": the parser hangs A under the second verb
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if t.i > pred.i and subj and subj[0].i > pred.i:
            earlier = [r for r in chain[k + 1 :] if reporting(r) and r.i < pred.i]
            if earlier:
                t = earlier[0]
        return speaker(t, before), True
    for t in sent:
        if t.lower_ == "according" and inside(t):
            return speaker(t, before), True
    for t in sent:
        if reporting(t) and t.pos_ == "VERB" and t.dep_ in ("ROOT", "parataxis", "conj") and inside(t):
            sp = speaker(t, before)
            if sp:
                return sp, True
    return None, False


def sentence_speaker(sent: Span, before: Before) -> str | None:
    """The speaker of a sentence's main reporting verb ("..., she said."), if it has one."""
    for t in sent:
        if reporting(t) and t.pos_ == "VERB":
            sp = speaker(t, before)
            if sp:
                return sp
    for t in sent:
        if t.lower_ == "according":
            return speaker(t, before)
    return None
