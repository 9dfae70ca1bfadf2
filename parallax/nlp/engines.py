"""Where the per-document stage runs: in this process, or on a Dask cluster (a
``LocalCluster`` by default, any ``distributed`` scheduler by address).

An engine takes an iterator of (key, Document) and yields (key, DocRecord | Rejected)
in input order, holding only a bounded number of documents in flight."""
from __future__ import annotations

import os
from collections import deque
from typing import Iterable, Iterator

from ..config import Config
from ..records import DocRecord, Document, Rejected
from .stage import analyse_batch, batches

Item = tuple[str, Document]
Outcome = tuple[str, DocRecord | Rejected]


def local(items: Iterable[Item], cfg: Config) -> Iterator[Outcome]:
    """One process: the model loaded once, texts parsed in batches with ``nlp.pipe``."""
    for chunk in batches(items, cfg.nlp.batch_size * 4):
        keys = [k for k, _ in chunk]
        yield from zip(keys, analyse_batch([d for _, d in chunk], cfg.nlp.model, cfg.nlp.batch_size))


def dask(items: Iterable[Item], cfg: Config) -> Iterator[Outcome]:
    """Batches of documents as Dask tasks; each worker loads the model once (an
    ``lru_cache`` in ``parallax.nlp.load``) and sends back compact records."""
    from dask.distributed import Client, LocalCluster

    ecfg = cfg.engine
    cluster = None
    if ecfg.scheduler:
        client = Client(ecfg.scheduler, timeout="30s")
    else:
        n = ecfg.workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=40)
        client = Client(cluster)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or ecfg.workers or 1)
        max_in_flight = 2 * n_workers
        pending: deque = deque()
        size = ecfg.task_size
        for chunk in batches(items, size):
            keys = [k for k, _ in chunk]
            fut = client.submit(analyse_batch, [d for _, d in chunk], cfg.nlp.model, cfg.nlp.batch_size, pure=False)
            pending.append((keys, fut))
            while len(pending) >= max_in_flight:
                keys0, f0 = pending.popleft()
                yield from zip(keys0, f0.result())
                f0.release()
        while pending:
            keys0, f0 = pending.popleft()
            yield from zip(keys0, f0.result())
            f0.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


ENGINES = {"local": local, "dask": dask}
