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
    return {"schema": d.pop("schema"), **d}


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when `data` breaks the contract."""
    _validator().validate(data)


def write(dossier: Dossier, path: str | Path) -> dict[str, Any]:
    """Validate and write atomically (a crash never leaves half a file)."""
    data = as_json(dossier)
    validate(data)
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
    os.replace(tmp, path)
    return data
