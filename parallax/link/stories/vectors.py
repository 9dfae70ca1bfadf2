"""Sparse vectors, date spans and candidate pairs: each document against the documents of
its publication window only, through sparse products over date-sorted blocks (never the
full square of a large dated collection)."""

from __future__ import annotations

import heapq
import math

import numpy as np
import scipy.sparse as sp

Vec = dict[int, float]
Span = tuple[int | None, int | None]

#: below this many documents, candidate pairs are compared one by one (no sparse product).
SMALL = 48


def dot(a: Vec, b: Vec) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def unit(v: Vec) -> Vec:
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}


def add_into(acc: Vec, v: Vec) -> Vec:
    """`acc` += `v` (in place); returns `acc`."""
    for t, x in v.items():
        acc[t] = acc.get(t, 0.0) + x
    return acc


def merge_span(a: Span, b: Span) -> Span:
    lo = [x for x in (a[0], b[0]) if x is not None]
    hi = [x for x in (a[1], b[1]) if x is not None]
    return (min(lo) if lo else None, max(hi) if hi else None)


def gap(a: Span, b: Span) -> int:
    """Days between two date ranges (0 when either is undated or they overlap)."""
    if a[0] is None or b[0] is None or a[1] is None or b[1] is None:
        return 0
    return max(0, b[0] - a[1], a[0] - b[1])


def matrix(vecs: list[Vec]) -> sp.csr_matrix:
    """Sparse rows of `vecs` (filled straight into arrays: no per-entry Python lists)."""
    n = len(vecs)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.fromiter((len(v) for v in vecs), dtype=np.int64, count=n), out=indptr[1:])
    nnz = int(indptr[-1])
    cols = np.fromiter((t for v in vecs for t in v), dtype=np.int32, count=nnz)
    vals = np.fromiter((x for v in vecs for x in v.values()), dtype=np.float32, count=nnz)
    ncol = int(cols.max()) + 1 if nnz else 1
    return sp.csr_matrix((vals, cols, indptr), shape=(n, ncol))


def similar_pairs(
    vecs: list[Vec],
    days: list[int | None],
    window: int,
    floor: float,
    k: int,
    wanted: list[bool] | None = None,
) -> list[tuple[float, int, int]]:
    """(cosine, i, j), i < j, for each document's `k` most similar others above `floor`
    whose publication dates lie within `window` days (undated documents are compared with
    all).  Only rows flagged in `wanted` (default: all) are searched.  Sparse products
    over date-sorted blocks, never the full square of a large dated collection."""
    n = len(vecs)
    if n < 2:
        return []
    want = wanted or [True] * n
    if n <= SMALL:
        return _pairs_one_by_one(vecs, days, window, floor, k, want)
    X = matrix(vecs)
    dated = sorted((d, i) for i, d in enumerate(days) if d is not None)
    order = [i for _, i in dated]
    dvals = np.array([d for d, _ in dated], dtype=np.int64)
    undated = [i for i, d in enumerate(days) if d is None]
    out: list[tuple[float, int, int]] = []
    step = 512
    for c0 in range(0, len(order), step):
        block = [i for i in order[c0 : c0 + step] if want[i]]
        if block:
            lo = np.searchsorted(dvals, dvals[c0] - window, "left")
            hi = np.searchsorted(dvals, dvals[min(c0 + step, len(order)) - 1] + window, "right")
            _top(X, block, order[lo:hi] + undated, days, window, floor, k, out)
    for c0 in range(0, len(undated), step):
        block = [i for i in undated[c0 : c0 + step] if want[i]]
        if block:
            _top(X, block, list(range(n)), days, window, floor, k, out)
    return out


def _pairs_one_by_one(
    vecs: list[Vec], days: list[int | None], window: int, floor: float, k: int, want: list[bool]
) -> list[tuple[float, int, int]]:
    """``similar_pairs`` for a few documents."""
    out: list[tuple[float, int, int]] = []
    for i, v in enumerate(vecs):
        if not want[i]:
            continue
        found = []
        for j, w in enumerate(vecs):
            di, dj = days[i], days[j]
            if j != i and (di is None or dj is None or abs(di - dj) <= window):
                s = dot(v, w)
                if s >= floor:
                    found.append((s, j))
        out.extend((s, min(i, j), max(i, j)) for s, j in heapq.nlargest(k, found))
    return out


def _top(
    X: sp.csr_matrix,
    block: list[int],
    cand: list[int],
    days: list[int | None],
    window: int,
    floor: float,
    k: int,
    out: list[tuple[float, int, int]],
) -> None:
    """Append the best candidate pairs of each row of `block` to `out` (sparse product)."""
    S = (X[block] @ X[cand].T).tocsr()
    cand_a = np.array(cand)
    none = -(10**9)
    cdays = np.array([none if (x := days[j]) is None else x for j in cand])
    for r, i in enumerate(block):
        lo, hi = S.indptr[r], S.indptr[r + 1]
        cols, s = S.indices[lo:hi], S.data[lo:hi]
        ok = (s >= floor) & (cand_a[cols] != i)
        di = days[i]
        if di is not None:
            cd = cdays[cols]
            ok &= (cd == none) | (np.abs(cd - di) <= window)
        idx = np.nonzero(ok)[0]
        if len(idx) > k:
            idx = idx[np.argpartition(-s[idx], k)[:k]]
        for c in idx:
            j = int(cand_a[cols[c]])
            out.append((float(s[c]), min(i, j), max(i, j)))
