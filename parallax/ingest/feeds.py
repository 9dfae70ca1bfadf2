"""RSS and Atom feeds (``.rss``, ``.atom``, ``.rdf``, and ``.xml`` files that parse as a
feed), read with feedparser from the file's bytes (nothing is fetched).

Each entry becomes one Article: id = the entry's id (guid) as given, else its link;
record = the entry's position (1-based); title, published (the entry's date), outlet (the
feed's title), url (the entry's link) and text (the fullest content the entry carries,
HTML reduced to one paragraph a line).  An entry with only a short summary is rejected
with that reason: linked pages are not fetched.  A feed that is not well-formed XML keeps
the entries feedparser recovered and adds one Rejected (record ``"feed"``) naming the fault.
"""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..clean.dates import find_date
from ..config import Config
from ..records import Article, Rejected
from .common import read_limited
from .registry import Meta, reader

#: tags that end a line of text.
_BLOCKS = frozenset(
    """p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section
    article header footer figure hr dd dt""".split()
)
#: tags whose content is never body text.
_SKIP = frozenset(("script", "style", "figcaption", "noscript"))


class _TextParser(HTMLParser):
    """Collects the text of an HTML fragment, a line break at each block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def fragment_text(html: str) -> str:
    """The text of an HTML fragment, one block (paragraph, list item, heading) a line."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


@reader(".rss", ".atom", ".rdf", ".xml")
def read_feed(path: Path, source: str, cfg: Config, meta: Meta) -> Iterator[Article | Rejected]:
    """Every entry of an RSS or Atom feed file as an Article or a Rejected."""
    data = read_limited(path, source, cfg)
    if isinstance(data, Rejected):
        yield data
        return
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.entries
    fault = parsed.get("bozo_exception") if parsed.bozo else None
    if isinstance(fault, feedparser.CharacterEncodingOverride):
        fault = None  # a wrong encoding declaration, read anyway: not a fault of the content
    if not entries:
        if fault is not None:
            yield Rejected(source, None, f"not a readable RSS or Atom feed ({_describe(fault)})")
        elif not parsed.version:
            yield Rejected(source, None, "not an RSS or Atom feed")
        else:
            yield Rejected(source, None, "the feed has no entries")
        return
    outlet = _clean(parsed.feed.get("title")) or meta.get("outlet")
    for n, entry in enumerate(entries, start=1):
        yield _entry(entry, n, source, outlet, cfg)
    if fault is not None:
        kept = f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}"
        yield Rejected(
            source,
            "feed",
            f"the feed is not well-formed XML ({_describe(fault)}); "
            f"what could be read of it was kept ({kept})",
        )


def _describe(fault: Exception) -> str:
    """A parser exception as a short phrase ("unclosed token at line 7")."""
    line = getattr(fault, "getLineNumber", lambda: None)()
    message = fault.getMessage() if hasattr(fault, "getMessage") else str(fault)
    return f"{message} at line {line}" if line else message


def _clean(value: Any) -> str | None:
    """A feed string field stripped, or None when empty or absent."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _entry(entry: Any, n: int, source: str, outlet: str | None, cfg: Config) -> Article | Rejected:
    """One feed entry as an Article, or a Rejected when it carries no usable text."""
    link = _clean(entry.get("link"))
    title = _clean(entry.get("title"))
    doc_id = _clean(entry.get("id")) or link
    body, is_summary = _body(entry)
    if doc_id is None:
        seed = f"{source}\x00{title}\x00{body}"
        doc_id = "entry-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:16]
    if not body:
        return Rejected(source, n, f"entry {n} ({doc_id}) has no text")
    words = len(body.split())
    if is_summary and words < cfg.limits.min_words:
        return Rejected(
            source,
            n,
            f"entry {n} ({doc_id}) gives only a {words}-word summary, "
            f"not the article (linked pages are not fetched)",
        )
    return Article(
        id=doc_id,
        source=source,
        record=n,
        text=body,
        title=title,
        published=_published(entry),
        outlet=outlet,
        url=link,
    )


def _body(entry: Any) -> tuple[str, bool]:
    """(the entry's text, True when it is only the summary): the longest content part,
    else the summary; HTML is reduced to text."""
    parts = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    is_summary = not any(v.strip() for v, _ in parts)
    if is_summary:
        detail = entry.get("summary_detail") or {}
        parts = [(entry.get("summary") or "", detail.get("type") or "text/html")]
    texts = [fragment_text(v) if "html" in t else v.strip() for v, t in parts]
    return max(texts, key=len, default=""), is_summary


def _published(entry: Any) -> str | None:
    """The entry's date as written when a calendar date can be read from it (the feed's own
    day, not shifted to UTC), else as the UTC timestamp feedparser read, else as written."""
    for key in ("published", "updated", "created"):
        written = _clean(entry.get(key))
        if not written:
            continue
        parsed = entry.get(f"{key}_parsed")
        if find_date(written) or not parsed:
            return written
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return None
