"""Direct quotations (stub: replaced by the real extractor)."""
from __future__ import annotations

from ..records import DocRecord
from . import component


@component("quotes")
def quotes(sdoc, rec: DocRecord) -> None:
    rec.quotes = []
    rec.framing = []
