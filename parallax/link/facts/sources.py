"""Who gives a figure: attributions folded so that two names of one source meet.

"Lebanon's health minister", "Health Minister Hamad Hassan" and "Hamad Hassan" are one source
when the content words of one are all in the other (words cut to a stem, so "ministry" and
"minister", "official" and "officials" meet).  A figure the report states itself, or that it
attributes to its own outlet, is the outlet's: the same source in every report of that outlet,
and within one report the source of the figures it relays (a report's own "killed 78" and the
"78" it attributes in the next sentence are one account).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...records import ClaimRecord

#: Words that name no one: function words and the generic heads of reported speech.
_STOP = frozenset(
    "the a an of and in on for by at to per via from with its his her their this that these those "
    "mr mrs ms dr said says according report reports reported other others some several many".split()
)
#: Letters kept of each word: "ministry"/"minister", "officials"/"official" meet.
STEM = 6


@lru_cache(maxsize=65536)
def words(name: str | None) -> frozenset[str]:
    """Content words of an attribution, folded and cut to a stem; possessors dropped
    ("Lebanon's health minister" -> {"health", "minist"})."""
    if not name:
        return frozenset()
    s = name.lower().replace("\u2019", "'")
    s = re.sub(r"^.*'s\s+", "", s)
    return frozenset(w[:STEM] for w in re.findall(r"[a-z][a-z-]+", s) if w not in _STOP)


#: A claim's source, as compared: ("own", the outlet's words, or the document when its outlet
#: is unknown) for a figure the report states itself, ("by", the attribution's words) else.
Key = tuple[str, frozenset[str] | str]


class Sources:
    """The source of each claim: its attribution's words, or its outlet's when the report
    states the figure itself."""

    def __init__(self, outlets: dict[str, str | None]) -> None:
        self.outlets = outlets  # document id -> outlet
        self._same: dict[tuple[Key, Key], bool] = {}

    def own(self, c: ClaimRecord) -> bool:
        """The report states the figure itself (no attribution, or its own outlet's)."""
        w = words(c.attributed_to)
        if not w:
            return True
        outlet = words(self.outlets.get(c.doc))
        return bool(outlet) and (w <= outlet or outlet <= w)

    def key(self, c: ClaimRecord) -> Key:
        if self.own(c):
            outlet = words(self.outlets.get(c.doc))
            return ("own", outlet if outlet else c.doc)
        return ("by", words(c.attributed_to))

    def same(self, a: ClaimRecord, b: ClaimRecord) -> bool:
        """One source gives both figures: one outlet's own, or attributions one of whose words
        are all in the other; within one report, its own figure and one it attributes."""
        ka, kb = self.key(a), self.key(b)
        if a.doc == b.doc and "own" in (ka[0], kb[0]):
            return True
        if (ka, kb) not in self._same:
            if ka[0] != kb[0]:
                same = False
            elif ka[0] == "own":
                same = ka[1] == kb[1]
            else:
                wa, wb = ka[1], kb[1]
                same = isinstance(wa, frozenset) and isinstance(wb, frozenset) and (wa <= wb or wb <= wa)
            self._same[ka, kb] = same
        return self._same[ka, kb]
