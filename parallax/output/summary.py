"""The one-screen summary printed at the end of a run."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..records import Dossier


def stats(dossier: Dossier) -> dict[str, Any]:
    facts = [f for s in dossier.stories for f in s.facts]
    return {
        "inputs": len(dossier.documents) + len(dossier.rejected),
        "documents": len(dossier.documents),
        "headline_only": sum(d.headline_only for d in dossier.documents),
        "rejected": len(dossier.rejected),
        "rejected_reasons": Counter(r.reason for r in dossier.rejected).most_common(),
        "stories": len(dossier.stories),
        "multi_document_stories": sum(len(s.documents) > 1 for s in dossier.stories),
        "threads": len(dossier.threads),
        "multi_story_threads": sum(len(t.stories) > 1 for t in dossier.threads),
        "entities": sum(len(s.entities) for s in dossier.stories),
        "claims": sum(len(s.claims) for s in dossier.stories),
        "facts": len(facts),
        "conflicts": sum(f.status == "conflicting" for f in facts),
        "quotes": sum(len(s.quotes) for s in dossier.stories),
        "timeline_entries": sum(len(s.timeline) for s in dossier.stories),
        "discrepancies": sum(len(s.discrepancies) for s in dossier.stories),
    }


def render(st: dict[str, Any], seconds: float, out: str) -> str:
    rate = st["documents"] / seconds if seconds > 0 else 0.0
    lines = [
        f"Parallax: {st['inputs']} inputs read in {seconds:.1f}s ({rate:.1f} documents/s)",
        f"  documents   {st['documents']}"
        + (
            f" ({st['headline_only']} headline only: the body was a paywall or sign-up page)"
            if st["headline_only"]
            else ""
        ),
        f"  rejected    {st['rejected']}",
    ]
    for reason, n in st["rejected_reasons"][:8]:
        lines.append(f"      {n:>6}  {reason}")
    if len(st["rejected_reasons"]) > 8:
        lines.append(f"      ... and {len(st['rejected_reasons']) - 8} other reasons (see the report)")
    lines += [
        f"  stories     {st['stories']} ({st['multi_document_stories']} with more than one document)",
        f"  threads     {st['threads']} ({st['multi_story_threads']} with more than one story)",
        f"  claims      {st['claims']} in {st['facts']} facts, {st['conflicts']} conflicting",
        f"  quotes      {st['quotes']}    timeline entries {st['timeline_entries']}    "
        f"discrepancies {st['discrepancies']}",
        f"  written     {out}/dossier.json, {out}/report.html, {out}/parallax.duckdb",
    ]
    return "\n".join(lines)
