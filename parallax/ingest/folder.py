"""A folder of article files, with an optional ``manifest.csv``
(``file,published[,outlet,url,title]``; any column may be empty) giving per-file metadata."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator

from ..config import Config
from ..records import Article, Rejected
from .common import read_limited
from .decode import UNDECODABLE, decode
from .registry import Meta, find, suffix_of

MANIFEST = "manifest.csv"


def read_folder(folder: Path, cfg: Config) -> Iterator[Article | Rejected]:
    """Every file of `folder` in name order (hidden files skipped; subfolders are not entered)."""
    manifest: dict[str, tuple[int, Meta]] = {}
    man_path = folder / MANIFEST
    if man_path.is_file():
        for item in read_manifest(man_path, cfg):
            if isinstance(item, Rejected):
                yield item
            else:
                manifest = item
    present: set[str] = set()
    for f in sorted(folder.iterdir()):
        if f.name.startswith(".") or f.name == MANIFEST:
            continue
        present.add(f.name)
        if f.is_dir():
            yield Rejected(str(f), None, "a folder inside the input folder; subfolders are not read "
                           "(give it as an input of its own)")
            continue
        yield from read_file(f, str(f), cfg, manifest.get(f.name, (0, {}))[1])
    for name, (line, _) in manifest.items():
        if name not in present:
            yield Rejected(str(man_path), line,
                           f"{MANIFEST} names {name!r}, which is not in the folder")


def read_file(path: Path, source: str, cfg: Config, meta: Meta) -> Iterator[Article | Rejected]:
    """One file through the reader registered for its suffix."""
    read = find(path)
    if read is None:
        suffix = suffix_of(path) or "(no extension)"
        yield Rejected(source, None, f"unsupported file type {suffix}")
        return
    yield from read(path, source, cfg, meta)


def read_manifest(path: Path, cfg: Config) -> Iterator[dict[str, tuple[int, Meta]] | Rejected]:
    """The manifest as {file name: (CSV line number, row)}, preceded by a Rejected for each row that cannot be used; a Rejected alone when the
    manifest itself is unusable."""
    source = str(path)
    data = read_limited(path, source, cfg)
    if isinstance(data, Rejected):
        data.reason = f"{MANIFEST} not used: {data.reason}"
        yield data
        return
    text = decode(data)
    if text is None:
        yield Rejected(source, None, f"{MANIFEST} not used: {UNDECODABLE}")
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = [(h or "").strip().lower() for h in reader.fieldnames or []]
    if "file" not in fields:
        yield Rejected(source, None, f"{MANIFEST} not used: its header has no \"file\" column "
                       "(expected file,published[,outlet,url,title])")
        return
    reader.fieldnames = fields
    rows: dict[str, tuple[int, Meta]] = {}
    for row in reader:
        line = reader.line_num
        name = (row.get("file") or "").strip()
        if not name:
            if any((v or "").strip() for v in row.values() if isinstance(v, str)):
                yield Rejected(source, line, f"{MANIFEST} line {line} has no file name")
            continue
        if name in rows:
            yield Rejected(source, line, f"{MANIFEST} line {line} repeats {name!r}; "
                           f"the row on line {rows[name][0]} is used")
            continue
        rows[name] = (line, {k: v.strip() for k, v in row.items() if k and isinstance(v, str) and v.strip()})
    yield rows
