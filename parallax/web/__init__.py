"""The web app over a Parallax DuckDB database (``parallax serve``; the server is in
``server.py``, the shared story model in ``views.py``)."""

from __future__ import annotations


def serve(db: str, host: str = "127.0.0.1", port: int = 8765) -> int:
    """Serve the database until interrupted (see parallax.web.server.serve)."""
    from .server import serve as _serve

    return _serve(db, host, port)
