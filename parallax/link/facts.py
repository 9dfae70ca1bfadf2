"""Facts: the claims about one quantity, grouped across a story's documents and compared.

Grouping key: the measure, the class of who is counted (members of the security forces,
troops, everyone else: people, protesters, victims), standing capacity apart from event
counts, and a private witness's count from inside a quotation apart from the official tolls.
A vague figure far above every number in its group ("tens of thousands" beside "about
2,500") counts something else and stands apart.

Values are compared as ranges: "18" is 18..18, "about 2,000" 1,600..2,500, "more than
2,000" 2,000..inf, "dozens" 24..inf.  A group whose ranges cannot all hold together is
`conflicting`, unless the difference is a later, higher figure from the same authority: the
earlier claim is then `superseded`, an update rather than a conflict.

A document that counts the wounded and reports no death of the event (none at all, or only
far below its casualty count, where reports recall other shootings) votes 0 for the number
of people killed: a death that one report mentions and the others pass over is not the toll.
The story's count of the dead, which counts of people shot are reduced by, takes those votes.

A document's figure is the first it states, raised by what it adds to it: a lone death
followed by more ("One victim died at the scene. Two more people died later."), or the
Nth person hit ("A fifth victim was found at a hospital": five hit, less the dead).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from ..extract.claims import SHOT_SUFFIX
from ..records import ClaimRecord, DocRecord, Fact

#: Relative slack around an approximate figure ("about 2,000").
APPROX = 0.2
#: A vague floor this many times above every number in its group counts something else.
VAGUE_APART = 4.0
#: A death first mentioned this many sentences after a document's first count of the wounded
#: is background (an earlier shooting, a vigil, a tally), not a death of the event reported.
BACKGROUND_GAP = 5

#: Subject -> grouping class: who is counted, coarsely.
_CLASS = {"security forces": "security", "troops": "troops"}
#: Words in an attribution that mark an official or institutional source.
OFFICIAL = re.compile(
    r"police|minist|official|authorit|spokes|government|minister|department|office|"
    r"agenc|service|military|army|council|mayor|governor|sheriff|chief|president|"
    r"commission|committee|television|\btv\b|news|media|coroner|examiner|hospital|"
    r"state|secretar|court|prosecutor|attorney|investigat|detective|officer|"
    r"reuters|ap\b|afp|cnn|bbc",
    re.I,
)

_VERB = {
    "KILL": "killed",
    "WOUND": "injured",
    "ARREST": "arrested",
    "HOSPITALIZE": "hospitalized",
    "DEPLOY": "deployed",
    "PROTEST": "protesting",
    "DISPLACE": "displaced",
    "EVACUATE": "evacuated",
    "KIDNAP": "kidnapped",
    "AFFECT": "affected",
    "OTHER": "counted",
}
_WHO = {"security forces": "members of the security forces"}


def _range(c: ClaimRecord) -> tuple[float, float]:
    """The values a claim allows, as a closed range (inf when open above)."""
    lo = c.low if c.low is not None else 0.0
    hi = c.high if c.high is not None else (math.inf if c.low is not None else 0.0)
    if c.vague:
        hi = math.inf
    if c.approximate:
        lo, hi = lo * (1 - APPROX), hi * (1 + APPROX + 0.05)
    return lo, hi


def _point(c: ClaimRecord) -> float | None:
    """One number standing for a non-vague claim: its value, the middle of its range, or its
    floor or ceiling when open on one side; None when vague."""
    if c.vague:
        return None
    if c.low is not None and c.high is not None:
        return (c.low + c.high) / 2
    return c.low if c.low is not None else c.high


def _compatible(a: ClaimRecord, b: ClaimRecord) -> bool:
    alo, ahi = _range(a)
    blo, bhi = _range(b)
    return alo <= bhi and blo <= ahi


def _authority(c: ClaimRecord) -> str | None:
    """An attribution folded for comparison ("Kazakhstan's interior ministry" ~ "Interior Ministry")."""
    if not c.attributed_to:
        return None
    a = c.attributed_to.lower().replace("\u2019", "'")
    a = re.sub(r"^.*'s\s+", "", a)
    return re.sub(r"^(the|a|an)\s+", "", a).strip()


def _quoted(c: ClaimRecord, text: str) -> bool:
    """True when the claim's evidence stands inside quotation marks in its paragraph."""
    para = text.rfind("\n", 0, c.start) + 1
    seg = text[para : c.start] + text[c.start : c.end].split(c.number_text or "\0")[0]
    return seg.count("\u201c") > seg.count("\u201d") or seg.count('"') % 2 == 1


_NUMERAL = re.compile(
    r"^\W*(?:\d|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|"
    r"both\b|several\b|dozens?\b|no\b|none\b|another\b)",
    re.I,
)
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


def _shot(c: ClaimRecord) -> bool:
    """A count of people shot: the wounded and, possibly, the dead; also one person named
    without a numeral ("an injured child"), who may be the one who died."""
    if c.measure != "WOUND":
        return False
    return c.subject.endswith(" " + SHOT_SUFFIX) or (
        c.low == 1 and not _NUMERAL.match(c.number_text or "") and not _APART.search(c.evidence)
    )


def _base(subject: str) -> str:
    return subject.removesuffix(" " + SHOT_SUFFIX)


def _key(c: ClaimRecord, text: str) -> tuple:
    cls = _CLASS.get(_base(c.subject), "people")
    if c.measure == "HOSPITALIZE" and "care" in c.subject:
        cls = c.subject
    witness = ""
    if c.attributed_to and _quoted(c, text) and not OFFICIAL.search(c.attributed_to):
        witness = c.attributed_to
    # a figure of another kind (money, a share, a tally, things) is its own quantity
    other = (c.unit, c.quantity) if c.measure == "OTHER" else ()
    return (c.measure, cls, c.kind, witness, *other)


def _split_vague(group: list[ClaimRecord]) -> list[list[ClaimRecord]]:
    """Vague claims whose floor is far above every number of the group stand apart."""
    points = [p for c in group if (p := _point(c)) is not None]
    if not points:
        return [group]
    top = max(points)
    apart = [c for c in group if c.vague and c.low is not None and c.low > VAGUE_APART * top]
    rest = [c for c in group if c not in apart]
    return [rest, apart] if apart and rest else [group]


def _superseded(group: list[ClaimRecord]) -> set[str]:
    """Claims updated by a later, higher figure from the same authority."""
    out = set()
    for a in group:
        for b in group:
            if a is b or a.vague or b.vague or not a.as_of or not b.as_of or a.as_of >= b.as_of:
                continue
            if _shot(a) != _shot(b):  # the shot include the dead: another quantity
                continue
            if _authority(a) and _authority(a) == _authority(b) and not _compatible(a, b):
                pa, pb = _point(a), _point(b)
                if pa is not None and pb is not None and pb > pa:
                    out.add(a.id)
    return out


def _value(c: ClaimRecord) -> float:
    p = _point(c)
    return p if p is not None else (c.low or 0.0)


def _doc_value(claims: list[ClaimRecord], dead: float, own: bool = False) -> ClaimRecord:
    """The figure a document gives for the quantity: the first definite one it states (a
    report leads with its total; later figures list parts or recall other events), else its
    largest floor.  The first count of people shot or taken to hospital, less the dead the
    document reports, stands for the wounded where it is above that figure or there is none.
    `own`: the document reports deaths itself; then a survivor it tells apart from them
    ("... is expected to survive") counts among the wounded as it stands (where the document
    reports no death, the one it says is in hospital may be the one who died since)."""
    plain = [c for c in claims if not (_shot(c) or c.measure == "HOSPITALIZE") or (own and _survivor(c))]
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
            first = _with_more(first, definite)
        return lead if lead is not None and _value(lead) > _value(first) else first
    if lead is not None:
        return lead
    return max(plain or claims, key=_value)


#: Words that add a count to one already given ("two more people died", "another man died").
_MORE = re.compile(r"\b(?:more|another|second|third|also)\b", re.I)
#: Sentences within which an added death follows the one before.
MORE_GAP = 3


def _with_more(first: ClaimRecord, claims: list[ClaimRecord]) -> ClaimRecord:
    """A lone death followed by more ("One victim died at the scene. Two more people died at
    the hospital."): the first claim with the added deaths counted in."""
    total, last, start = 1.0, first.sent, first.start
    for c in sorted(claims, key=lambda c: c.start):
        if c.start <= start or c.low is None or c.high != c.low:
            continue
        if c.sent - last > MORE_GAP:
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
    silent = silent or set()
    by_doc: dict[str, list[ClaimRecord]] = defaultdict(list)
    for c in group:
        if c.doc not in silent:
            by_doc[c.doc].append(c)
    values = [_doc_value(cs, dead.get(d, dead.get("", 0.0)), d in dead) for d, cs in by_doc.items()]
    values += [
        ClaimRecord(id="", doc=d, evidence="", start=0, end=0, measure="", subject="", low=0.0, high=0.0)
        for d in sorted(silent)
    ]
    for i, v in enumerate(values):  # "one of the five wounded has died": moved to the dead
        gone = (died_later or {}).get(v.doc, 0.0)
        if gone and v.measure == "WOUND" and not _shot(v) and v.low is not None and v.low > gone:
            v = values[i] = ClaimRecord(**{**v.__dict__})
            v.low -= gone
            v.high = v.high - gone if v.high is not None else None
    definite = [v for v in values if not v.vague and _point(v) is not None]
    exact = [v for v in definite if not v.approximate and v.low is not None and v.low == v.high]
    if agreed and exact and not silent:  # the precise figure the others allow: 2,298
        best = max(v.low for v in exact)
        return {"low": best, "high": best}
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


def _question(measure: str, subject: str, kind: str) -> str:
    who = _WHO.get(subject, subject)
    if kind == "capacity":
        return f"How large is the standing force of {who}?"
    if measure == "PROTEST":
        return f"How many {who} took part?"
    if measure == "HOSPITALIZE" and " in " in who:
        return f"How many {who.replace(' in ', ' were in ', 1)}?"
    if measure == "OTHER":
        return f"How many {who} were counted?"
    return f"How many {who} were {_VERB.get(measure, 'counted')}?"


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


def _dead_by_doc(claims: list[ClaimRecord]) -> dict[str, float]:
    """Each document's count of the dead (people, not security forces), for taking the dead
    out of a count of people shot; under the key "" the story's figure, for a document that
    gives none."""
    killed = [c for c in claims if c.measure == "KILL" and _CLASS.get(c.subject) is None]
    story = _estimate(killed, {}, silent=_no_deaths(claims)).get("low") if killed else None
    dead: dict[str, float] = {"": story or 0.0}
    for c in killed:
        if not c.vague and c.low is not None:
            dead[c.doc] = max(dead.get(c.doc, 0.0), c.low)
    return dead


def _no_deaths(claims: list[ClaimRecord]) -> set[str]:
    """Documents that count wounded people (not security forces) and report no death of that
    event: they mention none, or the first only BACKGROUND_GAP or more sentences after their
    first count of the wounded (a report leads with its casualties).  One person shot is no
    such count: he may be the one who died."""
    first: dict[str, dict[str, int]] = defaultdict(dict)
    for c in claims:
        if c.measure == "WOUND" and _shot(c) and c.low == 1:
            continue
        if c.measure in ("KILL", "WOUND") and not c.vague and _CLASS.get(_base(c.subject)) is None:
            seen = first[c.doc]
            seen[c.measure] = min(seen.get(c.measure, c.sent), c.sent)
    return {
        d
        for d, seen in first.items()
        if "WOUND" in seen and seen.get("KILL", math.inf) - seen["WOUND"] >= BACKGROUND_GAP
    }


def reconcile(claims: list[ClaimRecord], records: list[DocRecord], prefix: str = "") -> list[Fact]:
    """Group a story's claims into facts and say whether their figures agree."""
    texts = {r.document.id: r.document.text for r in records}
    groups: dict[tuple, list[ClaimRecord]] = defaultdict(list)
    for c in claims:
        groups[_key(c, texts.get(c.doc, ""))].append(c)
    parts = [p for g in groups.values() for p in _split_vague(g)]
    dead = _dead_by_doc(claims)
    later = _died_later(claims)
    parts.sort(key=lambda g: (-len({c.doc for c in g}), -len(g), g[0].id))
    # the hospitalized are wounded: with no count of the wounded, they give the lower reading
    wounded_classes = {_key(c, texts.get(c.doc, ""))[1] for c in claims if c.measure == "WOUND"}
    extra = [
        g
        for g in parts
        if g[0].measure == "HOSPITALIZE"
        and "care" not in g[0].subject
        and g[0].kind == "event"
        and _key(g[0], texts.get(g[0].doc, ""))[1] not in wounded_classes
    ]
    # the count of the killed that most documents give: documents silent about deaths vote 0
    main_kill = next(
        (
            g
            for g in parts
            if g[0].measure == "KILL" and _key(g[0], texts.get(g[0].doc, ""))[1:] == ("people", "event", "")
        ),
        None,
    )
    facts = []
    for n, group in enumerate(parts + extra, start=1):
        measure = group[0].measure if n <= len(parts) else "WOUND"
        old = _superseded(group)
        live = [c for c in group if c.id not in old]
        docs = {c.doc for c in group}
        conflicting = any(
            not _compatible(a, b) for i, a in enumerate(live) for b in live[i + 1 :] if a.doc != b.doc
        )
        status = "single-source" if len(docs) < 2 else ("conflicting" if conflicting else "agreed")
        subject = Counter(_base(c.subject) for c in group).most_common(1)[0][0]
        question = _question(measure, subject, group[0].kind)
        witness = _key(group[0], texts.get(group[0].doc, ""))[3]
        if witness:
            question = f"{question[:-1]}, by the account of {witness}?"
        facts.append(
            Fact(
                id=f"{prefix}-f{n}",
                question=question,
                measure=measure,
                subject=subject,
                claims=[c.id for c in group],
                status=status,
                estimate=_estimate(
                    live,
                    dead if measure == "WOUND" else {},
                    agreed=status != "conflicting",
                    died_later=later if measure == "WOUND" else None,
                    silent=_no_deaths(claims) if group is main_kill else None,
                ),
                superseded=sorted(old),
            )
        )
    return facts
