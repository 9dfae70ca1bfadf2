"""What one add needs and nothing keeps: the new documents, the collection weights of this
moment (IDF, the terms too common to count) and the per-document notes the phases read."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from ...records import DocRecord
from .vectors import Vec, unit

if TYPE_CHECKING:
    from .index import StoryIndex

#: a document whose body uses less than this idf-weighted share of its title's words reports
#: something else under that title: it may join a story by its title (as ``LOW_CONTENT_TERMS``).
TITLE_BODY = 0.2


@dataclass
class Batch:
    ix: StoryIndex
    #: stories that existed before this add: ids below it are saved stories
    base: int
    new: list[int] = field(default_factory=list)
    #: title terms of documents not yet trimmed
    titles: dict[int, set[int]] = field(default_factory=dict)
    #: title terms a document's body never uses
    unsaid: dict[int, set[int]] = field(default_factory=dict)
    #: documents of this add with little content of their own, or a body not their title's
    low: list[int] = field(default_factory=list)
    idf: np.ndarray = field(default_factory=lambda: np.zeros(0))
    common: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    idf_pow: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @classmethod
    def open(cls, ix: StoryIndex, records: list[DocRecord]) -> Batch:
        """Store `records` in the index and prepare the weights of this add."""
        batch = cls(ix, base=len(ix.story_docs))
        batch.new = [ix.store(r, batch) for r in records]
        batch.refresh_idf()
        batch.off_title()
        for d in batch.new:
            batch.trim(d)
        return batch

    def refresh_idf(self) -> None:
        """IDF of every term (and which terms are too common to count), for this add."""
        ix = self.ix
        df = np.frombuffer(ix.df, dtype=np.int32).astype(np.float64) if len(ix.df) else np.zeros(0)
        self.idf = np.log((1 + ix.n_docs) / (1 + df)) + 1.0
        self.common = df > ix.cfg.max_df * ix.n_docs if ix.n_docs >= 20 else np.zeros(len(df), bool)
        self.idf_pow = self.idf**ix.cfg.global_idf_power

    def global_vec(self, d: int) -> Vec:
        """Document `d`'s collection TF-IDF unit vector (terms too common left out)."""
        ix, idf, common = self.ix, self.idf, self.common
        return unit(
            {t: w * idf[t] for t, w in zip(ix.doc_terms[d], ix.doc_weights[d], strict=False) if not common[t]}
        )

    def thread_vec(self, d: int) -> Vec:
        """Document `d`'s unit vector for threads: collection TF-IDF with the terms common to
        most documents kept (within one situation its shared words are what make it one) and
        numbers left out (a toll that rises is still the same situation)."""
        ix, idf, numbers = self.ix, self.idf, self.ix.numbers
        return unit(
            {
                t: w * idf[t]
                for t, w in zip(ix.doc_terms[d], ix.doc_weights[d], strict=False)
                if t not in numbers
            }
        )

    def global_matrix(self, docs: list[int]) -> sp.csr_matrix:
        """The rows ``global_vec`` gives for `docs`, built straight from the stored arrays."""
        ix = self.ix
        indptr = np.zeros(len(docs) + 1, dtype=np.int64)
        np.cumsum([len(ix.doc_terms[d]) for d in docs], out=indptr[1:])
        cols = np.concatenate([np.frombuffer(ix.doc_terms[d], dtype=np.int32) for d in docs])
        vals = (
            np.concatenate([np.frombuffer(ix.doc_weights[d], dtype=np.float32) for d in docs])
            * self.idf[cols]
        )
        vals[self.common[cols]] = 0.0
        X = sp.csr_matrix((vals, cols, indptr), shape=(len(docs), len(self.idf)))
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.diags(1.0 / norms) @ X

    def off_title(self) -> None:
        """Documents whose body does not report what their title says (the idf-weighted share
        of the title's words that the body uses below ``TITLE_BODY``: the page kept an
        unrelated text, a list of other stories or a weather notice, under the report's
        title) count as pages of little content (``titles.attach``)."""
        idf = self.idf
        for d in self.new:
            unsaid = self.unsaid.pop(d, None)
            title = self.titles.get(d)
            if unsaid is None or not title:
                continue
            total = sum(idf[t] for t in title)
            if total > 0 and 1.0 - sum(idf[t] for t in unsaid) / total < TITLE_BODY:
                self.low.append(d)
                self.ix.off_docs.add(d)

    def trim(self, d: int) -> None:
        """Keep a document's heaviest terms (by tf-idf) only, its title's words first (a page
        whose body is boilerplate keeps the words that say what it reports): the compact
        stored form."""
        ix = self.ix
        title = self.titles.pop(d, set())
        keep = ix.cfg.doc_terms
        if len(ix.doc_terms[d]) <= keep:
            return
        idf = self.idf
        scored = sorted(
            zip(ix.doc_terms[d], ix.doc_weights[d], strict=False),
            key=lambda tw: (tw[0] not in title, -tw[1] * idf[tw[0]]),
        )[:keep]
        scored.sort()
        ix.doc_terms[d] = array("i", [t for t, _ in scored])
        ix.doc_weights[d] = array("f", [w for _, w in scored])
