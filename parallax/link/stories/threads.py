"""Phase 5, threads: a developing situation followed over days or weeks (an explosion, then the
toll that rises, the arrests, the resignations; a hurricane and a year of disputed death
counts) is one thread holding its stories in time order.

Stories are day-level events; a thread ties stories that report one situation even when their
events differ.  Two stories (or a story and a saved thread) are tied when all of these hold:

- where / what: a place, body or named event (``features.situation_keys``: named in the
  title, the first sentence or twice; never a person, since the same officials speak in many
  situations) is central to both (named so in at least half of the documents of each);
- when: one refers back to a date the other reports as its own (the day of the explosion,
  mentioned in a report two weeks later), both refer back to one date, or both report the
  same date as their event's (each within ``near_days`` before its publication); a named
  event central to both (a hurricane's name) ties them whatever the dates;
- who: not each of them about a person the other never names (two shootings in one city,
  each with its own victim; two rehab stays of two actresses in one clinic);
- and their documents are similar enough on average (``thread_threshold``: cosine of
  collection TF-IDF vectors whose terms common to most documents are kept, since within a
  situation its shared words are what make it one; numbers left out).

New stories join saved threads (fixed groups, never merged with each other) or each other by
group-average agglomeration within ``far_days``; candidates come from an inverted index of
situation keys, a bounded number per story.  Saved threads never split and their stories
never leave them."""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from . import postings
from .agglomerate import Group, agglomerate, settle
from .postings import Postings
from .vectors import Span, Vec, add_into, dot, gap, merge_span

if TYPE_CHECKING:
    from .batch import Batch
    from .index import StoryIndex

#: threads looked at per situation key when a new story looks for its thread (the latest).
RECENT_THREADS = 256


@dataclass
class Threads:
    """Which thread each story is in (``story_thread``, the persisted part), each thread's
    stories and date span, and the inverted index situation key -> threads (rebuilt)."""

    story_thread: array = field(default_factory=lambda: array("i"))
    thread_stories: list[list[int]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    key_threads: Postings = field(default_factory=dict)  # situation key -> threads
    day_threads: Postings = field(default_factory=dict)  # day -> threads reporting or recalling it

    def state(self) -> dict[str, Any]:
        return {"story_thread": self.story_thread.tolist()}

    @classmethod
    def from_state(cls, state: dict[str, Any], ix: StoryIndex) -> Threads:
        out = cls(story_thread=array("i", state["story_thread"]))
        if len(out.story_thread) != len(ix.story_docs):
            raise ValueError(
                f"{len(out.story_thread)} stories have a thread where the index holds {len(ix.story_docs)}"
            )
        for s, t in enumerate(out.story_thread):
            out.extend(t)
            out.thread_stories[t].append(s)
            out._note(ix, t, ix.story_docs[s])
        return out

    def extend(self, t: int) -> None:
        while len(self.thread_stories) <= t:
            self.thread_stories.append([])
            self.spans.append((None, None))

    def _note(self, ix: StoryIndex, t: int, docs: Iterable[int]) -> None:
        """Thread `t`'s span and indexes (situation keys, days) take in documents `docs`."""
        for d in docs:
            self.spans[t] = merge_span(self.spans[t], (ix.doc_day[d], ix.doc_day[d]))
            own, _, back = doc_days(ix, d)
            for index, ids in ((self.key_threads, ix.doc_keys[d]), (self.day_threads, own | back)):
                for k in ids:
                    postings.add(index, k, t, once=True)

    def place(self, ix: StoryIndex, s: int, t: int) -> None:
        """Story `s` (the next without a thread) into thread `t` (a new one when `t` is the
        number of threads)."""
        assert s == len(self.story_thread), "stories take their threads in order"
        self.story_thread.append(t)
        self.extend(t)
        self.thread_stories[t].append(s)
        self._note(ix, t, ix.story_docs[s])


@dataclass
class Profile:
    """What ties a group of documents (a story, a thread) to another."""

    n: int
    span: Span
    vec: Vec  # sum of the documents' unit vectors
    keys: set[int]  # situation keys central to it (named events among them)
    events: set[int]  # named events central to it
    own: set[int]  # publication days and dates reported as the event's
    said: set[int]  # dates reported as the event's (mentioned, within near_days before publication)
    back: set[int]  # dates referred back to (more than near_days before publication)
    people: set[int]  # people named repeatedly
    named: set[int]  # every person named


def event_key(t: int) -> int:
    """The index key of name term `t` as a named event (and back: the function is its own inverse)."""
    return -t - 1


def doc_days(ix: StoryIndex, d: int) -> tuple[set[int], set[int], set[int]]:
    """Document `d`'s days: its own (its publication day and the dates it reports as the
    event's: mentioned, within ``near_days`` before publication), those it reports as the
    event's alone, and those it refers back to (more than ``near_days`` and at most
    ``far_days`` before publication).  An undated document has none."""
    own: set[int] = set()
    said: set[int] = set()
    back: set[int] = set()
    day = ix.doc_day[d]
    if day is None:
        return own, said, back
    own.add(day)
    near, reach = ix.near, ix.cfg.far_days
    for t in ix.doc_dates[d]:
        x = _ordinal(ix.terms[t])
        if day - near <= x <= day:
            own.add(x)
            said.add(x)
        elif day - reach <= x < day - near:
            back.add(x)
    return own, said, back


def profile(ix: StoryIndex, batch: Batch, docs: list[int]) -> Profile:
    vec: Vec = {}
    keys: Counter = Counter()
    own: set[int] = set()
    said: set[int] = set()
    back: set[int] = set()
    people: set[int] = set()
    named: set[int] = set()
    span: Span = (None, None)
    for d in docs:
        add_into(vec, batch.thread_vec(d))
        keys.update(ix.doc_keys[d])
        people.update(ix.doc_people[d])
        named.update(ix.doc_people[d], ix.doc_names[d], ix.doc_spoken[d])
        span = merge_span(span, (ix.doc_day[d], ix.doc_day[d]))
        o, s, b = doc_days(ix, d)
        own |= o
        said |= s
        back |= b
    central = {k for k, c in keys.items() if 2 * c >= len(docs)}
    events = {event_key(k) for k in central if k < 0}
    central = {k for k in central if k >= 0} | events
    return Profile(len(docs), span, vec, central, events, own, said, back, people, named)


def _ordinal(term: str) -> int:
    """The day number of a stored date anchor ("^d:YYYY-MM-DD")."""
    return date.fromisoformat(term[3:]).toordinal()


def tied(a: Profile, b: Profile) -> bool:
    """Whether `a` and `b` may be one situation: a shared named event, or a shared situation
    key and a date tie; and not each about a person the other never names."""
    if not a.events & b.events:
        if not a.keys & b.keys:
            return False
        if not (a.back & (b.own | b.back) or b.back & a.own or a.said & b.said):
            return False
    return not (a.people - b.named and b.people - a.named)


def assign(ix: StoryIndex, batch: Batch) -> None:
    """Each story of this add its thread: a saved thread, one shared with other new stories, or
    one of its own."""
    th = ix.threads
    first = len(th.story_thread)
    new = list(range(first, len(ix.story_docs)))
    if not new:
        return
    cfg = ix.cfg
    n_threads = len(th.thread_stories)
    profiles: dict[int, Profile] = {}  # group id: thread id, or n_threads + position of a new story

    def prof(g: int) -> Profile:
        if g not in profiles:
            docs = (
                [d for s in th.thread_stories[g] for d in ix.story_docs[s]]
                if g < n_threads
                else ix.story_docs[new[g - n_threads]]
            )
            profiles[g] = profile(ix, batch, docs)
        return profiles[g]

    # candidates: saved threads and other new stories sharing a central situation key and a day
    # (one's own or recalled day the other reports or recalls too: no tie without it), or a
    # named event
    by_key: dict[int, list[int]] = defaultdict(list)
    by_event: dict[int, list[int]] = defaultdict(list)
    by_day: dict[int, list[int]] = defaultdict(list)
    for i in range(len(new)):
        q = prof(n_threads + i)
        for k in q.keys:
            by_key[k].append(n_threads + i)
        for k in q.events:
            by_event[event_key(k)].append(n_threads + i)
        for x in q.own | q.back:
            by_day[x].append(n_threads + i)
    pairs: list[tuple[float, int, int]] = []
    fixed: set[int] = set()
    for i in range(len(new)):
        g = n_threads + i
        p = prof(g)
        dated: set[int] = set()
        for x in p.own | p.back:
            dated.update(postings.get(th.day_threads, x)[-RECENT_THREADS:])
            dated.update(h for h in by_day[x] if h > g)
        named: set[int] = set()
        for k in map(event_key, p.events):
            named.update(postings.get(th.key_threads, k)[-RECENT_THREADS:])
            named.update(h for h in by_event[k] if h > g)
        shared: Counter = Counter()
        for k in p.keys:
            shared.update(
                {h for h in postings.get(th.key_threads, k)[-RECENT_THREADS:] if h in dated or h in named}
            )
            shared.update(h for h in by_key[k] if h > g and (h in dated or h in named))
        for h, _ in shared.most_common(cfg.candidates):
            if gap(p.span, th.spans[h] if h < n_threads else prof(h).span) > cfg.far_days:
                continue
            q = prof(h)
            if tied(p, q):
                pairs.append((dot(p.vec, q.vec) / (p.n * q.n), min(g, h), max(g, h)))
                if h < n_threads:
                    fixed.add(h)
    groups = {
        g: Group(prof(g).vec, prof(g).n, prof(g).span)
        for g in (*fixed, *range(n_threads, n_threads + len(new)))
    }
    into = agglomerate(groups, fixed, pairs, cfg.thread_threshold, cfg.far_days)

    def make() -> int:
        th.extend(len(th.thread_stories))
        return len(th.thread_stories) - 1

    ids = [n_threads + i for i in range(len(new))]
    for s, t in zip(new, settle(into, ids, n_threads, make), strict=True):
        th.place(ix, s, t)
