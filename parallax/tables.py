"""The dossier's records as DuckDB tables, and back, from one definition: the dataclasses of
``parallax/records.py``.

Each record kind is a table whose columns follow the record's fields and their types (a field
added to a record becomes a column, is written and is read back, with nothing else to edit):

| field type                         | column                                              |
|------------------------------------|-----------------------------------------------------|
| ``str``, ``int``, ``float``, ``bool`` (or ``| None``) | VARCHAR, BIGINT, DOUBLE, BOOLEAN        |
| a date field (:data:`DATE_FIELDS`) | DATE                                                |
| ``list[str]``                      | VARCHAR[]                                           |
| a list of records                  | a child table of its own (:data:`CHILDREN`)         |
| anything else (dicts, tuples, unions of kinds) | JSON, decoded on reading              |

A child table carries its owner's id (``story_id`` or ``thread_id``) and a ``position`` that
keeps the owner's order.  A field named ``doc`` is the column ``doc_id``.  Beside the record
tables, *derived* tables and columns (``story_documents``, ``mentions``, ``fact_claims``,
``stories.n_documents``, ``facts.estimate_low`` ...) are written for queries (the web app's
lists and search) and never read back: :func:`load_dossier`, :func:`load_story` and
:func:`load_thread` rebuild records from the record tables alone, equal to what was written
(``tests/test_tables.py`` checks it for every record kind).

Both the writer (``parallax/output/database.py``) and the web app's reader
(``parallax/web/store.py``) use this module; neither imports the other.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from functools import cache
from typing import Any, TypeVar

from .records import (
    Document,
    Dossier,
    Entity,
    Fact,
    Rejected,
    Story,
    Thread,
)

R = TypeVar("R")

#: fields holding a "YYYY-MM-DD" date (or None): DATE columns, so that SQL can compare them.
DATE_FIELDS = frozenset({"published", "as_of", "first_published", "last_published"})
#: field name -> column name where the column says more than the field.
COLUMN_NAMES = {"doc": "doc_id"}
#: (owner record, field) -> the child table holding that list of records.
CHILDREN: dict[tuple[type, str], str] = {
    (Story, "entities"): "entities",
    (Story, "claims"): "claims",
    (Story, "facts"): "facts",
    (Story, "quotes"): "quotes",
    (Story, "timeline"): "timeline",
    (Story, "summary"): "summary",
    (Story, "discrepancies"): "discrepancies",
    (Thread, "entities"): "thread_entities",
    (Thread, "claims"): "thread_claims",
    (Thread, "facts"): "thread_facts",
}
#: the dossier's top-level record tables
TOP = {"documents": Document, "rejected": Rejected, "stories": Story, "threads": Thread}
OWNER_KEY = {Story: "story_id", Thread: "thread_id"}


@dataclass(frozen=True)
class Column:
    name: str
    sql: str  # DuckDB type
    field: str | None = None  # the record field it holds (None: derived)
    json: bool = False  # stored as JSON text


@dataclass(frozen=True)
class Table:
    name: str
    record: type | None  # None: a derived table
    columns: tuple[Column, ...]
    owner: str | None = None  # "story_id" / "thread_id" of a child table


def _scalar_sql(tp: Any) -> str | None:
    return {str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN"}.get(tp)


def _strip_none(tp: Any) -> tuple[Any, bool]:
    """(the type without None, whether None was allowed)."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return (args[0] if len(args) == 1 else tp), len(args) < len(typing.get_args(tp))
    return tp, False


def _column_for(name: str, tp: Any) -> Column:
    col = COLUMN_NAMES.get(name, name)
    base, _ = _strip_none(tp)
    if name in DATE_FIELDS and base is str:
        return Column(col, "DATE", name)
    sql = _scalar_sql(base)
    if sql:
        return Column(col, sql, name)
    if typing.get_origin(base) is list and typing.get_args(base) == (str,):
        return Column(col, "VARCHAR[]", name)
    return Column(col, "JSON", name, json=True)


def _is_record_list(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is list and len(args) == 1 and dataclasses.is_dataclass(args[0])


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def record_columns(cls: type) -> tuple[Column, ...]:
    """The columns of `cls`'s own fields (lists of records are child tables, not columns)."""
    hints = _hints(cls)
    cols = []
    for f in dataclasses.fields(cls):
        if (cls, f.name) in CHILDREN:
            continue
        if _is_record_list(hints[f.name]):
            raise TypeError(f"{cls.__name__}.{f.name} is a list of records without a table in CHILDREN")
        cols.append(_column_for(f.name, hints[f.name]))
    return tuple(cols)


#: derived columns: table -> [(column, DuckDB type, function of the record and its context)]
def _story_dates(s: Story | Thread, ctx: dict[str, Any]) -> list[str | None]:
    return sorted(p for p in (ctx["published"].get(d) for d in s.documents) if p)


DERIVED_COLUMNS: dict[str, list[tuple[str, str, Callable[[Any, dict[str, Any]], Any]]]] = {
    "stories": [
        ("n_documents", "INTEGER", lambda s, ctx: len(s.documents)),
        ("first_published", "DATE", lambda s, ctx: (_story_dates(s, ctx) or [None])[0]),
        ("last_published", "DATE", lambda s, ctx: (_story_dates(s, ctx) or [None])[-1]),
    ],
    "threads": [("n_documents", "INTEGER", lambda t, ctx: len(t.documents))],
    "entities": [("n_mentions", "INTEGER", lambda e, ctx: len(e.mentions))],
    "facts": [
        ("estimate_low", "DOUBLE", lambda f, ctx: f.estimate.get("low")),
        ("estimate_high", "DOUBLE", lambda f, ctx: f.estimate.get("high")),
        ("n_claims", "INTEGER", lambda f, ctx: len(f.claims)),
    ],
}
DERIVED_COLUMNS["thread_entities"] = DERIVED_COLUMNS["entities"]
DERIVED_COLUMNS["thread_facts"] = DERIVED_COLUMNS["facts"]

#: derived tables (for queries; never read back): name -> columns
DERIVED_TABLES: dict[str, tuple[Column, ...]] = {
    "meta": (Column("key", "VARCHAR"), Column("value", "VARCHAR")),
    "story_documents": (Column("story_id", "VARCHAR"), Column("doc_id", "VARCHAR")),
    "thread_documents": (Column("thread_id", "VARCHAR"), Column("doc_id", "VARCHAR")),
    "thread_stories": (
        Column("thread_id", "VARCHAR"),
        Column("story_id", "VARCHAR"),
        Column("position", "INTEGER"),
    ),
    "mentions": (
        Column("story_id", "VARCHAR"),
        Column("entity_id", "VARCHAR"),
        Column("doc_id", "VARCHAR"),
        Column("start", "INTEGER"),
        Column("end", "INTEGER"),
    ),
    "fact_claims": (
        Column("story_id", "VARCHAR"),
        Column("fact_id", "VARCHAR"),
        Column("claim_id", "VARCHAR"),
        Column("superseded", "BOOLEAN"),
        Column("withdrawn", "BOOLEAN"),
    ),
    "thread_fact_claims": (
        Column("thread_id", "VARCHAR"),
        Column("fact_id", "VARCHAR"),
        Column("claim_id", "VARCHAR"),
        Column("superseded", "BOOLEAN"),
        Column("withdrawn", "BOOLEAN"),
    ),
}


@cache
def tables() -> dict[str, Table]:
    """Every table of the database, record tables first (in the order they are written)."""
    out: dict[str, Table] = {}

    def add(name: str, cls: type, owner: str | None) -> None:
        keys = (Column(owner, "VARCHAR"), Column("position", "INTEGER")) if owner else ()
        derived = tuple(Column(c, t) for c, t, _ in DERIVED_COLUMNS.get(name, []))
        out[name] = Table(name, cls, keys + record_columns(cls) + derived, owner)

    for name, cls in TOP.items():
        add(name, cls, None)
    for (owner_cls, _), name in CHILDREN.items():
        add(name, typing.get_args(_hints(owner_cls)[_field_of(owner_cls, name)])[0], OWNER_KEY[owner_cls])
    for name, cols in DERIVED_TABLES.items():
        out[name] = Table(name, None, cols)
    return out


def _field_of(owner_cls: type, table: str) -> str:
    return next(f for (c, f), t in CHILDREN.items() if c is owner_cls and t == table)


def ddl() -> list[str]:
    """CREATE TABLE statements for every table."""
    out = []
    for t in tables().values():
        cols = ", ".join(f'"{c.name}" {c.sql}' for c in t.columns)
        out.append(f'CREATE TABLE IF NOT EXISTS "{t.name}" ({cols})')
    return out


# ---------------------------------------------------------------- records -> rows


def _encode(col: Column, value: Any) -> Any:
    """A field's value as the row holds it (JSON columns hold the structure itself: rows are
    written as JSON Lines and read by DuckDB's ``read_json``)."""
    if col.json and dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value


def _row(table: Table, rec: Any, ctx: dict[str, Any], key: dict[str, Any]) -> dict[str, Any]:
    row = dict(key)
    for col in table.columns:
        if col.field is not None:
            row[col.name] = _encode(col, getattr(rec, col.field))
    for name, _, fn in DERIVED_COLUMNS.get(table.name, []):
        row[name] = fn(rec, ctx)
    return row


def rows(dossier: Dossier) -> dict[str, list[dict[str, Any]]]:
    """The dossier as rows of every table."""
    t = tables()
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in t}
    ctx = {"published": {d.id: d.published for d in dossier.documents}}
    out["meta"] = [{"key": "schema", "value": dossier.schema}]
    for name, cls in TOP.items():
        for rec in getattr(dossier, name):
            assert isinstance(rec, cls)
            out[name].append(_row(t[name], rec, ctx, {}))
            if isinstance(rec, (Story, Thread)):
                _children(out, rec, ctx)
    for s in dossier.stories:
        out["story_documents"] += [{"story_id": s.id, "doc_id": d} for d in s.documents]
    for th in dossier.threads:
        out["thread_documents"] += [{"thread_id": th.id, "doc_id": d} for d in th.documents]
        out["thread_stories"] += [
            {"thread_id": th.id, "story_id": s, "position": i} for i, s in enumerate(th.stories)
        ]
    return out


def _children(out: dict[str, list[dict[str, Any]]], owner: Story | Thread, ctx: dict[str, Any]) -> None:
    t = tables()
    key_name = OWNER_KEY[type(owner)]
    prefix = "" if isinstance(owner, Story) else "thread_"
    for (cls, field), name in CHILDREN.items():
        if cls is not type(owner):
            continue
        for i, rec in enumerate(getattr(owner, field)):
            out[name].append(_row(t[name], rec, ctx, {key_name: owner.id, "position": i}))
            if isinstance(rec, Entity) and not prefix:
                out["mentions"] += [
                    {"story_id": owner.id, "entity_id": rec.id, "doc_id": d, "start": a, "end": b}
                    for d, a, b in rec.mentions
                ]
            if isinstance(rec, Fact):
                out[f"{prefix}fact_claims"] += [
                    {
                        key_name: owner.id,
                        "fact_id": rec.id,
                        "claim_id": c,
                        "superseded": c in rec.superseded,
                        "withdrawn": c in rec.withdrawn,
                    }
                    for c in rec.claims
                ]


# ---------------------------------------------------------------- rows -> records


def _decode(col: Column, value: Any, tp: Any) -> Any:
    if value is None:
        return None
    if col.json:
        data = json.loads(value) if isinstance(value, str) else value
        return _typed(data, tp)
    if isinstance(value, Date):
        return value.isoformat()
    if col.sql == "VARCHAR[]":
        return list(value)
    return value


def _typed(data: Any, tp: Any) -> Any:
    """JSON data back as `tp` (tuples inside lists, records from their dicts)."""
    base, _ = _strip_none(tp)
    if data is None:
        return None
    origin, args = typing.get_origin(base), typing.get_args(base)
    if dataclasses.is_dataclass(base) and isinstance(base, type):
        return _make(base, data)
    if origin is list and args:
        return [_typed(x, args[0]) for x in data]
    if origin is tuple and args:
        return tuple(data)
    if origin is dict and len(args) == 2:
        return {k: _typed(v, args[1]) for k, v in data.items()}
    return data


def _make(cls: type[R], data: dict[str, Any]) -> R:
    hints = _hints(typing.cast(Any, cls))
    names = {f.name for f in dataclasses.fields(typing.cast(Any, cls))}
    return cls(**{k: _typed(v, hints[k]) for k, v in data.items() if k in names})


def _records(
    con: Any, table: Table, where: str = "", params: list[Any] | None = None
) -> Iterator[tuple[dict, Any]]:
    """(row, record) of `table`, in the order written."""
    assert table.record is not None
    cls, hints = table.record, _hints(table.record)
    order = f" ORDER BY {table.owner}, position" if table.owner else " ORDER BY rowid"
    cur = con.execute(f'SELECT * FROM "{table.name}"{where}{order}', params or [])
    names = [c[0] for c in cur.description]
    by_name = {c.name: c for c in table.columns}
    for values in cur.fetchall():
        row = dict(zip(names, values, strict=True))
        kwargs = {}
        for col in table.columns:
            if col.field is not None:
                kwargs[col.field] = _decode(by_name[col.name], row[col.name], hints[col.field])
        yield row, cls(**kwargs)


def _owned(con: Any, owner_cls: type, where: str, params: list[Any]) -> dict[str, dict[str, list[Any]]]:
    """{owner id: {field: [records]}} of every child table of `owner_cls`."""
    t = tables()
    out: dict[str, dict[str, list[Any]]] = {}
    for (cls, field), name in CHILDREN.items():
        if cls is not owner_cls:
            continue
        key = t[name].owner
        for row, rec in _records(con, t[name], where.format(key=key), params):
            out.setdefault(row[key], {}).setdefault(field, []).append(rec)
    return out


def _with_children(con: Any, owner_cls: type, where: str, params: list[Any]) -> list[Any]:
    t = tables()
    name = next(n for n, c in TOP.items() if c is owner_cls)
    owners = [rec for _, rec in _records(con, t[name], where.format(key="id"), params)]
    kids = _owned(con, owner_cls, where, params)
    for rec in owners:
        for field, items in kids.get(rec.id, {}).items():
            setattr(rec, field, items)
    return owners


def load_dossier(con: Any) -> Dossier:
    """The whole dossier, rebuilt from the record tables."""
    t = tables()
    schema = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return Dossier(
        documents=[r for _, r in _records(con, t["documents"])],
        stories=_with_children(con, Story, "", []),
        rejected=[r for _, r in _records(con, t["rejected"])],
        threads=_with_children(con, Thread, "", []),
        **({"schema": schema[0]} if schema else {}),
    )


def load_story(con: Any, story_id: str) -> Story | None:
    found = _with_children(con, Story, " WHERE {key} = ?", [story_id])
    return found[0] if found else None


def load_thread(con: Any, thread_id: str) -> Thread | None:
    found = _with_children(con, Thread, " WHERE {key} = ?", [thread_id])
    return found[0] if found else None


def load_documents(con: Any, where: str = "", params: list[Any] | None = None) -> list[Document]:
    """Documents (``where`` a condition on the documents table, with its parameters)."""
    cond = f" WHERE {where}" if where else ""
    return [r for _, r in _records(con, tables()["documents"], cond, params)]


def has_tables(con: Any) -> list[str]:
    """The record tables the database lacks (empty: it is a Parallax database)."""
    have = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    return [name for name, tb in tables().items() if tb.record is not None and name not in have]
