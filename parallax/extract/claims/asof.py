"""Step 8: the date a figure refers to.  The dates come resolved from the ``dates`` component
(``DocRecord.dates``: weekdays, "yesterday", "last month", explicit dates, resolved against
the publication date); this step only chooses among them:

1. a date written in the figure's own clause ("killed 18 on Thursday", "in January 2012 the
   board ordered it to pay $88,000"): a day gives that day; a month or a year alone says the
   figure is not of the publication day and gives no day (None);
2. else the first full date written elsewhere in the sentence;
3. else the publication date: a figure stated without a date is the report's current one.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from ...records import DateRecord
from .lexicon import TIME_UNITS

SENTENCE_DATE = True
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


def governing_tokens(tok: Token) -> list[Token]:
    """The tokens of the clause holding `tok` and of every clause above it (a matrix clause's
    time covers the clauses under it: "On Nov. 5, 2009, he opened fire, killing 12"), but not
    of clauses beside it."""
    out = clause_tokens(tok)
    head = clause_head(tok)
    for _ in range(6):
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


class Dates:
    """A document's resolved dates, looked up by sentence and by clause."""

    def __init__(self, dates: list[DateRecord], published: str | None) -> None:
        self.dates = sorted(dates, key=lambda d: d.start)
        self.starts = [d.start for d in self.dates]
        self.published = published
        self.first_day: dict[int, str] = {}
        for d in self.dates:
            if len(d.date) == 10:
                self.first_day.setdefault(d.sent, d.date)

    def in_clause(self, pred: Token) -> DateRecord | None:
        """The first date written in the clause of `pred`."""
        sent = pred.sent
        lo = bisect.bisect_left(self.starts, sent.start_char)
        hi = bisect.bisect_left(self.starts, sent.end_char)
        if lo == hi:
            return None
        ranges = sorted((t.idx, t.idx + len(t.text)) for t in governing_tokens(pred))
        for d in self.dates[lo:hi]:
            if any(a <= d.start < b or d.start <= a < d.end for a, b in ranges):
                return d
        return None

    def as_of(self, pred: Token, si: int) -> str | None:
        """The date the figure governed by `pred` (in sentence `si`) refers to."""
        own = self.in_clause(pred)
        if own is not None:
            if len(own.date) == 10:
                return own.date
            if self.published and self.published.startswith(own.date):
                return self.published  # "this year", "in 2015" in a 2015 report: the current figure
            return None
        return self.first_day.get(si, self.published) if SENTENCE_DATE else self.published
