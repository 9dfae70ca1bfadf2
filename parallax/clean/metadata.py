"""Who published an article and who wrote it, read from the lines that say so:
bylines ("By Jane Roe, City News, Springfield"; "- Jane Roe and John Doe in Springfield,
and agencies"), datelines ("SPRINGFIELD, Jan 6 (AP) -"), mastheads, credit lines
("Source: City News") and copyright notices."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Words that make up newspaper, broadcaster and agency names ("The Daily Herald", "City News").
PUBLICATION_WORDS = frozenset(
    """
    News Newswire Times Post Herald Tribune Journal Gazette Chronicle Observer Examiner Inquirer
    Enquirer Courier Dispatch Register Record Bulletin Standard Review Daily Weekly Press Sentinel
    Leader Advertiser Argus Mercury Monitor Telegraph Guardian Independent Mirror Express Mail Star
    Sun Globe Times-Picayune Radio Television TV Broadcasting Network Channel Agency Wire Media
    Magazine Online Reuters AFP AP UPI""".split()
)

#: Wire agencies as datelines abbreviate them.
AGENCIES = {
    "AP": "Associated Press",
    "AFP": "Agence France-Presse",
    "UPI": "United Press International",
    "DPA": "Deutsche Presse-Agentur",
    "ANSA": "ANSA",
    "EFE": "EFE",
}

#: Words of section labels that look like publication names ("Breaking News", "Media Advisory").
LABEL_WORDS = frozenset(
    """Breaking Links Advisory Report Reports Update Updated Updates Alert Alerts Latest Top
    Local More Related Special Live""".split()
)

#: Words that describe a job, not a person ("Staff Writer", "Correspondent").
ROLE_WORDS = frozenset(
    """staff writer writers reporter reporters correspondent correspondents editor
    editors desk contributor contributors bureau columnist producer team wire wires agencies agency
    services service newsroom""".split()
)

_NAME_PARTICLES = frozenset("de da del della der di du la le van von bin al el ibn y st. mc".split())
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.)$")
_BY_PREFIX = re.compile(r"^(?:(?:written|words|story|text|reporting)\s+)?by\s+", re.I)
_DASH_PREFIX = re.compile(r"^(?:[-–—]{1,2})\s*")
_AGENCIES_TAIL = re.compile(
    r",?\s*(?:and|with|&)\s+(?:news\s+)?(?:agencies|wires|wire services)\s*\.?$", re.I
)
_IN_PLACE = re.compile(r"\s+(?:in|at|from)\s+[A-Z].*$")

_DATELINE = re.compile(
    r"^(?P<place>(?:[A-Z][A-Z.'’-]+)(?:[ /][A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.]*\.?(?:\s[A-Z][\w.]*)?)?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?\s*"
    r"\((?P<agency>[^()]{2,40})\)\s*[-–—:]"
)
_SELF_REFERENCE = re.compile(
    r"(?<![\w/])(?P<org>[A-Z][\w/&.-]*[A-Z][\w/&.-]*|[A-Z][a-z]+(?:\s[A-Z][\w/&.-]*){0,2})"
    r"(?:['’]s\s+[A-Z][a-z]+\s+Service\b|\s+(?:journalists|correspondents|reporters)\b)"
)
_CREDIT = re.compile(r"^(?:source|sources|credit)\s*:\s*(?P<who>.+?)\.?$", re.I)
_COPYRIGHT_HOLDER = re.compile(
    r"(?:copyright|©|\(c\))\s*(?:©\s*)?(?P<year>(?:19|20)\d\d)?\s*(?:by\s+)?(?P<holder>[A-Z][^.©]{1,60}?)"
    r"(?:\s*\.?\s*All rights reserved|\s*\.|\s*$)",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _tokens(s: str) -> list[str]:
    return s.replace(",", " ").split()


def is_person_name(s: str) -> bool:
    """True for "Jane Roe", "Mary-Ann de la Cruz", "JOHN DOE": 2 to 5 capitalised words, no role word."""
    toks = s.split()
    if not 2 <= len(toks) <= 5:
        return False
    if any(t.lower().strip(".,") in ROLE_WORDS or t in PUBLICATION_WORDS for t in toks):
        return False
    caps = [t for t in toks if t.lower() not in _NAME_PARTICLES]
    return len(caps) >= 2 and all(_NAME_TOKEN.match(t) and not any(ch.isdigit() for ch in t) for t in caps)


def is_publication_name(s: str) -> bool:
    """True for a short capitalised name holding a publication word ("BBC News", "The Daily Star")
    or for an acronym alone ("CNN")."""
    toks = _tokens(s)
    if not 1 <= len(toks) <= 6 or not toks[0][0].isupper():
        return False
    if len(toks) == 1 and re.fullmatch(r"[A-Z][A-Z0-9&/-]{1,7}", toks[0]):
        return True
    lower = [t for t in toks if t[0].islower() and t not in ("of", "the", "and", "&", "for", "de")]
    return not lower and any(t.strip(".'’") in PUBLICATION_WORDS for t in toks)


def _split_names(part: str) -> list[str]:
    """ "A B and C D in Place" -> ["A B", "C D"]."""
    names = (_IN_PLACE.sub("", n).strip(" .") for n in re.split(r"\s+(?:and|&)\s+|\s*[;,]\s*", part))
    return [n for n in names if n]


def parse_byline(line: str, require_prefix: bool = True) -> tuple[list[str], str | None] | None:
    """(authors, outlet) of a byline line, or None when `line` is not one.

    Accepted: "By A B", "By A B and C D, Outlet, Place", "- A B and C D in Place, and agencies",
    "By City News Staff" (no author).  With ``require_prefix=False`` a bare "A B and C D" is
    accepted too (for author fields of page metadata).
    """
    s = line.strip()
    m = _BY_PREFIX.match(s) or _DASH_PREFIX.match(s)
    if m:
        s = s[m.end() :]
    elif require_prefix:
        return None
    if not s or len(s.split()) > 16 or s.endswith(("!", "?")) or re.search(r"[\"“”:@\d]", s):
        return None
    agencies = bool(_AGENCIES_TAIL.search(s))
    s = _AGENCIES_TAIL.sub("", s).strip(" ,.")
    authors: list[str] = []
    outlet: str | None = None
    for i, part in enumerate(p.strip() for p in re.split(r"\s*[,|;]\s*|\s+[-–—]\s+", s)):
        if not part:
            continue
        words = part.split()
        names = _split_names(part)
        if names and all(is_person_name(n) for n in names):
            authors.extend(names)
        elif any(w.lower().strip(".") in ROLE_WORDS for w in words) and all(
            w[0].isupper() or w.lower() in ROLE_WORDS for w in words
        ):
            continue  # "Staff Writer", "City News Staff"
        elif is_publication_name(part) and outlet is None:
            outlet = part
        elif i == 0:
            return None
        else:
            break  # a place ("Almaty") or anything else ends the byline
    if (
        not authors
        and outlet is None
        and not agencies
        and not any(w.lower() in ROLE_WORDS for w in s.split())
    ):
        return None
    return authors, outlet


def dateline(first_line: str) -> tuple[str | None, tuple[int, int] | None] | None:
    """(outlet, (month, day)) from a dateline opening the body ("ALMATY, Jan 6 (Reuters) -"), or None."""
    m = _DATELINE.match(first_line)
    if not m or not re.search(r"[A-Z]{3}|[A-Z]\.[A-Z]", m["place"]):
        return None
    from .dates import month_day

    agency = re.split(r"\s*[/,;]\s*", m["agency"].strip())[0]
    if not agency or agency.lower() in ("file", "photo", "video", "updated"):
        return None
    outlet = (
        AGENCIES.get(agency.upper(), agency) if agency.isupper() or agency.upper() in AGENCIES else agency
    )
    return outlet, month_day(m["date"]) if m["date"] else None


def masthead(line: str) -> str | None:
    """The publication named by a masthead line ("The Daily Herald"), or None."""
    s = line.strip()
    if s.endswith((".", "!", "?", ":")) or any(ch.isdigit() for ch in s):
        return None
    words = s.split()
    if len(words) > 5 or any(w in LABEL_WORDS or w.lower() in ROLE_WORDS for w in words):
        return None
    return s if is_publication_name(s) and any(w.strip(".'’") in PUBLICATION_WORDS for w in words) else None


def credit(line: str) -> str | None:
    """The outlet named by a credit line ("Source: City News"), or None."""
    m = _CREDIT.match(line.strip())
    if m and len(m["who"].split()) <= 6 and m["who"][0].isupper():
        return m["who"].strip()
    return None


def copyright_notice(line: str) -> tuple[str | None, int | None]:
    """(holder, year) of a copyright notice, each None when not stated."""
    m = _COPYRIGHT_HOLDER.search(line)
    if not m:
        return None, None
    holder = m["holder"].strip(" ,;") if m["holder"] else None
    if holder and (len(holder.split()) > 6 or holder.lower().startswith(("all rights", "this material"))):
        holder = None
    year = int(m["year"]) if m["year"] else None
    if year is None:
        y = _YEAR.search(line)
        year = int(y.group()) if y else None
    return holder, year


def self_reference(text: str) -> str | None:
    """An outlet the text names as its own at least twice ("X journalists in ... said",
    "X's Kazakh Service reported"), or None."""
    counts: dict[str, int] = {}
    for m in _SELF_REFERENCE.finditer(text):
        org = m["org"]
        if org.split()[0] in ("The", "A", "An", "Local", "Foreign", "Western", "State", "Other", "Our"):
            continue
        counts[org] = counts.get(org, 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
    return best[0] if best[1] >= 2 else None


def title_suffix(title: str | None) -> tuple[str | None, str | None]:
    """(title without trailing site names, the site name) for "Headline - City News 12" or
    "Headline :: Site.com | Region News"; (title, None) when there is no such suffix."""
    site = None
    while title:
        m = re.match(r"^(?P<head>.{12,}?)\s+(?:[-–—|]|::)\s+(?P<site>[^-–—|]{2,80})$", title.strip())
        if not m:
            break
        cand = m["site"].split(",")[0].strip()
        if not (
            re.search(r"\.(?:com|org|net|co\.uk|tv)\b", cand, re.I)
            or is_publication_name(cand)
            or is_publication_name(" ".join(cand.split()[:3]))
        ):
            break
        title, site = m["head"].strip(), cand
    return title, site


def url_host(url: str | None) -> str | None:
    """The publisher's host name from a URL ("example.com"), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


def split_authors(value: str | None) -> list[str]:
    """Author names from a page's author field ("A B; C D and E F"), role words dropped."""
    if not value:
        return []
    out = []
    for part in re.split(r"\s*[;,|]\s*|\s+(?:and|&)\s+", value):
        part = _BY_PREFIX.sub("", part).strip(" .")
        if is_person_name(part):
            out.append(part)
    return out


def reporters(line: str) -> list[str]:
    """The reporters named by a closing credit line ("Reporting by A and B in Place; Editing by C")."""
    out: list[str] = []
    for part in re.split(r"\s*;\s*", line):
        m = re.match(
            r"^(?:additional\s+)?(?:reporting|writing)\s+by\s+(?P<names>.+?)\.?$", part.strip(), re.I
        )
        if m:
            out.extend(n for n in _split_names(m["names"]) if is_person_name(n))
    return out
