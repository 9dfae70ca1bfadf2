"""A short brief whose every sentence cites its documents.

The brief is extractive: sentences are scored by how central their content words are to the
story (words many of its documents use), with a bonus for lead sentences, for sentences that
state one of the story's facts and for the sentences the timeline chose for its heaviest
dates; a sentence too close to one already chosen is skipped, and the brief opens with the
best lead sentence chosen.  Each item cites the document it comes from and every other
document with a sentence that says nearly the same.  Each conflicting fact adds one generated
sentence that states the figures side by side with their authorities ("Reports differ on how
many people were killed: 18 according to the Interior Ministry (Outlet A); 13 according to
State television (Outlet B)"), every figure written as its document writes it.  An item whose
numbers do not all stand in a cited document is dropped.
"""

from __future__ import annotations

import re
from collections import Counter

from ..records import ClaimRecord, DocRecord, Story, SummaryItem
from .timeline import _STOP, _WORD

#: the brief holds between these many sentences (fewer only when the story has fewer).
MIN_ITEMS, MAX_ITEMS = 5, 10
#: at most this many "reports differ" sentences.
MAX_CONFLICTS = 3
#: sentences shorter or longer than this (words) are not used.
MIN_WORDS, MAX_WORDS = 10, 55
#: overlap (share of the shorter sentence's content words) at which two sentences say the same.
REDUNDANT = 0.5
#: overlap at which another document's sentence supports a chosen one (with SUPPORT_WORDS shared).
SUPPORT, SUPPORT_WORDS = 0.6, 5
#: score bonuses.
#: (a lead is one of the first two usable sentences of its document).
LEAD_BONUS, FACT_BONUS, TIMELINE_BONUS = 0.6, 0.3, 0.3

_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
#: words a figure written in words is made of ("Sixty-two", "dozens", "tens of thousands").
_NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
hundreds thousand thousands million millions billion dozen dozens score scores tens of a and""".split()
)
#: at most this many figures in a "reports differ" sentence, and sources for each.
MAX_FIGURES, MAX_SOURCES = 4, 3


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in (x.lower() for x in _WORD.findall(text)) if len(w) > 2 and w not in _STOP)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def grounded(text: str, docs: list[DocRecord]) -> bool:
    """True when every number in `text` stands in one of `docs` as written."""
    return all(any(n in r.document.text for r in docs) for n in _NUMBER.findall(text))


def _usable(sentence: str) -> bool:
    n = len(sentence.split())
    return (
        MIN_WORDS <= n <= MAX_WORDS
        and "\n" not in sentence
        and sentence[-1:] in '.!?"”'
        and sentence[:1].isupper()
    )


def _figure(text: str) -> bool:
    """True when `text` is a figure: digits, or number words only."""
    words = re.split(r"[\s-]+", text.strip().lower())
    return bool(_NUMBER.search(text)) or (bool(words) and all(w in _NUMBER_WORDS for w in words))


def _sources(claims: list[ClaimRecord], recs: dict[str, DocRecord]) -> str:
    """Who gave a figure and where: "the Interior Ministry (RFE/RL), officials (Reuters, BBC)"."""
    by_who: dict[str, tuple[str, list[str]]] = {}
    for c in claims:
        doc = recs[c.doc]
        outlet = doc.document.outlet if doc.document.outlet and grounded(doc.document.outlet, [doc]) else None
        who = c.attributed_to or outlet or "one report"
        entry = by_who.setdefault(who.lower(), (who, []))
        if outlet and outlet != who and outlet not in entry[1]:
            entry[1].append(outlet)
    return ", ".join(
        f"{who} ({', '.join(outlets[:MAX_SOURCES])})" if outlets else who
        for who, outlets in list(by_who.values())[:MAX_SOURCES]
    )


def _conflict_items(records: list[DocRecord], story: Story) -> list[SummaryItem]:
    """One sentence per conflicting fact: each figure with who gave it and where
    ("... killed: 18 according to the Interior Ministry (RFE/RL); 13 according to State
    television (Reuters)")."""
    by_id: dict[str, ClaimRecord] = {c.id: c for c in story.claims}
    recs = {r.document.id: r for r in records}
    out: list[SummaryItem] = []
    for fact in story.facts:
        if fact.status != "conflicting" or len(out) >= MAX_CONFLICTS:
            continue
        groups: dict[float | None, list[ClaimRecord]] = {}  # "at least 18" goes with "18"
        for cid in fact.claims:
            c = by_id.get(cid)
            if c is None or cid in fact.superseded or c.doc not in recs or not _figure(c.number_text):
                continue
            groups.setdefault(c.low if c.low is not None else c.high, []).append(c)
        if len(groups) < 2:
            continue
        parts: list[str] = []
        docs: list[str] = []
        for claims in sorted(groups.values(), key=len, reverse=True)[:MAX_FIGURES]:
            parts.append(f"{claims[0].number_text} according to {_sources(claims, recs)}")
            docs.extend(c.doc for c in claims)
        docs = list(dict.fromkeys(docs))
        cited = [recs[d] for d in docs]
        question = fact.question.strip().rstrip("?").strip()
        if question:
            question = question[0].lower() + question[1:]
        lead = f"Reports differ on {question}" if question and grounded(question, cited) else "Reports differ"
        text = f"{lead}: {'; '.join(parts)}."
        if grounded(text, cited):
            out.append(SummaryItem(text=text, docs=docs))
    return out


def summarise(records: list[DocRecord], story: Story) -> list[SummaryItem]:
    """5-10 sentences, each citing the documents that support it."""
    if not records:
        return []
    sents: list[tuple[str, int, str, frozenset[str]]] = []  # (doc, index, sentence, words)
    for r in records:
        for i in range(len(r.sentences)):
            s = r.sentence(i).strip()
            sents.append((r.document.id, i, s, _content(s)))
    df: Counter[str] = Counter()  # content word -> documents using it
    doc_words: dict[str, set[str]] = {}
    for doc, _, _, ws in sents:
        doc_words.setdefault(doc, set()).update(ws)
    for words in doc_words.values():
        df.update(words)
    n_docs = len(records)
    fact_spans = {(c.doc, c.sent) for f in story.facts for c in story.claims if c.id in f.claims}
    top_dates = sorted(story.timeline, key=lambda t: -t.weight)[:MAX_ITEMS]
    timeline_texts = {t.text for t in top_dates}

    usable = [x for x in sents if _usable(x[2])]
    rank_in_doc: dict[tuple[str, int], int] = {}
    counter: Counter[str] = Counter()
    for doc, i, _, _ in usable:
        rank_in_doc[(doc, i)] = counter[doc]
        counter[doc] += 1

    def score(item: tuple[str, int, str, frozenset[str]]) -> float:
        doc, i, s, ws = item
        if not ws:
            return 0.0
        lead = {0: 1.0, 1: 0.5}.get(rank_in_doc[(doc, i)], 0.0)
        central = sum(df[w] for w in ws) / (len(ws) * n_docs) if n_docs > 1 else len(ws) / 30
        return (
            central
            + LEAD_BONUS * lead
            + FACT_BONUS * ((doc, i) in fact_spans)
            + TIMELINE_BONUS * (s in timeline_texts)
        )

    candidates = sorted(usable, key=score, reverse=True)
    conflicts = _conflict_items(records, story)
    want = min(MAX_ITEMS, max(MIN_ITEMS, 3 + n_docs)) - len(conflicts)
    chosen: list[tuple[str, int, str, frozenset[str]]] = []
    for cand in candidates:
        if len(chosen) >= want:
            break
        if any(_overlap(cand[3], c[3]) >= REDUNDANT for c in chosen):
            continue
        chosen.append(cand)
    leads = [c for c in chosen if rank_in_doc[(c[0], c[1])] == 0]
    if leads:  # open with what happened: a lead sentence
        chosen.remove(leads[0])
        chosen.insert(0, leads[0])
    recs = {r.document.id: r for r in records}
    items: list[SummaryItem] = []
    for doc, _, s, ws in chosen:
        docs = [
            doc,
            *list(
                dict.fromkeys(
                    d
                    for d, _, _, ws2 in sents
                    if d != doc and len(ws & ws2) >= SUPPORT_WORDS and _overlap(ws, ws2) >= SUPPORT
                )
            ),
        ]
        if grounded(s, [recs[d] for d in docs]):
            items.append(SummaryItem(text=s, docs=docs))
    return items[:1] + conflicts + items[1:]
