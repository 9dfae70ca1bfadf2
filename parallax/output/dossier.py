"""The dossier as JSON (``parallax.dossier/1``), validated against the project's schema."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..records import Dossier, to_dict

SCHEMA_PATH = Path(__file__).with_name("dossier.schema.json")


def as_json(dossier: Dossier) -> dict[str, Any]:
    d = to_dict(dossier)
    threads = d.pop("threads")
    head = {"schema": d.pop("schema")}
    if threads:  # the developing situations first; a run that grouped no threads says nothing of them
        head["threads"] = threads
    return {**head, **d}


def _inline(node: Any, defs: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """`node` with each local ``{"$ref": "#/$defs/X"}`` replaced by X itself (recursive
    definitions stay references): the same schema, simpler to compile."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if len(node) == 1 and isinstance(ref, str) and ref.startswith("#/$defs/"):
            name = ref[len("#/$defs/") :]
            return node if name in seen or name not in defs else _inline(defs[name], defs, (*seen, name))
        return {k: _inline(v, defs, seen) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, defs, seen) for v in node]
    return node


@lru_cache(maxsize=1)
def _validator():
    """The schema compiled to Python (fastjsonschema: ~18x jsonschema's speed on a dossier).
    The schema is written as draft 2020-12 but uses only keywords draft 7 has, which is the
    draft fastjsonschema compiles; ``tests/test_dossier_schema.py`` holds it to that."""
    import fastjsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    inlined = _inline(schema, schema.get("$defs", {}))
    inlined["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(inlined)


class DossierInvalid(ValueError):
    """The dossier breaks its schema (a bug in Parallax, never in the input)."""


def validate(data: dict[str, Any]) -> None:
    """Raise :class:`DossierInvalid` naming the first place where `data` breaks the contract."""
    import fastjsonschema

    try:
        _validator()(data)
    except fastjsonschema.JsonSchemaValueException as err:
        raise DossierInvalid(f"dossier breaks its schema: {err.message} (rule {err.rule!r})") from None


def write(dossier: Dossier, path: str | Path) -> dict[str, Any]:
    """Validate and write atomically (a crash never leaves half a file)."""
    data = as_json(dossier)
    validate(data)
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            # one dumps, not dump: json.dump always takes the pure-Python encoder, dumps the C one
            fh.write(json.dumps(data, ensure_ascii=False))
        os.replace(tmp, path)
    except BaseException:  # a full disk: no half-written file is left behind
        tmp.unlink(missing_ok=True)
        raise
    return data
