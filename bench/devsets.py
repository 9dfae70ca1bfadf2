#!/usr/bin/env python3
"""Run Parallax on every dev set and print every bar the open issues set, half by half.

    .venv/bin/python bench/devsets.py [--out /tmp/devsets] [--only seeds facts basil ...] [--reuse]

Sets: seeds (the bundled example on its gold file), facts (the three developing stories on
their figures gold), basil (quotes, figures, stories), polnear (quotes), ecbplus (stories),
gva (counts and stories), timeline17 (five topics; fit on bpoil, H1N1, haiti, check on MJ and
IraqWar).  Each run goes to OUT/<set>; --reuse scores the dossiers already there.  The figures
come from the scorers in ../shared/bench, through bench/halves.py where a set has halves.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BENCH = SHARED / "bench"
DATA = SHARED / "data"
PY = sys.executable

RUNS = {
    "seeds": [("kazakhstan-2022", ROOT / "examples" / "kazakhstan-2022")],
    "facts": [(c, SHARED / "corpora" / c) for c in ("kazakhstan-2022", "beirut-2020", "maria-2017")],
    "basil": [("basil", DATA / "basil-dev" / "articles.jsonl")],
    "polnear": [("polnear", DATA / "polnear-dev" / "articles.jsonl.gz")],
    "ecbplus": [("ecbplus", DATA / "ecbplus-dev" / "articles.jsonl")],
    "gva": [("gva", DATA / "gva-dev" / "articles.jsonl.gz")],
}
T17_FIT, T17_CHECK = ("bpoil", "H1N1", "haiti"), ("MJ", "IraqWar")


def analyze(src: Path, out: Path) -> float:
    t0 = time.time()
    cmd = [PY, "-m", "parallax", "analyze", str(src), "--out", str(out), "--fresh", "--no-progress"]
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.time() - t0


def scored(cmd: list[str]) -> dict:
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def halves(name: str, dossier: Path, metrics: list[str]) -> dict:
    cmd = [
        PY,
        str(ROOT / "bench" / "halves.py"),
        name,
        "--dossier",
        str(dossier),
        "--json",
        "--metrics",
        *metrics,
    ]
    return scored(cmd)


def line(label: str, values: dict, bar: str = "") -> None:
    cells = " ".join(f"{_fmt(values.get(h)):>7}" for h in ("A", "B", "all"))
    print(f"  {label:38} {cells}   {bar}")


def _fmt(v: object) -> str:
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="/tmp/devsets")
    ap.add_argument("--only", nargs="*", default=[*RUNS, "timeline17"])
    ap.add_argument("--reuse", action="store_true")
    a = ap.parse_args()
    out = Path(a.out)
    for group in a.only:
        for name, src in RUNS.get(group, []):
            if not a.reuse:
                print(f"{group}/{name}: analysed in {analyze(src, out / name):.0f} s", file=sys.stderr)
    if "timeline17" in a.only and not a.reuse:
        subprocess.run(
            [PY, str(ROOT / "bench" / "timeline17.py"), "--out", str(out / "t17")], check=True, cwd=ROOT
        )
    print(f"{'':40} {'A':>7} {'B':>7} {'all':>7}   bar")
    if "seeds" in a.only:
        d = out / "kazakhstan-2022" / "dossier.json"
        cmd = [
            PY,
            str(BENCH / "score.py"),
            "--gold",
            str(BENCH / "gold" / "kazakhstan-2022.json"),
            "--dossier",
            str(d),
        ]
        text = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        m = scored([*cmd, "--json"])
        m["headline"] = float(re.search(r"headline mean of \d+: ([0-9.]+)", text).group(1))  # type: ignore[union-attr]
        print("seeds (score.py)")
        for k in (
            "headline",
            "entities.pair_f1",
            "quotes.speaker_accuracy",
            "timeline.date_f1",
            "facts.pair_f1",
        ):
            line(k, {"all": m.get(k)}, ">= 0.99" if k == "headline" else "")
    if "facts" in a.only:
        print("developing stories (score_facts.py; fit on two, check on the third)")
        for name, _ in RUNS["facts"]:
            d = out / name / "dossier.json"
            m = scored(
                [
                    PY,
                    str(BENCH / "score_facts.py"),
                    "--gold",
                    str(BENCH / "gold" / f"{name}.facts.json"),
                    "--dossier",
                    str(d),
                    "--json",
                ]
            )
            for k, bar in (
                ("headline", ">= 0.80"),
                ("updates.recall", ">= 0.80"),
                ("conflicts.precision", ">= 0.90"),
                ("threads.bcubed_f1", ">= 0.90"),
                ("best.accuracy", ">= 0.80"),
                ("values.recall", ""),
            ):
                line(f"{name} {k}", {"all": m.get(k)}, bar)
    if "basil" in a.only:
        d = out / "basil" / "dossier.json"
        print("BASIL dev (halves by event)")
        q = halves("basil-quotes", d, ["quotes.speaker_accuracy", "quotes.recall"])
        line("quotes.speaker_accuracy", {h: q[h]["quotes.speaker_accuracy"] for h in q}, ">= 0.85")
        line("quotes.recall", {h: q[h]["quotes.recall"] for h in q})
        f = halves(
            "basil-facts",
            d,
            [
                "values.precision_judged",
                "traps.avoided",
                "values.recall",
                "attribution.accuracy",
                "conflicts.precision",
            ],
        )
        for k, bar in (
            ("values.precision_judged", ">= 0.95"),
            ("traps.avoided", ">= 0.90"),
            ("values.recall", ">= 0.70"),
            ("attribution.accuracy", ">= 0.85"),
            ("conflicts.precision", ">= 0.90"),
        ):
            line(k, {h: f[h][k] for h in f}, bar)
        s = halves("basil-stories", d, ["subtopic.bcubed_f1"])
        line("stories subtopic.bcubed_f1", {h: s[h]["subtopic.bcubed_f1"] for h in s}, ">= 0.92")
    if "polnear" in a.only:
        q = halves(
            "polnear",
            out / "polnear" / "dossier.json",
            ["quotes.speaker_accuracy", "quotes.recall", "quotes.precision"],
        )
        print("PolNeAR dev (halves by document)")
        for k, bar in (
            ("quotes.speaker_accuracy", ">= 0.85"),
            ("quotes.recall", ""),
            ("quotes.precision", ""),
        ):
            line(k, {h: q[h][k] for h in q}, bar)
    if "ecbplus" in a.only:
        s = halves("ecbplus", out / "ecbplus" / "dossier.json", ["subtopic.bcubed_f1"])
        print("ECB+ dev (halves by topic)")
        line("subtopic.bcubed_f1", {h: s[h]["subtopic.bcubed_f1"] for h in s}, ">= 0.92")
    if "gva" in a.only:
        g = halves(
            "gva",
            out / "gva" / "dossier.json",
            ["clustering.bcubed_f1", "multi.killed_accuracy", "multi.injured_accuracy"],
        )
        print("GVA dev (halves by incident)")
        for k, bar in (
            ("clustering.bcubed_f1", ">= 0.95"),
            ("multi.killed_accuracy", ">= 0.86"),
            ("multi.injured_accuracy", ">= 0.77"),
        ):
            line(k, {h: g[h][k] for h in g}, bar)
    if "timeline17" in a.only:
        print("Timeline17 (fit: bpoil H1N1 haiti; check: MJ IraqWar)")
        res = {}
        for label, topics in (("A", T17_FIT), ("B", T17_CHECK), ("all", T17_FIT + T17_CHECK)):
            args = []
            for t in topics:
                args += [
                    "--timelines",
                    str(DATA / "timeline17-dev" / t / "timelines"),
                    "--dossier",
                    str(out / "t17" / t / "dossier.json"),
                ]
            res[label] = scored([PY, str(BENCH / "score_timeline.py"), *args, "--json"])
        for k in ("all.span.date_f1", "all.date_f1", "largest.date_f1"):
            line(k, {h: res[h].get(k) for h in res}, ">= 0.65, B within 0.05 of A" if "span" in k else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
