"""Entity resolution within and across the documents of one story (or of a thread's stories:
``resolve`` takes any list of records).

Works on DocRecords alone.  Steps:

1. Mentions: each document's ``rec.mentions``, plus a story-level repair: a surface form
   tagged as a name anywhere in the story that stands untagged (or tagged as a number or
   date) in another document becomes a mention there too.  A mention without a name's shape
   (``names.shape_fault``: sentence fragments, web addresses, a person's name with a digit)
   is left out, and so are forms the story's texts show are not names: a word written in
   lower case elsewhere and capitalised only where it opens a sentence ("Migrants"), a word
   set off at the head of a quotation ("Nah, ..."), a hashtag run together from a name and a
   word, a surname followed by a word that is no given name ("Scalise Strong").
2. Grouping of surface forms (union-find), by general rules only:
   - the same name once folded: case, accents, titles ("Mr", "President"), possessives,
     hyphens, and transliteration variants (q/k, zh/j, -ayev/-aev, doubled letters);
   - people (the name model, ``names``): one person's full names join when their surnames
     agree and their given names, middle names or initials and suffixes do not contradict
     each other (David / Dave, Charles E. / Chuck, King / King Jr.); a double surname written
     alone joins the one longer name it ends ("Pena Nieto");
   - a one-word surname joins a person mention by mention: among the story's people with
     that surname (either word of a double surname), those of the honorific's gender ("Mrs."
     is not her husband: genders are learnt from honorifics in documents that name one of
     them), then the one the document names; a mention tagged as something else in a
     document that does not name the person stays apart (the network "Fox");
   - one multi-word name spelt two ways (one word one letter apart);
   - an acronym bound to its expansion: written after it in brackets ("National Security
     Committee (KNB)") or equal to the initials of a multi-word name in the story;
   - a near-miss acronym: same length and letters as a known acronym (one transposition).
3. Per entity: the type by majority vote over the mentions of its most complete forms
   (full names rather than surnames, expansions rather than acronyms), the name = the most
   complete and then most frequent form (an expansion rather than its acronym); the aliases
   are the forms as written, a surname also with the honorific it was written with ("Mrs.
   Clinton"), which ``canonical`` reads.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from ..extract.mentions import TITLES as MENTION_TITLES
from ..extract.mentions import name_words, scan_names
from ..records import DocRecord, Entity, Mention
from .names import (
    CFG,
    PersonName,
    gender_of,
    honorific_before,
    is_given_name,
    leading_gender,
    parse_person,
    role_gender,
    same_person,
    shape_fault,
)

#: Words dropped from the start of a name when comparing: the mention stage's articles and titles,
#: less the ones that begin place and saint names ("St. Louis", "Father Ted" stay whole here).
TITLES = frozenset(MENTION_TITLES - {"father", "saint", "st"})
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
    """Mentions of one name key in the story (a one-word personal name may be split into
    several forms, one for each person its mentions were resolved to)."""

    key: str
    #: the root of the person a one-word name's mentions were resolved to ("" when none)
    target: str = ""
    #: (doc id, start, end, label, surface as written without titles, gendered honorific before it or "")
    mentions: list[tuple[str, int, int, str, str, str]] = field(default_factory=list)

    def add(self, doc: str, start: int, end: int, label: str, surface: str, gender: str) -> None:
        self.mentions.append((doc, start, end, label, surface, gender))

    @functools.cached_property
    def labels(self) -> Counter:
        return Counter(m[3] for m in self.mentions)

    @functools.cached_property
    def surfaces(self) -> Counter:
        return Counter(m[4] for m in self.mentions)

    @functools.cached_property
    def first(self) -> dict[str, int]:
        """doc id -> offset of the form's first mention there."""
        out: dict[str, int] = {}
        for d, s, *_ in self.mentions:
            out[d] = min(s, out.get(d, s))
        return out

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


def _person(f: _Form, surname_words: int = 1) -> PersonName | None:
    return parse_person(f.surface, surname_words, fold=fold_token)


def _group_people(forms: dict[str, _Form], uf: _Union) -> dict[str, int]:
    """Join the multi-word personal names of one person (the name model: nicknames, initials,
    middle names, suffixes; a double surname written alone, "Pena Nieto" for "Enrique Pena
    Nieto").  A name that fits more than one person is left alone.  Returns, for each form
    joined through a double surname, the number of words of that surname."""
    people = [f for f in forms.values() if f.words > 1 and f.personal]
    by_surname: dict[tuple[str, ...], list[tuple[_Form, PersonName]]] = defaultdict(list)
    for f in people:
        p = _person(f)
        if p is not None and p.full:
            by_surname[p.surname].append((f, p))
    for members in by_surname.values():
        members.sort(key=lambda fp: (-fp[0].words, -len(fp[0].mentions), fp[0].key))
        clusters: list[list[tuple[_Form, PersonName]]] = []
        for f, p in members:
            fits = [c for c in clusters if all(same_person(p, q) for _, q in c)]
            if len(fits) == 1:
                fits[0].append((f, p))
                uf.union(fits[0][0][0].key, f.key)
            elif not fits:
                clusters.append([(f, p)])
    # a two-word surname written alone: the last words of exactly one longer personal name
    double: dict[str, int] = {}
    for f in people:
        words = f.key.split()
        if len(words) != 2:
            continue
        longer = {uf.find(g.key) for g in people if g.words > 2 and g.key.split()[-2:] == words}
        if len(longer) == 1:
            root = longer.pop()
            uf.union(root, f.key)
            double[root] = 2
    return double


def _people_index(
    forms: dict[str, _Form], uf: _Union, double: dict[str, int], text: _StoryText
) -> tuple[dict[str, set[str]], dict[str, Counter]]:
    """(surname word -> roots of the people it may name, root -> honorific gender votes).
    A double surname's first word names its person too ("Pena" for "Enrique Pena Nieto")."""
    surnames: dict[str, set[str]] = defaultdict(set)
    gender: dict[str, Counter] = defaultdict(Counter)
    for f in forms.values():
        if f.words < 2 or not f.personal:
            continue
        root = uf.find(f.key)
        p = _person(f, double.get(root, 1))
        if p is None:
            continue
        for w in p.surname[:1] + p.surname[-1:]:
            surnames[w].add(root)
        for m in f.mentions:
            g = gender_of(m[5])
            if g:
                gender[root][g] += CFG.honorific_votes
            else:
                doc_text = text.docs[m[0]].document.text
                g = role_gender(doc_text, m[1])
                if g:
                    gender[root][g] += CFG.honorific_votes
                elif g := text.pronoun_after(m[0], m[2]):
                    gender[root][g] += 1
    return surnames, gender


def _known_gender(votes: Counter) -> str:
    """The gender the votes agree on: ``gender_majority`` times as many as for the other."""
    if not votes:
        return ""
    (g, n), *rest = [*votes.most_common(2), ("", 0)]
    return g if n >= CFG.gender_majority * rest[0][1] and n > 0 else ""


def _resolve_surnames(
    forms: dict[str, _Form], uf: _Union, double: dict[str, int], text: _StoryText
) -> dict[str, _Form]:
    """One-word personal names resolved mention by mention to the one person of the story
    whose surname they are: among the people with that surname, those of the honorific's
    gender ("Mrs." is not her husband), then those named in the same document.  A mention
    tagged as something else, in a document that does not name the person, stays apart
    (the network "Fox" is not the person "Vicente Fox").  Forms are split accordingly;
    returns the new forms (old one-word forms replaced)."""
    surnames, gender = _people_index(forms, uf, double, text)
    docs_of: dict[str, dict[str, int]] = defaultdict(dict)  # root -> doc -> first offset
    for f in forms.values():
        if f.words > 1 and f.personal:
            root = uf.find(f.key)
            for d, at in f.first.items():
                docs_of[root][d] = min(at, docs_of[root].get(d, at))
    out = {k: f for k, f in forms.items() if f.words > 1 or f.key not in surnames}
    for _pass in range(2):
        known = {r: _known_gender(v) for r, v in gender.items()}
        split: dict[str, _Form] = {}
        learned: dict[str, Counter] = defaultdict(Counter)
        for f in forms.values():
            if f.words > 1 or f.key not in surnames:
                continue
            cands = surnames[f.key]
            personal_form = f.labels["PERSON"] > 0 or f.label in _PERSONAL
            for m in f.mentions:
                doc, start, _e, label, _s, title = m
                g = gender_of(title)
                fit = [r for r in cands if not g or known.get(r, "") in ("", g)]
                if g:  # people known to be of the honorific's gender first
                    fit = [r for r in fit if known.get(r) == g] or fit
                here = [r for r in fit if docs_of[r].get(doc, start) < start]  # named before it
                if len(here) > 1 and g:
                    here = [r for r in here if known.get(r) == g] or here
                if len(here) == 1:
                    target = here[0]
                    if g and len([r for r in cands if doc in docs_of[r]]) == 1:
                        learned[target][g] += 1
                elif (
                    len(fit) == 1
                    and not any(doc in docs_of[r] for r in fit)
                    and (label in _PERSONAL or personal_form)
                ):
                    target = fit[0]
                else:
                    target = ""
                fid = f"{f.key}\x00{target or g or ''}"
                part = split.get(fid)
                if part is None:
                    part = split[fid] = _Form(f.key, target)
                part.add(*m)
        for r, v in learned.items():
            gender[r].update(v)
    for fid, part in split.items():
        out[fid] = part
    return out


def _group(
    forms: dict[str, _Form], bracketed: dict[str, Counter], text: _StoryText
) -> tuple[dict[str, _Form], _Union]:
    """Union-find over the forms (keyed by form id).  `bracketed`: acronym -> votes for the
    keys of the names it followed in brackets."""
    uf = _Union(list(forms))
    double = _group_people(forms, uf)
    forms = _resolve_surnames(forms, uf, double, text)
    uf.parent.update({k: k for k in forms if k not in uf.parent})
    for fid, f in forms.items():
        if f.target:
            uf.union(uf.find(f.target), fid)
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
    acronyms = {fid: f.acronym for fid, f in forms.items() if f.acronym}
    for fid, letters in acronyms.items():
        votes = bracketed.get(letters)
        if votes and votes.most_common(1)[0][0] in forms:
            uf.union(votes.most_common(1)[0][0], fid)
            continue
        roots = {uf.find(k) for k in by_initials.get(letters, ())}
        if len(roots) == 1:
            uf.union(roots.pop(), fid)
    # near-miss acronyms (one transposition) join the more frequent spelling
    for x, lx in acronyms.items():
        for y, ly in acronyms.items():
            if x < y and len(lx) >= CFG.transposed_acronym_letters and _transposed(lx, ly):
                nx, ny = len(forms[x].mentions), len(forms[y].mentions)
                uf.union(x, y) if nx >= ny else uf.union(y, x)
    return forms, uf


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
            if words and (len(m.text) >= CFG.known_name_chars or m.text.isupper()):
                votes[words][m.label] += 1
    for surface, label in extra.items():
        votes[(surface,)][label] += 1
    return {k: v.most_common(1)[0][0] for k, v in votes.items()}


_PRONOUNS = dict.fromkeys(("he", "him", "his", "himself"), "m") | dict.fromkeys(
    ("she", "her", "hers", "herself"), "f"
)
_PRONOUN = re.compile(r"\b(?:" + "|".join(_PRONOUNS) + r")\b", re.I)
_LOWER_WORD = re.compile(r"(?<![\w'\u2019-])[a-z][a-z]+(?![\w-])")
_OPENERS = " \t\n\"'\u201c\u2018([-\u2013\u2014:*\u2022"
_CAMEL = re.compile(r"[A-Z][a-z]+|[a-z]+")


class _StoryText:
    """What the story's texts say about words: those written in lower case, and whether a
    mention opens its sentence."""

    def __init__(self, records: list[DocRecord]) -> None:
        self.lower: set[str] = set()
        self.docs = {r.document.id: r for r in records}
        for r in records:
            self.lower.update(_LOWER_WORD.findall(r.document.text))

    def pronoun_after(self, doc: str, end: int) -> str | None:
        """'m' or 'f': the first third-person singular pronoun after `end` in its sentence
        ("Melania Trump said she ..."), if any."""
        r = self.docs[doc]
        i = bisect.bisect_right(r.sentences, (end, 1 << 62)) - 1
        stop = r.sentences[i][1] if i >= 0 else len(r.document.text)
        m = _PRONOUN.search(r.document.text, end, max(end, stop))
        return _PRONOUNS[m.group(0).lower()] if m else None

    def interjected(self, doc: str, end: int) -> bool:
        """The word ending at `end` is set off by a comma or ends its clause ("Nah, ...")."""
        return self.docs[doc].document.text[end : end + 1] in (",", "!", "?")

    def opens_sentence(self, doc: str, start: int) -> bool:
        """The mention at `start` opens its sentence or a quotation."""
        r = self.docs[doc]
        text = r.document.text
        before = text[max(0, start - 3) : start].rstrip()
        if before.endswith(("\u201c", "\u2018")) or (
            before.endswith('"') and before[-2:-1] in ("", " ", ":")
        ):
            return True
        i = bisect.bisect_right(r.sentences, (start, 1 << 62)) - 1
        s = r.sentences[i][0] if i >= 0 else 0
        return not text[s:start].strip(_OPENERS)


def _not_names(forms: dict[str, _Form], text: _StoryText) -> set[str]:
    """Forms that are not names (see ``resolve``)."""
    name_words_ = {w for f in forms.values() for w in f.key.split()}
    surnames = {f.key.rsplit(" ", 1)[1] for f in forms.values() if f.words > 1 and f.personal}
    out = set()
    for fid, f in forms.items():
        surface = f.surface
        words = surface.split()
        if len(words) == 1:
            low = surface.lower()
            opening = all(text.opens_sentence(d, s) for d, s, *_ in f.mentions)
            if opening and low in text.lower and f.key not in surnames:
                out.add(fid)  # a common word capitalised only where it opens a sentence
                continue
            if (
                opening
                and f.personal
                and all(text.interjected(d, e) for d, _s, e, *_ in f.mentions)
                and f.key not in surnames
                and not is_given_name(surface)
            ):
                out.add(fid)  # "Nah, I know": a word set off at the head of a sentence
                continue
            parts = _CAMEL.findall(surface)
            if (
                len(parts) > 1
                and any(fold_token(p) in name_words_ for p in parts)
                and any(len(p) >= CFG.hashtag_word_letters and p.lower() in text.lower for p in parts)
            ):
                out.add(fid)  # a hashtag run together from a name and a word
        elif (
            f.personal
            and fold_token(words[0]) in surnames
            and fold_token(words[0]) != f.key.rsplit(" ", 1)[1]
            and (words[-1].lower() in text.lower or not is_given_name(words[0]))
        ):
            out.add(fid)  # a slogan: someone's surname, then a word (a name starts with a given name)
    return out


def _best_name(members: list[_Form]) -> str:
    """The most complete, then most frequent, written form; an expansion over its acronym."""
    cands = [(f, s, n) for f in members for s, n in f.surfaces.items()]

    def rank(c: tuple[_Form, str, int]) -> tuple[int, int, int]:
        f, _s, n = c
        return (0 if f.acronym else 1, len(f.key.split()), n)

    return max(cands, key=rank)[1]


def resolve(records: list[DocRecord]) -> list[Entity]:
    """The entities of one story (the records of its documents).

    Mentions whose text has no name's shape (``names.shape_fault``) are left out, and so are
    forms the story's own texts show are not names: a one-word "name" written in lower case
    elsewhere and capitalised only where it opens a sentence ("Migrants"), a hashtag run
    together from a name and a word, a slogan of a surname and a common word."""
    bracketed, acronym_labels = _bracketed(records)
    known = _known_names(records, acronym_labels)
    forms: dict[str, _Form] = {}
    for r in records:
        text = r.document.text
        for m in repair_mentions(r, known):
            surface = strip_name(m.text)
            key = name_key(m.text)
            if not key or shape_fault(surface, m.label):
                continue
            f = forms.get(key)
            if f is None:
                f = forms[key] = _Form(key)
            f.add(r.document.id, m.start, m.end, m.label, surface, honorific_before(text, m.start))
    story_text = _StoryText(records)
    for fid in _not_names(forms, story_text):
        del forms[fid]
    forms, uf = _group(forms, bracketed, story_text)
    groups: dict[str, list[_Form]] = defaultdict(list)
    for fid, f in forms.items():
        groups[uf.find(fid)].append(f)
    out: list[Entity] = []
    order = sorted(groups.values(), key=lambda g: (-sum(len(f.mentions) for f in g), _best_name(g)))
    for n, members in enumerate(order, start=1):
        labels: Counter = Counter()
        voters = [f for f in members if not f.acronym] or members
        longest = max(f.words for f in voters)
        for f in voters:
            if f.words == longest:
                labels.update(f.labels)
        titled = {f"{m[5]} {m[4]}" for f in members for m in f.mentions if m[5]}  # "Mrs. Clinton"
        aliases = sorted({s for f in members for s in f.surfaces} | titled, key=lambda s: (-len(s), s))
        mentions = sorted({(d, s, e) for f in members for d, s, e, *_ in f.mentions})
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


def _gender(e: Entity) -> str:
    """'m' or 'f' when the entity's aliases carry honorifics of one gender only ("Mrs. Clinton")."""
    found = {g for g in (leading_gender(a) for a in e.aliases) if g}
    return found.pop() if len(found) == 1 else ""


def canonical(entities: list[Entity], surface: str) -> str | None:
    """The canonical name of the entity that `surface` names, or None.

    Matches the folded name against every entity's name and aliases; a one-word surface
    (or a title plus a surname) also matches the surname of exactly one personal entity.
    An honorific in `surface` ("Mrs. Clinton") rules out the entities whose own honorifics
    say the other gender."""
    key = name_key(surface or "")
    if not key:
        return None
    g = leading_gender(surface)
    if g:
        entities = [e for e in entities if _gender(e) in ("", g)]
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
