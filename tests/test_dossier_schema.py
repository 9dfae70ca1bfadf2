"""The dossier's schema check: what a real dossier passes and what a broken one fails."""

from __future__ import annotations

import copy
import json

import pytest

from parallax import link
from parallax.config import Config
from parallax.output.dossier import SCHEMA_PATH, DossierInvalid, as_json, validate
from parallax.records import Dossier

#: Keywords draft 7 has, which fastjsonschema compiles; the schema must keep to them.
DRAFT7 = {
    "$schema",
    "$id",
    "$ref",
    "$defs",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "items",
    "minItems",
    "maxItems",
    "minLength",
    "maxLength",
    "pattern",
    "enum",
    "const",
    "minimum",
    "maximum",
    "additionalProperties",
    "anyOf",
    "oneOf",
    "allOf",
    "not",
    "format",
}

REPORTS = [
    (
        "a",
        "Police said three people were killed and five wounded in a shooting in Millbrook on Friday. "
        '"It was chaos," said Dana Ortiz, who lives nearby.',
    ),
    (
        "b",
        "Three people died and four were injured when a gunman opened fire in Millbrook on Friday, "
        "the county sheriff said.",
    ),
]


@pytest.fixture(scope="module")
def dossier(make_record):
    records = [make_record(text, doc_id=i, published="2024-05-11") for i, text in REPORTS]
    data = as_json(
        Dossier(documents=[r.document for r in records], stories=link.link(records, Config()), rejected=[])
    )
    return json.loads(json.dumps(data))


def keywords(node, out: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("properties", "$defs"):
                out.add(key)
            keywords(value if key not in ("properties", "$defs") else list(value.values()), out)
    elif isinstance(node, list):
        for value in node:
            keywords(value, out)
    return out


def test_schema_keeps_to_keywords_the_validator_compiles():
    assert keywords(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")), set()) <= DRAFT7


def test_a_real_dossier_passes(dossier):
    assert dossier["stories"] and dossier["stories"][0]["claims"]
    validate(dossier)


@pytest.mark.parametrize(
    "breakage",
    [
        "no documents",
        "text a number",
        "entity name empty",
        "claim low a word",
        "measure unknown",
        "date not ISO",
        "schema renamed",
    ],
)
def test_a_broken_dossier_fails_with_the_rule(dossier, breakage):
    bad = copy.deepcopy(dossier)
    if breakage == "no documents":
        del bad["documents"]
    elif breakage == "text a number":
        bad["documents"][0]["text"] = 7
    elif breakage == "entity name empty":
        bad["stories"][0]["entities"][0]["name"] = ""
    elif breakage == "claim low a word":
        bad["stories"][0]["claims"][0]["low"] = "three"
    elif breakage == "measure unknown":
        bad["stories"][0]["claims"][0]["measure"] = "INJURE"
    elif breakage == "date not ISO":
        bad["documents"][1]["published"] = "11 May 2024"
    else:
        bad["schema"] = "something else"
    with pytest.raises(DossierInvalid, match="breaks its schema"):
        validate(bad)
