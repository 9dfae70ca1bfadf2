"""Ingest: paths in, one ``Article`` or ``Rejected`` per input record out.

Inputs (spec/articles.md): folders (``folder.py``), single-article files (``files.py``: .txt,
.html, .htm, .json), JSON Lines (``jsonl.py``: .jsonl, .jsonl.gz), RSS/Atom feeds
(``feeds.py``: .rss, .atom, .rdf, .xml), WARC files (``warc.py``: .warc, .warc.gz) and URL
lists (``urls.py``: .urls files, and the files given as ``url_lists``; their pages are
fetched: the only inputs that reach the network, and only because they were asked for). Each
reader registers the suffixes it reads in ``registry.py``; a new form is a new module imported
below. Nothing is lost silently: every input ends as an Article or a Rejected whose reason
says what went wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Config
from ..records import Article, Rejected
from . import feeds, files, jsonl, urls, warc  # noqa: F401  (register their readers)
from .folder import read_file, read_folder

__all__ = ["read"]


def read(paths: list[str], cfg: Config, url_lists: Iterable[str] = ()) -> Iterator[Article | Rejected]:
    """Every record under `paths` (folders or files, in the order given), then the pages
    the URL lists `url_lists` name (whatever their file names), as Article or Rejected.

    Stops after ``cfg.limits.max_articles`` articles when that is set.
    """
    limit = cfg.limits.max_articles
    articles = 0
    given = [(str(p), False) for p in paths] + [(str(u), True) for u in url_lists]
    for p, listing in given:
        for item in _read_one(p, cfg, listing):
            if isinstance(item, Article):
                if limit and articles >= limit:
                    return
                articles += 1
            yield item


def _read_one(p: str, cfg: Config, listing: bool = False) -> Iterator[Article | Rejected]:
    path = Path(p)
    if listing:  # a URL list, whatever its name (a folder or a FIFO is rejected by read_file)
        yield from read_file(path, p, cfg, {}, read=urls.read_urls) if path.exists() else _missing(p)
    elif path.is_dir():
        yield from read_folder(path, cfg)
    elif path.is_file():
        yield from read_file(path, p, cfg, {})
    elif path.exists():
        yield Rejected(p, None, "not a regular file or folder")
    else:
        yield from _missing(p)


def _missing(p: str) -> Iterator[Rejected]:
    yield Rejected(p, None, "no such file or folder")
