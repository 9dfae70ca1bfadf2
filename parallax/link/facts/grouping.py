"""Which claims count one quantity.

A claim's key: its unit, what is counted (the measure, or for other quantities the key the
extraction normalised: "indictment pages"), who is counted by category (members of the
security forces, troops, children, a nationality named as such, everyone else), standing
capacity apart from event counts, a private witness's count from inside a quotation apart from
the official tolls, and a part of a total ("103 of them in Almaty") apart from the total.
Categories and parts are never rival totals: they are other quantities.
"""

from __future__ import annotations

import re
from collections import Counter

from ...extract.claims import SHOT_SUFFIX
from ...extract.claims.lexicon import CONDITIONS
from ...records import ClaimRecord, DocRecord
from .similar import CONCEPTS, bare_key, context, signature, unit
from .values import compatible, point

#: A count written with a numeral or a number word (not a name or a noun alone).
NUMERAL = re.compile(
    r"^\W*(?:\d|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|"
    r"both\b|several\b|dozens?\b|no\b|none\b|another\b)",
    re.I,
)
#: Subjects counted apart from everyone else: who they are makes another quantity.  (Children
#: stay with everyone: a family's killing is told as "a couple and their three children" in one
#: report and "five people" in the next; GVA dev lost 8 incidents with children apart.)
CATEGORIES = {"security forces": "security", "troops": "troops"}
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


def base(subject: str) -> str:
    """The subject without the mark of people shot (who may include the dead)."""
    return subject.removesuffix(" " + SHOT_SUFFIX)


def quoted(c: ClaimRecord, text: str) -> bool:
    """True when the claim's evidence stands inside quotation marks in its paragraph."""
    para = text.rfind("\n", 0, c.start) + 1
    seg = text[para : c.start] + text[c.start : c.end].split(c.number_text or "\0")[0]
    return seg.count("\u201c") > seg.count("\u201d") or seg.count('"') % 2 == 1


def _named_group(c: ClaimRecord) -> str | None:
    """The capitalised plural that names the counted people, when it is no sentence's first
    word ("40 Syrians", "13 Palestinians"): a nationality or a named group."""
    head = base(c.subject)
    if not head or " " in head or head in ("people", "protesters", "other") or not head.endswith("s"):
        return None
    for m in re.finditer(r"\b" + re.escape(head.capitalize()) + r"\b", c.evidence):
        before = c.evidence[: m.start()].rstrip()
        if before and before[-1] not in '.!?\u201c"':
            return head
    return None


def _people_of(group: str, place: str) -> bool:
    """`group` names the people of `place` ("ricans" of Puerto Rico, "lebanese" of Lebanon,
    "kazakhs" of Kazakhstan): they share the stem of one of the place's words."""
    for word in place.lower().split():
        n = 0
        while n < min(len(word), len(group)) and word[n] == group[n]:
            n += 1
        if n >= 3 and n >= min(5, len(word) - 1):
            return True
    return False


def home(records: list[DocRecord]) -> str:
    """The place the reports are about: the place they name most often ("" when none)."""
    counts = Counter(m.text for r in records for m in r.mentions if m.label == "GPE")
    return counts.most_common(1)[0][0] if counts else ""


#: "in critical condition": how badly the counted were hurt.  ("Seriously wounded three others"
#: more often tells how the whole group was hurt: GVA dev lost two incidents reading it so.)
_SEVERE = re.compile(r"\b(?:" + "|".join(sorted(CONDITIONS)) + r")\s+condition\b", re.I)


def condition(c: ClaimRecord) -> str:
    """How badly the hurt people a claim counts were hurt, when the words right after its
    figure say so ("120 people are in critical condition"), else ""."""
    if c.measure not in ("WOUND", "HOSPITALIZE"):
        return ""
    m = _SEVERE.search(context(c)[1])
    return m.group(0).lower() if m else ""


def severe_parts(claims: list[ClaimRecord], least: float) -> set[str]:
    """The claims that count the hurt by how badly they were hurt below a larger count of the
    hurt in the same report, of at least `least` ("5,000 injured ... 120 other people are in
    serious condition"): a part of the wounded, not a rival count of them.  A report whose
    only count is of that kind ("a man was shot and is in critical condition") counts the
    wounded with it; so does one of a few hurt (GVA dev: "nine injured, one in critical
    condition" apart made the parts the better-supported count of the story)."""
    hurt: dict[str, float] = {}
    for c in claims:
        x = point(c)
        if c.measure in ("WOUND", "HOSPITALIZE") and x is not None and not condition(c):
            hurt[c.doc] = max(hurt.get(c.doc, x), x)
    return {
        c.id
        for c in claims
        if condition(c)
        and (x := point(c)) is not None
        and x < hurt.get(c.doc, float("-inf"))
        and hurt[c.doc] >= least
    }


def category(c: ClaimRecord, place: str = "") -> str:
    """Who is counted, by category: "people" for everyone not counted apart.  A named group
    is counted apart ("40 Syrians" among the dead of Beirut) unless it is the people of the
    place the reports are about (`place`): "800 to 8,500 Puerto Ricans died" is the toll.
    """
    b = base(c.subject)
    if b in CATEGORIES:
        return CATEGORIES[b]
    if c.measure == "HOSPITALIZE" and "care" in c.subject:
        return c.subject
    group = _named_group(c)
    if group and not (place and _people_of(group, place)):
        return group
    return "people"


#: Mention labels of bodies, places and peoples: a source so named is no private witness.
_BODIES = {"ORG", "NORP", "GPE", "FAC", "LOC"}
#: Words of a role that make a named person an official source ("head of the Red Cross").
_ROLE = re.compile(
    r"\b(?:head|director|leader|secretary|commander|chair\w*|envoy|ambassador|general)\b", re.I
)


def _has_role(name: str, text: str) -> bool:
    """The person is named with an office somewhere in the report: a role word in the same
    sentence just before the name ("Health Minister Hamad Hassan") or just after it ("George
    Kettana, head of the Lebanese Red Cross")."""
    last = name.split()[-1] if name.split() else ""
    for m in re.finditer(r"\b" + re.escape(last) + r"\b", text) if last else ():
        start = max(text.rfind("\n", 0, m.start()), text.rfind(". ", 0, m.start()), m.start() - 60)
        end = min(x for x in (text.find("\n", m.end()), text.find(". ", m.end()), m.end() + 50) if x >= 0)
        near = text[start : m.start()] + " " + text[m.end() : end]
        if OFFICIAL.search(near) or _ROLE.search(near):
            return True
    return False


def witness(c: ClaimRecord, rec: DocRecord | None) -> str:
    """The private witness whose count this is (a quotation of a person, named as one or
    described as one: "Marat, a taxi driver", who holds no office and speaks for no body), or
    ""."""
    name = c.attributed_to
    if not name or rec is None or not quoted(c, rec.document.text) or OFFICIAL.search(name):
        return ""
    text = rec.document.text
    labels = {m.label for m in rec.mentions if m.text in name or name in m.text}
    last = name.split()[-1]
    described = re.search(r"\b" + re.escape(last) + r",\s+(?:a|an)\s", text) is not None  # "Saule, a ..."
    if not (described or "PERSON" in labels) or (labels & _BODIES and not described):
        return ""
    return "" if _has_role(name, text) else name


#: Measures whose count of one named person is an event, not a count: "his predecessor was
#: arrested" beside "16 people were arrested" is no rival total.
_ONE_PERSON_EVENTS = {"ARREST", "KIDNAP"}


def individual(c: ClaimRecord) -> bool:
    """One named person arrested or taken (no numeral: "Shafik Merhi", "his predecessor")."""
    return c.measure in _ONE_PERSON_EVENTS and c.low == c.high == 1 and not NUMERAL.match(c.number_text or "")


def key(c: ClaimRecord, rec: DocRecord | None, place: str = "", severe: bool = False) -> tuple:
    """What a claim counts: claims of one key are one quantity.  A part of a total ("103 of
    them in Almaty") is its own quantity among everyone counted; one of a category (members
    of the security forces) already is.  `severe`: the claim counts the hurt by how badly
    they were hurt, a part of the wounded (``severe_parts``)."""
    what = c.quantity if c.measure == "OTHER" and c.quantity else c.measure
    if c.measure == "OTHER" and bare_key(c):
        what = f"{what} ({c.id})"  # a key that names nothing groups nothing: joined by its words
    who = category(c, place)
    if severe:
        who = f"{who} (in a condition)"
    part: tuple[str, ...] | None = None
    if c.part and who == "people":
        part = (base(c.subject), c.scope or "")
    elif individual(c):
        part = ("one named person",)
    return (unit(c.unit), what, who, c.kind, witness(c, rec), part)


#: The concept (as ``similar`` folds words) that each measure of people counts: a claim the
#: extraction left unmeasured ("16 were taken into custody", "40 Syrians among the dead")
#: whose words name it joins the measure's count when it gives a figure of that count.
MEASURE_CONCEPT = {"KILL": "dead", "WOUND": "hurt", "ARREST": "arrest", "DISPLACE": "homeless"}
#: Units whose equal figures often count different things (shares of a poll, points).
_COMMON_UNITS = frozenset({"percent", "points", "fraction"})


def _same_number(a: ClaimRecord, b: ClaimRecord) -> bool:
    """The same number written ("800,000" and "more than 800,000"; not "about 800" and 900)."""
    if a.vague or b.vague:
        return False
    if a.low == b.low and a.high == b.high:
        return a.low is not None or a.high is not None
    return a.low is not None and a.low == b.low and (a.high is None or b.high is None)


def _distinct(c: ClaimRecord, least: float) -> bool:
    """A figure unlikely to be given for two different quantities of one story by chance: not
    a share or a point, and at least `least`."""
    x = c.low if c.low is not None else c.high
    return unit(c.unit) not in _COMMON_UNITS and x is not None and x >= least


#: A word in this share of the claims of a run (of at least EVENT_LEAST claims) names the event
#: ("explosion", "storm"), not what one figure counts (PROVISIONAL).
EVENT_SHARE = 0.2
EVENT_LEAST = 10


class _Joiner:
    """Groups of one constraint (unit, category, kind, witness, part) joined when their claims
    count one quantity worded differently: first by a figure they share, then by the words
    that most of each group's claims share (its core)."""

    def __init__(
        self, groups: list[list[ClaimRecord]], keys: list[tuple], least: float, share: float, shared: int
    ) -> None:
        self.least, self.share, self.shared = least, share, shared
        self.sets = {i: list(g) for i, g in enumerate(groups)}
        self.kind = {i: k[:1] + k[2:] for i, k in enumerate(keys)}
        sig = {c.id: signature(c) for g in groups for c in g}
        # words in many of the run's claims name the event, not what one figure counts
        seen = Counter(s for v in sig.values() for s in v)
        common = {s for s, n in seen.items() if n >= EVENT_SHARE * len(sig) and s not in CONCEPTS}
        self.sig = {i: v - common for i, v in sig.items()} if len(sig) >= EVENT_LEAST else sig

    @staticmethod
    def clash(a: list[ClaimRecord], b: list[ClaimRecord]) -> bool:
        """Two different figures of one sentence: two quantities, not one."""
        at = {(c.doc, c.start): c for c in a}
        return any((d.doc, d.start) in at and not _same_number(at[d.doc, d.start], d) for d in b)

    def _figure(self, a: ClaimRecord, b: ClaimRecord) -> bool:
        """Claims a and b give one distinctive figure of one quantity: two unmeasured counts of
        the same number, or an unmeasured one whose words name the other's measure."""
        if not (_same_number(a, b) and _distinct(a, self.least)):
            return False
        if a.measure == "OTHER" and b.measure == "OTHER":
            return True
        measured, loose = (b, a) if a.measure == "OTHER" else (a, b)
        concept = MEASURE_CONCEPT.get(measured.measure)
        return loose.measure == "OTHER" and concept is not None and concept in self.sig[loose.id]

    def core(self, i: int) -> frozenset[str]:
        """The stems at least half of a group's claims share."""
        counts = Counter(s for c in self.sets[i] for s in self.sig[c.id])
        half = len(self.sets[i]) / 3
        return frozenset(s for s, n in counts.items() if n >= half)

    def worded_alike(self, a: frozenset[str], b: frozenset[str]) -> float:
        """How alike two cores are (0: not enough): `shared` stems or one concept in common,
        `share` of the smaller core."""
        both = a & b
        if not both or not (len(both) >= self.shared or both & CONCEPTS):
            return 0.0
        ratio = len(both) / min(len(a), len(b))
        return ratio if ratio >= self.share else 0.0

    def meet(self, i: int, j: int) -> bool:
        """Some distinctive figure of group i allows some figure of group j."""
        return any(
            compatible(a, b, 0.0) and _distinct(a, self.least)
            for a in self.sets[i]
            for b in self.sets[j]
            if not (a.vague or b.vague)
        )

    def join(self, i: int, j: int) -> None:
        if self.sets[j][0].measure != "OTHER":  # a measure's count leads: its claims first
            i, j = j, i
        self.sets[i] += self.sets.pop(j)

    def run(self) -> list[list[ClaimRecord]]:
        # 1. one distinctive figure given alike
        edges = []
        ids = sorted(self.sets)
        for x, i in enumerate(ids):
            for j in ids[x + 1 :]:
                if self.kind[i] != self.kind[j]:
                    continue
                if self.sets[i][0].measure != "OTHER" and self.sets[j][0].measure != "OTHER":
                    continue  # two measures are two quantities
                if any(self._figure(a, b) for a in self.sets[i] for b in self.sets[j]):
                    edges.append((i, j))
        root = {i: i for i in ids}

        def find(i: int) -> int:
            while root[i] != i:
                i = root[i]
            return i

        for i, j in edges:
            ri, rj = find(i), find(j)
            measured = {c.measure for c in self.sets[ri] + self.sets[rj]} - {"OTHER"}
            if ri != rj and len(measured) <= 1 and not self.clash(self.sets[ri], self.sets[rj]):
                if self.sets[rj][0].measure != "OTHER":
                    ri, rj = rj, ri
                self.join(ri, rj)
                root[rj] = ri
        # 2. unmeasured counts worded alike, the most alike first, cores recomputed as they grow;
        # an unmeasured count joins a measure's count when the concept of the measure is among
        # the words they share
        while True:
            ids = list(self.sets)
            cores = {i: self.core(i) for i in ids}
            best: tuple[float, int, int] | None = None
            for x, i in enumerate(ids):
                for j in ids[x + 1 :]:
                    if self.kind[i] != self.kind[j]:
                        continue
                    mi, mj = self.sets[i][0].measure, self.sets[j][0].measure
                    if mi != "OTHER" and mj != "OTHER":
                        continue
                    measure = mi if mi != "OTHER" else mj
                    if measure != "OTHER" and not (
                        MEASURE_CONCEPT.get(measure) in cores[i] & cores[j] and self.meet(i, j)
                    ):
                        continue
                    w = self.worded_alike(cores[i], cores[j])
                    if w > 0 and (best is None or w > best[0]) and not self.clash(self.sets[i], self.sets[j]):
                        best = (w, i, j)
            if best is None:
                return list(self.sets.values())
            self.join(best[1], best[2])


def join_similar(
    groups: list[list[ClaimRecord]], keys: list[tuple], least: float, share: float, shared: int
) -> list[list[ClaimRecord]]:
    """Groups (with their keys) joined where they count one quantity worded differently: the
    same distinctive figure (at least `least`, not a share), or signatures sharing `shared`
    stems and `share` of the smaller one; an unmeasured count of people joins the count of a
    measure whose concept its words name when it gives one of its figures.  Never two
    different figures of one sentence, never across units, categories, kinds, witnesses or
    parts."""
    return _Joiner(groups, keys, least, share, shared).run()


def split_vague(group: list[ClaimRecord], apart: float) -> list[list[ClaimRecord]]:
    """Vague claims whose floor is far above every number of the group stand apart."""
    points = [p for c in group if (p := point(c)) is not None]
    if not points:
        return [group]
    top = max(points)
    far = [c for c in group if c.vague and c.low is not None and c.low > apart * top]
    rest = [c for c in group if c not in far]
    return [rest, far] if far and rest else [group]


def question(group: list[ClaimRecord], measure: str, witness_name: str) -> tuple[str, str]:
    """(subject, question) of a fact."""
    counts = Counter(base(c.subject) for c in group)
    top = max(counts.values())
    subject = "people" if counts.get("people") == top else counts.most_common(1)[0][0]
    first = group[0]
    who = _WHO.get(subject, subject)
    if first.kind == "capacity":
        q = f"How large is the standing force of {who}?"
    elif measure == "OTHER" and first.quantity:
        q = f"What is the figure for {first.quantity}?"
    elif measure == "PROTEST":
        q = f"How many {who} took part?"
    elif measure == "HOSPITALIZE" and " in " in who:
        q = f"How many {who.replace(' in ', ' were in ', 1)}?"
    elif measure == "OTHER":
        q = f"How many {who} were counted?"
    else:
        q = f"How many {who} were {_VERB.get(measure, 'counted')}?"
    if first.part and category(first) == "people":
        q = f"{q[:-1]} (a part of a larger total)?"
    elif individual(first):
        q = f"Who was {_VERB.get(measure, 'counted')}: one named person ({subject})?"
    if witness_name:
        q = f"{q[:-1]}, by the account of {witness_name}?"
    return subject, q
