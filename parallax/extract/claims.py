"""Counted claims (stub: replaced by the real extractor)."""
from __future__ import annotations

from ..records import DocRecord
from . import component


@component("claims")
def claims(sdoc, rec: DocRecord) -> None:
    rec.claims = []
