"""Clean: an Article in, a Document (clean body text and metadata) or a Rejected out.

HTML pages go through trafilatura first (``html.py``).  The text is split into paragraph
lines (``lines.py``), web and print residue is removed by general line rules
(``boilerplate.py``), and the outlet, authors and date are read from what the article
gives and from its bylines, datelines, mastheads and credit lines (``metadata.py``).
The clean text keeps one paragraph a line and the original characters; every removed
line is kept in ``Document.dropped``.
A document confidently in a language the run does not accept (``limits.languages``;
``language.py``) is rejected with the language named, not analysed with English models.
"""

from __future__ import annotations

from ..config import Config
from ..records import Article, Document, Rejected
from . import boilerplate, dates, language, lines, metadata
from .html import Page, extract
from .lines import paragraphs

__all__ = ["clean"]


def clean(article: Article, cfg: Config) -> Document | Rejected:
    """`article` as a Document, or a Rejected when nothing usable is left."""
    page: Page | None = None
    raw = article.text
    if not (raw and raw.strip()) and article.html and article.html.strip():
        page = extract(article.html, article.url)
        if page is None:
            return Rejected(article.source, article.record, "no article text found in the page")
        raw = page.text
    given_title = article.title or (page.title if page else None)
    if given_title is not None:  # read as the body is: no control characters
        given_title = lines.normalised(given_title)
    title, site = metadata.title_suffix(given_title)
    res = boilerplate.scan(paragraphs(raw or ""), given_title)
    kept = [ln.text for ln in res.kept()]
    text = "\n".join(kept)

    words = len(text.split())
    headline = " ".join((title or res.title or "").split())
    headline_only = words < cfg.limits.min_words and _usable_headline(headline, cfg)
    if headline_only:
        text = "\n".join([headline, *kept])
    elif not words:
        return Rejected(article.source, article.record, "empty after cleaning")
    refused = language.rejection(text, cfg.limits.languages)
    if refused:
        return Rejected(article.source, article.record, refused)
    if words < cfg.limits.min_words and not headline_only:
        return Rejected(
            article.source,
            article.record,
            f"too short after cleaning: fewer than {cfg.limits.min_words} words "
            f"(and no headline of {cfg.limits.min_headline_words} words or more)",
        )
    if cfg.limits.max_doc_chars and len(text) > cfg.limits.max_doc_chars:
        return Rejected(
            article.source,
            article.record,
            f"too long after cleaning: {len(text):,} characters "
            f"(the limit is {cfg.limits.max_doc_chars:,}, limits.max_doc_chars)",
        )

    authors, byline_outlet = _bylines(res, page)
    line = metadata.dateline(kept[0]) if kept else None
    dl_outlet, dl_day = line if line else (None, None)
    holders_years = [metadata.copyright_notice(c) for c in res.copyrights]
    outlet = _first(
        article.outlet,
        page.sitename if page else None,
        *res.mastheads[:1],
        byline_outlet,
        dl_outlet,
        *(metadata.credit(c) for c in res.credits),
        metadata.self_reference(text),
        *(h for h, _ in holders_years),
        site,
        metadata.url_host(article.url),
    )
    published = _first(
        dates.normalise(article.published),
        dates.normalise(page.date) if page else None,
        *(dates.find_date(s) for s in res.stamps),
        dates.from_url(article.url),
        _dateline_date(dl_day, [y for _, y in holders_years if y]),
    )
    return Document(
        id=article.id,
        source=article.source,
        outlet=outlet,
        published=published,
        title=title or res.title,
        authors=authors,
        text=text,
        url=article.url,
        dropped=res.dropped(),
        headline_only=headline_only,
    )


def _usable_headline(headline: str | None, cfg: Config) -> bool:
    """Whether a headline can stand for a page whose body cleaning emptied: long enough
    (``limits.min_headline_words`` words with letters) and not itself web residue
    ("Subscribe", "Page not found")."""
    words = [w for w in (headline or "").split() if any(c.isalpha() for c in w)]
    if len(words) < cfg.limits.min_headline_words:
        return False
    return boilerplate.line_reason(headline or "") is None


def _first(*values: str | None) -> str | None:
    """The first value that is not None or empty."""
    return next((v for v in values if v), None)


def _bylines(res: boilerplate.Residue, page: Page | None) -> tuple[list[str], str | None]:
    """Authors (in order, once each) and the outlet a byline names."""
    authors: list[str] = metadata.split_authors(page.author) if page else []
    outlet = None
    for line in res.bylines:
        parsed = metadata.parse_byline(line)
        if parsed:
            authors.extend(parsed[0])
            outlet = outlet or parsed[1]
    for line in res.credits:
        authors.extend(metadata.reporters(line))
    seen: set[str] = set()
    unique: list[str] = []
    for a in authors:
        if a.casefold() not in seen:
            seen.add(a.casefold())
            unique.append(a)
    return unique, outlet


def _dateline_date(day: tuple[int, int] | None, years: list[int]) -> str | None:
    """A dateline's month and day, when the text states the year elsewhere (one year only)."""
    if day is None or len(set(years)) != 1:
        return None
    return dates.with_year(day, years[0])
