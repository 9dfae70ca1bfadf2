"""The package layout the README describes: data flows one way, and the two views of a dossier
(the report in ``parallax/output``, the web app in ``parallax/web``) share their presentation
through ``parallax/present`` without importing each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "parallax"


def imported(package: str) -> set[str]:
    """The parallax subpackages that the modules of `package` import."""
    out = set()
    for path in (PKG / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module is not None:
                if node.level == 2:
                    out.add(node.module.split(".")[0])
                elif node.level == 0 and node.module.startswith("parallax."):
                    out.add(node.module.split(".")[1])
            elif isinstance(node, ast.ImportFrom) and node.level == 2:
                out.update(a.name for a in node.names)
    return out


@pytest.mark.parametrize(("package", "other"), [("output", "web"), ("web", "output")])
def test_the_two_views_do_not_import_each_other(package, other):
    assert other not in imported(package)
    assert "present" in imported(package)


@pytest.mark.parametrize(
    ("stage", "later"),
    [
        # (ingest may use clean's date finder for a feed entry's date)
        ("ingest", {"nlp", "extract", "link", "output", "web", "present"}),
        ("clean", {"nlp", "extract", "link", "output", "web", "present"}),
        ("extract", {"link", "output", "web", "present"}),
        ("link", {"output", "web", "present"}),
        ("present", {"output", "web"}),
    ],
)
def test_no_stage_imports_a_later_one(stage, later):
    assert not imported(stage) & later
