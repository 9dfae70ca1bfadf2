#!/usr/bin/env python3
"""Facts over a whole developing story: a run's stored per-document records re-linked into
facts per story (as a run does) and per thread (every claim of the thread's documents, through
the same ``facts.build``), written as a dossier with ``threads`` that score_facts.py scores.

    .venv/bin/python bench/thread_facts.py --out OUT [--gold G.facts.json] [--threads gold|one|none]
        [--write OUT/dossier-facts.json]

OUT is a run's ``--out`` folder (its ``dossier.json`` gives the stories, its
``parallax.duckdb`` the stored records).  Threads: ``one`` (default) puts every document in one
thread (beirut-2020, maria-2017 and kazakhstan-2022 are each one thread in their gold);
``gold`` takes the gold file's threads (documents it does not name left out); ``none`` writes
no threads (story facts only, e.g. for GVA: then score with bench/halves.py gva).  With
``--gold`` it prints score_facts.py's figures.  No spaCy: only ``parallax.link.facts`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from parallax.link import facts
from parallax.records import DocRecord, to_dict
from parallax.store import Store

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


def relink(out: Path, mode: str, gold: dict | None) -> dict:
    """The run's dossier with story facts rebuilt and threads added."""
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    store = Store(out / "parallax.duckdb")
    try:
        records = {r.document.id: r for r in store.records()}
    finally:
        store.close()
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="a run's --out folder")
    ap.add_argument("--gold", help="a facts gold (parallax.facts-gold/1): print score_facts.py's figures")
    ap.add_argument("--threads", choices=("one", "gold", "none"), default="one")
    ap.add_argument("--write", help="where to write the dossier (default OUT/dossier-facts.json)")
    a = ap.parse_args()
    out = Path(a.out)
    gold = json.loads(Path(a.gold).read_text(encoding="utf-8")) if a.gold else None
    dossier = relink(out, a.threads, gold)
    target = Path(a.write) if a.write else out / "dossier-facts.json"
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
