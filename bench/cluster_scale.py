"""Story clustering at scale: 100,000 synthetic-but-realistic articles.

    .venv/bin/python bench/cluster_scale.py [--n 100000] [--span-days 1825] [--batches 1]

How the records are made (no spaCy, so that the benchmark measures clustering alone):
the real articles of the GVA DEV and ECB+ DEV corpora (/work/shared/data) are read and
turned into DocRecords by simple rules: ``terms`` = lower-cased words that are not stop
words (a crude plural strip as lemma), years (``#y:``) and other numbers (``#n:``);
``mentions`` = runs of capitalised words not opening a sentence (two or three words:
PERSON, else ORG).  The records are then copied until there are `--n` of them; copy k of an
article is a different event of the same kind: each word of its names is replaced by another
real name word (a deterministic map of (word, k) into the name words of the whole corpus, so
that the copies of one event agree on their names, and different events of a copy share a
name only by chance, as real ones do), and so are those words among its terms (the proper
nouns: words the text never writes in lower case); a third of its other words are dropped
and as many taken from another article, its numbers shift, and its publication date moves
by an offset drawn per (copy, event) within `--span-days` (ECB+ articles, which have no
date, get one per event).  The gold story of a record is (copy, its corpus incident or
sub-topic), so the run also prints BCubed against it.

Prints the time to build the records, the clustering time (one ``StoryIndex.add`` call, or
`--batches` successive calls as an incremental database would make them; wall clock and this
process's CPU time, which a machine shared with other work inflates less), the number of
stories and threads, the peak resident memory of the process (and what the records alone
took) and the BCubed figures of stories and of threads against the synthetic events (each
synthetic event is its own situation: threads should not gather them).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import resource
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from parallax.config import StoryConfig
from parallax.link.stories import StoryIndex
from parallax.records import DocRecord, Document, Mention

DATA = Path("/work/shared/data")
STOP = frozenset(
    """a about after again against all also an and any are as at be because been before
being but by can could did do does during each few for from further had has have he her here hers
him his how i if in into is it its just me more most my no nor not now of off on once only or other
our out over own said same says she should so some such than that the their them then there these
they this those through to too under until up very was we were what when where which while who whom
why will with would you your""".split()
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d[\d,]*(?:\.\d+)?")
_CAPS = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\b", re.M)


def _open(path: Path):
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8")


def load_base() -> list[tuple[str, str | None, str]]:
    """(text, published, event key) for the GVA and ECB+ DEV articles."""
    out = []
    inc = {}
    with _open(DATA / "gva-dev" / "incidents.jsonl") as fh:
        for line in fh:
            x = json.loads(line)
            for d in x["doc_ids"]:
                inc.setdefault(d, "gva:" + str(x["incident_id"]))
    with _open(DATA / "gva-dev" / "articles.jsonl.gz") as fh:
        for line in fh:
            a = json.loads(line)
            if a.get("text") and a["id"] in inc:
                out.append((a["text"], (a.get("published") or "")[:10] or None, inc[a["id"]]))
    labels = {}
    with _open(DATA / "ecbplus-dev" / "labels.jsonl") as fh:
        for line in fh:
            x = json.loads(line)
            labels[x["id"]] = "ecb:" + x["subtopic"]
    with _open(DATA / "ecbplus-dev" / "articles.jsonl") as fh:
        for line in fh:
            a = json.loads(line)
            if a.get("text") and a["id"] in labels:
                out.append((a["text"], None, labels[a["id"]]))
    return out


def _lemma(word: str) -> str:
    """A lower-case word as a term: a crude plural strip."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def base_features(text: str) -> tuple[Counter, list[tuple[str, str, int]]]:
    """Terms and (name, label, offset) mentions of one text, by simple rules."""
    terms: Counter = Counter()
    for w in _TOKEN.findall(text):
        if w[0].isdigit():
            v = w.replace(",", "")
            terms[("#y:" if re.fullmatch(r"(19|20)\d\d", v) else "#n:") + v] += 1
            continue
        lw = w.lower()
        if lw in STOP or len(lw) < 3:
            continue
        terms[_lemma(lw)] += 1
    names = [
        (m.group(1), "PERSON" if 2 <= m.group(1).count(" ") + 1 <= 3 else "ORG", m.start(1))
        for m in _CAPS.finditer(text)
    ]
    return terms, names


class Renamer:
    """Deterministic renaming of name words for copy k: (word, k) -> another name word of the
    corpus (copy 0 keeps its names)."""

    def __init__(self, names: list[list[tuple[str, str, int]]]) -> None:
        self.pool = sorted(
            {w for ments in names for name, _, _ in ments for w in name.split() if len(w) >= 3}
        )

    def word(self, word: str, k: int) -> str:
        if k == 0 or not self.pool:
            return word
        h = hashlib.blake2b(f"{k}\0{_lemma(word.lower())}".encode(), digest_size=8).digest()
        return self.pool[int.from_bytes(h, "little") % len(self.pool)]

    def name(self, name: str, k: int) -> str:
        return " ".join(self.word(w, k) for w in name.split())


def make_records(n: int, span_days: int, seed: int = 7) -> tuple[list[DocRecord], list[str]]:
    rng = random.Random(seed)
    base = load_base()
    parsed = [(text, pub, ev, *base_features(text)) for text, pub, ev in base]
    renamer = Renamer([p[4] for p in parsed])
    # the words of its names that a text never writes in lower case (not "Police", "County")
    name_words = [
        {_lemma(w.lower()) for name, _, _ in p[4] for w in name.split()}
        - {_lemma(w) for w in _TOKEN.findall(p[0]) if w.islower()}
        for p in parsed
    ]
    event_day: dict[tuple[int, str], date] = {}
    records, gold = [], []
    k = 0
    while len(records) < n:
        for i, (text, pub, ev, terms, names) in enumerate(parsed):
            if len(records) >= n:
                break
            key = (k, ev)
            if key not in event_day:
                event_day[key] = date(2010, 1, 1) + timedelta(days=rng.randrange(span_days))
            day = event_day[key]
            if pub:
                day += timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3)))
            t: dict[str, int] = {}
            for w, c in terms.items():
                if k and w in name_words[i]:  # a name's word: renamed, never dropped
                    w = renamer.word(w, k).lower()
                elif k and rng.random() < 1 / 3:
                    continue
                elif k and w.startswith("#n:"):
                    w = "#n:" + str(k * 7 + len(w))
                t[w] = t.get(w, 0) + c
            if k:  # words of another report of the same kind
                other = parsed[rng.randrange(len(parsed))][3]
                for w in rng.sample(sorted(other), min(len(other), len(terms) // 3)):
                    t[w] = t.get(w, 0) + other[w]
            ments = [
                Mention(renamer.name(name, k), label, off, off + len(name), 0) for name, label, off in names
            ]
            doc = Document(
                id=f"c{k}-{i}",
                source="synthetic",
                outlet=None,
                published=day.isoformat(),
                title=None,
                authors=[],
                text=text,
            )
            records.append(DocRecord(document=doc, sentences=[(0, len(text))], mentions=ments, terms=t))
            gold.append(f"{k}:{ev}")
        k += 1
    return records, gold


def bcubed(gold: list[str], pred: list[int]) -> tuple[float, float, float]:
    cell = Counter(zip(pred, gold, strict=False))
    ps, gs = Counter(pred), Counter(gold)
    p = sum(c * c / ps[a] for (a, _), c in cell.items()) / len(gold)
    r = sum(c * c / gs[b] for (_, b), c in cell.items()) / len(gold)
    return p, r, 2 * p * r / (p + r)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--span-days", type=int, default=1825)
    ap.add_argument("--batches", type=int, default=1, help="add the records in this many successive calls")
    a = ap.parse_args()
    t0 = time.perf_counter()
    records, gold = make_records(a.n, a.span_days)
    records_order = sorted(range(len(records)), key=lambda i: records[i].document.published or "")
    t1 = time.perf_counter()
    c1 = time.process_time()
    built_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    index = StoryIndex(StoryConfig())
    pred = [0] * len(records)
    step = -(-len(records) // a.batches)
    for b0 in range(0, len(records), step):
        part = records_order[b0 : b0 + step]
        for i, sid in zip(part, index.add([records[i] for i in part]), strict=False):
            pred[i] = sid
    t2 = time.perf_counter()
    c2 = time.process_time()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    p, r, f = bcubed(gold, pred)
    tp, tr, tf = bcubed(gold, [index.story_thread[s] for s in pred])
    print(f"records        {len(records):,} ({len(set(gold)):,} synthetic events), built in {t1 - t0:.1f} s")
    print(
        f"clustering     {t2 - t1:.1f} s wall, {c2 - c1:.1f} s CPU, in {a.batches} batch(es); "
        f"{len(index.story_docs):,} stories, {len(index.threads.thread_stories):,} threads, "
        f"{len(index.topics):,} topics"
    )
    print(
        f"peak memory    {peak_mb:,.0f} MiB (resident, whole process; {built_mb:,.0f} MiB once the "
        f"records were built, before clustering)"
    )
    print(
        f"bcubed vs synthetic events: stories P {p:.3f} R {r:.3f} F1 {f:.3f}; threads P {tp:.3f} R {tr:.3f} F1 {tf:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
