#!/usr/bin/env python3
"""Score a dossier on the two halves of a dev set, so that a rule fitted on one half is checked
on the other (and on the whole).

    .venv/bin/python bench/halves.py SET --dossier out/dossier.json [--metrics quotes.speaker_accuracy ...]

SET is one of the dev sets under ../shared/data (and the developing-story corpora):

| SET            | split into halves by                          | scorer            |
|----------------|-----------------------------------------------|-------------------|
| basil-quotes   | BASIL event (sorted event ids, even / odd)    | score_quotes.py   |
| basil-facts    | the annotated events (sorted, even / odd)     | score_facts.py    |
| basil-stories  | BASIL event (sorted, even / odd)              | score_clusters.py |
| polnear        | document (sha1 of its id, even / odd)         | score_quotes.py   |
| ecbplus        | ECB+ topic number (odd / even)                | score_clusters.py |
| gva            | GVA incident id (even / odd)                  | score_counts.py   |

Half A is the one to fit rules on; half B is the check.  Each half is scored by the same
scorer on a gold file cut down to that half (the dossier is left whole: the scorers score only
the documents their gold names).  Timeline17 is split by topic (bench/timeline17.py --topics),
the developing stories by corpus (fit on two of kazakhstan-2022, beirut-2020, maria-2017,
check on the third).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data"
BENCH = SHARED / "bench"

#: the metrics printed by default for each scorer
DEFAULT_METRICS = {
    "score_quotes.py": ["quotes.recall", "quotes.precision", "quotes.speaker_accuracy", "n.speaker_judged"],
    "score_facts.py": [
        "headline",
        "values.recall",
        "values.precision_judged",
        "traps.avoided",
        "attribution.accuracy",
        "as_of.accuracy",
        "grouping.pair_f1",
        "conflicts.precision",
        "conflicts.recall",
        "updates.recall",
        "best.accuracy",
        "threads.bcubed_f1",
    ],
    "score_clusters.py": ["subtopic.bcubed_f1", "subtopic.bcubed_precision", "subtopic.bcubed_recall"],
    "score_counts.py": [
        "clustering.bcubed_f1",
        "multi.killed_accuracy",
        "multi.injured_accuracy",
        "killed_accuracy",
        "injured_accuracy",
    ],
}


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path: Path, rows: Iterable[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    return path


def parity(keys: Iterable[str]) -> dict[str, str]:
    """Sorted keys alternately to half A and half B."""
    return {k: "AB"[i % 2] for i, k in enumerate(sorted(set(keys)))}


def hashed(key: str) -> str:
    return "AB"[int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2]


def basil_doc_half() -> dict[str, str]:
    labels = read_jsonl(DATA / "basil-dev" / "labels.jsonl")
    event_half = parity(r["topic"] for r in labels)
    return {r["id"]: event_half[r["topic"]] for r in labels}


def split_quotes(
    gold: Path, articles: Path, doc_half: Callable[[str], str], tmp: Path
) -> dict[str, list[str]]:
    quotes, arts = read_jsonl(gold), read_jsonl(articles)
    out = {}
    for h in "AB":
        g = write_jsonl(tmp / f"quotes-{h}.jsonl", (q for q in quotes if doc_half(q["doc"]) == h))
        a = write_jsonl(
            tmp / f"articles-{h}.jsonl", ({"id": x["id"]} for x in arts if doc_half(str(x["id"])) == h)
        )
        out[h] = ["--gold", str(g), "--articles", str(a)]
    out["all"] = ["--gold", str(gold), "--articles", str(articles)]
    return out


def split_labels(labels: Path, half_of: Callable[[dict], str], tmp: Path) -> dict[str, list[str]]:
    rows = read_jsonl(labels)
    out = {}
    for h in "AB":
        out[h] = [
            "--labels",
            str(write_jsonl(tmp / f"labels-{h}.jsonl", (r for r in rows if half_of(r) == h))),
        ]
    out["all"] = ["--labels", str(labels)]
    return out


def split_basil_facts(tmp: Path) -> dict[str, list[str]]:
    path = DATA / "basil-dev" / "facts.json"
    gold = json.loads(path.read_text(encoding="utf-8"))
    event_half = parity(t["event"] for t in gold["threads"])
    out = {}
    for h in "AB":
        threads = [t for t in gold["threads"] if event_half[t["event"]] == h]
        docs = {d for t in threads for d in t["docs"]}
        part = dict(gold)
        part["threads"] = threads
        part["facts"] = [f for f in gold["facts"] if f["values"] and f["values"][0]["doc"] in docs]
        part["traps"] = [t for t in gold["traps"] if t["doc"] in docs]
        p = tmp / f"facts-{h}.json"
        p.write_text(json.dumps(part), encoding="utf-8")
        out[h] = ["--gold", str(p)]
    out["all"] = ["--gold", str(path)]
    return out


def split_gva(tmp: Path) -> dict[str, list[str]]:
    path = DATA / "gva-dev" / "incidents.jsonl"
    rows = read_jsonl(path)
    out = {}
    for h in "AB":
        part = (r for r in rows if "AB"[int(r["incident_id"]) % 2] == h)
        out[h] = ["--gold", str(write_jsonl(tmp / f"gva-{h}.jsonl", part))]
    out["all"] = ["--gold", str(path)]
    return out


def arguments(name: str, tmp: Path) -> tuple[str, dict[str, list[str]]]:
    if name == "basil-quotes":
        half = basil_doc_half()
        d = DATA / "basil-dev"
        return "score_quotes.py", split_quotes(
            d / "quotes.jsonl", d / "articles.jsonl", half.__getitem__, tmp
        )
    if name == "polnear":
        d = DATA / "polnear-dev"
        return "score_quotes.py", split_quotes(d / "quotes.jsonl", d / "articles.jsonl.gz", hashed, tmp)
    if name == "basil-facts":
        return "score_facts.py", split_basil_facts(tmp)
    if name == "basil-stories":
        labels = DATA / "basil-dev" / "labels.jsonl"
        half = parity(r["topic"] for r in read_jsonl(labels))
        return "score_clusters.py", split_labels(labels, lambda r: half[r["topic"]], tmp)
    if name == "ecbplus":
        labels = DATA / "ecbplus-dev" / "labels.jsonl"
        return "score_clusters.py", split_labels(labels, lambda r: "BA"[int(r["topic"]) % 2], tmp)
    if name == "gva":
        return "score_counts.py", split_gva(tmp)
    raise SystemExit(
        f"unknown set {name!r}; one of basil-quotes, basil-facts, basil-stories, polnear, ecbplus, gva"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set")
    ap.add_argument("--dossier", required=True)
    ap.add_argument("--metrics", nargs="*", help="metrics to print (default: the scorer's main ones)")
    ap.add_argument("--json", action="store_true", help="print {half: {metric: value}} as JSON")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="parallax-halves-") as td:
        scorer, args = arguments(a.set, Path(td))
        results = {}
        for h in ("A", "B", "all"):
            cmd = [sys.executable, str(BENCH / scorer), *args[h], "--dossier", a.dossier, "--json"]
            run = subprocess.run(cmd, capture_output=True, text=True, check=True)
            results[h] = json.loads(run.stdout)
    metrics = a.metrics or DEFAULT_METRICS[scorer]
    if scorer == "score_facts.py":
        for r in results.values():
            r.setdefault("headline", _facts_headline(r))
    if a.json:
        print(json.dumps({h: {m: results[h].get(m) for m in metrics} for h in results}, indent=1))
        return 0
    print(f"{a.set}: {a.dossier}   (half A: fit; half B: check)")
    print(f"{'metric':34} {'A':>8} {'B':>8} {'all':>8}")
    for m in metrics:
        print(f"{m:34} " + " ".join(_fmt(results[h].get(m)) for h in ("A", "B", "all")))
    return 0


def _facts_headline(m: dict) -> float | None:
    keys = (
        "values.recall",
        "values.precision_judged",
        "attribution.accuracy",
        "grouping.pair_f1",
        "updates.recall",
        "conflicts.recall",
        "conflicts.precision",
        "best.accuracy",
        "threads.bcubed_f1",
    )
    vals = [m[k] for k in keys if isinstance(m.get(k), (int, float))]
    return sum(vals) / len(vals) if vals else None


def _fmt(v: object) -> str:
    if isinstance(v, float):
        return f"{v:8.3f}"
    return f"{v!s:>8}"


if __name__ == "__main__":
    sys.exit(main())
