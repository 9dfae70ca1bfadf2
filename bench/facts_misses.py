#!/usr/bin/env python3
"""Where the facts go wrong: each gold fact of a facts gold (parallax.facts-gold/1) beside the
predicted facts its matched claims fell into, and every missed update, missed or false
conflict, part joined to its total and wrong best estimate, with the claims involved.

    .venv/bin/python bench/facts_misses.py --gold G.facts.json --dossier D.json [--only KIND ...]
        [--facts FACT_ID ...] [--evidence N]

KIND: grouping, updates, conflicts, parts, best, unmatched.  The claims are matched to the
gold values as score_facts.py matches them (its own functions, loaded from the shared bench).
Prints to the terminal only (evidence cut to N characters, 160 by default): the article texts
stay out of any file of the repository.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
if not (SHARED / "bench" / "score_facts.py").exists():
    SHARED = Path("/work/shared")
KINDS = ("grouping", "updates", "conflicts", "parts", "best", "unmatched")


def _scorer():
    path = SHARED / "bench" / "score_facts.py"
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location("score_facts", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: cannot load the scorer")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _fig(low, high) -> str:
    def f(x):
        return "-" if x is None else (f"{x:,.0f}" if float(x) == int(x) else f"{x:,}")

    return f(low) if low == high else f"{f(low)}..{f(high)}"


class Report:
    def __init__(self, sf, gold: dict, dossier: dict, width: int) -> None:
        self.sf = sf
        self.G = sf.Gold(gold)
        self.D = sf.Dossier(dossier, self.G.docs)
        self.width = width
        G, D = self.G, self.D
        ev = [sf.norm(c.get("evidence", "")) for _, c in D.claims]
        cdoc = [D.gdoc(c.get("doc")) for _, c in D.claims]
        cands = {}
        for vid in G.order:
            v = G.values[vid]
            anchor = sf.norm(v.get("anchor", ""))
            cands[vid] = [
                i
                for i, (_, c) in enumerate(D.claims)
                if cdoc[i] == v["doc"]
                and anchor
                and anchor in ev[i]
                and sf.close(c.get("low"), v.get("low"))
                and sf.close(c.get("high"), v.get("high"))
            ]
        self.cands = cands
        self.match = sf.max_matching(cands)
        self.pf = {vid: set(D.fact_of.get(D.claims[i][0], [])) for vid, i in self.match.items()}
        self.ev_by_doc = collections.defaultdict(list)
        for i, d in enumerate(cdoc):
            self.ev_by_doc[d].append(i)

    # ------------------------------------------------------------ printing helpers
    def claim(self, vid):
        return self.D.claims[self.match[vid]][1] if vid in self.match else None

    def fact_name(self, f_i: int) -> str:
        name, f, _, _ = self.D.facts[f_i]
        est = f.get("estimate") or {}
        return (
            f"{name} [{f.get('status')}] {f.get('unit')}/{f.get('measure')} "
            f"'{(f.get('question') or '')[:70]}' est={_fig(est.get('low'), est.get('high'))}"
        )

    def value_line(self, vid: str) -> str:
        v = self.G.values[vid]
        head = (
            f"{vid:>6} {v['doc']:>10} {_fig(v.get('low'), v.get('high')):>14} as_of={v.get('as_of')} "
            f"src={'|'.join(v.get('sources') or []) or '-'}"
        )
        c = self.claim(vid)
        if c is None:
            near = [
                self.D.claims[i][1]
                for i in self.ev_by_doc.get(v["doc"], [])
                if self.sf.norm(v.get("anchor", "")) in self.sf.norm(self.D.claims[i][1].get("evidence", ""))
            ]
            alt = "; ".join(f"{_fig(x.get('low'), x.get('high'))} ({x.get('measure')})" for x in near)
            return f"{head}\n          UNMATCHED anchor={v.get('anchor')!r}" + (
                f" claims there: {alt}" if alt else ""
            )
        key = self.D.claims[self.match[vid]][0]
        facts = sorted(self.pf[vid])
        sup = [f_i for f_i in facts if key in self.D.facts[f_i][3]]
        return (
            f"{head}\n          claim {c.get('id')} as_of={c.get('as_of')} by={c.get('attributed_to')!r} "
            f"{c.get('unit')}/{c.get('measure')} q={c.get('quantity')!r} subj={c.get('subject')!r} "
            f"scope={c.get('scope')!r} part={c.get('part')} rev={c.get('revision')} "
            f"facts={[self.D.facts[f][0] for f in facts]} sup={'yes' if sup else 'no'}\n"
            f"          \u201c{' '.join((c.get('evidence') or '').split())[: self.width]}\u201d"
        )

    # ------------------------------------------------------------ sections
    def grouping(self, fact: dict) -> list[str]:
        out = []
        vids = [v["id"] for v in fact.get("values", []) if v["id"] in self.match]
        where = collections.Counter(f for vid in vids for f in self.pf[vid])
        if len(where) > 1 or any(not self.pf[v] for v in vids):
            out.append(f"  split over {len(where)} facts:")
            for f_i, n in where.most_common():
                out.append(f"    {n:>3} in {self.fact_name(f_i)}")
        for f_i in where:
            others = {
                self.G.values[v]["_fact"]
                for v, fs in self.pf.items()
                if f_i in fs and self.G.values[v]["_fact"] != fact["id"]
            }
            if others:
                out.append(f"    {self.D.facts[f_i][0]} also holds gold facts {sorted(others)}")
        return out

    def sup(self, f_i: int, vid: str) -> bool:
        return self.D.claims[self.match[vid]][0] in self.D.facts[f_i][3]

    def both(self, a: str, b: str) -> list[int]:
        if a not in self.match or b not in self.match:
            return []
        return sorted(self.pf[a] & self.pf[b])

    def updates(self, fact: dict) -> list[str]:
        out = []
        for r in fact.get("relations", []):
            if r["kind"] not in ("update", "retraction"):
                continue
            a, b = r["from"], r.get("to")
            fs = self.both(a, b) if b else sorted(self.pf.get(a, set()))
            if any(self.sup(f, a) for f in fs):
                continue
            why = (
                "unmatched"
                if a not in self.match or (b and b not in self.match)
                else "apart"
                if not fs
                else "not superseded"
            )
            out.append(f"  MISSED {r['kind']} {a} -> {b} ({why})")
            out += [self.value_line(x) for x in (a, b) if x]
        return out

    def conflicts(self, fact: dict) -> list[str]:
        out = []
        for r in fact.get("relations", []):
            if r["kind"] != "conflict":
                continue
            a, b = r["a"], r["b"]
            fs = self.both(a, b)
            ok = any(
                self.D.facts[f][1].get("status") == "conflicting"
                and all(not self.sup(f, x) or x in self.G.superseded for x in (a, b))
                for f in fs
            )
            if ok:
                continue
            why = (
                "unmatched"
                if a not in self.match or b not in self.match
                else "apart"
                if not fs
                else "not held"
            )
            out.append(f"  MISSED conflict {a} / {b} ({why})")
            out += [self.value_line(x) for x in (a, b)]
            out += [f"    in {self.fact_name(f)}" for f in fs]
        return out

    def false_conflicts(self) -> list[str]:
        out = []
        held = collections.defaultdict(list)
        for vid in self.match:
            for f_i in self.pf[vid]:
                held[f_i].append(vid)
        for f_i, (_, f, _, _) in enumerate(self.D.facts):
            if f.get("status") != "conflicting":
                continue
            vids = set(held.get(f_i, []))
            true = any(
                a in vids
                and b in vids
                and all(not self.sup(f_i, x) or x in self.G.superseded for x in (a, b))
                for a, b in self.G.conflict_pairs
            )
            live = [v for v in vids if not self.sup(f_i, v)]
            bad = [
                (a, b)
                for i, a in enumerate(live)
                for b in live[i + 1 :]
                if (
                    self.G.values[a]["_fact"] == self.G.values[b]["_fact"]
                    or frozenset((a, b)) in self.G.part_pairs
                )
                and self.G.not_conflicting(a, b)
            ]
            if true or not bad:
                continue
            out.append(f"FALSE conflict {self.fact_name(f_i)}")
            for a, b in bad[:6]:
                out.append(f"  pair {a} / {b}")
            for vid in sorted(vids):
                out.append(self.value_line(vid))
        return out

    def parts(self) -> list[str]:
        out = []
        for a, b in self.G.parts:
            if a in self.match and b in self.match and self.both(a, b):
                out.append(f"JOINED part {a} of {b}")
                out += [self.value_line(x) for x in (a, b)]
        return out

    def best(self, fact: dict) -> list[str]:
        want = self.sf.num((fact.get("best") or {}).get("value"))
        if want is None:
            return []
        votes = collections.Counter(
            f_i for v in fact.get("values", []) if v["id"] in self.match for f_i in self.pf[v["id"]]
        )
        if not votes:
            return [f"  BEST {want:,} as of {fact['best'].get('as_of')}: no matched claim"]
        top = max(votes.values())
        tied = [k for k, c in votes.items() if c == top]
        bad = []
        for k in tied:
            est = self.D.facts[k][1].get("estimate") or {}
            lo, hi = self.sf.num(est.get("low")), self.sf.num(est.get("high"))
            ok = (
                lo - 0.01 * want <= want <= hi + 0.01 * want
                if lo is not None and hi is not None
                else self.sf.close(lo if lo is not None else hi, want)
            )
            if not ok:
                bad.append(
                    f"  BEST {want:,} as of {fact['best'].get('as_of')}: {self.fact_name(k)} "
                    f"(claim {est.get('claim')} as_of {est.get('as_of')})"
                )
        return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--dossier", required=True)
    ap.add_argument("--only", nargs="*", choices=KINDS, default=list(KINDS))
    ap.add_argument("--facts", nargs="*", help="gold fact ids to show (default: all)")
    ap.add_argument("--evidence", type=int, default=160, help="characters of evidence shown")
    a = ap.parse_args()
    sf = _scorer()
    gold = json.loads(Path(a.gold).read_text(encoding="utf-8"))
    dossier = sf.load_json(a.dossier)
    rep = Report(sf, gold, dossier, a.evidence)
    for fact in gold.get("facts", []):
        if a.facts and fact["id"] not in a.facts:
            continue
        lines: list[str] = []
        if "grouping" in a.only:
            lines += rep.grouping(fact)
        if "updates" in a.only:
            lines += rep.updates(fact)
        if "conflicts" in a.only:
            lines += rep.conflicts(fact)
        if "best" in a.only:
            lines += rep.best(fact)
        if "unmatched" in a.only:
            lines += [rep.value_line(v["id"]) for v in fact.get("values", []) if v["id"] not in rep.match]
        if lines:
            n = sum(v["id"] in rep.match for v in fact.get("values", []))
            print(
                f"== {fact['id']}: {fact.get('quantity')} ({fact.get('unit')}; {n}/{len(fact['values'])} matched)"
            )
            print("\n".join(lines))
    if "conflicts" in a.only:
        print("\n".join(rep.false_conflicts()))
    if "parts" in a.only:
        print("\n".join(rep.parts()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
