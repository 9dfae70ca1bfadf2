"""A short bounded load test of ``parallax serve`` (bench/load.py: 8 loopback clients for
5 seconds over a database built from the bundled example, pages, API routes and bad
requests mixed): no response is a server error and no request goes unanswered."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from .conftest import ROOT

#: whole pipeline runs or servers under load: the everyday loop (-m "not slow") skips them
pytestmark = pytest.mark.slow

_spec = importlib.util.spec_from_file_location("parallax_bench_load", ROOT / "bench" / "load.py")
load = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = load
_spec.loader.exec_module(load)


def test_no_server_error_under_bounded_concurrent_load(tmp_path):
    db = load.build_example_db(tmp_path / "out")
    with load.Served(db) as srv:
        res = load.run_load(srv.host, srv.port, clients=8, seconds=5)
    errors = srv.errors()
    print("\n" + res.report())
    assert res.server_errors == 0, errors[-3000:]
    assert not res.failures, (res.failures, errors[-3000:])
    assert "Traceback" not in errors
    assert res.statuses[200] > 0 and res.statuses[400] > 0 and res.statuses[404] > 0 and res.statuses[405] > 0
    assert set(res.statuses) <= {200, 400, 404, 405, 414}
