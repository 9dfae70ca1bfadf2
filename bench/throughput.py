#!/usr/bin/env python3
"""Throughput and peak memory of the per-document stage and the whole run.

    .venv/bin/python bench/throughput.py [--input ../shared/data/gva-dev/articles.jsonl.gz] [--limit N]

Prints articles/s and peak RSS for
  (a) bare ``nlp.pipe`` with the same model, as spaCy loads it, over the same (cleaned)
      texts, one process;
  (a') the same with the pipeline as Parallax loads it (its attribute ruler indexed: the
      same output for less work);
  (b) our per-document stage (parse + components), one process;
  (c) the whole run (ingest, clean, per-document stage, store, linking, outputs) with the
      default engine, what ``parallax analyze`` does without flags (``--engine`` names another);
  (c) the whole run in one process (the ``local`` engine), when that is not the default;
and the ratios b/a and c/a; then (c) with the Dask engine at 1 and 2 workers and their ratio.
With ``--repeat N`` every row runs N times, in N passes over all rows (so that a machine whose
speed drifts slows every row alike), and each row's median pass is reported.
Each measurement runs in a fresh subprocess; "peak MB" is that process's peak RSS, "worker
MB" the largest peak of the processes it started (Dask workers; the engine's total is
about peak + workers x worker).  "CPU s" is the CPU time of the timed part in that process
plus all of the processes it started (their start-up included): on a machine shared with
other jobs, where wall-clock rates are lower bounds, it says what the run itself costs."""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "gva-dev" / "articles.jsonl.gz"


def _texts(path: str, limit: int):
    from parallax import clean, ingest
    from parallax.config import Config
    from parallax.records import Rejected

    cfg = Config()
    docs = []
    for item in ingest.read([path], cfg):
        if isinstance(item, Rejected):
            continue
        d = clean.clean(item, cfg)
        if not isinstance(d, Rejected):
            docs.append(d)
        if limit and len(docs) >= limit:
            break
    return docs


def measure(kind: str, path: str, limit: int, workers: int, engine: str) -> dict:
    """Runs inside the child process."""
    from parallax.config import Config
    from parallax.nlp import load

    cfg = Config()
    cfg.progress = False
    docs = _texts(path, limit)
    n = len(docs)
    words = sum(len(d.text.split()) for d in docs)
    if kind in ("a", "a'", "b"):
        if kind == "a":
            import spacy

            from parallax.nlp import resolve_model_name

            nlp = spacy.load(resolve_model_name(None))
        else:
            nlp = load(None)
        nlp("warm up")
        t0, cpu0 = time.perf_counter(), time.process_time()
        if kind in ("a", "a'"):
            for _ in nlp.pipe((d.text for d in docs), batch_size=cfg.nlp.batch_size):
                pass
        else:
            from parallax.nlp.stage import run

            for _ in run(docs, cfg):
                pass
        dt = time.perf_counter() - t0
    else:
        from parallax.output import database, dossier
        from parallax.pipeline import analyze

        if kind == "dask":
            cfg.engine.name, cfg.engine.workers = "dask", workers
        else:
            cfg.engine.name = engine
        if cfg.engine.name == "local":
            load(None)("warm up")  # as in (a) and (b); other engines load the model where they run it
        with tempfile.TemporaryDirectory() as td:
            src = Path(td) / "in.jsonl"
            with open(src, "w", encoding="utf-8") as fh:
                for d in docs:
                    fh.write(
                        json.dumps({"id": d.id, "text": d.text, "published": d.published, "title": d.title})
                        + "\n"
                    )
            t0, cpu0 = time.perf_counter(), time.process_time()
            d = analyze([str(src)], cfg, db=Path(td) / "p.duckdb")
            dossier.write(d, Path(td) / "dossier.json")
            database.write(d, Path(td) / "p.duckdb")
            dt = time.perf_counter() - t0
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "kind": kind,
        "articles": n,
        "words": words,
        "seconds": dt,
        "articles_per_s": n / dt,
        "words_per_s": words / dt,
        "peak_rss_mb": me.ru_maxrss / 1024,
        "worker_rss_mb": kids.ru_maxrss / 1024,
        "cpu_s": time.process_time() - cpu0,
        "worker_cpu_s": kids.ru_utime + kids.ru_stime,
    }


def child(kind: str, path: str, limit: int, workers: int = 1, engine: str = "local") -> dict:
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            kind,
            "--input",
            path,
            "--limit",
            str(limit),
            "--workers",
            str(workers),
            "--engine",
            engine,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0 = all)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument(
        "--engine",
        default=None,
        help="engine of the first whole-run row (default: the configuration's default engine)",
    )
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask measurements")
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="passes over all rows; each row's median pass is reported, with every pass's articles/s",
    )
    a = ap.parse_args()
    load_before = os.getloadavg()
    if a.child:
        print(json.dumps(measure(a.child, a.input, a.limit, a.workers, a.engine or "local")))
        return 0
    from parallax.config import Config

    engine = a.engine or Config().engine.name
    plan = {k: (k, 1, "local") for k in ("a", "a'", "b")}
    plan["c"] = ("c", 1, engine)
    if engine != "local":
        plan["c1"] = ("c", 1, "local")
    if not a.no_dask:
        plan["dask1"] = ("dask", 1, "local")
        plan["dask2"] = ("dask", 2, "local")
    # every row once per pass, passes one after another: a machine whose speed drifts
    # slows all rows alike; each row is reported by its median pass
    passes: dict[str, list[dict]] = {k: [] for k in plan}
    for _ in range(a.repeat):
        for k, (kind, workers, eng) in plan.items():
            passes[k].append(child(kind, a.input, a.limit, workers, eng))
    rows = {k: sorted(runs, key=lambda r: r["articles_per_s"])[len(runs) // 2] for k, runs in passes.items()}
    labels = {
        "a": "(a) bare nlp.pipe",
        "a'": "(a') nlp.pipe, Parallax's load",
        "b": "(b) per-document stage",
        "c": f"(c) whole run [{engine}]",
        "c1": "(c) whole run, one process",
        "dask1": "(c) Dask, 1 worker",
        "dask2": "(c) Dask, 2 workers",
    }
    print(
        f"input: {a.input}  articles: {rows['a']['articles']}  words: {rows['a']['words']}  "
        f"CPUs: {os.cpu_count()}  load average before: {' '.join(f'{x:.2f}' for x in load_before)}  "
        f"after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(
        f"{'measurement':32s} {'articles/s':>10s} {'words/s':>9s} {'seconds':>8s} {'peak MB':>8s} "
        f"{'worker MB':>9s} {'CPU s':>7s}"
    )
    for k, r in rows.items():
        every = (
            "  passes: " + " ".join(f"{x['articles_per_s']:.1f}" for x in passes[k]) if a.repeat > 1 else ""
        )
        print(
            f"{labels[k]:32s} {r['articles_per_s']:10.1f} {r['words_per_s']:9.0f} {r['seconds']:8.1f} "
            f"{r['peak_rss_mb']:8.0f} {r['worker_rss_mb']:9.0f} {r['cpu_s'] + r['worker_cpu_s']:7.1f}{every}"
        )
    aps = {k: r["articles_per_s"] for k, r in rows.items()}
    line = f"b/a = {aps['b'] / aps['a']:.2f}   c/a = {aps['c'] / aps['a']:.2f}"
    if "c1" in aps:
        line += f"   (one process) c/a = {aps['c1'] / aps['a']:.2f}"
    print(line)
    if "dask2" in aps:
        print(f"Dask 2 workers / 1 worker = {aps['dask2'] / aps['dask1']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
