"""The people of one document: which person each name, surname, honorific and he/she names.

Built from the parse's PERSON entities (and a body-typed or untyped name that is a person's
surname, "Fox said" when the story names Vicente Fox, or set beside a noun naming a person):

* every full name is a person, keyed by first and last name (middle names, initials and
  "Jr." dropped: "Joseph R. Biden Jr." and "Joseph Biden" are one);
* gender comes from the text only: honorifics ("Mr.", "Mrs.", "Ms."), gendered nouns set
  next to the name ("his wife, Melania Trump"; "first lady ..."), and he/she/his/her where one
  person alone is named before it in its sentence (or, when none is, in the sentence before);
* a surname or "Mr. X" names a person of that surname whose gender the honorific, or the
  pronoun that takes the name up ("X said that he ..."), allows: the one mentioned last, or,
  before any, the first named after; a title before a surname met before any full name of it
  ("President X", then "the first lady, Y X") names a person of its own, and so does a surname
  no one of a fitting gender bears ("Mr. X" is never Y X);
* he/she names the most prominent person of a compatible gender in the nearest sentence that
  has one, searched back from the pronoun: subjects of a sentence's main verb first, then other
  subjects, then the rest, possessors last; never a person named inside the pronoun's own
  clause ('Of Obama, he said': not Obama), never one of the other gender.  A pronoun found on
  the way stands for the person it resolves to; sentences wholly inside quotation marks do not
  count, and a paragraph break ends a sentence.

Only people outside quotation marks count (the caller says which tokens are usable)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..config import QuotesConfig
from .attribution import GENDERED_NOUNS, HONORIFICS, PERSON_NOUNS, PLATFORMS, PRONOUN_GENDER, Gender

#: Titles written before a name and dropped from it ("Sen. Marco Rubio").
TITLE_WORDS = frozenset(
    "sen senator rep representative gov governor gen general lt col capt sgt adm maj rev fr pres "
    "president dr prof mr mrs ms miss sir dame lord lady mister madam".split()
)
_DROPPED = TITLE_WORDS | {"the", "a", "an"}
SUFFIXES = frozenset("jr sr ii iii iv".split())
PRONOUN_WINDOW = QuotesConfig().pronoun_window
#: an honorific or a kin noun set by a name outweighs this many pronouns read near it.
STRONG = 3
GENDER_WINDOW = QuotesConfig().gender_window

SUBJECTS = ("nsubj", "nsubjpass")


def clean_name(s: str) -> str:
    """A name without titles, honorifics, leading article, possessive ending or punctuation."""
    s = re.sub(r"['\u2019]s?$", "", s.strip()).strip(" ,.;:-\u2013\u2014")
    words = s.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _DROPPED:
        words = words[1:]
    return " ".join(words)


def _parts(name: str) -> list[str]:
    """The words of a name that identify it: no initials, no suffixes."""
    words = [w.strip(".,").lower() for w in name.split()]
    return [w for w in words if w and w not in SUFFIXES and not (len(w) == 1 or re.fullmatch(r"\w\.", w))]


@dataclass
class Person:
    """One person of the document."""

    name: str  # the fullest name written
    first: str  # lower case; equal to `last` for a one-word name
    last: str
    votes: Counter[str] = field(default_factory=Counter)
    mentions: list[int] = field(default_factory=list)  # token indices of the heads naming them

    @property
    def gender(self) -> Gender | None:
        m, f = self.votes["m"], self.votes["f"]
        if m > f:
            return "m"
        if f > m:
            return "f"
        return None

    def compatible(self, g: Gender | None) -> bool:
        return g is None or self.gender is None or self.gender == g


@dataclass
class _Mention:
    span: Span
    head: Token
    honorific: str | None
    words: list[str]
    titled: bool = False  # a title or honorific stands right before it ("President X")


class People:
    """The people of a parsed document, and which of them a name or pronoun stands for."""

    def __init__(self, sdoc: Doc, usable: Callable[[Token], bool]):
        self.doc = sdoc
        self.usable = usable
        self.people: list[Person] = []
        self.of_token: dict[int, Person] = {}
        self._pron: dict[int, Person | None] = {}
        mentions = self._mentions()
        full: dict[str, Person] = {}
        for m in mentions:
            if len(m.words) >= 2:
                key = f"{m.words[0]} {m.words[-1]}"
                p = full.get(key)
                if p is None:
                    p = full[key] = Person(clean_name(m.span.text), m.words[0], m.words[-1])
                    self.people.append(p)
                elif len(m.span.text) > len(p.name) and not m.span.text.endswith(("'s", "\u2019s")):
                    p.name = clean_name(m.span.text)
                self._assign(m, p)
        self._gender_from_names(mentions)
        for m in mentions:
            if len(m.words) == 1:
                p = self._surname(m)
                if p is None:
                    p = Person(clean_name(m.span.text), m.words[0], m.words[0])
                    self.people.append(p)
                    full[m.words[0]] = p
                self._assign(m, p)
                g = HONORIFICS.get(m.honorific or "")
                if g is not None:
                    p.votes[g] += STRONG
        self._gender_from_pronouns()

    # -------------------------------------------------------------- building

    def _mentions(self) -> list[_Mention]:
        doc = self.doc
        persons = [e for e in doc.ents if e.label_ == "PERSON" and self.usable(e.root)]
        lasts = set()
        for e in persons:
            w = _parts(clean_name(e.text))
            if len(w) >= 2:
                lasts.add(w[-1])
        out = []
        for e in doc.ents:
            if not self.usable(e.root) or e.root.lower_ in PLATFORMS:
                continue
            words = _parts(clean_name(e.text))
            if not words:
                continue
            if e.label_ != "PERSON" and not (
                e.label_ in ("ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "PRODUCT")
                and ((len(words) == 1 and words[0] in lasts) or _person_beside(e))
            ):
                continue
            hon = None
            if e.start > 0 and doc[e.start - 1].lower_.rstrip(".") in HONORIFICS:
                hon = doc[e.start - 1].lower_.rstrip(".")
            elif doc[e.start].lower_.rstrip(".") in HONORIFICS:
                hon = doc[e.start].lower_.rstrip(".")
            titled = hon is not None or (e.start > 0 and doc[e.start - 1].lower_.rstrip(".") in TITLE_WORDS)
            out.append(_Mention(e, e.root, hon, words, titled))
        for t in doc:  # a surname the parser left untyped ("Huckabee said")
            if t.pos_ == "PROPN" and not t.ent_type_ and t.lower_ in lasts and self.usable(t):
                prev = doc[t.i - 1].lower_.rstrip(".") if t.i > 0 else ""
                hon = prev if prev in HONORIFICS else None
                out.append(_Mention(doc[t.i : t.i + 1], t, hon, [t.lower_], prev in TITLE_WORDS))
        out.sort(key=lambda m: m.span.start)
        return out

    def _assign(self, m: _Mention, p: Person) -> None:
        for t in m.span:
            self.of_token[t.i] = p
        p.mentions.append(m.head.i)

    def _surname(self, m: _Mention) -> Person | None:
        """The person a one-word mention names (see the module notes), or None for a person of
        its own: no one of that name, none of the honorific's gender, or a title before a name
        met before any full name of it ("President X ... the first lady, Y X": not Y X)."""
        w = m.words[0]
        at = m.head.i
        cands = [p for p in self.people if p.last == w]
        if not cands and m.honorific is None:
            cands = [p for p in self.people if p.first != p.last and p.first == w]
        g = HONORIFICS.get(m.honorific or "") or self._mention_gender(m.head)
        fit = [p for p in cands if p.compatible(g)]
        if g is not None:
            fit = [p for p in fit if p.gender == g] or fit
        before = [(max(i for i in p.mentions if i < at), p) for p in fit if any(i < at for i in p.mentions)]
        if before:
            return max(before, key=lambda x: x[0])[1]
        if not fit or m.titled:
            return None
        return min(fit, key=lambda p: min(p.mentions, default=len(self.doc)))

    def _mention_gender(self, t: Token) -> Gender | None:
        """The gender of the pronoun that takes up the name at `t` ('X said that he ...',
        'X spoke.  She said ...'): the first he/she/his/her after it in its sentence, or
        opening the next one, when no other name stands between."""
        doc = self.doc
        sent = t.sent
        end = doc[sent.end].sent.end if sent.end < len(doc) else sent.end
        for i in range(t.i + 1, end):
            tok = doc[i]
            if tok.ent_type_ == "PERSON" or (i >= sent.end and i > sent.end + 1):
                return None
            if self.usable(tok) and tok.lower_ in PRONOUN_GENDER:
                return PRONOUN_GENDER[tok.lower_]
        return None

    def _gender_from_names(self, mentions: list[_Mention]) -> None:
        """Votes from honorifics before full names and gendered nouns set next to names."""
        for m in mentions:
            p = self.of_token.get(m.head.i)
            if p is None:
                continue
            g = HONORIFICS.get(m.honorific or "")
            if g is not None:
                p.votes[g] += STRONG
            for t in _beside(m.span):
                gg = GENDERED_NOUNS.get(t.lower_)
                if gg is not None:
                    p.votes[gg] += STRONG

    def _gender_from_pronouns(self) -> None:
        """Votes from he/she/his/her: the one person named before it in its sentence, or in
        the sentence before when its own names no one before it."""
        doc = self.doc
        sents = list(doc.sents)
        for k, sent in enumerate(sents):
            for t in sent:
                g = PRONOUN_GENDER.get(t.lower_)
                if g is None or not self.usable(t):
                    continue
                named = {id(p): p for i in range(sent.start, t.i) if (p := self.of_token.get(i)) is not None}
                if not named and k >= GENDER_WINDOW:
                    prev = sents[k - GENDER_WINDOW]
                    named = {
                        id(p): p
                        for i in range(prev.start, prev.end)
                        if (p := self.of_token.get(i)) is not None
                    }
                if len(named) == 1:
                    next(iter(named.values())).votes[g] += 1

    # -------------------------------------------------------------- lookups

    def named(self, t: Token) -> Person | None:
        """The person a name token names: inside a mention, or a capitalised word the parser
        did not take for a name that is the surname (or first name) of a person named."""
        p = self.of_token.get(t.i)
        if p is None and t.is_title and t.pos_ in ("PROPN", "NOUN") and not t.ent_type_:
            words = _parts(clean_name(t.text))
            if len(words) == 1:
                hon = t.doc[t.i - 1].lower_.rstrip(".") if t.i > 0 else ""
                p = self._surname(
                    _Mention(
                        t.doc[t.i : t.i + 1], t, hon if hon in HONORIFICS else None, words, hon in TITLE_WORDS
                    )
                )
        return p

    def pronoun(self, t: Token, speaker: Person | None = None) -> Person | None:
        """The person he/she/him/her `t` stands for, or None (see the module notes).  A pronoun
        subject of a reporting verb with no person as the main subject of its own or the
        previous sentence stands for `speaker`, the last one quoted, when the gender allows."""
        if t.i in self._pron and speaker is None:
            return self._pron[t.i]
        self._pron[t.i] = None  # guards against cycles
        found = self._antecedent(t, PRONOUN_GENDER.get(t.lower_), speaker)
        self._pron[t.i] = found
        return found

    def _units(self, t: Token) -> list[tuple[int, int]]:
        """(start, end) token ranges of the sentence part holding `t` up to it and of up to
        PRONOUN_WINDOW sentence parts before that hold words outside quotation marks; a
        paragraph break ends a sentence part."""
        doc = self.doc
        out: list[tuple[int, int]] = [(t.sent.start, t.i)]
        i = t.i - 1
        while i >= t.sent.start and "\n" not in doc[i].text:
            i -= 1
        if i >= t.sent.start:
            out[0] = (i + 1, t.i)
        end = i + 1 if i >= t.sent.start else t.sent.start
        while len(out) <= PRONOUN_WINDOW and end > 0:
            lo = doc[end - 1].sent.start
            j = end - 1
            while j > lo and "\n" not in doc[j - 1].text:
                j -= 1
            if any(self.usable(doc[k]) and doc[k].is_alpha for k in range(j, end)):
                out.append((j, end))
            end = j
        return out

    def _candidates(self, t: Token, k: int, lo: int, hi: int, own: set[int]) -> list[tuple[int, int, Person]]:
        """(rank, token, person) for the people named in tokens lo..hi-1, best first; in the
        pronoun's own sentence part (k = 0) only subjects outside its own clause."""
        doc = self.doc
        cands = []
        for i in range(lo, hi):
            tok = doc[i]
            if not self.usable(tok) or i == t.i or (k == 0 and (i in own or tok.dep_ not in SUBJECTS)):
                continue
            p = self.of_token.get(i)
            if p is not None and tok.i in p.mentions:
                cands.append((_rank(tok), i, p))
            elif tok.lower_ in PRONOUN_GENDER and tok.dep_ in SUBJECTS:
                q = self.pronoun(tok)
                if q is not None:
                    cands.append((_rank(tok), i, q))
        return sorted(cands, key=lambda c: (c[0], c[1]))

    def _antecedent(self, t: Token, g: Gender | None, speaker: Person | None) -> Person | None:
        clause = _clause(t)
        own = _arguments(clause) if clause is not None else set()
        units = self._units(t)
        if speaker is not None and speaker.compatible(g):
            for k, (lo, hi) in enumerate(units[:2]):
                main = [p for r, _, p in self._candidates(t, k, lo, hi, own) if r == 0 and p.compatible(g)]
                if main:
                    return main[0]
            return speaker
        for k, (lo, hi) in enumerate(units):
            for _, _, p in self._candidates(t, k, lo, hi, own):
                if p.compatible(g):
                    return p
        return None


def _rank(t: Token) -> int:
    """How prominent a mention is: 0 for the subject of a sentence's main verb (or the noun a
    verbless sentence is about), 1 for another subject, 2 for another argument, 3 for a
    possessor; a name set in apposition ("Her successor, President X, said") ranks as the
    noun it names."""
    if t.dep_ == "appos" and t.head.i != t.i:
        t = t.head
    if t.dep_ in SUBJECTS:
        return 0 if t.head.dep_ == "ROOT" else 1
    if t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN"):
        return 0
    return 3 if t.dep_ == "poss" else 2


def _clause(t: Token) -> Token | None:
    """The verb of the clause a pronoun belongs to."""
    h = t.head
    while h.pos_ not in ("VERB", "AUX") and h.head.i != h.i:
        h = h.head
    return h if h.pos_ in ("VERB", "AUX") else None


#: Dependencies that open a clause of its own: a name below one is not an argument of the verb above.
_CLAUSAL = frozenset("ccomp xcomp advcl parataxis relcl acl csubj csubjpass conj".split())


def _arguments(v: Token) -> set[int]:
    """Tokens of verb `v`'s own clause: its arguments and their phrases, not the clauses below
    it ('Of Obama, he said': Obama is an argument of "said"; in 'X is rattled - she said'
    the parser may hang X's clause under "said", and X is not an argument)."""
    out: set[int] = set()
    stack = [c for c in v.children if c.dep_ not in _CLAUSAL]
    while stack:
        t = stack.pop()
        out.add(t.i)
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSAL or t.pos_ in ("NOUN", "PROPN"))
    return out


def _person_beside(span: Span) -> bool:
    """True when a one-word name the parser typed as a place or body is set beside a noun
    naming a person, or after an honorific ("his wife, Melania"; "Mr. Fox")."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in HONORIFICS:
        return True
    root = span.root
    near = [root.head] if root.dep_ in ("appos", "compound") else []
    near += [c for c in root.children if c.dep_ == "appos"]
    return any(t.lemma_.lower() in GENDERED_NOUNS or t.lemma_.lower() in PERSON_NOUNS for t in near)


def _beside(span: Span) -> list[Token]:
    """Nouns set next to a name: a title or apposition before it ("actress X", "his wife, X"),
    an apposition after it ("X, the first lady")."""
    doc = span.doc
    out = []
    root = span.root
    for j in range(max(0, span.start - 3), span.start):
        t = doc[j]
        if t.head.i == root.i or root.head.i == t.i or j == span.start - 1:
            out.append(t)
    for c in root.children:
        if c.dep_ == "appos":
            out.append(c)
    return out
