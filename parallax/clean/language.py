"""Which language a cleaned text is in (py3langid), and whether the run accepts it.

Only confident evidence rejects a document: the sample (the first ~2,000 characters)
must hold at least ``MIN_LETTERS`` letters, the best language must have a probability of
at least ``MIN_PROBABILITY``, and the accepted languages together less than
``MAX_ACCEPTED``.  Short or mixed texts, lists of names and all-capitals transcripts are
kept.  The model is loaded once, on the first document checked.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

#: characters of the text classified (cut back to the last line break before it).
SAMPLE_CHARS = 2000
#: fewer letters than this in the sample: no decision.
MIN_LETTERS = 50
#: the best language's probability must reach this to reject ...
MIN_PROBABILITY = 0.90
#: ... and the accepted languages' total probability must stay below this.
MAX_ACCEPTED = 0.05

#: names used in reasons, for the commonest accepted languages.
NAMES = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "ru": "Russian",
    "uk": "Ukrainian",
    "ar": "Arabic",
    "zh": "Chinese",
    "ja": "Japanese",
    "tr": "Turkish",
    "pl": "Polish",
}


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def sample(text: str) -> str:
    """The part of `text` that is classified: its start, whole lines, lower-cased when
    capitals outnumber small letters (the model reads all-capitals text poorly)."""
    s = text[:SAMPLE_CHARS]
    if len(text) > SAMPLE_CHARS and "\n" in s:
        s = s[: s.rindex("\n")]
    if sum(map(str.isupper, s)) > sum(map(str.islower, s)):
        s = s.lower()
    return s


def rejection(text: str, accepted: list[str]) -> str | None:
    """Why `text` is refused (confidently in a language not in `accepted`), or None.

    An empty `accepted` list accepts every language (and loads no model).
    """
    if not accepted:
        return None
    s = sample(text)
    if sum(map(str.isalpha, s)) < MIN_LETTERS:
        return None
    ranked = _identifier().rank(s)
    best, p = ranked[0]
    wanted = {a.lower() for a in accepted}
    if best in wanted or p < MIN_PROBABILITY:
        return None
    if sum(q for lang, q in ranked if lang in wanted) >= MAX_ACCEPTED:
        return None
    if len(wanted) == 1:
        (only,) = wanted
        return f"not {NAMES.get(only, only)} (detected: {best})"
    return f"not in an accepted language (detected: {best}; accepted: {', '.join(sorted(wanted))})"
