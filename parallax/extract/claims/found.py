"""A claim while its sentence is being read: the record, with the tokens it was read from."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ...records import ClaimRecord


@dataclass
class Found:
    """One claim found in a sentence, before the sentence's claims are combined."""

    claim: ClaimRecord
    #: the counted argument ("people" in "40 people were killed"; the number when no noun)
    arg: Token
    #: the word that says what befell the counted ("killed"), or that holds the quantity
    pred: Token
