#!/usr/bin/env python3
"""A bounded load test of ``parallax serve`` from loopback clients.

    .venv/bin/python bench/load.py [--clients 20] [--seconds 30] [--db out/parallax.duckdb]

Builds a database from the bundled example (examples/kazakhstan-2022) unless ``--db``
names one, starts ``parallax serve DB --port 0`` on 127.0.0.1, and runs N concurrent
clients (one keep-alive connection each) for T seconds over a mix of pages and API
routes: the stories list, stories, entities, documents with highlights, searches,
static files, the OpenAPI schema, HEAD and POST requests, and bad requests (malformed,
out-of-range, repeated and unknown parameters, path traversal, control characters,
over-long values, invalid UTF-8).  Prints the number of requests, the count of each
status, and p50/p95/p99 latency; exits 1 when any response is a 5xx or a request fails.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kazakhstan-2022"

#: requests that must be refused (4xx), whatever the database holds.
BAD = [
    "/?limit=0",
    "/?limit=99999",
    "/?offset=-1",
    "/?from=2023-02-30",
    "/?to=tomorrow",
    "/?q=a&q=b",
    "/?bogus=1",
    "/search",
    "/search?q=" + "x" * 400,
    "/search?q=%00",
    "/search?q=%ff%fe",
    "/api/search",
    "/api/search?q=a&limit=abc",
    "/documents/%ff",
    "/documents/" + "x" * 400,
    "/documents/nope?start=0&end=1",
    "/static/../server.py",
    "/static/%2e%2e%2fserver.py",
    "/static/..%2f..%2fetc%2fpasswd",
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/stories/nope",
    "/api/stories/nope",
    "/stories/x/entities/y",
    "/nowhere",
    "/api/nowhere",
    "/search?q=a%0d%0aSet-Cookie:%20x=1",
    "/documents/a%00b",
    "/?limit=1e3",
    "/search?q=a&limit=-5",
    "*",
    "http://127.0.0.1/stories/x",
    "/search?q=" + "%41" * 3000,
    "/?" + "&".join(f"a{i}=1" for i in range(200)),
    "/documents/%2e%2e",
    "/static/",
    "/static/parallax.css/x",
    "/api/openapi.json?x=1",
]


@dataclass
class Result:
    """What the clients saw."""

    statuses: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    failures: Counter = field(default_factory=Counter)  # requests with no response (by error)
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return sum(self.statuses.values()) + sum(self.failures.values())

    @property
    def server_errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s >= 500)

    def percentile(self, p: float) -> float:
        """The `p`-th percentile latency in milliseconds (nearest rank)."""
        if not self.latencies:
            return 0.0
        xs = sorted(self.latencies)
        return 1000 * xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs)) - 1))]

    def report(self) -> str:
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(self.statuses.items()))
        lines = [
            f"requests  {self.requests} in {self.seconds:.1f} s ({self.requests / max(self.seconds, 1e-9):.0f}/s)",
            f"statuses  {statuses}",
            f"5xx       {self.server_errors}",
            f"failed    {sum(self.failures.values())}"
            + (f" ({dict(self.failures)})" if self.failures else ""),
            f"latency   p50 {self.percentile(50):.1f} ms, p95 {self.percentile(95):.1f} ms, "
            f"p99 {self.percentile(99):.1f} ms, max {max(self.latencies, default=0) * 1000:.1f} ms",
        ]
        return "\n".join(lines)


def targets(host: str, port: int) -> list[tuple[str, str]]:
    """(method, path) of the mix: every page kind for the database's own ids, and the bad requests."""
    con = http.client.HTTPConnection(host, port, timeout=30)
    try:
        con.request("GET", "/api/stories?limit=20")
        stories = json.loads(con.getresponse().read())["stories"]
        good = [
            "/",
            "/api/stories",
            "/?limit=5&offset=1",
            "/api/openapi.json",
            "/api",
            "/static/parallax.css",
            "/search?q=police",
            "/api/search?q=the",
            "/search?q=a&limit=3&from=2020-01-01",
        ]
        for s in stories[:10]:
            sid = quote(s["id"], safe="")
            good += [f"/stories/{sid}", f"/api/stories/{sid}"]
            con.request("GET", f"/api/stories/{sid}")
            detail = json.loads(con.getresponse().read())
            for e in detail["story"]["entities"][:5]:
                good.append(f"/stories/{sid}/entities/{quote(e['id'], safe='')}")
                good.append(f"/search?q={quote(e['name'][:50])}")
            for d in detail["documents"][:5]:
                did = quote(d["id"], safe="")
                good += [
                    f"/documents/{did}",
                    f"/api/documents/{did}",
                    f"/documents/{did}?start=0&end=20",
                    f"/documents/{did}?start=5&end=3",
                    f"/documents/{did}?start=0&end=99999999",
                ]
    finally:
        con.close()
    mix = (
        [("GET", p) for p in good] * 3
        + [("GET", p) for p in BAD]
        + [("HEAD", "/"), ("POST", "/"), ("DELETE", "/api/stories")]
    )
    return mix


def run_load(host: str, port: int, clients: int, seconds: float, seed: int = 1) -> Result:
    """`clients` threads, each on its own keep-alive connection, requesting the mix for `seconds`."""
    mix = targets(host, port)
    result = Result()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(k: int) -> None:
        rng = random.Random(seed * 1000 + k)
        con: http.client.HTTPConnection | None = None
        statuses: Counter = Counter()
        latencies: list[float] = []
        failures: Counter = Counter()
        while time.monotonic() < deadline:
            method, path = rng.choice(mix)
            if con is None:
                con = http.client.HTTPConnection(host, port, timeout=30)
            t0 = time.perf_counter()
            try:
                con.request(method, path)
                resp = con.getresponse()
                resp.read()
                latencies.append(time.perf_counter() - t0)
                statuses[resp.status] += 1
                if resp.will_close:
                    con.close()
                    con = None
            except (OSError, http.client.HTTPException) as e:
                failures[type(e).__name__] += 1
                con.close()
                con = None
        if con is not None:
            con.close()
        with lock:
            result.statuses.update(statuses)
            result.latencies.extend(latencies)
            result.failures.update(failures)

    t0 = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.monotonic() - t0
    return result


def build_example_db(out: Path) -> Path:
    """The bundled example analysed into `out`; its database's path."""
    cmd = [sys.executable, "-m", "parallax", "analyze", str(EXAMPLE), "--out", str(out), "--no-progress"]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    return out / "parallax.duckdb"


class Served:
    """`parallax serve DB --port 0` in a subprocess, on 127.0.0.1; stopped on exit."""

    def __init__(self, db: Path) -> None:
        # the server logs every request to stderr: a file, not a pipe nobody reads (which,
        # once full, would block the server's threads)
        self.log = tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace")  # noqa: SIM115 (read after the server stops)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "parallax", "serve", str(db), "--port", "0"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            self.proc.wait()
            raise RuntimeError(f"parallax serve did not start: {line}{self.errors()}")
        self.host, self.port = "127.0.0.1", int(m.group(1))

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def errors(self) -> str:
        """What the server wrote to stderr (its request log, and the traceback of any 5xx)."""
        self.log.seek(0)
        return self.log.read()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--db", help="serve this database (default: build one from the bundled example)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="parallax-load-") as td:
        db = Path(a.db) if a.db else build_example_db(Path(td) / "out")
        with Served(db) as srv:
            print(
                f"parallax serve on {srv.host}:{srv.port}; {a.clients} clients for {a.seconds:g} s",
                flush=True,
            )
            res = run_load(srv.host, srv.port, a.clients, a.seconds, a.seed)
        print(res.report())
    return 1 if res.server_errors or res.failures else 0


if __name__ == "__main__":
    sys.exit(main())
