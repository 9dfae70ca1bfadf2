"""Non-numeric contradictions and anomalies between reports of one story (stub)."""
from __future__ import annotations

from ..records import DocRecord, Discrepancy


def find(records: list[DocRecord]) -> list[Discrepancy]:
    return []
