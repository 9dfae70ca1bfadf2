"""The per-document stage: Documents in, DocRecords out, the model loaded once."""
from __future__ import annotations

from typing import Iterable, Iterator

from ..config import Config
from ..extract import process
from ..records import DocRecord, Document
from . import load


def run(documents: Iterable[Document], cfg: Config) -> Iterator[DocRecord]:
    """DocRecords in input order; texts parsed in batches with ``nlp.pipe``."""
    nlp = load(cfg.nlp.model)
    docs = iter(documents)
    pairs = ((d.text, d) for d in docs)
    for sdoc, document in nlp.pipe(pairs, as_tuples=True, batch_size=cfg.nlp.batch_size):
        yield process(sdoc, document)


def process_one(document: Document, model: str | None = None) -> DocRecord:
    """One document through the whole per-document stage (what a Dask task runs)."""
    return process(load(model)(document.text), document)
