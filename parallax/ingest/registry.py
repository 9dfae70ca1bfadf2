"""The registry of readers: which function reads which kind of input.

A reader is registered for one or more file-name suffixes (``.jsonl.gz``, ``.txt``) with
:func:`reader`.  Readers for new forms (feeds, WARC, URL lists) are new modules that
register themselves the same way and are imported in ``parallax/ingest/__init__.py``.
The suffix alone decides: a file's content never turns it into another form (a ``.txt``
file of web addresses is an article, not a list of pages to fetch).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..config import Config
from ..records import Article, Rejected

#: Per-file metadata a folder's manifest gives (keys: published, outlet, url, title).
Meta = dict[str, str]

#: ``reader(path, source, cfg, meta)``: every record of one input, each an Article or a Rejected.
Reader = Callable[[Path, str, Config, Meta], Iterator[Article | Rejected]]

_READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register the decorated function as the reader of files ending in `suffixes`."""

    def register(fn: Reader) -> Reader:
        for s in suffixes:
            _READERS[s.lower()] = fn
        return fn

    return register


def find(path: Path) -> Reader | None:
    """The reader of the longest registered suffix `path`'s name ends with, else None."""
    name = path.name.lower()
    best = max((s for s in _READERS if name.endswith(s)), key=len, default=None)
    return _READERS[best] if best else None


def suffix_of(path: Path) -> str:
    """The suffix to name in an 'unsupported file type' message."""
    suffixes = path.suffixes
    return "".join(suffixes[-2:]) if len(suffixes) > 1 and suffixes[-1].lower() == ".gz" else path.suffix
