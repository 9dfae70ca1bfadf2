"""Per-document records: small named components, each filling one part of a DocRecord
from the spaCy parse.  A pure function of one document, so it parallelises.

A component is ``fn(sdoc: spacy.tokens.Doc, rec: DocRecord) -> None``; register it with
``@component("name")``.  ``process`` runs them in ``DEFAULT_ORDER`` (or the order the
caller names) whatever order they were imported in."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..records import DocRecord, Document

Component = Callable[..., None]
COMPONENTS: dict[str, Component] = {}
#: The default order: later components read what earlier ones wrote (claims read dates).
DEFAULT_ORDER = ("mentions", "dates", "quotes", "claims")


def component(name: str) -> Callable[[Component], Component]:
    def deco(fn: Component) -> Component:
        COMPONENTS[name] = fn
        return fn

    return deco


def _load_builtin() -> None:
    # importing registers them, in this order
    from . import claims, dates, mentions, quotes  # noqa: F401


def process(sdoc, document: Document, names: Iterable[str] | None = None) -> DocRecord:
    """The DocRecord of one parsed document."""
    _load_builtin()
    rec = DocRecord(document=document, sentences=[(s.start_char, s.end_char) for s in sdoc.sents])
    for name in names or DEFAULT_ORDER:
        fn = COMPONENTS.get(name)
        if fn is None:
            raise ValueError(f"unknown component {name!r} (registered: {', '.join(COMPONENTS)})")
        fn(sdoc, rec)
    return rec
