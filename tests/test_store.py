"""The working store: resumable runs, nothing lost, nothing duplicated."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

import parallax
from parallax.config import Config
from parallax.records import Rejected
from parallax.store import Store

from .conftest import ROOT
from .corpus import write_jsonl

TABLES = {
    "documents": "id",
    "claims": "id",
    "facts": "id",
    "quotes": "doc_id, start",
    "stories": "id",
    "story_documents": "story_id, doc_id",
    "rejected": "source, record",
    "timeline": "story_id, date, text",
    "entities": "story_id, id",
}


def cfg(**kw) -> Config:
    c = Config()
    c.progress = False
    for k, v in kw.items():
        section, key = k.split("__")
        setattr(getattr(c, section), key, v)
    return c


def test_second_run_skips_done_inputs_and_adds_new_ones(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    write_jsonl(src / "a.jsonl", 4)
    db = tmp_path / "p.duckdb"
    d1 = parallax.analyze([str(src / "a.jsonl")], cfg(), db=str(db))
    assert len(d1.documents) == 4
    with Store(db) as st:
        n_inputs = len(st.done_keys())
    d2 = parallax.analyze([str(src / "a.jsonl")], cfg(), db=str(db))
    assert [d.id for d in d2.documents] == [d.id for d in d1.documents]
    with Store(db) as st:
        assert len(st.done_keys()) == n_inputs
    (src / "b.jsonl").write_text(
        (src / "a.jsonl").read_text().replace('"id": "a', '"id": "b'), encoding="utf-8"
    )
    d3 = parallax.analyze([str(src / "a.jsonl"), str(src / "b.jsonl")], cfg(), db=str(db))
    assert len(d3.documents) == 8


def test_rejections_survive_a_resume(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text('{"id": "ok", "text": "' + "Word " * 40 + '"}\nnot json\n', encoding="utf-8")
    db = tmp_path / "p.duckdb"
    d1 = parallax.analyze([str(p)], cfg(), db=str(db))
    d2 = parallax.analyze([str(p)], cfg(), db=str(db))
    assert len(d1.rejected) == len(d2.rejected) == 1
    assert isinstance(d2.rejected[0], Rejected) and d2.rejected[0].record == 2


def dump(db) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY {o}').fetchall() for t, o in TABLES.items()}
    finally:
        con.close()


def run_cli(src, out, extra=()):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "parallax",
            "analyze",
            str(src),
            "--out",
            str(out),
            "--no-progress",
            "--config",
            str(out.parent / "small-batches.toml"),
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_sigkill_mid_run_then_resume_equals_uninterrupted(tmp_path):
    src = write_jsonl(tmp_path / "corpus.jsonl", 160)
    (tmp_path / "small-batches.toml").write_text(
        "[engine]\ncommit_every = 10\n[nlp]\nbatch_size = 8\n", encoding="utf-8"
    )
    ref, cut = tmp_path / "ref", tmp_path / "cut"
    ref.mkdir(), cut.mkdir()
    t0 = time.time()
    p = run_cli(src, ref)
    assert p.wait(timeout=600) == 0, p.stderr.read()
    full = time.time() - t0
    # kill at several points until one lands mid-way (some records committed, not all)
    for frac in (0.6, 0.5, 0.7, 0.4, 0.8):
        for f in cut.iterdir():
            shutil.rmtree(f) if f.is_dir() else f.unlink()
        p = run_cli(src, cut)
        time.sleep(full * frac)
        if p.poll() is not None:
            continue
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        con = duckdb.connect(str(cut / "parallax.duckdb"), read_only=True)
        n = con.execute("SELECT count(*) FROM records").fetchone()[0]
        con.close()
        if 0 < n < 160:
            break
    else:
        pytest.fail("could not kill the run mid-way")
    p = run_cli(src, cut)
    assert p.wait(timeout=600) == 0, p.stderr.read()
    a, b = dump(ref / "parallax.duckdb"), dump(cut / "parallax.duckdb")
    assert len(a["documents"]) == 160
    for t in TABLES:
        assert a[t] == b[t], t
    assert json.loads((ref / "dossier.json").read_text()) == json.loads((cut / "dossier.json").read_text())


def test_records_of_another_stage_version_are_not_reused(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", 3)
    db = tmp_path / "p.duckdb"
    parallax.analyze([str(src)], cfg(), db=str(db))
    with Store(db, fingerprint="another-version") as st:
        assert st.discarded == 3 and len(st.done_keys()) == 0
    d = parallax.analyze([str(src)], cfg(), db=str(db))
    assert len(d.documents) == 3
    with Store(db) as st:
        assert len(st.done_keys()) == 3


EVENTS = [
    ("Riverton", "warehouse fire", "Maria Lopez", "fire crews", "2024-03-04", "smoke", "firefighters"),
    ("Kelford", "bridge collapse", "Tomasz Nowak", "engineers", "2024-03-05", "steel girders", "divers"),
    ("Ashford", "school shooting", "Aisha Bello", "police", "2024-03-11", "gunman", "detectives"),
    (
        "Dunmore",
        "chemical spill",
        "Chen Wei",
        "the environment agency",
        "2024-03-20",
        "toxic fumes",
        "hazmat teams",
    ),
]


def event_reports(n_per_event: int) -> list[dict]:
    """Composed reports of four distinct events, several outlets' wording each."""
    rows = []
    for e, (town, what, name, body, day, detail, crew) in enumerate(EVENTS):
        for k in range(n_per_event):
            text = (
                f"The {what} in {town} left {k % 3 + 1} people injured, {body} said on {['Monday', 'Tuesday'][k % 2]}.\n"
                f"Witnesses described {detail} over {town} as {crew} worked through the night.\n"
                f'"Nobody expected this," said {name}, who saw the {what} from across the street.\n'
                f"{crew.capitalize()} and {body} in {town} said an inquiry into the {what} would begin."
            )
            rows.append(
                {"id": f"e{e}r{k}", "text": text, "published": day, "title": f"{what.title()} in {town}"}
            )
    return rows


def bcubed_f1(pred: dict[str, str], gold: dict[str, str]) -> float:
    def score(a, b):
        return sum(
            len({x for x in a if a[x] == a[d]} & {x for x in b if b[x] == b[d]})
            / len({x for x in a if a[x] == a[d]})
            for d in a
        ) / len(a)

    p, r = score(pred, gold), score(gold, pred)
    return 2 * p * r / (p + r)


def test_a_second_half_joins_the_saved_stories_as_well_as_one_run(tmp_path):
    """Incremental clustering: the story index is saved beside the database, the second
    half's documents join its stories; the first half's stories stay whole, and B3 against
    the events equals one run's within 0.01."""
    rows = event_reports(6)
    first = [r for r in rows if int(r["id"][3:]) < 3]
    second = [r for r in rows if int(r["id"][3:]) >= 3]
    for name, part in (("first.jsonl", first), ("second.jsonl", second), ("all.jsonl", first + second)):
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
    gold = {r["id"]: r["id"][:2] for r in rows}

    (tmp_path / "one").mkdir()
    one = parallax.analyze([str(tmp_path / "all.jsonl")], cfg(), db=str(tmp_path / "one" / "p.duckdb"))
    (tmp_path / "two").mkdir()
    db = tmp_path / "two" / "p.duckdb"
    half = parallax.analyze([str(tmp_path / "first.jsonl")], cfg(), db=str(db))
    assert (tmp_path / "two" / "p-stories.json.gz").exists()
    both = parallax.analyze(
        [str(tmp_path / "first.jsonl"), str(tmp_path / "second.jsonl")], cfg(), db=str(db)
    )

    def of(d):
        return {doc: s.id for s in d.stories for doc in s.documents}

    story_of = of(both)
    for s in half.stories:  # saved stories never split
        assert len({story_of[doc] for doc in s.documents}) == 1
    assert len(both.documents) == len(rows)
    f_one, f_two = bcubed_f1(of(one), gold), bcubed_f1(story_of, gold)
    assert f_one > 0.9
    assert abs(f_one - f_two) <= 0.01


def test_a_headline_only_page_is_kept_marked_and_survives_a_resume(tmp_path):
    """A page whose body is only a sign-up prompt is a document (its headline its text), not
    a rejection: marked in the dossier and the database, and the same after a resume."""
    from parallax.output import database, report
    from parallax.output.dossier import as_json, validate

    p = tmp_path / "x.jsonl"
    rows = [
        {"id": "full", "title": "Bridge reopens in Millbrook", "text": "Word " * 40},
        {
            "id": "walled",
            "title": "Bridge reopens in Millbrook after repairs",
            "text": "Subscribe now for unlimited digital access.\nAlready a subscriber? Log in.",
        },
    ]
    p.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "p.duckdb"
    for _ in range(2):  # the second run reads the stored records
        d = parallax.analyze([str(p)], cfg(), db=str(db))
        assert not d.rejected
        walled = {x.id: x for x in d.documents}["walled"]
        assert walled.headline_only and walled.text == "Bridge reopens in Millbrook after repairs"
        assert not {x.id: x for x in d.documents}["full"].headline_only
        data = as_json(d)
        validate(data)
        assert [x["headline_only"] for x in data["documents"]] == [False, True]
        report.write(d, tmp_path / "report.html")
        assert (tmp_path / "report.html").read_text(encoding="utf-8").count(
            "headline only (the body held"
        ) == 1
        database.write(d, db)
        con = duckdb.connect(str(db), read_only=True)
        try:
            assert con.execute("SELECT id FROM documents WHERE headline_only").fetchall() == [("walled",)]
        finally:
            con.close()
