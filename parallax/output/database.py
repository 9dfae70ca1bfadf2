"""The dossier's records as DuckDB tables (``parallax.duckdb``).

One table per record kind; story-level records carry ``story_id``.  The file is written
to a temporary name inside one transaction and moved into place, so a crash never
leaves a half-written database where an earlier good one stood.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..records import Dossier
from ..store import StoreError

#: table -> (column, DuckDB type) in order.
TABLES: dict[str, list[tuple[str, str]]] = {
    "meta": [("key", "VARCHAR"), ("value", "VARCHAR")],
    "documents": [
        ("id", "VARCHAR"),
        ("source", "VARCHAR"),
        ("outlet", "VARCHAR"),
        ("published", "DATE"),
        ("title", "VARCHAR"),
        ("authors", "VARCHAR[]"),
        ("url", "VARCHAR"),
        ("text", "VARCHAR"),
        ("dropped", "VARCHAR[]"),
        ("headline_only", "BOOLEAN"),
    ],
    "rejected": [("source", "VARCHAR"), ("record", "VARCHAR"), ("reason", "VARCHAR")],
    "stories": [
        ("id", "VARCHAR"),
        ("title", "VARCHAR"),
        ("n_documents", "INTEGER"),
        ("first_published", "DATE"),
        ("last_published", "DATE"),
    ],
    "story_documents": [("story_id", "VARCHAR"), ("doc_id", "VARCHAR")],
    "entities": [
        ("story_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("name", "VARCHAR"),
        ("type", "VARCHAR"),
        ("aliases", "VARCHAR[]"),
        ("n_mentions", "INTEGER"),
    ],
    "mentions": [
        ("story_id", "VARCHAR"),
        ("entity_id", "VARCHAR"),
        ("doc_id", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
    ],
    "claims": [
        ("story_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("doc_id", "VARCHAR"),
        ("evidence", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("measure", "VARCHAR"),
        ("subject", "VARCHAR"),
        ("low", "DOUBLE"),
        ("high", "DOUBLE"),
        ("approximate", "BOOLEAN"),
        ("vague", "BOOLEAN"),
        ("attributed_to", "VARCHAR"),
        ("as_of", "DATE"),
        ("qualifier", "VARCHAR"),
        ("number_text", "VARCHAR"),
        ("scope", "VARCHAR"),
        ("kind", "VARCHAR"),
    ],
    "facts": [
        ("story_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("question", "VARCHAR"),
        ("measure", "VARCHAR"),
        ("subject", "VARCHAR"),
        ("status", "VARCHAR"),
        ("estimate_low", "DOUBLE"),
        ("estimate_high", "DOUBLE"),
        ("n_claims", "INTEGER"),
    ],
    "fact_claims": [
        ("story_id", "VARCHAR"),
        ("fact_id", "VARCHAR"),
        ("claim_id", "VARCHAR"),
        ("superseded", "BOOLEAN"),
    ],
    "quotes": [
        ("story_id", "VARCHAR"),
        ("doc_id", "VARCHAR"),
        ("text", "VARCHAR"),
        ("speaker", "VARCHAR"),
        ("direct", "BOOLEAN"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("same_as", "VARCHAR[]"),
    ],
    "timeline": [
        ("story_id", "VARCHAR"),
        ("date", "VARCHAR"),
        ("text", "VARCHAR"),
        ("docs", "VARCHAR[]"),
        ("weight", "DOUBLE"),
    ],
    "summary": [("story_id", "VARCHAR"), ("position", "INTEGER"), ("text", "VARCHAR"), ("docs", "VARCHAR[]")],
    "discrepancies": [
        ("story_id", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("doc_id", "VARCHAR"),
        ("evidence", "VARCHAR"),
        ("note", "VARCHAR"),
        ("against_doc", "VARCHAR"),
        ("against_evidence", "VARCHAR"),
    ],
    "framing": [("story_id", "VARCHAR"), ("outlet", "VARCHAR"), ("term", "VARCHAR")],
    "coverage": [("story_id", "VARCHAR"), ("outlet", "VARCHAR"), ("kind", "VARCHAR"), ("item", "VARCHAR")],
}


def rows(dossier: Dossier) -> dict[str, Iterable[dict[str, Any]]]:
    """The dossier as table rows."""
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    out["meta"] = [{"key": "schema", "value": dossier.schema}]
    published = {}
    for d in dossier.documents:
        published[d.id] = d.published
        out["documents"].append(
            {
                "id": d.id,
                "source": d.source,
                "outlet": d.outlet,
                "published": d.published,
                "title": d.title,
                "authors": d.authors,
                "url": d.url,
                "text": d.text,
                "dropped": d.dropped,
                "headline_only": d.headline_only,
            }
        )
    for r in dossier.rejected:
        out["rejected"].append(
            {"source": r.source, "record": None if r.record is None else str(r.record), "reason": r.reason}
        )
    for s in dossier.stories:
        dates = sorted(p for p in (published.get(d) for d in s.documents) if p)
        out["stories"].append(
            {
                "id": s.id,
                "title": s.title,
                "n_documents": len(s.documents),
                "first_published": dates[0] if dates else None,
                "last_published": dates[-1] if dates else None,
            }
        )
        sid = {"story_id": s.id}
        out["story_documents"] += [{**sid, "doc_id": d} for d in s.documents]
        for e in s.entities:
            out["entities"].append(
                {
                    **sid,
                    "id": e.id,
                    "name": e.name,
                    "type": e.type,
                    "aliases": e.aliases,
                    "n_mentions": len(e.mentions),
                }
            )
            out["mentions"] += [
                {**sid, "entity_id": e.id, "doc_id": d, "start": a, "end": b} for d, a, b in e.mentions
            ]
        for c in s.claims:
            out["claims"].append(
                {
                    **sid,
                    "id": c.id,
                    "doc_id": c.doc,
                    "evidence": c.evidence,
                    "start": c.start,
                    "end": c.end,
                    "measure": c.measure,
                    "subject": c.subject,
                    "low": c.low,
                    "high": c.high,
                    "approximate": c.approximate,
                    "vague": c.vague,
                    "attributed_to": c.attributed_to,
                    "as_of": c.as_of,
                    "qualifier": c.qualifier,
                    "number_text": c.number_text,
                    "scope": c.scope,
                    "kind": c.kind,
                }
            )
        for f in s.facts:
            out["facts"].append(
                {
                    **sid,
                    "id": f.id,
                    "question": f.question,
                    "measure": f.measure,
                    "subject": f.subject,
                    "status": f.status,
                    "estimate_low": f.estimate.get("low"),
                    "estimate_high": f.estimate.get("high"),
                    "n_claims": len(f.claims),
                }
            )
            out["fact_claims"] += [
                {**sid, "fact_id": f.id, "claim_id": c, "superseded": c in f.superseded} for c in f.claims
            ]
        for q in s.quotes:
            out["quotes"].append(
                {
                    **sid,
                    "doc_id": q.doc,
                    "text": q.text,
                    "speaker": q.speaker,
                    "direct": q.direct,
                    "start": q.start,
                    "end": q.end,
                    "same_as": q.same_as,
                }
            )
        for t in s.timeline:
            out["timeline"].append(
                {**sid, "date": t.date, "text": t.text, "docs": t.docs, "weight": t.weight}
            )
        out["summary"] += [
            {**sid, "position": i, "text": it.text, "docs": it.docs} for i, it in enumerate(s.summary)
        ]
        for x in s.discrepancies:
            against = x.against or {}
            out["discrepancies"].append(
                {
                    **sid,
                    "kind": x.kind,
                    "doc_id": x.doc,
                    "evidence": x.evidence,
                    "note": x.note,
                    "against_doc": against.get("doc"),
                    "against_evidence": against.get("evidence"),
                }
            )
        for outlet, terms in s.framing.items():
            out["framing"] += [{**sid, "outlet": outlet, "term": t} for t in terms]
        for outlet, kinds in s.coverage.items():
            for kind, items in kinds.items():
                out["coverage"] += [{**sid, "outlet": outlet, "kind": kind, "item": i} for i in items]
    return out


def create_tables(con) -> None:
    for table, cols in TABLES.items():
        col_sql = ", ".join(f'"{c}" {t}' for c, t in cols)
        con.execute(f'CREATE TABLE IF NOT EXISTS "{table}" ({col_sql})')


def insert(con, table: str, items: Iterable[dict[str, Any]], tmpdir: str) -> int:
    """Bulk-insert rows through a JSON Lines file (fast, and typed by the table)."""
    path = os.path.join(tmpdir, f"{table}.jsonl")
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for r in items:
            fh.write(json.dumps(r, ensure_ascii=False))
            fh.write("\n")
            n += 1
    if n:
        cols = TABLES[table]
        spec = ", ".join(f"'{c}': '{t}'" for c, t in cols)
        names = ", ".join(f'"{c}"' for c, _ in cols)
        con.execute(
            f'INSERT INTO "{table}" ({names}) SELECT {names} FROM '
            f"read_json(?, format='newline_delimited', columns={{{spec}}})",
            [path],
        )
    return n


def write(dossier: Dossier, path: str | Path) -> dict[str, int]:
    """Replace the dossier's tables in the database at `path` (created if missing) in one
    transaction: a crash leaves the previous tables, never half of the new ones (a full
    disk raises a StoreError; what was committed stays readable).  The
    working store's tables (inputs, records, rejections) are left as they are."""
    import duckdb

    counts: dict[str, int] = {}
    con = duckdb.connect(str(path))
    try:
        with tempfile.TemporaryDirectory(prefix="parallax-db-") as td:
            con.execute("BEGIN TRANSACTION")
            try:
                for table in TABLES:
                    con.execute(f'DROP TABLE IF EXISTS "{table}"')
                create_tables(con)
                for table, items in rows(dossier).items():
                    counts[table] = insert(con, table, items, td)
                con.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(duckdb.Error):  # a connection a failed write invalidated
                    con.execute("ROLLBACK")
                raise
        con.execute("CHECKPOINT")
    except (duckdb.Error, OSError) as e:
        raise StoreError(
            f"could not write the dossier's tables to {path} ({e}); the database keeps its "
            "earlier tables and every record committed: free some space and run again"
        ) from e
    finally:
        with contextlib.suppress(duckdb.Error):
            con.close()
    return counts
