"""Dates mentioned in a document, resolved against its publication date (stub)."""
from __future__ import annotations

from ..records import DocRecord
from . import component


@component("dates")
def dates(sdoc, rec: DocRecord) -> None:
    rec.dates = []
