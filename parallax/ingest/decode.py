"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, else a declared or
detected single-byte or legacy encoding (charset-normalizer); binary data is refused."""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

#: share of control characters above which decoded data is taken for binary.
_MAX_CONTROL_SHARE = 0.01

UNDECODABLE = "not UTF-8 or any detectable encoding (binary data?)"


def decode(data: bytes, html: bool = False, declared: str | None = None) -> str | None:
    """`data` as text, or None when it is binary or in no detectable encoding.

    A `declared` charset (an HTTP Content-Type's) is tried when the data is not UTF-8, and
    with ``html=True`` a ``<meta charset>`` declaration after it; then detection.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _plausible(data.decode(encoding))
            except UnicodeDecodeError:
                break
    try:
        return _plausible(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return _plausible(data.decode(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                return _plausible(data.decode(m.group(1).decode("ascii")))
            except (LookupError, UnicodeDecodeError):
                pass
    if b"\x00" in data[:8192]:
        return None  # NUL bytes without a UTF-16/32 BOM: binary
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return _plausible(str(best)) if best is not None else None


def _plausible(text: str) -> str | None:
    """`text`, unless so many of its characters are control characters that it is binary."""
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        return None
    return text
