"""The data feed's routes (data contract, section 9) over the fixture, through Starlette's
TestClient on the feed's own routes (the st.App of dashboard/server.py serves the same)."""

from __future__ import annotations

import argparse
import io

import pandas as pd
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from dashboard import config, registry
from dashboard.commands.export import context_from_args
from dashboard.feed import limits
from dashboard.feed import routes as feed
from dashboard.output import export
from tests import fixture_data
from tests.fixture_figures import KPI_CASES

FILTER_SETS = {
    "none": ({}, {}),
    "UNDP, rate, budget": ({"agency": ["UNDP"], "rate": ["0.1"], "budget": ["500"]},
                           {"agency": ["UNDP"], "discount_rate": 0.1, "budget": 500.0}),
    "priority and years": ({"priority": ["true"], "years": ["2005", "2006"]},
                           {"priority_only": True, "years": [2005, 2006]}),
}


@pytest.fixture
def client(fixture_dir, monkeypatch):
    monkeypatch.setenv(config.DATA_DIR_ENV, str(fixture_dir))
    # many requests from one test client: a bucket of its own, large enough (test_limits)
    monkeypatch.setattr(feed, "buckets", limits.Buckets(burst=100_000))
    with TestClient(Starlette(routes=feed.routes())) as c:
        yield c


def _namespace(fixture_dir, kw: dict) -> argparse.Namespace:
    base = {"data_dir": str(fixture_dir), "snapshot": None, "agency": None, "category": None,
            "initiative": None, "priority_only": False, "years": None, "discount_rate": None,
            "weights": None, "budget": None, "compare_to": None}
    return argparse.Namespace(**{**base, **kw})


def test_the_catalogue_lists_every_export_sheet(client):
    r = client.get("/api/v1/datasets")
    assert r.status_code == 200
    body = r.json()
    assert [d["name"] for d in body["datasets"]] == list(registry.SHEETS)
    assert body["snapshot"] == fixture_data.FIXTURE_AS_OF
    kpis = next(d for d in body["datasets"] if d["name"] == "kpis")
    assert {"name": "metric", "type": "text"} in kpis["columns"]
    assert "agency" in body["parameters"]


@pytest.mark.parametrize("case", list(FILTER_SETS))
def test_every_sheet_equals_the_export(client, fixture_dir, case):
    query, kw = FILTER_SETS[case]
    ctx, snap = context_from_args(_namespace(fixture_dir, kw))
    sheets, _ = export.build_workbook(ctx, snap)
    for name in registry.SHEETS:
        r = client.get(f"/api/v1/datasets/{name}.csv", params=query)
        if name not in sheets:
            assert r.status_code == 404, name
            continue
        assert r.status_code == 200, (name, r.text)
        assert r.content == export.csv_bytes(sheets[name]), name
        assert r.headers["x-snapshot"] == fixture_data.FIXTURE_AS_OF
        assert "x-sample-data" not in r.headers


@pytest.mark.parametrize("case", list(KPI_CASES))
def test_kpis_and_funding_gap_against_hand_figures(client, case):
    kw, cost, benefit, committed, paid, pledged, gap = KPI_CASES[case]
    q = {"agency": list(kw.get("agencies", ())), "category": list(kw.get("categories", ())),
         "initiative": list(kw.get("initiatives", ()))}
    if kw.get("priority_only"):
        q["priority"] = ["true"]
    if "year_from" in kw:
        q["years"] = [str(kw["year_from"]), str(kw["year_to"])]
    body = client.get("/api/v1/datasets/kpis.json", params=q).json()
    assert body["snapshot"] == fixture_data.FIXTURE_AS_OF and body["sample"] is False
    k = {row["metric"]: row["value"] for row in body["rows"]}
    assert (k["total_cost_usd"], k["total_benefit_usd"]) == (cost, benefit)
    assert (k["agencies_committed"], k["contributions_paid_usd"]) == (committed, paid)
    assert (k["contributions_pledged_usd"], k["funding_gap_usd"]) == (pledged, gap)
    csv = client.get("/api/v1/datasets/funding_gap.csv", params=q)
    assert pd.read_csv(io.BytesIO(csv.content))["funding_gap_usd"].sum() == gap


@pytest.mark.parametrize(("query", "needle"), [
    ({"rate": "2"}, "give a yearly rate from"),
    ({"budget": "-5"}, "give a non-negative amount"),
    ({"agency": "NOPE"}, "no such organization"),
    ({"snapshot": "1999-01-01"}, "snapshot='1999-01-01'"),
    ({"priority": "maybe"}, "use true or false"),
    ({"colour": "red"}, "unknown parameter 'colour'"),
])
def test_bad_values_are_400_with_the_rule(client, query, needle):
    r = client.get("/api/v1/datasets/kpis.csv", params=query)
    assert r.status_code == 400
    assert needle in r.json()["error"]


def test_an_unknown_dataset_points_to_the_catalogue(client):
    r = client.get("/api/v1/datasets/nothing.csv")
    assert r.status_code == 404
    assert r.json()["catalogue"].endswith("/api/v1/datasets")


def test_the_sample_marker_travels(tmp_path, monkeypatch):
    fixture_data.build(tmp_path / "d", source="Illustrative sample data (test)")
    monkeypatch.setenv(config.DATA_DIR_ENV, str(tmp_path / "d"))
    monkeypatch.setattr(feed, "buckets", limits.Buckets(burst=100))
    with TestClient(Starlette(routes=feed.routes())) as c:
        r = c.get("/api/v1/datasets/kpis.csv")
        assert r.headers["x-sample-data"] == "true"
        assert c.get("/api/v1/datasets/kpis.json").json()["sample"] is True


def test_with_sign_in_required_the_feed_refuses(client, monkeypatch):
    monkeypatch.setenv("ICT_DASHBOARD_REQUIRE_LOGIN", "1")
    for path in ("/api/v1/datasets", "/api/v1/datasets/kpis.csv"):
        r = client.get(path)
        assert r.status_code == 401 and "not configured" in r.json()["error"]
