"""The benchmark: its pandas baseline, its page workloads and the command itself.

- The pandas baseline must do the same work as the named queries: on the fixture, both
  engines give equal frames for every page's workload under many filters, and the pandas
  side gives the hand-worked figures of tests/fixture_data.py on its own.
- The page workloads must be what the pages run: each real page is run in Streamlit's
  AppTest with `Database.query` recording, and the names must match.
- `bench` runs end to end on a tiny size and writes the JSON of data/README.md; its page
  reruns (bench/rerun.py) run every page of the registry and the floor page, once each.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from bench import rerun
from bench.pages import (
    NO_QUERIES,
    PAGES,
    PandasData,
    filter_variants,
    page_query_names,
    read_domain,
)
from bench.stats import percentile
from dashboard import pages as registry
from dashboard.config import DATA_DIR_ENV, REPO_ROOT
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from dashboard.store import catalog
from tests import fixture_data


@pytest.fixture(scope="module")
def pandas_data(fixture_dir):
    return PandasData.load(catalog.scan(fixture_dir).newest.path)


def _normalized(df: pd.DataFrame) -> pd.DataFrame:
    """Missing values the same on both sides (DuckDB: None, pandas: NaN)."""
    out = df.reset_index(drop=True).astype(object)
    return out.where(out.notna(), None)


VARIANTS = 24  # filter states compared (one test each, so the workers share them)


@pytest.fixture(scope="module")
def variants(fixture_dir):
    snap = catalog.scan(fixture_dir).newest
    return filter_variants(read_domain(snap.path, snap.as_of), VARIANTS)


def test_the_compared_filter_states_vary(variants):
    assert len(variants) == VARIANTS
    assert len(set(variants)) >= 10  # the runs really vary their filters


@pytest.mark.parametrize("i", range(VARIANTS))
def test_engines_agree_on_every_page_workload(db, pandas_data, variants, i):
    f = variants[i]
    compared = 0
    for page, workload in PAGES.items():
        duck: list[tuple[str, Filters, pd.DataFrame]] = []

        def run_duck(name, filters, _acc=duck, **extra):
            r = db.query(name, filters, **extra)
            _acc.append((name, filters, r))
            return r

        workload(run_duck, f)
        for name, filters, expected in duck:
            extra = ({"discount_rate": 0.05} if name in ("cashflow_by_year", "range_lines")
                     else {})
            got = pandas_data.query(name, filters, **extra)
            assert list(expected.columns) == [c for c in expected.columns if c in got.columns], (
                f"{page}/{name}: pandas lacks columns")
            pd.testing.assert_frame_equal(
                _normalized(got[list(expected.columns)]), _normalized(expected),
                check_dtype=False, check_exact=False, rtol=1e-9,
                obj=f"{page}/{name} under {filters}")
            compared += 1
    assert compared > 200 / VARIANTS  # over all the states: more than 200 results compared


@pytest.mark.parametrize(("filters", "cost", "benefit"), [
    # hand-worked from the fixture rows (tests/fixture_data.py)
    ({}, 255.0, 295.0),
    ({"agencies": ("UNDP",)}, 110.0, 120.0),  # ERP 100 + SEC 10; ERP 120
    ({"categories": ("Working together",)}, 180.0, 200.0),  # ERP 100+50+30; 120+80
    ({"priority_only": True}, 245.0, 280.0),  # all but SEC (10; 15)
    ({"year_from": 2006, "year_to": 2007}, 65.0, 295.0),  # 30+20+10+5; no 2005 benefit
])
def test_pandas_baseline_gives_the_hand_worked_figures(pandas_data, filters, cost, benefit):
    k = pandas_data.query("kpis", Filters(snapshot=fixture_data.FIXTURE_AS_OF, **filters))
    assert k.loc[0, "total_cost_usd"] == cost
    assert k.loc[0, "total_benefit_usd"] == benefit


def test_pandas_baseline_money_and_gap(pandas_data):
    k = pandas_data.query("kpis", Filters(snapshot=fixture_data.FIXTURE_AS_OF)).iloc[0]
    assert (k["contributions_paid_usd"], k["contributions_pledged_usd"]) == (330.0, 140.0)
    assert k["agencies_committed"] == 3
    assert k["funding_gap_usd"] == 400.0 + 380.0 + 0.0 + 200.0


PAGE_FILES = {p.url_path: p.app_test_path for p in registry.PAGES
              if p.url_path not in NO_QUERIES}


def test_every_registered_page_is_timed():
    assert set(PAGES) == {"sidebar", *PAGE_FILES}
    assert set(registry.BY_URL) >= NO_QUERIES


@pytest.mark.parametrize("page", sorted(PAGE_FILES))
def test_bench_workload_is_what_the_page_runs(page, tmp_path, monkeypatch):
    """Run the real page (AppTest) with Database.query recording; compare with the bench.
    Two snapshots are published, so "what changed" has one to compare with."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    if not (REPO_ROOT / "dashboard" / PAGE_FILES[page]).is_file():
        pytest.fail(f"page file dashboard/{PAGE_FILES[page]} is missing")
    fixture_dir = tmp_path / "data"
    fixture_data.build(fixture_dir)
    fixture_data.build(fixture_dir, as_of="2005-06-01")
    monkeypatch.setenv(DATA_DIR_ENV, str(fixture_dir))
    seen: list[str] = []
    original = Database.query

    def recording(self, name, filters, **extra):
        seen.append(name)
        return original(self, name, filters, **extra)

    monkeypatch.setattr(Database, "query", recording)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO_ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.run()
    st.cache_data.clear()
    seen.clear()
    at.switch_page(PAGE_FILES[page]).run()
    assert not at.exception, [e.value for e in at.exception]
    bench = Database(fixture_dir)
    try:
        f0 = Filters(snapshot=fixture_data.FIXTURE_AS_OF)
        expected = set(page_query_names(page, original.__get__(bench), f0))
        sidebar = set(page_query_names("sidebar", original.__get__(bench), f0))
    finally:
        bench.close()
    assert set(seen) - sidebar == expected - sidebar, (
        f"page {page} runs {sorted(set(seen))}; the bench times {sorted(expected)}")


def test_percentile_matches_linear_interpolation():
    # 1..20: p50 = 10.5, p95 at rank 0.95*19 = 18.05 -> 19 + 0.05*(20-19) = 19.05
    values = [float(v) for v in range(20, 0, -1)]
    assert percentile(values, 50) == pytest.approx(10.5)
    assert percentile(values, 95) == pytest.approx(19.05)
    assert percentile([7.0], 95) == 7.0


@pytest.mark.slow
def test_bench_command_writes_the_json(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, "-m", "dashboard", "bench", "--cost-rows", "20000", "--runs", "3",
         "--only", "queries", "--work-dir", str(tmp_path / "work"), "--out", str(out)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["machine"]
    rows = report["results"]
    assert {(r["page"], r["engine"]) for r in rows} == {
        (p, e) for p in PAGES for e in ("duckdb", "pandas")}
    for r in rows:
        assert r["cost_rows"] == 20000 and r["runs"] == 3
        assert 0 < r["p50_ms"] <= r["p95_ms"]
        assert r["peak_rss_mb"] > 10
    assert all(r["cold_start_ms"] > 0 for r in rows if r["engine"] == "duckdb")
    assert all(r["load_ms"] > 0 for r in rows if r["engine"] == "pandas")
    assert "overview" in proc.stdout  # the printed table
    # the exact budget selection is timed too (its speed is the bench's to report)
    assert {r["case"] for r in report["budget_selection"]} == {"random", "proportional"}
    for r in report["budget_selection"]:
        assert r["initiatives"] == 200 and r["runs"] >= 1
        assert 0 < r["p50_ms"] <= r["p95_ms"] <= r["max_ms"]
    assert "budget selection, 200 initiatives" in proc.stdout
    # the data was generated once and is reused
    assert catalog.scan(tmp_path / "work" / "cost-rows-20000").newest.rows["costs"] == 20000


@pytest.mark.parametrize(("args", "message"), [
    (["--cost-rows", "0"], "--cost-rows must be positive"),
    (["--page-sizes", "huge"], "--page-sizes: 'huge' is neither 'sample' nor a number"),
])
def test_bench_refuses_bad_arguments(tmp_path, args, message):
    proc = subprocess.run(
        [sys.executable, "-m", "dashboard", "bench", *args, "--work-dir", str(tmp_path)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_page_rerun_summary_by_hand():
    # p50 of 10/20/30 = 20, p95 = 29; floor p50 = 10, p95 = 14.5 -> 2x and 2x
    raw = {"first_run_ms": 500.0, "times_ms": {"overview": {
        "warm": [30.0, 10.0, 20.0], "cold": [60.0, 40.0, 50.0], "floor": [5.0, 15.0, 10.0]}}}
    (row,) = rerun.summarize("sample", raw)
    assert (row["warm_p50_ms"], row["warm_p95_ms"]) == (20.0, 29.0)
    assert (row["floor_p50_ms"], row["floor_p95_ms"]) == (10.0, 14.5)
    assert (row["warm_p50_x_floor"], row["warm_p95_x_floor"]) == (2.0, 2.0)
    assert (row["cold_p50_x_floor"], row["cold_p95_x_floor"]) == (5.0, 4.07)  # 50/10, 59/14.5
    assert row["runs"] == 3 and row["first_run_ms"] == 500.0


def test_bench_times_every_page_rerun_against_the_floor(tmp_path):
    """One round on the shipped sample: every page of the registry, warm and cold, beside
    the floor page (timings are reported, never judged here)."""
    out = tmp_path / "pages.json"
    proc = subprocess.run(
        [sys.executable, "-m", "dashboard", "bench", "--quick", "--page-runs", "1",
         "--work-dir", str(tmp_path / "work"), "--out", str(out)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["machine"] and "results" not in report  # --quick: page reruns only
    rows = report["page_reruns"]
    assert [r["page"] for r in rows] == [p.url_path for p in registry.PAGES]
    for r in rows:
        assert r["cost_rows"] == "sample" and r["runs"] == 1
        for kind in ("warm", "cold", "floor"):
            assert 0 < r[f"{kind}_p50_ms"] <= r[f"{kind}_p95_ms"]
        # the ratio of the unrounded times, rounded to 2 places (so up to 0.005 off: a small
        # ratio such as 0.046 is written 0.05), from times rounded to 0.1 ms
        assert r["warm_p50_x_floor"] == pytest.approx(r["warm_p50_ms"] / r["floor_p50_ms"],
                                                      rel=0.02, abs=0.006)
        assert r["first_run_ms"] > 0
    assert "x floor" in proc.stdout and "prioritization" in proc.stdout
