"""Named-entity mentions and content terms (for story clustering)."""
from __future__ import annotations

from ..records import DocRecord, Mention
from . import component

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}


@component("mentions")
def mentions(sdoc, rec: DocRecord) -> None:
    sent_of = {}
    for i, s in enumerate(sdoc.sents):
        for t in s:
            sent_of[t.i] = i
    rec.mentions = [Mention(e.text, e.label_, e.start_char, e.end_char, sent_of.get(e.start, 0))
                    for e in sdoc.ents if e.label_ in KEEP]
    terms: dict[str, int] = {}
    for t in sdoc:
        if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ"):
            k = t.lemma_.lower()
            terms[k] = terms.get(k, 0) + 1
    rec.terms = terms
