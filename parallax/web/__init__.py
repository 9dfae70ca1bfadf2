"""The web app over a Parallax DuckDB database (stub)."""
from __future__ import annotations


def serve(db: str, host: str = "127.0.0.1", port: int = 8765) -> int:
    raise NotImplementedError("parallax serve is not built yet")
