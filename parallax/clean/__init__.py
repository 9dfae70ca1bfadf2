"""Clean: Article -> Document (minimal version)."""
from __future__ import annotations

from ..config import Config
from ..records import Article, Document, Rejected


def clean(article: Article, cfg: Config) -> Document | Rejected:
    text = article.text or ""
    if not text.strip():
        return Rejected(article.source, article.record, "empty after cleaning")
    return Document(id=article.id, source=article.source, outlet=article.outlet,
                    published=(article.published or "")[:10] or None, title=article.title,
                    authors=[], text=text.strip(), url=article.url)
