"""What each outlet reported that others did not, and its framing terms."""

from __future__ import annotations

from ..records import DocRecord, Story


def outlet_of(rec: DocRecord) -> str:
    return rec.document.outlet or rec.document.id


def per_outlet(
    records: list[DocRecord], story: Story
) -> tuple[dict[str, list[str]], dict[str, dict[str, list[str]]]]:
    """(framing terms per outlet, {outlet: {"facts": [...], "quotes": [...]}} reported by that outlet alone)."""
    framing: dict[str, list[str]] = {}
    for r in records:
        terms = framing.setdefault(outlet_of(r), [])
        for t in r.framing:
            if t not in terms:
                terms.append(t)
    doc_outlet = {r.document.id: outlet_of(r) for r in records}
    claim_doc = {c.id: c.doc for c in story.claims}
    coverage: dict[str, dict[str, list[str]]] = {o: {"facts": [], "quotes": []} for o in doc_outlet.values()}
    for f in story.facts:
        outlets = {doc_outlet[claim_doc[c]] for c in f.claims if c in claim_doc}
        if len(outlets) == 1:
            coverage[outlets.pop()]["facts"].append(f.id)
    for _i, q in enumerate(story.quotes):
        outlets = {doc_outlet[d] for d in [q.doc, *q.same_as] if d in doc_outlet}
        if len(outlets) == 1:
            coverage[outlets.pop()]["quotes"].append(q.text[:120])
    return framing, coverage
