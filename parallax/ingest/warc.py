"""WARC files (``.warc``, ``.warc.gz``; Common Crawl's CC-NEWS), read as a stream with warcio.

Every ``response`` record (and ``resource`` record) is an input: an HTTP 200 HTML page
becomes an Article (id: the WARC-Record-ID's UUID; record: the whole WARC-Record-ID; url:
WARC-Target-URI; html: the page, whose body, title and date are extracted when it is
cleaned); any other response (a redirect, an error status, a PDF, an image) becomes a
Rejected saying what it is.  Records that hold no page (``request``, ``metadata``,
``warcinfo``, ``revisit``, ...) are skipped and counted in one Rejected for the file
(record ``"skipped"``).  A record cut short, or damage that stops the reading, is
rejected with its reason; every record before it is kept.  A page is read, decompressed
when its HTTP response was (``Content-Encoding: gzip``), to ``limits.max_input_bytes`` and
no further: a small record that inflates to gigabytes is rejected, not held in memory.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Config
from ..records import Article, Rejected
from .common import read_at_most, size_text, too_large
from .decode import UNDECODABLE, decode
from .registry import Meta, reader

#: record types that carry a fetched page.
PAGE_RECORDS = ("response", "resource")
#: content types read as HTML pages.
HTML_TYPES = ("text/html", "application/xhtml+xml")

_CHUNK = 1 << 16


def _printable(text: str, limit: int = 80) -> str:
    """An error message fit for a reason: a damaged record's binary first line is left out."""
    head, sep, tail = text.partition("first line:")
    odd = sum(not (c.isascii() and c.isprintable()) for c in tail)
    if sep and odd > 0.1 * max(1, len(tail)):
        return head + "first line unreadable"
    return "".join(c if c.isprintable() else "?" for c in text[:limit])


@reader(".warc", ".warc.gz")
def read_warc(path: Path, source: str, cfg: Config, meta: Meta) -> Iterator[Article | Rejected]:
    """Every page record of a WARC file as an Article or a Rejected (record = WARC-Record-ID)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if not _starts_as_warc(path):
        yield Rejected(source, None, "not a WARC file (it does not begin with a WARC/1.x record)")
        return
    skipped: Counter[str] = Counter()
    last = None  # the WARC-Record-ID of the last record read whole ...
    end = 0  # ... and the file offset where it ends
    try:
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh)
            for n, rec in enumerate(records, start=1):
                rid = rec.rec_headers.get_header("WARC-Record-ID") or f"record {n}"
                item = _page(rec, rid, source, cfg) if rec.rec_type in PAGE_RECORDS else None
                # asked only now: asking for the offset reads the rest of the record
                end = records.get_record_offset() + records.get_record_length()
                cut = _cut_short(rec, rid)
                if cut:
                    yield Rejected(source, rid, cut)
                    break
                if item is None:
                    skipped[rec.rec_type or "untyped"] += 1
                else:
                    yield item
                last = rid
            else:
                unread = _unread_tail(fh, end)
                if unread:
                    after = f"after record {last}" if last else "at its start"
                    yield Rejected(
                        source,
                        "damaged",
                        f"the WARC file ends inside a record {after}; "
                        f"its last {size_text(unread)} could not be read",
                    )
    except (ArchiveLoadFailed, EOFError, gzip.BadGzipFile, zlib.error, ValueError, AttributeError) as e:
        after = f"after record {last}" if last else "at its start"
        yield Rejected(
            source,
            "damaged",
            f"the WARC file is damaged {after}; the rest of it could not be read ({_printable(str(e))})",
        )
    except OSError as e:
        yield Rejected(source, None, f"could not be read: {e.strerror or e}")
    if skipped:
        kinds = ", ".join(
            f"{n} {kind}" for kind, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        total = sum(skipped.values())
        yield Rejected(
            source,
            "skipped",
            f"{total} WARC record{'s' if total > 1 else ''} holding no page skipped ({kinds})",
        )


def _cut_short(rec: Any, rid: str) -> str | None:
    """Why a record that has been read to its end is incomplete, or None when it is whole."""
    where = f"{rec.rec_type or 'untyped'} record for {rec.rec_headers.get_header('WARC-Target-URI') or rid}"
    if rec.rec_headers.get_header("Content-Length") is None:
        return f"the WARC file's {where} has no Content-Length (damaged or cut short)"
    missing = getattr(rec.raw_stream, "limit", 0)
    if missing > 0:
        return f"the WARC file ends {size_text(missing)} before the end of its {where} (cut short)"
    return None


def _unread_tail(fh: BinaryIO, end: int) -> int:
    """Bytes of the file after offset `end` that are not just blank lines (a record cut
    short before its headers were complete is not reported by warcio)."""
    size = os.fstat(fh.fileno()).st_size
    if size - end > _CHUNK:
        return size - end
    fh.seek(end)
    return size - end if fh.read().strip() else 0


def _starts_as_warc(path: Path) -> bool:
    """True when the file (gzip-compressed or not) begins with a WARC version line."""
    try:
        with open(path, "rb") as fh:
            magic = fh.read(2)
        opener = gzip.open if magic == b"\x1f\x8b" else open
        with opener(path, "rb") as fh:
            return fh.read(5) == b"WARC/"
    except (OSError, EOFError, zlib.error):
        return False


def _page(rec: Any, rid: str, source: str, cfg: Config) -> Article | Rejected:
    """A response or resource record as an Article when it is an HTTP 200 HTML page, else a
    Rejected saying what it is."""
    uri = rec.rec_headers.get_header("WARC-Target-URI")
    where = uri or rid
    content_type = rec.rec_headers.get_header("Content-Type")
    if rec.rec_type == "response":
        http = rec.http_headers
        if http is None or not http.protocol.upper().startswith("HTTP"):
            return Rejected(source, rid, f"WARC response for {where} holds no HTTP response")
        status = http.get_statuscode()
        if status != "200":
            location = http.get_header("Location")
            to = f" (redirect to {location})" if location and status.startswith("3") else ""
            return Rejected(source, rid, f"WARC response for {where} is HTTP {status}{to}, not a page")
        content_type = http.get_header("Content-Type") or rec.rec_headers.get_header(
            "WARC-Identified-Payload-Type"
        )
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime not in HTML_TYPES:
        return Rejected(
            source, rid, f"WARC record for {where} is not an HTML page ({mime or 'no content type'})"
        )
    reason = too_large(rec.length or 0, cfg)
    if reason:
        return Rejected(source, rid, f"WARC record for {where}: {reason}")
    limit = cfg.limits.max_input_bytes
    try:
        body = read_at_most(rec.content_stream().read, limit)
    except (OSError, EOFError, zlib.error, ValueError) as e:
        named = http_header(rec, "Content-Encoding") or "its encoding"
        return Rejected(source, rid, f"WARC record for {where}: the page could not be decoded ({named}: {e})")
    if body is None:
        coding = http_header(rec, "Content-Encoding")
        how = f", once decompressed ({coding})," if coding else ""
        return Rejected(
            source,
            rid,
            f"WARC record for {where}: the page{how} is over the limit of {size_text(limit)} "
            "(limits.max_input_bytes); it was not read",
        )
    charset = _charset(content_type)
    html = decode(body, html=True, declared=charset)
    if html is None:
        return Rejected(source, rid, f"WARC record for {where} is {UNDECODABLE}")
    return Article(id=_doc_id(rid), source=source, record=rid, html=html, url=uri)


def http_header(rec: Any, name: str) -> str | None:
    """A header of the record's HTTP response (None for a resource record or when absent)."""
    http = getattr(rec, "http_headers", None)
    return http.get_header(name) if http is not None else None


def _charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type value, or None."""
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _doc_id(record_id: str) -> str:
    """A document id from a WARC-Record-ID: "<urn:uuid:X>" -> "X"; other forms unbracketed."""
    rid = record_id.strip().strip("<>")
    return rid[len("urn:uuid:") :] if rid.lower().startswith("urn:uuid:") else rid
