"""Inverted indexes (key -> ids, in order of addition) in little memory: most keys (a person's
name, a rare word, a date) hold one id, kept as a bare int; a compact array from the second on."""

from __future__ import annotations

from array import array
from collections.abc import Sequence

#: key -> an id, or an array of ids
Postings = dict[int, "int | array"]
_NONE: tuple[int, ...] = ()


def add(index: Postings, key: int, value: int, once: bool = False) -> None:
    """Append `value` to `key`'s ids (with `once`, not when it is already the last one)."""
    p = index.get(key)
    if p is None:
        index[key] = value
    elif isinstance(p, int):
        if not (once and p == value):
            index[key] = array("i", (p, value))
    elif not (once and p[-1] == value):
        p.append(value)


def get(index: Postings, key: int) -> Sequence[int]:
    """`key`'s ids (empty when none)."""
    p = index.get(key)
    if p is None:
        return _NONE
    return (p,) if isinstance(p, int) else p
