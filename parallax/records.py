"""The records that flow between stages.

Data flows one way: ``Article`` (ingest) -> ``Document`` (clean) -> ``DocRecord``
(per-document NLP; compact, picklable, no spaCy objects) -> ``Story`` (cross-document
linking) -> ``Dossier`` (outputs).  Every offset (``start``/``end``) is a character
offset into ``Document.text``, the clean body text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "parallax.dossier/1"

#: GDELT-style measures a claim can count.
MEASURES = (
    "KILL",
    "WOUND",
    "ARREST",
    "HOSPITALIZE",
    "DEPLOY",
    "PROTEST",
    "DISPLACE",
    "EVACUATE",
    "KIDNAP",
    "AFFECT",
    "OTHER",
)


def to_dict(obj: Any) -> Any:
    """A record (or list/dict of records) as plain JSON-ready data."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


# ---------------------------------------------------------------- ingest / clean


@dataclass
class Article:
    """One input record as read, before cleaning."""

    id: str
    source: str  # path or URL it was read from, as given
    record: int | str | None = None  # line number / record id inside a multi-record file
    text: str | None = None
    html: str | None = None
    title: str | None = None
    published: str | None = None  # "YYYY-MM-DD" or ISO timestamp, as given
    outlet: str | None = None
    url: str | None = None


@dataclass
class Rejected:
    """An input that did not become a document, with a reason a user understands."""

    source: str
    record: int | str | None
    reason: str


@dataclass
class Document:
    """A cleaned article: the dossier's Document."""

    id: str
    source: str
    outlet: str | None
    published: str | None  # "YYYY-MM-DD"
    title: str | None
    authors: list[str]
    text: str  # clean body; all offsets refer to this
    url: str | None = None
    dropped: list[str] = field(default_factory=list)  # boilerplate lines removed by cleaning
    #: the body held fewer than ``limits.min_words`` words after cleaning (a paywall or sign-up
    #: page): the text is the headline, then the body's few kept lines.
    headline_only: bool = False


# ---------------------------------------------------------------- per-document records


@dataclass
class Mention:
    """A named-entity mention in one document."""

    text: str
    label: str  # spaCy label (PERSON, ORG, GPE, LOC, NORP, ...)
    start: int
    end: int
    sent: int  # index into DocRecord.sentences


@dataclass
class ClaimRecord:
    """One counted claim as stated in one document."""

    id: str  # unique in the run: "<doc id>#c<n>"
    doc: str
    evidence: str  # the sentence/clause exactly as in Document.text
    start: int  # offsets of `evidence`
    end: int
    measure: str  # one of MEASURES
    subject: str  # who/what is counted
    low: float | None
    high: float | None
    approximate: bool = False
    vague: bool = False
    attributed_to: str | None = None
    as_of: str | None = None  # "YYYY-MM-DD"
    qualifier: str | None = None  # "at least", "more than", "about", ...
    number_text: str = ""  # the number as written ("2,298", "dozens", "Sixty-two")
    scope: str | None = None  # a place the figure is limited to ("in Almaty")
    kind: str = "event"  # "event" or "capacity" (a standing strength, not an event count)
    sent: int = 0
    #: what one unit of the figure is: "people", a currency code ("USD", "KZT"), "percent",
    #: "pages", "votes", "devices", "days", ... (the counted noun, normalised)
    unit: str = "people"
    #: the quantity's key, normalised from the parse (head noun and predicate): claims of one
    #: quantity share it ("47-page indictment" and "48-page indictment": one key)
    quantity: str = ""
    #: how the sentence presents the figure: "update" (rose to, revised to, now stands at),
    #: "withdrawn" (retracted, an earlier figure it replaces), or None
    revision: str | None = None
    #: a part of a larger total ("103 of them in Almaty", "175 died at medical facilities")
    part: bool = False
    #: the source is hedged or second-hand ("reportedly", "media reports citing X")
    hedged: bool = False


@dataclass
class QuoteRecord:
    """A direct quotation in one document."""

    doc: str
    text: str  # without quotation marks; parts joined by a space
    start: int  # offset of the first quoted character
    end: int
    speaker: str | None  # the speaker as found (name, or body); resolved later
    speaker_type: str | None = None  # PERSON, ORG, ... when known
    direct: bool = True
    sent: int = 0


@dataclass
class DateRecord:
    """A date mentioned in a document, resolved to the calendar."""

    doc: str
    text: str  # as written ("on Wednesday", "January 5")
    start: int
    end: int
    sent: int
    date: str  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    #: a reference point of what the sentence reports, not its event ("since April 20", "after
    #: the vote on Tuesday", "had warned on March 2": see ``extract.dates.background``)
    background: bool = False


@dataclass
class DocRecord:
    """Everything the cross-document stage needs about one document."""

    document: Document
    sentences: list[tuple[int, int]]  # (start, end) offsets in document.text
    mentions: list[Mention] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    dates: list[DateRecord] = field(default_factory=list)
    framing: list[str] = field(default_factory=list)  # scare-quoted terms ("terrorists")
    terms: dict[str, int] = field(default_factory=dict)  # content lemmas -> count, for clustering

    def sentence(self, i: int) -> str:
        s, e = self.sentences[i]
        return self.document.text[s:e]


# ---------------------------------------------------------------- story-level records


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str]
    mentions: list[tuple[str, int, int]] = field(default_factory=list)  # (doc id, start, end)


@dataclass
class Fact:
    id: str
    question: str
    measure: str
    subject: str
    claims: list[str]
    status: str  # agreed | conflicting | single-source
    #: the best reading of the quantity: {"low", "high"}; with a time series also "as_of", "source"
    #: and "claim" (the latest standing figure) and "range_low"/"range_high" where sources conflict
    estimate: dict[str, Any]
    superseded: list[str] = field(default_factory=list)  # claim ids updated by a later figure
    #: claim ids whose figure was withdrawn (retracted), not replaced by a later one
    withdrawn: list[str] = field(default_factory=list)
    #: the chain of revisions, oldest first: {"from": claim id, "to": claim id}
    updates: list[dict[str, str]] = field(default_factory=list)
    unit: str = "people"


@dataclass
class Quote:
    doc: str
    text: str
    speaker: str | None
    direct: bool = True
    start: int = 0
    end: int = 0
    same_as: list[str] = field(default_factory=list)  # other docs reporting the same quotation


@dataclass
class TimelineEntry:
    date: str
    text: str
    docs: list[str]
    weight: float


@dataclass
class SummaryItem:
    text: str
    docs: list[str]


@dataclass
class Discrepancy:
    kind: str  # contradiction | date-anomaly | ...
    doc: str
    evidence: str
    note: str
    against: dict[str, str] | None = None  # {"doc", "evidence"} of the other side, when there is one


@dataclass
class Story:
    id: str
    title: str
    documents: list[str]
    entities: list[Entity] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    summary: list[SummaryItem] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    framing: dict[str, list[str]] = field(default_factory=dict)  # outlet -> scare-quoted terms
    coverage: dict[str, dict[str, list[str]]] = field(
        default_factory=dict
    )  # outlet -> {"facts": [...], "quotes": [...]}


@dataclass
class Thread:
    """One developing situation followed over days or weeks: its stories in time order, and the
    facts of its quantities over time (the claims of all its stories)."""

    id: str
    title: str
    documents: list[str]
    stories: list[str]  # story ids, in time order
    first_published: str | None = None
    last_published: str | None = None
    entities: list[Entity] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)


@dataclass
class Dossier:
    documents: list[Document]
    stories: list[Story]
    rejected: list[Rejected]
    schema: str = SCHEMA
    threads: list[Thread] = field(default_factory=list)
