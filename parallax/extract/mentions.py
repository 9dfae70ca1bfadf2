"""Named-entity mentions and content terms (for story clustering).

``rec.mentions``: spaCy's named entities of the kinds a dossier names, with their offsets
and sentence index, trimmed of a leading article, a leading title ("Mr", "President") and a
trailing possessive.  Consistency inside the document repairs what the tagger misses: a
string tagged as a name somewhere in the document and left untagged (or tagged as a number
or date) elsewhere becomes a mention there too, with the document's majority label.

``rec.terms``: the clustering features of the document: content lemmas (lower case) and,
under prefixes that no lemma carries, years mentioned (``#y:2008``) and other numbers
(``#n:24``).  Entity features are built from the mentions at clustering time.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict

from ..records import DocRecord, Mention
from . import component

#: spaCy labels kept as mentions.
KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
#: Words stripped from the start of a mention: articles and personal titles.
TITLES = {
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
    "father",
    "saint",
    "st",
    "former",
    "late",
    "vice",
}
#: lower-case words at the end of a tagged span are not part of the name.
_TRAILING_LOWER = re.compile(r"(?:[\s,;:]+[a-z][a-z'\u2019.]*)+[\s,;:.]*$")
#: lower-case articles (and a stray "s" of a split possessive) before a name.
_ARTICLES = ("a", "an", "s")
_POSSESSIVE = re.compile(r"(?:['\u2019]s?|\s)+$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_TERM_POS = ("NOUN", "PROPN", "VERB", "ADJ")
_NAMING_POS = ("NOUN", "PROPN")
#: Labels under which the tagger sometimes files a name ("Zhanaozen" as CARDINAL).
_NUMERIC = {"CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
#: Prepositions of place: a mistagged name governed by one of them is a place.
_LOCATIVE = {"in", "at", "near", "from", "outside", "around", "across", "into", "to", "throughout"}


def trim(text: str, start: int) -> tuple[str, int, int] | None:
    """`text` (found at `start`) without a leading article/title, trailing lower-case words
    ("Christie today", "the Republican party") or a trailing possessive.

    Returns (text, start, end) or None when nothing is left."""
    junk = " ,;:-\u2013\u2014\"'\u201c\u201d"
    stripped = text.lstrip(junk)
    start += len(text) - len(stripped)
    text = _TRAILING_LOWER.sub("", stripped)
    m = _POSSESSIVE.search(text)
    if m and m.start() > 0:
        text = text[: m.start()]
    while True:
        head, sep, rest = text.partition(" ")
        if (
            not sep
            or (head.rstrip(".").lower() not in TITLES and head not in _ARTICLES)
            or not rest[:1].isupper()
        ):
            break
        start += len(head) + 1
        text = rest.lstrip()
        start += len(rest) - len(text)
    stripped = text.lstrip(junk)
    start += len(text) - len(stripped)
    text = stripped.rstrip(junk)
    if len(text) < 2 or not any(c.isupper() for c in text):
        return None
    return text, start, start + len(text)


def _sent_index(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


_WORD = re.compile(r"[^\W_]+(?:(?:['\u2019](?!s\b)|[.-])[^\W_]+)*")


def name_words(surface: str) -> tuple[str, ...]:
    """The words of a name as written (a hyphenated word stays one word)."""
    return tuple(_WORD.findall(surface))


def scan_names(
    text: str, mentions: list[Mention], known: dict[tuple[str, ...], str], starts: list[int]
) -> list[Mention]:
    """`mentions` plus every whole-word occurrence in `text` of a `known` name (word tuple
    -> label) that no mention covers yet: case-sensitive, at most one character (a space or
    hyphen) between words, not part of a hyphenated compound.  One pass over the words."""
    out = list(mentions)
    if not known:
        return out
    lengths: dict[str, set[int]] = defaultdict(set)
    for k in known:
        lengths[k[0]].add(len(k))
    taken = bytearray(len(text) + 1)
    for m in out:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    words = [text[a:b] for a, b in spans]
    i = 0
    while i < len(spans):
        step = 1
        for n in sorted(lengths.get(words[i], ()), reverse=True):
            if i + n > len(spans) or tuple(words[i : i + n]) not in known:
                continue
            s, e = spans[i][0], spans[i + n - 1][1]
            if any(spans[j + 1][0] - spans[j][1] > 1 for j in range(i, i + n - 1)) or any(taken[s:e]):
                continue
            if (s > 0 and text[s - 1] == "-") or text[e : e + 1] == "-":
                continue
            out.append(Mention(text[s:e], known[tuple(words[i : i + n])], s, e, _sent_index(starts, s)))
            taken[s:e] = b"\x01" * (e - s)
            step = n
            break
        i += step
    return out


def find_mentions(text: str, ents: list[tuple[str, str, int]], starts: list[int]) -> list[Mention]:
    """Mentions from tagged spans ``(text, label, start)``, repaired for consistency.

    Kept labels are trimmed; then every other whole-word occurrence of a kept surface form
    not already inside a kept mention (untagged, or tagged as a number or date) becomes a
    mention with that form's majority label."""
    out: list[Mention] = []
    for etext, label, estart in ents:
        if label in KEEP:
            t = trim(etext, estart)
            if t:
                out.append(Mention(t[0], label, t[1], t[2], _sent_index(starts, t[1])))
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for m in out:
        if len(m.text) >= 3 or m.text.isupper():
            words = name_words(m.text)
            if words:
                votes[words][m.label] += 1
    known = {k: v.most_common(1)[0][0] for k, v in votes.items()}
    return sorted(scan_names(text, out, known, starts), key=lambda m: m.start)


def doc_terms(sdoc) -> dict[str, int]:
    """Clustering terms of a parsed document (read through arrays, not Token objects)."""
    from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA, ORTH, POS
    from spacy.parts_of_speech import IDS

    arr = sdoc.to_array([ORTH, LEMMA, POS, IS_ALPHA, IS_STOP])
    strings = sdoc.vocab.strings
    keep_pos = {IDS[p] for p in _TERM_POS}
    naming = {IDS[p] for p in _NAMING_POS}
    terms: Counter = Counter()
    for orth, lemma, pos, is_alpha, is_stop in arr.tolist():
        if is_alpha:
            if not is_stop and pos in keep_pos:
                lem = strings[lemma].lower()
                if len(lem) > 1:
                    terms[lem if pos in naming else "~" + lem] += 1
            continue
        text = strings[orth]
        if _YEAR.match(text):
            terms["#y:" + text] += 1
        elif _NUMBER.match(text):
            terms["#n:" + text.replace(",", "")] += 1
    return dict(terms)


def _relabel(ent) -> str:
    """The label of a tagged span; a capitalised proper noun that the tagger filed as a
    number and that follows a preposition of place is relabelled GPE."""
    if (
        ent.label_ in _NUMERIC
        and all(t.pos_ == "PROPN" and t.is_alpha and not t.like_num for t in ent)
        and ent.text[:1].isupper()
        and ent.root.head.lower_ in _LOCATIVE
        and ent.root.dep_ == "pobj"
    ):
        return "GPE"
    return ent.label_


_SUFFIXES = ("jr", "sr", "ii", "iii", "iv")


def _span_text(ent) -> str:
    """A PERSON span's text, extended over capitalised proper nouns the tagger left out
    right after it ("Qasym-Zhomart" + "Toqaev"): a name does not stop mid-name."""
    if ent.label_ != "PERSON":
        return ent.text
    doc, end = ent.doc, ent.end
    while (
        end < len(doc)
        and end - ent.start < 5
        and doc[end].ent_iob_ == "O"
        and doc[end].pos_ == "PROPN"
        and doc[end].is_alpha
        and doc[end].is_title
        and not doc[end].is_sent_start
        and doc[end - 1].whitespace_ == " "
    ):
        end += 1
    # a generational suffix the tagger left out ("Martin L. King, Jr.")
    at = end + (end < len(doc) and doc[end].text == ",")
    if at < len(doc) and doc[at].text.rstrip(".").lower() in _SUFFIXES and doc[at].text[:1].isupper():
        end = at + 1
    return doc[ent.start : end].text


@component("mentions")
def mentions(sdoc, rec: DocRecord) -> None:
    starts = [s for s, _ in rec.sentences]
    ents = [(_span_text(e), _relabel(e), e.start_char) for e in sdoc.ents]
    rec.mentions = find_mentions(sdoc.text, ents, starts)
    rec.terms = doc_terms(sdoc)
