"""JSON Lines (``.jsonl``, ``.jsonl.gz``): one article object a line.

Read as a stream: a file of any size is fine (compressed or not: a ``.jsonl.gz`` is
decompressed as it is read, never more than one line of at most ``limits.max_input_bytes``
held), one line over that limit is rejected without being held in memory, and blank lines
cost next to nothing however many there are.  A damaged or cut-short gzip file keeps every record
before the damage and rejects the rest with one reason.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, cast

from ..config import Config
from ..records import Article, Rejected
from .common import TOO_DEEP, from_object, size_text
from .decode import UNDECODABLE, decode
from .registry import Meta, reader

_CHUNK = 1 << 16


@reader(".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
def read_jsonl(path: Path, source: str, cfg: Config, meta: Meta) -> Iterator[Article | Rejected]:
    """Every line of a JSON Lines file as an Article or a Rejected (record = line number)."""
    compressed = path.name.lower().endswith(".gz")
    lines = _Lines(cfg.limits.max_input_bytes)
    records = 0
    try:
        with gzip.open(path, "rb") if compressed else open(path, "rb") as fh:
            for n, line in lines.read(fh):
                records += 1
                if line is None:
                    yield Rejected(
                        source,
                        n,
                        f"line {n} is longer than the limit of "
                        f"{size_text(cfg.limits.max_input_bytes)} (limits.max_input_bytes)",
                    )
                else:
                    yield _record(line, n, source, meta)
        if not records:  # nothing at all came of the file: say so, or it would vanish unaccounted
            n = lines.n
            yield Rejected(
                source,
                None,
                "the file is empty"
                if not n
                else f"the file holds no records (its {n} line{'s are' if n > 1 else ' is'} blank)",
            )
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        n = lines.n
        kept = f"after line {n}" if n else "at its start"
        yield Rejected(
            source,
            n + 1,
            f"the compressed file is cut short or damaged {kept}; the rest of it could not be read ({e})",
        )
    except OSError as e:
        n = lines.n
        yield Rejected(source, n + 1 if n else None, f"could not be read: {e.strerror or e}")


class _Lines:
    """The lines of a binary stream that are not blank, each at most `limit` bytes; ``n``
    counts every line met so far, blank ones included (so that line numbers are the file's)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.n = 0

    def read(self, fh: io.BufferedIOBase) -> Iterator[tuple[int, bytes | None]]:
        """(line number, line bytes) pairs for the non-blank lines; None for a line over the
        limit (skipped unread).  Runs of blank lines are passed over a buffer at a time,
        not a line at a time (a compressed file of nothing but newlines inflates a
        thousandfold).  A file starting with a UTF-16 BOM is decoded as it is read and its
        lines re-encoded as UTF-8."""
        peek = getattr(fh, "peek", None)
        head = peek(4)[:4] if peek else b""
        readline: Callable[[int], bytes] = fh.readline
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not head.startswith(
            codecs.BOM_UTF32_LE
        ):
            wrapper = io.TextIOWrapper(cast(BinaryIO, fh), encoding="utf-16", newline="")
            peek = None

            def readline(size: int) -> bytes:
                return wrapper.readline(size).encode("utf-8")

        limit = self.limit
        while True:
            if peek is not None:
                self._skip_blank(peek, fh.read)
            line = readline(limit + 1 if limit else -1)
            if not line:
                return
            self.n += 1
            if limit and len(line) > limit and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the long line
                    line = readline(_CHUNK)
                yield self.n, None
            elif line.strip():
                yield self.n, line

    def _skip_blank(self, peek: Callable[[int], bytes], read: Callable[[int], bytes]) -> None:
        """Consume (and count) the whole blank lines at the stream's position."""
        while True:
            buf = peek(_CHUNK)
            blank = len(buf) - len(buf.lstrip())
            end = buf.rfind(b"\n", 0, blank) + 1  # the whitespace after it starts the next line
            if not end:
                return
            self.n += buf.count(b"\n", 0, end)
            read(end)


def _record(line: bytes, n: int, source: str, meta: Meta) -> Article | Rejected:
    """One line as an Article, or a Rejected that names the line and what is wrong with it."""
    text = decode(line[3:] if n == 1 and line.startswith(codecs.BOM_UTF8) else line)
    if text is None:
        return Rejected(source, n, f"line {n} is {UNDECODABLE}")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        return Rejected(source, n, f"line {n} is not valid JSON ({e.msg} at column {e.colno})")
    except RecursionError:
        return Rejected(source, n, f"line {n} is {TOO_DEEP}")
    if not isinstance(obj, dict):
        return Rejected(source, n, f"line {n} is a JSON {type(obj).__name__}, not an article object")
    doc_id = obj.get("id")
    if doc_id is None or isinstance(doc_id, (dict, list)) or not str(doc_id).strip():
        return Rejected(source, n, f'line {n} has no "id"')
    art = from_object(obj, str(doc_id).strip(), source, n, meta)
    if isinstance(art, Rejected):
        art.reason = f"line {n}: {art.reason}"
    return art
