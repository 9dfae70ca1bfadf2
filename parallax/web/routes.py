"""The web app's pages, their parameters (validated) and the OpenAPI schema built from them.

One table (``ROUTES``) says what every page is: its path, its parameters with their
limits, and what it returns.  The server validates requests against it and
``/api/openapi.json`` is generated from it, so the documentation cannot drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from .. import __version__

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BadRequest(ValueError):
    """A request parameter that is missing, malformed or out of range (HTTP 400)."""


@dataclass(frozen=True)
class Param:
    """A query parameter: its type and limits, used both to validate and to document."""

    name: str
    kind: str  # "string" | "date" | "integer"
    description: str
    required: bool = False
    max_length: int = 200
    minimum: int = 0
    maximum: int = 10_000_000
    default: Any = None

    def parse(self, raw: str | None) -> Any:
        if raw is None or raw.strip() == "":
            if self.required:
                raise BadRequest(f"parameter {self.name!r} is required")
            return self.default
        raw = raw.strip()
        if self.kind == "integer":
            if not re.fullmatch(r"[0-9]{1,9}", raw):  # ASCII digits only: int() takes any script's
                raise BadRequest(f"parameter {self.name!r} must be a whole number")
            v = int(raw)
            if not self.minimum <= v <= self.maximum:
                raise BadRequest(f"parameter {self.name!r} must be between {self.minimum} and {self.maximum}")
            return v
        if self.kind == "date":
            try:
                if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
                    raise ValueError(raw)
                Date.fromisoformat(raw)
            except ValueError:
                raise BadRequest(f"parameter {self.name!r} must be a date as YYYY-MM-DD") from None
            return raw
        if len(raw) > self.max_length:
            raise BadRequest(f"parameter {self.name!r} is longer than {self.max_length} characters")
        if _CONTROL.search(raw):
            raise BadRequest(f"parameter {self.name!r} contains control characters")
        return raw

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any]
        if self.kind == "integer":
            s = {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}
        elif self.kind == "date":
            s = {"type": "string", "format": "date"}
        else:
            s = {"type": "string", "maxLength": self.max_length}
        if self.default is not None:
            s["default"] = self.default
        return {
            "name": self.name,
            "in": "query",
            "required": self.required,
            "description": self.description,
            "schema": s,
        }


def path_segment(raw: str, name: str) -> str:
    """A path parameter (an id): bounded, printable."""
    if not raw or len(raw) > 300 or _CONTROL.search(raw):
        raise BadRequest(f"{name} is not a valid id")
    return raw


OUTLET = Param("outlet", "string", "only documents from this outlet (as listed by /api/stories)")
FROM = Param("from", "date", "only documents published on or after this day")
TO = Param("to", "date", "only documents published on or before this day")
LIMIT = Param("limit", "integer", "at most this many results", minimum=1, maximum=500, default=50)


@dataclass(frozen=True)
class Route:
    """A page: the HTML at `html`, its JSON twin at `/api` + `api`."""

    name: str
    html: tuple[str, ...]  # path segments; "{x}" captures a path parameter
    api: tuple[str, ...]
    summary: str
    description: str
    params: tuple[Param, ...] = ()
    response: str = "object"  # the components/schemas entry describing the JSON
    example: str = ""

    def match(self, segments: list[str], api: bool) -> dict[str, str] | None:
        pattern = self.api if api else self.html
        if len(pattern) != len(segments):
            return None
        found: dict[str, str] = {}
        for p, s in zip(pattern, segments, strict=False):
            if p.startswith("{"):
                found[p[1:-1]] = path_segment(s, p[1:-1])
            elif p != s:
                return None
        return found

    def parse(self, query: dict[str, list[str]]) -> dict[str, Any]:
        known = {p.name: p for p in self.params}
        unknown = sorted(set(query) - set(known))
        if unknown:
            allowed = ", ".join(known) or "none"
            raise BadRequest(f"unknown parameter {unknown[0]!r} (this page takes: {allowed})")
        out = {}
        for name, p in known.items():
            values = query.get(name, [])
            if len(values) > 1:
                raise BadRequest(f"parameter {name!r} given more than once")
            out[name] = p.parse(values[0] if values else None)
        return out


ROUTES: tuple[Route, ...] = (
    Route(
        "index",
        ("",),
        ("stories",),
        "Stories",
        "Every story (a set of articles about one event), largest first, with counts of facts, conflicts, "
        "quotes and entities; filtered by title, outlet and publication date.",
        (
            Param("q", "string", "words in the story's title"),
            OUTLET,
            FROM,
            TO,
            LIMIT,
            Param("offset", "integer", "skip this many stories (paging)", default=0),
        ),
        "StoryList",
        "/api/stories?limit=10",
    ),
    Route(
        "threads",
        ("threads",),
        ("threads",),
        "Threads",
        "Every thread (one developing situation followed over days or weeks: its stories in time order), "
        "those of most stories first, with their numbers of articles, figures and conflicts.",
        (LIMIT, Param("offset", "integer", "skip this many threads (paging)", default=0)),
        "ThreadList",
        "/api/threads?limit=10",
    ),
    Route(
        "thread",
        ("threads", "{thread_id}"),
        ("threads", "{thread_id}"),
        "A thread",
        "One thread's records as in the dossier (its stories in time order, entities, claims, facts) and, "
        "per quantity, the figure over time: every figure with its date (as of), its source, whether it was "
        "replaced or withdrawn, and the standing figure.",
        (),
        "ThreadDetail",
    ),
    Route(
        "story",
        ("stories", "{story_id}"),
        ("stories", "{story_id}"),
        "A story",
        "One story's records as in the dossier (entities, claims, facts, quotes, timeline, brief, "
        "discrepancies, coverage) and its documents (without their text).",
        (),
        "StoryDetail",
    ),
    Route(
        "entity",
        ("stories", "{story_id}", "entities", "{entity_id}"),
        ("stories", "{story_id}", "entities", "{entity_id}"),
        "An entity",
        "One person, organisation or place in a story: every variant as written (counted), its mentions "
        "in context, what it is quoted as saying and the figures attributed to it.",
        (),
        "EntityDetail",
    ),
    Route(
        "document",
        ("documents", "{doc_id}"),
        ("documents", "{doc_id}"),
        "A document",
        "One article's clean text and what the analysis found in it; start/end select a span to highlight "
        "(character offsets into the clean text, as every record's offsets are).",
        (
            Param("start", "integer", "first character of the span to highlight", maximum=100_000_000),
            Param("end", "integer", "character after the span to highlight", maximum=100_000_000),
        ),
        "DocumentDetail",
    ),
    Route(
        "search",
        ("search",),
        ("search",),
        "Search",
        "Stories (title), entities (name and every spelling variant, with near misses), quotes (text or "
        "speaker) and documents (text) matching the words; case-insensitive.",
        (Param("q", "string", "what to look for", required=True), OUTLET, FROM, TO, LIMIT),
        "SearchResults",
        "/api/search?q=minister",
    ),
)


def _obj(props: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    s: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        s["required"] = required
    return s


STR = {"type": "string"}
NSTR = {"type": ["string", "null"]}
NUM = {"type": ["number", "null"]}
INT = {"type": "integer"}
DATE = {"type": ["string", "null"], "format": "date"}
STRS = {"type": "array", "items": STR}

SCHEMAS: dict[str, Any] = {
    "Error": _obj({"error": STR, "status": INT}, ["error", "status"]),
    "StorySummary": _obj(
        {
            "id": STR,
            "title": STR,
            "n_documents": INT,
            "first_published": DATE,
            "last_published": DATE,
            "facts": INT,
            "conflicting": INT,
            "quotes": INT,
            "entities": INT,
            "discrepancies": INT,
            "outlets": STRS,
        }
    ),
    "StoryList": _obj(
        {
            "total": INT,
            "limit": INT,
            "offset": INT,
            "filters": {"type": "object"},
            "overview": {"type": "object"},
            "outlets": {"type": "array", "items": _obj({"outlet": STR, "documents": INT})},
            "stories": {"type": "array", "items": {"$ref": "#/components/schemas/StorySummary"}},
        }
    ),
    "ThreadSummary": _obj(
        {
            "id": STR,
            "title": STR,
            "n_documents": INT,
            "first_published": DATE,
            "last_published": DATE,
            "stories": INT,
            "facts": INT,
            "conflicting": INT,
        }
    ),
    "ThreadList": _obj(
        {
            "total": INT,
            "limit": INT,
            "offset": INT,
            "threads": {"type": "array", "items": {"$ref": "#/components/schemas/ThreadSummary"}},
        }
    ),
    "ThreadDetail": _obj(
        {
            "thread": {
                "type": "object",
                "description": "the Thread record of the dossier contract (parallax.dossier/1)",
            },
            "stories": {
                "type": "array",
                "items": _obj({"id": STR, "title": STR, "n": INT, "first": DATE}),
            },
            "quantities": {
                "type": "array",
                "items": _obj(
                    {
                        "id": STR,
                        "question": STR,
                        "status": STR,
                        "current": {"type": ["object", "null"]},
                        "points": {
                            "type": "array",
                            "items": _obj(
                                {
                                    "claim": STR,
                                    "value": STR,
                                    "low": NUM,
                                    "high": NUM,
                                    "as_of": DATE,
                                    "as_of_stated": {"type": "boolean"},
                                    "source": STR,
                                    "outlet": STR,
                                    "doc": STR,
                                    "state": STR,
                                    "replaced_by": NSTR,
                                }
                            ),
                        },
                    }
                ),
            },
        }
    ),
    "DocumentMeta": _obj(
        {
            "id": STR,
            "title": STR,
            "outlet": STR,
            "published": DATE,
            "authors": STRS,
            "url": NSTR,
            "n_chars": INT,
        }
    ),
    "StoryDetail": _obj(
        {
            "story": {
                "type": "object",
                "description": "the Story record of the dossier contract (parallax.dossier/1)",
            },
            "documents": {"type": "array", "items": {"$ref": "#/components/schemas/DocumentMeta"}},
        }
    ),
    "EntityDetail": _obj(
        {
            "story_id": STR,
            "story_title": STR,
            "id": STR,
            "name": STR,
            "type": STR,
            "aliases": STRS,
            "n_mentions": INT,
            "n_mentions_total": INT,
            "variants": {"type": "array", "items": _obj({"text": STR, "n": INT})},
            "mentions": {
                "type": "array",
                "items": _obj(
                    {"doc": STR, "start": INT, "end": INT, "before": STR, "text": STR, "after": STR}
                ),
            },
            "quotes": {"type": "array", "items": {"type": "object"}},
            "claims": {"type": "array", "items": {"type": "object"}},
            "documents": {"type": "array", "items": {"type": "object"}},
        }
    ),
    "DocumentDetail": _obj(
        {
            "document": _obj(
                {
                    "id": STR,
                    "source": STR,
                    "outlet": NSTR,
                    "published": DATE,
                    "title": NSTR,
                    "authors": STRS,
                    "text": STR,
                    "url": NSTR,
                }
            ),
            "highlight": {"type": ["object", "null"], "properties": {"start": INT, "end": INT, "text": STR}},
            "stories": {"type": "array", "items": {"type": "object"}},
            "claims": {"type": "array", "items": {"type": "object"}},
            "quotes": {"type": "array", "items": {"type": "object"}},
            "entities": {"type": "array", "items": {"type": "object"}},
        }
    ),
    "SearchResults": _obj(
        {
            "q": STR,
            "filters": {"type": "object"},
            "stories": {"type": "array", "items": {"type": "object"}},
            "entities": {"type": "array", "items": {"type": "object"}},
            "quotes": {"type": "array", "items": {"type": "object"}},
            "documents": {"type": "array", "items": {"type": "object"}},
        }
    ),
}


def api_path(r: Route) -> str:
    return "/api/" + "/".join(r.api)


def html_path(r: Route) -> str:
    return "/" + "/".join(r.html)


def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 description of the JSON API."""
    paths: dict[str, Any] = {}
    err = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for r in ROUTES:
        params = [p.schema() for p in r.params]
        for seg in r.api:
            if seg.startswith("{"):
                params.insert(
                    0,
                    {
                        "name": seg[1:-1],
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "maxLength": 300},
                    },
                )
        responses: dict[str, Any] = {
            "200": {
                "description": "OK",
                "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{r.response}"}}},
            },
            "400": {"description": "a parameter is missing, malformed or out of range", "content": err},
        }
        if any(s.startswith("{") for s in r.api):
            responses["404"] = {"description": "no such record", "content": err}
        paths[api_path(r)] = {
            "get": {
                "operationId": r.name,
                "summary": r.summary,
                "description": f"{r.description} The same data as the page {html_path(r)}.",
                "parameters": params,
                "responses": responses,
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Parallax",
            "version": __version__,
            "description": "Read-only JSON over a Parallax database: stories, their facts and conflicts, "
            "entities, quotes and documents. Every page of the web app has its twin "
            "here. Offsets (start/end) are character offsets into a document's clean text.",
        },
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
