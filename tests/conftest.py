"""Shared fixtures: the real spaCy pipeline (loaded once) and a helper that runs the
real per-document stage on a composed text."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.extract import process
from parallax.nlp import load
from parallax.records import DocRecord, Document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kazakhstan-2022"


@pytest.fixture(scope="session")
def nlp():
    return load(None)


@pytest.fixture(scope="session")
def make_record(nlp):
    """make_record(text, published="2024-03-08", doc_id="d1", outlet=None) -> DocRecord."""

    def make(
        text: str,
        published: str | None = "2024-03-08",
        doc_id: str = "d1",
        outlet: str | None = None,
        title: str | None = None,
    ) -> DocRecord:
        doc = Document(
            id=doc_id, source=doc_id, outlet=outlet, published=published, title=title, authors=[], text=text
        )
        return process(nlp(text), doc)

    return make


def pytest_collection_modifyitems(items):
    """A test that drives a real browser is slow as well: the everyday loop (-m "not slow")
    leaves it to the full run and CI."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
