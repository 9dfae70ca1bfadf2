"""All configuration in one place, typed.  Defaults are safe; a TOML file or keyword
arguments override them (``Config.load(path, **overrides)``)."""

from __future__ import annotations

import contextlib
import dataclasses
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__


@dataclass
class NLPConfig:
    #: spaCy pipeline to load; None picks the first installed of DEFAULT_MODELS.
    model: str | None = None
    batch_size: int = 32
    #: parallel processes for the per-document stage (1 = in-process).


@dataclass
class LimitsConfig:
    #: documents longer than this (characters, after cleaning) are rejected.
    max_doc_chars: int = 200_000
    #: raw inputs larger than this (bytes) are rejected before reading.
    max_input_bytes: int = 20_000_000
    #: articles beyond this many in one run are rejected, each with that reason (0 = no limit).
    max_articles: int = 0
    #: HTML pages whose tags nest deeper than this are rejected before extraction (the
    #: HTML parser trafilatura uses stops at 256 levels and would return an empty page).
    max_nesting: int = 250
    #: documents with fewer words than this after cleaning are rejected, unless their
    #: headline has at least ``min_headline_words`` words: a page whose body is only a paywall,
    #: sign-up or video-playlist prompt still reports its story in its headline, so it is
    #: kept with the headline as its text (``Document.headline_only``).
    min_words: int = 15
    min_headline_words: int = 4
    #: languages accepted (ISO 639-1 codes); a document confidently detected as another
    #: language is rejected.  An empty list accepts every language.
    languages: list[str] = field(default_factory=lambda: ["en"])


@dataclass
class StoryConfig:
    #: stories: mean cosine similarity (over cross pairs of documents, vectors re-weighted
    #: inside their topic) at or above which two groups of documents merge.
    threshold: float = 0.065
    #: topics (same kind of event, same period): the same over collection TF-IDF vectors.
    topic_threshold: float = 0.12
    #: two documents at least this similar (inside a topic) share a story whatever the mean.
    strong: float = 0.6
    #: a document left alone inside its topic joins the topic's closest story when its mean
    #: similarity to it reaches `attach` x `threshold` (1 or more: never).
    attach: float = 0.5
    #: days of publication-date distance beyond which documents share a story only when
    #: their similarity clears the threshold by `far_margin`, and beyond `far_days` never.
    window_days: int = 10
    far_days: int = 365
    #: reports published at most this many days apart (and at most `window_days`) may share
    #: a story on similar wording alone; further apart, up to `window_days`, only on a shared
    #: anchor (a date, a person), and beyond that on an anchor and `far_margin` more
    #: similarity.  Reports of one event come within a day or two of it; a week later the
    #: same words are as often another event of the same kind in the same place.
    near_days: int = 3
    far_margin: float = 0.1
    #: feature weights relative to a content lemma: names mentioned, years, other numbers,
    #: calendar dates mentioned.
    entity_weight: float = 1.5
    year_weight: float = 1.0
    number_weight: float = 0.5
    date_weight: float = 0.5
    #: weight of verb and adjective lemmas (nouns and names: 1).
    predicate_weight: float = 0.5
    #: features found in more than this share of documents are ignored ...
    max_df: float = 0.5
    #: ... and, inside a topic of at least `topic_min_docs` documents, those found in more
    #: than `topic_max_df` of its documents.
    topic_max_df: float = 0.7
    topic_min_docs: int = 20
    #: how much the collection IDF still counts inside a topic (0: only rarity in the topic).
    global_idf_power: float = 0.5
    #: terms kept per document (the heaviest by TF-IDF).
    doc_terms: int = 150
    #: candidate documents/topics kept per document, and the similarity below which a
    #: pair is not a candidate.
    candidates: int = 20
    floor: float = 0.03
    #: heaviest terms of each document entered in the inverted index of topics.
    index_terms: int = 30
    #: threads: mean cosine over the cross pairs of documents (collection TF-IDF, common terms
    #: kept, numbers left out) at or above which two tied stories (``link.stories.threads``)
    #: share a thread.  Set on beirut-2020 and maria-2017 with BASIL and GVA dev as the check:
    #: 0.03-0.05 give the same threads there; 0.06 splits beirut-2020 in five.
    thread_threshold: float = 0.04


@dataclass
class FactsConfig:
    """How claims of one quantity are compared over time (``parallax.link.facts``)."""

    #: relative slack around an approximate figure, at most half the place it is rounded to:
    #: "about 2,000" allows 1,700..2,300, "about 5,800" 5,750..5,850.  0.15 keeps "about 2,000"
    #: beside 2,298 (kazakhstan-2022: agreed) and "an estimated 300,000" apart from 250,000
    #: (beirut-2020: a conflict); 0.2 joined the latter.
    approx: float = 0.15
    #: a later figure from another source replaces an earlier one when it rises above it by at
    #: most this share: a toll counted up (beirut-2020: 149 -> 158 -> 163 -> 171 -> 178, "more
    #: than 6,000" -> "more than 6,500"); further above, a rival estimate (beirut-2020: 250,000
    #: and 300,000 homeless, 20 % apart; kazakhstan-2022: 12 and 13 beside a next-day 18).
    #: Fitted on those two; maria-2017 (1,397 -> 1,427 an update, 499 / 1,052 / 4,645 rivals)
    #: checks it.
    near_rise: float = 0.1
    #: ... and when it comes at most this many days later: a count moving on, not a rival
    #: estimate months apart (maria-2017: 1,052 in December, 1,139 the next August).
    near_days: int = 14
    #: a later count (neither figure an estimate) from another source replaces an earlier one
    #: by any rise when the earlier is at least this: a toll or a tally added to (beirut-2020:
    #: 16 then 19 detained, 2 days apart).  Below it, a higher small count days later is more
    #: often another shooting told in the same story (GVA dev: 1 then 2, 2 then 3 killed;
    #: multi killed 0.858 -> 0.847 with no floor).
    count_least: float = 10.0
    #: a vague floor this many times above every number in its group counts something else
    #: ("tens of thousands" beside "about 2,500").
    vague_apart: float = 4.0
    #: a death first mentioned this many sentences after a document's first count of the
    #: wounded is background, not a death of the event reported (GVA dev).
    background_gap: int = 5
    #: sentences within which an added death ("two more died") follows the one before (GVA dev).
    more_gap: int = 3
    #: the least figure that, given alike by two claims of one unit (not a share), makes them one
    #: quantity however worded (PROVISIONAL: being measured on BASIL half A / beirut-2020).
    same_least: float = 10.0
    #: claims whose signatures share `same_shared` stems, that many of the smaller one's
    #: `same_share`, count one quantity (PROVISIONAL).
    same_share: float = 0.5
    same_shared: int = 2


@dataclass
class EntitiesConfig:
    """The name model that resolves a story's entities (``parallax.link.entities``,
    ``parallax.link.names``; the link stage reads these defaults).  "BASIL" below is quote
    speaker accuracy on BASIL dev (``bench/halves.py basil-quotes``: A 0.712 / B 0.518 at
    these values), "seeds" the kazakhstan-2022 entity scores (score.py: pair F1 1.000, type
    accuracy 0.968).  Neither moves over the ranges given unless said: these are the name
    model's design, pinned by composed cases in tests/test_entities.py where one is named."""

    #: an honorific (or a kin or role noun: "his wife") before a person's name counts this many
    #: pronouns after it, as a vote for the person's gender (BASIL and seeds the same for 1..5).
    honorific_votes: int = 3
    #: a person's gender is known when its votes are this many times the other's (1..3).
    gender_majority: float = 2.0
    #: a person's name has at most this many words (4..8; 3 splits "Martin Luther King Jr."
    #: style names: test_generational_suffix_written_two_ways_is_one_person_and_not_the_father).
    person_max_words: int = 5
    #: a given name written shorter is the same one when it has at least this many letters
    #: ("Chris" / "Christopher"; "Al" is no "Alan") (2..5 and never).
    given_prefix_letters: int = 3
    #: acronyms of at least this many letters that differ by one transposition are one (2..4;
    #: never: seeds pair F1 1.000 -> 0.943, headline 0.997 -> 0.991).
    transposed_acronym_letters: int = 3
    #: a tagged surface form votes for its label from this many characters (an all-capitals
    #: one whatever its length) (1..4).
    known_name_chars: int = 3
    #: a run-together hashtag is no name when a word of it of at least this many letters is
    #: written in the story's text (3..5; never: test_what_is_not_a_name_is_not_an_entity).
    hashtag_word_letters: int = 4


@dataclass
class DatesConfig:
    """How date mentions are resolved against their report's publication date
    (``parallax.extract.dates``: the per-document stage reads the defaults).  "T17 A" is as
    in ``TimelineConfig``."""

    #: a day or month written without a year is read in the year that puts it nearest the
    #: publication date, a reading on the side its clause does not look to counting this many
    #: times its distance: the past in a clause that looks ahead ("will meet on March 2"), the
    #: future elsewhere ("met on March 2").  T17 A 0.718 for 1..10 (apart for the past
    #: and the future side, 1..10 each: the same; the future where the tense says nothing
    #: at 10: 0.717).
    wrong_side_cost: float = 3.0
    #: a day or month without a year takes the year of a date written with one at most this
    #: many sentences before it ("In March 2003 ... On March 7, ...").  T17 A 0.718 for 0..2;
    #: tests/test_dates.py composes the case.
    year_context_sentences: int = 1


@dataclass
class TimelineConfig:
    """How a story's dated timeline is built (``parallax.link.timeline``).  "T17 A" below is the
    span Date-F1 of Timeline17 half A (bpoil, H1N1, haiti: ``bench/timeline17.py``), the half
    these were fitted on; half B (MJ, IraqWar) checks them."""

    #: days beyond the run's first and last publication that still count as its coverage
    #: (further out a date is background).  T17 A 0.715 for 7..90 (plain Date-F1 0.574..0.573):
    #: a month, so that a report's "last month" is no background.
    span_margin_days: int = 31
    #: documents of the run needed for a background date to enter at all ... (T17 A 0.715 for
    #: 1..5; kazakhstan-2022 timeline date F1 1.000 with 3)
    background_min_docs: int = 3
    #: ... and the share of its weight it keeps (T17 A 0.715 for 0.01..1; plain Date-F1 0.573
    #: at 0.1, 0.559 at 1).
    background_weight: float = 0.1
    #: a month-and-day date with no year is suspect when its next occurrence lies more than
    #: `anomaly_ahead_days` after the story's period (a report cannot tell of it yet) and its
    #: last more than `anomaly_behind_days` before it (so old a date would carry its year) ...
    #: (T17 A 0.715 for ahead 30..180, behind 90..270: set by what a report can know, not fitted)
    anomaly_ahead_days: int = 90
    anomaly_behind_days: int = 180
    #: ... and an anomaly unless another document dates something this close to it (T17 A
    #: 0.715 for 0..14).
    anomaly_corroboration_days: int = 7
    #: a day read in different years by the run's reports, first before its coverage, and in no
    #: one year by this share of the documents naming it, is an anniversary ("Sept. 11"): a
    #: reading still dates a report published at most `anniversary_current_days` after it.
    #: T17 A 0.715 for a share of 0.67..0.9 (0.716 at 0.5), and for 30 days (0.714 at 7, 0.716
    #: at 90); the share keeps "April 20" in a run of its own year, read a year back by one
    #: report of January, from being an anniversary (tests/test_timeline.py).
    anniversary_max_year_share: float = 0.8
    anniversary_current_days: int = 30
    #: weight of a reference from a report published `later_full_days` or more after the date
    #: (a report of the same day: 1; linear in between): a date still recalled weeks on was
    #: newsworthy.  T17 A 0.715 at 10 (0.711 at 1, 0.712 at 3, 0.708 at 20) and 30 days (0.713
    #: at 7, 0.720 at 14: H1N1 up one date, bpoil down 0.004, not taken; 0.707 at 60).
    later_reference_weight: float = 10.0
    later_full_days: float = 30.0
    #: weight of each document published on a date (T17 A 0.712 at 0, 0.715 at 0.25..2).
    published_weight: float = 0.5
    #: at most this many entries (events) per date (Date-F1 does not depend on it).
    max_events_per_date: int = 5
    #: two sentences on one date report the same event when they share this many content
    #: words and this share of the shorter one's (Date-F1 does not depend on them).
    same_event_words: int = 3
    same_event_share: float = 0.4


@dataclass
class QuotesConfig:
    """Who said a quotation (``parallax.extract.quotes``, ``parallax.extract.people``).  The
    per-document stage reads these defaults (its components take no configuration yet)."""

    #: sentences searched back from he/she for the person it stands for.  2, 3 and 4 give the
    #: same speaker accuracy on BASIL dev half A (0.712) and PolNeAR dev half A (0.867); 6 loses
    #: one PolNeAR A quote (a person named too far back).
    pronoun_window: int = 4
    #: sentences back a he/she/his/her votes for the gender of the one person named there when
    #: its own sentence names no one ("X spoke. She said ..."); no change on either dev set
    #: (gender from honorifics and kin nouns decides there), kept for texts without them.
    gender_window: int = 1
    #: paragraphs over which a quotation with no cue of its own keeps the last speaker.
    carry_paragraphs: int = 1
    #: sentences back that "a spokesman", "it" or "they" look for the body they speak for.
    body_window: int = 2
    #: sentences back that a group noun taking up a body ("the campaign", "the group") looks
    #: for the body it names.
    body_anaphor_window: int = 4
    #: sentences back that a generic one ("the group", "the company") looks for any
    #: organisation it may take up.
    generic_anaphor_window: int = 1


@dataclass
class EngineConfig:
    #: where the per-document stage runs: "auto" (worker processes on this machine for a run of
    #: 200 articles or more when it has 2+ CPUs, this process otherwise), "local" (this process),
    #: "processes" (worker processes on this machine), "dask" (a Dask cluster).
    name: str = "auto"
    #: a running Dask scheduler's address ("tcp://host:8786"); None starts a LocalCluster.
    scheduler: str | None = None
    #: worker processes on this machine (processes, auto) or in the LocalCluster (0 = one per core).
    workers: int = 0
    #: documents per task sent to a worker.
    task_size: int = 16
    #: outcomes written to the database per transaction.
    commit_every: int = 200


@dataclass
class FetchConfig:
    """How the pages of a URL list are fetched."""

    #: seconds a request may take in all (connecting and reading) before it is given up.
    timeout_s: float = 10.0
    #: seconds to wait between two requests to the same host (robots.txt Crawl-delay,
    #: when longer and at most `max_delay_s`, wins).
    delay_s: float = 1.0
    max_delay_s: float = 30.0
    user_agent: str = f"Parallax/{__version__} (+research)"
    #: HTTP redirects followed per URL (to http or https addresses only).
    max_redirects: int = 5
    #: fetch from loopback, private, link-local and other non-public addresses too (a lab's
    #: own servers); off by default, so that a URL list cannot reach this machine or its network.
    allow_private: bool = False
    #: non-public networks that may be fetched from all the same (CIDR, e.g. "10.20.0.0/16"):
    #: a lab's servers allowed without opening every private address.
    allow_networks: list[str] = field(default_factory=list)


@dataclass
class Config:
    nlp: NLPConfig = field(default_factory=NLPConfig)
    engine: EngineConfig = field(default_factory=EngineConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    stories: StoryConfig = field(default_factory=StoryConfig)
    facts: FactsConfig = field(default_factory=FactsConfig)
    timeline: TimelineConfig = field(default_factory=TimelineConfig)
    fetch: FetchConfig = field(default_factory=FetchConfig)
    #: show progress bars (on runs of more than a few articles).
    progress: bool = True

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Config:
        """The defaults, then the TOML file at `path`, then `overrides` ("section__key": value;
        None leaves a setting as it is).  Every value is checked against its declared type:
        a :class:`ConfigError` names the file and the key."""
        data: dict[str, Any] = {}
        if path:
            with open(path, "rb") as fh:
                try:
                    data = tomllib.load(fh)
                except tomllib.TOMLDecodeError as e:
                    raise ConfigError(f"{path}: not valid TOML ({e})") from None
        cfg = cls()
        for section, values in data.items():
            try:
                _apply(cfg, section, values)
            except ConfigError as e:
                raise ConfigError(f"{path}: {e}") from None
        for dotted, value in overrides.items():
            if value is None:
                continue
            section, _, key = dotted.partition("__")
            _apply(cfg, section, {key: value} if key else value)
        return cfg


class ConfigError(ValueError):
    """A configuration value that is unknown or of the wrong type; the message names the key."""


def _apply(cfg: Config, section: str, values: Any) -> None:
    names = {f.name for f in dataclasses.fields(cfg)}
    if section not in names:
        raise ConfigError(f"unknown configuration section {section!r} (known: {', '.join(sorted(names))})")
    target = getattr(cfg, section)
    if not dataclasses.is_dataclass(target):
        setattr(cfg, section, _checked(section, values, typing.get_type_hints(Config)[section]))
        return
    if not isinstance(values, dict):
        raise ConfigError(f"configuration section {section!r} must be a table of settings, not {values!r}")
    known = {f.name: f for f in dataclasses.fields(target)}
    hints = typing.get_type_hints(type(target))
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"unknown setting {section}.{key} (known: {', '.join(sorted(known))})")
        setattr(target, key, _checked(f"{section}.{key}", value, hints[key]))


_KINDS = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}
_PLURAL = {str: "strings", int: "integers", float: "numbers", bool: "booleans"}


def _checked(key: str, value: Any, tp: Any) -> Any:
    """`value` as the declared type `tp` of setting `key` (an integer where a float is declared
    becomes that float); a ConfigError naming the key otherwise."""
    args = typing.get_args(tp)
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        if value is None and type(None) in args:
            return None
        options = [a for a in args if a is not type(None)]
        for option in options:
            with contextlib.suppress(ConfigError):
                return _checked(key, value, option)
        wanted = " or ".join(_describe(o) for o in options)
        raise ConfigError(f"setting {key} must be {wanted}, not {value!r} ({type(value).__name__})")
    if typing.get_origin(tp) is list:
        if not isinstance(value, list):
            raise ConfigError(
                f"setting {key} must be {_describe(tp)}, not {value!r} ({type(value).__name__})"
            )
        return [_checked(f"{key}[{i}]", v, args[0]) for i, v in enumerate(value)]
    ok = isinstance(value, tp) and not (tp is int and isinstance(value, bool))
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not ok:
        raise ConfigError(f"setting {key} must be {_describe(tp)}, not {value!r} ({type(value).__name__})")
    return value


def _describe(tp: Any) -> str:
    if typing.get_origin(tp) is list:
        item = typing.get_args(tp)[0]
        return f"a list of {_PLURAL.get(item, getattr(item, '__name__', str(item)))}"
    return _KINDS.get(tp, getattr(tp, "__name__", str(tp)))
