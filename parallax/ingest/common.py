"""Helpers shared by the readers: size-limited reading and article objects."""

from __future__ import annotations

import errno
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..config import Config
from ..records import Article, Rejected
from .registry import Meta

#: the article-object keys that carry metadata (besides id, text and html).
META_KEYS = ("title", "published", "outlet", "url")

#: a UTF-16 surrogate on its own (JSON's "\\ud800" decodes to one): not a character,
#: and no UTF-8 writer (the database, the dossier) accepts it.
_SURROGATE = re.compile("[\ud800-\udfff]")

#: what a JSON parser reports when arrays or objects nest deeper than it can follow.
TOO_DEEP = "nested too deeply to be read (arrays or objects more than about 1,000 levels deep)"


def out_of_space(err: BaseException) -> bool:
    """True for an error that says the machine's storage is full (no space, file size or
    quota limit): a fault of the run's environment, never of an input, so it must stop the
    run (which can then be resumed) rather than reject the input being read."""
    return isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


def valid_text(s: str) -> str:
    """`s` with every lone surrogate replaced by U+FFFD (the replacement character)."""
    return _SURROGATE.sub("\ufffd", s)


def size_text(n: int) -> str:
    """A byte count for people ("3.2 MB", "512 bytes")."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def too_large(size: int, cfg: Config) -> str | None:
    """The rejection reason when `size` bytes exceed the input limit, else None."""
    limit = cfg.limits.max_input_bytes
    if limit and size > limit:
        return (
            f"input is {size_text(size)}, over the limit of {size_text(limit)} "
            f"(limits.max_input_bytes); it was not read"
        )
    return None


def read_at_most(read: Callable[[int], bytes], limit: int, chunk: int = 1 << 16) -> bytes | None:
    """Everything `read(n)` gives until it gives nothing, or None as soon as that is more
    than `limit` bytes (0: no limit): never more than `limit` plus one chunk is held, so a
    stream that inflates to gigabytes costs no more memory than the limit."""
    chunks, size = [], 0
    while data := read(chunk):
        chunks.append(data)
        size += len(data)
        if limit and size > limit:
            return None
    return b"".join(chunks)


def read_limited(path: Path, source: str, cfg: Config) -> bytes | Rejected:
    """The bytes of `path`, or a Rejected when it is too large (checked before reading) or unreadable."""
    try:
        size = path.stat().st_size
        reason = too_large(size, cfg)
        if reason:
            return Rejected(source, None, reason)
        if size == 0:
            return Rejected(source, None, "the file is empty")
        return path.read_bytes()
    except OSError as e:
        return Rejected(source, None, f"could not be read: {e.strerror or e}")


def read_decoded(path: Path, source: str, cfg: Config, html: bool = False) -> str | Rejected:
    """The text of `path` (size-checked, then decoded), or the Rejected saying why not."""
    from .decode import UNDECODABLE, decode

    data = read_limited(path, source, cfg)
    if isinstance(data, Rejected):
        return data
    text = decode(data, html=html)
    return Rejected(source, None, UNDECODABLE) if text is None else text


def _string(value: Any) -> str | None:
    """A metadata value as a non-empty string, or None."""
    if value is None or isinstance(value, (dict, list)):
        return None
    s = valid_text(str(value)).strip()
    return s or None


def from_object(
    obj: dict[str, Any], doc_id: str, source: str, record: int | str | None, meta: Meta
) -> Article | Rejected:
    """An Article from one article object (spec/articles.md); `meta` (a manifest row) fills gaps.

    Rejected when the object has neither a string ``text`` nor a string ``html``.
    """
    text, html = obj.get("text"), obj.get("html")
    where = f"record {doc_id!r}"
    for key, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            return Rejected(source, record, f'{where}: "{key}" is a {type(value).__name__}, not a string')
    if text is None and html is None:
        return Rejected(source, record, f'{where} has neither "text" nor "html"')
    fields = {k: _string(obj.get(k)) or _string(meta.get(k)) for k in META_KEYS}
    return Article(
        id=valid_text(doc_id),
        source=source,
        record=record,
        text=None if text is None else valid_text(text),
        html=None if html is None else valid_text(html),
        **fields,
    )
