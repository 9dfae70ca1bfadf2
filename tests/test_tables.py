"""Round trip: dossier -> DuckDB file -> the loaders == the dossier, for every record kind.

The dossiers are built from the record definitions themselves (every field of every record
set to a value unlike its default), so a field added to a record is covered without editing
this test; a second test runs the real pipeline on the bundled example."""

from __future__ import annotations

import dataclasses
import itertools
import json
import typing
from pathlib import Path
from typing import Any

import duckdb
import pytest

import parallax
from parallax import tables
from parallax.output import database
from parallax.records import Dossier, Rejected, to_dict

ROOT = Path(__file__).resolve().parents[1]
_count = itertools.count(1)


def _value(name: str, tp: Any) -> Any:
    """A value of type `tp` for a field called `name`, unlike any default."""
    n = next(_count)
    base, _ = tables._strip_none(tp)
    origin, args = typing.get_origin(base), typing.get_args(base)
    if name in tables.DATE_FIELDS and base is str:
        return f"2024-03-{n % 28 + 1:02d}"
    if base is str:
        return f'{name}-{n} «ü» "q"'
    if base is bool:
        return True
    if base is int:
        return n
    if base is float:
        return n + 0.5
    if dataclasses.is_dataclass(base) and isinstance(base, type):
        return filled(base)
    if origin is list:
        return [_value(name, args[0]) for _ in range(2)]
    if origin is tuple:
        return tuple(_value(name, a) for a in args)
    if origin is dict:
        _, val = args
        empty = {list: [], dict: {}}.get(typing.get_origin(val), _value(name, val))
        return {f"k{n}": _value(name, val), f"empty{n}": empty}
    if base is Any:
        return {"low": n, "high": None, "as_of": "2024-01-02", "nested": {"list": [1, "a", None]}}
    if isinstance(base, (typing._UnionGenericAlias, type(int | str))):  # type: ignore[attr-defined]
        return n  # a union of kinds (Rejected.record): an int here, a string in the test below
    raise AssertionError(f"no value for {name}: {tp}")


def filled(cls: type) -> Any:
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: _value(f.name, hints[f.name]) for f in dataclasses.fields(cls)})


def _roundtrip(dossier: Dossier, tmp_path: Path) -> Dossier:
    db = tmp_path / "parallax.duckdb"
    database.write(dossier, db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert tables.has_tables(con) == []
        return tables.load_dossier(con)
    finally:
        con.close()


def test_every_record_kind_and_field_survives_the_database(tmp_path):
    dossier = filled(Dossier)
    dossier.rejected.append(Rejected("feed.jsonl", "line-7", "not English (detected: ru)"))
    dossier.rejected.append(Rejected("dir/a.txt", None, "empty after cleaning"))
    dossier.stories[0].coverage = {"Reuters": {"facts": [], "quotes": ["a quote"]}}
    kinds = {type(x).__name__ for x in _walk(dossier)}
    assert kinds >= {
        "Document",
        "Rejected",
        "Story",
        "Thread",
        "Entity",
        "ClaimRecord",
        "Fact",
        "Quote",
        "TimelineEntry",
        "SummaryItem",
        "Discrepancy",
    }
    back = _roundtrip(dossier, tmp_path)
    for name in ("documents", "rejected", "stories", "threads"):
        for a, b in zip(getattr(dossier, name), getattr(back, name), strict=True):
            assert to_dict(a) == to_dict(b), name
    assert back == dossier
    assert type(back.rejected[0].record) is int and back.rejected[-2].record == "line-7"


def _walk(obj: Any):
    if dataclasses.is_dataclass(obj):
        yield obj
        for f in dataclasses.fields(obj):
            yield from _walk(getattr(obj, f.name))
    elif isinstance(obj, list):
        for x in obj:
            yield from _walk(x)


def test_a_field_added_to_a_record_becomes_a_column():
    claims = {c.name for c in tables.tables()["claims"].columns}
    fields = {
        tables.COLUMN_NAMES.get(f.name, f.name) for f in dataclasses.fields(parallax.records.ClaimRecord)
    }
    assert fields <= claims
    assert {"story_id", "position"} <= claims


def test_the_bundled_example_round_trips(tmp_path):
    dossier = parallax.analyze([str(ROOT / "examples" / "kazakhstan-2022")])
    back = _roundtrip(dossier, tmp_path)
    assert json.dumps(to_dict(back), sort_keys=True) == json.dumps(to_dict(dossier), sort_keys=True)


def test_a_database_without_parallax_tables_says_which_are_missing(tmp_path):
    con = duckdb.connect(str(tmp_path / "other.duckdb"))
    con.execute("CREATE TABLE documents (id VARCHAR)")
    missing = tables.has_tables(con)
    assert "stories" in missing and "claims" in missing and "documents" not in missing


@pytest.mark.parametrize("name", sorted(tables.TOP))
def test_top_level_tables_keep_their_order(tmp_path, name):
    dossier = filled(Dossier)
    items = getattr(dossier, name)
    items.reverse()
    back = _roundtrip(dossier, tmp_path)
    assert [to_dict(x) for x in getattr(back, name)] == [to_dict(x) for x in items]
