"""What two claims count, compared: a similarity of the words that say what a figure counts.

The extraction gives each claim a quantity key (head noun and predicate, "USD cut medicare")
and its unit; two reports of one quantity word it differently ("cut $716 billion from
Medicare", "a $716 billion raid on Medicare"; "300,000 people were left homeless", "300,000
people are without homes").  A claim's *signature* is the set of word stems of its key and of
the words next to its figure in its sentence (up to the clause's edge), light verbs and
function words left out, each stem folded to the concept it names where the language data
below gives one ("homeless" and "without homes", "damage" and "destruction").

``unit`` folds spellings of one unit ("tons" and "tonnes") and a unit naming people
("nationals", "martyrs") into "people".
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...records import ClaimRecord

#: Spellings of one unit.
_UNITS = {
    "tons": "tonnes",
    "tonnes": "tonnes",
    "metric tons": "tonnes",
    "ton": "tonnes",
    "tonne": "tonnes",
    "kms": "km",
    "kilometers": "km",
    "kilometres": "km",
    "percentage points": "points",
}
#: Units that count people under another name (what the extraction kept as the counted noun).
_PEOPLE_UNITS = frozenset(
    "people persons individuals nationals citizens residents martyrs victims civilians "
    "members plaintiffs beneficiaries workers employees".split()
)


def unit(u: str) -> str:
    """The unit folded: one spelling per unit, people under any name as "people"."""
    u = (u or "").lower().strip()
    if u in _PEOPLE_UNITS:
        return "people"
    return _UNITS.get(u, u)


#: Words that say nothing of what is counted: function words, light and reporting verbs,
#: qualifiers of a figure, generic heads.  Stems are compared, so these are stems too.
_STOP = frozenset(
    """a an the of and or but in on at to for by from with without into onto about over under up
down out off than as that this these those its it their his her our your they them he she we
who whom which what there here some any all each other another more most less least many much
few several no not nor only just also even still now then so such very too per via
be is are was were been being am have has had having do does did done get gets got make makes
made take takes took taken give gives gave given go goes went gone come comes came put say says
said tell told report reports reported according estimate estimated estimates approximately
nearly almost around roughly least at more than over under up to some about exceed exceeds
exceeded top tops topped total totals totaled reach reached reaches number numbers figure
figures one two three four five six seven eight nine ten dozen dozens hundred hundreds thousand
thousands million millions billion billions trillion trillions half percent per cent
people person will would could should may might can must include includes included including
between range ranges ranged amount amounts value values worth high higher low lower previous
previously additional new latest recent current currently initial initially overall
""".split()
)

#: Words of one concept in news about counted things (general English, not tied to any event):
#: every word listed folds to the concept it is listed under.
_CONCEPT_WORDS = {
    "homeless": "homeless homes home shelter shelters displaced displace displacement uprooted",
    "missing": "missing miss unaccounted unfound",
    "damage": "damage damages destruction destroyed loss losses",
    "cut": "cut cuts reduction reductions slash slashed",
    "arrest": "arrest arrested arrests detain detained detention custody",
    "dead": "dead death deaths die died kill killed fatalities fatality toll",
    "hurt": "injured injuries injury injure wounded wound wounds hurt",
}
#: Letters kept of each word (as ``sources.STEM``: "ministry"/"minister" meet).
STEM = 6
_WORD = re.compile(r"[a-z][a-z'\u2019-]*")
#: Where the words after a figure stop: the clause's edge.
_EDGE = re.compile(r"[,;:.!?()\u2014\u2013\"\u201c\u201d]|\s-\s|\b(?:and|but|while|with|after|before|as)\b")
#: How many content words after and before a figure are read.
AFTER = 6
BEFORE = 3


def _root(word: str) -> str:
    """A word cut to its stem: possessive, inflection and a final e dropped ("causes",
    "caused" and "cause" meet), then cut to ``STEM`` letters."""
    w = re.sub(r"'s?$", "", word.lower().replace("\u2019", "'"))
    if len(w) > 4:
        for suf in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "s"):
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                w = w[: -len(suf)] + ("y" if suf in ("ies", "ied") else "")
                break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w[:STEM]


_CONCEPTS = {_root(w): concept for concept, ws in _CONCEPT_WORDS.items() for w in ws.split()}
#: The concepts: one of them shared says more than any one other word shared.
CONCEPTS = frozenset(_CONCEPT_WORDS)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word folded to its stem and, where it names one, its concept."""
    s = _root(word)
    return _CONCEPTS.get(s, s)


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w.strip("'-") and w not in _STOP]


def context(c: ClaimRecord) -> tuple[str, str]:
    """(the words before the figure back to the clause's edge, the words after it up to the
    clause's edge)."""
    ev = c.evidence or ""
    at = ev.find(c.number_text) if c.number_text else -1
    if at < 0:
        return "", ""
    after = ev[at + len(c.number_text) :]
    cut = _EDGE.search(after)
    after = after[: cut.start()] if cut else after
    before = ev[:at]
    edge = max(before.rfind(ch) for ch in ',;:.()\u2014\u2013"\u201c\u201d')
    before = before[edge + 1 :] if edge >= 0 else before
    return " ".join(before.split()), " ".join(after.split())


def signature(c: ClaimRecord) -> frozenset[str]:
    """The stems (and concepts) of what the claim counts: its key and the content words
    around its figure (``BEFORE`` back to the clause's edge, ``AFTER`` up to it), without its
    unit's own word or its source's words."""
    drop = {stem(w) for w in _words(" ".join((c.unit or "", unit(c.unit), c.attributed_to or "")))}
    before, after = context(c)
    words = _words(c.quantity or "") + _words(before)[-BEFORE:] + _words(after)[:AFTER]
    return frozenset(s for s in (stem(w) for w in words) if s not in drop and len(s) > 1)


def bare_key(c: ClaimRecord) -> bool:
    """The claim's key names nothing but its unit and a light verb ("people be", "USD be"):
    claims sharing it need not count one quantity."""
    drop = {stem(w) for w in _words(" ".join((c.unit or "", unit(c.unit))))}
    return not any(stem(w) not in drop for w in _words(c.quantity or ""))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared stems over the smaller set's (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
