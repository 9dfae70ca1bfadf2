"""The persisted story index: documents, topics, stories and threads, in compact arrays.

``StoryIndex.add(records)`` runs the phases in order over one batch of new documents
(``Batch``: what only this add needs) and returns each new document's story; ``state()`` is
the whole index as plain JSON-ready data and ``StoryIndex.from_state`` restores it.  What
the index keeps per document is bounded (``doc_terms`` heaviest terms, its anchors), so a
long-running corpus costs memory linear in its documents and nothing more per batch."""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ...config import StoryConfig
from ...records import DocRecord
from . import events, followups, postings, titles, topics
from . import threads as thread_phase
from .batch import Batch
from .features import LOW_CONTENT_TERMS, anchor_sets, day, features, situation_keys, stem, term_stems
from .merger import Merger
from .postings import Postings
from .threads import Threads, event_key
from .topics import TopicState

#: version of ``StoryIndex.state``'s layout.
STATE_VERSION = 5
#: records added at once beyond this many are added in batches of it (by publication date).
CHUNK = 5000


def _flat(rows: Iterable[Iterable[Any]]) -> tuple[list[int], list[Any]]:
    """Offsets and concatenated values of a list of rows (row i: values[ptr[i]:ptr[i+1]])."""
    ptr: list[int] = [0]
    vals: list[Any] = []
    for row in rows:
        vals.extend(row)
        ptr.append(len(vals))
    return ptr, vals


def _rows(ptr: list[int], vals: list[Any]) -> list[list[Any]]:
    return [vals[ptr[i] : ptr[i + 1]] for i in range(len(ptr) - 1)]


@dataclass
class StoryIndex:
    """Incremental story and thread assignment over compact state.

    ``add(records)`` returns, for each new record, its story: an index into ``story_docs``
    (the documents of every story, as indexes in order of addition; ``doc_ids`` names
    them); ``story_thread`` gives each story's thread."""

    cfg: StoryConfig = field(default_factory=StoryConfig)
    # -- documents
    doc_ids: list[str] = field(default_factory=list)  # bookkeeping only, never evidence
    vocab: dict[str, int] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)  # each vocabulary id's term
    numbers: set[int] = field(default_factory=set)  # ids of the number terms ("#n:")
    df: array = field(default_factory=lambda: array("i"))
    doc_terms: list[array] = field(default_factory=list)  # term ids of each document
    doc_weights: list[array] = field(default_factory=list)  # their weighted tf
    doc_people: list[array] = field(default_factory=list)  # anchor ids: people named repeatedly
    doc_names: list[array] = field(default_factory=list)  # anchor ids: people named only once
    doc_dates: list[array] = field(default_factory=list)  # anchor ids: calendar dates mentioned
    doc_spoken: list[array] = field(default_factory=list)  # anchor ids: people named only as sources
    #: the places, bodies and events a document is about (``threads``): their name terms' ids, and
    #: ``event_key(id)`` (a negative number) for those that are named events
    doc_keys: list[array] = field(default_factory=list)
    doc_day: list[int | None] = field(default_factory=list)
    off_docs: set[int] = field(default_factory=set)  # documents whose body is not their title's
    # -- topics, stories, threads
    doc_topic: array = field(default_factory=lambda: array("i"))
    doc_story: array = field(default_factory=lambda: array("i"))
    topics: list[TopicState] = field(default_factory=list)
    story_docs: list[list[int]] = field(default_factory=list)
    threads: Threads = field(default_factory=Threads)
    # -- inverted indexes (rebuilt from the above when restored)
    postings: Postings = field(default_factory=dict)  # term id -> topics
    anchor_docs: Postings = field(default_factory=dict)  # anchor id -> documents
    name_docs: Postings = field(default_factory=dict)  # person named once -> documents
    spoken_docs: Postings = field(default_factory=dict)  # person named as a source -> documents

    @property
    def near(self) -> int:
        """Days within which similar wording alone may join two reports (``near_days``)."""
        return min(self.cfg.near_days, self.cfg.window_days)

    @property
    def n_docs(self) -> int:
        return len(self.doc_terms)

    @property
    def story_thread(self) -> array:
        return self.threads.story_thread

    # -- persisted form
    def state(self) -> dict[str, Any]:
        """The whole index as plain JSON-ready data (str, int, float, None and lists of
        them; no pickle).  Topic and story members are not stored: they follow from each
        document's topic and story; the anchor index follows from the documents' anchors."""
        dptr, dterms = _flat(self.doc_terms)
        _, dweights = _flat(self.doc_weights)
        pptr, people = _flat(self.doc_people)
        nptr, names = _flat(self.doc_names)
        aptr, dates = _flat(self.doc_dates)
        sptr, spoken = _flat(self.doc_spoken)
        kptr, keys = _flat(self.doc_keys)
        tptr, tterms = _flat(tp.terms for tp in self.topics)
        _, tweights = _flat([round(x, 6) for x in tp.weights] for tp in self.topics)
        post = sorted(self.postings)
        iptr, itopics = _flat(postings.get(self.postings, t) for t in post)
        return {
            "version": STATE_VERSION,
            "doc_ids": list(self.doc_ids),
            "terms": list(self.terms),
            "df": self.df.tolist(),
            "doc_ptr": dptr,
            "doc_terms": dterms,
            "doc_weights": [round(x, 6) for x in dweights],
            "people_ptr": pptr,
            "people": people,
            "names_ptr": nptr,
            "names": names,
            "dates_ptr": aptr,
            "dates": dates,
            "spoken_ptr": sptr,
            "spoken": spoken,
            "keys_ptr": kptr,
            "keys": keys,
            "off_docs": sorted(self.off_docs),
            "doc_day": list(self.doc_day),
            "doc_topic": self.doc_topic.tolist(),
            "doc_story": self.doc_story.tolist(),
            "topic_n": [tp.n for tp in self.topics],
            "topic_lo": [tp.span[0] for tp in self.topics],
            "topic_hi": [tp.span[1] for tp in self.topics],
            "topic_ptr": tptr,
            "topic_terms": tterms,
            "topic_weights": tweights,
            "index_terms": post,
            "index_ptr": iptr,
            "index_topics": itopics,
            "threads": self.threads.state(),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], cfg: StoryConfig | None = None) -> StoryIndex:
        """The index that ``state()`` described (as read back from JSON)."""
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"story index state version {state.get('version')!r}, expected {STATE_VERSION}")
        idx = cls(cfg or StoryConfig())
        idx.doc_ids = list(state["doc_ids"])
        idx.terms = list(state["terms"])
        idx.vocab = {term: t for t, term in enumerate(idx.terms)}
        idx.numbers = {t for t, term in enumerate(idx.terms) if term.startswith("#n:")}
        idx.df = array("i", state["df"])
        idx.doc_terms = [array("i", r) for r in _rows(state["doc_ptr"], state["doc_terms"])]
        idx.doc_weights = [array("f", r) for r in _rows(state["doc_ptr"], state["doc_weights"])]
        idx.doc_people = [array("i", r) for r in _rows(state["people_ptr"], state["people"])]
        idx.doc_names = [array("i", r) for r in _rows(state["names_ptr"], state["names"])]
        idx.doc_dates = [array("i", r) for r in _rows(state["dates_ptr"], state["dates"])]
        idx.doc_spoken = [array("i", r) for r in _rows(state["spoken_ptr"], state["spoken"])]
        idx.doc_keys = [array("i", r) for r in _rows(state["keys_ptr"], state["keys"])]
        idx.off_docs = set(state["off_docs"])
        idx.doc_day = list(state["doc_day"])
        idx.doc_topic = array("i", state["doc_topic"])
        idx.doc_story = array("i", state["doc_story"])
        tvec = zip(
            _rows(state["topic_ptr"], state["topic_terms"]),
            _rows(state["topic_ptr"], state["topic_weights"]),
            strict=False,
        )
        idx.topics = [
            TopicState(array("i", ts), array("f", ws), n, (lo, hi))
            for (ts, ws), n, lo, hi in zip(
                tvec, state["topic_n"], state["topic_lo"], state["topic_hi"], strict=False
            )
        ]
        idx.story_docs = [[] for _ in range(max(idx.doc_story, default=-1) + 1)]
        for d, (tp, s) in enumerate(zip(idx.doc_topic, idx.doc_story, strict=False)):
            idx.topics[tp].docs.append(d)
            idx.story_docs[s].append(d)
        idx.postings = {}
        for t, topics_of in zip(
            state["index_terms"], _rows(state["index_ptr"], state["index_topics"]), strict=True
        ):
            for tp in topics_of:
                postings.add(idx.postings, t, tp)
        for d in range(idx.n_docs):
            idx.index_anchors(d)
        idx.threads = Threads.from_state(state["threads"], idx)
        return idx

    # -- documents
    def term_ids(self, terms: Iterable[str]) -> list[int]:
        """Vocabulary ids of `terms` (new ones added), their document frequency counted."""
        ids = []
        for term in terms:
            t = self.vocab.get(term)
            if t is None:
                t = self.vocab[term] = len(self.vocab)
                self.terms.append(term)
                if term.startswith("#n:"):
                    self.numbers.add(t)
                self.df.append(0)
            self.df[t] += 1
            ids.append(t)
        return ids

    def store(self, rec: DocRecord, batch: Batch) -> int:
        """Add one document's features and anchors; what only this add needs about it (its
        title's terms, those its body never uses, whether it has little content) goes to
        `batch`."""
        feats = features(rec, self.cfg)
        ids = self.term_ids(feats)
        d = self.n_docs
        batch.titles[d] = {t for t, term in zip(ids, feats, strict=False) if term.startswith("t:")}
        pairs = sorted(zip(ids, feats.values(), strict=False))
        people, names, dates, spoken = anchor_sets(rec)
        self.doc_terms.append(array("i", [t for t, _ in pairs]))
        self.doc_weights.append(array("f", [w for _, w in pairs]))
        self.doc_people.append(array("i", sorted(self.term_ids("^p:" + p for p in people))))
        self.doc_names.append(array("i", sorted(self.term_ids("^p:" + p for p in names - people))))
        self.doc_dates.append(array("i", sorted(self.term_ids("^d:" + x for x in dates))))
        self.doc_spoken.append(array("i", sorted(self.term_ids("^p:" + p for p in spoken))))
        keys, named = situation_keys(rec)  # names it features already ("@" + key)
        self.doc_keys.append(
            array(
                "i",
                sorted([self.vocab["@" + k] for k in keys] + [event_key(self.vocab["@" + k]) for k in named]),
            )
        )
        self.doc_day.append(day(rec))
        self.doc_ids.append(rec.document.id)
        self.doc_topic.append(-1)
        self.doc_story.append(-1)
        if sum(1 for term in rec.terms if term[:1].isalpha()) < LOW_CONTENT_TERMS:
            batch.low.append(d)
        elif batch.titles[d]:  # which title words its body never uses
            body = {x for term in rec.terms for x in term_stems(term)}
            body.update(x for m in rec.mentions for x in term_stems(m.text.lower()))
            batch.unsaid[d] = {
                t
                for t, term in zip(ids, feats, strict=False)
                if term.startswith("t:") and stem(term[2:]) not in body
            }
        self.index_anchors(d)
        return d

    def index_anchors(self, d: int) -> None:
        for index, ids in (
            (self.anchor_docs, (*self.doc_people[d], *self.doc_dates[d])),
            (self.name_docs, self.doc_names[d]),
            (self.spoken_docs, self.doc_spoken[d]),
        ):
            for t in ids:
                postings.add(index, t, d)

    def title_ids(self, d: int) -> list[int]:
        """The term ids of document `d`'s title words (``t:``) that its stored terms hold."""
        return [t for t in self.doc_terms[d] if self.terms[t].startswith("t:")]

    # -- adding documents: the phases
    def add(self, records: list[DocRecord]) -> list[int]:
        """Assign each new record to a story; returns story indexes (into ``story_docs``).
        Many records are added in batches of ``CHUNK`` in order of publication, so that
        memory and time stay bounded per batch."""
        if len(records) <= CHUNK:
            return self._add(records)
        days = [day(r) for r in records]
        order = sorted(range(len(records)), key=lambda i: (days[i] is None, days[i] or 0))
        out = [0] * len(records)
        for c in range(0, len(order), CHUNK):
            part = order[c : c + CHUNK]
            for i, sid in zip(part, self._add([records[i] for i in part]), strict=False):
                out[i] = sid
        return out

    def _add(self, records: list[DocRecord]) -> list[int]:
        if not records:
            return []
        batch = Batch.open(self, records)
        merger = Merger(self, batch.base)
        topics.assign(self, batch)
        for tp in sorted({self.doc_topic[d] for d in batch.new}):
            events.cluster_topic(self, batch, tp, merger)
        followups.link(self, batch, merger)
        titles.attach(self, batch, merger)
        merger.finish()
        thread_phase.assign(self, batch)
        return [self.doc_story[d] for d in batch.new]
