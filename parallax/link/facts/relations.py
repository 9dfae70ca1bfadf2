"""A quantity's claims as a time series: which figure replaced which, which was withdrawn, and
which truly conflict.

Each claim has a time: its as-of date (never after its report's publication), else the
publication date.  Of two different figures of one quantity and one scope:

* **update**: the earlier is replaced by the later when it is presented as a figure of the
  past ("initially", "previous", "had said", "from 16 to 34", "had stood at 64 for months"),
  when one source gives both and they cannot both hold (any direction: a toll revised down is
  an update too), or when the later, from another source within ``near_days``, rises above it
  by at most ``near_rise`` (a toll counted up as the days pass).  On one day, one source's
  higher figure in another report is the later one; within one report only a figure
  presented as of the past is earlier (a report's several figures are its parts).
* **rivals**: two figures that one report gives side by side as current ("the official toll of
  64 ... Harvard's 4,645") never replace each other, whoever gives them: they are rival
  estimates, each standing.
* **withdrawn**: a figure presented as of the past that no later figure replaces.
* **conflict**: different sources give incompatible figures for the same day (or, where no
  claim of the quantity has a date at all, at any time), neither presented as of the past.
  Figures of different days that no rule relates are neither: each stands for its own time.

Vague figures ("dozens") take part in none of these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ...records import ClaimRecord
from .estimate import shot
from .sources import Sources
from .values import compatible, point, rises_above, same_figure

#: Words just before a figure that present it as of the past ("he initially said more than 30",
#: "the previous death toll was 160", "had said", "up from an initial three").
_PAST = re.compile(
    r"\b(?:previous(?:ly)?|initial(?:ly)?|earlier(?! this| in | on | last)|originally|"
    r"had (?:said|put|given|reported|announced|estimated)|retracted|withdr[ae]wn?|"
    r"up from|down from)\b",
    re.I,
)
#: How many words before a figure are read for _PAST.
PAST_WINDOW = 10
#: A figure that held over a past stretch ("had stood at 64 for months").
_HELD = re.compile(r"^\W*(?:\w+\s+){0,2}?for (?:days|weeks|months|years)\b", re.I)
#: "from 16 to 34": the figure after "from" that a "to" figure follows.
_FROM_TO = re.compile(r"\bfrom\s+(?:about\s+|some\s+|around\s+)?$", re.I)
#: "to 34 from 16": the figure after "from" that follows a "to" figure.
_TO_FROM = re.compile(r"\bto\s+(?:about\s+|some\s+|around\s+|nearly\s+)?[\d,.]+\w*\s+from\s+$", re.I)
_TO_AFTER = re.compile(r"^[^.;]{0,20}?\bto\s+(?:about\s+|some\s+|around\s+|nearly\s+)?\d", re.I)


def presented_as_past(c: ClaimRecord) -> bool:
    """The claim gives a figure of the past: the extraction says it was withdrawn or replaced,
    or the words around it say so."""
    if c.revision is not None:
        return c.revision == "withdrawn"
    at = c.evidence.find(c.number_text) if c.number_text else -1
    if at < 0:
        return False
    before, after = c.evidence[:at], c.evidence[at + len(c.number_text) :]
    if _PAST.search(" ".join(before.split()[-PAST_WINDOW:])) or _HELD.match(after):
        return True
    ranged = c.low is not None and c.high is not None and c.high != c.low
    return not ranged and (
        bool(_FROM_TO.search(before) and _TO_AFTER.match(after)) or bool(_TO_FROM.search(before))
    )


@dataclass
class Series:
    """The relations found among one quantity's claims."""

    superseded: dict[str, str] = field(default_factory=dict)  # claim id -> the claim replacing it ("")
    withdrawn: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)

    def updates(self) -> list[dict[str, str]]:
        return [{"from": a, "to": b} for a, b in self.superseded.items() if b]


class Timeline:
    """Times and sources of the claims of one run."""

    def __init__(self, published: dict[str, str | None], sources: Sources) -> None:
        self.published = published
        self.sources = sources
        self.newest = max((p[:10] for p in published.values() if p), default=None)

    def time(self, c: ClaimRecord) -> str | None:
        """The day the claim's figure stands for: its as-of date, never after its report's
        publication (nor, for an undated report, after the newest report of the run), else
        the publication date."""
        pub = self.published.get(c.doc)
        when = c.as_of[:10] if c.as_of else None
        last = pub[:10] if pub else self.newest
        if when and last and when > last:
            return pub[:10] if pub else None  # a report cannot give a figure of a later day
        return when or (pub[:10] if pub else None)


def days_between(a: str | None, b: str | None) -> int | None:
    """Days between two "YYYY-MM-DD" dates, None when either is missing."""
    try:
        return abs((date.fromisoformat((b or "")[:10]) - date.fromisoformat((a or "")[:10])).days)
    except ValueError:
        return None


class _Relater:
    def __init__(
        self, claims: list[ClaimRecord], tl: Timeline, approx: float, near_rise: float, near_days: int
    ):
        self.tl, self.approx, self.near_rise, self.near_days = tl, approx, near_rise, near_days
        self.undated = all(tl.time(c) is None for c in claims)
        self.past = {c.id: presented_as_past(c) for c in claims}
        self.rival_pairs = self._rivals(claims)

    def _rivals(self, claims: list[ClaimRecord]) -> list[tuple[ClaimRecord, ClaimRecord]]:
        """Incompatible figures that one report gives side by side as current."""
        return [
            (a, b)
            for i, a in enumerate(claims)
            for b in claims[i + 1 :]
            if a.doc == b.doc and not (self.past[a.id] or self.past[b.id] or self.compatible(a, b))
        ]

    def compatible(self, a: ClaimRecord, b: ClaimRecord) -> bool:
        return compatible(a, b, self.approx)

    def _like(self, a: ClaimRecord, b: ClaimRecord) -> bool:
        """`b` gives `a`'s figure: the same number ("at least 4,645" and 4,645), or two closed
        figures that agree ("about 1,400" and 1,427); an open one ("more than 100") stands
        for no other number."""
        if not self.compatible(a, b):
            return False
        closed = a.high is not None and b.high is not None
        return closed or (a.low is not None and a.low == b.low)

    def rivals(self, a: ClaimRecord, b: ClaimRecord) -> bool:
        return any(
            (self._like(a, x) and self._like(b, y)) or (self._like(a, y) and self._like(b, x))
            for x, y in self.rival_pairs
        )

    def order(self, a: ClaimRecord, b: ClaimRecord) -> int | None:
        """-1 when `a` is the earlier figure, 1 when `b` is, 0 when they stand for the same
        time, None when their times are unknown to each other."""
        ta, tb = self.tl.time(a), self.tl.time(b)
        if ta is None or tb is None:
            if not (self.undated or a.doc == b.doc):
                return None
        elif ta != tb:
            return -1 if ta < tb else 1
        pa, pb = self.past[a.id], self.past[b.id]
        if pa != pb:
            return -1 if pa else 1
        if a.doc != b.doc and self.tl.sources.same(a, b):  # one source's two figures of the day
            xa, xb = point(a), point(b)
            if not self.compatible(a, b) and xa is not None and xb is not None and xa != xb:
                return -1 if xa < xb else 1  # the higher is its later one
            if self.moves(a, b) != self.moves(b, a):
                return -1 if self.moves(a, b) else 1
        return 0

    def moves(self, old: ClaimRecord, new: ClaimRecord) -> bool:
        """`new` says something `old` did not: the two cannot both hold, or `new` raises
        `old`'s floor ("more than 100" -> "at least 135"), or puts an exact figure well above
        it ("at least 16" -> 34; "more than 1,400" -> 1,427 is the same figure told more
        precisely, and "over 4,000" after 4,645 a looser telling of it), or raises its ceiling."""
        if not self.compatible(old, new) or rises_above(old, new, self.approx) is not None:
            return True
        if old.high is not None and new.high is not None and new.high > old.high * (1 + self.approx):
            return True  # the ceiling raised: "$3-5 billion" -> "as high as $15 billion"
        top = point(new)
        return (
            old.high is None
            and new.high is not None
            and old.low is not None
            and top is not None
            and (top > old.low * (1 + self.approx))
        )

    def replaces(self, old: ClaimRecord, new: ClaimRecord) -> bool:
        """`new`, the later figure, replaces `old`."""
        if self.past[new.id] or self.rivals(old, new):
            return False
        if self.past[old.id]:
            return True
        if self.tl.sources.same(old, new):
            # a lower figure replaces the source's own only when presented as a revision: in
            # a later report, unmarked, it is more often a part ("two of them were ...")
            return self.moves(old, new) and (
                (point(new) or 0.0) > (point(old) or 0.0) or new.revision == "update"
            )
        rise = rises_above(old, new, self.approx)
        days = days_between(self.tl.time(old), self.tl.time(new))
        return rise is not None and rise <= self.near_rise and days is not None and 0 < days <= self.near_days


def relate(group: list[ClaimRecord], tl: Timeline, approx: float, near_rise: float, near_days: int) -> Series:
    """The updates, withdrawals and conflicts among one quantity's claims."""
    claims = [c for c in group if not c.vague]
    r = _Relater(claims, tl, approx, near_rise, near_days)
    later: dict[str, list[tuple[str, str]]] = {}
    out = Series()
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if same_figure(a, b) or (a.scope and b.scope and a.scope != b.scope) or shot(a) != shot(b):
                continue  # people shot include the dead: another count than the wounded
            o = r.order(a, b)
            if o is None:
                continue
            if o == 0:
                if not (tl.sources.same(a, b) or r.compatible(a, b) or r.past[a.id] or r.past[b.id]):
                    out.conflicts.append((a.id, b.id))
                continue
            old, new = (a, b) if o < 0 else (b, a)
            if r.replaces(old, new):
                later.setdefault(old.id, []).append((tl.time(new) or "", new.id))
    for c in sorted(claims, key=lambda c: (tl.time(c) or "", c.id)):
        if c.id in later:
            out.superseded[c.id] = min(later[c.id])[1]  # the nearest figure that replaced it
        elif r.past[c.id]:
            out.superseded[c.id] = ""
            out.withdrawn.append(c.id)
    return out
