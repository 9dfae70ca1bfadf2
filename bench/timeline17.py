#!/usr/bin/env python3
"""Run the pipeline on each Timeline17 dev topic (each topic one corpus) and score all the
timelines in one call of score_timeline.py.

    .venv/bin/python bench/timeline17.py [--data /work/shared/data/timeline17-dev]
        [--out /tmp/t17] [--topics haiti MJ ...] [--reuse]

--reuse scores the dossiers already under --out without running the pipeline again.  After the
scorer's figures, the span Date-F1, Date-F1 and span ROUGE-1 of each topic and of the two
halves: A (fit on) = bpoil, H1N1, haiti; B (check) = MJ, IraqWar; each half the mean over its
gold timelines.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

TOPICS = ("bpoil", "H1N1", "haiti", "MJ", "IraqWar")
#: the topics rules are fitted on (half A); the others (half B) check them
FIT = ("bpoil", "H1N1", "haiti")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="/work/shared/data/timeline17-dev")
    ap.add_argument("--scorer", default="/work/shared/bench/score_timeline.py")
    ap.add_argument("--out", default="/tmp/t17")
    ap.add_argument("--topics", nargs="*", default=list(TOPICS))
    ap.add_argument("--reuse", action="store_true", help="score existing dossiers only")
    a = ap.parse_args()
    pairs: list[str] = []
    for topic in a.topics:
        out = Path(a.out) / topic
        if not a.reuse:
            t0 = time.time()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "parallax",
                    "analyze",
                    str(Path(a.data) / topic / "articles.jsonl.gz"),
                    "--out",
                    str(out),
                    "--no-progress",
                ],
                check=True,
            )
            print(f"{topic}: {time.time() - t0:.0f}s", file=sys.stderr)
        pairs += [
            "--timelines",
            str(Path(a.data) / topic / "timelines"),
            "--dossier",
            str(out / "dossier.json"),
        ]
    rc = subprocess.run([sys.executable, a.scorer, *pairs]).returncode
    if rc == 0:
        halves(a.scorer, a.data, pairs)
    return rc


#: the scorer's figures shown per topic and per half
COLUMNS = ("all.span.date_f1", "all.date_f1", "all.span.rouge1_f1")


def _row(name: str, n: int, values: list[float]) -> str:
    return f"{name:<14} {n:>9}  " + "  ".join(
        f"{v:>{len(c) - 4}.3f}" for c, v in zip(COLUMNS, values, strict=True)
    )


def halves(scorer: str, data: str, pairs: list[str]) -> None:
    """Print span Date-F1, Date-F1 and span ROUGE-1 per topic and per half (A: FIT, B: the
    others), each half the mean over its gold timelines."""
    sums: dict[str, list[float]] = {"A": [0.0] * len(COLUMNS), "B": [0.0] * len(COLUMNS)}
    counts = {"A": 0, "B": 0}
    print(f"{'topic':<14} {'timelines':>9}  " + "  ".join(c[4:] for c in COLUMNS))
    for i in range(0, len(pairs), 4):
        timelines, dossier = pairs[i + 1], pairs[i + 3]
        topic = Path(timelines).parent.name
        got = subprocess.run(
            [sys.executable, scorer, "--timelines", timelines, "--dossier", dossier, "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        m = json.loads(got.stdout)
        n = len(list(Path(timelines).glob("*.json")))
        half = "A" if topic in FIT else "B"
        counts[half] += n
        sums[half] = [t + m[c] * n for t, c in zip(sums[half], COLUMNS, strict=True)]
        print(_row(topic, n, [m[c] for c in COLUMNS]))
    for name, total in sums.items():
        if counts[name]:
            print(_row(f"half {name}", counts[name], [t / counts[name] for t in total]))


if __name__ == "__main__":
    sys.exit(main())
