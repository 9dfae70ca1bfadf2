"""The working store: resumable runs, nothing lost, nothing duplicated."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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


def _cli(*args: str) -> subprocess.Popen:
    """`python -m parallax ARGS` in a subprocess, its output piped."""
    return subprocess.Popen(
        [sys.executable, "-m", "parallax", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_cli(src, out, extra=()):
    config = str(out.parent / "small-batches.toml")
    return _cli("analyze", str(src), "--out", str(out), "--no-progress", "--config", config, *extra)


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


# ------------------------------------------------------------------ changed inputs


STORY = (
    "Flood relief reaches Millbrook\n\n"
    "Relief convoys reached Millbrook on Tuesday after the river burst its banks, and the county "
    "said {n} people were injured across the valley. Volunteers handed out blankets "
    "and water at the school, and engineers began checking the damaged bridge."
)


def test_an_edited_article_is_analysed_again_and_the_run_says_so(tmp_path, caplog):
    src = tmp_path / "in"
    src.mkdir()
    (src / "flood.txt").write_text(STORY.format(n="2,298"), encoding="utf-8")
    (src / "other.txt").write_text(STORY.format(n="40").replace("Millbrook", "Ashford"), encoding="utf-8")
    db = tmp_path / "out" / "p.duckdb"
    db.parent.mkdir()
    first = parallax.analyze([str(src)], cfg(), db=str(db))
    assert "2,298" in {d.id: d for d in first.documents}["flood.txt"].text
    (src / "flood.txt").write_text(STORY.format(n="7,777"), encoding="utf-8")
    with caplog.at_level("WARNING"):
        second = parallax.analyze([str(src)], cfg(), db=str(db))
    docs = {d.id: d for d in second.documents}
    assert len(second.documents) == 2 and not second.rejected
    assert "7,777" in docs["flood.txt"].text and "2,298" not in docs["flood.txt"].text
    figures = {c.number_text for s in second.stories for c in s.claims if c.doc == "flood.txt"}
    assert "7,777" in figures and "2,298" not in figures
    said = [r.getMessage() for r in caplog.records if "changed since" in r.getMessage()]
    assert said == [
        f"1 input changed since it was last analysed, so it is analysed again: {src / 'flood.txt'}"
    ]
    with Store(db) as st:
        assert len(st.done_keys()) == 2  # the old outcome is gone, not kept beside the new one
    caplog.clear()
    with caplog.at_level("WARNING"):
        third = parallax.analyze([str(src)], cfg(), db=str(db))  # unchanged now: nothing said, nothing redone
    assert not [r for r in caplog.records if "changed since" in r.getMessage()]
    assert [d.text for d in third.documents] == [d.text for d in second.documents]


def test_a_half_written_last_line_is_read_again_once_whole(tmp_path):
    """A JSON Lines file read while its writer was still writing: the cut line is rejected
    then, and read (and the rejection withdrawn) once the writer has finished it."""
    rows = [
        {"id": f"r{i}", "text": STORY.format(n=str(10 + i)), "published": f"2024-05-0{i + 1}"}
        for i in range(3)
    ]
    lines = [json.dumps(r) for r in rows]
    p = tmp_path / "feed.jsonl"
    p.write_text(lines[0] + "\n" + lines[1] + "\n" + lines[2][:40], encoding="utf-8")
    db = tmp_path / "p.duckdb"
    d1 = parallax.analyze([str(p)], cfg(), db=str(db))
    assert [d.id for d in d1.documents] == ["r0", "r1"]
    assert [(r.record, r.reason.split(" (")[0]) for r in d1.rejected] == [(3, "line 3 is not valid JSON")]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    d2 = parallax.analyze([str(p)], cfg(), db=str(db))
    assert [d.id for d in d2.documents] == ["r0", "r1", "r2"] and d2.rejected == []


# ------------------------------------------------------------------ one command at a time on --out


@pytest.mark.slow
def test_fresh_is_refused_while_serve_holds_the_folder(tmp_path):
    """`--fresh` used to delete the database a running `serve` held; the folder's lock now
    makes the run stop at once with a message naming the server, and the database stays."""
    src = write_jsonl(tmp_path / "a.jsonl", 3)
    out = tmp_path / "out"
    first = _cli("analyze", str(src), "--out", str(out), "--no-progress")
    assert first.wait(timeout=300) == 0, first.stderr.read()
    server = _cli("serve", str(out / "parallax.duckdb"), "--port", "0")
    try:
        assert "serving" in server.stdout.readline()
        before = (out / "parallax.duckdb").stat().st_ino
        again = _cli("analyze", str(src), "--out", str(out), "--no-progress", "--fresh")
        assert again.wait(timeout=300) == 2
        err = again.stderr.read()
        assert f"is being used by pid {server.pid} (parallax serve {out / 'parallax.duckdb'} --port 0)" in err
        assert "Traceback" not in err
        assert (out / "parallax.duckdb").stat().st_ino == before
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
    again = _cli("analyze", str(src), "--out", str(out), "--no-progress", "--fresh")
    assert again.wait(timeout=300) == 0, again.stderr.read()


class _Parked(BaseHTTPRequestHandler):
    """Serves one article page, but only once the test lets it (so that a run is parked
    mid-way, holding its folder, for as long as the test needs)."""

    asked = threading.Event()
    release = threading.Event()

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            body, code = b"", 404
        else:
            _Parked.asked.set()
            _Parked.release.wait(60)
            body, code = (
                f"<html><head><title>Relief</title></head><body><p>{STORY.format(n='12')}</p></body></html>".encode(),
                200,
            )
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.mark.slow
def test_the_lock_is_held_for_the_whole_run(tmp_path):
    """While a run works on --out (here parked on a page it fetches), a second run and a
    server are refused, each told which process holds the folder; the first run then ends
    normally and its three outputs agree.  (Also: --urls and --allow-private-addresses.)"""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Parked)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    src = write_jsonl(tmp_path / "a.jsonl", 3)
    listing = tmp_path / "links.txt"
    listing.write_text(f"http://127.0.0.1:{httpd.server_address[1]}/relief.html\n", encoding="utf-8")
    out = tmp_path / "out"
    run = _cli(
        "analyze",
        str(src),
        "--urls",
        str(listing),
        "--allow-private-addresses",
        "--out",
        str(out),
        "--no-progress",
    )
    try:
        for _ in range(1200):  # until the run asks for the page (it holds the folder by then)
            if _Parked.asked.wait(0.1):
                break
            assert run.poll() is None, run.stderr.read()
        else:
            pytest.fail("the run never asked for the page")
        second = _cli("analyze", str(src), "--out", str(out), "--no-progress")
        server = _cli("serve", str(out / "parallax.duckdb"), "--port", "0")
        assert second.wait(timeout=120) == 2 and server.wait(timeout=120) == 2
        for proc in (second, server):
            err = proc.stderr.read()
            assert f"by pid {run.pid} (parallax analyze {src} --urls {listing}" in err, err
            assert "Traceback" not in err
        assert run.poll() is None
    finally:
        _Parked.release.set()
        code = run.wait(timeout=600)
        httpd.shutdown()
        httpd.server_close()
    assert code == 0, run.stderr.read()
    assert (out / ".parallax.lock").read_text() == ""  # released, naming no one
    _assert_outputs_agree(out)
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert len(dossier["documents"]) == 4 and dossier["documents"][-1]["url"].endswith("/relief.html")


def _assert_outputs_agree(out) -> None:
    """dossier.json, report.html and the database's tables describe the same documents."""
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    con = duckdb.connect(str(out / "parallax.duckdb"), read_only=True)
    try:
        in_db = sorted(r[0] for r in con.execute("SELECT id FROM documents").fetchall())
        rejected = con.execute("SELECT count(*) FROM rejected").fetchone()[0]
    finally:
        con.close()
    assert sorted(d["id"] for d in dossier["documents"]) == in_db
    assert len(dossier["rejected"]) == rejected
    report = (out / "report.html").read_text(encoding="utf-8")
    assert f"<b>{len(in_db)}</b> documents" in report
    assert not [p.name for p in out.iterdir() if p.name.endswith((".tmp", ".next"))]


def test_an_output_folder_that_cannot_be_written_is_a_message(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", 2)
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    for out in (blocker, blocker / "below"):
        proc = _cli("analyze", str(src), "--out", str(out), "--no-progress")
        assert proc.wait(timeout=120) != 0
        err = proc.stderr.read()
        assert "Traceback" not in err and err.startswith("parallax: ") and str(blocker) in err, err


def test_a_database_another_program_holds_is_a_message(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(60)",
            str(out / "parallax.duckdb"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        proc = _cli("analyze", str(write_jsonl(tmp_path / "a.jsonl", 2)), "--out", str(out), "--no-progress")
        assert proc.wait(timeout=120) == 2
        err = proc.stderr.read()
        assert (
            err.startswith(f"parallax: cannot use the database {out / 'parallax.duckdb'}: ")
            and "Traceback" not in err
        )
        assert f"(PID {holder.pid})" in err
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow
def test_a_damaged_database_is_a_message_and_fresh_starts_over(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "parallax.duckdb").write_bytes(b"this is not a database " * 500)
    src = write_jsonl(tmp_path / "a.jsonl", 2)
    proc = _cli("analyze", str(src), "--out", str(out), "--no-progress")
    assert proc.wait(timeout=120) == 2
    err = proc.stderr.read()
    assert (
        err.startswith(f"parallax: cannot use the database {out / 'parallax.duckdb'}: ")
        and "Traceback" not in err
    )
    proc = _cli("analyze", str(src), "--out", str(out), "--no-progress", "--fresh")
    assert proc.wait(timeout=300) == 0, proc.stderr.read()
    _assert_outputs_agree(out)
