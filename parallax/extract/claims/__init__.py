"""Counted claims: "at least 18 members of the security forces were killed, officials said",
"Obama has spent $2 million in legal fees", "the Senate voted 97-1", "a 47-page indictment".

Read from the dependency parse, one number at a time, in small steps (one module each; the
word lists they read are in ``lexicon``):

1. ``spans``: the numbers written in a sentence, with their qualifier and unit (``numbers``
   says what they are worth: counts, money, shares, tallies); ``singular``: counts of people
   written without a numeral ("a man was killed", "no one was hurt", "a fifth victim");
2. ``filters``: what is no figure (years, dates, times, ordinals, ages, codes, names, quoted
   terms, distances, figures of speech), sentences about other events, link lines, questions;
3. ``people``: a count of people hurt, held, sent or gathered: who is counted and what befell
   them (the predicate the counted noun is an argument of), or a toll ("the death toll rose
   to 154"); ``combine``: one sentence's such counts put together (coordinated counts of
   alike people summed, the dead taken out of the people shot);
4. ``things``: any other figure: what it counts (money's purpose, a share's group, a tally's
   side, things, people in another role, a measure of a thing, a duration), its unit and a
   normalised key of the quantity;
5. ``attribution``: who gave the figure, with the shared grammar of reporting
   (``parallax.extract.attribution``): the source of the reporting verb above it, "according
   to", a document ("a poll found"), the speaker of the quotation it is in, a toll's setter,
   or the previous sentence's source (any speaker for counts of people, a document for
   other figures); never a dateline, a platform, or the counted themselves;
6. ``asof``: the date the figure refers to (its clause's date, else the sentence's first
   day, else the publication date); ``cues``: revision (update / withdrawn), part, hedged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...records import ClaimRecord, DocRecord, QuoteRecord
from .. import component
from ..numbers import VERB_QUALIFIERS, Quantity, requalify
from .asof import Dates, beside, narrative_past
from .attribution import attribution, official, sentence_speaker, source_count, toll_source
from .combine import combine
from .cues import hedged, part, revision
from .filters import (
    Lines,
    elsewhere,
    historical,
    link_lines,
    not_a_count,
    not_a_quantity,
    other_event,
    question,
)
from .found import Found
from .grammar import ordinal
from .lexicon import DOCUMENT_SOURCES, MEASURE_VERBS, SHOOT, SHOT_SUFFIX
from .people import befalls, counted, graded_part, negated, predicate, rate, subject, toll, uncertain
from .singular import singular
from .spans import Number, scan
from .things import increment, read_amount, read_count, read_tally

__all__ = ["SHOT_SUFFIX", "claims"]

#: Prepositions that make a date the period a count covers ("from September to December 2017").
PERIOD_PREPS = frozenset({"from", "to", "through", "between", "until", "till", "since"})
_CHEAP = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|"
    r"dozens?|scores|several|multiple|numerous|a|an|another|no|nobody|none|both)\b|"
    r"kill|dead|die|death|fatal|shot|shoot|wound|injur|hurt|hospital|arrest|detain|"
    r"evacuat|displac|kidnap|abduct|deploy",
    re.I,
)


@dataclass
class Context:
    """What every sentence of one document is read against."""

    text: str
    doc_id: str
    published: str | None
    sents: list[Span]
    before: Callable[[int], str | None]
    dates: Dates
    quotes: list[QuoteRecord] = field(default_factory=list)
    #: token index -> the text of the DATE entity it is in
    date_ent_at: dict[int, str] = field(default_factory=dict)
    #: sentence index -> the document (poll, report, study) its figures were attributed to (None:
    #: they were attributed to someone else)
    documents: dict[int, str | None] = field(default_factory=dict)
    links: Lines = field(default_factory=lambda: Lines([], []))

    def past(self, pred: Token) -> bool:
        """True when the figure of `pred` is dated in an earlier year ("in 2005", "last year"):
        a date of its sentence, but for one in a clause coordinated beside its own."""
        texts = {self.date_ent_at[t.i] for t in pred.sent if t.i in self.date_ent_at and not beside(t, pred)}
        return historical(sorted(texts), self.published)

    def quoted_by(self, at: int) -> str | None:
        """The speaker of the quotation holding character `at`, if any."""
        for q in self.quotes:
            if q.start <= at < q.end and q.speaker:
                return q.speaker
        return None


def line(text: str, sent: Span, at: int) -> tuple[int, int]:
    """Offsets of the part of a sentence on the same line as character `at` (a sentence the
    parser ran across a headline or a paragraph break is cut back to its line)."""
    lo = max(sent.start_char, text.rfind("\n", 0, at) + 1)
    nl = text.find("\n", at)
    hi = min(sent.end_char, nl if nl >= 0 else len(text))
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def candidates(sdoc: Doc, sent: Span) -> list[tuple[int, int, Quantity, Number | None]]:
    """(start, end, quantity, number) of every count written in a sentence, in reading order:
    each number as written (number None for a count of people without a numeral)."""
    cands: list[tuple[int, int, Quantity, Number | None]] = []
    for n in scan(sent):
        cands.append((n.start, n.end, n.quantity, n))
    for i, q in singular(sent):
        cands.append((i, i + 1, q, None))
    return sorted(cands, key=lambda c: c[0])


def scope(pred: Token) -> str | None:
    """A place the figure is limited to: "in Almaty" on the predicate."""
    for c in pred.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "at", "across"):
            for p in c.children:
                if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC", "FAC"):
                    ent = [e for e in p.doc.ents if e.start <= p.i < e.end]
                    return ent[0].text if ent else p.text
    return None


@dataclass
class _Reader:
    """The state of reading one sentence."""

    sdoc: Doc
    si: int
    ctx: Context
    people: bool  # counts of people are read here (not a sentence about other events)
    found: list[Found] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)
    inherited: list[str | None] = field(default_factory=list)  # the previous sentence's speaker
    last_class: tuple[str, str] | None = None

    @property
    def sent(self) -> Span:
        return self.ctx.sents[self.si]

    def source(self, pred: Token, lo: int, hi: int, counted: Token | None) -> str | None:
        """Who gave the figure: the sentence's reporting verb, the speaker of the quotation it
        is in, else the previous sentence's source (for a figure of another kind than people
        hurt, held or sent, only when that one was a document: a report's figures go on over
        sentences, a speaker's need a verb)."""
        speaker, reported = attribution(pred, self.sent, self.ctx.before, lo, hi, counted)
        if not reported and counted is not None:
            speaker = self.ctx.quoted_by(counted.idx)
            if speaker is None:  # a document's figures go on (a sentence or two without a verb)
                speaker = next((d for k in (1, 2) if (d := self.ctx.documents.get(self.si - k))), None)
            reported = speaker is not None
        if speaker is not None and (
            speaker.lower() in _NO_NAME or (counted is not None and counted.text in speaker.split())
        ):
            speaker = (
                None  # "the 47-page indictment said": a figure of the source itself, given by the report
            )
        if counted is not None:
            self.ctx.documents[self.si] = speaker if speaker is not None and _document(speaker) else None
        if not reported and self.si > 0:
            # "Police said ... . Two more people were arrested.": the speaker goes on
            if not self.inherited:
                self.inherited.append(sentence_speaker(self.ctx.sents[self.si - 1], self.ctx.before))
            speaker = self.inherited[0]
            if counted is not None and not (speaker and _document(speaker)):
                speaker = None  # for another figure only a document's ("according to the report")
        return speaker

    def claim(
        self, at: int, q: Quantity, measure: str, subj: str, pred: Token, counted: Token | None = None, **kw
    ) -> ClaimRecord:
        """The record of a figure found at token `at`; `counted`: the counted words of a figure
        of another kind than people hurt, held or sent (see ``source``)."""
        lo, hi = line(self.ctx.text, self.sent, self.sdoc[at].idx)
        num = self.sdoc[at]
        verb = num.head if num.dep_ == "dobj" else None
        if verb is not None and verb.lemma_.lower() in VERB_QUALIFIERS:
            q = requalify(q, VERB_QUALIFIERS[verb.lemma_.lower()])
        return ClaimRecord(
            id="",
            doc=self.ctx.doc_id,
            evidence=self.ctx.text[lo:hi],
            start=lo,
            end=hi,
            measure=measure,
            subject=subj,
            low=q.low,
            high=q.high,
            approximate=q.approximate,
            vague=q.vague,
            attributed_to=self.source(pred, lo, hi, counted),
            as_of=self.ctx.dates.as_of(pred, self.si),
            qualifier=q.qualifier,
            number_text=q.text,
            scope=scope(pred),
            sent=self.si,
            hedged=hedged(self.sent, pred),
            **kw,
        )

    def people_claim(self, s: int, e: int, q: Quantity, n: Number | None) -> bool:
        """Read a count of people hurt, held, sent or gathered; True when the grammar of such
        a count decided the number (a claim, or a doer, a denial, a question: no claim)."""
        sdoc = self.sdoc
        zero = q.low == 0 and q.high == 0
        if zero:
            arg = head = sdoc[s].head if sdoc[s].dep_ == "det" else sdoc[s]
            kind = "event"
        else:
            arg, head, kind = counted(sdoc, s, e)
        if arg.i in self.taken:
            return True
        measure, pred = ("DEPLOY", arg) if kind == "capacity" else predicate(arg, sdoc[e - 1])
        if pred is None:
            return False
        if measure is None or negated(pred) or uncertain(pred) or graded_part(arg) or rate(arg, sdoc[e - 1]):
            return True
        if self.ctx.past(pred):
            return True  # "In 2009, a gunman killed 13 people": an earlier event
        if pred.lemma_.lower() == "hurt" and arg.dep_ == "dobj":
            return True  # "the shutdown is hurting millions of Americans": harm, not injury
        if measure == "ARREST" and n is None and q.low:
            return True  # "Smith was arrested": one named person's arrest is an event, not a count
        if pred.i == arg.i and increment(arg, sdoc[e - 1]):
            return True  # "the last four deaths added to the list": a change, not the toll
        if zero and measure not in ("KILL", "WOUND", "HOSPITALIZE", "ARREST"):
            return True
        if pred.lemma_.lower() in ("number", "total"):  # "the force would number about 2,500"
            head = next((c for c in pred.children if c.dep_ == "nsubj"), head)
        cls, subj = subject(head, arg)
        if self.last_class and (head.pos_ == "NUM" or head.like_num or head.lower_ in ("other", "others")):
            cls, subj = self.last_class  # "18 ... killed and 748 injured"
        if (
            cls is None
            or (measure == "DEPLOY" and cls not in ("troops", "security forces"))
            or (measure == "PROTEST" and cls not in ("protesters", "people"))
        ):
            return cls is not None
        if measure in ("DEPLOY", "PROTEST") and q.low == 1 and q.high == 1 and not q.text[:1].isdigit():
            return True
        if measure == "HOSPITALIZE" and any(
            w.lemma_.lower() in ("intensive", "critical") for w in [*pred.subtree, *pred.head.children]
        ):
            subj = f"{subj} in intensive care"  # a part of the hospitalized, not the total
        self.taken.add(arg.i)
        self.last_class = (cls, subj)
        if measure == "WOUND" and (pred.lemma_.lower() in SHOOT or ordinal(arg)):
            subj = f"{subj} {SHOT_SUFFIX}"  # hit by gunfire: the dead may be among them
        claim = self.claim(
            s,
            q,
            measure,
            subj,
            pred,
            kind=kind,
            unit="people",
            quantity=f"{subj} {MEASURE_VERBS.get(measure, 'counted')}",
            revision=revision(n, pred, head) if n is not None else None,
            part=part(arg, sdoc[e - 1], pred, scope(pred) is not None),
        )
        self.found.append(Found(claim, arg, pred))
        return True

    def toll_claim(self, n: Number) -> bool:
        """Read a number that a toll amounts to ("the death toll rose to 154", "the number of
        dead is 154"): a count of the killed or injured; True when it was one."""
        found = toll(n.num)
        if (
            found is None
            or n.num.i in self.taken
            or not_a_quantity(self.sdoc, n.start, n.end, n.quantity.text)
        ):
            return False
        measure, noun, pred = found
        if self.ctx.past(pred):
            return False
        self.taken.add(n.num.i)
        claim = self.claim(
            n.start,
            n.quantity,
            measure,
            "people",
            pred,
            unit="people",
            quantity=f"people {MEASURE_VERBS[measure]}",
            revision=revision(n, pred, noun),
        )
        if claim.attributed_to is None:
            claim.attributed_to = toll_source(noun, pred) or official(noun, n.num)
        self.found.append(Found(claim, n.num, pred))
        return True

    def quantity_claim(self, n: Number) -> None:
        """Read a quantity of any other kind: money, a share, a tally, things, people in
        another role, a measure or a duration."""
        sdoc = self.sdoc
        q = n.quantity
        if (
            q.vague
            or not_a_quantity(sdoc, n.start, n.end, q.text)
            or (q.low == 0 and q.high == 0 and not n.side)
        ):
            return  # vague amounts, and "zero" or "none" of a thing, are no figure
        if n.side:
            reading = read_tally(n, sdoc)
        elif n.unit:
            reading = read_amount(n, sdoc)
        else:
            reading = read_count(n, sdoc)
        if reading is None or n.num.i in self.taken or narrative_past(reading.pred) or source_count(n.num):
            return
        if reading.people and (
            self.ctx.past(reading.pred)
            or other_event(self.sent)
            or (not self.people and befalls(reading.pred))
        ):
            return  # people counted in a sentence about an earlier year or another event
        if self.ctx.links.caption(self.sdoc[n.start].idx):
            return  # a headline of another story, a caption: a line that is no sentence
        self.taken.add(n.num.i)
        claim = self.claim(
            n.start,
            q,
            "OTHER",
            reading.subject,
            reading.pred,
            counted=n.num,
            unit=reading.unit,
            quantity=reading.quantity,
            revision=revision(n, reading.pred, None),
            part=reading.part or part(n.num, n.num, reading.pred, scope(reading.pred) is not None),
        )
        self.found.append(Found(claim, n.num, reading.pred))


#: Words the parser may take for a source that name no one.
_NO_NAME = frozenset({"that", "this", "which", "who", "it", "what"})


def _document(name: str) -> bool:
    """True for the name of a document (a poll, a report, a study)."""
    return any(w.lower() in DOCUMENT_SOURCES for w in name.split())


def _sentence(sdoc: Doc, si: int, ctx: Context) -> list[Found]:
    """The claims of sentence `si`, before they are combined."""
    sent = ctx.sents[si]
    cands = candidates(sdoc, sent)
    if not cands:
        return []
    people = not elsewhere(sent)  # counts of people hurt or held are of this story's event
    r = _Reader(sdoc, si, ctx, people)
    for s, e, q, n in cands:
        at = sdoc[s].idx
        lo, hi = line(ctx.text, sent, at)
        if ctx.links.holds(at) or question(ctx.text[lo:hi]):
            continue  # a link list; a figure asked about is not asserted
        if n is not None and not (n.unit or n.side) and people and r.toll_claim(n):
            continue
        plain = n is None or not (n.unit or n.side or not_a_count(sdoc, s, e))
        if plain and people and r.people_claim(s, e, q, n):
            continue
        if n is not None:
            r.quantity_claim(n)
    return r.found


def _context(sdoc: Doc, rec: DocRecord) -> Context:
    person_ents = [(e.start, e.text) for e in sdoc.ents if e.label_ == "PERSON"]

    def before(i: int) -> str | None:
        prior = [name for s, name in person_ents if s < i]
        return prior[-1] if prior else None

    sents = list(sdoc.sents)
    ctx = Context(
        text=rec.document.text,
        doc_id=rec.document.id,
        published=rec.document.published,
        sents=sents,
        before=before,
        dates=Dates(rec.dates, rec.document.published),
        quotes=rec.quotes,
    )
    for e in sdoc.ents:
        if e.label_ == "DATE":
            if e.start > 0 and sdoc[e.start - 1].lower_ in PERIOD_PREPS:
                continue  # "from September to December 2017": the period a count covers, not its time
            for i in range(e.start, e.end):
                ctx.date_ent_at[i] = e.text
    return ctx


@component("claims")
def claims(sdoc: Doc, rec: DocRecord) -> None:
    """Fill rec.claims from the parse."""
    ctx = _context(sdoc, rec)
    out: list[ClaimRecord] = []
    ctx.links = link_lines(ctx.text)
    for si, sent in enumerate(ctx.sents):
        if not _CHEAP.search(sent.text):
            continue
        out.extend(f.claim for f in combine(sent, _sentence(sdoc, si, ctx)))
    for n, c in enumerate(out, start=1):
        c.id = f"{ctx.doc_id}#c{n}"
    rec.claims = out
