"""The whole run: ingest -> clean -> per-document NLP -> linking -> dossier."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Iterator

from . import clean as clean_stage
from . import ingest, link
from .config import Config
from .nlp import stage
from .records import Document, Dossier, Rejected


@dataclass
class RunStats:
    inputs: int = 0
    documents: int = 0
    rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _progress(it, total=None, desc="", enabled=True):
    if not enabled:
        return it
    from tqdm import tqdm

    return tqdm(it, total=total, desc=desc, unit="doc", file=sys.stderr, leave=False, mininterval=0.5)


def analyze(paths: list[str] | str, cfg: Config | None = None) -> Dossier:
    """Read every input under `paths` and return the dossier."""
    cfg = cfg or Config()
    if isinstance(paths, str):
        paths = [paths]
    documents: list[Document] = []
    rejected: list[Rejected] = []
    seen: set[str] = set()
    for item in ingest.read(list(paths), cfg):
        if isinstance(item, Rejected):
            rejected.append(item)
            continue
        res = clean_stage.clean(item, cfg)
        if isinstance(res, Rejected):
            rejected.append(res)
        elif res.id in seen:
            rejected.append(Rejected(item.source, item.record, f"duplicate id {res.id!r}: an earlier record already has it"))
        else:
            seen.add(res.id)
            documents.append(res)
    show = cfg.progress and len(documents) > 5
    records = list(_progress(stage.run(documents, cfg), total=len(documents), desc="reading", enabled=show))
    stories = link.link(records, cfg)
    return Dossier(documents=[r.document for r in records], stories=stories, rejected=rejected)
