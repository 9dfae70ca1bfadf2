"""Read access to a Parallax DuckDB database (``parallax/output/database.py`` wrote it; the
records are rebuilt by ``parallax/tables.py``, which defines the tables from the records).

Every function takes a DuckDB cursor of its own (one per request, read-only) and uses
bound parameters only; nothing from a request is ever put into SQL text or a file path.
"""

from __future__ import annotations

from collections import Counter
from datetime import date as Date
from typing import Any

from .. import tables
from ..records import Document, Story, Thread

#: How a document is named where its outlet is unknown (the same rule as views.outlet_label).
OUTLET = "coalesce(d.outlet, d.id)"


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, Date) else v


def _dicts(cur) -> list[dict[str, Any]]:
    names = [c[0] for c in cur.description]
    return [{k: _iso(v) for k, v in zip(names, row, strict=False)} for row in cur.fetchall()]


def _doc_filter(
    outlet: str | None, date_from: str | None, date_to: str | None, alias: str = "d"
) -> tuple[str, list[Any]]:
    """SQL conditions (and their parameters) on a documents row named `alias`."""
    conds, params = [], []
    if outlet:
        conds.append(f"coalesce({alias}.outlet, {alias}.id) = ?")
        params.append(outlet)
    if date_from:
        conds.append(f"{alias}.published >= ?::DATE")
        params.append(date_from)
    if date_to:
        conds.append(f"{alias}.published <= ?::DATE")
        params.append(date_to)
    return (" AND ".join(conds) or "TRUE"), params


def overview(con) -> dict[str, Any]:
    """Totals for the header of the stories list."""
    q = (
        "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM stories) AS stories, "
        "(SELECT count(*) FROM facts) AS facts, (SELECT count(*) FROM facts WHERE status = 'conflicting') "
        "AS conflicting, (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM entities) AS entities, "
        "(SELECT count(*) FROM rejected) AS rejected, (SELECT min(published) FROM documents) AS first, "
        "(SELECT max(published) FROM documents) AS last"
    )
    return _dicts(con.execute(q))[0]


def outlets(con) -> list[dict[str, Any]]:
    """Named outlets with their number of documents, most prolific first."""
    return _dicts(
        con.execute(
            "SELECT outlet, count(*) AS documents FROM documents WHERE outlet IS NOT NULL "
            "GROUP BY outlet ORDER BY documents DESC, outlet LIMIT 500"
        )
    )


def list_stories(
    con,
    *,
    q: str | None = None,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """Stories with at least one document matching the filters, largest first."""
    cond, params = _doc_filter(outlet, date_from, date_to)
    title = ""
    if q:
        title = "AND contains(lower(s.title), lower(?))"
        params.append(q)
    base = (
        f"FROM stories s WHERE EXISTS (SELECT 1 FROM story_documents sd JOIN documents d ON d.id = sd.doc_id "
        f"WHERE sd.story_id = s.id AND {cond}) {title}"
    )
    total = con.execute(f"SELECT count(*) {base}", params).fetchone()[0]
    sql = (
        f"SELECT s.id, s.title, s.n_documents, s.first_published, s.last_published, "
        f"(SELECT count(*) FROM facts f WHERE f.story_id = s.id) AS facts, "
        f"(SELECT count(*) FROM facts f WHERE f.story_id = s.id AND f.status = 'conflicting') AS conflicting, "
        f"(SELECT count(*) FROM quotes x WHERE x.story_id = s.id) AS quotes, "
        f"(SELECT count(*) FROM entities x WHERE x.story_id = s.id) AS entities, "
        f"(SELECT count(*) FROM discrepancies x WHERE x.story_id = s.id) AS discrepancies, "
        f"(SELECT list(DISTINCT {OUTLET}) FROM story_documents sd JOIN documents d ON d.id = sd.doc_id "
        f" WHERE sd.story_id = s.id) AS outlets "
        f"{base} ORDER BY s.n_documents DESC, s.last_published DESC NULLS LAST, s.id LIMIT ? OFFSET ?"
    )
    rows = _dicts(con.execute(sql, [*params, limit, offset]))
    for r in rows:
        r["outlets"] = sorted(r["outlets"] or [])
    return total, rows


def document(con, doc_id: str) -> Document | None:
    found = tables.load_documents(con, "id = ?", [doc_id])
    return found[0] if found else None


def story_meta(con, story_id: str) -> dict[str, Any] | None:
    rows = _dicts(con.execute("SELECT * FROM stories WHERE id = ?", [story_id]))
    return rows[0] if rows else None


def load_story(con, story_id: str) -> tuple[Story, dict[str, Document]] | None:
    """The story's records, rebuilt from the tables, and its documents by id."""
    story = tables.load_story(con, story_id)
    if story is None:
        return None
    docs = tables.load_documents(
        con, "id IN (SELECT doc_id FROM story_documents WHERE story_id = ?)", [story_id]
    )
    return story, {d.id: d for d in docs}


def list_threads(con, limit: int = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """Threads (developing situations), those of most stories first."""
    if "threads" not in {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}:
        return 0, []
    total = con.execute("SELECT count(*) FROM threads").fetchone()[0]
    rows = _dicts(
        con.execute(
            "SELECT t.id, t.title, t.n_documents, t.first_published, t.last_published, "
            "(SELECT count(*) FROM thread_stories x WHERE x.thread_id = t.id) AS stories, "
            "(SELECT count(*) FROM thread_facts f WHERE f.thread_id = t.id) AS facts, "
            "(SELECT count(*) FROM thread_facts f WHERE f.thread_id = t.id AND f.status = 'conflicting') "
            "AS conflicting FROM threads t ORDER BY stories DESC, t.n_documents DESC, t.id LIMIT ? OFFSET ?",
            [limit, offset],
        )
    )
    return total, rows


def load_thread(con, thread_id: str) -> tuple[Thread, dict[str, Story], dict[str, Document]] | None:
    """The thread's records, its stories (title and documents only: what a thread page shows of
    them) and its documents by id."""
    thread = tables.load_thread(con, thread_id)
    if thread is None:
        return None
    rows = con.execute(
        "SELECT s.id, s.title, list(sd.doc_id) FROM stories s JOIN story_documents sd ON sd.story_id = s.id "
        "WHERE s.id IN (SELECT story_id FROM thread_stories WHERE thread_id = ?) GROUP BY s.id, s.title",
        [thread_id],
    ).fetchall()
    stories = {sid: Story(id=sid, title=title, documents=list(docs)) for sid, title, docs in rows}
    docs = tables.load_documents(
        con, "id IN (SELECT doc_id FROM thread_documents WHERE thread_id = ?)", [thread_id]
    )
    return thread, stories, {d.id: d for d in docs}


def document_items(con, doc_id: str) -> dict[str, Any]:
    """What the analysis found in one document: its stories, claims, quotes and entities."""
    p = [doc_id]
    stories = _dicts(
        con.execute(
            "SELECT s.id, s.title FROM story_documents sd JOIN stories s ON s.id = sd.story_id "
            "WHERE sd.doc_id = ?",
            p,
        )
    )
    claims = _dicts(
        con.execute(
            'SELECT c.story_id, c.id, c.start, c."end", c.measure, c.subject, c.low, c.high, c.number_text, '
            "c.qualifier, c.attributed_to, f.id AS fact_id, f.question, f.status FROM claims c "
            "LEFT JOIN fact_claims fc ON fc.claim_id = c.id AND fc.story_id = c.story_id "
            "LEFT JOIN facts f ON f.id = fc.fact_id AND f.story_id = fc.story_id WHERE c.doc_id = ? ORDER BY c.start",
            p,
        )
    )
    quotes = _dicts(
        con.execute(
            'SELECT story_id, text, speaker, start, "end" FROM quotes WHERE doc_id = ? ORDER BY start', p
        )
    )
    entities = _dicts(
        con.execute(
            "SELECT e.story_id, e.id, e.name, e.type, count(*) AS n FROM mentions m JOIN entities e "
            "ON e.id = m.entity_id AND e.story_id = m.story_id WHERE m.doc_id = ? "
            "GROUP BY ALL ORDER BY n DESC, e.name LIMIT 100",
            p,
        )
    )
    return {"stories": stories, "claims": claims, "quotes": quotes, "entities": entities}


def entity(con, story_id: str, entity_id: str, max_mentions: int = 200) -> dict[str, Any] | None:
    """An entity with its variants (as written, counted), mentions in context and quotes."""
    rows = _dicts(
        con.execute(
            "SELECT e.story_id, e.id, e.name, e.type, e.aliases, e.n_mentions, s.title AS story_title "
            "FROM entities e JOIN stories s "
            "ON s.id = e.story_id WHERE e.story_id = ? AND e.id = ?",
            [story_id, entity_id],
        )
    )
    if not rows:
        return None
    e = rows[0]
    e["aliases"] = list(e["aliases"] or [])
    ms = con.execute(
        'SELECT m.doc_id, m.start, m."end", d.text, coalesce(d.outlet, d.id), d.published, d.title '
        "FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.story_id = ? AND m.entity_id = ? "
        "ORDER BY d.published NULLS LAST, m.doc_id, m.start",
        [story_id, entity_id],
    ).fetchall()
    variants: Counter[str] = Counter()
    mentions: list[dict[str, Any]] = []
    docs: dict[str, dict[str, Any]] = {}
    for did, a, b, text, outlet, published, title in ms:
        text = text or ""
        variants[text[a:b]] += 1
        docs[did] = {"id": did, "outlet": outlet, "published": _iso(published), "title": title or did}
        if len(mentions) < max_mentions:
            mentions.append(
                {
                    "doc": did,
                    "outlet": outlet,
                    "start": a,
                    "end": b,
                    "before": text[max(0, a - 90) : a],
                    "text": text[a:b],
                    "after": text[b : b + 90],
                }
            )
    names = [n.lower() for n in [e["name"], *e["aliases"]]]
    quotes = _dicts(
        con.execute(
            'SELECT q.doc_id, q.text, q.speaker, q.start, q."end", coalesce(d.outlet, d.id) AS outlet FROM quotes q '
            "JOIN documents d ON d.id = q.doc_id WHERE q.story_id = ? AND list_contains(?, lower(q.speaker)) "
            "ORDER BY q.doc_id, q.start",
            [story_id, names],
        )
    )
    claims = _dicts(
        con.execute(
            'SELECT c.id, c.doc_id, c.start, c."end", c.number_text, c.qualifier, c.low, c.high, c.measure, c.subject, '
            "c.attributed_to, coalesce(d.outlet, d.id) AS outlet FROM claims c JOIN documents d ON d.id = c.doc_id "
            "WHERE c.story_id = ? AND len(list_filter(?, lambda n: contains(lower(c.attributed_to), n))) > 0 "
            "ORDER BY c.doc_id, c.start",
            [story_id, names],
        )
    )
    e.update(
        {
            "variants": [{"text": t, "n": n} for t, n in variants.most_common()],
            "mentions": mentions,
            "n_mentions_total": len(ms),
            "documents": list(docs.values()),
            "quotes": quotes,
            "claims": claims,
        }
    )
    return e


def search(
    con,
    q: str,
    *,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 50,
) -> dict[str, list[dict[str, Any]]]:
    """Stories, entities (names and every variant, with near misses), quotes and documents matching `q`."""
    ql = q.lower()
    cond, fp = _doc_filter(outlet, date_from, date_to)
    stories = _dicts(
        con.execute(
            "SELECT s.id, s.title, s.n_documents, s.first_published, s.last_published FROM stories s "
            "WHERE contains(lower(s.title), ?) AND EXISTS (SELECT 1 FROM story_documents sd JOIN documents d "
            f"ON d.id = sd.doc_id WHERE sd.story_id = s.id AND {cond}) ORDER BY s.n_documents DESC LIMIT ?",
            [ql, *fp, limit],
        )
    )
    only = (
        ""
        if not fp
        else " AND EXISTS (SELECT 1 FROM mentions m JOIN documents d ON d.id = m.doc_id "
        f"WHERE m.story_id = sc.story_id AND m.entity_id = sc.id AND {cond})"
    )
    entities = _dicts(
        con.execute(
            "WITH e AS (SELECT story_id, id, name, type, aliases, n_mentions, "
            "list_distinct(list_append(aliases, name)) AS forms FROM entities), scored AS (SELECT e.*, "
            "list_bool_or(list_transform(forms, lambda a: lower(a) = ?)) AS exact, "
            "list_bool_or(list_transform(forms, lambda a: contains(lower(a), ?))) AS part, "
            "list_max(list_transform(forms, lambda a: jaro_winkler_similarity(lower(a), ?))) AS sim FROM e) "
            "SELECT sc.story_id, sc.id, sc.name, sc.type, sc.aliases, sc.n_mentions, sc.exact, sc.part, "
            "round(sc.sim, 3) AS similarity, s.title AS story_title "
            "FROM scored sc JOIN stories s ON s.id = sc.story_id "
            f"WHERE (sc.exact OR sc.part OR (? AND sc.sim >= 0.9)){only} "
            "ORDER BY sc.exact DESC, sc.part DESC, sc.sim DESC, sc.n_mentions DESC, sc.name LIMIT ?",
            [ql, ql, ql, len(ql) >= 4, *fp, limit],
        )
    )
    for e in entities:
        e["aliases"] = list(e["aliases"] or [])
        e["matched"] = [a for a in dict.fromkeys([e["name"], *e["aliases"]]) if ql in a.lower()]
    quotes = _dicts(
        con.execute(
            'SELECT x.story_id, x.doc_id, x.text, x.speaker, x.start, x."end", coalesce(d.outlet, d.id) AS outlet, '
            "d.published FROM quotes x JOIN documents d ON d.id = x.doc_id WHERE (contains(lower(x.text), ?) "
            f"OR contains(lower(coalesce(x.speaker, '')), ?)) AND {cond} ORDER BY d.published DESC NULLS LAST LIMIT ?",
            [ql, ql, *fp, limit],
        )
    )
    docs = []
    for did, title, out, pub, text in con.execute(
        "SELECT d.id, d.title, coalesce(d.outlet, d.id), d.published, d.text FROM documents d "
        f"WHERE (contains(lower(d.text), ?) OR contains(lower(coalesce(d.title, '')), ?)) AND {cond} "
        "ORDER BY d.published DESC NULLS LAST, d.id LIMIT ?",
        [ql, ql, *fp, limit],
    ).fetchall():
        text = text or ""
        span = find_lowered(text, ql)
        hit = (
            {
                "start": span[0],
                "end": span[1],
                "before": text[max(0, span[0] - 90) : span[0]],
                "text": text[span[0] : span[1]],
                "after": text[span[1] : span[1] + 90],
            }
            if span
            else None
        )
        docs.append({"id": did, "title": title or did, "outlet": out, "published": _iso(pub), "hit": hit})
    return {"stories": stories, "entities": entities, "quotes": quotes, "documents": docs}


def find_lowered(text: str, needle: str) -> tuple[int, int] | None:
    """Where the lower-cased `needle` first occurs in `text` compared lower-cased, as
    (start, end) offsets into `text` itself: lower-casing may lengthen a string ("İ" becomes
    two characters), which would shift offsets taken from the lower-cased copy."""
    lowered = text.lower()
    at = lowered.find(needle)
    if at < 0:
        return None
    if len(lowered) == len(text):  # no character changed length: the offsets are the same
        return at, at + len(needle)
    start = end = None
    pos = 0  # offset in the lower-cased text of the character being looked at
    for i, c in enumerate(text):
        if start is None and pos + len(c.lower()) > at:
            start = i
        pos += len(c.lower())
        if pos >= at + len(needle):
            end = i + 1
            break
    return (start or 0), (end or len(text))
