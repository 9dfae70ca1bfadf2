#!/usr/bin/env python3
"""Counting apart from clustering: a run's stored per-document records, grouped by the GOLD
incidents instead of the predicted stories, reconciled into facts and scored.

    .venv/bin/python bench/counts_gold.py --db OUT/parallax.duckdb \\
        --gold ../shared/data/gva-dev/incidents.jsonl [--scorer ../shared/bench/score_counts.py]

Prints killed/injured accuracy (all incidents and those with >= 2 articles) of a dossier whose
stories are the gold incidents, then a table of the errors on the multi-article incidents by
class (gold 0 but a figure; a figure of 0 but gold above 0; over or under by 1 or by 2+).
No spaCy: it reads the DocRecords the run stored (through ``parallax.store.Store``) and runs
only ``parallax.link.facts``.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import sys
from pathlib import Path

from thread_facts import stored_records

from parallax.link import facts
from parallax.records import to_dict

ROOT = Path(__file__).resolve().parent.parent


def load_scorer(path: Path):
    """The score_counts module (standard library only) from its file."""
    spec = importlib.util.spec_from_file_location("score_counts", path)
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))  # it imports score_clusters beside it
    spec.loader.exec_module(mod)
    return mod


def gold_dossier(db: str, incidents: list[dict]) -> dict:
    """A dossier (plain data) with one story per gold incident, facts reconciled from the
    stored claims of its documents."""
    by_id = stored_records(Path(db))
    stories = []
    for n, inc in enumerate(incidents, start=1):
        recs = [by_id[d] for d in dict.fromkeys(inc["doc_ids"]) if d in by_id]
        claims = [c for r in recs for c in r.claims]
        stories.append(
            {
                "id": f"g{n}",
                "documents": [r.document.id for r in recs],
                "claims": to_dict(claims),
                "facts": to_dict(facts.build(claims, recs, prefix=f"g{n}")),
            }
        )
    return {"stories": stories}


def error_table(sc, incidents: list[dict], dossier: dict) -> dict[str, collections.Counter]:
    """Errors on the incidents with >= 2 articles, by measure and class."""
    all_claims = {c["id"]: c for s in dossier["stories"] for c in s["claims"]}
    out = {name: collections.Counter() for name in sc.MEASURES}
    for inc, story in zip(incidents, dossier["stories"], strict=False):
        if len(set(inc["doc_ids"])) < 2:
            continue
        for name, (measure, field) in sc.MEASURES.items():
            lo, hi = sc.story_estimate(story, measure, all_claims)
            gold = inc[field]
            if sc.within(gold, lo, hi):
                continue
            p = sc.point(lo, hi)
            if p is None:
                kind = "open range"
            elif gold == 0:
                kind = "gold 0, figure > 0"
            elif p == 0:
                kind = "figure 0, gold > 0"
            else:
                kind = ("over" if p > gold else "under") + (" by 1" if abs(p - gold) == 1 else " by 2+")
            out[name][kind] += 1
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="the run's parallax.duckdb")
    ap.add_argument("--gold", required=True, help="incidents.jsonl")
    ap.add_argument("--scorer", default=str(ROOT.parent / "shared" / "bench" / "score_counts.py"))
    a = ap.parse_args()
    sc = load_scorer(Path(a.scorer))
    with open(a.gold, encoding="utf-8") as f:
        incidents = [json.loads(line) for line in f if line.strip()]
    dossier = gold_dossier(a.db, incidents)
    m = sc.score(incidents, dossier)
    for k in (
        "killed_accuracy",
        "injured_accuracy",
        "multi.killed_accuracy",
        "multi.injured_accuracy",
        "multi.killed_mae",
        "multi.injured_mae",
    ):
        print(f"{k:28s} {m[k]:.3f}")
    for name, errs in error_table(sc, incidents, dossier).items():
        print(
            f"multi {name} errors ({sum(errs.values())}): "
            + ", ".join(f"{k} {v}" for k, v in sorted(errs.items()))
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
