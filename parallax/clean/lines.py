"""Text to paragraph lines: newlines unified, each line stripped, blank lines dropped, and
hard-wrapped paragraphs (plain-text files wrapped at a fixed width) joined back into one line.
Characters inside lines are never rewritten."""

from __future__ import annotations

import re

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’')\]]$")


def normalised(text: str) -> str:
    """`text` with its newlines unified and its control characters removed (what every line
    and a title are read from)."""
    return _CONTROL.sub("", _NEWLINES.sub("\n", text))


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of `text`, stripped; wrapped paragraphs unwrapped when the text is hard-wrapped."""
    text = normalised(text)
    blocks = [
        _mend([ln.strip() for ln in block.split("\n") if ln.strip()])
        for block in re.split(r"\n[ \t]*\n", text)
    ]
    blocks = [b for b in blocks if b]
    unwrap = _hard_wrapped(blocks)
    out: list[str] = []
    for block in blocks:
        if unwrap and _wrapped_block(block):
            out.append(" ".join(block))
        else:
            out.extend(block)
    return out


def _mend(block: list[str]) -> list[str]:
    """Lines broken inside a sentence joined again: a line that does not end a sentence
    followed by one that starts in lower case ("people who may have" / "been at the scene")."""
    out: list[str] = []
    for ln in block:
        # only the last character of the line so far is looked at: a line joined from
        # thousands of broken ones must not be scanned again at each join
        if out and ln[0].islower() and not _SENTENCE_END.match(out[-1][-1]) and not out[-1].endswith(","):
            out[-1] = f"{out[-1]} {ln}"
        else:
            out.append(ln)
    return out


def _wrapped_block(block: list[str]) -> bool:
    """A block whose lines (all but the last) are of one width and mostly break mid-sentence."""
    if len(block) < 2:
        return False
    body = block[:-1]
    widths = [len(ln) for ln in body]
    if min(widths) < 35 or max(widths) > 100 or max(widths) - min(widths) > 30:
        return False
    open_ends = sum(1 for ln in body if not _SENTENCE_END.search(ln))
    return open_ends * 2 >= len(body)


def _hard_wrapped(blocks: list[list[str]]) -> bool:
    """True when most multi-line blocks of the text are wrapped paragraphs."""
    multi = [b for b in blocks if len(b) > 1]
    return (
        bool(multi)
        and sum(map(_wrapped_block, multi)) * 2 > len(multi)
        and sum(len(b) for b in multi) * 2 > sum(len(b) for b in blocks)
    )
