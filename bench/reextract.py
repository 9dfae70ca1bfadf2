#!/usr/bin/env python3
"""Re-run the per-document extraction and the linking on documents parsed once: a development
loop for rules in ``parallax/extract`` (dates, mentions, ...) without parsing again.

    .venv/bin/python bench/reextract.py --records RUN_DIR --cache PARSE.spacy --out OUT_DIR
        [--components mentions dates quotes claims]

RUN_DIR is the ``--out`` folder of an earlier ``parallax analyze`` run (its
``parallax-records/`` give the clean documents).  The first call parses their texts and keeps
the parses in PARSE.spacy (a spaCy DocBin); later calls read them back.  Each call runs the
named components (default: all, in their order) with the current code, clusters and links the
records with the current code, and writes OUT_DIR/dossier.json.  The parse is that of the
pipeline's model, so the dossier is the one ``parallax analyze --fresh`` would write on the
same documents (the clean stage is not re-run: its code must be unchanged).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parallax import link
from parallax.config import Config
from parallax.extract import DEFAULT_ORDER, process
from parallax.nlp import load
from parallax.output import dossier as dossier_out
from parallax.records import DocRecord, Dossier
from parallax.store import record_from_dict


def stored_records(run_dir: Path) -> list[DocRecord]:
    segments = sorted((run_dir / "parallax-records").glob("*.jsonl.gz"))
    if not segments:
        raise SystemExit(f"{run_dir}: no parallax-records/*.jsonl.gz (not the --out of a run)")
    out = []
    for seg in segments:
        with gzip.open(seg, "rt", encoding="utf-8", errors="surrogatepass") as fh:
            out += [record_from_dict(json.loads(line)["record"]) for line in fh]
    return out


def parses(records: list[DocRecord], cache: Path, model: str | None):
    from spacy.tokens import DocBin

    nlp = load(model)
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(records) and all(
            d.text == r.document.text for d, r in zip(docs, records, strict=True)
        ):
            return docs
        print(f"{cache}: not the parses of these documents; parsing again", file=sys.stderr)
    t0 = time.time()
    docs = list(nlp.pipe((r.document.text for r in records), batch_size=32))
    bin_ = DocBin(store_user_data=False)
    for d in docs:
        bin_.add(d)
    cache.parent.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(cache)
    print(f"parsed {len(docs)} documents in {time.time() - t0:.0f}s -> {cache}", file=sys.stderr)
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", required=True, type=Path, help="the --out folder of an earlier run")
    ap.add_argument("--cache", required=True, type=Path, help="DocBin file of the parses (made once)")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--components", nargs="*", default=list(DEFAULT_ORDER))
    a = ap.parse_args()
    cfg = Config()
    records = stored_records(a.records)
    docs = parses(records, a.cache, cfg.nlp.model)
    t0 = time.time()
    fresh = []
    for rec, sdoc in zip(records, docs, strict=True):
        new = process(sdoc, rec.document, [n for n in DEFAULT_ORDER if n in a.components])
        for name in ("mentions", "dates", "quotes", "claims"):
            if name not in a.components:
                setattr(new, name, getattr(rec, name))
        if "quotes" not in a.components:
            new.framing = rec.framing
        if "mentions" not in a.components:
            new.terms = rec.terms
        fresh.append(new)
    t1 = time.time()
    stories = link.link(fresh, cfg)
    dossier = Dossier(documents=[r.document for r in fresh], stories=stories, rejected=[])
    a.out.mkdir(parents=True, exist_ok=True)
    dossier_out.write(dossier, a.out / "dossier.json")
    print(
        f"{len(fresh)} documents: extraction {t1 - t0:.0f}s, linking {time.time() - t1:.0f}s -> "
        f"{a.out / 'dossier.json'}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
