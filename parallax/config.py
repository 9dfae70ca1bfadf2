"""All configuration in one place, typed.  Defaults are safe; a TOML file or keyword
arguments override them (``Config.load(path, **overrides)``)."""
from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class NLPConfig:
    #: spaCy pipeline to load; None picks the first installed of DEFAULT_MODELS.
    model: str | None = None
    batch_size: int = 32
    #: parallel processes for the per-document stage (1 = in-process).
    n_process: int = 1


@dataclass
class LimitsConfig:
    #: documents longer than this (characters, after cleaning) are rejected.
    max_doc_chars: int = 200_000
    #: raw inputs larger than this (bytes) are rejected before reading.
    max_input_bytes: int = 20_000_000
    #: stop reading after this many articles (0 = no limit).
    max_articles: int = 0
    #: documents with fewer words than this after cleaning are rejected.
    min_words: int = 15


@dataclass
class StoryConfig:
    #: mean cosine similarity (over cross pairs of documents) at or above which two groups
    #: of documents merge into one story.
    threshold: float = 0.30
    #: days of publication-date distance beyond which documents never share a story.
    window_days: int = 10
    #: feature weights relative to a content lemma: names mentioned, years, other numbers,
    #: calendar dates mentioned.
    entity_weight: float = 1.5
    year_weight: float = 1.0
    number_weight: float = 0.5
    date_weight: float = 0.5
    #: features found in more than this share of documents are ignored.
    max_df: float = 0.5
    #: candidate documents/stories kept per document, and the similarity below which a
    #: pair is not a candidate.
    candidates: int = 20
    floor: float = 0.05
    #: heaviest terms of each document entered in the inverted index of stories.
    index_terms: int = 30


@dataclass
class EngineConfig:
    #: where the per-document stage runs: "local" (this process) or "dask".
    name: str = "local"
    #: a running Dask scheduler's address ("tcp://host:8786"); None starts a LocalCluster.
    scheduler: str | None = None
    #: LocalCluster worker processes (0 = one per core).
    workers: int = 0
    #: documents per Dask task.
    task_size: int = 16
    #: outcomes written to the database per transaction.
    commit_every: int = 200


@dataclass
class Config:
    nlp: NLPConfig = field(default_factory=NLPConfig)
    engine: EngineConfig = field(default_factory=EngineConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    stories: StoryConfig = field(default_factory=StoryConfig)
    #: show progress bars (on runs of more than a few articles).
    progress: bool = True

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> "Config":
        data: dict[str, Any] = {}
        if path:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        cfg = cls()
        for section, values in data.items():
            _apply(cfg, section, values)
        for dotted, value in overrides.items():
            if value is None:
                continue
            section, _, key = dotted.partition("__")
            _apply(cfg, section, {key: value} if key else value)
        return cfg


def _apply(cfg: Config, section: str, values: Any) -> None:
    names = {f.name for f in dataclasses.fields(cfg)}
    if section not in names:
        raise ValueError(f"unknown configuration section {section!r} (known: {', '.join(sorted(names))})")
    target = getattr(cfg, section)
    if not dataclasses.is_dataclass(target):
        setattr(cfg, section, values)
        return
    known = {f.name: f for f in dataclasses.fields(target)}
    for key, value in values.items():
        if key not in known:
            raise ValueError(f"unknown setting {section}.{key} (known: {', '.join(sorted(known))})")
        setattr(target, key, value)
