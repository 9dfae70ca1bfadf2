"""The per-document stage gives the same outcomes, in input order, wherever it runs: in
this process, on a real Dask LocalCluster of 2 worker processes or in a pool of 2 real
worker processes (which then clean the articles too), or where ``auto`` puts it."""

from __future__ import annotations

import json
import random

import pytest

import parallax
from parallax.config import Config
from parallax.nlp import engines
from parallax.records import to_dict

from .corpus import article, write_jsonl


def _mixed(path, n: int = 24):
    """`n` composed articles with, in their midst, an input the reader rejects, an
    article too short to keep after cleaning, and an article repeating an earlier id."""
    rng = random.Random(3)
    lines = [article(i, rng) for i in range(n)]
    lines.insert(5, {"id": "no-text", "title": "A record with a title and nothing else"})
    lines.insert(11, {"id": "short", "text": "Two words."})
    lines.insert(17, dict(article(n, rng), id=lines[2]["id"]))
    with open(path, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line) + "\n")
    return path


def _in_input_order(d) -> None:
    """The rejections of `_mixed`'s input, in input order wherever they were made."""
    reasons = [r.reason for r in d.rejected]
    assert len(reasons) == 3
    assert "neither" in reasons[0]  # the reader's
    assert reasons[1].startswith("too short after cleaning")  # made in a worker, still in its place
    assert reasons[2].startswith("duplicate id 'a00002'")  # found once analysed


def _cfg(name: str, **engine) -> Config:
    cfg = Config()
    cfg.progress = False
    cfg.engine.name = name
    for k, v in engine.items():
        setattr(cfg.engine, k, v)
    return cfg


@pytest.mark.slow
def test_dask_local_cluster_matches_local_engine(tmp_path):
    src = _mixed(tmp_path / "c.jsonl")
    a = parallax.analyze([str(src)], _cfg("local"))
    b = parallax.analyze([str(src)], _cfg("dask", workers=2, task_size=4), db=str(tmp_path / "d.duckdb"))
    assert len(b.documents) == 24
    assert to_dict(a) == to_dict(b)
    _in_input_order(b)


@pytest.mark.slow
def test_auto_engine_with_worker_processes_matches_local_engine(tmp_path, monkeypatch):
    """A run large enough for ``auto`` (the bar lowered to this small input) goes to a pool
    of worker processes on a machine with two or more CPUs, and comes out the same."""
    monkeypatch.setattr(engines, "AUTO_MIN_ARTICLES", 8)
    src = _mixed(tmp_path / "c.jsonl")
    a = parallax.analyze([str(src)], _cfg("local"))
    b = parallax.analyze([str(src)], _cfg("auto", workers=2, task_size=4), db=str(tmp_path / "p.duckdb"))
    assert to_dict(a) == to_dict(b)
    _in_input_order(b)


def test_auto_engine_uses_worker_processes_only_for_large_runs_on_several_cpus():
    cfg = _cfg("auto")
    assert engines.auto_workers(engines.AUTO_MIN_ARTICLES - 1, cfg) == 0
    many = engines.auto_workers(engines.AUTO_MIN_ARTICLES, cfg)
    assert many == (engines.cpus() if engines.cpus() >= 2 else 0)
    cfg.engine.workers = 1
    assert engines.auto_workers(10 * engines.AUTO_MIN_ARTICLES, cfg) == 0  # one worker gains nothing
    cfg.engine.workers = 2
    assert engines.auto_workers(engines.AUTO_MIN_ARTICLES, cfg) == (2 if engines.cpus() >= 2 else 0)


def test_auto_engine_on_a_small_run_matches_local_engine(tmp_path):
    src = write_jsonl(tmp_path / "c.jsonl", 6)
    a = parallax.analyze([str(src)], _cfg("local"))
    b = parallax.analyze([str(src)], _cfg("auto"))
    assert len(b.documents) == 6
    assert to_dict(a) == to_dict(b)


def test_unknown_engine_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        parallax.analyze([str(write_jsonl(tmp_path / "c.jsonl", 1))], _cfg("spark"))
