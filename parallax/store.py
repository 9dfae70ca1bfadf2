"""The run's working store: every input's outcome and every per-document record, in the
run's DuckDB file, written batch by batch as they are produced.

Each outcome is written in one transaction with its input's row, so a kill at any point loses
no committed work and leaves no half batch; a later run over the same inputs and database skips what is done.  A batch
that cannot be written (a full disk) is rolled back and ends the run with a
:class:`StoreError`; the batches committed before it stay readable, and the run resumes
from them once there is space.
Records are stored as JSON (never pickle: a database file must not be able to run code).

Each input is known by its key (its source and record) and by a digest of its content (the
article as read, or the reason it was rejected): an input met again with the same content
is skipped; one whose content changed (an article edited, a JSON Lines line that was
half-written and is now whole, a page that answers now) has its old outcome forgotten and is
analysed again."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .records import (
    Article,
    ClaimRecord,
    DateRecord,
    DocRecord,
    Document,
    Mention,
    QuoteRecord,
    Rejected,
    to_dict,
)

#: the store connection's DuckDB memory limit (its buffer pool: pages beyond it are evicted).
MEMORY_LIMIT = "32MB"
#: how records are laid out; a store written another way is emptied and analysed again.
LAYOUT = "segments/2"
#: record bytes per segment file (and per transaction): a batch is split into segments of
#: about this much (whole outcomes each).
SEGMENT_BYTES = 8_000_000

# No PRIMARY KEY: the pipeline never writes a key twice (it skips done keys and numbers
# repeated ones), and DuckDB's key indexes cost time on every insert and memory that grows.
DDL = [
    """CREATE TABLE IF NOT EXISTS inputs (
        key VARCHAR, seq BIGINT, source VARCHAR, record VARCHAR, doc_id VARCHAR, status VARCHAR,
        digest VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS records (doc_id VARCHAR, seq BIGINT, segment VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS rejections (key VARCHAR, seq BIGINT, source VARCHAR,
        record VARCHAR, reason VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
]


class KeySet:
    """A set of strings in 8 bytes each (a 64-bit BLAKE2b digest), for the keys of every
    input done and every document id: a Python set of 100,000 key strings costs about
    15 MB, this about 1.  New keys wait in a small set and are merged into a sorted array
    every ``merge_every`` additions.  Two different keys collide with probability about
    n^2 / 2^65 (below 1 in 10^7 for a million keys)."""

    def __init__(self, keys: Iterable[str] = (), merge_every: int = 4096) -> None:
        import numpy as np

        self._np = np
        self._sorted = np.unique(np.fromiter((self._h(k) for k in keys), dtype=np.uint64))
        self._new: set[int] = set()
        self._gone: set[int] = set()  # the few keys of the sorted array removed since
        self._merge_every = merge_every

    @staticmethod
    def _h(key: str) -> int:
        return int.from_bytes(
            hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little"
        )

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        h = self._h(key)
        return h in self._new or (h not in self._gone and self._in_sorted(h))

    def _in_sorted(self, h: int) -> bool:
        i = int(self._np.searchsorted(self._sorted, self._np.uint64(h)))
        return i < len(self._sorted) and int(self._sorted[i]) == h

    def add(self, key: str) -> None:
        h = self._h(key)
        if h in self._gone:
            self._gone.discard(h)
            return
        if h in self._new or self._in_sorted(h):
            return
        self._new.add(h)
        if len(self._new) >= self._merge_every:
            np = self._np
            self._sorted = np.union1d(self._sorted, np.fromiter(self._new, dtype=np.uint64))
            self._new = set()

    def discard(self, key: str) -> None:
        h = self._h(key)
        if h in self._new:
            self._new.discard(h)
        elif self._in_sorted(h):
            self._gone.add(h)

    def __len__(self) -> int:
        return len(self._sorted) + len(self._new) - len(self._gone)

    def copy(self) -> KeySet:
        other = KeySet(merge_every=self._merge_every)
        other._sorted, other._new, other._gone = self._sorted.copy(), set(self._new), set(self._gone)
        return other


def write_gzip_atomically(final: Path, write: Callable[[io.TextIOBase], object]) -> None:
    """A gzip text file made by `write(text)`: written aside, synced, then renamed over
    `final` (and the folder synced), so a crash leaves the old file or the new one whole."""
    import gzip

    tmp = final.with_name(final.name + ".part")
    try:
        with open(tmp, "wb") as raw:
            text = io.TextIOWrapper(
                gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0),
                encoding="utf-8",
                errors="surrogatepass",
            )
            write(text)
            text.close()  # ends the gzip stream; `raw` stays open
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    sync_folder(final.parent)


def sync_file(path: Path) -> None:
    """Flush `path`'s data to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Flush `folder`'s entries (renames into it) to the disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def set_meta(con: Any, key: str, value: str | None) -> None:
    """Set (or with None, remove) `key` in the store's ``store_meta`` table, inside
    whatever transaction `con` has open."""
    con.execute(DDL[-1])
    if value is None:
        con.execute("DELETE FROM store_meta WHERE key = ?", [key])
    else:
        con.execute("INSERT OR REPLACE INTO store_meta VALUES (?, ?)", [key, value])


def read_meta(db: Path, key: str) -> str | None:
    """`key` of the ``store_meta`` table of the database `db` (None when absent)."""
    import duckdb

    con = duckdb.connect(str(db))
    try:
        if not con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'store_meta'").fetchall():
            return None
        row = con.execute("SELECT value FROM store_meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])
    finally:
        con.close()


def write_meta(db: Path, key: str, value: str | None) -> None:
    """Set (or with None, remove) `key` of the ``store_meta`` table of the database `db`."""
    import duckdb

    con = duckdb.connect(str(db))
    try:
        set_meta(con, key, value)
    finally:
        con.close()


def forget_all(db: Path) -> None:
    """Forget every input the store of `db` has done (``--fresh``), in one transaction; its
    record files go when the store is next opened.  The dossier's tables are left alone."""
    import duckdb

    con = duckdb.connect(str(db))
    try:
        tables = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        con.execute("BEGIN TRANSACTION")
        for table in ("inputs", "records", "rejections"):
            if table in tables:
                con.execute(f"DELETE FROM {table}")
        con.execute("COMMIT")
    finally:
        con.close()


class StoreError(RuntimeError):
    """A batch could not be written to the run's database (it was rolled back)."""


def input_key(item: Article | Rejected | Document, record: int | str | None = None) -> str:
    """A stable key for one input: its source (absolute when a local path) and record."""
    source = item.source
    if "://" not in source:
        source = os.path.abspath(source)
    rec = record if isinstance(item, Document) else item.record
    return f"{source}\x00{'' if rec is None else rec}"


def content_digest(item: Article | Rejected) -> str:
    """A digest of what an input holds: the article as read (text or html and every field),
    or the reason it was rejected; equal digests, same content."""
    h = hashlib.blake2b(digest_size=16)
    if isinstance(item, Rejected):
        parts: tuple[str | None, ...] = ("rejected", item.reason)
    else:
        parts = ("article", item.id, item.text, item.html, item.title, item.published, item.outlet, item.url)
    for part in parts:
        h.update(b"\x00" if part is None else b"\x01" + part.encode("utf-8", "surrogatepass") + b"\x00")
    return h.hexdigest()


def done_key(key: str, digest: str) -> str:
    """The key of an input done with content `digest`."""
    return f"{key}\x00{digest}"


#: one outcome to write: (input key, content digest, the record or the rejection)
Outcome = tuple[str, str, "DocRecord | Rejected"]


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
        self._done = KeySet()
        self._known = KeySet()
        self._records: list[DocRecord] = []
        self._rejected: list[Rejected] = []

    def close(self) -> None:
        pass

    def __enter__(self) -> MemoryStore:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def done_keys(self) -> KeySet:
        return self._done.copy()

    def known_keys(self) -> KeySet:
        return self._known.copy()

    def forget(self, key: str) -> list[str]:
        return []  # nothing outlives one call in memory, so nothing is met again

    def doc_ids(self) -> KeySet:
        return KeySet(r.document.id for r in self._records)

    def commit(self, outcomes: Iterable[Outcome]) -> None:
        for key, digest, res in outcomes:
            self._done.add(done_key(key, digest))
            self._known.add(key)
            if isinstance(res, Rejected):
                self._rejected.append(res)
            else:
                self._records.append(res)

    def records(self) -> Iterator[DocRecord]:
        return iter(self._records)

    def rejected(self) -> list[Rejected]:
        return list(self._rejected)


class Store:
    """Inputs done, rejections and DocRecords of one output folder's database.

    The inputs done and the rejections are DuckDB tables; the records themselves are
    gzip JSON Lines segment files beside the database (``<db stem>-records/``), one per
    transaction, written and synced before the transaction that lists them commits.  A
    segment no committed row names (a kill between the two) is removed on the next open.
    DuckDB holds only small rows, so its memory stays flat however long the documents
    (rows of records in DuckDB made every checkpoint rewrite a row group of them: memory
    grew with the corpus and a run of long documents failed)."""

    def __init__(self, path: str | Path, fingerprint: str | None = None):
        """Open (or create) the store.  With `fingerprint` (what made the records: the
        per-document stage's code and model), records made by anything else are stale:
        they are dropped, and ``self.discarded`` says how many, so that a resumed run
        never mixes records of two versions."""
        import duckdb

        self.path = Path(path)
        self.segments = self.path.parent / f"{self.path.stem}-records"
        self.con = duckdb.connect(str(self.path), config={"memory_limit": MEMORY_LIMIT})
        self.discarded = 0
        self._check_layout()
        if fingerprint is not None:
            self._check_fingerprint(fingerprint)
        row = self.con.execute("SELECT coalesce(max(seq), 0) FROM inputs").fetchone()
        self._seq = int(row[0]) if row else 0
        self._remove_orphans()
        if self._seq == 0:  # a new or emptied store: states saved beside an earlier one are stale
            for f in self.path.parent.glob(f"{self.path.stem}-*.json.gz"):
                f.unlink(missing_ok=True)

    def _meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM store_meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def _count(self, table: str) -> int:
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def _check_layout(self) -> None:
        """A database whose records were stored another way (an earlier version) is emptied."""
        tables = {t for (t,) in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "inputs" in tables and ("store_meta" not in tables or self._meta("layout") != LAYOUT):
            self.discarded = self._count("inputs")
            for table in ("inputs", "records", "rejections", "store_meta"):
                self.con.execute(f"DROP TABLE IF EXISTS {table}")
        for ddl in DDL:
            self.con.execute(ddl)
        self.con.execute("INSERT OR REPLACE INTO store_meta VALUES ('layout', ?)", [LAYOUT])

    def _check_fingerprint(self, fingerprint: str) -> None:
        if self._meta("fingerprint") == fingerprint:
            return
        n = self._count("inputs")
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
        self.discarded += int(n)

    def _remove_orphans(self) -> None:
        """Segment files no committed row names (written, then the run was killed)."""
        if not self.segments.is_dir():
            return
        named = {s for (s,) in self.con.execute("SELECT DISTINCT segment FROM records").fetchall()}
        for f in self.segments.iterdir():
            if f.name not in named:
                f.unlink(missing_ok=True)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- what is done
    def done_keys(self) -> KeySet:
        """Every input done, as ``done_key(key, digest)``: its key and what it held."""
        return KeySet(self._column("SELECT key || chr(0) || coalesce(digest, '') FROM inputs"))

    def known_keys(self) -> KeySet:
        """The key of every input done, whatever it held."""
        return KeySet(self._column("SELECT key FROM inputs"))

    def forget(self, key: str) -> list[str]:
        """Drop the outcome of the input `key` (its content changed: it is to be analysed
        again), in one transaction; the ids of the documents it had made."""
        import duckdb

        rows = self.con.execute("SELECT seq, doc_id FROM inputs WHERE key = ?", [key]).fetchall()
        if not rows:
            return []
        seqs = [int(seq) for seq, _ in rows]
        try:
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute("DELETE FROM records WHERE list_contains(?, seq)", [seqs])
                self.con.execute("DELETE FROM rejections WHERE key = ?", [key])
                self.con.execute("DELETE FROM inputs WHERE key = ?", [key])
                self.con.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        except duckdb.Error as e:
            raise StoreError(
                f"could not write to the database {self.path} ({e}); free some space and run again to resume"
            ) from e
        return [doc_id for _, doc_id in rows if doc_id is not None]

    def doc_ids(self) -> KeySet:
        return KeySet(self._column("SELECT doc_id FROM records"))

    def _column(self, sql: str) -> Iterator[str]:
        cur = self.con.execute(sql)
        while rows := cur.fetchmany(10_000):
            for (v,) in rows:
                yield v

    # -- writing: whole outcomes per transaction
    def commit(self, outcomes: Iterable[Outcome]) -> None:
        """Write a batch of (input key, content digest, outcome), in input order, in as few
        transactions as fit ``SEGMENT_BYTES`` (an outcome is never split: its input row and
        its record or rejection are in one transaction)."""
        part: list[tuple[str, str, DocRecord | Rejected, str | None]] = []
        size = 0
        for key, digest, res in outcomes:
            data = None if isinstance(res, Rejected) else json.dumps(to_dict(res), ensure_ascii=False)
            if part and size + len(data or "") > SEGMENT_BYTES:
                self._transaction(part)
                part, size = [], 0
            part.append((key, digest, res, data))
            size += len(data or "")
        if part:
            self._transaction(part)

    def _transaction(self, outcomes: list[tuple[str, str, DocRecord | Rejected, str | None]]) -> None:
        import duckdb

        first = self._seq + 1
        segment = f"{first:012d}.jsonl.gz"
        inputs: list[tuple[str, int, str, str | None, str | None, str, str]] = []
        recs: list[tuple[str, int, str]] = []
        rejs: list[tuple[str, int, str, str | None, str]] = []
        lines: list[str] = []
        for key, digest, res, data in outcomes:
            self._seq += 1
            if isinstance(res, Rejected):
                rec = None if res.record is None else str(res.record)
                rejs.append((key, self._seq, res.source, rec, res.reason))
                inputs.append((key, self._seq, res.source, rec, None, "rejected", digest))
            else:
                doc = res.document
                lines.append(f'{{"seq": {self._seq}, "record": {data}}}\n')
                recs.append((doc.id, self._seq, segment))
                inputs.append((key, self._seq, doc.source, None, doc.id, "document", digest))
        try:
            if lines:
                self._write_segment(segment, lines)
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
            self._seq = first - 1
            raise StoreError(
                f"could not write to the database {self.path} ({e}); the {len(inputs)} outcomes of "
                "this batch were not kept, everything committed before them was: free some space "
                "and run again to resume"
            ) from e

    def _write_segment(self, name: str, lines: list[str]) -> None:
        """One segment file, complete and synced, or none."""
        self.segments.mkdir(parents=True, exist_ok=True)
        data = "".join(lines)
        write_gzip_atomically(self.segments / name, lambda text: text.write(data))

    def _insert(self, table: str, rows: Sequence[tuple]) -> None:
        """Rows in multi-row INSERT statements (far faster in DuckDB than ``executemany``)."""
        if not rows:
            return
        width = len(rows[0])
        one = "(" + ", ".join("?" * width) + ")"
        for i in range(0, len(rows), 250):
            chunk = rows[i : i + 250]
            self.con.execute(
                f"INSERT INTO {table} VALUES " + ", ".join([one] * len(chunk)),
                [v for row in chunk for v in row],
            )

    def _rollback(self) -> None:
        """Roll back the open transaction; a database that can no longer even do that (its
        connection was invalidated by a failed write) is left to recover from its WAL on
        the next open."""
        import duckdb

        with contextlib.suppress(duckdb.Error):
            self.con.execute("ROLLBACK")

    # -- reading back
    def records(self) -> Iterator[DocRecord]:
        """Every committed record, in the order they were committed, one segment at a time."""
        import gzip

        cur = self.con.execute("SELECT segment, count(*), min(seq) FROM records GROUP BY segment ORDER BY 3")
        for segment, n, _ in cur.fetchall():
            listed = {
                seq
                for (seq,) in self.con.execute(
                    "SELECT seq FROM records WHERE segment = ?", [segment]
                ).fetchall()
            }
            with gzip.open(self.segments / segment, "rt", encoding="utf-8", errors="surrogatepass") as fh:
                got = 0
                for line in fh:
                    data = json.loads(line)
                    if data["seq"] in listed:  # not a record forgotten since (its input changed)
                        yield record_from_dict(data["record"])
                        got += 1
            if got != n:
                raise StoreError(
                    f"{self.segments / segment} holds {got} records where the database lists {n}"
                )

    # -- state of the cross-document stage (the story index), beside the database
    def _state_path(self, name: str) -> Path:
        return self.path.parent / f"{self.path.stem}-{name}.json.gz"

    def load_state(self, name: str, key: str) -> dict | None:
        """The state saved as `name` under the same `key` (what it depends on: the
        configuration), or None (none saved, another key, or unreadable)."""
        import gzip

        try:
            with gzip.open(self._state_path(name), "rt", encoding="utf-8") as fh:
                saved = json.load(fh)
        except (OSError, ValueError, EOFError):
            return None
        if not isinstance(saved, dict) or saved.get("key") != key:
            return None
        return saved.get("state")

    def save_state(self, name: str, key: str, state: dict) -> None:
        """Save `state` as `name`, complete and synced, or not at all."""
        write_gzip_atomically(
            self._state_path(name),
            lambda text: text.write(json.dumps({"key": key, "state": state}, separators=(",", ":"))),
        )

    def rejected(self) -> list[Rejected]:
        rows = self.con.execute("SELECT source, record, reason FROM rejections ORDER BY seq").fetchall()
        return [Rejected(s, int(r) if r is not None and r.isdigit() else r, why) for s, r, why in rows]
