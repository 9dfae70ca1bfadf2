"""The whole run: ingest -> clean -> per-document NLP -> linking -> dossier.

Inputs stream through; each outcome (a DocRecord or a Rejected) is committed to the
store in batches as it is produced.  With a database path the run is resumable: inputs
already in the store are skipped, so a run killed at any point and started again loses
no finished work and duplicates nothing."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

from . import clean as clean_stage
from . import ingest, link
from .config import Config
from .nlp.engines import ENGINES
from .records import Document, Dossier, Rejected
from .store import MemoryStore, Store, input_key


def _progress(total: int | None, desc: str, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, mininterval=0.5, dynamic_ncols=True, delay=2.0, leave=False)


def _documents(paths: list[str], cfg: Config, store, rejected_out: list[tuple[str, Rejected]]
               ) -> Iterator[tuple[str, Document]]:
    """Cleaned documents not yet in the store; rejections go to `rejected_out`."""
    done = store.done_keys()
    seen = store.doc_ids()
    n = 0
    for item in ingest.read(list(paths), cfg):
        key = input_key(item)
        if key in done:
            continue
        done.add(key)
        if isinstance(item, Rejected):
            rejected_out.append((key, item))
            continue
        n += 1
        if cfg.limits.max_articles and n > cfg.limits.max_articles:
            rejected_out.append((key, Rejected(item.source, item.record,
                                               f"over the article limit ({cfg.limits.max_articles}) of this run")))
            continue
        res = clean_stage.clean(item, cfg)
        if isinstance(res, Rejected):
            rejected_out.append((key, res))
        elif res.id in seen:
            rejected_out.append((key, Rejected(item.source, item.record,
                                               f"duplicate id {res.id!r}: an earlier record already has it")))
        else:
            seen.add(res.id)
            yield key, res


def process(paths: list[str], cfg: Config, store) -> tuple[int, int]:
    """Run ingest, clean and the per-document stage into `store`; (new documents, new rejections)."""
    engine = ENGINES.get(cfg.engine.name)
    if engine is None:
        raise ValueError(f"unknown engine {cfg.engine.name!r} (known: {', '.join(ENGINES)})")
    rejected: list[tuple[str, Rejected]] = []
    bar = _progress(None, "analysing", cfg.progress)
    batch: list = []
    n_docs = n_rej = 0
    try:
        for key, res in engine(_documents(paths, cfg, store, rejected), cfg):
            batch.append((key, res))
            if isinstance(res, Rejected):
                n_rej += 1
            else:
                n_docs += 1
            if bar is not None:
                bar.update(1)
            if len(batch) + len(rejected) >= cfg.engine.commit_every:
                store.commit(rejected + batch)
                n_rej += len(rejected)
                rejected.clear()
                batch = []
        store.commit(rejected + batch)
        n_rej += len(rejected)
    finally:
        if bar is not None:
            bar.close()
    return n_docs, n_rej


def analyze(paths: list[str] | str, cfg: Config | None = None, db: str | Path | None = None) -> Dossier:
    """Read every input under `paths` and return the dossier.

    With `db`, per-document records are kept in that DuckDB file: a later call with the
    same database skips inputs already done and adds new ones to the same corpus."""
    cfg = cfg or Config()
    if isinstance(paths, (str, Path)):
        paths = [str(paths)]
    store = Store(db) if db else MemoryStore()
    try:
        process([str(p) for p in paths], cfg, store)
        records = list(store.records())
        rejected = store.rejected()
    finally:
        store.close()
    stories = link.link(records, cfg)
    return Dossier(documents=[r.document for r in records], stories=stories, rejected=rejected)
