"""Parallax: many news reports of the same events in, one traceable dossier out."""
from __future__ import annotations

__version__ = "0.1.0"

from .config import Config  # noqa: E402
from .records import Dossier  # noqa: E402


def analyze(paths, config: Config | None = None) -> Dossier:
    """Analyse the articles under `paths` (files or folders) and return the Dossier."""
    from .pipeline import analyze as _analyze

    return _analyze(paths, config)


__all__ = ["analyze", "Config", "Dossier", "__version__"]
