"""Saved web pages: the article's body, title, authors, date and site name, via trafilatura."""
from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass
class Page:
    """What a page yields: its body text (one paragraph a line) and metadata (None when absent)."""
    text: str
    title: str | None
    author: str | None
    date: str | None
    sitename: str | None


def extract(html: str, url: str | None = None) -> Page | None:
    """The article in `html`, or None when no article text can be found in it."""
    import trafilatura  # imported here: runs on plain text never pay for it

    raw = trafilatura.extract(html, url=url, output_format="json", with_metadata=True,
                              include_comments=False, deduplicate=False)
    if not raw:
        raw = trafilatura.extract(html, url=url, output_format="json", with_metadata=True,
                                  include_comments=False, favor_recall=True)
    if not raw:
        return None
    data = json.loads(raw)
    text = data.get("text") or ""
    if not text.strip():
        return None

    def field(key: str) -> str | None:
        value = data.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else None

    return Page(text=text, title=field("title"), author=field("author"), date=field("date"),
                sitename=field("source-hostname"))
