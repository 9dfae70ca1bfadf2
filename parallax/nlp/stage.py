"""The per-document stage: inputs in, DocRecords out, the model loaded once per process.

What a worker runs is :func:`analyse_items`: it cleans each article (HTML extraction,
boilerplate, metadata, language detection), parses the clean texts in one ``nlp.pipe``
batch and builds their records, so that the process that feeds the engine only reads
inputs and commits outcomes.  Every step is a pure function of one document.

A document whose cleaning or analysis raises does not stop the run: it comes back as a
``Rejected`` naming the error, and the run goes on (an ``OSError`` is the machine's, a
full disk, not the input's: it ends the run)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from .. import clean as clean_stage
from ..clean.html import too_deep
from ..config import Config
from ..extract import process
from ..records import Article, DocRecord, Document, Rejected
from . import load

log = logging.getLogger(__name__)

T = TypeVar("T")


def error_phrase(err: Exception) -> str:
    """An unexpected exception as a short phrase for a rejection reason."""
    return f"{type(err).__name__}: {str(err)[:200]}"


def _failed(document: Document, err: Exception) -> Rejected:
    log.warning("analysis of %s failed: %r", document.id, err)
    return Rejected(document.source, document.id, f"could not be analysed ({type(err).__name__}: {err})")


def clean_article(item: Article, cfg: Config) -> Document | Rejected:
    """`item` cleaned, or the Rejected saying why it could not be."""
    try:
        if item.html and not (item.text and item.text.strip()):
            reason = too_deep(item.html, cfg.limits.max_nesting)
            if reason:
                return Rejected(item.source, item.record, reason)
        return clean_stage.clean(item, cfg)
    except OSError:
        raise  # cleaning reads no file: an OSError is the machine's (a full disk), not the input's
    except Exception as err:
        log.warning("cleaning %s failed: %r", item.id, err)
        return Rejected(item.source, item.record, f"could not be cleaned ({error_phrase(err)})")


def analyse_batch(
    documents: list[Document], model: str | None = None, batch_size: int = 32
) -> list[DocRecord | Rejected]:
    """Clean documents through parsing and extraction, in order."""
    nlp = load(model)
    out: list[DocRecord | Rejected] = []
    try:
        parsed = list(nlp.pipe((d.text for d in documents), batch_size=batch_size))
    except Exception:  # one bad text spoils a batch: fall back to one at a time
        parsed = []
        for d in documents:
            try:
                parsed.append(nlp(d.text))
            except Exception as err:
                parsed.append(err)
    for document, sdoc in zip(documents, parsed, strict=False):
        if isinstance(sdoc, Exception):
            out.append(_failed(document, sdoc))
            continue
        try:
            out.append(process(sdoc, document))
        except Exception as err:
            out.append(_failed(document, err))
    return out


def analyse_items(items: list[Article | Rejected], cfg: Config) -> list[DocRecord | Rejected]:
    """A batch of inputs through the whole per-document stage (what a worker runs): each
    article cleaned, then parsed and extracted; a Rejected passes through unchanged, so
    the outcomes are in input order whatever the input held."""
    cleaned = [it if isinstance(it, Rejected) else clean_article(it, cfg) for it in items]
    documents = [d for d in cleaned if isinstance(d, Document)]
    records = iter(analyse_batch(documents, cfg.nlp.model, cfg.nlp.batch_size) if documents else [])
    return [next(records) if isinstance(d, Document) else d for d in cleaned]


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run(documents: Iterable[Document], cfg: Config) -> Iterator[DocRecord | Rejected]:
    """DocRecords (or Rejected) of clean documents in input order, in one process."""
    for chunk in batches(documents, cfg.nlp.batch_size * 4):
        yield from analyse_batch(chunk, cfg.nlp.model, cfg.nlp.batch_size)
