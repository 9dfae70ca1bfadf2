#!/usr/bin/env python3
"""Body-text extraction on the Zyte article-extraction benchmark.

    .venv/bin/python bench/extraction.py [--data ../shared/data/zyte-extraction] [--out /tmp/extraction.json]

Reads the benchmark's pages (``articles.jsonl.gz``: id, html, url) with our ingest, cleans
each with ``parallax.clean`` as an analysis run does (trafilatura, boilerplate lines,
metadata), writes the clean texts as a dossier (``documents[].id``/``text``; pages that
were rejected are listed under ``rejected`` and score as empty), then runs the benchmark's
scorer (``shared/bench/score_extraction.py``) on it and prints its figures, preceded by the
rejections and the time taken.

The benchmark has pages in other languages (18 of 181), so extraction is measured with
every language accepted (``limits.languages = []``); the pages the default language check
(``limits.languages = ["en"]``) would refuse are counted and listed.  ``--languages en``
measures with the check on (refused pages then score as empty).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
DEFAULT_DATA = SHARED / "data" / "zyte-extraction"
SCORER = SHARED / "bench" / "score_extraction.py"


def predict(articles: Path, languages: list[str]) -> dict:
    """The dossier-shaped predictions for every page of `articles`, accepting `languages`."""
    from parallax.clean import clean
    from parallax.config import Config
    from parallax.ingest import read
    from parallax.records import Rejected, to_dict

    cfg = Config()
    cfg.limits.languages = languages
    documents, rejected = [], []
    for item in read([str(articles)], cfg):
        res = item if isinstance(item, Rejected) else clean(item, cfg)
        (rejected if isinstance(res, Rejected) else documents).append(to_dict(res))
    return {"documents": documents, "stories": [], "rejected": rejected}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="the benchmark folder (articles.jsonl.gz, gold.jsonl)"
    )
    ap.add_argument(
        "--out", type=Path, default=Path("/tmp/parallax-extraction.json"), help="where the predictions go"
    )
    ap.add_argument("--languages", default="", help="accepted languages, comma-separated (default: all)")
    a = ap.parse_args(argv)
    languages = [x.strip() for x in a.languages.split(",") if x.strip()]
    start = time.perf_counter()
    dossier = predict(a.data / "articles.jsonl.gz", languages)
    secs = time.perf_counter() - start
    a.out.write_text(json.dumps(dossier), encoding="utf-8")
    n = len(dossier["documents"])
    print(
        f"pages cleaned: {n} documents, {len(dossier['rejected'])} rejected, {secs:.1f} s "
        f"({secs / max(1, n + len(dossier['rejected'])) * 1000:.0f} ms a page)"
    )
    for r in dossier["rejected"]:
        print(f"  rejected {r['record']}: {r['reason']}")
    if not languages:
        from parallax.clean.language import rejection

        refused = [(d["url"], why) for d in dossier["documents"] if (why := rejection(d["text"], ["en"]))]
        print(
            f"the default language check (limits.languages = ['en']) would refuse {len(refused)} of these pages:"
        )
        for url, why in refused:
            print(f"  {why}: {url}")
    print(f"predictions: {a.out}", flush=True)
    return subprocess.call(
        [sys.executable, str(SCORER), "--gold", str(a.data / "gold.jsonl"), "--dossier", str(a.out)]
    )


if __name__ == "__main__":
    sys.exit(main())
