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


def nesting_depth(html: str, stop: int = 0) -> int:
    """How deeply the tags of `html` nest (as an HTML parser builds the tree, closing
    what HTML closes implicitly); counting ends past `stop` when it is set.  Iterative:
    no depth of nesting can exhaust the interpreter's recursion limit."""
    from lxml import etree

    parser = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True, encoding="utf-8")
    try:
        root = etree.fromstring(html.encode("utf-8", "replace"), parser)
    except (etree.LxmlError, ValueError):
        return 0
    if root is None:
        return 0
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
            if stop and deepest > stop:
                break
        else:
            depth -= 1
    return deepest


def too_deep(html: str, limit: int) -> str | None:
    """The rejection reason when the page's tags nest deeper than `limit` (0: no limit)."""
    if not limit:
        return None
    depth = nesting_depth(html, stop=limit)
    if depth > limit:
        return (
            f"the page's tags nest more than {limit} levels deep (limits.max_nesting); "
            f"it was not parsed for an article"
        )
    return None


def extract(html: str, url: str | None = None) -> Page | None:
    """The article in `html`, or None when no article text can be found in it."""
    import trafilatura  # imported here: runs on plain text never pay for it

    raw = trafilatura.extract(
        html, url=url, output_format="json", with_metadata=True, include_comments=False, deduplicate=False
    )
    if not raw:
        raw = trafilatura.extract(
            html, url=url, output_format="json", with_metadata=True, include_comments=False, favor_recall=True
        )
    if not raw:
        return None
    data = json.loads(raw)
    text = data.get("text") or ""
    if not text.strip():
        return None

    def field(key: str) -> str | None:
        value = data.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else None

    return Page(
        text=text,
        title=field("title"),
        author=field("author"),
        date=field("date"),
        sitename=field("source-hostname"),
    )
