"""The budget workload (`python -m dashboard bench --budget`): how long the budget
selection and the efficient frontier take on portfolios of 200 initiatives, and what
they can say about their answer ("optimal" or "within x% of the best possible score").

Cases (synthetic, seeded; costs $0.1M-$50M):
- `random`: benefits $0-$80M and mean relative values 1-5 or none, equal weights;
- `proportional-1%`: benefit = 1.5 x cost within 1%, benefit weight only;
- `proportional-0.01%`: within 0.01%, benefit weight only: the adversarial case of
  issue 13 (scores nearly proportional to costs make the selection a subset-sum, which
  no exact search finishes quickly; the step limit of dashboard/analysis/selection.py stops it).

For each case and budget (5, 30, 60 and 95% of the total cost) the selection is timed
`--runs` times (wall time of selection.budget_answer at its default step limit); the
statement is checked to be the same on every run (the limit counts steps, not time).
The frontier (selection.efficient_frontier, no budget) is timed likewise. The machine and
its load average are printed, as the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import pandas as pd

from bench.stats import machine, percentile
from dashboard.analysis import scoring, selection
from dashboard.errors import UserError

INITIATIVES = 200
BUDGET_SHARES = (0.05, 0.3, 0.6, 0.95)
GOAL_MS = 1500  # issue 13: each adversarial selection answered within 1.5 s


def instances(n: int = INITIATIVES, seed: int = 7):
    """(case, priority inputs, weights) for each case of the module's docstring."""
    r = random.Random(seed)
    rows = [(f"I{k:03d}", round(r.uniform(1e5, 5e7), 2), round(r.uniform(0, 8e7), 2),
             r.choice([None, 1.0, 2.0, 2.5, 3.0, 4.0, 5.0])) for k in range(n)]
    cols = ["initiative_id", "total_cost_usd", "total_benefit_usd", "mean_relative_value"]
    yield "random", pd.DataFrame(rows, columns=cols), (1 / 3, 1 / 3, 1 / 3)
    for label, noise in (("proportional-1%", 1e-2), ("proportional-0.01%", 1e-4)):
        prop = [(i, c, round(c * 1.5 * (1 + r.uniform(-noise, noise)), 2), v)
                for i, c, _, v in rows]
        yield label, pd.DataFrame(prop, columns=cols), (0.0, 1.0, 0.0)


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def _stats(times: list[float]) -> dict:
    return {"runs": len(times), "p50_ms": round(percentile(times, 50), 1),
            "p95_ms": round(percentile(times, 95), 1), "max_ms": round(max(times), 1)}


def time_budget(runs: int) -> list[dict]:
    """One row per case and budget share (and one per case for the frontier)."""
    out = []
    for case, inputs, weights in instances():
        ranking = scoring.priority_ranking(inputs, weights)
        total = float(ranking["total_cost_usd"].sum())
        for share in BUDGET_SHARES:
            times, statements = [], set()
            for _ in range(runs):
                t0 = time.perf_counter()
                _, opt = selection.budget_answer(ranking, total * share)
                times.append(_ms(t0))
                statements.add(opt.statement())
            if len(statements) != 1:
                raise AssertionError(f"{case} at {share:.0%}: statements differ: {statements}")
            out.append({"case": case, "initiatives": len(ranking), "what": "selection",
                        "budget_share": share, "steps_limit": selection.SELECTION_STEPS,
                        "statement": statements.pop(), "optimal": opt.optimal,
                        "gap_pct": float(opt.gap * 100), **_stats(times)})
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            fr = selection.efficient_frontier(ranking)
            times.append(_ms(t0))
        out.append({"case": case, "initiatives": len(ranking), "what": "frontier",
                    "budget_share": None, "steps_limit": selection.FRONTIER_STEPS,
                    "statement": selection.frontier_statement(fr), "rows": len(fr),
                    **_stats(times)})
    return out


def format_table(rows: list[dict]) -> str:
    lines = [f"{'case':<20} {'what':<10} {'budget':>6} {'p50 ms':>8} {'p95':>8} {'max':>8}  "
             "statement"]
    for r in rows:
        share = "" if r["budget_share"] is None else f"{r['budget_share']:.0%}"
        lines.append(f"{r['case']:<20} {r['what']:<10} {share:>6} {r['p50_ms']:>8.1f} "
                     f"{r['p95_ms']:>8.1f} {r['max_ms']:>8.1f}  {r['statement']}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.runs < 1:
        raise UserError(f"--runs must be at least 1, got {args.runs}")
    out = Path(args.out).expanduser().resolve() if args.out else None
    if out is not None and not out.parent.is_dir():
        raise UserError(f"--out {args.out}: folder {out.parent} does not exist")
    runs = args.runs
    load_before = os.getloadavg()
    rows = time_budget(runs)
    report = {
        "machine": machine(),
        "load_average_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "runs": runs, "goal_ms": GOAL_MS, "budget": rows,
    }
    print(format_table(rows))
    adversarial = [r for r in rows if r["case"] == "proportional-0.01%" and r["what"] == "selection"]
    worst = max(r["max_ms"] for r in adversarial)
    print(f"adversarial case: slowest selection {worst:.0f} ms (goal {GOAL_MS} ms: "
          f"{'met' if worst <= GOAL_MS else 'NOT met'}); load average "
          f"{report['load_average_before_after'][0]} -> {report['load_average_before_after'][1]}"
          f" on {report['machine']}")
    if out is not None:  # whole or not at all: a temporary file renamed into place
        out.with_name(out.name + ".tmp").write_text(json.dumps(report, indent=2) + "\n",
                                                    encoding="utf-8")
        os.replace(out.with_name(out.name + ".tmp"), out)
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    p = argparse.ArgumentParser(prog="python -m bench.budget")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--out")
    sys.exit(run(p.parse_args()))
