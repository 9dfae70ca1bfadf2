"""Parallax: many news reports of the same events in, one traceable dossier out."""

from __future__ import annotations

#: the version, written here only (pyproject.toml, the CLI, the web app and the user agent read it)
__version__ = "0.1.0"

from .config import Config
from .records import Dossier


def analyze(paths, config: Config | None = None, db=None) -> Dossier:
    """Analyse the articles under `paths` (files or folders) and return the Dossier.

    With `db` (a DuckDB file path) per-document records are kept there, so a later call
    skips what is done and adds new articles to the same corpus."""
    from .pipeline import analyze as _analyze

    return _analyze(paths, config, db=db)


__all__ = ["Config", "Dossier", "__version__", "analyze"]
