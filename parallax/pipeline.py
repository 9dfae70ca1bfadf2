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
from its last committed batch once there is space.

An input met again is skipped when it holds what it held (same key, same content digest);
one whose content changed since it was done has its old outcome forgotten and is analysed
again, and the run says so (a warning naming the inputs).  With a database, the run holds
the lock of the database's folder (``parallax/outdir.py``) from start to end."""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import ingest, link, outdir
from .config import Config
from .ingest.common import out_of_space
from .nlp.engines import ENGINES
from .nlp.stage import error_phrase
from .records import Article, DocRecord, Dossier, Rejected
from .store import KeySet, MemoryStore, Outcome, Store, content_digest, done_key, input_key

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


def _inputs(paths: list[str], cfg: Config, url_lists: Iterable[str] = ()) -> Iterator[Article | Rejected]:
    """Every record under `paths`, path by path, then the pages of the URL lists
    `url_lists`.  The article limit is not applied here (the caller rejects each article
    over it, so that none goes unaccounted), and a path whose reading raises ends with one
    Rejected naming the error."""
    unlimited = dataclasses.replace(cfg, limits=dataclasses.replace(cfg.limits, max_articles=0))
    given = [(str(p), False) for p in paths] + [(str(u), True) for u in url_lists]
    for p, listing in given:
        try:
            yield from ingest.read([], unlimited, url_lists=[p]) if listing else ingest.read([p], unlimited)
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

    def __init__(self, store: Store | MemoryStore, every: int) -> None:
        self.store = store
        self.every = max(1, every)
        self.waiting: list[Outcome] = []
        self.documents = 0
        self.rejected = 0

    def add(self, key: str, digest: str, res: DocRecord | Rejected) -> None:
        self.waiting.append((key, digest, res))
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


#: ((input key, content digest, source, record), the article to analyse or its rejection)
Todo = tuple[tuple[str, str, str, int | str | None], Article | Rejected]

#: changed inputs named one by one in the run's warning; more are counted.
NAMED_CHANGES = 10


class _Changes:
    """The inputs of this run whose content changed since they were done."""

    def __init__(self) -> None:
        self.n = 0
        self.named: list[str] = []

    def add(self, item: Article | Rejected) -> None:
        self.n += 1
        if len(self.named) < NAMED_CHANGES:
            self.named.append(item.source if item.record is None else f"{item.source} ({item.record})")

    def report(self) -> None:
        if self.n:
            more = f" and {self.n - len(self.named)} more" if self.n > len(self.named) else ""
            log.warning(
                "%d input%s changed since %s last analysed, so %s analysed again: %s%s",
                self.n,
                "s" if self.n > 1 else "",
                "they were" if self.n > 1 else "it was",
                "they are" if self.n > 1 else "it is",
                "; ".join(self.named),
                more,
            )


def _todo(
    paths: list[str],
    cfg: Config,
    store: Store | MemoryStore,
    seen: KeySet,
    changes: _Changes,
    url_lists: Iterable[str] = (),
) -> Iterator[Todo]:
    """Every input not yet in the store as it is now, in input order, as ((key, digest,
    source, record), item): the articles to analyse, and in their places the inputs
    already rejected here (by the reader, or over the article limit).  An input done
    before with other content is forgotten first (its documents' ids leave `seen`)."""
    done = store.done_keys()
    known = store.known_keys()
    met = KeySet()  # every key met in this run (8 bytes each)
    repeats: Counter[str] = Counter()  # the few keys met more than once
    n = 0
    for item in _inputs(list(paths), cfg, url_lists):
        base = input_key(item)
        if base in met:
            repeats[base] += 1
            # a second record with the same key (in the same order on every run) gets a key of its own
            key = f"{base}\x00#{repeats[base] + 1}"
        else:
            met.add(base)
            key = base
        digest = content_digest(item)
        if done_key(key, digest) in done:
            continue
        done.add(done_key(key, digest))
        if key in known:  # done before, with other content
            for doc_id in store.forget(key):
                seen.discard(doc_id)
            changes.add(item)
        if isinstance(item, Article):
            n += 1
            if cfg.limits.max_articles and n > cfg.limits.max_articles:
                item = Rejected(
                    item.source,
                    item.record,
                    f"over the article limit ({cfg.limits.max_articles}) of this run (limits.max_articles)",
                )
        yield (key, digest, item.source, item.record), item


def process(
    paths: list[str], cfg: Config, store: Store | MemoryStore, url_lists: Iterable[str] = ()
) -> tuple[int, int]:
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
    changes = _Changes()
    try:
        for (key, digest, source, record), res in engine(
            _todo(paths, cfg, store, seen, changes, url_lists), cfg
        ):
            if isinstance(res, DocRecord):
                if res.document.id in seen:
                    res = Rejected(
                        source, record, f"duplicate id {res.document.id!r}: an earlier record already has it"
                    )
                else:
                    seen.add(res.document.id)
            out.add(key, digest, res)
            if bar is not None:
                bar.update(1)
        out.flush()
    finally:
        if bar is not None:
            bar.close()
    changes.report()
    return out.documents, out.rejected


def analyze(
    paths: list[str] | str,
    cfg: Config | None = None,
    db: str | Path | None = None,
    url_lists: Iterable[str] = (),
) -> Dossier:
    """Read every input under `paths` (and the pages the URL lists `url_lists` name) and
    return the dossier.

    With `db`, per-document records are kept in that DuckDB file: a later call with the
    same database skips inputs already done and adds new ones to the same corpus, and the
    story index saved beside it takes the new documents into its stories (or new ones)
    without clustering the corpus again.  The database's folder is locked meanwhile
    (``outdir.Busy`` when another process holds it)."""
    cfg = cfg or Config()
    if isinstance(paths, (str, Path)):
        paths = [str(paths)]
    if db is None:
        return _analyze(paths, cfg, MemoryStore(), url_lists)
    with outdir.locked(Path(db).parent):
        return _analyze(paths, cfg, Store(db, fingerprint=stage_fingerprint(cfg)), url_lists)


def _analyze(paths: list[str], cfg: Config, store: Store | MemoryStore, url_lists: Iterable[str]) -> Dossier:
    discarded = getattr(store, "discarded", 0)
    if discarded:
        log.warning(
            "%s held %d outcomes made by another version of the per-document stage or another "
            "model; they are analysed again",
            getattr(store, "path", "the store"),
            discarded,
        )
    groups = thread_groups = None
    try:
        process([str(p) for p in paths], cfg, store, url_lists)
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
