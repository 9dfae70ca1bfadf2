#!/usr/bin/env python3
"""Facts over a whole developing story: a run's stored per-document records re-linked into
facts per story (as a run does) and per thread (every claim of the thread's documents, through
the same ``facts.build``), written as a dossier with ``threads`` that score_facts.py scores.

    .venv/bin/python bench/thread_facts.py --out OUT [--gold G.facts.json] [--threads gold|one|none]
        [--write OUT/dossier-facts.json]

    .venv/bin/python bench/thread_facts.py --oracle CORPUS --gold G.facts.json

OUT is a run's ``--out`` folder (its ``dossier.json`` gives the stories, its
``parallax.duckdb`` the stored records).  ``--oracle CORPUS`` (a folder with manifest.csv)
measures the linking alone: the gold values become the claims (figure, source, as-of date,
the sentence around the anchor as evidence) and the gold facts their groups, so that updates,
conflicts and best estimates are scored without the extraction's misses.

Threads: ``one`` (default) puts every document in one thread (beirut-2020, maria-2017 and
kazakhstan-2022 are each one thread in their gold); ``gold`` takes the gold file's threads
(documents it does not name left out); ``none`` writes no threads (story facts only, e.g. for
GVA: then score with bench/halves.py gva).  With ``--gold`` it prints score_facts.py's figures.
No spaCy: only ``parallax.link.facts`` runs.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from parallax.link import facts
from parallax.records import ClaimRecord, DocRecord, Document, to_dict
from parallax.store import LAYOUT, Store

ROOT = Path(__file__).resolve().parent.parent
SCORER = Path(os.environ.get("PARALLAX_SHARED", ROOT.parent.parent / "shared")) / "bench" / "score_facts.py"
if not SCORER.exists():
    SCORER = Path("/work/shared/bench/score_facts.py")


def _stem(doc_id: str) -> str:
    return os.path.splitext(os.path.basename(doc_id))[0]


def thread_groups(mode: str, records: dict[str, DocRecord], gold: dict | None) -> list[tuple[str, list[str]]]:
    """(title, document ids) of each thread."""
    if mode == "none":
        return []
    if mode == "one" or not gold:
        return [("all documents", list(records))]
    by_stem = {_stem(d): d for d in records}
    out = []
    for t in gold.get("threads", []):
        docs = [by_stem[_stem(d)] for d in t.get("docs", []) if _stem(d) in by_stem]
        out.append((t.get("title") or t.get("id", ""), docs))
    return out


def stored_records(db: Path) -> dict[str, DocRecord]:
    """The records a run stored, read without touching a store of another layout (opening one
    with ``Store`` would empty it): such a store is an error naming the file."""
    import duckdb

    if not db.exists():
        raise SystemExit(f"{db}: no such database (run parallax analyze with this --out first)")
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT value FROM store_meta WHERE key = 'layout'").fetchone()
    except duckdb.Error:
        row = None
    finally:
        con.close()
    if row is None or row[0] != LAYOUT:
        raise SystemExit(
            f"{db}: records stored by another version (layout {row[0] if row else 'unknown'}, "
            f"this code reads {LAYOUT}); run parallax analyze again with --fresh"
        )
    store = Store(db)
    try:
        return {r.document.id: r for r in store.records()}
    finally:
        store.close()


def relink(out: Path, mode: str, gold: dict | None) -> dict:
    """The run's dossier with story facts rebuilt and threads added."""
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    records = stored_records(out / "parallax.duckdb")
    story_of: dict[str, str] = {}
    for s in dossier["stories"]:
        recs = [records[d] for d in s["documents"] if d in records]
        claims = [c for r in recs for c in r.claims]
        s["claims"] = to_dict(claims)
        s["facts"] = to_dict(facts.build(claims, recs, prefix=s["id"]))
        for d in s["documents"]:
            story_of[d] = s["id"]
    threads = []
    for n, (title, docs) in enumerate(thread_groups(mode, records, gold), start=1):
        recs = [records[d] for d in docs]
        claims = [c for r in recs for c in r.claims]
        threads.append(
            {
                "id": f"t{n}",
                "title": title,
                "documents": docs,
                "stories": list(dict.fromkeys(story_of[d] for d in docs if d in story_of)),
                "claims": to_dict(claims),
                "facts": to_dict(facts.build(claims, recs, prefix=f"t{n}")),
            }
        )
    if mode != "none":
        dossier["threads"] = threads
    return dossier


#: Gold qualifiers that make a figure approximate.
_APPROX = ("about", "nearly", "some", "around", "approximately", "estimated", "almost", "roughly", "closer")


def _oracle_claim(v: dict, fact: dict, text: str) -> ClaimRecord:
    """A gold value as the claim a perfect extraction would give (the sentence around its
    anchor as evidence, its figure as written as number_text)."""
    at = text.find(v["anchor"])
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    end = text.find(". ", at + len(v["anchor"]))
    end = len(text) if end < 0 else end + 1
    want = v["low"] if v["low"] is not None else v["high"]
    nums = re.findall(r"\d[\d,.]*\d|\d", v["anchor"])
    same = [x for x in nums if want and abs(float(x.replace(",", "")) - want) <= 0.02 * want]
    qualifier = (v.get("qualifier") or "").lower()
    return ClaimRecord(
        id=v["id"],
        doc=v["doc"],
        evidence=text[start:end],
        start=start,
        end=end,
        measure="OTHER",
        subject="people",
        low=v["low"],
        high=v["high"],
        approximate=qualifier.startswith(_APPROX),
        attributed_to=v["sources"][0] if v["sources"] else None,
        as_of=v["as_of"],
        qualifier=qualifier or None,
        number_text=(same or nums or [v["anchor"]])[0],
        unit=fact.get("unit", "people"),
    )


def oracle(corpus: Path, gold: dict) -> dict:
    """A dossier whose claims are the gold values and whose facts are built on the gold
    grouping: one story, one thread."""
    with open(corpus / "manifest.csv", encoding="utf-8") as fh:
        manifest = {row["file"]: row for row in csv.DictReader(fh)}
    records: dict[str, DocRecord] = {}
    groups = []
    for fact in gold["facts"]:
        group = []
        for v in fact["values"]:
            if v["doc"] not in records:
                row = manifest.get(v["doc"], {})
                text = (corpus / v["doc"]).read_text(encoding="utf-8")
                doc = Document(
                    id=v["doc"],
                    source=v["doc"],
                    outlet=row.get("outlet") or None,
                    published=row.get("published") or None,
                    title=None,
                    authors=[],
                    text=text,
                )
                records[v["doc"]] = DocRecord(document=doc, sentences=[(0, len(text))])
            group.append(_oracle_claim(v, fact, records[v["doc"]].document.text))
        if group:
            groups.append(group)
    recs = list(records.values())
    claims = [c for g in groups for c in g]
    built = facts.build(claims, recs, prefix="o1", groups=groups)
    return {
        "schema": "parallax.dossier/1",
        "documents": [to_dict(r.document) for r in recs],
        "stories": [
            {"id": "o1", "documents": list(records), "claims": to_dict(claims), "facts": to_dict(built)}
        ],
        "rejected": [],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="a run's --out folder")
    ap.add_argument("--oracle", help="a corpus folder (with manifest.csv): the gold values as claims")
    ap.add_argument("--gold", help="a facts gold (parallax.facts-gold/1): print score_facts.py's figures")
    ap.add_argument("--threads", choices=("one", "gold", "none"), default="one")
    ap.add_argument("--write", help="where to write the dossier (default OUT/dossier-facts.json)")
    a = ap.parse_args()
    gold = json.loads(Path(a.gold).read_text(encoding="utf-8")) if a.gold else None
    if a.oracle:
        if gold is None:
            ap.error("--oracle needs --gold")
        dossier = oracle(Path(a.oracle), gold)
        target = Path(a.write or "/tmp/parallax-oracle-dossier.json")
    elif a.out:
        dossier = relink(Path(a.out), a.threads, gold)
        target = Path(a.write) if a.write else Path(a.out) / "dossier-facts.json"
    else:
        ap.error("one of --out and --oracle is needed")
    target.write_text(json.dumps(dossier, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {target}")
    if a.gold:
        run = subprocess.run(
            [sys.executable, str(SCORER), "--gold", a.gold, "--dossier", str(target)],
            capture_output=True,
            text=True,
            check=True,
        )
        print(run.stdout, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
