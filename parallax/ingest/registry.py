"""The registry of readers: which function reads which kind of input.

A reader is registered for one or more file-name suffixes (``.jsonl.gz``, ``.txt``) with
:func:`reader`.  Readers for new forms (feeds, WARC, URL lists) are new modules that
register themselves the same way and are imported in ``parallax/ingest/__init__.py``.
A reader may also claim files of a suffix another reader owns when their content shows
they are its form (:func:`claims`: a ``.txt`` file of nothing but URLs is a URL list).
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

#: ``sniff(path)``: True when the file's content is of the claiming reader's form.
Sniffer = Callable[[Path], bool]

_READERS: dict[str, Reader] = {}
_CLAIMS: list[tuple[tuple[str, ...], Sniffer, Reader]] = []


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register the decorated function as the reader of files ending in `suffixes`."""

    def register(fn: Reader) -> Reader:
        for s in suffixes:
            _READERS[s.lower()] = fn
        return fn

    return register


def claims(*suffixes: str, sniff: Sniffer) -> Callable[[Reader], Reader]:
    """Register the decorated function as the reader of files ending in `suffixes` whose
    content `sniff` recognises; it is asked before the suffix's own reader."""

    def register(fn: Reader) -> Reader:
        _CLAIMS.append((tuple(s.lower() for s in suffixes), sniff, fn))
        return fn

    return register


def find(path: Path) -> Reader | None:
    """The reader for `path`: one that claims its content, else the reader of the longest
    registered suffix its name ends with, else None."""
    name = path.name.lower()
    for suffixes, sniff, fn in _CLAIMS:
        if name.endswith(suffixes) and sniff(path):
            return fn
    best = max((s for s in _READERS if name.endswith(s)), key=len, default=None)
    return _READERS[best] if best else None


def suffix_of(path: Path) -> str:
    """The suffix to name in an 'unsupported file type' message."""
    suffixes = path.suffixes
    return "".join(suffixes[-2:]) if len(suffixes) > 1 and suffixes[-1].lower() == ".gz" else path.suffix
