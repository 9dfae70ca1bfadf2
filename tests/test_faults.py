"""Storage under faults: a disk that fills up mid-run leaves the database readable with
every batch committed before the fault intact, and a later run with space resumes and
ends exactly where an uninterrupted run ends.

A full disk is simulated without privileges: the run is a subprocess whose file-size
limit (RLIMIT_FSIZE) is set, with SIGXFSZ ignored, so that a write past the limit fails
with EFBIG as a write to a full disk fails with ENOSPC.  (The language model, which
unpacks itself into a temporary file, is loaded before the limit is set: the fault is
meant to strike the database.)"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from parallax.store import Store, record_from_dict

from .conftest import ROOT
from .corpus import write_jsonl
from .test_store import TABLES, dump

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="needs RLIMIT_FSIZE"), pytest.mark.slow]

LIMITED = """
import resource, signal, sys
from parallax.clean import language
language._identifier()
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from parallax.cli import main
sys.exit(main(sys.argv[2:]))
"""

N = 120


def analyze(
    paths: list[Path], out: Path, config: Path, limit: int | None = None
) -> subprocess.CompletedProcess:
    """`parallax analyze PATHS --out OUT`, with files limited to `limit` bytes when given."""
    args = ["analyze", *map(str, paths), "--out", str(out), "--no-progress", "--config", str(config)]
    cmd = (
        [sys.executable, "-c", LIMITED, str(limit), *args]
        if limit
        else [sys.executable, "-m", "parallax", *args]
    )
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def store_state(db: Path) -> tuple[dict[str, str], int, int]:
    """(record JSON by document id, inputs done, rejections) of a database, opened read-only,
    with the records read from the segment files its rows name."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT doc_id, seq, segment FROM records").fetchall()
        inputs = con.execute("SELECT count(*) FROM inputs").fetchone()[0]
        rejections = con.execute("SELECT count(*) FROM rejections").fetchone()[0]
    finally:
        con.close()
    data: dict[int, str] = {}
    for segment in {r[2] for r in rows}:
        with gzip.open(db.parent / f"{db.stem}-records" / segment, "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                data[d["seq"]] = json.dumps(d["record"])
    return {doc_id: data[seq] for doc_id, seq, _ in rows}, inputs, rejections


def empty(folder: Path) -> None:
    for f in folder.glob("*"):
        shutil.rmtree(f) if f.is_dir() else f.unlink()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A corpus, a small-batch configuration and the outputs of an uninterrupted run over it."""
    root = tmp_path_factory.mktemp("faults")
    src = write_jsonl(root / "corpus.jsonl", N)
    config = root / "small-batches.toml"
    config.write_text("[engine]\ncommit_every = 10\n[nlp]\nbatch_size = 8\n", encoding="utf-8")
    ref = root / "ref"
    proc = analyze([src], ref, config)
    assert proc.returncode == 0, proc.stderr
    return root, src, config, ref


def test_disk_full_mid_run_keeps_committed_batches_and_a_rerun_resumes(corpus, tmp_path):
    _root, src, config, ref = corpus
    ref_records, _, _ = store_state(ref / "parallax.duckdb")
    out = tmp_path / "out"
    # a limit that strikes mid-run (some batches kept, not all): the database's write-ahead
    # log grows by every batch (about 2 KB here) and its file header takes 12 KB
    for limit in (16_000, 20_000, 14_000, 24_000, 30_000, 13_000):
        empty(out)
        proc = analyze([src], out, config, limit=limit)
        if proc.returncode == 0:
            continue
        records, inputs, rejections = store_state(out / "parallax.duckdb")  # readable
        if 0 < len(records) < N:
            break
    else:
        pytest.fail("no file-size limit made the run fail mid-way")
    assert "could not write to the database" in proc.stderr and "File too large" in proc.stderr
    assert len(records) % 10 == 0  # whole batches only, no half batch
    assert inputs == len(records) + rejections == len(records)
    for doc_id, data in records.items():  # what was committed is intact
        assert json.loads(data) == json.loads(ref_records[doc_id])
        record_from_dict(json.loads(data))
    with Store(out / "parallax.duckdb") as st:  # and the store opens for writing
        assert len(st.done_keys()) == inputs
    proc = analyze([src], out, config)  # with space again: resumes
    assert proc.returncode == 0, proc.stderr
    a, b = dump(ref / "parallax.duckdb"), dump(out / "parallax.duckdb")
    for t in TABLES:
        assert a[t] == b[t], t
    assert json.loads((ref / "dossier.json").read_text()) == json.loads((out / "dossier.json").read_text())


def test_disk_full_while_writing_the_dossier_tables_keeps_the_database_readable(corpus, tmp_path):
    """The derived tables are replaced in one transaction; when the disk fills while they
    are written or checkpointed, the database still opens and holds every table, and a
    rerun with space completes."""
    _root, src, config, _ref = corpus
    out = tmp_path / "out"
    first = tmp_path / "first.jsonl"  # 30 more articles, ids of their own
    first.write_text(
        write_jsonl(tmp_path / "f.jsonl", 30, seed=3).read_text().replace('"id": "a', '"id": "f'),
        encoding="utf-8",
    )
    proc = analyze([first], out, config)
    assert proc.returncode == 0, proc.stderr
    db = out / "parallax.duckdb"
    before = dump(db)
    limit = db.stat().st_size + 4096  # the database file may hardly grow
    proc = analyze([first, src], out, config, limit=limit)
    assert proc.returncode != 0 and "File too large" in proc.stderr
    records, inputs, rejections = store_state(db)
    assert 30 <= len(records) <= 30 + N and inputs == len(records) + rejections
    after = dump(db)  # every table readable; earlier documents all there
    assert {r[0] for r in before["documents"]} <= {r[0] for r in after["documents"]} | set(records)
    proc = analyze([first, src], out, config)
    assert proc.returncode == 0, proc.stderr
    final = dump(db)
    assert len(final["documents"]) == 30 + N


def test_a_full_disk_while_writing_the_outputs_leaves_no_half_file_and_no_mismatch(corpus, tmp_path):
    """The disk fills while the report is written (the dossier fits, the report does not):
    no temporary file is left, the dossier of this run is not put beside an older database
    (the three outputs are replaced together or not at all), and a rerun with space ends as
    an uninterrupted run does."""
    _root, src, config, ref = corpus
    sizes = [(ref / name).stat().st_size for name in ("dossier.json", "report.html")]
    assert sizes[0] < sizes[1]
    out = tmp_path / "out"
    proc = analyze([src], out, config, limit=sum(sizes) // 2)
    assert proc.returncode != 0 and "File too large" in proc.stderr and "Traceback" not in proc.stderr
    assert sorted(p.name for p in out.iterdir() if p.suffix in (".tmp", ".next")) == []
    assert not (out / "dossier.json").exists() and not (out / "report.html").exists()
    con = duckdb.connect(
        str(out / "parallax.duckdb"), read_only=True
    )  # readable, and no dossier in it either
    try:
        assert not con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'documents'").fetchall()
    finally:
        con.close()
    proc = analyze([src], out, config)
    assert proc.returncode == 0, proc.stderr
    assert json.loads((ref / "dossier.json").read_text()) == json.loads((out / "dossier.json").read_text())
    a, b = dump(ref / "parallax.duckdb"), dump(out / "parallax.duckdb")
    for t in TABLES:
        assert a[t] == b[t], t


def test_outputs_committed_but_not_yet_in_place_are_put_in_place_by_the_next_command(corpus, tmp_path):
    """A run killed between committing the database's tables and renaming dossier.json and
    report.html: the next command to take the folder renames them (the three agree again); a
    run killed before its commit leaves *.next files that the next command removes."""
    from parallax.outdir import PENDING, finish_pending
    from parallax.store import read_meta, write_meta

    ref = corpus[3]
    out = tmp_path / "out"
    shutil.copytree(ref, out)
    (out / "dossier.json").write_text('{"older": true}', encoding="utf-8")
    (out / "report.html").write_text("older", encoding="utf-8")
    shutil.copy(ref / "dossier.json", out / "dossier.json.next")
    shutil.copy(ref / "report.html", out / "report.html.next")
    write_meta(out / "parallax.duckdb", PENDING, "pending")  # as the run's last transaction left it
    finish_pending(out)
    assert (out / "dossier.json").read_bytes() == (ref / "dossier.json").read_bytes()
    assert (out / "report.html").read_bytes() == (ref / "report.html").read_bytes()
    assert read_meta(out / "parallax.duckdb", PENDING) is None
    assert not list(out.glob("*.next"))
    (out / "dossier.json.next").write_text('{"never committed": true}', encoding="utf-8")
    finish_pending(out)  # no note in the database: the file was not this database's
    assert not (out / "dossier.json.next").exists()
    assert (out / "dossier.json").read_bytes() == (ref / "dossier.json").read_bytes()
