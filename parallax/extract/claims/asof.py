"""Step 8: the date a figure refers to.  The dates come resolved from the ``dates`` component
(``DocRecord.dates``: weekdays, "yesterday", "last month", explicit dates, resolved against
the publication date); this step only chooses among them:

1. a date written in the figure's own clause ("killed 18 on Thursday", "in January 2012 the
   board ordered it to pay $88,000"): a day gives that day; a month or a year alone says the
   figure is not of the publication day and gives no day (None);
2. else the day of the document that gave it, when a mention of that document says it ("a poll
   released yesterday", "a March 31-April 4 survey": a period is dated by its end);
3. else the publication date: a figure stated without a date is the report's current one (not
   a date elsewhere in the sentence: one in a clause about something else, "a senator, who
   voted on Friday, faces ...", is not the figure's; BASIL facts as_of A 0.784 -> 0.824,
   beirut 0.808 -> 0.833 without that step).
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from ...records import DateRecord
from .lexicon import TIME_UNITS

#: Dependencies that start another clause: its dates are not the figure's.
_OTHER_CLAUSE = frozenset("advcl relcl ccomp acl conj parataxis csubj".split())


def clause_head(tok: Token) -> Token:
    """The verb whose clause holds `tok` (the root when none)."""
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def clause_tokens(tok: Token) -> list[Token]:
    """The tokens of the clause holding `tok`, without the clauses nested in it."""
    head = clause_head(tok)
    out = []
    stack = [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _OTHER_CLAUSE or c.i == tok.i)
    return out


def beside(date: Token, tok: Token) -> bool:
    """True when `date` lies in a clause coordinated beside the one of `tok` ("the toll stands
    at 55, but [officials] acknowledged ... last year"): a statement of its own, whose time is
    not the figure's.  Subordinate clauses are not beside: the parser often hangs a date there
    that belongs to the whole sentence."""
    chain = {t.i for t in (tok, *tok.ancestors)}
    return any(
        a.dep_ == "conj" and a.pos_ in ("VERB", "AUX") and a.i not in chain for a in (date, *date.ancestors)
    )


def _finite_conjunct(verb: Token) -> bool:
    """True for a clause coordinated after another with its own subject and tense ("..., and
    19 states have such laws"), not a conjunct that shares them ("were killed and 70 injured")."""
    return (
        verb.dep_ == "conj"
        and verb.head.i != verb.i
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
        and (
            verb.tag_ in ("VBD", "VBZ", "VBP", "MD")
            or any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        )
    )


def governing_tokens(tok: Token) -> list[Token]:
    """The tokens of the clause holding `tok` and of every clause above it (a matrix clause's
    time covers the clauses under it: "On Nov. 5, 2009, he opened fire, killing 12"), but not
    of clauses beside it."""
    out = clause_tokens(tok)
    head = clause_head(tok)
    for _ in range(6):
        while _finite_conjunct(head):
            head = head.head  # "X signed it in 1993, and 19 states have such laws": not the sibling's time
        if head.head.i == head.i:
            break
        head = clause_head(head.head)
        out += clause_tokens(head)
    return out


def clause_span(tok: Token) -> list[tuple[int, int]]:
    """Character ranges of the clause holding `tok`, without the clauses nested in it."""
    return sorted((t.idx, t.idx + len(t.text)) for t in clause_tokens(tok))


#: Adverbs that date a clause before the story's time ("a year earlier", "two days before").
_BEFORE = frozenset({"earlier", "ago", "before", "previously", "prior"})


def narrative_past(pred: Token) -> bool:
    """True when the clause of `pred` is set before the story by a span of time ("About a
    year earlier, two former deliverymen hired a lawyer"): an anecdote, not a current figure."""
    return any(
        t.lower_ in _BEFORE and t.dep_ == "advmod" and any(c.lemma_.lower() in TIME_UNITS for c in t.children)
        for t in clause_tokens(pred)
    )


#: Words between two dates that make them one period ("March 31-April 4", "from May 2 to May 9").
_RANGE = re.compile(r"^\s*(?:-|\u2013|\u2014|to|through|thru|until|till)\s*$", re.I)


class Dates:
    """A document's resolved dates, looked up by sentence and by clause."""

    def __init__(self, dates: list[DateRecord], published: str | None, text: str = "") -> None:
        self.dates = sorted(dates, key=lambda d: d.start)
        self.starts = [d.start for d in self.dates]
        self.published = published
        self.text = text
        #: the token index of a document's noun ("poll", "report") -> the day it was made or released
        self.documents: dict[int, str] = {}

    def period_end(self, d: DateRecord) -> DateRecord:
        """The last day of the period a date opens ("a March 31-April 4 survey": April 4; "from
        Dec. 22 through Jan. 25": Jan. 25): a count over a period is of its end; else `d`."""
        k = bisect.bisect_left(self.starts, d.end)
        if k < len(self.dates):
            nxt = self.dates[k]
            if (
                nxt.sent == d.sent
                and len(nxt.date) == len(d.date)
                and _RANGE.match(self.text[d.end : nxt.start])
            ):
                return nxt
        return d

    def in_range(self, lo: int, hi: int, toks: list[Token]) -> DateRecord | None:
        """The first date written at the tokens `toks` between character offsets lo..hi."""
        a = bisect.bisect_left(self.starts, lo)
        b = bisect.bisect_left(self.starts, hi)
        if a == b:
            return None
        ranges = sorted((t.idx, t.idx + len(t.text)) for t in toks)
        for d in self.dates[a:b]:
            if any(x <= d.start < y or d.start <= x < d.end for x, y in ranges):
                return self.period_end(d)
        return None

    def in_clause(self, pred: Token) -> DateRecord | None:
        """The first date written in the clause of `pred` (the end of a period it opens)."""
        return self.in_range(pred.sent.start_char, pred.sent.end_char, governing_tokens(pred))

    def note_document(self, noun: Token) -> None:
        """Keep the day a document was made or released, when its mention says it: a date in
        its phrase ("a poll released yesterday", "a March 31-April 4 survey") or in the clause
        it is the subject of ("The poll was taken March 31-April 4")."""
        toks = list(noun.subtree)
        if noun.dep_ in ("nsubj", "nsubjpass"):
            toks += clause_tokens(noun.head)
        d = self.in_range(noun.sent.start_char, noun.sent.end_char, toks)
        if d is not None and len(d.date) == 10:
            self.documents[noun.i] = d.date

    def of_document(self, lemma: str, at: int, doc: Doc) -> str | None:
        """The day of the document named `lemma` (its mention nearest before token `at`, else
        the first after), if a mention said it."""
        days = [(i, day) for i, day in self.documents.items() if doc[i].lemma_.lower() == lemma]
        before = [x for x in days if x[0] <= at]
        if before:
            return max(before)[1]
        return min(days)[1] if days else None

    def as_of(self, pred: Token, document: str | None = None) -> str | None:
        """The date the figure governed by `pred` refers to; `document`: the
        day of the document that gave it, which dates it when its own clause does not."""
        own = self.in_clause(pred)
        if own is not None:
            if len(own.date) == 10:
                return own.date
            if self.published and self.published.startswith(own.date):
                return self.published  # "this year", "in 2015" in a 2015 report: the current figure
            return None
        if document is not None:
            return document
        return self.published
