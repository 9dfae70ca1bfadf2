"""``report.html``: one self-contained page (no network needed) showing the dossier.

Everything from an article is escaped by Jinja2's autoescape; the page carries no
script taken from content and a Content-Security-Policy that forbids any other."""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..records import Dossier

TEMPLATES = Path(__file__).with_name("templates")


def _env() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                       trim_blocks=True, lstrip_blocks=True)


def render(dossier: Dossier, summary: dict | None = None) -> str:
    docs = {d.id: d for d in dossier.documents}
    reasons = Counter(r.reason for r in dossier.rejected)
    return _env().get_template("report.html.j2").render(
        dossier=dossier, docs=docs, reasons=reasons.most_common(), summary=summary or {})


def write(dossier: Dossier, path: str | Path, summary: dict | None = None) -> None:
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render(dossier, summary), encoding="utf-8")
    os.replace(tmp, path)
