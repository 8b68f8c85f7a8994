"""The benchmark (`python -m bench`, also `python -m dashboard bench`): every page's
queries, uncached, against a pandas baseline.

For each size asked (cost line items; default 100,000, 1,000,000 and 10,000,000):
1. the generator's data is written once into the work directory
   (`<work-dir>/cost-rows-<N>/`, default bench-work/) and reused by later runs;
2. one subprocess per engine does the timing, so the peak memory of one engine
   (ru_maxrss of its own process) never includes the other's:
   - duckdb: `cold_start_ms` is the first query on a new `Database` (scan with checksums
     verified, views and macros created, the query run); then one untimed warm-up pass,
     then `--runs` passes over every page, each with different filters
     (bench/pages.py filter_variants), each page's named queries run through
     `Database.query` exactly as the page runs them (no Streamlit cache);
   - pandas: `load_ms` is reading the six Parquet files into DataFrames (not part of the
     per-page times); then the same warm-up and the same passes with the pandas versions
     of the queries (bench/pages.py PandasData);
3. p50 and p95 of each page's time per engine are printed as a table and written as the
   JSON of data/README.md ("Benchmark output") with `--out`.

Many users at once are measured by the browser test tests/browser/test_sessions.py (10
concurrent Chromium sessions against one server, each checking its own filters' figures).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.stats import machine, peak_rss_mb, percentile
from dashboard.config import REPO_ROOT
from dashboard.errors import UserError

DEFAULT_SIZES = (100_000, 1_000_000, 10_000_000)
DEFAULT_WORK_DIR = REPO_ROOT / "bench-work"
ENGINES = ("duckdb", "pandas")
WORKER_TIMEOUT_S = 3600


# -- data -------------------------------------------------------------------------------------
def ensure_data(work_dir: Path, cost_rows: int) -> Path:
    """The generator's data for this size: reused when already published, else generated."""
    from dashboard.store import catalog

    data_dir = work_dir / f"cost-rows-{cost_rows}"
    if catalog.scan(data_dir).newest is None:
        print(f"generating {cost_rows:,} cost rows into {data_dir} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "dashboard", "generate", "--out", str(data_dir),
             "--cost-rows", str(cost_rows), "--snapshots", "1"],
            cwd=REPO_ROOT, capture_output=True, text=True,
        )
        if proc.returncode != 0:
            raise UserError(f"generating {cost_rows} cost rows into {data_dir} failed "
                             f"(exit {proc.returncode}): {proc.stderr.strip()[-2000:]}", 1)
        print(f"  generated in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
        if catalog.scan(data_dir).newest is None:
            raise UserError(f"the generator published no snapshot in {data_dir}", 1)
    return data_dir


# -- the timing worker (one process per engine and size) ----------------------------------------
def worker(engine: str, data_dir: Path, runs: int) -> dict:
    from bench.pages import PAGES, filter_variants, read_domain
    from dashboard.query.filters import Filters

    extra: dict[str, float] = {}
    if engine == "duckdb":
        from dashboard.query.db import Database

        t0 = time.perf_counter()
        db = Database(data_dir)
        snap = db.scan().newest
        if snap is None:
            raise RuntimeError(f"no published snapshot in {data_dir}")
        db.query("kpis", Filters(snapshot=snap.as_of))
        extra["cold_start_ms"] = (time.perf_counter() - t0) * 1000
        run_query = db.query
    elif engine == "pandas":
        from bench.pages import PandasData
        from dashboard.store import catalog

        snap = catalog.scan(data_dir).newest
        if snap is None:
            raise RuntimeError(f"no published snapshot in {data_dir}")
        t0 = time.perf_counter()
        pdata = PandasData.load(snap.path)
        extra["load_ms"] = (time.perf_counter() - t0) * 1000
        run_query = pdata.query
    else:
        raise ValueError(f"unknown engine {engine!r}")

    domain = read_domain(snap.path, snap.as_of)
    variants = filter_variants(domain, runs)
    # One untimed pass (no filters) so both engines start warm; cold start is reported above.
    bare = Filters(snapshot=snap.as_of)
    for workload in PAGES.values():
        workload(run_query, bare)
    times: dict[str, list[float]] = {page: [] for page in PAGES}
    for f in variants:
        for page, workload in PAGES.items():
            t0 = time.perf_counter()
            workload(run_query, f)
            times[page].append((time.perf_counter() - t0) * 1000)
    return {"engine": engine, "cost_rows": snap.rows.get("costs"), "times_ms": times,
            "peak_rss_mb": peak_rss_mb(), **extra}


def run_worker(engine: str, data_dir: Path, runs: int) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.timing", "--worker", engine,
         "--data-dir", str(data_dir), "--runs", str(runs)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=WORKER_TIMEOUT_S,
    )
    if proc.returncode != 0:
        raise UserError(f"the {engine} benchmark over {data_dir} failed "
                         f"(exit {proc.returncode}):\n{proc.stderr.strip()[-3000:]}", 1)
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- the command ---------------------------------------------------------------------------------
def summarize(size: int, raw: dict) -> list[dict]:
    rows = []
    for page, times in raw["times_ms"].items():
        row = {
            "cost_rows": size,
            "page": page,
            "engine": raw["engine"],
            "p50_ms": round(percentile(times, 50), 3),
            "p95_ms": round(percentile(times, 95), 3),
            "runs": len(times),
            "peak_rss_mb": round(raw["peak_rss_mb"], 1),
            "mean_ms": round(statistics.fmean(times), 3),
            "max_ms": round(max(times), 3),
        }
        for k in ("cold_start_ms", "load_ms"):
            if k in raw:
                row[k] = round(raw[k], 1)
        rows.append(row)
    return rows


def format_table(results: list[dict]) -> str:
    by_key = {(r["cost_rows"], r["page"], r["engine"]): r for r in results}
    lines = [f"{'cost rows':>11}  {'page':<18} {'duckdb p50':>10} {'p95':>8} "
             f"{'pandas p50':>10} {'p95':>8} {'speed-up':>8}  {'RSS duckdb':>10} {'pandas':>8}"]
    for size, page, engine in by_key:
        if engine != "duckdb":
            continue
        d = by_key[(size, page, "duckdb")]
        p = by_key.get((size, page, "pandas"))
        speed = f"{p['p50_ms'] / d['p50_ms']:.1f}x" if p and d["p50_ms"] > 0 else "—"
        lines.append(
            f"{size:>11,}  {page:<18} {d['p50_ms']:>10.1f} {d['p95_ms']:>8.1f} "
            f"{(p['p50_ms'] if p else float('nan')):>10.1f} "
            f"{(p['p95_ms'] if p else float('nan')):>8.1f} {speed:>8}  "
            f"{d['peak_rss_mb']:>8.0f}MB {(p['peak_rss_mb'] if p else float('nan')):>6.0f}MB"
        )
    sizes = sorted({r["cost_rows"] for r in results})
    for size in sizes:
        d = next((r for r in results if r["cost_rows"] == size and r["engine"] == "duckdb"), None)
        p = next((r for r in results if r["cost_rows"] == size and r["engine"] == "pandas"), None)
        lines.append(f"{size:>11,}  cold start (duckdb): {d['cold_start_ms']:.0f} ms; "
                     f"pandas Parquet load: {p['load_ms']:.0f} ms" if d and p else "")
    return "\n".join(lines)


SELECTION_INITIATIVES = 200
SELECTION_BUDGET_SHARES = (0.05, 0.3, 0.6, 0.95)


def selection_instances(n: int, seed: int = 7):
    """Synthetic portfolios of n initiatives for timing the exact budget selection.

    `random`: costs $0.1M-$50M, benefits $0-$80M, mean relative values 1-5 or none.
    `proportional`: benefit proportional to cost within 1%, ranked on benefit alone, a hard
    case for branch and bound (many selections score nearly the same). Closer still (within
    0.01%) the search takes seconds: docs/benchmarks.md records it.
    """
    import random

    import pandas as pd

    r = random.Random(seed)
    rows = [(f"I{k:03d}", round(r.uniform(1e5, 5e7), 2), round(r.uniform(0, 8e7), 2),
             r.choice([None, 1.0, 2.0, 2.5, 3.0, 4.0, 5.0])) for k in range(n)]
    cols = ["initiative_id", "total_cost_usd", "total_benefit_usd", "mean_relative_value"]
    yield "random", pd.DataFrame(rows, columns=cols), (1 / 3, 1 / 3, 1 / 3)
    prop = [(i, c, round(c * 1.5 * (1 + r.uniform(-1e-2, 1e-2)), 2), v) for i, c, _, v in rows]
    yield "proportional", pd.DataFrame(prop, columns=cols), (0.0, 1.0, 0.0)


def time_selection(runs: int, n: int = SELECTION_INITIATIVES) -> list[dict]:
    """Wall time of selection.budget_selection on n initiatives, at several budgets."""
    from dashboard.analysis import scoring, selection

    out = []
    for case, inputs, weights in selection_instances(n):
        ranking = scoring.priority_ranking(inputs, weights)
        total = float(ranking["total_cost_usd"].sum())
        times = []
        for _ in range(max(1, runs // len(SELECTION_BUDGET_SHARES))):
            for share in SELECTION_BUDGET_SHARES:
                t0 = time.perf_counter()
                selection.budget_selection(ranking, total * share)
                times.append((time.perf_counter() - t0) * 1000)
        out.append({"initiatives": n, "case": case, "budget_shares": list(SELECTION_BUDGET_SHARES),
                    "runs": len(times), "p50_ms": round(percentile(times, 50), 3),
                    "p95_ms": round(percentile(times, 95), 3), "max_ms": round(max(times), 3)})
    return out


def parse_page_sizes(values: list[str] | None) -> list[str | int]:
    """--page-sizes: 'sample' or a positive number of cost rows each."""
    from bench.rerun import DEFAULT_PAGE_SIZES, SAMPLE

    out: list[str | int] = []
    for v in values or DEFAULT_PAGE_SIZES:
        if str(v) == SAMPLE:
            out.append(SAMPLE)
            continue
        try:
            n = int(str(v).replace("_", ""))
        except ValueError:
            raise UserError(f"--page-sizes: {v!r} is neither 'sample' nor a number") from None
        if n < 1:
            raise UserError(f"--page-sizes must be positive, got {v!r}")
        out.append(n)
    return out


def run(args: argparse.Namespace) -> int:
    only = getattr(args, "only", None)
    if getattr(args, "quick", False):
        only = only or "pages"
        args.page_sizes = args.page_sizes or ["sample"]
        if args.page_runs == 10:
            args.page_runs = 3
    sizes = list(args.cost_rows or DEFAULT_SIZES)
    if any(n < 1 for n in sizes):
        raise UserError(f"--cost-rows must be positive, got {sizes}")
    if args.runs < 1:
        raise UserError(f"--runs must be at least 1, got {args.runs}")
    page_runs = getattr(args, "page_runs", 10)
    if page_runs < 1:
        raise UserError(f"--page-runs must be at least 1, got {page_runs}")
    page_sizes = parse_page_sizes(getattr(args, "page_sizes", None))
    work_dir = Path(args.work_dir).expanduser().resolve() if args.work_dir else DEFAULT_WORK_DIR
    work_dir.mkdir(parents=True, exist_ok=True)
    out = Path(args.out).expanduser().resolve() if args.out else None
    if out is not None and not out.parent.is_dir():
        raise UserError(f"--out {args.out}: folder {out.parent} does not exist")

    report: dict = {"machine": machine()}
    if only is None or only == "queries":
        report.update(time_queries(sizes, args.runs, work_dir))
    if only is None or only == "pages":
        report.update(time_pages(page_sizes, page_runs, work_dir))
    if only == "browser" or getattr(args, "browser", False):
        from bench.browser import time_browser

        print(f"timing Chromium on the sample ({page_runs} of each) ...", file=sys.stderr,
              flush=True)
        report.update(time_browser(page_runs))
        from bench.first_visit import measure

        print("the first visit beside a one-chart floor page, and the feed's load ...",
              file=sys.stderr, flush=True)
        report["first_visit"] = measure(page_runs)
    if out is not None:
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, out)
        print(f"wrote {out}")
    return 0


def time_queries(sizes: list[int], runs: int, work_dir: Path) -> dict:
    """Every page's queries against the pandas baseline, and the budget selection."""
    results: list[dict] = []
    for size in sizes:
        data_dir = ensure_data(work_dir, size)
        for engine in ENGINES:
            print(f"timing {engine} at {size:,} cost rows ({runs} runs) ...",
                  file=sys.stderr, flush=True)
            results.extend(summarize(size, run_worker(engine, data_dir, runs)))
    print(f"timing the exact budget selection on {SELECTION_INITIATIVES} initiatives ...",
          file=sys.stderr, flush=True)
    selection = time_selection(runs)
    print(format_table(results))
    for r in selection:
        print(f"budget selection, {r['initiatives']} initiatives ({r['case']}): "
              f"p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, max {r['max_ms']:.1f} ms "
              f"over {r['runs']} runs")
    return {"runs": runs, "results": results, "budget_selection": selection}


def time_pages(sizes: list[str | int], runs: int, work_dir: Path) -> dict:
    """Every page's whole rerun, warm and cold, against the floor page (bench/rerun.py)."""
    from bench import rerun

    rows: list[dict] = []
    for size in sizes:
        data_dir = None if size == rerun.SAMPLE else rerun.ensure_page_data(work_dir, size)
        label = size if isinstance(size, str) else f"{size:,} cost rows"
        print(f"timing whole page reruns on {label} ({runs} rounds) ...",
              file=sys.stderr, flush=True)
        rows.extend(rerun.summarize(size, rerun.run_worker(data_dir, runs)))
    print(rerun.format_table(rows))
    return {"page_runs": runs, "page_reruns": rows}


def _worker_main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.timing")
    p.add_argument("--worker", choices=ENGINES, required=True)
    p.add_argument("--data-dir", required=True)
    p.add_argument("--runs", type=int, required=True)
    a = p.parse_args(argv)
    print(json.dumps(worker(a.worker, Path(a.data_dir), a.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(_worker_main(sys.argv[1:]))
