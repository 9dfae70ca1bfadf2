"""Ingest: paths in, Article or Rejected records out (minimal version; readers per form)."""
from __future__ import annotations

import csv
import gzip
import json
import os
from pathlib import Path
from typing import Iterator

from ..config import Config
from ..records import Article, Rejected


def read(paths: list[str], cfg: Config) -> Iterator[Article | Rejected]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from _folder(path, cfg)
        elif path.name.endswith((".jsonl", ".jsonl.gz")):
            yield from _jsonl(path, cfg)
        elif path.exists():
            yield from _file(path, p, {})
        else:
            yield Rejected(str(p), None, "no such file or folder")


def _folder(path: Path, cfg: Config) -> Iterator[Article | Rejected]:
    meta: dict[str, dict] = {}
    man = path / "manifest.csv"
    if man.exists():
        with open(man, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                meta[row.get("file", "")] = row
    for f in sorted(path.iterdir()):
        if f.name == "manifest.csv" or f.name.startswith("."):
            continue
        yield from _file(f, str(f), meta.get(f.name, {}))


def _file(f: Path, source: str, meta: dict) -> Iterator[Article | Rejected]:
    raw = f.read_bytes().decode("utf-8", errors="replace")
    art = Article(id=f.name, source=source, published=meta.get("published") or None,
                  outlet=meta.get("outlet") or None, url=meta.get("url") or None, title=meta.get("title") or None)
    if f.suffix in (".html", ".htm"):
        art.html = raw
    else:
        art.text = raw
    yield art


def _jsonl(path: Path, cfg: Config) -> Iterator[Article | Rejected]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            o = json.loads(line)
            yield Article(id=str(o["id"]), source=str(path), record=n, text=o.get("text"), html=o.get("html"),
                          title=o.get("title"), published=o.get("published"), outlet=o.get("outlet"), url=o.get("url"))
