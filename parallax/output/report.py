"""``report.html``: one self-contained page (no network needed) showing the dossier.

Everything from an article is escaped by Jinja2's autoescape.  The page's only script
and stylesheet are fixed files of ours (``templates/report.js``, ``present/static/parallax.css``)
inlined verbatim; the Content-Security-Policy allows exactly those two by their SHA-256
hashes, so no script that comes with an article can run."""

from __future__ import annotations

import base64
import hashlib
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from ..present import STATIC
from ..present import TEMPLATES as SHARED_TEMPLATES
from ..present.threads import thread_view
from ..present.views import Cite, story_view
from ..records import Dossier

TEMPLATES = Path(__file__).with_name("templates")
CSS = STATIC / "parallax.css"
SCRIPT = TEMPLATES / "report.js"
#: the report lists at most this many distinct rejection reasons and rejected inputs (the
#: database and dossier.json hold them all).
MAX_REASONS = 300
MAX_REJECTED = 5000


def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader([str(TEMPLATES), str(SHARED_TEMPLATES)]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def csp_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script/style."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _inline(path: Path, end_tag: str) -> str:
    text = path.read_text(encoding="utf-8")
    if end_tag in text.lower():
        raise ValueError(f"{path} contains {end_tag} and cannot be inlined")
    return text


@dataclass
class ReportLinks:
    """Links inside the one page: a citation opens the story's copy of the article."""

    anchor: str
    docs: dict[str, int]

    def doc(self, doc_id: str) -> str:
        i = self.docs.get(doc_id)
        return f"#{self.anchor}-articles" if i is None else f"#{self.anchor}-d{i}"

    def cite(self, c: Cite) -> str:
        return self.doc(c.doc)

    def entity(self, entity_id: str) -> str:
        """No entity pages in the report: the entities table is the entity view."""
        return ""

    def story(self, story_id: str) -> str:
        return f"#{self.anchor}"


@dataclass
class ThreadLinks:
    """Links from a thread: a citation opens the article's copy in its story's section."""

    docs: dict[str, str]  # doc id -> the id of its copy
    stories: dict[str, str]  # story id -> its anchor

    def doc(self, doc_id: str) -> str:
        return f"#{self.docs[doc_id]}" if doc_id in self.docs else "#stories"

    def cite(self, c: Cite) -> str:
        return self.doc(c.doc)

    def story(self, story_id: str) -> str:
        return f"#{self.stories[story_id]}" if story_id in self.stories else "#stories"

    def entity(self, entity_id: str) -> str:
        return ""


def render(dossier: Dossier, summary: dict | None = None) -> str:
    docs = {d.id: d for d in dossier.documents}
    stories = []
    copies: dict[str, str] = {}  # doc id -> its copy in its story's articles
    anchors: dict[str, str] = {}  # story id -> its section
    for i, s in enumerate(dossier.stories, 1):
        anchor = f"s{i}"
        view = story_view(s, docs)
        links = ReportLinks(anchor, {d["id"]: j for j, d in enumerate(view["documents"])})
        stories.append({"anchor": anchor, "view": view, "link": links})
        anchors[s.id] = anchor
        copies.update((d, f"{anchor}-d{j}") for d, j in links.docs.items())
    by_id = {s.id: s for s in dossier.stories}
    tlinks = ThreadLinks(copies, anchors)
    # the developing situations: a thread of one story is that story, shown as such below
    threads = [
        {"anchor": f"t{i}", "view": thread_view(t, by_id, docs), "link": tlinks}
        for i, t in enumerate(dossier.threads, 1)
        if len(t.stories) > 1
    ]
    css = _inline(CSS, "</style")
    script = _inline(SCRIPT, "</script")
    reasons = Counter(r.reason for r in dossier.rejected).most_common()
    return (
        _env()
        .get_template("report.html.j2")
        .render(
            stories=stories,
            threads=threads,
            docs=docs,
            texts={d.id: d.text for d in dossier.documents},
            reasons=reasons[:MAX_REASONS],
            more_reasons=max(0, len(reasons) - MAX_REASONS),
            rejected=dossier.rejected[:MAX_REJECTED],
            more_rejected=max(0, len(dossier.rejected) - MAX_REJECTED),
            summary=summary or {},
            css=Markup(css),
            script=Markup(script),
            style_hash=csp_hash(css),
            script_hash=csp_hash(script),
        )
    )


def write(dossier: Dossier, path: str | Path, summary: dict | None = None) -> None:
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(render(dossier, summary), encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:  # a full disk: no half-written file is left behind
        tmp.unlink(missing_ok=True)
        raise
