"""Calendar dates in the forms news pages print them, to "YYYY-MM-DD"."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_ISO = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?!\d)")
_MDY = re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b", re.I)
_DMY = re.compile(rf"\b{_DAY}\s+{_MON},?\s+{_YEAR}\b", re.I)
_NUMERIC = re.compile(r"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:19|20)\d\d)(?!\d)")
_MD = re.compile(rf"\b{_MON}\s+{_DAY}\b", re.I)
_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d\d)[/-](?P<mon>[01]?\d)[/-](?P<day>[0-3]?\d)(?:/|[-_]|$)")


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int:
    return MONTHS[name[:3].lower()]


def find_date(text: str) -> str | None:
    """The first full calendar date written in `text` ("2022-01-06", "Jan 6, 2022",
    "6 January 2022", "01/14/2013"), as "YYYY-MM-DD"; None when there is none or a
    numeric date is ambiguous (05/06/2013)."""
    hits = []
    for rx in (_ISO, _MDY, _DMY, _NUMERIC):
        m = rx.search(text)
        if m:
            hits.append((m.start(), rx, m))
    for _, rx, m in sorted(hits, key=lambda h: h[0]):
        year = int(m["year"])
        if rx is _ISO:
            out = _ymd(year, int(m["mon"]), int(m["day"]))
        elif rx is _NUMERIC:
            a, b = int(m["a"]), int(m["b"])
            if a > 12 >= b:
                out = _ymd(year, b, a)
            elif b > 12 >= a:
                out = _ymd(year, a, b)
            else:
                out = None  # 05/06/2013: month first or day first cannot be told
        else:
            out = _ymd(year, _month(m["mon"]), int(m["day"]))
        if out:
            return out
    return None


def normalise(value: str | None) -> str | None:
    """A given publication date ("YYYY-MM-DD", an ISO 8601 timestamp, or a written date)
    as "YYYY-MM-DD"; None when it cannot be read (not an error)."""
    return find_date(value) if value else None


def month_day(text: str) -> tuple[int, int] | None:
    """(month, day) of a date written without a year ("Jan 6"), or None."""
    m = _MD.search(text)
    if not m or int(m["day"]) > 31 or int(m["day"]) < 1:
        return None
    return _month(m["mon"]), int(m["day"])


def with_year(month_and_day: tuple[int, int], year: int) -> str | None:
    """A (month, day) pair completed with `year`."""
    return _ymd(year, *month_and_day)


def from_url(url: str | None) -> str | None:
    """A date in a URL path ("/2013/05/19/..."), or None."""
    if not url:
        return None
    m = _URL_DATE.search(url)
    return _ymd(int(m["year"]), int(m["mon"]), int(m["day"])) if m else None
