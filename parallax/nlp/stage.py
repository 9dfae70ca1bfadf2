"""The per-document stage: Documents in, DocRecords out, the model loaded once per process.

A document whose analysis raises does not stop the run: it comes back as a ``Rejected``
naming the error, and the run goes on."""
from __future__ import annotations

import logging
from itertools import islice
from typing import Iterable, Iterator

from ..config import Config
from ..extract import process
from ..records import DocRecord, Document, Rejected
from . import load

log = logging.getLogger(__name__)


def _failed(document: Document, err: Exception) -> Rejected:
    log.warning("analysis of %s failed: %r", document.id, err)
    return Rejected(document.source, document.id, f"could not be analysed ({type(err).__name__}: {err})")


def analyse_batch(documents: list[Document], model: str | None = None, batch_size: int = 32) -> list[DocRecord | Rejected]:
    """A batch of documents through the whole per-document stage (what a worker runs)."""
    nlp = load(model)
    out: list[DocRecord | Rejected] = []
    try:
        parsed = list(nlp.pipe((d.text for d in documents), batch_size=batch_size))
    except Exception:  # one bad text spoils a batch: fall back to one at a time
        parsed = []
        for d in documents:
            try:
                parsed.append(nlp(d.text))
            except Exception as err:  # noqa: BLE001 - recorded as a rejection
                parsed.append(err)
    for document, sdoc in zip(documents, parsed):
        if isinstance(sdoc, Exception):
            out.append(_failed(document, sdoc))
            continue
        try:
            out.append(process(sdoc, document))
        except Exception as err:  # noqa: BLE001 - recorded as a rejection
            out.append(_failed(document, err))
    return out


def batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run(documents: Iterable[Document], cfg: Config) -> Iterator[DocRecord | Rejected]:
    """DocRecords (or Rejected) in input order, in one process."""
    for chunk in batches(documents, cfg.nlp.batch_size * 4):
        yield from analyse_batch(chunk, cfg.nlp.model, cfg.nlp.batch_size)
