"""Where the per-document stage runs: in this process (``local``), in a pool of worker
processes on this machine (``processes``), on a Dask cluster (``dask``: a ``LocalCluster``
by default, any ``distributed`` scheduler by address), or (``auto``, the choice for a
machine with several CPUs) in a pool when the run is large enough to repay starting it.

An engine takes an iterator of (key, Article | Rejected) and yields (key, DocRecord |
Rejected) in input order, holding only a bounded number of inputs in flight.  The work
for each article (cleaning, language detection, parsing, extraction:
:func:`~parallax.nlp.stage.analyse_items`) runs where the engine puts it, in batches; a
Rejected passes through in its place.  Keys are opaque to the engine.

On one machine the pool costs far less than a LocalCluster (measured on 400 articles: 54
CPU seconds in all against 74), having no scheduler, nannies or messages to run; Dask is
for a cluster."""

from __future__ import annotations

import dataclasses
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any

from ..config import Config
from ..records import Article, DocRecord, Rejected
from . import load
from .stage import analyse_items, batches

Item = tuple[Any, Article | Rejected]
Outcome = tuple[Any, DocRecord | Rejected]

#: ``auto`` starts worker processes only when the run has at least this many articles to
#: analyse: starting them and loading the model in each costs a few seconds, which this
#: many articles (about 13 s of parsing on one core) repay.
AUTO_MIN_ARTICLES = 200


def cpus() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def local(items: Iterable[Item], cfg: Config) -> Iterator[Outcome]:
    """One process: the model loaded once, texts parsed in batches with ``nlp.pipe``."""
    for chunk in batches(items, cfg.nlp.batch_size * 4):
        yield from zip((k for k, _ in chunk), analyse_items([x for _, x in chunk], cfg), strict=False)


def _in_order(
    submit: Callable[[list], Any], items: Iterable[Item], size: int, max_in_flight: int
) -> Iterator[Outcome]:
    """Batches of `size` inputs given to `submit` (which returns a future), at most
    `max_in_flight` at a time; outcomes yielded in input order as their batches finish."""
    pending: deque = deque()

    def oldest() -> Iterator[Outcome]:
        keys, fut = pending.popleft()
        yield from zip(keys, fut.result(), strict=False)
        if hasattr(fut, "release"):  # a Dask future: let the cluster forget the result
            fut.release()

    for chunk in batches(items, size):
        pending.append(([k for k, _ in chunk], submit([x for _, x in chunk])))
        while len(pending) >= max_in_flight:
            yield from oldest()
    while pending:
        yield from oldest()


def dask(items: Iterable[Item], cfg: Config) -> Iterator[Outcome]:
    """Batches of inputs as Dask tasks; each worker loads the model once (an
    ``lru_cache`` in ``parallax.nlp.load``), cleans and analyses its batch and sends back
    compact records.  At most two tasks per worker are in flight."""
    from dask.distributed import Client, LocalCluster

    ecfg = cfg.engine
    cluster = None
    if ecfg.scheduler:
        client = Client(ecfg.scheduler, timeout="30s")
    else:
        import dask.config

        n = ecfg.workers or cpus()
        # the workers' statistical profiler samples every task's stack every 10 ms: off, it
        # saved 6 % of the workers' CPU time (300 GVA articles, one worker: 43.6 s -> 40.9 s)
        with dask.config.set({"distributed.worker.profile.enabled": False}):
            cluster = LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
            )
        client = Client(cluster)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or ecfg.workers or 1)
        yield from _in_order(
            lambda xs: client.submit(analyse_items, xs, cfg, pure=False), items, ecfg.task_size, 2 * n_workers
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _worker_init(model: str | None) -> None:
    """A pool worker's start: load the model, and end the worker if its parent dies (a
    parent killed outright cannot tell its workers to stop)."""
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parallax-parent-watch", daemon=True).start()
    load(model)("warm up")


def processes(items: Iterable[Item], cfg: Config) -> Iterator[Outcome]:
    """Worker processes on this machine (``engine.workers``, default one per CPU), each
    started fresh with the model loaded once, fed batches of ``engine.task_size`` inputs;
    at most two batches per worker are in flight.  A worker that dies ends the run (it
    resumes from its last committed batch)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    n = cfg.engine.workers or cpus()
    pool = ProcessPoolExecutor(
        max_workers=n,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_init,
        initargs=(cfg.nlp.model,),
    )
    try:
        yield from _in_order(
            lambda xs: pool.submit(analyse_items, xs, cfg), items, cfg.engine.task_size, 2 * n
        )
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def auto_workers(articles: int, cfg: Config) -> int:
    """Worker processes for a run of `articles` articles under ``auto``: one per CPU
    (``engine.workers`` caps it) when that is at least two and the run has at least
    ``AUTO_MIN_ARTICLES`` articles; 0 (in this process) otherwise."""
    workers = min(cpus(), cfg.engine.workers or cpus())
    return workers if workers >= 2 and articles >= AUTO_MIN_ARTICLES else 0


def auto(items: Iterable[Item], cfg: Config) -> Iterator[Outcome]:
    """A pool of worker processes (:func:`auto_workers`) for a large run on a machine with
    several CPUs, this process otherwise; a scheduler address always means Dask.  The
    articles are counted among the first ``10 * AUTO_MIN_ARTICLES`` inputs, so that a run
    of mostly rejected inputs holds few in memory."""
    if cfg.engine.scheduler:
        yield from dask(items, cfg)
        return
    it = iter(items)
    head: list[Item] = []
    articles = 0
    for item in it:
        head.append(item)
        articles += isinstance(item[1], Article)
        if articles >= AUTO_MIN_ARTICLES or len(head) >= 10 * AUTO_MIN_ARTICLES:
            break
    workers = auto_workers(articles, cfg)
    if workers:
        pooled = dataclasses.replace(cfg, engine=dataclasses.replace(cfg.engine, workers=workers))
        yield from processes(chain(head, it), pooled)
    else:
        yield from local(chain(head, it), cfg)


ENGINES = {"auto": auto, "local": local, "processes": processes, "dask": dask}
