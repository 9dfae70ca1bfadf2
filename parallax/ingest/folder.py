"""A folder of article files, with an optional ``manifest.csv``
(``file,published[,outlet,url,title]``; any column may be empty) giving per-file metadata.

Only regular files are read (a FIFO would block the run, a dangling link has nothing to read),
and a symbolic link is followed only when it stays inside the folder (a link to
``/etc/passwd`` or to another folder tree is rejected, not read). A reader that fails on a
file does not stop the run: what it read before the failure is kept and the file gets one
Rejected naming the error; a file of which a reader yields nothing at all gets a Rejected too,
so that every file is accounted for."""

from __future__ import annotations

import csv
import io
import logging
import stat
from collections.abc import Iterator
from pathlib import Path

from ..config import Config
from ..records import Article, Rejected
from .common import out_of_space, read_limited
from .decode import UNDECODABLE, decode
from .registry import Meta, Reader, find, suffix_of

MANIFEST = "manifest.csv"

log = logging.getLogger(__name__)


def read_folder(folder: Path, cfg: Config) -> Iterator[Article | Rejected]:
    """Every file of `folder` in name order (hidden files skipped; subfolders are not entered)."""
    manifest: dict[str, tuple[int, Meta]] = {}
    man_path = folder / MANIFEST
    root = folder.resolve()
    if _leaves(man_path, root):
        yield Rejected(str(man_path), None, f"{MANIFEST} not used: {_LEAVES}")
    elif man_path.is_file():
        for item in read_manifest(man_path, cfg):
            if isinstance(item, Rejected):
                yield item
            else:
                manifest = item
    present: set[str] = set()
    try:
        entries = sorted(folder.iterdir())
    except OSError as e:
        yield Rejected(str(folder), None, f"the folder could not be listed: {e.strerror or e}")
        return
    for f in entries:
        if f.name.startswith(".") or f.name == MANIFEST:
            continue
        present.add(f.name)
        if _leaves(f, root):
            yield Rejected(str(f), None, _LEAVES)
            continue
        if f.is_dir():
            yield Rejected(
                str(f),
                None,
                "a folder inside the input folder; subfolders are not read (give it as an input of its own)",
            )
            continue
        yield from read_file(f, str(f), cfg, manifest.get(f.name, (0, {}))[1])
    for name, (line, _) in manifest.items():
        if name not in present:
            yield Rejected(str(man_path), line, f"{MANIFEST} names {name!r}, which is not in the folder")


_LEAVES = "a symbolic link to a place outside the input folder; not followed"


def _leaves(path: Path, root: Path) -> bool:
    """True when `path` is a symbolic link whose target lies outside the folder `root`."""
    if not path.is_symlink():
        return False
    try:
        return not path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a loop of links
        return True


def read_file(
    path: Path, source: str, cfg: Config, meta: Meta, read: Reader | None = None
) -> Iterator[Article | Rejected]:
    """One file through `read`, by default the reader registered for its suffix."""
    kind = _not_regular(path)
    if kind:
        yield Rejected(source, None, f"not read: {kind}, not a regular file")
        return
    read = read or find(path)
    if read is None:
        suffix = suffix_of(path) or "(no extension)"
        yield Rejected(source, None, f"unsupported file type {suffix}")
        return
    n = 0
    try:
        for item in read(path, source, cfg, meta):
            n += 1
            yield item
    except Exception as err:
        if out_of_space(err):
            raise
        yield _failed(source, "error", err, after=n)
        return
    if not n:  # a reader that found nothing at all: the file must not vanish unaccounted
        yield Rejected(source, None, "nothing could be read from the file (no records in it)")


def _failed(source: str, record: str | None, err: Exception, after: int = 0) -> Rejected:
    """The Rejected for a file whose reader raised `err` after yielding `after` items."""
    log.warning("reading %s failed: %r", source, err)
    kept = f" after {after} record{'s' if after != 1 else ''} (kept)" if after else ""
    return Rejected(
        source, record, f"could not be read: the reader failed{kept} ({type(err).__name__}: {str(err)[:200]})"
    )


def _not_regular(path: Path) -> str | None:
    """What `path` is when it is not a regular file that can be opened (None when it is)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a link to nothing" if path.is_symlink() else "gone"
    except OSError as e:
        return f"unreachable ({e.strerror or e})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_manifest(path: Path, cfg: Config) -> Iterator[dict[str, tuple[int, Meta]] | Rejected]:
    """The manifest as {file name: (CSV line number, row)}, preceded by a Rejected for each row
    that cannot be used; a Rejected alone when the manifest itself is unusable."""
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
    rows: dict[str, tuple[int, Meta]] = {}
    try:
        fields = [(h or "").strip().lower() for h in reader.fieldnames or []]
        if "file" not in fields:
            yield Rejected(
                source,
                None,
                f'{MANIFEST} not used: its header has no "file" column '
                "(expected file,published[,outlet,url,title])",
            )
            return
        reader.fieldnames = fields
        yield from _manifest_rows(reader, source, rows)
    except csv.Error as e:  # a field over the csv module's size limit ...
        line = reader.line_num + 1  # the line being read when it failed
        used = "the rows before it are used, the rest of the manifest is not" if rows else "it is not used"
        yield Rejected(source, line, f"{MANIFEST} line {line} could not be read ({e}); {used}")
    yield rows


def _manifest_rows(
    reader: csv.DictReader, source: str, rows: dict[str, tuple[int, Meta]]
) -> Iterator[Rejected]:
    """Fill `rows` from the manifest's rows, yielding a Rejected for each unusable one."""
    for row in reader:
        line = reader.line_num
        name = (row.get("file") or "").strip()
        if not name:
            if any((v or "").strip() for v in row.values() if isinstance(v, str)):
                yield Rejected(source, line, f"{MANIFEST} line {line} has no file name")
            continue
        if name in rows:
            yield Rejected(
                source,
                line,
                f"{MANIFEST} line {line} repeats {name!r}; the row on line {rows[name][0]} is used",
            )
            continue
        rows[name] = (line, {k: v.strip() for k, v in row.items() if k and isinstance(v, str) and v.strip()})
