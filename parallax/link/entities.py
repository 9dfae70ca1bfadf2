"""Entity resolution within and across documents (stub: exact strings)."""
from __future__ import annotations

from ..records import DocRecord, Entity


def resolve(records: list[DocRecord]) -> list[Entity]:
    groups: dict[str, Entity] = {}
    for r in records:
        for m in r.mentions:
            e = groups.get(m.text)
            if e is None:
                e = groups[m.text] = Entity(id=f"e{len(groups) + 1}", name=m.text, type=m.label, aliases=[m.text])
            e.mentions.append((r.document.id, m.start, m.end))
    return list(groups.values())


def canonical(entities: list[Entity], surface: str) -> str | None:
    """The canonical name of the entity that `surface` names, or None."""
    for e in entities:
        if surface == e.name or surface in e.aliases:
            return e.name
    return None
