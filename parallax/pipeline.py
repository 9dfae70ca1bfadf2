"""The whole run: ingest -> clean -> per-document NLP -> linking -> dossier.

Inputs stream through; each outcome (a DocRecord or a Rejected) is committed to the
store in batches as it is produced.  With a database path the run is resumable: inputs
already in the store are skipped, so a run killed at any point and started again loses
no finished work and duplicates nothing.

Every input record ends as exactly one outcome.  Bad input never ends the run: a reader
or a cleaning step that raises is recorded as a Rejected naming the error (the rest of
that file is then not read), pages nested deeper than ``limits.max_nesting`` and
articles over ``limits.max_articles`` are rejected with that reason, and two records
that present the same key (a WARC file repeating a record id) are both accounted for.
A full disk is not the input's fault: it ends the run (``StoreError``), which resumes
from its last committed batch once there is space."""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from . import ingest, link
from .config import Config
from .ingest.common import out_of_space
from .nlp.engines import ENGINES
from .nlp.stage import error_phrase
from .records import Article, DocRecord, Dossier, Rejected
from .store import KeySet, MemoryStore, Store, input_key

log = logging.getLogger(__name__)


def stage_fingerprint(cfg: Config) -> str:
    """What the stored per-document records depend on: the code of the stages that make
    them (ingest, clean, NLP, extraction) and the spaCy pipeline with its version."""
    import hashlib
    import importlib.metadata

    from .nlp import resolve_model_name

    h = hashlib.sha256()
    pkg = Path(__file__).resolve().parent
    for sub in ("ingest", "clean", "nlp", "extract"):
        for f in sorted((pkg / sub).rglob("*.py")):
            h.update(f.relative_to(pkg).as_posix().encode())
            h.update(f.read_bytes())
    model = resolve_model_name(cfg.nlp.model)
    try:
        version = importlib.metadata.version(model)
    except importlib.metadata.PackageNotFoundError:
        version = "?"
    h.update(f"{model}=={version}".encode())
    for section in ("limits",):
        h.update(repr(getattr(cfg, section)).encode())
    return h.hexdigest()[:16]


def stories_key(cfg: Config) -> str:
    """What the saved story index depends on: the story configuration and the clustering
    code (a change to either rebuilds the index rather than extending it)."""
    import hashlib

    h = hashlib.sha256()
    for f in sorted(Path(link.stories.__file__).parent.glob("*.py")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    code = h.hexdigest()[:16]
    return f"{cfg.stories!r} {code}"


def _progress(total: int | None, desc: str, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(
        total=total,
        desc=desc,
        unit="doc",
        file=sys.stderr,
        mininterval=0.5,
        dynamic_ncols=True,
        delay=2.0,
        leave=False,
    )


def _inputs(paths: list[str], cfg: Config) -> Iterator[Article | Rejected]:
    """Every record under `paths`, path by path.  The article limit is not applied here
    (the caller rejects each article over it, so that none goes unaccounted), and a path
    whose reading raises ends with one Rejected naming the error."""
    unlimited = dataclasses.replace(cfg, limits=dataclasses.replace(cfg.limits, max_articles=0))
    for p in paths:
        try:
            yield from ingest.read([p], unlimited)
        except Exception as err:
            if out_of_space(err):
                raise
            log.warning("reading %s failed: %r", p, err)
            yield Rejected(
                p, "error", f"could not be read; the rest of it was not read ({error_phrase(err)})"
            )


class _Outcomes:
    """Outcomes waiting to be committed, in input order: every `every` of them (documents
    and rejections alike, so that a run that rejects much and keeps little holds little
    back in memory) are written to the store in one transaction."""

    def __init__(self, store, every: int) -> None:
        self.store = store
        self.every = max(1, every)
        self.waiting: list[tuple[str, DocRecord | Rejected]] = []
        self.documents = 0
        self.rejected = 0

    def add(self, key: str, res: DocRecord | Rejected) -> None:
        self.waiting.append((key, res))
        if isinstance(res, Rejected):
            self.rejected += 1
        else:
            self.documents += 1
        if len(self.waiting) >= self.every:
            self.flush()

    def flush(self) -> None:
        if self.waiting:
            self.store.commit(self.waiting)
            self.waiting = []


#: ((input key, source, record), the article to analyse or its rejection) for the engine
Todo = tuple[tuple[str, str, int | str | None], Article | Rejected]


def _todo(paths: list[str], cfg: Config, store) -> Iterator[Todo]:
    """Every input not yet in the store, in input order, as ((key, source, record), item):
    the articles to analyse, and in their places the inputs already rejected here (by
    the reader, or over the article limit)."""
    done = store.done_keys()
    met = KeySet()  # every key met in this run (8 bytes each)
    repeats: Counter[str] = Counter()  # the few keys met more than once
    n = 0
    for item in _inputs(list(paths), cfg):
        base = input_key(item)
        if base in met:
            repeats[base] += 1
            # a second record with the same key (in the same order on every run) gets a key of its own
            key = f"{base}\x00#{repeats[base] + 1}"
        else:
            met.add(base)
            key = base
        if key in done:
            continue
        done.add(key)
        if isinstance(item, Article):
            n += 1
            if cfg.limits.max_articles and n > cfg.limits.max_articles:
                item = Rejected(
                    item.source,
                    item.record,
                    f"over the article limit ({cfg.limits.max_articles}) of this run (limits.max_articles)",
                )
        yield (key, item.source, item.record), item


def process(paths: list[str], cfg: Config, store) -> tuple[int, int]:
    """Run ingest, clean and the per-document stage into `store`; (new documents, new rejections).

    Outcomes are committed in input order.  Cleaning runs with the rest of the
    per-document stage wherever the engine runs it; a document whose id an earlier
    document already has is rejected here, once analysed (the earlier one may yet have
    been rejected in cleaning)."""
    engine = ENGINES.get(cfg.engine.name)
    if engine is None:
        raise ValueError(f"unknown engine {cfg.engine.name!r} (known: {', '.join(ENGINES)})")
    out = _Outcomes(store, cfg.engine.commit_every)
    bar = _progress(None, "analysing", cfg.progress)
    seen = store.doc_ids()
    try:
        for (key, source, record), res in engine(_todo(paths, cfg, store), cfg):
            if isinstance(res, DocRecord):
                if res.document.id in seen:
                    res = Rejected(
                        source, record, f"duplicate id {res.document.id!r}: an earlier record already has it"
                    )
                else:
                    seen.add(res.document.id)
            out.add(key, res)
            if bar is not None:
                bar.update(1)
        out.flush()
    finally:
        if bar is not None:
            bar.close()
    return out.documents, out.rejected


def analyze(paths: list[str] | str, cfg: Config | None = None, db: str | Path | None = None) -> Dossier:
    """Read every input under `paths` and return the dossier.

    With `db`, per-document records are kept in that DuckDB file: a later call with the
    same database skips inputs already done and adds new ones to the same corpus, and the
    story index saved beside it takes the new documents into its stories (or new ones)
    without clustering the corpus again."""
    cfg = cfg or Config()
    if isinstance(paths, (str, Path)):
        paths = [str(paths)]
    store = Store(db, fingerprint=stage_fingerprint(cfg)) if db else MemoryStore()
    discarded = getattr(store, "discarded", 0)
    if discarded:
        log.warning(
            "%s held %d outcomes made by another version of the per-document stage or another "
            "model; they are analysed again",
            db,
            discarded,
        )
    groups = thread_groups = None
    try:
        process([str(p) for p in paths], cfg, store)
        records = list(store.records())
        rejected = store.rejected()
        if isinstance(store, Store):
            key = stories_key(cfg)
            groups, thread_groups, state = link.stories.cluster_incremental(
                records, cfg.stories, store.load_state("stories", key)
            )
            store.save_state("stories", key, state)
    finally:
        store.close()
    stories, threads = link.link_threads(records, cfg, groups, thread_groups)
    return Dossier(
        documents=[r.document for r in records], stories=stories, rejected=rejected, threads=threads
    )
