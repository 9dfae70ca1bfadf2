"""The run's working store: every input's outcome and every per-document record, in the
run's DuckDB file, written batch by batch as they are produced.

Each batch is one transaction, so a kill at any point loses no committed work and leaves
no half batch; a later run over the same inputs and database skips what is done.  A batch
that cannot be written (a full disk) is rolled back and ends the run with a
:class:`StoreError`; the batches committed before it stay readable, and the run resumes
from them once there is space.
Records are stored as JSON (never pickle: a database file must not be able to run code)."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, Iterator

from .records import (Article, ClaimRecord, DateRecord, DocRecord, Document, Mention, QuoteRecord, Rejected,
                      to_dict)

#: the store connection's DuckDB memory limit (its buffer pool; pages beyond it are evicted).
MEMORY_LIMIT = "256MB"

DDL = [
    """CREATE TABLE IF NOT EXISTS inputs (
        key VARCHAR PRIMARY KEY, seq BIGINT, source VARCHAR, record VARCHAR, doc_id VARCHAR, status VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS records (doc_id VARCHAR PRIMARY KEY, seq BIGINT, data JSON)""",
    """CREATE TABLE IF NOT EXISTS rejections (key VARCHAR PRIMARY KEY, seq BIGINT, source VARCHAR,
        record VARCHAR, reason VARCHAR)""",
]


class StoreError(RuntimeError):
    """A batch could not be written to the run's database (it was rolled back)."""


def input_key(item: Article | Rejected | Document, record: int | str | None = None) -> str:
    """A stable key for one input: its source (absolute when a local path) and record."""
    source = item.source
    if "://" not in source:
        source = os.path.abspath(source)
    if isinstance(item, Document):
        rec = record
    else:
        rec = item.record
    return f"{source}\x00{'' if rec is None else rec}"


def record_from_dict(d: dict) -> DocRecord:
    return DocRecord(
        document=Document(**d["document"]),
        sentences=[tuple(x) for x in d["sentences"]],
        mentions=[Mention(**m) for m in d.get("mentions", [])],
        claims=[ClaimRecord(**c) for c in d.get("claims", [])],
        quotes=[QuoteRecord(**q) for q in d.get("quotes", [])],
        dates=[DateRecord(**x) for x in d.get("dates", [])],
        framing=list(d.get("framing", [])),
        terms=dict(d.get("terms", {})),
    )


class MemoryStore:
    """The same interface, in memory (library calls with no database)."""

    def __init__(self) -> None:
        self._done: set[str] = set()
        self._records: list[DocRecord] = []
        self._rejected: list[Rejected] = []

    def close(self) -> None:
        pass

    def __enter__(self) -> "MemoryStore":
        return self

    def __exit__(self, *exc) -> None:
        pass

    def done_keys(self) -> set[str]:
        return set(self._done)

    def doc_ids(self) -> set[str]:
        return {r.document.id for r in self._records}

    def commit(self, outcomes: Iterable[tuple[str, DocRecord | Rejected]]) -> None:
        for key, res in outcomes:
            self._done.add(key)
            (self._rejected if isinstance(res, Rejected) else self._records).append(res)  # type: ignore[arg-type]

    def records(self) -> Iterator[DocRecord]:
        return iter(self._records)

    def rejected(self) -> list[Rejected]:
        return list(self._rejected)


class Store:
    """Inputs done, rejections and DocRecords of one output folder's database."""

    def __init__(self, path: str | Path, fingerprint: str | None = None):
        """Open (or create) the store.  With `fingerprint` (what made the records: the
        per-document stage's code and model), records made by anything else are stale:
        they are dropped, and ``self.discarded`` says how many, so that a resumed run
        never mixes records of two versions."""
        import duckdb

        self.path = Path(path)
        self.con = duckdb.connect(str(self.path))
        # DuckDB keeps pages it has written in its buffer pool up to its memory limit (80 % of
        # the machine by default): capped, memory stays flat as the store grows.
        self.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        for ddl in DDL:
            self.con.execute(ddl)
        self.discarded = 0
        if fingerprint is not None:
            self._check_fingerprint(fingerprint)
        row = self.con.execute("SELECT coalesce(max(seq), 0) FROM inputs").fetchone()
        self._seq = int(row[0]) if row else 0

    def _check_fingerprint(self, fingerprint: str) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        row = self.con.execute("SELECT value FROM store_meta WHERE key = 'fingerprint'").fetchone()
        if row and row[0] == fingerprint:
            return
        n = self.con.execute("SELECT count(*) FROM inputs").fetchone()[0]
        self.con.execute("BEGIN TRANSACTION")
        try:
            if n:
                for table in ("inputs", "records", "rejections"):
                    self.con.execute(f"DELETE FROM {table}")
            self.con.execute("INSERT OR REPLACE INTO store_meta VALUES ('fingerprint', ?)", [fingerprint])
            self.con.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        self.discarded = int(n)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- what is done
    def done_keys(self) -> set[str]:
        return {k for (k,) in self.con.execute("SELECT key FROM inputs").fetchall()}

    def doc_ids(self) -> set[str]:
        return {k for (k,) in self.con.execute("SELECT doc_id FROM records").fetchall()}

    # -- writing: one transaction per batch
    def commit(self, outcomes: Iterable[tuple[str, DocRecord | Rejected]]) -> None:
        """Write a batch of (input key, outcome) in one transaction."""
        inputs, recs, rejs = [], [], []
        for key, res in outcomes:
            self._seq += 1
            if isinstance(res, Rejected):
                rejs.append((key, self._seq, res.source, None if res.record is None else str(res.record), res.reason))
                inputs.append((key, self._seq, res.source, None if res.record is None else str(res.record), None,
                               "rejected"))
            else:
                doc = res.document
                recs.append((doc.id, self._seq, json.dumps(to_dict(res), ensure_ascii=False)))
                inputs.append((key, self._seq, doc.source, None, doc.id, "document"))
        if not inputs:
            return
        import duckdb

        try:
            self.con.execute("BEGIN TRANSACTION")
            try:
                self._insert("inputs", inputs)
                self._insert("records", recs)
                self._insert("rejections", rejs)
                self.con.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        except (duckdb.Error, OSError) as e:
            self._seq -= len(inputs)
            raise StoreError(f"could not write to the database {self.path} ({e}); the {len(inputs)} outcomes of "
                             "this batch were not kept, everything committed before them was: free some space "
                             "and run again to resume") from e

    def _insert(self, table: str, rows: list[tuple]) -> None:
        """Rows in multi-row INSERT statements (far faster in DuckDB than ``executemany``)."""
        if not rows:
            return
        width = len(rows[0])
        one = "(" + ", ".join("?" * width) + ")"
        for i in range(0, len(rows), 250):
            chunk = rows[i:i + 250]
            self.con.execute(f"INSERT OR REPLACE INTO {table} VALUES " + ", ".join([one] * len(chunk)),
                             [v for row in chunk for v in row])

    def _rollback(self) -> None:
        """Roll back the open transaction; a database that can no longer even do that (its
        connection was invalidated by a failed write) is left to recover from its WAL on
        the next open."""
        import duckdb

        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            pass

    # -- reading back
    def records(self) -> Iterator[DocRecord]:
        cur = self.con.execute("SELECT data FROM records ORDER BY seq")
        while rows := cur.fetchmany(1000):
            for (data,) in rows:
                yield record_from_dict(json.loads(data))

    def rejected(self) -> list[Rejected]:
        rows = self.con.execute("SELECT source, record, reason FROM rejections ORDER BY seq").fetchall()
        return [Rejected(s, int(r) if r is not None and r.isdigit() else r, why) for s, r, why in rows]
