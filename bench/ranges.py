"""The ranges workload (`python -m dashboard bench --ranges`): the cold computation of every
range figure of data contract version 3 (data/README.md, "Ranges: how sure each figure
is") at 200 initiatives and 10 million cost rows (issue 25: well under 1 s on 2 cores).

The data (synthetic, seeded; kept under --work-dir between runs): 200 initiatives, 27
organizations with a cost-sharing key, `--cost-rows` cost lines (default 10,000,000;
two thirds of them shared) over ten fiscal years, about 6,000 benefit lines of every
confidence, and a `ranges` table replacing one class.

Each run starts cold: a new query runner and dataset memo (each query and dataset is
computed once per run, as the app's caches do within a rerun), then every range dataset
the pages and the export read (ranges_portfolio, ranges_by_initiative, npv_tornado, the
NPV histogram, the factors, the low-confidence share): the three queries on the snapshot's
open database and the 20,000-draw simulation. Opening the snapshot's database (which
pre-sums the line items once for every page, queries/_cost_benefit_totals.sql) is timed
apart, once, as `open_ms`. Unfiltered, and with an organization filter and a years
filter (the shared lines counted at their share). Wall time and CPU time (of every thread:
DuckDB's and the simulation's two) are reported with the load average, as the machine is
shared: on a busy machine the wall time is a multiple of the CPU time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa

from bench.stats import machine, percentile
from dashboard.errors import UserError

INITIATIVES = 200
AGENCIES = 27
YEARS = tuple(range(2004, 2014))
COST_ROWS = 10_000_000
AS_OF = "2006-03-31"
GOAL_MS = 1000
CHUNK = 1_000_000


def _ids(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{k:03d}" for k in range(n)]


def _small_tables(rng: np.random.Generator) -> dict[str, pa.Table]:
    from dashboard.contract.schema import CATEGORIES, CONFIDENCE_LEVELS, STAGES, TABLES

    ids, agencies = _ids("I", INITIATIVES), _ids("AG", AGENCIES)
    shares = rng.dirichlet(np.ones(AGENCIES))
    n_benefits = INITIATIVES * len(YEARS) * 3
    tables = {
        "initiatives": {"initiative_id": ids, "name": [f"Initiative {i}" for i in ids],
                        "category": [CATEGORIES[k % len(CATEGORIES)] for k in range(INITIATIVES)],
                        "is_priority": [k % 7 == 0 for k in range(INITIATIVES)],
                        "stage": [STAGES[k % len(STAGES)] for k in range(INITIATIVES)],
                        "lead_agency": [None] * INITIATIVES,
                        "funding_target_usd": [None] * INITIATIVES},
        "agencies": {"agency_code": agencies, "name": [f"Organization {a}" for a in agencies],
                     "agency_type": ["fund_programme"] * AGENCIES,
                     "cost_share": [float(s) for s in shares]},
        "benefits": {"initiative_id": [ids[k % INITIATIVES] for k in range(n_benefits)],
                     "agency_code": [None if k % 3 == 0 else agencies[k % AGENCIES]
                                     for k in range(n_benefits)],
                     "fiscal_year": [YEARS[(k // INITIATIVES) % len(YEARS)]
                                     for k in range(n_benefits)],
                     "benefit_category": ["productivity"] * n_benefits,
                     "confidence": [CONFIDENCE_LEVELS[k % 3] for k in range(n_benefits)],
                     "amount_usd": [float(x) for x in rng.uniform(1e4, 2e6, n_benefits)]},
        "commitments": {"initiative_id": ids, "agency_code": [agencies[k % AGENCIES]
                                                              for k in range(INITIATIVES)],
                        "commitment_level": ["committed"] * INITIATIVES,
                        "relative_value": [int(v) for v in rng.integers(1, 6, INITIATIVES)],
                        "pledged_usd": [0.0] * INITIATIVES},
        "contributions": {c.name: [] for c in TABLES["contributions"].columns},
        "ranges": {"side": ["benefit"], "range_class": ["low"], "low_factor": [0.1],
                   "high_factor": [1.2]},
    }
    return {name: pa.table({f.name: pa.array(cols[f.name], type=f.type)
                            for f in TABLES[name].arrow_schema()},
                           schema=TABLES[name].arrow_schema())
            for name, cols in tables.items()}


def _cost_batches(n_rows: int, seed: int) -> Iterator[pa.RecordBatch]:
    from dashboard.contract.schema import COST_CATEGORIES, TABLES

    schema = TABLES["costs"].arrow_schema()
    rng = np.random.default_rng(seed)
    ids = pa.array(_ids("I", INITIATIVES))
    agencies = pa.array([None, *_ids("AG", AGENCIES)], type=pa.string())
    categories = pa.array(list(COST_CATEGORIES))
    for start in range(0, n_rows, CHUNK):
        m = min(CHUNK, n_rows - start)
        agency = rng.integers(0, AGENCIES * 3, m)
        agency = np.where(agency < AGENCIES * 2, 0, agency - AGENCIES * 2 + 1)  # 2/3 shared
        yield pa.record_batch([
            ids.take(pa.array(rng.integers(0, INITIATIVES, m))),
            agencies.take(pa.array(agency)),
            pa.array(rng.integers(YEARS[0], YEARS[-1] + 1, m).astype(np.int32)),
            categories.take(pa.array(rng.integers(0, len(COST_CATEGORIES), m))),
            pa.array(rng.random(m) < 0.5),
            pa.array(rng.uniform(10.0, 1000.0, m)),
        ], schema=schema)


def ensure_data(work_dir: Path, cost_rows: int) -> Path:
    """The synthetic snapshot for this size: reused when already published."""
    from dashboard.store import catalog, publishing

    data_dir = work_dir / f"ranges-{INITIATIVES}-initiatives-{cost_rows}"
    if catalog.scan(data_dir).newest is None:
        print(f"generating {INITIATIVES} initiatives, {cost_rows:,} cost rows into "
              f"{data_dir} ...", file=sys.stderr, flush=True)
        tables: dict[str, object] = dict(_small_tables(np.random.default_rng(25)))
        tables["costs"] = _cost_batches(cost_rows, 25)
        publishing.publish(data_dir, AS_OF, tables, "synthetic data for the ranges benchmark",
                           replace=True)
    return data_dir


def _cold_context(db, filters):
    """A context with a fresh query cache and dataset memo: cold, each computed once."""
    from dashboard.query.chart_data import Context

    queries: dict = {}
    datasets: dict = {}

    def run(name, f, **extra):
        key = (name, f, tuple(sorted(extra.items())))
        if key not in queries:
            queries[key] = db.query(name, f, **extra)
        return queries[key]

    def memo(fn, ctx, options, args):
        key = (fn.__qualname__, tuple(getattr(ctx, o) for o in options), args)
        if key not in datasets:
            datasets[key] = fn(ctx, *args)
        return datasets[key]

    return Context(db=db, filters=filters, runner=run, memo=memo)


def all_range_figures(ctx) -> None:
    from dashboard.query import ranges_data as rd

    for fn in (rd.ranges_portfolio, rd.ranges_by_initiative, rd.npv_tornado,
               rd.npv_distribution, rd.range_factors, rd.low_confidence_share):
        fn(ctx)


def time_ranges(data_dir: Path, runs: int) -> dict:
    from dashboard.query.db import Database
    from dashboard.query.filters import Filters

    db = Database(data_dir)
    t0 = time.perf_counter()
    db.connection(AS_OF)
    open_ms = (time.perf_counter() - t0) * 1000
    cases = {"unfiltered": Filters(snapshot=AS_OF),
             "one organization, 2006-2010": Filters(snapshot=AS_OF, agencies=("AG003",),
                                                   year_from=2006, year_to=2010)}
    out = []
    for label, filters in cases.items():
        times, cpu = [], []
        for _ in range(runs):
            t, c = time.perf_counter(), time.process_time()
            all_range_figures(_cold_context(db, filters))
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        out.append({"case": label, "runs": runs, "p50_ms": round(percentile(times, 50), 1),
                    "p95_ms": round(percentile(times, 95), 1), "max_ms": round(max(times), 1),
                    "cpu_p50_ms": round(percentile(cpu, 50), 1),
                    "load_average": round(os.getloadavg()[0], 2)})
    return {"open_ms": round(open_ms, 1), "cases": out}


def run(args: argparse.Namespace) -> int:
    from bench.timing import DEFAULT_WORK_DIR

    sizes = list(args.cost_rows or [COST_ROWS])
    if any(n < 1 for n in sizes) or args.runs < 1:
        raise UserError("--cost-rows and --runs must be positive")
    work_dir = Path(args.work_dir).expanduser().resolve() if args.work_dir else DEFAULT_WORK_DIR
    work_dir.mkdir(parents=True, exist_ok=True)
    report: dict = {"machine": machine(), "initiatives": INITIATIVES, "ranges": []}
    for size in sizes:
        result = time_ranges(ensure_data(work_dir, size), args.runs)
        report["ranges"].append({"cost_rows": size, **result})
        print(f"{INITIATIVES} initiatives, {size:,} cost rows: opening the snapshot "
              f"{result['open_ms']:.0f} ms (once, shared by every page)")
        for c in result["cases"]:
            print(f"  every range figure, cold ({c['case']}): p50 {c['p50_ms']:.0f} ms, "
                  f"p95 {c['p95_ms']:.0f} ms, max {c['max_ms']:.0f} ms over {c['runs']} runs "
                  f"(goal under {GOAL_MS} ms); CPU time p50 {c['cpu_p50_ms']:.0f} ms (all "
                  f"threads); load average {c['load_average']}")
    if args.out:
        out = Path(args.out).expanduser().resolve()
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, out)
        print(f"wrote {out}")
    return 0
