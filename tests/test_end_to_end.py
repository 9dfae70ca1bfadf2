"""The bundled example end to end through the real CLI, checked the way a user would."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import duckdb
import pytest

from parallax.output.dossier import validate

from .conftest import EXAMPLE, ROOT

#: whole pipeline runs or servers under load: the everyday loop (-m "not slow") skips them
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    proc = subprocess.run(
        [sys.executable, "-m", "parallax", "analyze", str(EXAMPLE), "--out", str(out), "--no-progress"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    return out, dossier, proc.stdout


def only_story(dossier):
    assert len(dossier["stories"]) == 1, [s["title"] for s in dossier["stories"]]
    return dossier["stories"][0]


def test_outputs_written_and_valid(run):
    out, dossier, stdout = run
    validate(dossier)
    assert (out / "report.html").stat().st_size > 1000
    assert len(dossier["documents"]) == 5 and dossier["rejected"] == []
    assert "documents   5" in stdout and "conflicting" in stdout


def test_database_holds_the_same_records(run):
    out, dossier, _ = run
    con = duckdb.connect(str(out / "parallax.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from documents").fetchone()[0] == len(dossier["documents"])
        n_claims = sum(len(s["claims"]) for s in dossier["stories"])
        assert con.execute("select count(*) from claims").fetchone()[0] == n_claims
        n_conf = sum(f["status"] == "conflicting" for s in dossier["stories"] for f in s["facts"])
        assert con.execute("select count(*) from facts where status = 'conflicting'").fetchone()[0] == n_conf
    finally:
        con.close()


def fact_of(story, value):
    """The fact holding a claim with this value, and its claims."""
    claims = {c["id"]: c for c in story["claims"]}
    for f in story["facts"]:
        cs = [claims[c] for c in f["claims"]]
        if any(c["low"] == value for c in cs):
            return f, cs
    raise AssertionError(f"no fact holds a claim of {value}")


def test_security_deaths_conflict_found_and_attributed(run):
    story = only_story(run[1])
    f18, cs = fact_of(story, 18)
    f13, _ = fact_of(story, 13)
    f12, _ = fact_of(story, 12)
    assert f18["id"] == f13["id"] == f12["id"]
    assert f18["status"] == "conflicting" and f18["measure"] == "KILL"
    by_value = {}
    for c in cs:
        by_value.setdefault(c["low"], set()).add((c["attributed_to"] or "").lower())
    assert any("interior ministry" in a for a in by_value[18])
    assert any("television" in a for a in by_value[13])
    assert any("almaty" in a for a in by_value[12])


def test_arrest_figures_agree(run):
    story = only_story(run[1])
    f, cs = fact_of(story, 2298)
    assert f["status"] == "agreed" and f["measure"] == "ARREST"
    assert {2000, 2298} <= {c["low"] for c in cs}


def test_tokayev_variants_are_one_person(run):
    story = only_story(run[1])
    owners = [e for e in story["entities"] if {"Tokayev", "Toqaev"} & set(e["aliases"] + [e["name"]])]
    assert len(owners) == 1, [(e["name"], e["aliases"]) for e in owners]
    person = owners[0]
    assert person["type"] == "PERSON"
    assert {"Tokayev", "Toqaev", "Qasym-Zhomart Toqaev", "Kassym-Jomart Tokayev"} <= set(person["aliases"])


def test_brief_cites_and_grounds_every_number(run):
    _, dossier, _ = run
    story = only_story(dossier)
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    assert 5 <= len(story["summary"]) <= 10
    for item in story["summary"]:
        assert item["docs"]
        for n in re.findall(r"\d[\d,.]*\d|\d", item["text"]):
            assert any(n in texts[d] for d in item["docs"]), (n, item)


def test_every_evidence_is_in_its_document(run):
    _, dossier, _ = run
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    story = only_story(dossier)
    for c in story["claims"]:
        assert c["evidence"] in texts[c["doc"]]
    for q in story["quotes"]:
        assert q["text"].split()[0] in texts[q["doc"]]
