"""Non-numeric contradictions and anomalies between reports of one story.

Three general mechanisms, each precise rather than eager:

* ``date-anomaly``: a day date written without a year that falls far outside the story's
  period and that no other report corroborates ("June 5" in reports of early January; see
  ``timeline.anomalies``).
* ``contradiction`` (modifier slot): one report fills the middle of a three-word term with a
  different word than the others do ("liquefied natural gas" in one report, "liquefied
  petroleum gas" in two others).  The term's outer words must be lower-case content words;
  the differing words may not be gradable or evaluative ("great"/"biggest"), -ing, -ed or
  -ly forms, or spellings of one word ("anti-viral"/"antiviral"); the majority wording must
  come from at least two documents published within a week of the minority's one document,
  and neither side may use the other's word anywhere.
* ``contradiction`` (membership list): two reports enumerate the members of the same set
  ("includes A, B, C and D" / "made up of A, B, C, D and E"), one list a strict subset of the
  other, at least three names shared.  The shorter list is reported, the longer is `against`.
* ``figure``: two reports give different figures for one quantity at one time, from different
  sources, that neither presents as an update: the pairs a conflicting fact holds (see
  ``facts.relations``), whatever is counted (people, dollars, pages, votes).  Figures that
  differ only in precision ("12", "at least a dozen", "more than 10") agree and are none.
  The report whose figure the fact's estimate does not hold is reported, the other is
  `against`; one discrepancy per pair of reports and fact.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from rapidfuzz import fuzz

from ..config import FactsConfig
from ..records import ClaimRecord, Discrepancy, DocRecord, Fact
from . import facts as facts_
from .timeline import _STOP, anomalies

#: gradable and evaluative words: a report choosing another one is wording, not a contradiction.
_GRADING = frozenset(
    """great greater greatest big bigger biggest large larger largest small smaller smallest huge
major minor serious seriously severe mild heavy light high low good bad better worse worst best strong weak
devastating catastrophic terrible massive significant important key main real vast deadly dramatic sharp
rapid quick slow early late recent current full total whole entire top""".split()
)
#: reports published this many days apart are not compared.
SAME_CYCLE_DAYS = 7
#: words that may not stand at the edge of a compared term (beyond the stopwords).
_EDGE_STOP = _STOP | {
    "new",
    "old",
    "first",
    "second",
    "third",
    "former",
    "other",
    "many",
    "several",
    "people",
    "government",
    "country",
    "state",
    "city",
    "told",
    "also",
    "percent",
    "per",
    "cent",
}
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|[^\sA-Za-z]")
#: a cue that the list that follows gives a set's members.
_MEMBERSHIP = re.compile(
    r"\b(?:includes|included|including|comprises|comprising|consists of|consisting of|"
    r"made up of|composed of|members are|members were|members include)\s*:?\s*(?:the\s+)?$"
)
_NAME = r"[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,3}"
_LIST = re.compile(r"(?P<items>" + _NAME + r"(?: *, *" + _NAME + r")+,? +and +" + _NAME + r")")
#: at least this many names shared by two lists that are compared.
MIN_SHARED_MEMBERS = 3


def _sentence_at(rec: DocRecord, offset: int) -> str:
    for s, e in rec.sentences:
        if s <= offset < e:
            return rec.document.text[s:e].strip()
    return ""


def _date_anomalies(records: list[DocRecord]) -> list[Discrepancy]:
    recs = {r.document.id: r for r in records}
    out = []
    for d in anomalies(records):
        rec = recs[d.doc]
        out.append(
            Discrepancy(
                kind="date-anomaly",
                doc=d.doc,
                evidence=rec.sentence(d.sent).strip(),
                note=f'"{d.text}" ({d.date}) lies far outside the period the reports cover '
                f"({rec.document.published} among them) and no other report dates "
                "anything near it",
            )
        )
    return out


def _trigrams(rec: DocRecord) -> dict[tuple[str, str, str], int]:
    """Lower-case three-word sequences of one document (first offset of each)."""
    text = rec.document.text
    toks = [(m.group(0), m.start()) for m in _TOKEN.finditer(text)]
    out: dict[tuple[str, str, str], int] = {}
    for (a, s), (b, _), (c, _) in zip(toks, toks[1:], toks[2:], strict=False):
        if a.islower() and b.islower() and c.islower() and len(a) > 2 and len(c) > 2:
            out.setdefault((a, b, c), s)
    return out


def _inflected(w: str) -> bool:
    """-ing, -ed and -ly forms: verbs and adverbs, not the classifiers compared here."""
    return w.endswith(("ing", "ly", "ed"))


def _variant(x: str, y: str) -> bool:
    """Spelling variants or slips ("anti-viral"/"antiviral", "shear"/"sheer") or forms of one word."""
    a, b = x.replace("-", "").replace("’", "'"), y.replace("-", "").replace("’", "'")
    return a == b or a.startswith(b) or b.startswith(a) or fuzz.ratio(a, b) >= 75


def _published(rec: DocRecord) -> date | None:
    try:
        return date.fromisoformat((rec.document.published or "")[:10])
    except ValueError:
        return None


def _days_apart(a: date | None, b: date) -> float:
    return abs((a - b).days) if a is not None else float("inf")


def _slot_contradictions(records: list[DocRecord]) -> list[Discrepancy]:
    grams = {r.document.id: _trigrams(r) for r in records}
    words = {r.document.id: {w for g in grams[r.document.id] for w in g} for r in records}
    slots: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for doc, gs in grams.items():
        for a, b, c in gs:
            if (
                a in _EDGE_STOP
                or c in _EDGE_STOP
                or b in _STOP
                or b in _GRADING
                or len(b) < 4
                or _inflected(b)
                or a.endswith("ly")
                or c.endswith(("ing", "ed", "ly"))
            ):
                continue
            slots[(a, c)][b].append(doc)
    recs = {r.document.id: r for r in records}
    out = []
    for (a, c), fills in slots.items():
        if len(fills) != 2:
            continue
        (x, dx), (y, dy) = sorted(fills.items(), key=lambda kv: len(kv[1]))
        if len(dx) != 1 or len(dy) < 2 or set(dx) & set(dy) or _variant(x, y):
            continue
        minority = dx[0]
        if y in words[minority] or any(x in words[d] for d in dy):
            continue  # each side never uses the other's word
        when = _published(recs[minority])
        near = [d for d in dy if when is None or _days_apart(_published(recs[d]), when) <= SAME_CYCLE_DAYS]
        if len(near) < 2:
            continue  # the majority must be of the same news cycle
        at = grams[minority][(a, x, c)]
        other = near[0]
        out.append(
            Discrepancy(
                kind="contradiction",
                doc=minority,
                evidence=_sentence_at(recs[minority], at),
                note=f'"{a} {x} {c}" here; "{a} {y} {c}" in {len(near)} other reports of the same days',
                against={"doc": other, "evidence": _sentence_at(recs[other], grams[other][(a, y, c)])},
            )
        )
    return out


def _member_lists(rec: DocRecord) -> list[tuple[frozenset[str], int]]:
    """(names, offset) of each list introduced by a membership cue."""
    text = rec.document.text
    out = []
    for m in _LIST.finditer(text):
        if not _MEMBERSHIP.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        names = re.split(r" *, *(?:and +)?| +and +", m.group("items"))
        out.append((frozenset(n.strip() for n in names if n.strip()), m.start()))
    return out


def _list_contradictions(records: list[DocRecord]) -> list[Discrepancy]:
    lists = [(r, names, at) for r in records for names, at in _member_lists(r)]
    out = []
    seen: set[tuple[str, int]] = set()
    for r1, n1, at1 in lists:
        for r2, n2, at2 in lists:
            if r1 is r2 or not (n1 < n2) or len(n1) < MIN_SHARED_MEMBERS or (r1.document.id, at1) in seen:
                continue
            seen.add((r1.document.id, at1))
            missing = ", ".join(sorted(n2 - n1))
            out.append(
                Discrepancy(
                    kind="contradiction",
                    doc=r1.document.id,
                    evidence=_sentence_at(r1, at1),
                    note=f"lists {len(n1)} members; another report lists {len(n2)}, adding {missing}",
                    against={"doc": r2.document.id, "evidence": _sentence_at(r2, at2)},
                )
            )
    return out


def _number(x: float) -> str:
    return f"{int(x):,}" if x == int(x) else f"{x:,.2f}".rstrip("0").rstrip(".")


def _figure(c: ClaimRecord) -> str:
    """A claim's figure in words: "18", "about 2,000", "more than 2,000", "200-300", with its
    unit unless it counts people."""
    lo, hi = c.low, c.high
    if lo is not None and hi is not None and lo != hi:
        text = f"{_number(lo)}-{_number(hi)}"
    elif lo is not None:
        text = _number(lo)
    else:
        text = _number(hi) if hi is not None else (c.number_text or "?")
    if c.qualifier and c.qualifier not in ("range", "between"):
        text = f"{c.qualifier} {text}"
    elif lo is not None and hi is None and not c.vague:
        text = f"at least {text}"
    return text if c.unit == "people" else f"{text} {c.unit}"


def _said(c: ClaimRecord) -> str:
    return f" ({c.attributed_to})" if c.attributed_to else ""


def _holds(fact: Fact, c: ClaimRecord, cfg: FactsConfig | None) -> bool:
    """The fact's estimate is the claim's figure (or lies within it)."""
    x = fact.estimate.get("low") if fact.estimate.get("low") is not None else fact.estimate.get("high")
    if x is None:
        return False
    lo, hi = facts_.values.bounds(c, (cfg or FactsConfig()).approx)
    return lo <= x <= hi


def _figures(records: list[DocRecord], facts: list[Fact], cfg: FactsConfig | None) -> list[Discrepancy]:
    """One ``figure`` discrepancy per conflicting fact and pair of reports that disagree."""
    claims = {c.id: c for r in records for c in r.claims}
    out = []
    for fact in facts:
        if fact.status != "conflicting":
            continue
        seen: set[frozenset[str]] = set()
        for a, b in facts_.conflicts(fact, claims, records, cfg):
            pair = frozenset((a.doc, b.doc))
            if a.doc == b.doc or pair in seen:
                continue
            seen.add(pair)
            odd, other = (b, a) if _holds(fact, a, cfg) and not _holds(fact, b, cfg) else (a, b)
            out.append(
                Discrepancy(
                    kind="figure",
                    doc=odd.doc,
                    evidence=odd.evidence,
                    note=f"{_figure(odd)}{_said(odd)} here; {_figure(other)}{_said(other)} in another report "
                    f"for the same day: {fact.question}",
                    against={"doc": other.doc, "evidence": other.evidence},
                )
            )
    return out


def find(
    records: list[DocRecord], facts: list[Fact] | None = None, cfg: FactsConfig | None = None
) -> list[Discrepancy]:
    """The discrepancies of a set of reports (a story's): date anomalies, contradictions, and,
    given the facts built over their claims, figures that conflict."""
    if len(records) < 2:
        return []
    return (
        _date_anomalies(records)
        + _slot_contradictions(records)
        + _list_contradictions(records)
        + _figures(records, facts or [], cfg)
    )
