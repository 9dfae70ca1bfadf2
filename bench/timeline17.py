#!/usr/bin/env python3
"""Run the pipeline on each Timeline17 dev topic (each topic one corpus) and score all the
timelines in one call of score_timeline.py.

    .venv/bin/python bench/timeline17.py [--data /work/shared/data/timeline17-dev]
        [--out /tmp/t17] [--topics haiti MJ ...] [--reuse]

--reuse scores the dossiers already under --out without running the pipeline again.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

TOPICS = ("bpoil", "H1N1", "haiti", "MJ", "IraqWar")


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
    return subprocess.run([sys.executable, a.scorer, *pairs]).returncode


if __name__ == "__main__":
    sys.exit(main())
