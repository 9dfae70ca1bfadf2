#!/usr/bin/env python3
"""Peak memory of the streaming stage (ingest -> clean -> per-document NLP -> store) on a
synthetic stream of N articles: it must stay flat as N grows.

    .venv/bin/python bench/memory_stream.py --sizes 10000 100000 [--engine auto|local|processes|dask] [--workers N]

Each size runs in a fresh subprocess with the given engine (default: the configured default,
``auto``: worker processes on a machine with 2+ CPUs); its peak RSS and its workers' largest
peak RSS are printed with the time taken.  The articles are composed from templates (short local-news
reports with varying places, names, counts and dates), written to a .jsonl.gz first."""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACES = [
    "Riverton",
    "Lakeside",
    "Millbrook",
    "Ashford",
    "Dunmore",
    "Kelford",
    "Fairhaven",
    "Oakdale",
    "Westbury",
    "Pinecrest",
    "Harlow",
    "Greystone",
]
FIRST = ["Maria", "James", "Aisha", "Tomasz", "Wei", "Olga", "Liam", "Fatima", "Diego", "Hannah"]
LAST = ["Lopez", "Carter", "Bello", "Nowak", "Chen", "Petrova", "Byrne", "Haddad", "Silva", "Moreau"]
EVENTS = [
    ("fire", "destroyed", "were injured"),
    ("shooting", "shook", "were wounded"),
    ("flood", "swamped", "were evacuated"),
    ("crash", "closed", "were hurt"),
]


def article(i: int, rng: random.Random) -> dict:
    place, ev = rng.choice(PLACES), rng.choice(EVENTS)
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    n, m = rng.randint(1, 40), rng.randint(0, 9)
    text = (
        f"A {ev[0]} {ev[1]} part of {place} on Tuesday and {n} people {ev[2]}, officials said. "
        f'"It was frightening," said {name}, who lives nearby. {m} people were killed, police said, '
        f"and an investigation began on Wednesday."
    )
    return {"id": f"s{i}", "text": text, "published": f"20{10 + i % 14}-{1 + i % 12:02d}-{1 + i % 28:02d}"}


def make(path: Path, n: int) -> None:
    rng = random.Random(n)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(article(i, rng)) + "\n")


def child(path: str, engine: str | None, workers: int) -> None:
    from parallax.config import Config
    from parallax.pipeline import process
    from parallax.store import Store

    cfg = Config()
    cfg.progress = False
    cfg.limits.min_words = 5
    if engine:
        cfg.engine.name = engine
    cfg.engine.workers = workers
    with tempfile.TemporaryDirectory() as td:
        t0 = time.perf_counter()
        with Store(Path(td) / "p.duckdb") as st:
            n_docs, n_rej = process([path], cfg, st)
        dt = time.perf_counter() - t0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "documents": n_docs,
                "rejected": n_rej,
                "seconds": dt,
                "peak_rss_mb": own,
                "peak_child_rss_mb": kids,
            }
        )
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--engine", help="auto, local, processes or dask (default: the configured default)")
    ap.add_argument("--workers", type=int, default=0, help="worker processes (0: one per core)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child, a.engine, a.workers)
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as td:
        for n in a.sizes:
            src = Path(td) / f"stream-{n}.jsonl.gz"
            make(src, n)
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    str(src),
                    "--workers",
                    str(a.workers),
                    *(["--engine", a.engine] if a.engine else []),
                ],
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            if out.returncode:
                raise SystemExit(out.stderr)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append((n, r))
            print(
                f"{n:>8} articles: {r['documents']} documents, {r['rejected']} rejected, {r['seconds']:.0f}s "
                f"({r['documents'] / r['seconds']:.1f}/s), peak RSS {r['peak_rss_mb']:.0f} MB "
                f"(workers {r['peak_child_rss_mb']:.0f} MB)",
                flush=True,
            )
    if len(rows) >= 2:
        a0, b0 = rows[0][1]["peak_rss_mb"], rows[-1][1]["peak_rss_mb"]
        print(f"peak RSS {rows[-1][0]} vs {rows[0][0]} articles: {b0 / a0:.2f}x")
        w0, w1 = rows[0][1]["peak_child_rss_mb"], rows[-1][1]["peak_child_rss_mb"]
        if w0:
            print(f"workers' peak RSS {rows[-1][0]} vs {rows[0][0]} articles: {w1 / w0:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
