"""Figures as ranges: what a claim's written figure allows, and how two figures compare.

"18" is 18..18, "about 2,000" 2,000 give or take the approximate slack, "more than 2,000"
2,000..inf, "up to 250,000" 0..250,000, "dozens" 24..inf.  Two figures are compatible when
their ranges meet ("12", "at least a dozen" and "more than 10" agree), the same figure when
their written bounds are equal.
"""

from __future__ import annotations

import math

from ...records import ClaimRecord

#: Figures equal within this share are the same figure (as the scorers compare them).
SAME = 0.01


def _unit(x: float) -> float:
    """The place of a figure's last non-zero digit: 1,000 for 2,000, 100 for 5,800, 1 for 1,427."""
    if x <= 0 or x != int(x):
        return 1.0
    unit, n = 1.0, int(x)
    while n % 10 == 0:
        n //= 10
        unit *= 10
    return unit


def _slack(x: float, approx: float) -> float:
    """How far an approximate figure may lie from the true one: `approx` of it, but no more
    than half the place it is rounded to ("about 2,000" allows 1,700..2,300, "about 5,800"
    5,750..5,850, "nearly 80" 75..85)."""
    return min(approx * x, _unit(x) / 2)


def bounds(c: ClaimRecord, approx: float) -> tuple[float, float]:
    """The values a claim allows, as a closed range (inf when open above)."""
    lo = c.low if c.low is not None else 0.0
    hi = c.high if c.high is not None else (math.inf if c.low is not None else 0.0)
    if c.vague:
        hi = math.inf
    if c.approximate:
        lo, hi = lo - _slack(lo, approx), hi + (_slack(hi, approx) if hi != math.inf else 0.0)
    return lo, hi


def point(c: ClaimRecord) -> float | None:
    """One number standing for a non-vague claim: its value, the middle of its range, or its
    floor or ceiling when open on one side; None when vague."""
    if c.vague:
        return None
    if c.low is not None and c.high is not None:
        return (c.low + c.high) / 2
    return c.low if c.low is not None else c.high


def compatible(a: ClaimRecord, b: ClaimRecord, approx: float) -> bool:
    alo, ahi = bounds(a, approx)
    blo, bhi = bounds(b, approx)
    return alo <= bhi and blo <= ahi


def _close(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= SAME * max(abs(x), abs(y))


def same_figure(a: ClaimRecord, b: ClaimRecord) -> bool:
    """The same written figure ("about 190" and "190" are; "over 100" and "100" are not)."""
    return a.vague == b.vague and _close(a.low, b.low) and _close(a.high, b.high)


def floor(c: ClaimRecord) -> float | None:
    """The least value the figure states (its low, else its ceiling)."""
    return c.low if c.low is not None else c.high


def rises_above(a: ClaimRecord, b: ClaimRecord, approx: float) -> float | None:
    """How far `b` stands above `a` as a share of `a` (0.06 for 149 -> 158), when `b` states
    more than `a` allows: a figure above all that `a` allows, or a floor raised ("more than
    6,000" -> "more than 6,500").  None when it does not (lower, equal, or within what `a`
    allows: "at least 135" then 154, 4,645 then "closer to 5,000", are no rise)."""
    if a.vague or b.vague:
        return None
    lo_b = bounds(b, approx)[0]
    if a.high is not None:
        top = bounds(a, approx)[1]
    elif b.high is None and a.low is not None:
        top = a.low  # two floors: the later one raised
    else:
        return None
    if lo_b <= top:
        return None
    base, new = point(a), point(b)
    if base is None or new is None or base <= 0:
        return None
    return new / base - 1
