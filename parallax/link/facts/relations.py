"""A quantity's claims as a time series: which figure replaced which, which was withdrawn, and
which truly conflict.

Each claim has a time: its as-of date (never after its report's publication), else the
publication date.  Of two different figures of one quantity and one scope:

* **update**: the earlier is replaced by the later when it is presented as a figure of the
  past ("initially", "previous", "had said", "from 16 to 34", "had stood at 64 for months")
  and its report or its source gives the later; when one source gives both and the later says
  something new (a lower one only when presented as a revision: "revised down to 25"); when
  the later, from another source within ``near_days``, rises above it by at most
  ``near_rise`` (a toll counted up as the days pass) or by any share when its report presents
  it as the new figure ("has risen to 154"); or when both give a state that changes ("30 are
  still missing", then "seven are still missing"; a side of a disagreement excepted: it stands
  until its own source moves on).  On one day (or where a report has no date), one source's
  higher figure in another report is the later one; within one report a figure presented as of
  the past is earlier, one presented as the new figure later ("more than previously estimated"),
  and other figures stand side by side (a report's several figures are its parts).  A figure presented as of the past,
  or retracted, is so for the same figure given in the days before it.
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
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ...config import FactsConfig
from ...records import ClaimRecord
from .estimate import shot
from .sources import Sources
from .values import compatible, point, rises_above, same_figure

#: Words just before a figure that present it as of the past ("he initially said more than 30",
#: "the previous death toll was 160", "had said", "up from an initial three"; not "more than
#: previously estimated", which says the figure is the new one).
_PAST = re.compile(
    r"\b(?:(?<!than )previous(?:ly)?|initial(?:ly)?|earlier(?! this| in | on | last)|originally|"
    r"had (?:said|put|given|reported|announced|estimated)|retracted|withdr[ae]wn?|"
    r"up from|down from)\b",
    re.I,
)
#: How many words before a figure are read for _PAST.
PAST_WINDOW = 10
#: Words that withdraw a figure outright ("the figure was retracted").
RETRACTED = re.compile(r"\b(?:retract\w*|withdr[ae]w\w*|rescind\w*|revoked|erroneous\w*|in error)\b", re.I)
#: A figure written in digits: the words read for _PAST stop at the one before (not at a
#: number that is part of a name: "ABC 15 News", "Highway 38").
_FIGURE = re.compile(r"(?:^|(?<=\s))(\S+\s+)?\d[\d,.]*")


def _since_figure(text: str) -> str:
    """The words of `text` after its last figure."""
    cut = 0
    for m in _FIGURE.finditer(text):
        word = (m.group(1) or "").strip()
        if not (word[:1].isupper() and word[1:2].isalpha()):
            cut = m.end()
    return text[cut:]


#: A figure that held over a past stretch ("had stood at 64 for months").
_HELD = re.compile(r"^\W*(?:\w+\s+){0,2}?for (?:days|weeks|months|years)\b", re.I)
#: The words between two figures of one clause joined by "and" ("160 dead and more than").
_AND = re.compile(r"^\s*(?:\w+\s+){0,2}(?:and|or)\s+(?:\w+\s+){0,2}$", re.I)
#: "from 16 to 34": the figure after "from" that a "to" figure follows.
_FROM_TO = re.compile(r"\bfrom\s+(?:about\s+|some\s+|around\s+)?$", re.I)
#: "to 34 from 16": the figure after "from" that follows a "to" figure.
_TO_FROM = re.compile(r"\bto\s+(?:about\s+|some\s+|around\s+|nearly\s+)?[\d,.]+\w*\s+from\s+$", re.I)
_TO_AFTER = re.compile(r"^[^.;]{0,20}?\bto\s+(?:about\s+|some\s+|around\s+|nearly\s+)?\d", re.I)


#: Words just before a figure that present it as an update ("has risen to 154", "raising the
#: death toll to 163", "revised down to 25", "now stands at 64").
_UPDATE = re.compile(
    r"\b(?:ris(?:e|es|en|ing)|rose|increas\w*|climb\w*|jump\w*|grew|grown|grow\w*|soar\w*|"
    r"swell\w*|swollen|rais\w*|brought|bring\w*|revis\w*|updat\w*|lower\w*|fell|fall\w*|"
    r"dropp?\w*)\b(?:\s+\S+){0,5}?\s+to\s+(?:about\s+|some\s+|around\s+|nearly\s+|over\s+|more than\s+)?$"
    r"|\bnow (?:stands? at|at|totals?|numbers?)\s+$|\bnew (?:death )?(?:toll|count|figure|tally) (?:of|shows|is)\s+$"
    r"|\b(?:more|higher|greater|less|lower) than (?:previously|earlier|first|initially) "
    r"(?:estimated|thought|reported|said|feared)\b",
    re.I,
)


#: "from 64 to " just before a figure: the figure it replaces, read past.
_FROM_N_TO = re.compile(r"\s+from\s+(?:about\s+|some\s+|around\s+)?[\d,.]+\s+to\s+$", re.I)


def presented_as_update(c: ClaimRecord) -> bool:
    """The claim's report presents its figure as replacing an earlier one: the extraction says
    so, or the words just before it do ("has risen to 154")."""
    if c.revision is not None:
        return c.revision == "update"
    at = c.evidence.find(c.number_text) if c.number_text else -1
    if at < 0:
        return False
    before = _FROM_N_TO.sub(" to ", c.evidence[:at])  # "raised from 64 to 2,975": the verb before
    return bool(_UPDATE.search(" ".join(_since_figure(before).split()[-14:]) + " "))


#: Words around a figure that give it as a state that holds now and will change ("still
#: missing", "remain in hospital"): a later figure of the quantity replaces it, up or down.
_STATE = re.compile(r"\b(?:still|remain(?:s|ed|ing)?)\b", re.I)


def presented_as_state(c: ClaimRecord) -> bool:
    """The figure is given as a state of now ("30 people are still missing")."""
    at = c.evidence.find(c.number_text) if c.number_text else -1
    if at < 0:
        return False
    before = " ".join(_since_figure(c.evidence[:at]).split()[-4:])
    after = re.split(r"[\d;]", c.evidence[at + len(c.number_text) :])[0]
    return bool(_STATE.search(before) or _STATE.search(" ".join(after.split()[:6])))


def presented_as_past(c: ClaimRecord) -> bool:
    """The claim gives a figure of the past: the extraction says it was withdrawn or replaced,
    or the words around it say so."""
    if c.revision is not None:
        return c.revision == "withdrawn"
    at = c.evidence.find(c.number_text) if c.number_text else -1
    if at < 0:
        return False
    before, after = c.evidence[:at], c.evidence[at + len(c.number_text) :]
    clauses = [_since_figure(before)]
    if _AND.match(clauses[0]):  # "was 160 dead and more than 5,000 injured": the clause before
        clauses.append(_since_figure(before[: len(before) - len(clauses[0])].rstrip(" ,.0123456789")))
    if any(_PAST.search(" ".join(x.split()[-PAST_WINDOW:])) for x in clauses) or _HELD.match(after):
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


#: A report published more than this many days after every other report of the run has a date
#: that is not its figures' (beirut-2020: a page dated 2024 among reports of August 2020; the
#: widest gap between two reports of maria-2017, followed for a year, is 96 days).
FAR_DAYS = 365


class Timeline:
    """Times and sources of the claims of one run."""

    def __init__(self, published: dict[str, str | None], sources: Sources) -> None:
        self.published = published
        self.sources = sources
        days = sorted(p[:10] for p in published.values() if p)
        if len(days) >= 3 and (days_between(days[-2], days[-1]) or 0) > FAR_DAYS:
            # a report dated long after all others of the run: a page's later date, not the
            # day of its figures (nor the day its weekdays count from)
            self.published = {d: (None if p and p[:10] == days[-1] else p) for d, p in published.items()}
            self.late = {d for d, p in published.items() if p and p[:10] == days[-1]}
            days = [d for d in days if d != days[-1]]
        else:
            self.late = set()
        self.newest = days[-1] if days else None

    def time(self, c: ClaimRecord) -> str | None:
        """The day the claim's figure stands for: its as-of date, never after its report's
        publication (nor, for an undated report, after the newest report of the run), else
        the publication date.  A report dated long after all others of the run (``FAR_DAYS``)
        dates none of its figures."""
        pub = self.published.get(c.doc)
        when = c.as_of[:10] if c.as_of and c.doc not in self.late else None
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
    def __init__(self, claims: list[ClaimRecord], tl: Timeline, cfg: FactsConfig):
        self.tl, self.approx, self.near_rise, self.near_days = tl, cfg.approx, cfg.near_rise, cfg.near_days
        self.count_least = cfg.count_least
        self.undated = all(tl.time(c) is None for c in claims)
        self.past = {c.id: presented_as_past(c) for c in claims}
        self.update = {c.id: presented_as_update(c) for c in claims}
        self.state = {c.id: presented_as_state(c) for c in claims}
        self.disputed: set[str] = set()
        self.shot = {c.id: shot(c) for c in claims}
        self.times = {c.id: tl.time(c) for c in claims}
        self._compatible: dict[tuple[int, int], bool] = {}
        self._same_figure: dict[tuple[int, int], bool] = {}
        self._moves: dict[tuple[int, int], bool] = {}
        # figures, not claims, are compared for rivalry: one entry per distinct written figure
        self.figure: dict[str, int] = {}
        shown: dict[tuple, int] = {}
        samples: list[ClaimRecord] = []
        for c in claims:
            k = (c.low, c.high, c.approximate, c.vague)
            if k not in shown:
                shown[k] = len(samples)
                samples.append(c)
            self.figure[c.id] = shown[k]
        self.samples = samples
        self.like = [[self._like(x, y) for y in samples] for x in samples]
        self.rival_of: list[set[int]] = [set() for _ in samples]
        self.add_rivals(self._side_by_side(claims))

    def _side_by_side(self, claims: list[ClaimRecord]) -> set[tuple[int, int]]:
        """Pairs of distinct figures (both ways) that one report gives side by side as current
        and that cannot both hold."""
        pairs: set[tuple[int, int]] = set()
        by_doc: dict[str, list[ClaimRecord]] = {}
        for c in claims:
            if not self.past[c.id]:
                by_doc.setdefault(c.doc, []).append(c)
        for cs in by_doc.values():
            for i, a in enumerate(cs):
                for b in cs[i + 1 :]:
                    if not self.compatible(a, b):
                        fa, fb = self.figure[a.id], self.figure[b.id]
                        pairs |= {(fa, fb), (fb, fa)}
        return pairs

    def add_rivals(self, pairs: set[tuple[int, int]]) -> None:
        """Record each pair of figures, and the figures like them, as rivals: neither replaces
        the other, whoever gives it later."""
        n = len(self.samples)
        for fx, fy in pairs:
            for f in range(n):
                if self.like[f][fx]:
                    self.rival_of[f] |= {g for g in range(n) if self.like[g][fy]}

    def compatible(self, a: ClaimRecord, b: ClaimRecord) -> bool:
        k = (self.figure[a.id], self.figure[b.id])
        if k not in self._compatible:
            self._compatible[k] = compatible(a, b, self.approx)
        return self._compatible[k]

    def same_figure(self, a: ClaimRecord, b: ClaimRecord) -> bool:
        k = (self.figure[a.id], self.figure[b.id])
        if k not in self._same_figure:
            self._same_figure[k] = same_figure(a, b)
        return self._same_figure[k]

    def _like(self, a: ClaimRecord, b: ClaimRecord) -> bool:
        """`b` gives `a`'s figure: the same number ("at least 4,645" and 4,645), or two closed
        figures that agree ("about 1,400" and 1,427); an open one ("more than 100") stands
        for no other number."""
        if not self.compatible(a, b):
            return False
        closed = a.high is not None and b.high is not None
        return closed or (a.low is not None and a.low == b.low)

    def rivals(self, a: ClaimRecord, b: ClaimRecord) -> bool:
        return self.figure[b.id] in self.rival_of[self.figure[a.id]]

    def order(self, a: ClaimRecord, b: ClaimRecord) -> int | None:
        """-1 when `a` is the earlier figure, 1 when `b` is, 0 when they stand for the same
        time, None when their times are unknown to each other."""
        ta, tb = self.times[a.id], self.times[b.id]
        if ta is None or tb is None:
            if not (self.undated or a.doc == b.doc):
                return self._by_value(a, b)
        elif ta != tb:
            return -1 if ta < tb else 1
        pa, pb = self.past[a.id], self.past[b.id]
        if pa != pb:
            return -1 if pa else 1
        ua, ub = self.update[a.id], self.update[b.id]
        if a.doc == b.doc and ua != ub and (self.moves(a, b) if ub else self.moves(b, a)):
            return -1 if ub else 1  # a report's figure presented as the new one is its later
        if ua != ub and rises_above(*((a, b) if ub else (b, a)), self.approx) is not None:
            return -1 if ub else 1  # a day's figure presented as risen to is the day's later
        if a.doc != b.doc and self.tl.sources.same(a, b):  # one source's two figures of the day
            xa, xb = point(a), point(b)
            if not self.compatible(a, b) and xa is not None and xb is not None and xa != xb:
                return -1 if xa < xb else 1  # the higher is its later one
            if self.moves(a, b) != self.moves(b, a):
                return -1 if self.moves(a, b) else 1
        return 0

    def _by_value(self, a: ClaimRecord, b: ClaimRecord) -> int | None:
        """Of one source's two figures, one of unknown date, that cannot both hold: the higher
        is the later (as on one day); None for any other pair of unknown times."""
        xa, xb = point(a), point(b)
        if xa is None or xb is None or xa == xb or self.compatible(a, b) or not self.tl.sources.same(a, b):
            return None
        return -1 if xa < xb else 1

    def moves(self, old: ClaimRecord, new: ClaimRecord) -> bool:
        k = (self.figure[old.id], self.figure[new.id])
        if k not in self._moves:
            self._moves[k] = self._figure_moves(old, new)
        return self._moves[k]

    def _figure_moves(self, old: ClaimRecord, new: ClaimRecord) -> bool:
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
        one_time = self.times[old.id] is None or self.times[old.id] == self.times[new.id]
        if (old.doc == new.doc and one_time) or (self.past[old.id] and self.tl.sources.same(old, new)):
            return True  # the figure its report presents as the new one, or its source gives now
        if self.tl.sources.same(old, new):
            # a lower figure replaces the source's own only when presented as a revision: in
            # a later report, unmarked, it is more often a part ("two of them were ...")
            return self.moves(old, new) and ((point(new) or 0.0) > (point(old) or 0.0) or self.update[new.id])
        rise = rises_above(old, new, self.approx)
        days = days_between(self.times[old.id], self.times[new.id])
        near = days is not None and 0 < days <= self.near_days
        if near and self.state[old.id] and old.id not in self.disputed:
            return True  # "30 still missing", then "seven (still) missing": the state changed
        # another source's figure replaces when it rises a little above (a count moving on), or
        # above by any share when its report presents it as the new figure ("rose to 4,400") or
        # when neither is an estimate (a count, exact or a floor: 16 then 19 detained, "more
        # than 6,000" then "more than 6,500" injured; not "250,000" then "nearly 300,000")
        counts = not (old.approximate or new.approximate) and (point(old) or 0.0) >= self.count_least
        return near and rise is not None and (rise <= self.near_rise or self.update[new.id] or counts)


def _comparable(r: _Relater, a: ClaimRecord, b: ClaimRecord) -> bool:
    """Two figures that may relate: different, of one scope, both counting people shot (who
    include the dead) or neither."""
    return not (
        a is b
        or r.same_figure(a, b)
        or (a.scope and b.scope and a.scope != b.scope)
        or r.shot[a.id] != r.shot[b.id]
    )


def _conflicts(r: _Relater, claims: list[ClaimRecord]) -> list[tuple[str, str]]:
    """Pairs of one day (of one undated report, or of all where none is dated) whose sources
    differ and whose figures cannot both hold, neither presented as of the past."""
    days: dict[tuple[str, str], list[ClaimRecord]] = defaultdict(list)
    for c in claims:
        t = r.times[c.id]
        days[("day", t) if t is not None else ("undated", "" if r.undated else c.doc)].append(c)
    for c in claims:  # an undated figure meets the dated ones of its own report
        if r.times[c.id] is not None and ("undated", c.doc) in days:
            days["undated", c.doc].append(c)
    out = []
    for day in days.values():
        for i, a in enumerate(day):
            for b in day[i + 1 :]:
                if (
                    r.times[a.id] is not None
                    and r.times[b.id] is not None
                    and day is days.get(("undated", a.doc))
                ):
                    continue  # two dated figures meet on their own day
                if (
                    _comparable(r, a, b)
                    and r.order(a, b) == 0
                    and not (r.tl.sources.same(a, b) or r.compatible(a, b) or r.past[a.id] or r.past[b.id])
                ):
                    out.append((a.id, b.id))
    return out


def _replacement(r: _Relater, a: ClaimRecord, later: list[ClaimRecord]) -> str | None:
    """The nearest of `later` (in time order) that replaces `a`, or None."""
    for b in later:
        if _comparable(r, a, b) and r.order(a, b) == -1 and r.replaces(a, b):
            return b.id
    return None


def _rising(r: _Relater, dated: list[ClaimRecord]) -> bool:
    """The dated figures grow over time (a count added to): of every two different figures of
    different days (none presented as of the past), the later is mostly (``RISING`` of the
    pairs) the higher, and the figures reach ``count_least``."""
    xs = sorted(
        ((t, x) for c in dated if (t := r.times[c.id]) and not r.past[c.id] and (x := point(c)) is not None),
    )
    pairs = [(x, y) for i, (t, x) in enumerate(xs) for (u, y) in xs[i + 1 :] if t != u and x != y]
    return (
        len(pairs) >= 3
        and max(x for _, x in xs) >= r.count_least
        and sum(x < y for x, y in pairs) >= RISING * len(pairs)
    )


#: Of every two different figures of different days of a growing count, the share whose later
#: one is the higher.  beirut-2020: killed 0.85, injured 0.74, detained 0.71 (counts added to);
#: ammonium nitrate 0.44, damage 0.45, homeless 0.30, missing 0.00 (not); 0.6 lies between.
RISING = 0.6


def _placed_by_value(r: _Relater, a: ClaimRecord, dated: list[ClaimRecord]) -> str | None:
    """Of a growing count, the dated figure that replaces an undated one: the least of those
    above all that it allows ("178", undated, then 180 on the 18th, not 190 at the month's
    end).  Figures presented as of the past replace none."""
    above = [
        c
        for c in dated
        if not r.past[c.id]
        and not c.vague
        and _comparable(r, a, c)
        and rises_above(a, c, r.approx) is not None
    ]
    if not above or (point(a) or 0.0) < r.count_least:
        return None
    return min(above, key=lambda c: (point(c) or 0.0, r.times[c.id] or "", c.id)).id


def relate(group: list[ClaimRecord], tl: Timeline, cfg: FactsConfig) -> Series:
    """The updates, withdrawals and conflicts among one quantity's claims."""
    claims = [c for c in group if not c.vague]
    near_days = cfg.near_days
    r = _Relater(claims, tl, cfg)
    out = Series()
    out.conflicts = _conflicts(r, claims)
    r.disputed = {x for pair in out.conflicts for x in pair}
    # figures in conflict on a day are rivals: a later report restating one of them does not
    # replace the other ("18 killed" on 6 January beside "12" and "13", restated on the 7th)
    r.add_rivals({(r.figure[x], r.figure[y]) for a, b in out.conflicts for x, y in ((a, b), (b, a))})
    when = {c.id: (r.times[c.id] or "", c.id) for c in claims}
    dated = sorted((c for c in claims if r.times[c.id]), key=lambda c: when[c.id])
    starts = [when[c.id][0] for c in dated]
    undated: dict[str, list[ClaimRecord]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: c.id):
        if r.undated or r.times[c.id] is None:
            undated["" if r.undated else c.doc].append(c)
    loose = [] if r.undated else [c for c in claims if r.times[c.id] is None]  # undated ones
    rising = _rising(r, dated)
    replaced: dict[str, str] = {}
    for a in claims:
        t = r.times[a.id]
        own = undated["" if r.undated else a.doc]
        # an undated figure meets its own report's others, and its source's figures elsewhere
        later = own + ([c for c in dated if c.doc == a.doc] if t is None else dated[bisect_left(starts, t) :])
        later += [c for c in loose if c.doc != a.doc and (t is None or tl.sources.same(a, c))]
        if t is None:
            later += [c for c in dated if c.doc != a.doc and tl.sources.same(a, c)]
        to = _replacement(r, a, later)
        if to is None and t is None and not r.undated and rising:
            to = _placed_by_value(r, a, dated)
        if to is not None:
            replaced[a.id] = to
    for c in sorted(claims, key=lambda c: when[c.id]):
        if c.id in replaced:
            out.superseded[c.id] = replaced[c.id]  # the nearest figure that replaced it
        elif r.past[c.id]:
            out.superseded[c.id] = ""
    # a figure a report presents as of the past is so where it was given in the days before:
    # "the previous toll of 164" replaces the 164 of the reports before it, as does "the
    # figure of 164 was retracted" withdraw it
    for p in claims:
        to = out.superseded.get(p.id, "")
        if not r.past[p.id] or not (to or RETRACTED.search(p.evidence)):
            continue
        for c in claims:
            gap = days_between(tl.time(c), tl.time(p))
            if (
                c.id not in out.superseded
                and same_figure(c, p)
                and (tl.time(c) or "") <= (tl.time(p) or "")
                and gap is not None
                and gap <= near_days
            ):
                out.superseded[c.id] = to
    when = {c.id: (tl.time(c) or "", c.id) for c in claims}
    out.superseded = dict(sorted(out.superseded.items(), key=lambda kv: when[kv[0]]))  # oldest first
    out.withdrawn = [c for c, to in out.superseded.items() if not to]
    return out
