"""Counted claims: "at least 18 members of the security forces were killed, officials said".

Read from the dependency parse, one number at a time, in small steps (one module each):

1. ``spans``: the numbers written in a sentence with their qualifier (``numbers`` says what
   they are worth); ``singular``: counts of people written without a numeral ("a man was
   killed", "no one was hurt", "both died", "a fifth victim");
2. ``filters``: what is not a count (dates, times, ages, codes, names) and sentences about
   other events (an earlier year, a separate incident, a tally over a city);
3. ``people``: who is counted (the number's head, the object of its "of", or the number
   itself: "and 748 injured") and what befell them (the predicate the counted noun is an
   argument of: "were killed", "died", "arrested", "are in intensive care"); the subject
   is a normalised class ("security forces", "troops", "protesters", "people", "children");
4. ``combine``: one sentence's claims put together (coordinated counts summed, the dead
   taken out of the people shot);
5. ``attribution``: who gave the figure (the subject of the reporting verb, an "according
   to" phrase, or failing both the speaker of the previous sentence when it reported);
6. the date: a date mentioned in the sentence, else the publication date.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...records import ClaimRecord, DocRecord
from .. import component
from ..numbers import Quantity, parse_quantity
from .attribution import attribution, sentence_speaker
from .combine import combine
from .filters import elsewhere, historical, not_a_count
from .found import Found
from .grammar import ordinal
from .lexicon import SHOOT, SHOT_SUFFIX
from .people import counted, graded_part, negated, predicate, subject, uncertain
from .singular import singular
from .spans import number_spans, qualifier

__all__ = ["SHOT_SUFFIX", "claims"]

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
    dates_by_sent: dict[int, str] = field(default_factory=dict)
    date_ents: dict[int, list[str]] = field(default_factory=dict)


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


def candidates(sdoc: Doc, sent: Span) -> list[tuple[int, int, Quantity]]:
    """(start, end, quantity) of every count written in a sentence, in reading order."""
    cands = []
    for s, e in number_spans(sent):
        if not_a_count(sdoc, s, e):
            continue
        qual = qualifier(sdoc, s, sent.start)
        q = parse_quantity(sdoc[s:e].text, qualifier=qual or "")
        if q is not None:
            cands.append((s, e, q))
    for i, q in singular(sent):
        cands.append((i, i + 1, q))
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


def _sentence(sdoc: Doc, si: int, ctx: Context) -> list[Found]:
    """The claims of sentence `si`, before they are combined."""
    sent = ctx.sents[si]
    found: list[Found] = []
    taken: set[int] = set()
    inherited: list[str | None] = []  # the previous sentence's speaker, read once
    last_class: tuple[str, str] | None = None
    for s, e, q in candidates(sdoc, sent):
        zero = q.low == 0 and q.high == 0
        if zero:
            arg = head = sdoc[s].head if sdoc[s].dep_ == "det" else sdoc[s]
            kind = "event"
        else:
            arg, head, kind = counted(sdoc, s, e)
        if arg.i in taken:
            continue
        lo, hi = line(ctx.text, sent, sdoc[s].idx)
        measure, pred = ("DEPLOY", arg) if kind == "capacity" else predicate(arg, sdoc[e - 1])
        if measure is None or pred is None or negated(pred) or uncertain(pred) or graded_part(arg):
            continue
        if zero and measure not in ("KILL", "WOUND", "HOSPITALIZE", "ARREST"):
            continue
        if pred.lemma_.lower() in ("number", "total"):  # "the force would number about 2,500"
            head = next((c for c in pred.children if c.dep_ == "nsubj"), head)
        cls, subj = subject(head, arg)
        if last_class and (head.pos_ == "NUM" or head.like_num or head.lower_ in ("other", "others")):
            cls, subj = last_class  # "18 ... killed and 748 injured"
        if (
            cls is None
            or (measure == "DEPLOY" and cls not in ("troops", "security forces"))
            or (measure == "PROTEST" and cls not in ("protesters", "people"))
        ):
            continue
        if measure in ("DEPLOY", "PROTEST") and q.low == 1 and q.high == 1 and not q.text[:1].isdigit():
            continue
        if measure == "HOSPITALIZE" and any(
            w.lemma_.lower() in ("intensive", "critical") for w in [*pred.subtree, *pred.head.children]
        ):
            subj = f"{subj} in intensive care"  # a part of the hospitalized, not the total
        taken.add(arg.i)
        last_class = (cls, subj)
        if measure == "WOUND" and (pred.lemma_.lower() in SHOOT or ordinal(arg)):
            subj = f"{subj} {SHOT_SUFFIX}"  # hit by gunfire: the dead may be among them
        speaker, reported = attribution(pred, sent, ctx.before, lo, hi)
        if not reported and si > 0:
            if not inherited:
                inherited.append(sentence_speaker(ctx.sents[si - 1], ctx.before))
            speaker = inherited[0]
        claim = ClaimRecord(
            id="",
            doc=ctx.doc_id,
            evidence=ctx.text[lo:hi],
            start=lo,
            end=hi,
            measure=measure,
            subject=subj,
            low=q.low,
            high=q.high,
            approximate=q.approximate,
            vague=q.vague,
            attributed_to=speaker,
            as_of=ctx.dates_by_sent.get(si, ctx.published),
            qualifier=q.qualifier,
            number_text=q.text,
            scope=scope(pred),
            kind=kind,
            sent=si,
        )
        found.append(Found(claim, arg, pred))
    return found


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
    )
    for d in rec.dates:
        if len(d.date) == 10:
            ctx.dates_by_sent.setdefault(d.sent, d.date)
    starts = [s.start for s in sents]
    for e in sdoc.ents:
        if e.label_ == "DATE":
            ctx.date_ents.setdefault(bisect.bisect_right(starts, e.start) - 1, []).append(e.text)
    return ctx


@component("claims")
def claims(sdoc: Doc, rec: DocRecord) -> None:
    """Fill rec.claims from the parse."""
    ctx = _context(sdoc, rec)
    out: list[ClaimRecord] = []
    for si, sent in enumerate(ctx.sents):
        if (
            not _CHEAP.search(sent.text)
            or historical(ctx.date_ents.get(si, []), ctx.published)
            or elsewhere(sent)
        ):
            continue
        out.extend(f.claim for f in combine(sent, _sentence(sdoc, si, ctx)))
    for n, c in enumerate(out, start=1):
        c.id = f"{ctx.doc_id}#c{n}"
    rec.claims = out
