"""The dossier's records as DuckDB tables (``parallax.duckdb``).

One table per record kind, derived from the records themselves (``parallax/tables.py``);
story-level records carry ``story_id``, thread-level ones ``thread_id``.  The tables are
replaced inside one transaction, so a crash never leaves half of them where an earlier good
set stood.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .. import tables
from ..records import Dossier
from ..store import StoreError

#: tables earlier versions wrote that the records now hold themselves (dropped on rewrite)
RETIRED = ("framing", "coverage")


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
        cols = tables.tables()[table].columns
        spec = ", ".join(f"'{c.name}': '{c.sql}'" for c in cols)
        names = ", ".join(f'"{c.name}"' for c in cols)
        con.execute(
            f'INSERT INTO "{table}" ({names}) SELECT {names} FROM '
            f"read_json(?, format='newline_delimited', columns={{{spec}}})",
            [path],
        )
    return n


def write(
    dossier: Dossier, path: str | Path, before_commit: Callable[[Any], object] | None = None
) -> dict[str, int]:
    """Replace the dossier's tables in the database at `path` (created if missing) in one
    transaction: a crash leaves the previous tables, never half of the new ones (a full
    disk raises a StoreError; what was committed stays readable).  The
    working store's tables (inputs, records, rejections) are left as they are.
    `before_commit(con)`, when given, writes more in the same transaction."""
    import duckdb

    counts: dict[str, int] = {}
    con = duckdb.connect(str(path))
    try:
        with tempfile.TemporaryDirectory(prefix="parallax-db-") as td:
            con.execute("BEGIN TRANSACTION")
            try:
                for table in (*tables.tables(), *RETIRED):
                    con.execute(f'DROP TABLE IF EXISTS "{table}"')
                for statement in tables.ddl():
                    con.execute(statement)
                for table, items in tables.rows(dossier).items():
                    counts[table] = insert(con, table, items, td)
                if before_commit is not None:
                    before_commit(con)
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
