"""The per-document stage on a real Dask LocalCluster of 2 worker processes gives the
same dossier as the in-process engine."""
from __future__ import annotations

import parallax
from parallax.config import Config
from parallax.records import to_dict

from .corpus import write_jsonl


def test_dask_local_cluster_matches_local_engine(tmp_path):
    src = write_jsonl(tmp_path / "c.jsonl", 24)
    local = Config()
    local.progress = False
    dask = Config()
    dask.progress = False
    dask.engine.name, dask.engine.workers, dask.engine.task_size = "dask", 2, 4
    a = parallax.analyze([str(src)], local)
    b = parallax.analyze([str(src)], dask, db=str(tmp_path / "d.duckdb"))
    assert len(b.documents) == 24
    assert to_dict(a) == to_dict(b)


def test_unknown_engine_is_a_clear_error(tmp_path):
    import pytest

    cfg = Config()
    cfg.engine.name = "spark"
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        parallax.analyze([str(write_jsonl(tmp_path / "c.jsonl", 1))], cfg)
