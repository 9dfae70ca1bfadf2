"""Single-article files: ``.txt`` (plain text), ``.html``/``.htm`` (a saved page) and
``.json`` (one article object).  Read alone or as part of a folder; the document id is
the file name."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..config import Config
from ..records import Article, Rejected
from .common import META_KEYS, TOO_DEEP, from_object, read_decoded
from .registry import Meta, reader


def _meta_fields(meta: Meta) -> dict[str, str | None]:
    return {k: (meta.get(k) or "").strip() or None for k in META_KEYS}


@reader(".txt", ".text")
def read_text(path: Path, source: str, cfg: Config, meta: Meta) -> Iterator[Article | Rejected]:
    """A plain-text article (its first line may be the headline)."""
    text = read_decoded(path, source, cfg)
    if isinstance(text, Rejected):
        yield text
        return
    yield Article(id=path.name, source=source, text=text, **_meta_fields(meta))


@reader(".html", ".htm", ".xhtml")
def read_html(path: Path, source: str, cfg: Config, meta: Meta) -> Iterator[Article | Rejected]:
    """A saved web page; the article is extracted from it when it is cleaned."""
    html = read_decoded(path, source, cfg, html=True)
    if isinstance(html, Rejected):
        yield html
        return
    yield Article(id=path.name, source=source, html=html, **_meta_fields(meta))


@reader(".json")
def read_json(path: Path, source: str, cfg: Config, meta: Meta) -> Iterator[Article | Rejected]:
    """One article object (spec/articles.md); the manifest's values take precedence over its own."""
    text = read_decoded(path, source, cfg)
    if isinstance(text, Rejected):
        yield text
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        yield Rejected(source, None, f"not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})")
        return
    except RecursionError:
        yield Rejected(source, None, f"JSON {TOO_DEEP}")
        return
    if not isinstance(obj, dict):
        yield Rejected(source, None, f"holds a JSON {type(obj).__name__}, not one article object")
        return
    given = {k: v for k, v in _meta_fields(meta).items() if v}
    yield from_object({**obj, **given}, path.name, source, None, {})
