"""Entity resolution within and across the documents of one story.

Works on DocRecords alone.  Steps:

1. Mentions: each document's ``rec.mentions``, plus a story-level repair: a surface form
   tagged as a name anywhere in the story that stands untagged (or tagged as a number or
   date) in another document becomes a mention there too.
2. Grouping of surface forms (union-find), by general rules only:
   - the same name once folded: case, accents, titles ("Mr", "President"), possessives,
     hyphens, and transliteration variants (q/k, zh/j, -ayev/-aev, doubled letters);
   - a one-word name (tagged PERSON or NORP) that is the surname of exactly one full
     personal name in the story; a full name whose first name is a short form of another's
     with the same surname ("Tim Ash", "Timothy Ash");
   - an acronym bound to its expansion: written after it in brackets ("National Security
     Committee (KNB)") or equal to the initials of a multi-word name in the story;
   - a near-miss acronym: same length and letters as a known acronym (one transposition).
3. Per entity: the type by majority vote over the mentions of its most complete forms
   (full names rather than surnames, expansions rather than acronyms), the name = the most complete
   and then most frequent form (an expansion rather than its acronym).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from ..extract.mentions import name_words, scan_names
from ..records import DocRecord, Entity, Mention

#: Words dropped from the start of a name when comparing (articles, personal titles).
TITLES = frozenset(
    {
        "the",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "president",
        "prime",
        "minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "general",
        "gen",
        "colonel",
        "col",
        "captain",
        "capt",
        "lieutenant",
        "lt",
        "sergeant",
        "sgt",
        "officer",
        "detective",
        "det",
        "judge",
        "justice",
        "senator",
        "sen",
        "rep",
        "representative",
        "governor",
        "gov",
        "mayor",
        "chief",
        "sheriff",
        "deputy",
        "secretary",
        "ambassador",
        "rev",
        "reverend",
        "former",
        "late",
        "vice",
    }
)
#: Small words skipped when forming the initials of a multi-word name.
_FUNCTION = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "du", "la", "le"})
_PERSONAL = ("PERSON", "NORP")
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,7}$")
_TRANSLIT = [("dzh", "j"), ("zh", "j"), ("q", "k"), ("ayev", "aev"), ("iyev", "iev"), ("yev", "ev")]


# ---------------------------------------------------------------- name keys


def strip_name(surface: str) -> str:
    """`surface` without a possessive ending, leading titles/articles and edge punctuation."""
    s = unicodedata.normalize("NFKC", surface).replace("\u2019", "'").strip()
    s = re.sub(r"'s?$", "", s).strip(" .,;:\"'()[]")
    words = s.split()
    while len(words) > 1 and words[0].rstrip(".").lower() in TITLES:
        words = words[1:]
    return " ".join(words)


def fold_token(token: str) -> str:
    """One word folded for comparison: lower case, no accents or inner punctuation,
    transliteration variants unified, doubled letters collapsed."""
    t = unicodedata.normalize("NFKD", token.lower())
    t = "".join(c for c in t if c.isalnum())
    for a, b in _TRANSLIT:
        t = t.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", t)


def name_tokens(surface: str) -> tuple[str, ...]:
    """The folded words of a name (titles and possessive removed; a hyphenated or
    run-together word stays one word)."""
    s = strip_name(surface)
    return tuple(t for t in (fold_token(w) for w in s.split()) if t)


@functools.lru_cache(maxsize=1 << 18)
def name_key(surface: str) -> str:
    """A comparison key: two spellings of one name share it."""
    return " ".join(name_tokens(surface))


def initials(surface: str) -> str:
    """Upper-case initials of a multi-word name, function words skipped ("" for one word)."""
    words = [w for w in re.split(r"[\s-]+", strip_name(surface)) if w]
    if len(words) < 2:
        return ""
    return "".join(w[0].upper() for w in words if w.lower() not in _FUNCTION and w[0].isalpha())


def is_acronym(surface: str) -> bool:
    return bool(_ACRONYM.match(surface.replace(" ", ""))) and sum(c.isalpha() for c in surface) >= 2


# ---------------------------------------------------------------- story-level mention repair


def repair_mentions(rec: DocRecord, known: dict[tuple[str, ...], str]) -> list[Mention]:
    """`rec.mentions` plus untagged occurrences of the story's known names (word tuple as
    written -> majority label)."""
    return scan_names(rec.document.text, rec.mentions, known, [s for s, _ in rec.sentences])


# ---------------------------------------------------------------- grouping


@dataclass
class _Form:
    """All mentions of one name key in the story."""

    key: str
    labels: Counter = field(default_factory=Counter)
    surfaces: Counter = field(default_factory=Counter)
    mentions: list[tuple[str, int, int]] = field(default_factory=list)
    first: dict[str, int] = field(default_factory=dict)  # doc id -> first offset

    @property
    def words(self) -> int:
        return self.key.count(" ") + 1

    @property
    def surface(self) -> str:
        return self.surfaces.most_common(1)[0][0]

    @property
    def label(self) -> str:
        return self.labels.most_common(1)[0][0]

    @property
    def acronym(self) -> str:
        """The upper-case letters when the name is written as an acronym, else ""."""
        s = self.surface
        return s.replace(".", "").upper() if is_acronym(s) else ""

    @property
    def personal(self) -> bool:
        return self.labels["PERSON"] > 0 and self.labels["PERSON"] >= self.labels["NORP"]


class _Union:
    def __init__(self, items: list[str]) -> None:
        self.parent = {x: x for x in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, keep: str, other: str) -> None:
        ra, rb = self.find(keep), self.find(other)
        if ra != rb:
            self.parent[rb] = ra


def _transposed(a: str, b: str) -> bool:
    """Same length and letters, differing by one swap of adjacent letters."""
    if len(a) != len(b) or a == b or sorted(a) != sorted(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1


def _group(forms: dict[str, _Form], bracketed: dict[str, Counter]) -> _Union:
    """Union-find over name keys.  `bracketed`: acronym -> votes for the keys of the
    names it followed in brackets."""
    uf = _Union(list(forms))
    full_names = [f for f in forms.values() if " " in f.key and f.personal]
    by_surname: dict[str, list[str]] = defaultdict(list)
    for f in full_names:
        by_surname[f.key.rsplit(" ", 1)[1]].append(f.key)
    # short first names with the same surname ("Tim Ash" / "Timothy Ash")
    for keys in by_surname.values():
        for a in keys:
            for b in keys:
                fa, fb = a.split(), b.split()
                if (
                    a < b
                    and len(fa) == len(fb) == 2
                    and min(len(fa[0]), len(fb[0])) >= 3
                    and (fa[0].startswith(fb[0]) or fb[0].startswith(fa[0]))
                ):
                    uf.union(a, b)
    # a one-word name that is the surname of exactly one full name, when tagged as a
    # person somewhere or written after that full name in some document
    for f in forms.values():
        if " " in f.key:
            continue
        roots = {uf.find(k) for k in by_surname.get(f.key, ())}
        if len(roots) != 1:
            continue
        full = [forms[k] for k in by_surname[f.key]]
        if (
            f.labels["PERSON"]
            or f.label in _PERSONAL
            or any(d in g.first and g.first[d] < at for g in full for d, at in f.first.items())
        ):
            uf.union(roots.pop(), f.key)
    # one multi-word name spelt two ways: a single word differs by one letter
    by_shape: dict[tuple[int, str], list[_Form]] = defaultdict(list)
    for f in forms.values():
        if f.words > 1:
            by_shape[(f.words, initials(f.surface))].append(f)
    for same in by_shape.values():
        for i, a in enumerate(same):
            for b in same[i + 1 :]:
                diff = [(x, y) for x, y in zip(a.key.split(), b.key.split(), strict=False) if x != y]
                if len(diff) == 1 and min(map(len, diff[0])) >= 5 and Levenshtein.distance(*diff[0]) <= 1:
                    uf.union(a.key, b.key)
    # acronyms: bracketed after their expansion, or the initials of one multi-word name
    by_initials: dict[str, set[str]] = defaultdict(set)
    for f in forms.values():
        if " " in f.key and not f.personal:
            by_initials[initials(f.surface)].add(f.key)
    acronyms = {f.key: f.acronym for f in forms.values() if f.acronym}
    for key, letters in acronyms.items():
        votes = bracketed.get(letters)
        if votes:
            uf.union(votes.most_common(1)[0][0], key)
            continue
        roots = {uf.find(k) for k in by_initials.get(letters, ())}
        if len(roots) == 1:
            uf.union(roots.pop(), key)
    # near-miss acronyms (one transposition) join the more frequent spelling
    for a, la in acronyms.items():
        for b, lb in acronyms.items():
            if a < b and len(la) >= 3 and _transposed(la, lb):
                na, nb = sum(forms[a].labels.values()), sum(forms[b].labels.values())
                uf.union(a, b) if na >= nb else uf.union(b, a)
    return uf


_BRACKET = re.compile(r"\s*\(\s*([A-Z][A-Za-z.&]{1,9})\s*\)")


def _bracketed(records: list[DocRecord]) -> tuple[dict[str, Counter], dict[str, str]]:
    """Acronyms written in brackets right after a multi-word name: (acronym -> votes for
    the name keys, acronym as written -> the expansion's label)."""
    votes: dict[str, Counter] = defaultdict(Counter)
    labels: dict[str, str] = {}
    for r in records:
        text = r.document.text
        for m in r.mentions:
            if " " not in m.text or m.label in _PERSONAL:
                continue
            b = _BRACKET.match(text, m.end)
            if (
                b
                and is_acronym(b.group(1))
                and b.group(1).replace(".", "").upper() == b.group(1).replace(".", "")
            ):
                votes[b.group(1).replace(".", "")][name_key(m.text)] += 1
                labels[b.group(1)] = m.label
    return votes, labels


def _known_names(records: list[DocRecord], extra: dict[str, str]) -> dict[tuple[str, ...], str]:
    """Word tuples of every tagged surface form in the story -> its majority label."""
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for r in records:
        for m in r.mentions:
            words = name_words(m.text)
            if words and (len(m.text) >= 3 or m.text.isupper()):
                votes[words][m.label] += 1
    for surface, label in extra.items():
        votes[(surface,)][label] += 1
    return {k: v.most_common(1)[0][0] for k, v in votes.items()}


def _best_name(members: list[_Form]) -> str:
    """The most complete, then most frequent, written form; an expansion over its acronym."""
    cands = [(f, s, n) for f in members for s, n in f.surfaces.items()]

    def rank(c: tuple[_Form, str, int]) -> tuple[int, int, int]:
        f, _s, n = c
        return (0 if f.acronym else 1, len(f.key.split()), n)

    return max(cands, key=rank)[1]


def resolve(records: list[DocRecord]) -> list[Entity]:
    """The entities of one story (the records of its documents)."""
    bracketed, acronym_labels = _bracketed(records)
    known = _known_names(records, acronym_labels)
    forms: dict[str, _Form] = {}
    for r in records:
        for m in repair_mentions(r, known):
            key = name_key(m.text)
            if not key:
                continue
            f = forms.get(key)
            if f is None:
                f = forms[key] = _Form(key)
            f.labels[m.label] += 1
            f.surfaces[strip_name(m.text)] += 1
            f.mentions.append((r.document.id, m.start, m.end))
            f.first[r.document.id] = min(m.start, f.first.get(r.document.id, m.start))
    uf = _group(forms, bracketed)
    groups: dict[str, list[_Form]] = defaultdict(list)
    for key in forms:
        groups[uf.find(key)].append(forms[key])
    out: list[Entity] = []
    order = sorted(groups.values(), key=lambda g: (-sum(len(f.mentions) for f in g), _best_name(g)))
    for n, members in enumerate(order, start=1):
        labels: Counter = Counter()
        voters = [f for f in members if not f.acronym] or members
        longest = max(f.words for f in voters)
        for f in voters:
            if f.words == longest:
                labels.update(f.labels)
        aliases = sorted({s for f in members for s in f.surfaces}, key=lambda s: (-len(s), s))
        mentions = sorted(m for f in members for m in f.mentions)
        out.append(
            Entity(
                id=f"e{n}",
                name=_best_name(members),
                type=labels.most_common(1)[0][0],
                aliases=aliases,
                mentions=mentions,
            )
        )
    return out


def canonical(entities: list[Entity], surface: str) -> str | None:
    """The canonical name of the entity that `surface` names, or None.

    Matches the folded name against every entity's name and aliases; a one-word surface
    (or a title plus a surname) also matches the surname of exactly one personal entity."""
    key = name_key(surface or "")
    if not key:
        return None
    for e in entities:
        if any(name_key(a) == key for a in [e.name, *e.aliases]):
            return e.name
    if " " not in key:
        hits = {
            e.name
            for e in entities
            if e.type in _PERSONAL
            and any(name_key(a).rsplit(" ", 1)[-1] == key for a in [e.name, *e.aliases])
        }
        if len(hits) == 1:
            return hits.pop()
    return None
