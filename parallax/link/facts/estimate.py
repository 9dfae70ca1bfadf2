"""The best reading of a quantity from the claims that stand (no later figure replaced them).

Among the standing claims of the latest day that has any, each document counts once, by the
figure it leads with; the figure most documents give wins, ties going to the higher figure
(later reports raise tolls), then to the more recent.  Where the figures agree, the precise one
they all allow (2,298 beside "about 2,000").

A document that counts the wounded and reports no death of the event (none at all, or only
far below its casualty count, where reports recall other shootings) votes 0 for the number
of people killed: a death that one report mentions and the others pass over is not the toll.
A report that says "dozens" were killed is not silent about deaths.  The story's count of the
dead, which counts of people shot are reduced by, takes those votes.

A document's figure is the first it states, raised by what it adds to it: a lone death
followed by more ("One victim died at the scene. Two more people died later."), or the
Nth person hit ("A fifth victim was found at a hospital": five hit, less the dead).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from ...extract.claims import SHOT_SUFFIX
from ...records import ClaimRecord
from .grouping import NUMERAL, base
from .values import point as _point

_APART = re.compile(r"\b(?:also|other|others|another|second|third)\b", re.I)
#: A person counted as the Nth ("a fifth victim", "an 8th teen"): N at least were hit.
_ORDINAL = re.compile(
    r"^an? (?:.* )?(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|\d{1,2}(?:st|nd|rd|th))\b",
    re.I,
)


#: Words saying that the person hit lives on ("expected to survive", "in stable condition").
SURVIVED = re.compile(
    r"\b(?:surviv\w*|stable|non-life|(?:not|non) life|"
    r"expected to (?:recover|survive|live|be (?:ok|okay|fine|all right))|recovering|"
    r"treated|released|(?:good|fair|satisfactory) condition|doing well)\b",
    re.I,
)
#: Words of death: a sentence with one of them may tell of the same person dying.
DIED = re.compile(
    r"\b(?:die[sd]?|dead|death|deadly|kill\w*|fatal\w*|mortal\w*|pronounced|succumb\w*)\b", re.I
)


def _survivor(c: ClaimRecord) -> bool:
    """A count of people hit whose sentence says they live on and tells of no death: "a woman
    was also shot and is in stable condition", "two others were shot but survived".  Only one
    person or people set apart ("others", "also") are read so: "four people were shot and two
    are being treated" speaks of a part."""
    return (
        (c.low == 1 or bool(_APART.search(c.evidence)))
        and bool(SURVIVED.search(c.evidence))
        and not DIED.search(c.evidence)
    )


def shot(c: ClaimRecord) -> bool:
    """A count of people shot: the wounded and, possibly, the dead; also one person named
    without a numeral ("an injured child"), who may be the one who died."""
    if c.measure != "WOUND":
        return False
    return c.subject.endswith(" " + SHOT_SUFFIX) or (
        c.low == 1 and not NUMERAL.match(c.number_text or "") and not _APART.search(c.evidence)
    )


def _value(c: ClaimRecord) -> float:
    p = _point(c)
    return p if p is not None else (c.low or 0.0)


def _doc_value(claims: list[ClaimRecord], dead: float, own: bool, more_gap: int) -> ClaimRecord:
    """The figure a document gives for the quantity: the first definite one it states (a
    report leads with its total; later figures list parts or recall other events), else its
    largest floor.  The first count of people shot or taken to hospital, less the dead the
    document reports, stands for the wounded where it is above that figure or there is none.
    `own`: the document reports deaths itself; then a survivor it tells apart from them
    ("... is expected to survive") counts among the wounded as it stands (where the document
    reports no death, the one it says is in hospital may be the one who died since)."""
    plain = [c for c in claims if not (shot(c) or c.measure == "HOSPITALIZE") or (own and _survivor(c))]
    hit = [c for c in claims if c not in plain and not c.vague]
    lead = None
    if hit:
        top = min(hit, key=lambda c: (c.start, -_value(c)))
        nth = [c for c in hit if _ORDINAL.search(c.number_text or "") and c.high is None]
        if nth and max(_value(c) for c in nth) > _value(top):  # "a fifth victim was found later"
            top = max(nth, key=_value)
        lead = ClaimRecord(**{**top.__dict__})
        if top in nth:
            lead.high = lead.low  # the Nth found: N so far
        if lead.low is not None:
            lead.low = max(0.0, lead.low - dead)
        if lead.high is not None:
            lead.high = max(0.0, lead.high - dead)
    definite = [c for c in plain if not c.vague and _point(c) is not None]
    if definite:
        first = min(definite, key=lambda c: (c.start, -_value(c)))
        if first.measure == "KILL" and first.low == 1 and first.high == 1:
            first = _with_more(first, definite, more_gap)
        return lead if lead is not None and _value(lead) > _value(first) else first
    if lead is not None:
        return lead
    return max(plain or claims, key=_value)


#: Words that add a count to one already given ("two more people died", "another man died").
_MORE = re.compile(r"\b(?:more|another|second|third|also)\b", re.I)


def _with_more(first: ClaimRecord, claims: list[ClaimRecord], more_gap: int) -> ClaimRecord:
    """A lone death followed by more ("One victim died at the scene. Two more people died at
    the hospital."): the first claim with the added deaths counted in (each within `more_gap`
    sentences of the one before)."""
    total, last, start = 1.0, first.sent, first.start
    for c in sorted(claims, key=lambda c: c.start):
        if c.start <= start or c.low is None or c.high != c.low:
            continue
        if c.sent - last > more_gap:
            break
        at = c.evidence.find(c.number_text) if c.number_text else -1
        head = c.evidence[at : at + len(c.number_text) + 12] if at >= 0 else ""
        if (
            c.evidence != first.evidence
            and _MORE.search(head)
            and not c.evidence[:at].rstrip().lower().endswith(" of")
        ):  # "the death of another man"
            total += c.low
            last, start = c.sent, c.start
    if total == 1:
        return first
    out = ClaimRecord(**{**first.__dict__})
    out.low = out.high = total
    return out


def _estimate(
    group: list[ClaimRecord],
    dead: dict[str, float],
    more_gap: int,
    agreed: bool = False,
    died_later: dict[str, float] | None = None,
    silent: set[str] | None = None,
) -> dict[str, float | None]:
    """The run's best reading of the quantity: the figure most documents give (each document
    counted once, by the figure it leads with); ties go to the higher figure, as later reports
    raise tolls, then to the more recent.  Where the figures agree, the precise one they all
    allow (2,298 beside "about 2,000").  `dead`: each document's count of the killed (key "":
    the story's); `died_later`: each document's count of the wounded it says have since died;
    `silent`: documents whose silence says the quantity is 0 (each votes 0, whatever stray
    claims of the group it holds)."""
    if all(c.vague for c in group):
        silent = set()  # reports that say "dozens" were killed are not outvoted by silence
    silent = silent or set()
    by_doc: dict[str, list[ClaimRecord]] = defaultdict(list)
    for c in group:
        if c.doc not in silent:
            by_doc[c.doc].append(c)
    values = [_doc_value(cs, dead.get(d, dead.get("", 0.0)), d in dead, more_gap) for d, cs in by_doc.items()]
    values += [
        ClaimRecord(id="", doc=d, evidence="", start=0, end=0, measure="", subject="", low=0.0, high=0.0)
        for d in sorted(silent)
    ]
    for i, v in enumerate(values):  # "one of the five wounded has died": moved to the dead
        gone = (died_later or {}).get(v.doc, 0.0)
        if gone and v.measure == "WOUND" and not shot(v) and v.low is not None and v.low > gone:
            low = v.low - gone
            v = values[i] = ClaimRecord(**{**v.__dict__})
            v.low = low
            v.high = v.high - gone if v.high is not None else None
    definite = [v for v in values if not v.vague and _point(v) is not None]
    exact = [v.low for v in definite if not v.approximate and v.low is not None and v.low == v.high]
    if agreed and exact and not silent:  # the precise figure the others allow: 2,298
        return {"low": max(exact), "high": max(exact)}
    if not definite:
        lows = [v.low for v in values if v.low is not None]
        return {"low": max(lows) if lows else None, "high": None}
    support: Counter = Counter(_point(v) for v in definite)
    latest = {p: max(v.as_of or "" for v in definite if _point(v) == p) for p in support}
    best = max(support, key=lambda p: (support[p], p, latest[p]))
    chosen = [v for v in definite if _point(v) == best]
    if all(v.high is None for v in chosen):
        return {"low": best, "high": None}
    ranged = [v for v in chosen if v.low is not None and v.high is not None and v.low < v.high]
    if ranged and len(ranged) == len(chosen):  # "200-300" stays a range
        return {"low": ranged[0].low, "high": ranged[0].high}
    return {"low": best, "high": best}


#: A death taken out of a group already counted ("one of the five victims has died").
_DIED_OF_GROUP = re.compile(
    r"\b(?:one|two|three|four|five|\d+) of (?:the|them|those|whom|these)\b.{0,60}?"
    r"\b(?:has died|have died|had died|later died|since died)\b",
    re.I,
)


def _died_later(claims: list[ClaimRecord]) -> dict[str, float]:
    """Each document's count of people it says died out of a group counted before (the part,
    the smaller figure of the sentence: "one" in "one of the five victims has died")."""
    part: dict[tuple[str, int], float] = {}
    for c in claims:
        if c.measure == "KILL" and not c.vague and c.low is not None and _DIED_OF_GROUP.search(c.evidence):
            part[c.doc, c.start] = min(part.get((c.doc, c.start), math.inf), c.low)
    out: dict[str, float] = {}
    for (doc, _), n in part.items():
        out[doc] = max(out.get(doc, 0.0), n)
    return out


def _crowd(c: ClaimRecord) -> bool:
    """People counted, not members of the security forces or troops."""
    return base(c.subject) not in ("security forces", "troops")


def _no_deaths(claims: list[ClaimRecord], gap: int) -> set[str]:
    """Documents that count wounded people (not security forces) and report no death of that
    event: they mention none, or the first only `gap` or more sentences after their first
    count of the wounded (a report leads with its casualties).  One person shot is no such
    count: he may be the one who died.  "Dozens were killed" reports deaths."""
    first: dict[str, dict[str, int]] = defaultdict(dict)
    for c in claims:
        if c.measure == "WOUND" and shot(c) and c.low == 1:
            continue
        if (c.measure == "KILL" or (c.measure == "WOUND" and not c.vague)) and _crowd(c):
            seen = first[c.doc]
            seen[c.measure] = min(seen.get(c.measure, c.sent), c.sent)
    return {
        d
        for d, seen in first.items()
        if "WOUND" in seen and seen.get("KILL", math.inf) - seen["WOUND"] >= gap
    }


class Counting:
    """The run's reading of casualty counts over a set of claims (a story's, a thread's): each
    document's count of the dead (counts of people shot are reduced by it), of the wounded it
    says have died since, and the documents whose silence about deaths says 0."""

    def __init__(self, claims: list[ClaimRecord], more_gap: int, background_gap: int) -> None:
        self.more_gap = more_gap
        self.silent = _no_deaths(claims, background_gap)
        self.later = _died_later(claims)
        killed = [c for c in claims if c.measure == "KILL" and _crowd(c)]
        story = _estimate(killed, {}, more_gap, silent=self.silent).get("low") if killed else None
        self.dead: dict[str, float] = {"": story or 0.0}
        for c in killed:
            if not c.vague and c.low is not None:
                self.dead[c.doc] = max(self.dead.get(c.doc, 0.0), c.low)

    def estimate(
        self, live: list[ClaimRecord], measure: str, agreed: bool, voters: set[str] | None = None
    ) -> dict:
        """{"low", "high"} of the standing claims `live` of one quantity counting `measure`.
        `voters`: for the count of the dead, the documents whose silence votes (those silent
        about deaths among them vote 0); None for any other quantity."""
        wound = measure == "WOUND"
        return _estimate(
            live,
            self.dead if wound else {},
            self.more_gap,
            agreed=agreed,
            died_later=self.later if wound else None,
            silent=self.silent & voters if voters is not None else None,
        )
