"""Whole-page reruns: what a person waits for on the server (`bench --pages`).

For each size (the shipped sample, or the generator's data at N cost rows with two
snapshots, so "What changed" has one to compare with), one worker process:

1. opens the app in Streamlit's AppTest (streamlit.testing.v1), one AppTest per page of
   the registry (dashboard/pages.py), each switched to its page; the first run of all,
   with nothing cached and the Database not yet opened, is reported as `first_run_ms`
   (a new server's first visitor);
2. then `--runs` rounds; in each round, for every page in turn and interleaved:
   - the floor page (bench/floor_page.py: 8 Plotly bar charts of 200 points and 8 data
     tables of 50 rows, no data work), one whole run;
   - the page's cold rerun: the result caches emptied first
     (`query_cache.clear_results()`: query results, analytics results, figures, filter
     options; the shared Database, opened once per server, is kept), then `at.run()`;
   - the page's warm rerun: `at.run()` again right after, with the same filters (every
     cache filled by the cold run; another page's cold run never sits in between).
   A run is timed from script start to its last element (`AppTest.run()` returns when
   the script has finished: every figure built and serialized, every table converted).
3. p50/p95 of each, and the ratios of the page's p50 and p95 to the floor's p50 and p95
   over the same rounds; the same for the CPU time of each run (`*_cpu_*`: the process's
   CPU time, which a busy shared machine inflates far less than the wall time).

The floor runs interleave with the pages, so a busy machine slows both alike: the ratio
is the robust figure on a shared machine, the milliseconds are not.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.stats import percentile
from dashboard.config import REPO_ROOT
from dashboard.errors import UserError

FLOOR_SCRIPT = Path(__file__).resolve().parent / "floor_page.py"
APP_SCRIPT = REPO_ROOT / "dashboard" / "app.py"
SAMPLE = "sample"
DEFAULT_PAGE_SIZES = (SAMPLE, "1000000", "10000000")
RUN_TIMEOUT_S = 600
WORKER_TIMEOUT_S = 7200


def _percentile(values: list[float], q: float) -> float:

    return percentile(values, q)


def _timed_run(at) -> tuple[float, float]:
    """(wall ms, CPU ms) of one run: the CPU time is the whole process's (the script's
    thread and AppTest's), which a busy machine changes far less than the wall time."""
    t0, c0 = time.perf_counter(), time.process_time()
    at.run(timeout=RUN_TIMEOUT_S)
    ms, cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
    if at.exception:
        raise RuntimeError(f"the page failed: {[e.value for e in at.exception]}")
    return ms, cpu


def worker(data_dir: Path | None, runs: int, pages: list[str] | None = None) -> dict:
    """Time every page (or `pages`, by URL path) in this process; data_dir None: the
    shipped sample."""
    from dashboard import config
    from dashboard import pages as registry

    if data_dir is not None:
        os.environ[config.DATA_DIR_ENV] = str(data_dir)
    else:
        os.environ.pop(config.DATA_DIR_ENV, None)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard.query.query_cache import clear_results

    chosen = [p for p in registry.PAGES if pages is None or p.url_path in pages]
    st.cache_data.clear()
    st.cache_resource.clear()
    # a new server's first visitor: the Database opened, nothing cached
    first = AppTest.from_file(str(APP_SCRIPT), default_timeout=RUN_TIMEOUT_S)
    first_run_ms = _timed_run(first)[0]
    apps = {}
    for p in chosen:
        at = AppTest.from_file(str(APP_SCRIPT), default_timeout=RUN_TIMEOUT_S)
        at.run()
        at.switch_page(p.app_test_path)
        at.run()
        if at.exception:
            raise RuntimeError(f"page {p.url_path} failed: {[e.value for e in at.exception]}")
        apps[p.url_path] = at
    floor = AppTest.from_file(str(FLOOR_SCRIPT), default_timeout=RUN_TIMEOUT_S)
    floor.run()  # untimed warm-up (imports)
    times: dict[str, dict[str, list[float]]] = {
        page: {k: [] for k in ("warm", "cold", "floor", "warm_cpu", "cold_cpu", "floor_cpu")}
        for page in apps}

    def timed(page: str, kind: str, app) -> None:
        wall, cpu = _timed_run(app)
        times[page][kind].append(wall)
        times[page][f"{kind}_cpu"].append(cpu)

    for _ in range(runs):
        for page, at in apps.items():
            timed(page, "floor", floor)
            clear_results()
            timed(page, "cold", at)
            timed(page, "warm", at)  # right after: the caches hold what the cold run made
    return {"data_dir": str(data_dir) if data_dir else SAMPLE, "first_run_ms": first_run_ms,
            "times_ms": times}


def summarize(size: str | int, raw: dict) -> list[dict]:
    rows = []
    for page, t in raw["times_ms"].items():
        floor50, floor95 = _percentile(t["floor"], 50), _percentile(t["floor"], 95)
        row: dict = {"cost_rows": size, "page": page, "runs": len(t["warm"]),
                     "floor_p50_ms": round(floor50, 1), "floor_p95_ms": round(floor95, 1)}
        for kind in ("warm", "cold"):
            p50, p95 = _percentile(t[kind], 50), _percentile(t[kind], 95)
            row[f"{kind}_p50_ms"] = round(p50, 1)
            row[f"{kind}_p95_ms"] = round(p95, 1)
            row[f"{kind}_p50_x_floor"] = round(p50 / floor50, 2)
            row[f"{kind}_p95_x_floor"] = round(p95 / floor95, 2)
        if t.get("floor_cpu"):  # CPU time of the same runs
            fc50, fc95 = _percentile(t["floor_cpu"], 50), _percentile(t["floor_cpu"], 95)
            row["floor_cpu_p50_ms"], row["floor_cpu_p95_ms"] = round(fc50, 1), round(fc95, 1)
            for kind in ("warm", "cold"):
                c50, c95 = _percentile(t[f"{kind}_cpu"], 50), _percentile(t[f"{kind}_cpu"], 95)
                row[f"{kind}_cpu_p50_ms"], row[f"{kind}_cpu_p95_ms"] = round(c50, 1), round(c95, 1)
                row[f"{kind}_cpu_p50_x_floor"] = round(c50 / fc50, 2)
                row[f"{kind}_cpu_p95_x_floor"] = round(c95 / fc95, 2)
        row["first_run_ms"] = round(raw["first_run_ms"], 1)
        rows.append(row)
    return rows


def format_table(rows: list[dict]) -> str:
    lines = [f"{'cost rows':>11}  {'page':<18} {'warm p50':>9} {'p95':>7} {'x floor':>8} "
             f"{'cold p50':>9} {'p95':>7} {'x floor':>8} {'floor p50':>10} {'p95':>7}  "
             f"{'CPU: warm p50':>13} {'x floor':>8} {'cold p50':>9} {'x floor':>8}"]
    for r in rows:
        size = r["cost_rows"]
        size_s = f"{size:>11,}" if isinstance(size, int) else f"{size:>11}"
        lines.append(
            f"{size_s}  {r['page']:<18} {r['warm_p50_ms']:>9.1f} {r['warm_p95_ms']:>7.1f} "
            f"{r['warm_p50_x_floor']:>7.2f}x {r['cold_p50_ms']:>9.1f} {r['cold_p95_ms']:>7.1f} "
            f"{r['cold_p50_x_floor']:>7.2f}x {r['floor_p50_ms']:>10.1f} {r['floor_p95_ms']:>7.1f}  "
            f"{r.get('warm_cpu_p50_ms', 0.0):>13.1f} {r.get('warm_cpu_p50_x_floor', 0.0):>7.2f}x "
            f"{r.get('cold_cpu_p50_ms', 0.0):>9.1f} {r.get('cold_cpu_p50_x_floor', 0.0):>7.2f}x")
    seen = set()
    for r in rows:
        if r["cost_rows"] not in seen:
            seen.add(r["cost_rows"])
            lines.append(f"{r['cost_rows']!s:>11}  first run of a new server (Database opened, "
                         f"nothing cached): {r['first_run_ms']:.0f} ms")
    return "\n".join(lines)


def ensure_page_data(work_dir: Path, cost_rows: int) -> Path:
    """The generator's data at this size with two snapshots (for "What changed")."""
    from dashboard.store import catalog

    data_dir = work_dir / f"pages-cost-rows-{cost_rows}"
    if len(catalog.scan(data_dir).snapshots) < 2:
        print(f"generating {cost_rows:,} cost rows (2 snapshots) into {data_dir} ...",
              file=sys.stderr, flush=True)
        proc = subprocess.run(
            [sys.executable, "-m", "dashboard", "generate", "--out", str(data_dir),
             "--cost-rows", str(cost_rows), "--snapshots", "2"],
            cwd=REPO_ROOT, capture_output=True, text=True)
        if proc.returncode != 0:
            raise UserError(f"generating {cost_rows} cost rows into {data_dir} failed "
                             f"(exit {proc.returncode}): {proc.stderr.strip()[-2000:]}", 1)
    return data_dir


def run_worker(data_dir: Path | None, runs: int, pages: list[str] | None = None) -> dict:

    cmd = [sys.executable, "-m", "bench.rerun", "--runs", str(runs)]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    if pages:
        cmd += ["--pages", *pages]
    proc = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=WORKER_TIMEOUT_S)
    if proc.returncode != 0:
        raise UserError(f"the page rerun benchmark over {data_dir or SAMPLE} failed "
                         f"(exit {proc.returncode}):\n{proc.stderr.strip()[-3000:]}", 1)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _worker_main(argv: list[str]) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m bench.rerun")
    p.add_argument("--data-dir")
    p.add_argument("--runs", type=int, required=True)
    p.add_argument("--pages", nargs="+")
    a = p.parse_args(argv)
    import logging

    logging.disable(logging.WARNING)  # AppTest's "no runtime" warnings
    result = worker(Path(a.data_dir) if a.data_dir else None, a.runs, a.pages)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(_worker_main(sys.argv[1:]))
