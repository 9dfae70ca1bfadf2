"""Which lines of an article are not its story: line-shape rules, positions and repetition.

Each paragraph line is judged by general rules, never by a list of one corpus's lines:

- known shapes of web and print residue, wherever they stand: photo captions and credits,
  share/comment/newsletter/paywall prompts, related-link labels, gallery counters, video
  timestamps, decorative lines, copyright notices, contact lines, date stamps;
- positions: a masthead before the headline, bylines near the top or the bottom, short
  label-like lines trailing after the last sentence (footers);
- repetition: a headline-like line (short, no final stop) that occurs twice in the document,
  the title repeated in the body, a paragraph repeated word for word.

A few trailing fragments are cut from inside a line (" read more", "(Published ...)",
"(Photo: ...)", "Updated: <date>"); everything removed is reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import metadata

# ---------------------------------------------------------------- line shapes


def _any(*alternatives: str) -> str:
    """Alternatives as one non-capturing regex group."""
    return "(?:" + "|".join(alternatives) + ")"


_WEB_UI = re.compile(
    "^"
    + _any(
        r"share",
        r"share this(?:\s+(?:story|article|page|post))?",
        r"share (?:on|via) \w+",
        r"tweet",
        r"e-?mail(?:\s+this(?:\s+(?:story|article))?)?",
        r"print(?:\s+this(?:\s+(?:story|article|page))?)?",
        r"save",
        r"bookmark",
        r"comments?",
        r"\d+\s+(?:pending\s+)?comments?",
        r"no comments(?: yet)?",
        r"(?:view|show|hide|read) comments",
        r"leave a (?:reply|comment)",
        r"post a comment",
        r"add a comment",
        r"join the (?:conversation|discussion)",
        r"facebook",
        r"twitter",
        r"pinterest",
        r"google\+?",
        r"linkedin",
        r"whatsapp",
        r"reddit",
        r"tumblr",
        r"instagram",
        r"more",
        r"close",
        r"menu",
        r"search",
        r"home",
        r"next",
        r"previous",
        r"back to top",
        r"advertisement",
        r"advertising",
        r"sponsored(?:\s+content)?",
        r"enlarge",
        r"(?:advertisement\W+)?continue reading(?: below)?",
        r"photos?",
        r"videos?",
        r"gallery",
        r"text size",
        r"font size",
        r"a\s+a",
        r"loading",
        r"listen",
        r"audio",
        r"(?:view|see|open) (?:gallery|slideshow|photos)",
        r"skip (?:to )?(?:content|ad)",
        r"related",
        r"related (?:stories|articles|links|content|coverage|posts|topics)",
        r"most (?:read|popular|viewed|shared)",
        r"trending(?: now)?",
        r"recommended(?: for you)?",
        r"top stories",
        r"latest news",
        r"you may also like",
        r"(?:also|more) (?:on|from|in) [\w ]{1,30}",
    )
    + r"\W*$",
    re.I,
)
_LINK_LABEL = re.compile(
    "^"
    + _any(
        r"read more",
        r"read next",
        r"related",
        r"also",
        r"see also",
        r"more",
        r"watch",
        r"listen",
        r"more on this story",
        r"more coverage",
        r"latest",
        r"top trending",
        r"trending",
        r"recommended",
        r"further reading",
        r"more from [\w ]+",
        r"share this",
        r"like this",
    )
    + r"\s*[:|…]",
    re.I,
)
_CAPTION = re.compile(
    "^"
    + _any(
        r"\W*\?\?\s",
        r"(?:photo(?:graph)?s?|picture|image|pic|video|illustration|graphic|caption)\s*"
        r"(?:credit|caption|copyright|source)?\s*[:|]",
        r"(?:image|media|photo|video|picture)\s+(?:caption|copyright|source|credit)\b",
        r"\((?:photo|image|picture|video|credit|file)s?\b[^)]*\)$",
    ),
    re.I,
)
_CAPS_CAPTION = re.compile(r"^[A-Z][A-Z .&/'’-]*\b(?:IMAGES?|PHOTOS?|PICTURES?|PHOTOGRAPHY)\b[A-Z .&/'’-]*:")
_PHOTO_CREDIT = re.compile(r"(?:/|\bvia\s)\s*[\w ]{0,30}\b(?:Images?|Photos?|Pictures)\)?\.?$")
_READER_WEB = re.compile(
    r"\b"
    + _any(
        r"click",
        r"tap",
        r"sign(?:ing)?[ -]?(?:up|in)",
        r"log[ -]?in",
        r"subscri\w+",
        r"newsletters?",
        r"register\w*",
        r"download",
        r"(?:our|the|free|mobile)\s+apps?",
        r"browser",
        r"javascript",
        r"cookies?",
        r"notifications?",
        r"verification",
        r"profile",
        r"account",
        r"e-?mail alerts?",
        r"(?:confirmation|verification) e-?mail",
        r"e-?mail address",
        r"(?:spam|junk) folder",
        r"alerts",
        r"follow us",
        r"like us",
        r"inbox",
        r"zip ?code",
        r"ad[ -]?block\w*",
        r"enter the characters",
        r"password",
        r"user ?name",
        r"comment\w*",
        r"this (?:story|article|item|page|video)",
        r"watch (?:the )?video",
        r"our (?:site|website|app)",
    )
    + r"\b",
    re.I,
)
_NETWORKS = re.compile(
    r"\b(?:facebook|twitter|instagram|youtube|linkedin|pinterest|tiktok|snapchat|whatsapp)\b", re.I
)
_GALLERY_UI = re.compile(
    r"\b(?:buy|purchase) this (?:photo|image)\b|\bview full caption\b|\bcaption close\b|"
    r"\bimage \d+ of \d+\b",
    re.I,
)
_SOCIAL = re.compile(r"\b(?:follow|like|join)\b.{0,40}\b(?:on|at)\s+(?:twitter|facebook|instagram)\b", re.I)
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|yours)\b", re.I)
_NEWSLETTER = re.compile(r"\bnewsletters?\b", re.I)
_SIGNUP = re.compile(r"\b(?:sign(?:ing)?[ -]up|subscribe|get|receive|deliver\w*|inbox|e-?mail)\b", re.I)
_PAYWALL = re.compile(
    r"\b(?:subscri(?:be|ber|bers|ption|ptions)|paywall|digital access|premium (?:content|access)|"
    r"free articles?|articles? remaining|already a (?:subscriber|member))\b",
    re.I,
)
#: an error or gate page's message (HTTP errors, a robot check, a sign-in wall, an article limit).
_ERROR_PAGE = re.compile(
    r"^(?:"
    + "|".join(
        [
            r"(?:http\s*)?(?:error\s*)?[45]\d\d\b\W*(?:error|not found|forbidden|page|bad request|gone|"
            r"(?:service\s+)?unavailable|internal server error)",
            r"error\s*[45]\d\d\b",
            r"(?:the\s+|this\s+)?page (?:you (?:requested|are looking for)\s+)?(?:was |is |could )?"
            r"(?:not|no longer|cannot|can't|couldn't)\s+(?:be\s+)?(?:found|available|exists?)",
            r"page not found",
            r"access (?:denied|forbidden)",
            r"are you a (?:robot|human)",
            r"(?:please\s+)?(?:verify|confirm) (?:that\s+)?you(?:'re| are) (?:a\s+)?human",
            r"(?:please\s+)?enable (?:javascript|cookies)",
            r"(?:please\s+)?(?:sign|log) ?in to (?:continue|read|view)",
            r"you(?:'ve| have) reached (?:your|the) (?:free\s+|monthly\s+)?(?:article|story|page)s? limit",
            r"sorry,? (?:this|the) (?:page|article|content) (?:is|was|has)",
        ]
    )
    + r")",
    re.I,
)
_ADDRESS = re.compile(r"\b(?:you|your|our|please|now|today|sign|log)\b", re.I)
_PLAYER = re.compile(
    r"\bjavascript\b|\bad[ -]?block|^(?:scroll down for (?:the )?video|watch (?:the )?video|"
    r"video:|now playing|up next|autoplay|replay|pause|play video|watch this story)\b",
    re.I,
)
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b\s*(?:©|\(c\))?\s*(?:(?:19|20)\d\d|by\b)|"
    r"\ball rights reserved\b|\bmay not be (?:published|reproduced|redistributed|broadcast|copied)\b",
    re.I,
)
_TIMESTAMP = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s+(?![ap]\.?m\b)\S.*)?$", re.I)
_COUNTER = re.compile(r"^(?:(?:photo|image|slide|picture|page)\s+)?\d{1,3}\s*(?:/|of)\s*\d{1,3}$", re.I)
_DECORATIVE = re.compile(r"^[\W_]+$|^(?:presentational|decorative)\b.{0,40}$", re.I)
_CONTACT = re.compile(
    "^"
    + _any(
        r"\S+@\S+\.\w+",
        r"\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}",
        r"https?://\S+",
        r"www\.\S+",
        r"(?:twitter|facebook|instagram|e-?mail|follow)\s*:?\s*@?\S+",
        r"(?:contact|e-?mail|reach|follow)\s+.{2,60}?"
        r"(?:@\S+|\d{3}[ .)-]+\d{3}[ .-]\d{4}|on (?:twitter|facebook|instagram)\b).*",
    )
    + "$",
    re.I,
)
_CREDIT_LINE = re.compile(
    r"^(?:sources?|credits?)\s*:|^(?:with\s+|additional\s+)?reporting\s+by\b|"
    r"^(?:editing|writing|compiled|edited)\s+by\b",
    re.I,
)
_DATELINE_ONLY = re.compile(
    r"^[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.]*\.?(?:\s[A-Z][\w.]*)?)?\s*[-–—]+$"
)
_LABEL = re.compile(r"^[A-Z][^.!?]{0,40}:$")
_LABEL_VERBS = re.compile(
    r"^(?:download|submit|follow|sign|subscribe|watch|read|click|see|more|related|share|like|"
    r"get|join|listen|view|earlier|previous|original|other|also|update[sd]?)\b",
    re.I,
)
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|wrote|asked|explained|stated|according)\b", re.I
)
_QUOTES = re.compile(r"[\"“”«»]")

# A date stamp line: nothing but dates, times, weekdays and words like "Updated" or "Posted".
_STAMP_WORDS = re.compile(
    r"(?<!\w)"
    + _any(
        r"(?:last\s+)?(?:updated|modified|posted|published|created|first published|released)(?:\s+(?:on|at))?",
        r"on",
        r"at",
        r"by",
        r"[ap]\.?m\.?",
        r"[ecmp][sd]t",
        r"gmt",
        r"utc",
        r"bst",
        r"ist",
        r"cet",
        r"cest",
        r"aest",
        r"et",
        r"pt",
        r"ct",
        r"mt",
        r"mon",
        r"tue",
        r"tues",
        r"wed",
        r"thu",
        r"thur",
        r"thurs",
        r"fri",
        r"sat",
        r"sun",
        r"monday",
        r"tuesday",
        r"wednesday",
        r"thursday",
        r"friday",
        r"saturday",
        r"sunday",
        r"jan",
        r"feb",
        r"mar",
        r"apr",
        r"may",
        r"jun",
        r"jul",
        r"aug",
        r"sep",
        r"sept",
        r"oct",
        r"nov",
        r"dec",
        r"january",
        r"february",
        r"march",
        r"april",
        r"june",
        r"july",
        r"august",
        r"september",
        r"october",
        r"november",
        r"december",
        r"today",
        r"yesterday",
        r"ago",
        r"hours?",
        r"minutes?",
        r"mins?",
        r"days?",
        r"weeks?",
        r"months?",
        r"years?",
    )
    + r"(?!\w)\.?",
    re.I,
)
_STAMP_SUFFIX = re.compile(
    r"\s+\(?(?:last\s+)?(?:updated|posted|published|modified)\s*:?\s+[^()]{4,60}\)?$", re.I
)
_TRIMS = (
    re.compile(r"(?<=\S)\s*(?:…|\.\.\.)?\s*\bread more\W*$", re.I),
    re.compile(r"\s*\((?:photo|photograph|image|picture|credit|file photo)s?\s*:?[^()]{0,80}\)$", re.I),
    re.compile(r"\s*\((?:published|updated|posted)\s+[^()]{4,60}\)$", re.I),
)


def norm_key(text: str) -> str:
    """A line folded for comparison: case, quote and apostrophe styles, punctuation, spacing."""
    s = unicodedata.normalize("NFKC", text).casefold()
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(re.sub(r"[^\w\s]", " ", s).split())


def is_date_stamp(text: str) -> bool:
    """True for a line that only dates the page ("Updated 4:08 p.m. ET", "Posted 12/19/2005 3:36 PM")."""
    if len(text.split()) > 14 or not re.search(r"\d", text):
        return False
    rest = _STAMP_WORDS.sub(" ", text)
    rest = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", " ", rest)
    rest = re.sub(r"[\d:/.,|()@+*-]|[-–—]", " ", rest)
    return (
        not rest.strip()
        and bool(re.search(r"\d{4}|\d{1,2}:\d{2}|\b(?:\d{1,2}/){2}\d{2}\b", text))
        and bool(_STAMP_WORDS.search(text) or re.search(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}", text))
    )


def ends_sentence(text: str) -> bool:
    """True when `text` ends like a sentence (stop, question or exclamation mark, closing quote)."""
    return bool(re.search(r"[.!?…。！？][\"”’')\]」』]*$|[\"”]$", text))


def headline_shaped(text: str) -> bool:
    """Short, has letters, and does not end like a sentence or a clause."""
    words = len(text.split())
    return 1 <= words <= 25 and bool(re.search(r"[A-Za-z]", text)) and not re.search(r"[.,;:]$", text)


def line_reason(text: str) -> str | None:
    """Why a line is residue by its shape alone, or None when it may be content."""
    words = len(text.split())
    quoted = bool(_QUOTES.search(text))
    if _DECORATIVE.match(text):
        return "decorative line"
    if _COUNTER.match(text):
        return "gallery counter"
    if _CAPTION.match(text) or _CAPS_CAPTION.match(text) or (words <= 12 and _PHOTO_CREDIT.search(text)):
        return "photo caption"
    if _GALLERY_UI.search(text):
        return "photo caption"
    if (words <= 8 and _WEB_UI.match(text)) or (words <= 10 and len(_NETWORKS.findall(text)) >= 2):
        return "share or navigation prompt"
    if words <= 25 and _LINK_LABEL.match(text):
        return "related-link label"
    if _TIMESTAMP.match(text) and not ends_sentence(text):
        return "video timestamp"
    if words <= 40 and _PLAYER.search(text):
        return "video player notice"
    if words <= 80 and _COPYRIGHT.search(text):
        return "copyright notice"
    if not quoted and words <= 60:
        if words <= 30 and _SECOND_PERSON.search(text) and _READER_WEB.search(text):
            return "reader prompt"
        if words <= 15 and _SOCIAL.search(text):
            return "social media prompt"
        if _NEWSLETTER.search(text) and _SIGNUP.search(text):
            return "newsletter prompt"
        if words <= 20 and _PAYWALL.search(text) and (_ADDRESS.search(text) or words <= 6):
            return "paywall notice"
    if words <= 15 and _ERROR_PAGE.match(text):
        return "error or gate page"
    if words <= 12 and _CONTACT.match(text):
        return "contact line"
    if words <= 40 and _CREDIT_LINE.match(text):
        return "credit line"
    if _DATELINE_ONLY.match(text):
        return "dateline without text"
    if is_date_stamp(text):
        return "date stamp"
    if (
        words <= 5
        and _LABEL.match(text)
        and not _SPEECH.search(text)
        and (text.isupper() or _LABEL_VERBS.match(text))
    ):
        return "label line"
    return None


# ---------------------------------------------------------------- the document pass


@dataclass
class Line:
    """One paragraph line and, when it is removed, why."""

    text: str
    reason: str | None = None

    @property
    def kept(self) -> bool:
        return self.reason is None


@dataclass
class Residue:
    """The outcome of the pass: kept lines, and the removed lines that carry metadata."""

    lines: list[Line]
    trimmed: list[str] = field(default_factory=list)  # fragments cut from inside kept lines
    title: str | None = None  # a headline taken from the first line
    bylines: list[str] = field(default_factory=list)
    mastheads: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    stamps: list[str] = field(default_factory=list)  # date stamp lines and suffixes
    copyrights: list[str] = field(default_factory=list)

    def kept(self) -> list[Line]:
        return [ln for ln in self.lines if ln.kept]

    def dropped(self) -> list[str]:
        return [ln.text for ln in self.lines if not ln.kept] + self.trimmed


def _trim(text: str, res: Residue) -> str:
    """`text` without trailing fragments ("... read more", "(Photo: ...)", "Updated: <date>")."""
    changed = True
    while changed:
        changed = False
        for rx in _TRIMS:
            m = rx.search(text)
            if m and m.start() > 0:
                res.trimmed.append(text[m.start() :].strip())
                text = text[: m.start()].rstrip()
                changed = True
        m = _STAMP_SUFFIX.search(text)
        if m and m.start() > 0 and is_date_stamp(m.group().strip(" ()")):
            res.stamps.append(m.group().strip(" ()"))
            res.trimmed.append(m.group().strip())
            text = text[: m.start()].rstrip()
            changed = True
    return text


def scan(paragraphs: list[str], title: str | None) -> Residue:
    """Judge every paragraph line of one article; `title` is the known headline, if any."""
    res = Residue(lines=[])
    for text in paragraphs:
        text = _trim(text, res)
        if text:
            res.lines.append(Line(text, line_reason(text)))
    for ln in res.lines:
        if ln.reason == "credit line":
            res.credits.append(ln.text)
        elif ln.reason == "date stamp":
            res.stamps.append(ln.text)
        elif ln.reason == "copyright notice":
            res.copyrights.append(ln.text)
    _masthead(res)
    _bylines(res)
    _title(res, title)
    _repeats(res)
    _footer(res)
    return res


def _masthead(res: Residue) -> None:
    """A publication name standing alone before a headline-shaped line."""
    kept = res.kept()
    if len(kept) >= 3 and metadata.masthead(kept[0].text) and headline_shaped(kept[1].text):
        kept[0].reason = "masthead"
        res.mastheads.append(kept[0].text)


def _bylines(res: Residue) -> None:
    """Bylines among the first lines and sign-offs among the last ones; elsewhere (a box by
    another reporter) only a "By ..." line naming a person."""
    kept = res.kept()
    edges = {id(ln) for ln in kept[:6] + kept[-4:]}
    for ln in kept:
        parsed = metadata.parse_byline(ln.text)
        if parsed is None:
            continue
        if id(ln) in edges or (parsed[0] and ln.text[:3].lower() == "by " and not ends_sentence(ln.text)):
            ln.reason = "byline"
            res.bylines.append(ln.text)


def _title(res: Residue, title: str | None) -> None:
    """The headline: the known title repeated in the body goes; without a known title, a
    headline-shaped first line becomes the title."""
    kept = res.kept()
    if not kept:
        return
    if (
        title is None
        and len(kept) > 1
        and headline_shaped(kept[0].text)
        and metadata.dateline(kept[0].text) is None
        and not ends_sentence(kept[0].text)
    ):
        res.title = title = kept[0].text
        kept[0].reason = "title"
    if not title:
        return
    keys = {norm_key(title)}
    head, _ = metadata.title_suffix(title)
    if head:
        keys.add(norm_key(head))
    keys.discard("")
    for ln in res.kept():
        k = norm_key(ln.text)
        if k in keys:
            ln.reason = "headline repeated"
        elif len(ln.text.split()) <= 40 and any(k.startswith(t) and len(t) >= 20 for t in keys):
            rest = ln.text[len(ln.text) - (len(k) - max(len(t) for t in keys if k.startswith(t))) :]
            if len(rest.split()) <= 14 and not ends_sentence(ln.text):
                ln.reason = "headline repeated"


def _repeats(res: Residue) -> None:
    """Headline-like lines that occur twice go (all copies); a repeated paragraph keeps its first copy."""
    counts: dict[str, int] = {}
    for ln in res.kept():
        k = norm_key(ln.text)
        counts[k] = counts.get(k, 0) + 1
    seen: set[str] = set()
    for ln in res.kept():
        k = norm_key(ln.text)
        if not k or counts[k] < 2:
            continue
        if headline_shaped(ln.text) and not ends_sentence(ln.text) and len(ln.text.split()) <= 15:
            ln.reason = "repeated heading"
        elif k in seen:
            ln.reason = "repeated paragraph"
        seen.add(k)


def _footer(res: Residue) -> None:
    """Short label-like lines after the last sentence of the article (print and web footers)."""
    kept = res.kept()
    for ln in reversed(kept[1:]):
        if len(ln.text.split()) > 6 or len(ln.text) > 60 or ends_sentence(ln.text) or _QUOTES.search(ln.text):
            break
        ln.reason = "footer"
        if metadata.masthead(ln.text):
            res.mastheads.append(ln.text)
