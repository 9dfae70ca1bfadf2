"""Direct quotations with their speakers, and scare-quoted framing terms.

Quoted regions are found by scanning characters paragraph by paragraph (curly, straight,
doubled-apostrophe and guillemet double quotes; curly single pairs; a straight opening mark
may be closed by a curly one), so odd numbers of marks, nested quotes and quotes running over
paragraphs never break the scan.  Regions that belong to one attribution ("A," he said, "B")
are joined.

The speaker is who the grammar of reporting (``attribution``) says spoke: the subject of the
reporting verb that governs the quoted words or stands next to them (never its object: a
quote inside a question or an attack belongs to who asks or attacks), the agent of a passive,
"according to X", the owner of a noun of saying ("his comment that ..."), a name set after
the quote with a dash.  That source is then read against the people of the document
(``people``): a surname or "Mrs. X" to the full name of the person of that gender, he/she to
the person the discourse makes most prominent (never one of the other gender, never a name in
the pronoun's own clause; the last person quoted when the sentence before names no subject),
a bare title ("the senator") to the person named with it, "a spokesman" to the organisation
named nearby, a document ("the statement said") to whoever issued it.  A platform or an
abstract noun ("Twitter", "the wording") is never a speaker, and a quotation with no cue is
carried over from the last person or body quoted only.
Quoted terms of one to three words are framing terms; they are also quotations when a
reporting verb in the same sentence attributes them (a partial quote, "called it a 'disgrace'").
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..config import QuotesConfig
from ..records import DocRecord, QuoteRecord
from . import component
from .attribution import (
    COUNTING,
    PRONOUN_GENDER,
    QUANTIFIERS,
    document_author,
    is_group,
    is_reporting,
    is_spokesperson,
    principal,
    sentence_sources,
    source_of,
    speaker_class,
    speech_owner,
)
from .people import People, Person, clean_name

#: Nouns naming someone who speaks for an organisation.
SPOKES = frozenset(
    "spokesman spokeswoman spokesperson representative official source aide secretariat office".split()
)

#: Nouns naming an office held by one person.
TITLES = frozenset(
    "president minister premier chancellor secretary governor mayor senator "
    "chairman chairwoman chair director leader commander general king queen prince "
    "ambassador envoy chief ceo congressman congresswoman speaker judge sheriff "
    "prosecutor candidate nominee founder owner coach manager".split()
)

#: Abbreviated titles and the title they stand for ("Sen. Marco Rubio" ... "the senator").
TITLE_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "congressman",
    "gov": "governor",
    "gen": "general",
    "pres": "president",
    "amb": "ambassador",
}

PERSON_PRONOUNS = frozenset("he she him her".split())
BODY_PRONOUNS = frozenset("it they them".split())
NAMED = ("PERSON", "ORG", "GPE", "NORP", "FAC")
NOT_SPEAKERS = frozenset("DATE TIME PERCENT MONEY QUANTITY CARDINAL ORDINAL".split())

#: Quote marks: opening mark -> the closing marks that end it.
DOUBLE_OPEN = {"\u201c": "\u201d", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb", "\u2039": "\u203a"}
MINOR = frozenset("a an the of on in and or for to with at by from as vs".split())
CLOSERS = frozenset(["\u201d", '"', "''", "\u00bb", "\u2019"])
SHORT = 4  # quotations have at least this many words; shorter quoted terms are framing
CFG = QuotesConfig()


@dataclass(frozen=True)
class BodyMention:
    """A body or group named in the text: the head token's index, the name it is given, the
    head's lemma, its entity label ("GROUP" for a common noun) and its dependency."""

    i: int
    name: str
    lemma: str
    label: str
    dep: str


#: Nouns that take up any organisation named before ("the group", "the company").
GENERIC_BODIES = frozenset("group organization organisation company firm outfit body coalition".split())
#: Determiners that make a noun phrase take up one named before.
DEFINITE = frozenset("the this that these those".split())


@dataclass
class Region:
    """One quoted stretch of text: the characters between a pair of marks."""

    start: int
    end: int
    para: int  # index of its paragraph
    closed: bool = True  # False when the paragraph ended before a closing mark
    tokens: list[int] = field(default_factory=list)  # indices of the parse's tokens inside


# ------------------------------------------------------------------ character scan


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _scan(text: str, pstart: int, pend: int, para: int) -> list[Region]:
    """The quoted regions of one paragraph; an unclosed quote runs to the paragraph end."""
    out: list[Region] = []
    i = pstart
    open_at, closers = -1, ""
    while i < pend:
        c = text[i]
        prev = text[i - 1] if i > pstart else " "
        nxt = text[i + 1] if i + 1 < pend else " "
        if open_at < 0:
            if c in DOUBLE_OPEN:
                open_at, closers = i + 1, DOUBLE_OPEN[c]
            elif c == '"' and not nxt.isspace() and (prev.isspace() or prev in "([{-\u2013\u2014/:"):
                open_at, closers = i + 1, '"\u201d'  # mixed marks: a curly one may close it
            elif c == "'" and nxt == "'" and (prev.isspace() or prev in "([{-\u2013\u2014/:"):
                open_at, closers = i + 2, "''"
                i += 1
            elif c == "\u2018" and not prev.isalnum() and nxt.isalnum():
                open_at, closers = i + 1, "\u2019"
            elif c == "\u201d" and prev.isspace() and nxt.isalnum():  # a closing mark used to open
                open_at, closers = i + 1, "\u201d"
        else:
            end = -1
            if closers == "''":
                if c == "'" and nxt == "'":
                    end, skip = i, 2
            elif closers == "\u2019":
                if c == "\u2019" and not nxt.isalnum() and not prev.isspace():
                    end, skip = i, 1
            elif c in closers or (c == '"' and closers != "''" and not prev.isspace() and not nxt.isalnum()):
                end, skip = i, 1
            elif c in DOUBLE_OPEN and closers[0] != '"':  # a new opening mark: the last one never closed
                out.append(Region(open_at, i, para, closed=False))
                open_at, closers = i + 1, DOUBLE_OPEN[c]
            if end >= 0:
                if end > open_at:
                    out.append(Region(open_at, end, para))
                open_at = -1
                i += skip
                continue
        i += 1
    if open_at >= 0 and pend > open_at:
        out.append(Region(open_at, pend, para, closed=False))
    return [r for r in (_trim(text, r) for r in out) if r is not None]


def _trim(text: str, r: Region) -> Region | None:
    """The region without surrounding blanks, or None when it holds no word."""
    s, e = r.start, r.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    if not any(ch.isalnum() for ch in text[s:e]):
        return None
    r.start, r.end = s, e
    return r


def find_regions(text: str) -> tuple[list[Region], list[tuple[int, int]]]:
    """Every quoted region of the text, in order, and the paragraphs."""
    paras = _paragraphs(text)
    regions: list[Region] = []
    for k, (s, e) in enumerate(paras):
        regions.extend(_scan(text, s, e, k))
    return regions, paras


# ------------------------------------------------------------------ the parse


class _Doc:
    """The parse with the lookups the attribution needs."""

    def __init__(self, sdoc, regions: list[Region], paras: list[tuple[int, int]]):
        self.sdoc = sdoc
        self.text = sdoc.text
        self.tok_starts = [t.idx for t in sdoc]
        self.para_starts = [s for s, _ in paras] or [0]
        self.region_of = [-1] * len(sdoc)
        for k, r in enumerate(regions):
            for i in self.tokens_between(r.start, r.end):
                self.region_of[i] = k
                r.tokens.append(i)
        self.ent_of: dict[int, Span] = {}
        for e in sdoc.ents:
            for t in e:
                self.ent_of[t.i] = e
        self.persons = [e for e in sdoc.ents if e.label_ == "PERSON" and not self.quoted(e.start)]
        self.orgs = [e for e in sdoc.ents if e.label_ == "ORG" and not self.quoted(e.start)]
        self.sents = list(sdoc.sents)
        self.sent_starts = [s.start_char for s in self.sents] or [0]
        self.people = People(sdoc, self.usable)
        self.last: tuple[Person, int] | None = None  # the last person quoted, and the paragraph
        self.asked: Person | None = None  # whom the last quotation asked, when it was a question
        self.cue: Token | None = None  # the cue of the quotation being attributed
        self.titles = self._title_holders()
        self.bodies = self._body_mentions()

    def quoted(self, i: int) -> bool:
        return self.region_of[i] >= 0

    def usable(self, t: Token) -> bool:
        """True for a token outside quotation marks (one that may name a speaker)."""
        return self.region_of[t.i] < 0

    def last_person(self, char: int) -> Person | None:
        """The last person quoted, when in the paragraph of `char` or the one before."""
        if self.last is None or self.para_of(char) - self.last[1] > CFG.carry_paragraphs:
            return None
        return self.last[0]

    def tokens_between(self, a: int, b: int) -> range:
        """Indices of the tokens that start at characters a..b-1."""
        return range(bisect_left(self.tok_starts, a), bisect_left(self.tok_starts, b))

    def para_of(self, char: int) -> int:
        return max(0, bisect_right(self.para_starts, char) - 1)

    def sent_of(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    def _body_mentions(self) -> list[BodyMention]:
        """Every body or group named outside quotation marks, in order: the names of
        organisations and peoples, group nouns ("the campaign", "officials in X"), and a place
        that is the subject of a verb ("X said")."""
        out = []
        for t in self.sdoc:
            if not self.usable(t) or not (is_group(t) or (t.ent_type_ == "GPE" and t.dep_ == "nsubj")):
                continue
            e = self.ent_of.get(t.i)
            if e is not None and e.root.i != t.i:
                continue
            if e is None and t.dep_ in ("compound", "nmod", "amod") and t.head.pos_ in ("NOUN", "PROPN"):
                continue  # a modifier of another noun ("campaign spokesman")
            name = _body_name(self, t)
            out.append(
                BodyMention(t.i, name, t.lemma_.lower(), e.label_ if e is not None else "GROUP", t.dep_)
            )
        return out

    def _title_holders(self) -> list[tuple[str, int, str]]:
        """(title lemma, char offset, person name) for every person named with a title."""
        out = []
        for e in self.persons:
            cands = [t for t in self.sdoc[max(0, e.start - 3) : e.start] if e.start <= t.head.i < e.end]
            cands += [c for c in e.root.children if c.dep_ == "appos"]
            if e.root.dep_ == "appos":
                cands.append(e.root.head)
            p = self.people.named(e.root)
            name = p.name if p is not None else clean_name(e.text)
            for t in cands:
                title = _title(t)
                if title is not None:
                    out.append((title, e.start_char, name))
        return out


def _title(t: Token) -> str | None:
    """The office a title word names ("Sen." -> senator), or None."""
    w = t.lemma_.lower().rstrip(".")
    w = TITLE_ABBREVIATIONS.get(w, w)
    return w if w in TITLES else None


def _governing_verb(d: _Doc, r: Region):
    """The reporting verb outside the quote that its words hang from, or None.

    Climbs from each quoted token to the first ancestor outside the quote, then up to five
    steps further, taking a reporting verb or one hung under an ancestor as an aside.  A
    quoted stretch reached through a subject is part of the speaker's description (a book
    title), not of what is said.  The climb goes on through the words of another quotation
    of the clause ('X said Y would "A" and stand against "B"': B hangs from "said" too).
    When no reporting verb is found, the first verb on the way
    whose subject is a person or organisation stands in ('X worried that it was "a trap"')."""
    votes: dict[int, int] = {}
    weak: dict[int, int] = {}
    own = d.region_of[r.tokens[0]]
    for i in r.tokens:
        child, a = d.sdoc[i], d.sdoc[i].head
        while d.quoted(a.i) and a.head.i != a.i:
            child, a = a, a.head
        if d.quoted(a.i) or d.para_of(a.idx) != r.para:
            side = _aside(d, a if d.quoted(a.i) else child)
            if side is not None:
                votes[side.i] = votes.get(side.i, 0) + 1
            continue
        for _ in range(5):
            if child.dep_ in ("nsubj", "nsubjpass"):
                break
            if is_reporting(a) or speech_owner(a, d.usable) is not None or _owned_words(d, a):
                votes[a.i] = votes.get(a.i, 0) + 1
                break
            side = _aside(d, a)
            if side is not None:
                votes[side.i] = votes.get(side.i, 0) + 1
                break
            if a.pos_ == "VERB" and not weak and _named_subject(d, a):
                weak[a.i] = 1
            if a.head.i == a.i or d.para_of(a.head.idx) != r.para:
                break
            child, a = a, a.head
            while d.quoted(a.i) and d.region_of[a.i] != own and a.head.i != a.i:
                child, a = a, a.head  # through another quotation of the clause ('X said Y would "A" and "B"')
            if d.quoted(a.i):
                break
    votes = votes or weak
    if not votes:
        return None
    return d.sdoc[max(votes, key=lambda k: (votes[k], -abs(k - r.tokens[0])))]


def _addressee(d: _Doc, cue) -> Person | None:
    """The person a question was put to ('X asked Y, "...?"'), or None."""
    if cue is None or cue.lemma_.lower() not in ("ask", "question", "press", "quiz"):
        return None
    for c in cue.children:
        if c.dep_ in ("dobj", "dative") and d.usable(c):
            return d.people.named(c)
    return None


def _owned_words(d: _Doc, v) -> bool:
    """True for a verb whose subject is someone's words ("Her answer was that ...") and that no
    reporting verb governs ('X said that Y's comments were "..."' is X's)."""
    return (
        v.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "nsubj" and speech_owner(c, d.usable) is not None for c in v.children)
        and not any(is_reporting(a) for a in v.ancestors)
    )


def _aside(d: _Doc, a):
    """A reporting verb the parser hung under `a` as an aside ('"A," he said, "B"' read with
    the quoted verb as the root), or None."""
    for c in a.children:
        if (
            c.dep_ in ("parataxis", "ccomp")
            and not d.quoted(c.i)
            and is_reporting(c)
            and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        ):
            return c
    return None


def _named_subject(d: _Doc, v) -> bool:
    """True when verb `v` has a person or organisation (or he/she) as its subject."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and not d.quoted(c.i)
        and (c.lower_ in PERSON_PRONOUNS or c.ent_type_ in ("PERSON", "ORG"))
        for c in v.children
    )


def _after_verb(d: _Doc, r: Region):
    """A reporting verb right after the quote: '"...," said X', '"...?" X asked', or the one
    whose subject opens right after it ('"...," X, a senator from Ohio, wrote')."""
    ended = d.text[r.end - 1] in ".!?"
    pend = d.para_starts[r.para + 1] if r.para + 1 < len(d.para_starts) else len(d.text)
    nxt = next((i for i in d.tokens_between(r.end, pend) if not d.sdoc[i].is_punct), None)
    if nxt is not None and not d.quoted(nxt):
        t = d.sdoc[nxt]
        e = d.ent_of.get(nxt)
        head = e.root if e is not None and e.start == nxt else t
        if (
            head.dep_ == "nsubj"
            and head.head.i > head.i
            and is_reporting(head.head)
            and not d.quoted(head.head.i)
        ):
            return head.head
    n = 0
    for i in d.tokens_between(r.end, pend):
        t = d.sdoc[i]
        if d.quoted(i) or t.is_space:
            break
        if t.is_punct:
            if t.text in (".", "!", "?", ";"):
                break
            continue
        n += 1
        if is_reporting(t):
            return t
        if n >= (4 if ended else 25):
            break
    return None


_DASH_AFTER = re.compile(r"[\s\"'\u201d\u2019\u00bb.,]*[\u2015\u2014\u2013-]+\s*")


#: A name set after a dash: capitalised words (initials, particles and hyphens allowed).
_NAME_WORD = r"(?:[A-Z][\w'\u2019.-]*|de|da|van|von|del|la|le)"
_DASH_NAME = re.compile(rf"({_NAME_WORD}(?: {_NAME_WORD}){{0,4}})")


def _dash_name(d: _Doc, r: Region) -> str | None:
    """The name set after a quote with a dash ('"..." \u2015 Jane Doe'), or None."""
    m = _DASH_AFTER.match(d.text, r.end)
    if m is None or "\n" in d.text[r.end : m.end()]:
        return None
    n = _DASH_NAME.match(d.text, m.end())
    if n is None:
        return None
    words = n.group(1).rstrip(".").split()
    while words and not words[-1][0].isupper():
        words.pop()
    if not 2 <= len(words) <= 5:
        return None
    return " ".join(words)


_INTRO_DASH = re.compile(r"(?:--|[\u2014\u2013\u2015])\s*$")


def _before_verb(d: _Doc, r: Region):
    """The verb introducing the quote: 'X said: "..."', 'As X put it, "..."', 'X embraced
    it -- "..."'; or the name of 'X: "..."' lines.  Of several reporting verbs the last that
    is neither "according" nor a noun's modifier wins ('said X in an interview, according to
    a magazine. "..."': X).  Returns a token or None."""
    s = r.start - 1
    while s > 0 and d.text[s - 1] in " \u201c\"'\u2018\u00ab\u201e\n":
        s -= 1
    lead = d.text[:s]
    intro = lead.endswith(":") or _INTRO_DASH.search(lead) is not None
    if not intro and d.para_of(s) != r.para:
        return None
    lo = d.sent_starts[d.sent_of(max(0, s - 2))]
    if d.para_of(lo) != d.para_of(max(0, s - 1)):
        lo = d.para_starts[d.para_of(max(0, s - 1))]
    toks = [d.sdoc[i] for i in d.tokens_between(lo, s)]
    named = _colon_name(d, r)
    if named is not None:
        return named
    cands = []
    for t in reversed(toks):
        if d.quoted(t.i):
            continue  # a quoted title or an earlier quotation of the sentence
        if is_reporting(t) or (intro and t.pos_ in ("VERB", "AUX")):
            cands.append(t)
    if cands:
        said = [t for t in cands if is_reporting(t)]
        main = [t for t in said if t.lower_ != "according" and t.dep_ not in ("acl", "amod")]
        acting = [t for t in cands if t.dep_ != "amod" and _named_subject(d, t)]  # "X embraced it -- "
        return (main or said or acting or [t for t in cands if t.dep_ == "ROOT"] or cands)[0]
    return None


def _colon_name(d: _Doc, r: Region):
    """The first name of a line that names who speaks and a colon right before the quote
    ('- Jane Doe and John Roe: "..."', 'More from Doe: "..."'), or None."""
    s = r.start - 1
    while s > 0 and d.text[s - 1] in " \u201c\"'\u2018\u00ab\u201e":
        s -= 1
    if s <= 0 or d.text[s - 1] != ":":
        return None
    toks = d.tokens_between(d.para_starts[d.para_of(s - 1)], s - 1)
    if not toks:
        return None
    i, first, last_word = toks[-1], None, None
    while i >= toks[0] and not d.quoted(i):
        t = d.sdoc[i]
        e = d.ent_of.get(i)
        if (e is not None and e.label_ in ("PERSON", "ORG")) or (t.pos_ == "PROPN" and t.is_title):
            if last_word is None:
                last_word = t  # the last word of the name being read
            first = last_word
            i -= 1
        elif first is not None and t.lower_ in ("and", "&", ","):
            last_word = None
            i -= 1
        else:
            break
    if first is None:
        return None
    before = d.sdoc[i] if i >= toks[0] else None
    if before is None or before.is_punct or before.lower_ == "from" or is_reporting(before):
        return first  # "- Jane Doe:", "More from Doe:", "Said Doe:"
    return None


def _gap_verb(d: _Doc, a: Region, b: Region):
    """The reporting verb between two regions of one quotation ('"A," he said, "B"')."""
    for i in d.tokens_between(a.end, b.start):
        if not d.quoted(i) and is_reporting(d.sdoc[i]):
            return d.sdoc[i]
    return None


def _subject(d: _Doc, v):
    """The token that names who speaks through cue `v` (see attribution.source_of), or, for a
    verb the parser left without its subject, the name just before it."""
    src = source_of(v, d.usable)
    if src is not None:
        return src.head
    if v.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        if v.dep_ in ("ROOT", "dep", "parataxis") or v.tag_ in ("VBD", "VBZ", "VBP"):
            return _named_before(d, v) or _left_entity(d, v)
        return _left_reporter(d, v)
    return None


def _named_before(d: _Doc, v):
    """The name right before a finite verb the parser left without a subject, across
    auxiliaries and an apposition set off by commas ('"...," Jane Doe, a former aide, said';
    'Jane Doe, asked about it, had said'), or None."""
    i = v.i - 1
    while i >= 0 and d.sdoc[i].dep_ in ("aux", "auxpass", "neg", "advmod") and not d.quoted(i):
        i -= 1
    if i >= 0 and d.sdoc[i].text == ")":  # "Jane Doe (D-Ohio) said"
        while i > 0 and d.sdoc[i].text != "(" and v.i - i < 12:
            i -= 1
        i -= 1
    if i >= 0 and d.sdoc[i].text == ",":
        j = i - 1
        while (
            j > max(0, v.i - 25) and d.sdoc[j].text != "," and not d.quoted(j) and not d.sdoc[j].is_sent_start
        ):
            j -= 1
        if j < 0 or d.sdoc[j].text != ",":
            return None
        i = j - 1
    e = d.ent_of.get(i) if i >= 0 and not d.quoted(i) else None
    if e is not None and e.end - 1 == i and e.label_ in ("PERSON", "ORG"):
        return e.root
    if e is None and i >= 0 and not d.quoted(i) and d.sdoc[i].pos_ == "PROPN" and d.sdoc[i].is_title:
        return d.sdoc[i]  # a name the parser did not type ('"...," Conway notes')
    return None


def _left_reporter(d: _Doc, v):
    """For a participle or infinitive of saying without a subject of its own ('X said,
    going on to say "..."', the parser having hung it elsewhere): the source of the nearest
    reporting verb before it in its sentence."""
    for t in reversed(d.sdoc[max(v.sent.start, v.i - 12) : v.i]):
        if d.quoted(t.i):
            return None
        if t.i != v.i and is_reporting(t) and t.pos_ in ("VERB", "AUX"):
            src = source_of(t, d.usable)
            return src.head if src is not None else None
    return None


def _left_entity(d: _Doc, v):
    """The nearest person or organisation (or he/she) just before verb `v` that is not the
    object of a preposition, or None."""
    for t in reversed(d.sdoc[max(0, v.i - 8) : v.i]):
        if d.quoted(t.i) or t.is_space or t.text in (".", ";", "!", "?"):
            return None
        if t.dep_ == "pobj" or (
            t.ent_type_ and d.ent_of.get(t.i) is not None and d.ent_of[t.i].root.dep_ == "pobj"
        ):
            continue
        if t.ent_type_ in ("PERSON", "ORG") or t.lower_ in PERSON_PRONOUNS:
            e = d.ent_of.get(t.i)
            return e.root if e is not None else t
    return None


def _last_before(ents, char: int, lo: int = 0):
    best = None
    for e in ents:
        if e.end_char > char:
            break
        if e.start_char >= lo:
            best = e
    return best


def _speaker(d: _Doc, n, depth: int = 0) -> tuple[str | None, str | None]:
    """The speaker named by token `n`: (name, type), or (None, None) when `n` names no one
    who speaks (a document whose author is not found, a platform, an abstract noun)."""
    low = n.lower_
    if low in PRONOUN_GENDER:
        if depth == 0 and d.asked is not None and d.asked.gender == PRONOUN_GENDER[low]:
            return d.asked.name, "PERSON"  # 'A asked B, "...?"  His answer: "..."': B answers
        p = d.people.pronoun(n, d.last_person(n.idx) if depth == 0 else None)
        return (p.name, "PERSON") if p is not None else (None, None)
    if low in BODY_PRONOUNS:
        if low != "it":
            return _they(d, n)
        e = _last_before(d.orgs, n.idx, d.sent_starts[max(0, d.sent_of(n.idx) - CFG.body_window)])
        return (clean_name(e.text), "ORG") if e is not None else (None, None)
    kind = speaker_class(n)
    if (n.pos_ in ("PRON", "NUM") and low not in QUANTIFIERS) or n.ent_type_ in NOT_SPEAKERS:
        return None, None
    p = d.people.named(n)
    if p is not None:
        return p.name, "PERSON"
    for c in n.children:  # "a spokeswoman, Jane Doe," / "spokeswoman Jane Doe"
        if c.dep_ in ("appos", "compound", "npadvmod") and c.i > n.i:
            p = d.people.named(c)
            if p is not None:
                return p.name, "PERSON"
    if is_spokesperson(n):  # one who is named only as speaking for another: that other
        found = _spoken_for(d, n, depth)
        if found is not None:
            return found
    if kind == "other" and n.lemma_.lower() not in SPOKES and _title(n) is None:
        return None, None  # a platform, a thing or an idea
    e = d.ent_of.get(n.i)
    if e is not None and e.label_ in NAMED:
        if e.label_ in ("ORG", "NORP") and e.root.i == n.i:
            return _body_name(d, n), e.label_
        return clean_name(e.text), e.label_
    if kind == "document":  # whose words: its author; failing that, the document itself
        author = document_author(n, d.usable)
        if author is not None and depth == 0:
            found = _speaker(d, author, 1)
            if found[0] is not None:
                return found
        return clean_name(_noun_span(d, n).text) or n.text, "DOCUMENT"
    span = _noun_span(d, n)
    surface = clean_name(span.text) or n.text
    lemma = n.lemma_.lower()
    has_org = any(
        d.ent_of.get(t.i) is not None and d.ent_of[t.i].label_ in ("ORG", "GPE", "NORP") for t in span
    )
    if lemma in SPOKES and n.tag_ in ("NN", "NNP") and not has_org:
        for c in n.children:  # "a spokesman for the ministry"
            if c.dep_ == "prep" and c.lower_ in ("for", "of", "at"):
                p_ = next((p_ for p_ in c.children if p_.dep_ == "pobj"), None)
                if p_ is not None:
                    return f"{clean_name(_noun_span(d, p_).text)} {n.text}", "ORG"
        e = _last_before(d.orgs, n.idx, d.sent_starts[max(0, d.sent_of(n.idx) - CFG.body_window)])
        if e is not None:
            return f"{clean_name(e.text)} {n.text}", "ORG"
    if is_group(n):
        b = _body_antecedent(d, n)
        return (b.name if b is not None else _body_name(d, n)), "ORG"
    title = _title(n)
    if (
        title is not None
        and n.tag_ in ("NN", "NNP")
        and not any(d.ent_of.get(t.i) is not None and d.ent_of[t.i].label_ == "PERSON" for t in span)
    ):
        holders = [h for h in d.titles if h[0] == title]
        before = [h for h in holders if h[1] < n.idx]
        if holders:
            return (before[-1] if before else holders[0])[2], "PERSON"
    return surface, ("ORG" if has_org or lemma in SPOKES or kind == "body" else None)


def _noun_span(d: _Doc, n) -> Span:
    """Noun `n` with its left modifiers ("Kazakhstan's foreign ministry"), or its entity."""
    e = d.ent_of.get(n.i)
    if e is not None and e.root.i == n.i:
        return e
    mods = ("compound", "amod", "nmod", "nummod", "npadvmod") + (() if n.pos_ == "PROPN" else ("poss",))
    left = [c for c in n.lefts if c.dep_ in mods]  # "Twitter's Adam Sharp" is Adam Sharp
    start = min([n.i] + [c.left_edge.i for c in left])
    for i in range(n.i - 1, start - 1, -1):  # never across punctuation ("MATH - Jane Doe")
        if d.sdoc[i].is_punct and d.sdoc[i].text not in ("'s", "\u2019s", "-", "."):
            start = i + 1
            break
        if d.sdoc[i].text in ("-", "\u2013", "\u2014") and d.sdoc[i].whitespace_:
            start = i + 1
            break
    return d.sdoc[start : n.i + 1]


def _body_name(d: _Doc, n) -> str:
    """The name of the body or group that noun `n` heads: its name with the words that narrow it
    ("House Democrats", "the Obama campaign" -> "Obama campaign"), a place or body set after it
    put before ("officials in Nebraska" -> "Nebraska officials"), its possessor named ("her
    campaign" -> "Jane Doe campaign"); never a word that only counts ("other Democrats")."""
    e = d.ent_of.get(n.i)
    if e is not None and e.root.i == n.i:
        start = e.start
        for c in sorted(n.lefts, key=lambda c: -c.i):  # "House Democrats", "Senate Republicans"
            if c.i < start and c.dep_ in ("compound", "amod", "nmod") and (c.is_title or c.ent_type_):
                if any(t.is_punct for t in d.sdoc[c.i : start]):
                    break
                start = c.left_edge.i if not any(t.is_punct for t in d.sdoc[c.left_edge.i : c.i]) else c.i
        toks = list(d.sdoc[start : n.i + 1]) if start < e.start else list(e)
    else:
        toks = list(_noun_span(d, n))
    while toks and toks[0].i != n.i and _names_nothing(toks[0]):
        toks = toks[1:]
    parts: list[str] = []
    for t in toks:
        if t.i == toks[0].i and t.is_sent_start and t.pos_ == "NOUN" and not t.ent_type_:
            parts.append(t.lower_ + t.whitespace_)  # "Officials in X said": not a name
        elif t.dep_ == "poss" and t.lower_ in PRONOUN_GENDER and t.i != n.i:
            p = d.people.pronoun(t)  # "her campaign": the campaign of the person she is
            if p is not None:
                parts.append(p.name + " ")
        elif t.text in ("'s", "\u2019s", "'", "\u2019") and t.dep_ == "case":
            parts.append(t.whitespace_)
        else:
            parts.append(t.text_with_ws)
    name = "".join(parts).strip()
    if e is None and n.tag_ in ("NNS", "NNPS"):
        for c in n.children:  # "officials in Nebraska", "members of the NAACP"
            if c.dep_ == "prep" and c.lower_ in ("in", "of", "at", "from") and c.i == n.i + 1:
                p_ = next((x for x in c.children if x.dep_ == "pobj"), None)
                pe = d.ent_of.get(p_.i) if p_ is not None else None
                if p_ is not None and pe is not None and pe.label_ in ("ORG", "GPE", "NORP") and d.usable(p_):
                    end = pe.end  # "officials in Nebraska and Oklahoma"
                    for cj in p_.children:
                        ce = d.ent_of.get(cj.i)
                        if cj.dep_ == "conj" and ce is not None and ce.label_ == pe.label_:
                            end = max(end, ce.end)
                    name = f"{name} {d.sdoc[c.i : end].text}"
                break
    return clean_name(name) or n.text


def _names_nothing(t) -> bool:
    """True for a word before a group noun that does not name the group: a determiner, a
    number, a word that counts ("many", "nearly two"), a possessive other than his/her."""
    if t.dep_ in ("det", "nummod") or t.like_num or t.lower_ in COUNTING:
        return True
    if t.dep_ in ("advmod", "quantmod"):
        return t.head.like_num or t.head.lower_ in COUNTING
    return t.dep_ == "poss" and t.pos_ == "PRON" and t.lower_ not in PRONOUN_GENDER


def _anaphoric(n) -> bool:
    """True for a group noun that takes up one named before: "the campaign", "the officials",
    or a singular one with no determiner ("campaign spokesman X"); never one that narrows it
    ("the Obama campaign")."""
    if any(c.dep_ in ("compound", "amod", "nmod", "poss") and c.lower_ not in COUNTING for c in n.lefts):
        return False
    if any(c.dep_ == "prep" for c in n.children) or n.ent_type_:
        return False
    det = next((c for c in n.lefts if c.dep_ == "det"), None)
    return det.lower_ in DEFINITE if det is not None else n.tag_ == "NN"


def _body_antecedent(d: _Doc, n, depth: int = 0) -> BodyMention | None:
    """The body a group noun takes up ("The Obama campaign answered. ... the campaign said";
    "The St. Louis Tea Party ... The group said"): of those named before within
    CFG.body_anaphor_window sentences with the same head noun, or any organisation named
    within CFG.generic_anaphor_window sentences for a generic noun ("the group", "the
    company"), the subject of the nearest sentence naming one
    first.  A noun that takes up one itself passes on what it takes up ("Acme ... the company
    ... the company said": Acme).  None for a noun that names a body itself, or when none is
    found."""
    if not _anaphoric(n) or depth > 3:
        return None
    lemma = n.lemma_.lower()
    k = d.sent_of(n.idx)
    lo = d.sent_starts[max(0, k - CFG.body_anaphor_window)]
    lo_any = d.sent_starts[max(0, k - CFG.generic_anaphor_window)]
    fit = [
        b
        for b in d.bodies
        if b.i < n.i
        and d.sdoc[b.i].idx >= lo
        and (b.lemma == lemma or (lemma in GENERIC_BODIES and b.label == "ORG" and d.sdoc[b.i].idx >= lo_any))
    ]
    if not fit:
        return None
    near = [b for b in fit if d.sdoc[b.i].sent.start == d.sdoc[fit[-1].i].sent.start]
    found = next((b for b in near if b.dep in ("nsubj", "nsubjpass")), near[-1])
    if _anaphoric(d.sdoc[found.i]):
        return _body_antecedent(d, d.sdoc[found.i], depth + 1)
    return found


def _they(d: _Doc, n) -> Speaker:
    """The group "they" stands for: the body or group subject nearest before it within
    CFG.body_window sentences ("House Democrats met. ... they said"); no one when a subject
    of several people joined by "and" is nearer ("X and Y met. ... they said": not one
    speaker); else the organisation named last there."""
    lo = d.sent_starts[max(0, d.sent_of(n.idx) - CFG.body_window)]
    bodies = {b.i: b for b in d.bodies}
    for t in reversed(d.sdoc[bisect_left(d.tok_starts, lo) : n.i]):
        if t.dep_ not in ("nsubj", "nsubjpass") or not d.usable(t):
            continue
        if t.i in bodies:
            b = _body_antecedent(d, t) or bodies[t.i]
            return b.name, "ORG" if b.label == "GROUP" else b.label
        if any(c.dep_ == "conj" for c in t.children):
            return None, None
    e = _last_before(d.orgs, n.idx, lo)
    return (clean_name(e.text), "ORG") if e is not None else (None, None)


def _spoken_for(d: _Doc, n, depth: int) -> Speaker | None:
    """Who a spokesperson noun speaks for: the person or body its phrase names ("a spokeswoman
    for the governor", "Google spokesperson", "his spokesman"); for one that names no one,
    whom the last spokesperson named before within CFG.body_window sentences spoke for ("A
    spokesperson for X said ... the spokesperson said"), else the organisation named last
    there; None when there is none."""
    p = principal(n, d.usable)
    if p is not None and depth < 2:
        found = _speaker(d, p, depth + 1)
        if found[0] is not None and found[1] != "DOCUMENT":
            return found
    lo = d.sent_starts[max(0, d.sent_of(n.idx) - CFG.body_window)]
    for t in reversed(d.sdoc[bisect_left(d.tok_starts, lo) : n.i]):
        if d.usable(t) and is_spokesperson(t) and principal(t, d.usable) is not None and depth < 2:
            found = _speaker(d, principal(t, d.usable), depth + 1)
            if found[0] is not None and found[1] != "DOCUMENT":
                return found
    e = _last_before(d.orgs, n.idx, lo)
    if e is not None:
        return clean_name(e.text), "ORG"
    return None


# ------------------------------------------------------------------ grouping and attribution


def _words(text: str) -> int:
    return len(re.findall(r"[^\W_]+", text))


def _continues(d: _Doc, a: Region, b: Region, verb_a, verb_b) -> bool:
    """True when region b carries on region a's quotation.

    Joined: a quote running over paragraphs (unclosed, the next paragraph opening with a
    mark); two stretches the same reporting verb governs; a sentence split around its
    attribution ('"A," he said, "B"').  A new sentence after 'he said.' starts a new quotation."""
    if a.para != b.para:
        return (
            not a.closed
            and b.para == a.para + 1
            and d.text[a.end : b.start].strip(" \n\"'\u201c\u201d\u00ab\u00bb\u201e") == ""
        )
    if verb_a is not None and verb_b is not None:
        return verb_a.i == verb_b.i
    gap = d.text[a.end : b.start].strip(" \"'\u201c\u201d\u2018\u2019\u00ab\u00bb")
    if not gap or _words(gap) > 12:
        return False
    v = _gap_verb(d, a, b)
    return v is not None and (verb_a is None or verb_a.i == v.i) and (verb_b is None or verb_b.i == v.i)


def _previous_subject(d: _Doc, r: Region):
    """The person the sentence before a quote opening a sentence is about ('X touted her record.
    "We need ..."'), or None."""
    s = r.start - 1
    while s > 0 and d.text[s - 1] in " \u201c\"'\u2018\u00ab\u201e":
        s -= 1
    if s <= 0 or d.text[s - 1] not in ".!?:" or d.para_of(s - 1) != r.para:
        return None
    sent = d.sents[d.sent_of(s - 1)]
    if d.para_of(sent.start_char) != r.para:
        return None
    subj = next(
        (c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass") and not d.quoted(c.i)), None
    )
    if subj is not None and (subj.lower_ in PERSON_PRONOUNS or subj.ent_type_ in ("PERSON", "ORG")):
        return subj
    return None


def _is_title(text: str) -> bool:
    """True for a quoted name of a work or programme ("Meet the Press"), which is neither a
    quotation nor a framing term: every word capitalised save short function words."""
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", text)
    if not words or len(words) > 10 or text.rstrip()[-1:] in ".!?" or text.isupper():
        return False
    return words[0][0].isupper() and all(w[0].isupper() or w.lower() in MINOR for w in words)


def _at_paragraph_start(d: _Doc, r: Region) -> bool:
    p = d.para_starts[r.para]
    return d.text[p : r.start].strip(" \"'\u201c\u201d\u00ab\u2018\u201e") == ""


Speaker = tuple[str | None, str | None]


def _attribute(
    d: _Doc, rs: list[Region], verbs: list, long_: bool, last: tuple[str | None, str | None, int] | None
) -> tuple[Speaker, str]:
    """The speaker of one quotation (its regions and their governing verbs) and how it was
    found: the cue that governs it or stands next to it, a dash name, or, for a long quotation
    with no cue, the last speaker or the person the sentence before is about."""
    first, end = rs[0], rs[-1]
    named = _colon_name(d, first)
    if named is not None:
        return _speaker(d, named), "colon"
    verb = next((v for v in verbs if v is not None), None)
    how = "governing"
    if verb is None:
        how = "gap"
        verb = next((v for a, b in itertools.pairwise(rs) if (v := _gap_verb(d, a, b)) is not None), None)
    if verb is None and long_:
        dashed = _dash_name(d, end)
        if dashed is not None:
            return (dashed, "PERSON"), "dash"
        how = "after"
        verb = _after_verb(d, end)
        if verb is None:
            how = "before"
            verb = _before_verb(d, first)
    if verb is not None:
        d.cue = verb
        subj = _subject(d, verb)
        return (_speaker(d, subj) if subj is not None else (None, None)), how
    if not long_:
        return (None, None), "none"
    reporter = _previous_reporter(d, first)
    if reporter is not None:
        found = _speaker(d, reporter)
        if found[0] is not None:
            return found, "reporter"
    if not _at_paragraph_start(d, first):
        subj = _previous_subject(d, first)
        if subj is not None:
            return _speaker(d, subj), "previous"
    if last is not None and 0 <= first.para - last[2] <= CFG.carry_paragraphs:
        return (last[0], last[1]), "last"
    return (None, None), "none"


def _previous_reporter(d: _Doc, r: Region):
    """The source of the reporting verb of the sentence right before a quote with no cue of
    its own, when that sentence reports speech without quoting it ('X said that the plan
    would fail.  "..."'), or None."""
    s = r.start
    while s > 0 and d.text[s - 1] in " \n\u201c\"'\u2018\u00ab\u201e":
        s -= 1
    if s <= 0:
        return None
    sent = d.sents[d.sent_of(s - 1)]
    if any(d.quoted(t.i) for t in sent):
        return None
    for src in sentence_sources(sent, d.usable):
        if speaker_class(src.head) in ("person", "body") and src.kind != "according":
            return src.head
    return None


@component("quotes")
def quotes(sdoc, rec: DocRecord) -> None:
    """Fill rec.quotes with direct quotations and rec.framing with short quoted terms."""
    text = rec.document.text
    regions, paras = find_regions(text)
    d = _Doc(sdoc, regions, paras)
    verbs = [_governing_verb(d, r) if r.tokens else None for r in regions]
    groups: list[list[int]] = []
    for k in range(len(regions)):
        if groups:
            g = groups[-1]
            gverb = next((verbs[j] for j in g if verbs[j] is not None), None)
            if _continues(d, regions[g[-1]], regions[k], gverb, verbs[k]):
                g.append(k)
                continue
        groups.append([k])
    out: list[QuoteRecord] = []
    framing: list[str] = []
    last: tuple[str | None, str | None, int] | None = None  # speaker, type, paragraph
    for g in groups:
        first, end = regions[g[0]], regions[g[-1]]
        qtext = " ".join(text[regions[k].start : regions[k].end] for k in g)
        long_ = _words(qtext) >= SHORT
        d.cue = None
        speaker, _how = _attribute(d, [regions[k] for k in g], [verbs[k] for k in g], long_, last)
        d.asked = _addressee(d, d.cue) if qtext.rstrip().endswith("?") else None
        if _is_title(qtext) and long_ and speaker[0] is None:
            continue
        for k in g:  # short quoted terms frame the story
            term = text[regions[k].start : regions[k].end].strip(" .,;:!?")
            if _words(term) < SHORT and term not in framing and not _is_title(term):
                framing.append(term)
        if not long_ and speaker[0] is None:
            continue
        out.append(
            QuoteRecord(
                doc=rec.document.id,
                text=qtext,
                start=first.start,
                end=end.end,
                speaker=speaker[0],
                speaker_type=speaker[1],
                direct=True,
                sent=d.sent_of(first.start),
            )
        )
        if speaker[0] is not None and long_ and speaker[1] != "DOCUMENT":  # only who speaks carries over
            last = (speaker[0], speaker[1], end.para)
            who = next((p for p in d.people.people if p.name == speaker[0]), None)
            d.last = (who, end.para) if who is not None else None
    title = rec.document.title or ""
    for r in find_regions(title)[0]:  # the headline's scare quotes frame the story too
        term = title[r.start : r.end].strip(" .,;:!?")
        if _words(term) < SHORT and term not in framing and not _is_title(term):
            framing.append(term)
    rec.quotes = out
    rec.framing = framing
