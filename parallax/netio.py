"""Reading a socket against one deadline.

A socket timeout bounds each ``recv`` only: a peer that trickles one byte a second keeps a
line-by-line reader (``http.client`` reading a status line and headers, the web server
reading a request) alive for as long as it likes.  :class:`DeadlineReader` is a raw stream
whose every read is given only the time left before one deadline for the whole exchange,
so the exchange as a whole ends on time whatever the peer does.
"""

from __future__ import annotations

import io
import socket
import time
from collections.abc import Callable


class DeadlineReader(io.RawIOBase):
    """A raw, readable stream over `sock` whose reads fail with TimeoutError once
    `deadline` (a ``time.monotonic()`` value; None: no deadline) has passed.  ``eof``
    tells whether the peer has closed its side (a read returned nothing)."""

    def __init__(
        self, sock: socket.socket, deadline: float | None = None, on_close: Callable[[], None] | None = None
    ) -> None:
        super().__init__()
        self.sock = sock
        self.deadline = deadline
        self.eof = False
        self._on_close = on_close

    def close(self) -> None:
        if not self.closed and self._on_close is not None:
            self._on_close()
        super().close()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        set_timeout(self.sock, self.deadline)
        n = self.sock.recv_into(buffer)
        if n == 0:
            self.eof = True
        return n


def left(deadline: float | None) -> float | None:
    """Seconds left before `deadline` (None: no deadline); TimeoutError when none are left."""
    if deadline is None:
        return None
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("the deadline has passed")
    return remaining


def set_timeout(sock: socket.socket, deadline: float | None) -> None:
    """Give `sock`'s next operation only the time left before `deadline`."""
    if deadline is not None:
        sock.settimeout(left(deadline))


class DeadlineSocket:
    """The parts of a socket ``http.client`` uses, each bounded by one deadline.  As with a
    socket, closing it while a file made from it is open closes the connection only when
    that file is closed too (``http.client`` closes the connection of a response it is
    still to read)."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self.sock = sock
        self.deadline = deadline
        self._files = 0
        self._closed = False

    def makefile(self, mode: str = "rb", *args: object, **kwargs: object) -> io.BufferedReader:
        if "w" in mode:
            raise ValueError("a DeadlineSocket is read through its file and written with sendall")
        self._files += 1
        return io.BufferedReader(DeadlineReader(self.sock, self.deadline, on_close=self._file_closed))

    def _file_closed(self) -> None:
        self._files -= 1
        if self._closed and not self._files:
            self.sock.close()

    def sendall(self, data: bytes) -> None:
        set_timeout(self.sock, self.deadline)
        self.sock.sendall(data)

    def close(self) -> None:
        self._closed = True
        if not self._files:
            self.sock.close()
