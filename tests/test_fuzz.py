"""The fuzz corpus (tests/fuzz_corpus.py, over a thousand hostile inputs) through the real
command line: the run ends normally, and every input is accounted for, in the database,
the summary and the report, as documents or rejections with a reason.

The counts are printed (``pytest -s tests/test_fuzz.py``): inputs, outcomes, documents,
rejections by reason, crashes."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict

import duckdb
import pytest

from .conftest import ROOT
from .fuzz_corpus import BIG, FuzzInput, generate

#: whole pipeline runs or servers under load: the everyday loop (-m "not slow") skips them
pytestmark = pytest.mark.slow

#: reasons that mean a reader or cleaning step raised and the pipeline's safety net caught it.
INTERNAL = re.compile(
    r"the reader failed|could not be cleaned \(|could not be analysed \(|"
    r"could not be read; the rest of it was not read"
)

#: internal errors whose fix belongs to a module being changed by someone else, with the input
#: family that shows them.  Each is counted and printed as a crash; remove an entry when fixed.
KNOWN: set[tuple[str, str]] = set()


def _normalise(reason: str) -> str:
    """A reason with its particulars (numbers, quoted names, record ids) blanked, for counting."""
    reason = re.sub(
        r"<urn:[^>]*>|'[^']*'|\"[^\"]*\"|https?://\S+|\bentry-[0-9a-f]+|\b0x[0-9a-f]+", "…", reason
    )
    return re.sub(r"\d[\d,.]*", "N", reason)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    inputs, paths = generate(root / "in")
    out = root / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "parallax", "analyze", *paths, "--out", str(out), "--no-progress"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    con = duckdb.connect(str(out / "parallax.duckdb"), read_only=True)
    try:
        docs = con.execute("SELECT id, source, text FROM documents").fetchall()
        rejected = con.execute("SELECT source, record, reason FROM rejected").fetchall()
        n_inputs_table = con.execute("SELECT count(*) FROM inputs").fetchone()[0]
    finally:
        con.close()
    return inputs, proc, out, docs, rejected, n_inputs_table


def _account(inputs: list[FuzzInput], docs, rejected):
    """(outcomes by source, inputs with the wrong number of outcomes, outcomes of no input)."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for _, source, _ in docs:
        by_source[source].append("document")
    for source, _, reason in rejected:
        by_source[source].append(reason)
    wrong = []
    for x in inputs:
        got = len(by_source.get(str(x.path), []))
        if got == 0 or (x.records is not None and got != x.records):
            wrong.append((x.family, x.path.name, x.records, got))
    known = {str(x.path) for x in inputs}
    stray = sorted(s for s in by_source if s not in known)
    return by_source, wrong, stray


def test_every_fuzz_input_is_accounted_for_and_nothing_crashes(run):
    inputs, proc, out, docs, rejected, n_inputs_table = run
    family = {str(x.path): x.family for x in inputs}
    _by_source, wrong, stray = _account(inputs, docs, rejected)
    internal = [(family.get(s, "?"), r) for s, _, r in rejected if INTERNAL.search(r)]
    known = [(f, r) for f, r in internal if any(f.startswith(k) and e in r for k, e in KNOWN)]
    died = proc.returncode != 0 or "Traceback" in proc.stderr
    reasons = Counter(_normalise(r) for _, _, r in rejected)
    print(
        f"\nfuzz corpus: {len(inputs)} inputs ({len(Counter(x.family for x in inputs))} families) -> "
        f"{len(docs) + len(rejected)} outcomes: {len(docs)} documents, {len(rejected)} rejected"
    )
    print(
        f"  crashes: run died {int(died)}, reader/cleaning errors caught {len(internal)} "
        f"(of which known, in others' modules: {len(known)})"
    )
    print(f"  unaccounted inputs: {len(wrong)}, outcomes of no input: {len(stray)}")
    print(f"  rejected by reason ({len(reasons)} kinds):")
    for reason, n in reasons.most_common():
        print(f"    {n:5d}  {reason[:150]}")
    for f, r in internal:
        print(f"  caught [{f}]: {r[:200]}")

    assert len(inputs) >= 1000
    assert not died, proc.stderr[-3000:]
    assert wrong == [], wrong[:20]
    assert stray == []
    assert [x for x in internal if x not in known] == []
    # the summary, the database's working store and the report agree
    assert f"{len(docs) + len(rejected)} inputs read" in proc.stdout
    assert re.search(rf"documents\s+{len(docs)}\b", proc.stdout) and re.search(
        rf"rejected\s+{len(rejected)}\b", proc.stdout
    )
    assert n_inputs_table == len(docs) + len(rejected)
    report = (out / "report.html").read_text(encoding="utf-8")
    assert str(len(rejected)) in report
    assert len(docs) > 100 and len(rejected) > 500


def test_hostile_inputs_end_as_the_right_rejections(run):
    inputs, _proc, _out, docs, rejected, _ = run
    by_source, _, _ = _account(inputs, docs, rejected)
    for x in inputs:
        reasons = by_source[str(x.path)]
        if x.family == "big" and x.path.suffix == ".warc":  # streamed: read no further than its first bytes
            assert reasons == ["not a WARC file (it does not begin with a WARC/1.x record)"]
        elif x.family == "big":  # refused by size, never read
            assert reasons == [
                f"input is {BIG / 1e6:.1f} MB, over the limit of 20.0 MB "
                "(limits.max_input_bytes); it was not read"
            ], x.path.name
        elif x.family == "big-line":
            assert reasons == ["line 1 is longer than the limit of 20.0 MB (limits.max_input_bytes)"]
        elif x.family == "fifo":
            assert reasons == ["not read: a named pipe (FIFO), not a regular file"]
        elif x.family == "empty" and x.records == 1 and not x.path.name.endswith((".warc", ".warc.gz")):
            assert reasons == ["the file is empty"], x.path.name
        elif x.family == "jsonl-deep":
            assert sorted(reasons) == [
                "document",
                "line 1 is nested too deeply to be read (arrays or objects "
                "more than about 1,000 levels deep)",
            ]
        elif x.family == "manifest":
            assert all("manifest.csv" in r for r in reasons)
        elif x.family == "urls-txt":  # an article (or too short to be one), never a list to fetch
            assert len(reasons) == 1 and "fetched" not in reasons[0] and "refused" not in reasons[0]
        elif x.family == "urls-private":
            assert all("refused: " in r and "address, not a public one" in r for r in reasons), reasons
        elif x.family == "warc-bomb":
            assert reasons[0] == (
                "WARC record for https://w.example/bomb: the page, once decompressed (gzip), is over "
                "the limit of 20.0 MB (limits.max_input_bytes); it was not read"
            )
        elif x.family == "link-out":
            assert reasons == ["a symbolic link to a place outside the input folder; not followed"]
        elif x.family == "manifest-big":
            assert reasons[0].startswith(
                "manifest.csv line 3 could not be read (field larger than field limit"
            )
        elif x.family == "jsonl-half":
            assert reasons[:2] == ["document", "document"] and reasons[2].startswith(
                "line 3 is not valid JSON"
            )
    nested = [r for _, _, r in rejected if "limits.max_nesting" in r]
    assert len(nested) >= 6  # the 10,000-deep pages, by the nesting limit, not by a crash
    assert any(r.startswith("duplicate id 'shared-id'") for _, _, r in rejected)


def test_nothing_from_the_input_executes_or_leaks(run):
    """External entities are not read, and a file name carrying markup is escaped in the report."""
    _, _, out, docs, _, _ = run
    assert not any("root:x:0:0" in text for _, _, text in docs)
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<img src=x onerror" not in report
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in report
    # the lone surrogates of JSON escapes became replacement characters, and were stored
    assert any("\ufffd" in text for _, _, text in docs)
