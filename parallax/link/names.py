"""A model of names: what a name looks like, and when two written forms of a person's name
name one person.

* Shape (``shape_fault``): a name is capitalised words, joined only by the small words names
  use ("of", "and", "de", "van", ...); a lower-case content word ("Somewhere in the", "Trump
  ordered the end of ..."), a web address, a person's name with a digit or a possessive
  inside, are not names.
* People (``PersonName``, ``same_person``): a written name is read as given name, middle
  names or initials, surname and suffix (Jr., III).  Two names are one person when the
  surnames agree, the given names agree as written, as a nickname of the other (David / Dave,
  Charles / Chuck: the ``nicknames`` table) or as its initial or shortening (Tim / Timothy),
  the middle names do not contradict each other (missing on one side is no contradiction)
  and the suffixes are the same (Jr. is not his father).
* Honorifics (``honorific_gender``): "Mr." names a man, "Mrs."/"Ms."/"Miss" a woman.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

#: lower-case words that may join the capitalised words of a name ("Bank of America",
#: "Alice in Wonderland", "Roe v. Wade") or start a surname ("de Leon", "van der Berg").
CONNECTORS = frozenset(
    {
        "of",
        "the",
        "and",
        "for",
        "on",
        "in",
        "at",
        "to",
        "upon",
        "under",
        "v",
        "vs",
        "y",
        "e",
        "&",
    }
)
PARTICLES = frozenset(
    {
        "de",
        "del",
        "della",
        "der",
        "den",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "bin",
        "ibn",
    }
)
#: articles joined to an Arabic name by a hyphen ("al-Sharia", "el-Sisi").
ARABIC_ARTICLES = frozenset({"al", "el", "ad", "as", "ash", "at", "az", "ar"})
#: generational suffixes of a personal name.
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: honorifics that tell a person's gender.
_GENDER = {
    "mr": "m",
    "mister": "m",
    "sir": "m",
    "lord": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "madam": "f",
    "madame": "f",
    "lady": "f",
    "dame": "f",
}
_HONORIFIC_BEFORE = re.compile(
    r"\b((?:"
    + "|".join(w.capitalize() for w in _GENDER)
    + "|"
    + "|".join(w.upper() for w in _GENDER)
    + r")\.?)\s+$"
)
_WEB = re.compile(r"@|https?\b|www\.|\.(?:com|org|net)\b|\bpic\.", re.I)


#: kin and role nouns written right before a name ("his wife Melania", "first lady", "son").
_ROLE_BEFORE = re.compile(
    r"\b(?:(?P<f>wife|widow|mother|daughter|sister|first lady|actress|congresswoman|spokeswoman|"
    r"chairwoman|girlfriend)|(?P<m>husband|widower|father|son|brother|actor|congressman|spokesman|"
    r"chairman|boyfriend)),?\s+$",
    re.I,
)


def role_gender(text: str, start: int) -> str | None:
    """'m' or 'f' when the name at `start` follows a gendered kin or role noun ("his wife")."""
    m = _ROLE_BEFORE.search(text, max(0, start - 20), start)
    return None if m is None else "f" if m.group("f") else "m"


def honorific_before(text: str, start: int) -> str:
    """The gendered honorific as written ("Mrs.") right before the name at `start`, or ""."""
    m = _HONORIFIC_BEFORE.search(text, max(0, start - 10), start)
    return m.group(1) if m else ""


def gender_of(honorific: str) -> str | None:
    """'m' or 'f' for a gendered honorific ("Mr.", "Mrs", "Ms."), else None."""
    return _GENDER.get(honorific.rstrip(".").lower())


def leading_gender(surface: str) -> str | None:
    """The gender of the honorific that opens a name as written ("Mrs. Clinton" -> 'f')."""
    head, _, rest = surface.strip().partition(" ")
    return gender_of(head) if rest else None


def _plain(word: str) -> str:
    w = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in w if c.isalnum())


def _capitalised(word: str) -> bool:
    """A word a name may hold: capitalised, or a number ("83rd Street", "9/12 Project")."""
    first = next((c for c in word if c.isalnum()), "")
    return first.isupper() or first.isdigit()


def shape_fault(surface: str, label: str) -> str | None:
    """Why `surface` (a mention as trimmed) is not a name of kind `label`, or None when it
    has a name's shape."""
    if _WEB.search(surface):
        return "a web address"
    words = surface.split()
    if not words:
        return "empty"
    for i, w in enumerate(words):
        if _capitalised(w):
            continue
        bare = _plain(w)
        inner = 0 < i < len(words) - 1
        if (bare in PARTICLES or bare in ARABIC_ARTICLES) and i < len(words) - 1:
            continue  # "de Leon", "Jose de San Martin"
        if inner and (bare in CONNECTORS or w in ("&", "-")):
            continue
        head, _, tail = w.partition("-")
        if _plain(head) in PARTICLES | ARABIC_ARTICLES and _capitalised(tail):
            continue  # "al-Qaeda", "bin-Laden" (not "ex-Republican", "anti-Semitism")
        return "a lower-case word" if inner else "starts or ends with a lower-case word"
    if label == "PERSON":
        if any(c.isdigit() for c in surface):
            return "a person's name with a digit"
        if re.search(r"['\u2019]s\b", surface):
            return "a possessive inside a person's name"
        if len(words) > 5:
            return "too long for a person's name"
    return None


# ---------------------------------------------------------------- people


@functools.lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


@functools.lru_cache(maxsize=1 << 14)
def _name_family(given: str) -> frozenset[str]:
    """`given` with its nicknames and the names it is a nickname of (lower case)."""
    nn = _nicknamer()
    out = {given} | nn.nicknames_of(given) | nn.canonicals_of(given)
    return frozenset(out)


def is_given_name(word: str) -> bool:
    """True when `word` is a given name (or a nickname) of the ``nicknames`` table."""
    w = _plain(word)
    return bool(_name_family(w) - {w})


def given_compatible(a: str, b: str) -> bool:
    """Two given names (lower case, no punctuation) that may name one person: equal, one the
    initial of the other, one a shortening of the other (3 letters or more), or nicknames."""
    if not a or not b or a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    return b in _name_family(a) or a in _name_family(b)


@dataclass(frozen=True)
class PersonName:
    """A written personal name read into its parts (lower case, no punctuation)."""

    given: str
    middles: tuple[str, ...]
    surname: tuple[str, ...]
    suffix: str

    @property
    def full(self) -> bool:
        return bool(self.given)


def parse_person(
    surface: str, surname_words: int = 1, fold: Callable[[str], str] | None = None
) -> PersonName | None:
    """`surface` (titles already stripped) read as a person's name; `surname_words` is how many
    of its last words (suffix aside) form the surname ("Pena Nieto": 2), `fold` how surname
    words are compared (spelling variants folded).  None for no words."""
    words = [w for w in surface.replace(",", " ").split() if _plain(w)]
    suffix = ""
    if len(words) > 1 and _plain(words[-1]) in SUFFIXES:
        suffix = _plain(words.pop())
    plain = [_plain(w) for w in words]
    if not plain:
        return None
    k = max(1, min(surname_words, len(plain) - 1)) if len(plain) > 1 else 1
    # particles belong to the surname ("Kevin de Leon")
    while k < len(plain) - 1 and plain[-k - 1] in PARTICLES:
        k += 1
    surname = tuple(fold(w) for w in words[-k:]) if fold else tuple(plain[-k:])
    rest = plain[:-k]
    return PersonName(given=rest[0] if rest else "", middles=tuple(rest[1:]), surname=surname, suffix=suffix)


def _middles_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return True
    return len(a) == len(b) and all(given_compatible(x, y) for x, y in zip(a, b, strict=True))


def same_person(a: PersonName, b: PersonName) -> bool:
    """Two full names of one person (see the module's docstring)."""
    if a.surname != b.surname or not (a.full and b.full):
        return False
    if a.suffix != b.suffix:
        return False  # "Donald Trump Jr." is not his father
    return given_compatible(a.given, b.given) and _middles_compatible(a.middles, b.middles)
