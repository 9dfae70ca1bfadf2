"""Step 6: who gave the figure, from the grammar of the sentence: the subject of the reporting
verb above the predicate ("officials said", "the ministry said that", "said police
spokeswoman X", "State television reported"), or an "according to" phrase."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from ..attribution import PLATFORMS, document_author, is_reporting, source_of, speaker_class
from .lexicon import DOCUMENT_SOURCES, DOCUMENT_VERBS, FIGURE_VERBS

#: the name of the person mentioned last before a token index (for "he said")
Before = Callable[[int], "str | None"]


def phrase(tok: Token) -> str:
    """A compact name phrase for a speaker token: its compounds and "of"/"for"/"from"
    modifiers, and the whole of the name it is part of ("Gay and Lesbian Alliance Against
    Defamation"), without relative clauses, appositions or what follows a comma."""
    keep = {tok.i}
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in ("compound", "amod", "poss", "case", "nmod", "prep", "pobj", "det", "flat") and not (
                c.dep_ == "prep" and c.lower_ not in ("of", "for", "in", "at", "from")
            ):
                keep.add(c.i)
                stack.append(c)
    doc = tok.doc
    ent = next((e for e in doc.ents if e.start <= tok.i < e.end and e.label_ in _NAMED), None)
    if ent is not None:
        keep.update(range(ent.start, ent.end))
    lo, hi = min(keep), max(keep)
    toks = [t for t in doc[lo : hi + 1] if t.i in keep or lo < t.i < hi]
    out = []
    for t in toks:
        if t.text == "," and t.i > tok.i and (ent is None or t.i >= ent.end):
            break
        out.append(t)
    while out and out[0].lower_ in ("the", "a", "an", "'s"):
        out = out[1:]
    text = doc[out[0].i : out[-1].i + 1].text if out else tok.text
    return re.sub(r"\s+", " ", text).strip(" ,")


_NAMED = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC"})
#: How far back (in tokens) a definite speaker ("the report", "the aide") is looked for.
ANTECEDENT_WINDOW = 1500


def antecedent(tok: Token) -> Token | None:
    """The fuller earlier mention of a definite common noun ("the report" -> "A September 2010
    Congressional Research Service report", "the aide" -> "a Grassley aide"): the last noun
    before it with the same lemma and a name or noun modifier; None when there is none."""
    if tok.pos_ != "NOUN" or not any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children
    ):
        return None
    if any(c.dep_ in ("compound", "poss", "nmod") for c in tok.children):
        return None  # already named ("the health ministry")
    doc = tok.doc
    lemma = tok.lemma_
    for i in range(tok.i - 1, max(-1, tok.i - ANTECEDENT_WINDOW), -1):
        t = doc[i]
        if (
            t.lemma_ == lemma
            and t.pos_ == "NOUN"
            and any(
                c.dep_ in ("compound", "poss", "nmod") and c.pos_ in ("PROPN", "NOUN") for c in t.children
            )
        ):
            return t
    return None


def name_of(tok: Token) -> str:
    """The name phrase of a speaker token, a definite one replaced by its fuller mention."""
    return phrase(antecedent(tok) or tok)


def dateline(tok: Token) -> bool:
    """True for a word of a dateline opening the text or a paragraph ("MOSCOW (AP) —", "SAN
    JUAN, Puerto Rico --"): the place a report was filed from, never its source."""
    sent = tok.sent
    toks = list(sent[: min(len(sent), 12)])
    for k, t in enumerate(toks):
        if t.text in ("\u2014", "\u2013", "--", "-", "\u2015") and k > 0:
            return tok.i < t.i and all(w.is_upper or not w.is_alpha or w.is_title for w in toks[:k])
    return False


def _bare(noun: Token) -> bool:
    """True for a noun named by a definite article alone ("the statement", "the study")."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children) and not any(
        c.dep_ in ("compound", "poss", "nmod", "amod") for c in noun.children
    )


def toll_source(noun: Token, verb: Token) -> str | None:
    """Who set a toll: the subject of the verb the toll is the object of ("Authorities raised
    the death toll to 48")."""
    if noun.dep_ != "dobj" or noun.head.i != verb.i:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON" or speaker_class(subj) not in ("person", "body") or dateline(subj):
        return None
    return name_of(subj)


def official(noun: Token, num: Token) -> str | None:
    """The source a figure names itself: the owner of its toll ("the government's official
    toll"), or officials for a figure called official ("the official death toll", "killing,
    officially, 51 people"); None otherwise."""
    for t in (noun, num):
        for c in t.children:
            if c.dep_ == "poss" and speaker_class(c) == "body":
                return phrase(c)
    for t in (noun, num, num.head):
        if any(c.lower_ in ("official", "officially") for c in t.children):
            return "officials"
    return None


def speaker(verb: Token, before: Before) -> str | None:
    """Who the reporting verb (or "according") says gave the figure, as a name phrase: the
    source the shared grammar of reporting finds (``parallax.extract.attribution``), a
    pronoun read as the person named last before it, a document as its own name (or its
    author's when it has none: "the statement"); None for a dateline, a platform or an
    abstract noun, and for a passive subject with no agent."""
    if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.lemma_.lower() in ("quote", "cite"):
        objs = [c for c in verb.head.children if c.dep_ == "dobj"]
        if objs:  # "agencies quoted a spokesman, saying ..."
            return name_of(objs[0])
    src = source_of(verb)
    if src is None:
        return None
    head = src.head
    named = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    if named:  # "The general secretary, Stanislav Zas, said"
        head = named[0]
    if dateline(head):
        return None
    if head.lower_ in ("he", "she"):
        return before(head.i)
    if head.pos_ == "PRON":
        return None
    kind = speaker_class(head)
    if kind == "other" and (head.lower_ in PLATFORMS or head.like_num):
        return None  # "Twitter said", "two said": no one
    if kind == "document" and _bare(head):  # "the statement said": whose statement
        author = document_author(head)
        if author is not None and author.pos_ != "PRON":
            return name_of(author)
    return name_of(head)


def reporting(t: Token) -> bool:
    """A verb that gives a figure (``FIGURE_VERBS``), or "according", not negated ("have not
    revealed")."""
    if t.lower_ == "according":
        return is_reporting(t)
    if t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() not in FIGURE_VERBS:
        return False
    return not any(c.dep_ == "neg" for c in t.children)


def _says_itself(verb: Token, counted: Token | None) -> bool:
    """True when the counted are the ones who speak ("six Democrats have said they will skip
    it"): the report gives that figure, they do not."""
    if counted is None:
        return False
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i <= counted.i <= c.right_edge.i
        for c in verb.children
    )


def source_count(num: Token) -> bool:
    """True for a number that counts sources ("two of the people said", "according to two
    participants"): who gave a figure, not a figure."""
    t = num
    for _ in range(4):
        h = t.head
        if h.i == t.i:
            return False
        if t.dep_ == "nsubj" and reporting(h) and t.i == num.i:
            return any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)  # "two of the people said"
        if t.dep_ == "pobj" and h.lower_ == "to" and h.head.lower_ == "according":
            return True
        if t.dep_ == "pobj" and h.lower_ == "according":
            return True
        t = h
    return False


def document_source(chain: list[Token]) -> str | None:
    """A document named as the source of a figure on the way up from its predicate: "a poll
    found 56 percent", "the study shows", "In the poll, Romney leads with 21 percent"."""
    for t in chain:
        if t.lemma_.lower() in DOCUMENT_VERBS and t.pos_ == "VERB":
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lemma_.lower() in DOCUMENT_SOURCES:
                return name_of(subj)
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "per"):
                doc_ = next((p for p in c.children if p.dep_ == "pobj"), None)
                if doc_ is not None and doc_.lemma_.lower() in DOCUMENT_SOURCES:
                    return name_of(doc_)
    return None


def attribution(
    pred: Token, sent: Span, before: Before, lo: int, hi: int, counted: Token | None = None
) -> tuple[str | None, bool]:
    """(speaker, found a reporting verb) for a predicate: the reporting verb above it, or an
    "according to" phrase in the sentence; only words between character offsets lo..hi count.
    With `counted` (the counted words), a verb whose subject is the counted is no source."""

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
        if _says_itself(t, counted):
            return None, True  # "said Jane Doe, head of a 300-member coalition": her attribute
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
    for t in chain:  # "Trustees warned the fund will run dry, and seniors would face a cut": the
        # parser hangs the reporting clause under the one it reports
        for c in t.children:
            if (
                c.dep_ in ("ccomp", "parataxis")
                and c.i < pred.i
                and reporting(c)
                and inside(c)
                and not (c.left_edge.i <= pred.i <= c.right_edge.i)
            ):
                return speaker(c, before), True
    found = document_source(chain)
    if found:
        return found, True
    for t in sent:
        if (
            reporting(t)
            and t.pos_ == "VERB"
            and t.dep_ in ("ROOT", "parataxis", "conj")
            and inside(t)
            and not _says_itself(t, counted)
        ):
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
