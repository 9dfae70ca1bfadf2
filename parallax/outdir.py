"""The output folder of a run (``--out DIR``): its lock, starting over, and writing the three
outputs so that they always describe the same run.

The lock.  ``DIR/.parallax.lock`` is locked (``flock``) for as long as a command works on
the folder: ``parallax analyze`` holds it exclusively for the whole run (reading the store,
``--fresh`` included, until the last output is in place), ``parallax serve`` of a database
in the folder holds it shared while it serves.  A command that cannot have it stops at once
with a message naming the holder (pid and command line, which each holder writes into the
lock file).  The lock is re-entrant within one process, and dies with its process (a killed
run leaves no stale lock).

The outputs.  ``dossier.json`` and ``report.html`` are written whole under temporary names
(``*.next``) first; then the database's dossier tables are replaced in one transaction that
also notes that the ``*.next`` files belong to it; then the two files are renamed into place
and the note is cleared.  A run killed before that transaction leaves the three earlier
outputs (its ``*.next`` files are removed by the next command to take the lock); one killed
after it leaves the new tables and the new files waiting, which the next command to take
the lock renames into place.  A full disk at any point leaves no half-written file.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .records import Dossier

DATABASE = "parallax.duckdb"
DOSSIER = "dossier.json"
REPORT = "report.html"
LOCK = ".parallax.lock"
#: suffix of an output written whole, waiting to replace the one in place.
NEXT = ".next"
#: the store_meta key noting that the ``*.next`` files belong to the committed tables.
PENDING = "outputs_pending"

try:
    import fcntl
except ImportError:  # not on POSIX: runs are not locked
    fcntl = None  # type: ignore[assignment]


class Busy(RuntimeError):
    """The output folder is locked by another process (the message names it)."""


@dataclass
class _Held:
    fd: int
    shared: bool
    count: int = 1


_HELD: dict[str, _Held] = {}
_GUARD = threading.Lock()


def command_line() -> str:
    """This process's command line as a person would type it (one line, at most 300 characters)."""
    args = list(sys.argv)
    first = os.path.basename(args[0]) if args else "python"
    if first in ("__main__.py", "parallax", "-c", ""):
        first = "parallax" if first != "-c" else "python -c ..."
    text = " ".join([first, *args[1:]])
    return re.sub(r"[\x00-\x1f\x7f]", " ", text)[:300]


@contextlib.contextmanager
def locked(folder: str | Path, shared: bool = False) -> Iterator[None]:
    """Hold the lock of `folder` (exclusive, or `shared` with other readers) inside the
    block.  Raises Busy when another process holds it in a way that excludes this one, and
    OSError when the lock file cannot be made (an exclusive lock needs a writable folder;
    a shared one on a folder that cannot be written is taken on the lock file as it is, or
    not at all when there is none)."""
    key = os.path.realpath(folder)
    with _GUARD:
        held = _HELD.get(key)
        if held is not None:
            if held.shared and not shared:
                raise Busy(f"{folder} is being served by this process; it cannot also be written")
            held.count += 1
        else:
            held = _acquire(Path(key), str(folder), shared)
            if held is not None:
                _HELD[key] = held
    try:
        yield
    finally:
        if held is not None:
            with _GUARD:
                held.count -= 1
                if held.count == 0:
                    del _HELD[key]
                    if not held.shared:
                        with contextlib.suppress(OSError):
                            os.ftruncate(held.fd, 0)  # no holder named any more
                    os.close(held.fd)  # releases the lock


def _acquire(path: Path, shown: str, shared: bool) -> _Held | None:
    if fcntl is None:
        return None
    lock_file = path / LOCK
    try:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError:
        if not shared:
            raise
        try:  # a folder that cannot be written: a reader still honours an existing lock
            fd = os.open(lock_file, os.O_RDONLY)
        except OSError:
            return None
    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except BlockingIOError:
        holders = _holders(fd)
        os.close(fd)
        doing = "written" if shared else "used"
        raise Busy(
            f"{shown} is being {doing} by {holders}; wait until it ends (or stop it), "
            "or choose another output folder"
        ) from None
    except BaseException:
        os.close(fd)
        raise
    line = f"{os.getpid()}\t{command_line()}\n".encode("utf-8", "replace")
    with contextlib.suppress(OSError):  # naming the holder is a courtesy; the lock is what counts
        if not shared:
            os.ftruncate(fd, 0)
        os.write(fd, line)
    return _Held(fd, shared)


def _holders(fd: int) -> str:
    """The live processes the lock file names ("pid 12 (parallax serve out/parallax.duckdb)")."""
    try:
        data = os.pread(fd, 64 * 1024, 0).decode("utf-8", "replace")
    except OSError:
        data = ""
    found = []
    for line in data.splitlines():
        pid, _, command = line.partition("\t")
        if pid.isdigit() and _alive(int(pid)) and int(pid) != os.getpid():
            found.append(f"pid {pid} ({command.strip() or 'parallax'})")
    return ", ".join(dict.fromkeys(found)) or "another process"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# ---------------------------------------------------------------------------- outputs


def finish_pending(folder: Path) -> None:
    """Bring the outputs of `folder` into agreement after a run that was stopped while
    writing them: ``*.next`` files the database's tables were committed with are renamed
    into place, any others (and temporary files) removed.  Call with the lock held."""
    from . import store

    db = folder / DATABASE
    if db.exists() and store.read_meta(db, PENDING) == "pending":
        _put_in_place(folder)
    for name in (DOSSIER, REPORT):
        for leftover in (name + NEXT, name + NEXT + ".tmp", name + ".tmp"):
            (folder / leftover).unlink(missing_ok=True)


def _put_in_place(folder: Path) -> None:
    """Rename the waiting ``*.next`` files over the outputs, then clear the database's note."""
    from . import store

    for name in (DOSSIER, REPORT):
        waiting = folder / (name + NEXT)
        if waiting.exists():
            os.replace(waiting, folder / name)
    store.sync_folder(folder)
    store.write_meta(folder / DATABASE, PENDING, None)


def write_outputs(dossier: Dossier, folder: Path, stats: dict[str, Any]) -> None:
    """Write the database's dossier tables, ``dossier.json`` and ``report.html`` of `folder`
    so that they describe the same run whatever happens meanwhile (see the module's doc).
    Call with the lock held."""
    from . import store
    from .output import database, report
    from .output import dossier as dossier_out

    try:
        dossier_out.write(dossier, folder / (DOSSIER + NEXT))
        report.write(dossier, folder / (REPORT + NEXT), stats)
        for name in (DOSSIER, REPORT):
            store.sync_file(folder / (name + NEXT))
        database.write(
            dossier, folder / DATABASE, before_commit=lambda con: store.set_meta(con, PENDING, "pending")
        )
    except BaseException:
        with contextlib.suppress(Exception):  # committed after all (a checkpoint failed): in place
            finish_pending(folder)
        raise
    _put_in_place(folder)


def start_over(folder: Path) -> None:
    """``--fresh``: forget every input the folder's store has done, so that the run
    analyses everything again.  The outputs in place stay until the run replaces them all
    together; a database that cannot be opened at all is removed with the outputs.
    Call with the lock held."""
    import duckdb

    from . import store

    db = folder / DATABASE
    if not db.exists():
        return
    try:
        store.forget_all(db)
    except duckdb.Error:
        for name in (DATABASE, DATABASE + ".wal", DOSSIER, REPORT):
            (folder / name).unlink(missing_ok=True)
