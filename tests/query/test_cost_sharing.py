"""Data contract version 2: the cost-sharing key (agencies.cost_share), the agency filter
that adds the selection's share of shared rows, the funding gap across organizations, and
the cost_sharing sheet — every figure worked out by hand on a fixture of its own.

The fixture (- = a shared, system-wide row; initiatives AA and BB):
  agencies   X share 0.25 | Y share 0.5 | Z no share (null)
  costs      AA X 2005 100 | AA Y 2006 40 | AA - 2005 80 | BB - 2006 20 | BB Z 2006 10
  benefits   AA X 2006 60  | AA - 2006 200 | BB Y 2007 30
  commitments AA X lead 300 | AA Y committed 100 | BB Y participating 50 | BB Z committed 0
  contributions K1 AA paid 2005 150 | K2 BB pledged 2006 40 | K3 AA paid 2006 100
  targets    AA 1000, BB 200

Unfiltered: cost 250, benefit 290, committed X, Y, Z = 3, paid 250, pledged 40,
gap AA 1000 - 400 - 250 = 350, BB 200 - 50 - 0 = 150 -> 500.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard import cli, registry
from dashboard.charts import figures_agency
from dashboard.contract.schema import TABLES
from dashboard.intake.ingest import read_source
from dashboard.intake.validation import validate_sources
from dashboard.intake.validation_report import Report
from dashboard.output import export
from dashboard.query import chart_data
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from dashboard.store import catalog
from tests import fixture_data

AS_OF = "2006-06-30"
NO_KEY_AS_OF = "2006-07-31"

ROWS = {
    "initiatives": [
        ("AA", "Alpha", "Working together", True, "planning", "X", 1000.0),
        ("BB", "Beta", "ICT governance", False, "high_value", None, 200.0),
    ],
    "agencies": [
        ("X", "Organization X", "fund_programme", 0.25),
        ("Y", "Organization Y", "specialized_agency", 0.5),
        ("Z", "Organization Z", "secretariat", None),
    ],
    "costs": [
        ("AA", "X", 2005, "staff", True, 100.0),
        ("AA", "Y", 2006, "software", False, 40.0),
        ("AA", None, 2005, "hosting", True, 80.0),
        ("BB", None, 2006, "other", False, 20.0),
        ("BB", "Z", 2006, "travel", False, 10.0),
    ],
    "benefits": [
        ("AA", "X", 2006, "cost_savings", "high", 60.0),
        ("AA", None, 2006, "productivity", "medium", 200.0),
        ("BB", "Y", 2007, "service_quality", "low", 30.0),
    ],
    "commitments": [
        ("AA", "X", "lead", 5, 300.0),
        ("AA", "Y", "committed", 4, 100.0),
        ("BB", "Y", "participating", 3, 50.0),
        ("BB", "Z", "committed", 2, 0.0),
    ],
    "contributions": [
        ("K1", "Norway", "member_state", "AA", "cash", "paid", dt.date(2005, 6, 1), 150.0),
        ("K2", "Gates Foundation", "foundation", "BB", "cash", "pledged", dt.date(2006, 2, 1), 40.0),
        ("K3", "Japan", "member_state", "AA", "cash", "paid", dt.date(2006, 7, 1), 100.0),
    ],
}


def no_key_rows() -> dict[str, list[tuple]]:
    """The same fixture without the cost_share column."""
    return {**ROWS, "agencies": [r[:3] for r in ROWS["agencies"]]}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("cost-sharing")
    fixture_data.build(d, as_of=AS_OF, rows=ROWS)
    fixture_data.build(d, as_of=NO_KEY_AS_OF, rows=no_key_rows())
    return d


@pytest.fixture(scope="module")
def db(data_dir, open_database):
    return open_database(data_dir)


def kpis(db: Database, as_of: str = AS_OF, **kw) -> dict[str, float]:
    row = db.query("kpis", Filters(snapshot=as_of, **kw)).iloc[0]
    return {k: (None if pd.isna(v) else float(v)) for k, v in row.items()}


# (filters, cost, benefit, committed organizations, paid, pledged, gap), by hand
KEYED_CASES = {
    "no filter": ({}, 250, 290, 3, 250, 40, 500),
    # X: own 100 + 25% of the shared 80 + 20 = 125; benefit own 60 + 25% of 200 = 110
    "X (S = 25%)": ({"agencies": ("X",)}, 100 + 25, 60 + 50, 1, 250, 40, 500),
    # Y: own 40 + 50% of 100 = 90; benefit own 30 + 50% of 200 = 130
    "Y (S = 50%)": ({"agencies": ("Y",)}, 40 + 50, 30 + 100, 1, 250, 40, 500),
    # X and Y: S = 0.75; own 100 + 40 + 75 = 215; benefit 60 + 30 + 150 = 240
    "X and Y (S = 75%)": ({"agencies": ("X", "Y")}, 215, 240, 2, 250, 40, 500),
    # Z has no share: shared rows are left out; own cost 10, no benefit
    "Z (no share)": ({"agencies": ("Z",)}, 10, 0, 1, 250, 40, 500),
    # years 2006 on top of X: X has no own cost in 2006; 25% of the shared 20 = 5; benefit
    # own 60 + 25% of 200 = 110; paid in 2006: K3 100; pledged K2 40; gap A 1000-400-100 =
    # 500, B 200-50-0 = 150
    "X, years 2006": ({"agencies": ("X",), "year_from": 2006, "year_to": 2006},
                      5, 110, 1, 100, 40, 650),
}


@pytest.mark.parametrize("case", list(KEYED_CASES))
def test_headline_figures_with_a_key(db, case):
    kw, cost, benefit, committed, paid, pledged, gap = KEYED_CASES[case]
    k = kpis(db, **kw)
    assert k["total_cost_usd"] == pytest.approx(cost)
    assert k["total_benefit_usd"] == pytest.approx(benefit)
    assert k["net_benefit_usd"] == pytest.approx(benefit - cost)
    assert k["benefit_cost_ratio"] == pytest.approx(benefit / cost)
    assert k["agencies_committed"] == committed
    assert k["contributions_paid_usd"] == paid
    assert k["contributions_pledged_usd"] == pledged
    assert k["funding_gap_usd"] == gap


NO_KEY_CASES = {
    "no filter": ({}, 250, 290, 500),
    "X": ({"agencies": ("X",)}, 100, 60, 500),  # shared rows left out: no key
    "X and Y": ({"agencies": ("X", "Y")}, 140, 90, 500),
    "X, years 2006": ({"agencies": ("X",), "year_from": 2006, "year_to": 2006}, 0, 60, 650),
}


@pytest.mark.parametrize("case", list(NO_KEY_CASES))
def test_headline_figures_without_a_key(db, case):
    kw, cost, benefit, gap = NO_KEY_CASES[case]
    k = kpis(db, NO_KEY_AS_OF, **kw)
    assert (k["total_cost_usd"], k["total_benefit_usd"], k["funding_gap_usd"]) == (
        cost, benefit, gap)


@pytest.mark.parametrize("agencies", [(), ("X",), ("Y",), ("Z",), ("X", "Y"), ("X", "Y", "Z")])
@pytest.mark.parametrize("as_of", [AS_OF, NO_KEY_AS_OF])
def test_the_funding_gap_is_unchanged_by_any_agency_filter(db, agencies, as_of):
    assert kpis(db, as_of, agencies=agencies)["funding_gap_usd"] == 500
    per = db.query("funding_gap", Filters(snapshot=as_of, agencies=agencies))
    assert per.set_index("initiative_id")["funding_gap_usd"].to_dict() == {"AA": 350, "BB": 150}
    assert per.set_index("initiative_id")["agency_pledged_usd"].to_dict() == {"AA": 400, "BB": 50}


def test_npv_and_cashflow_follow_the_share(db):
    # X: 2005 cost 100 + 20 (25% of 80) = 120; 2006 cost 5, benefit 110; rate 0
    df = db.query("cashflow_by_year", Filters(snapshot=AS_OF, agencies=("X",)), discount_rate=0.0)
    assert df["fiscal_year"].tolist() == [2005, 2006]
    assert df["cost_usd"].tolist() == pytest.approx([120, 5])
    assert df["benefit_usd"].tolist() == pytest.approx([0, 110])
    assert df["cumulative_net_usd"].tolist() == pytest.approx([-120, -15])


# --- the cost_sharing sheet ---------------------------------------------------------------
COLUMNS = ["own_cost_usd", "shared_cost_share_usd", "cost_borne_usd", "own_benefit_usd",
           "shared_benefit_share_usd", "benefit_received_usd", "pledged_usd", "net_usd"]


def sharing(db: Database, as_of: str = AS_OF, **kw) -> dict[str, list[float]]:
    df = db.query("cost_sharing", Filters(snapshot=as_of, **kw))
    return {r.agency_code: [getattr(r, c) for c in COLUMNS] for r in df.itertuples()}


def test_cost_sharing_every_organization(db):
    got = sharing(db)
    assert got == {
        # own cost, shared share, borne, own benefit, shared share, received, pledged, net
        "X": [100, 25, 125, 60, 50, 110, 300, -15],
        "Y": [40, 50, 90, 30, 100, 130, 150, 40],
        "Z": [10, 0, 10, 0, 0, 0, 0, -10],
    }
    df = db.query("cost_sharing", Filters(snapshot=AS_OF))
    assert df["agency_code"].tolist() == ["X", "Y", "Z"]  # largest cost borne first
    assert df["name"].tolist() == ["Organization X", "Organization Y", "Organization Z"]


def test_cost_sharing_selected_organizations_each_alone(db):
    # with X and Y chosen, each row still uses its own share (not S = 75%)
    assert sharing(db, agencies=("X", "Y")) == {
        "X": [100, 25, 125, 60, 50, 110, 300, -15],
        "Y": [40, 50, 90, 30, 100, 130, 150, 40],
    }


def test_cost_sharing_with_a_years_filter(db):
    # 2006: shared costs 20, shared benefits 200; pledges have no year
    assert sharing(db, year_from=2006, year_to=2006) == {
        "X": [0, 5, 5, 60, 50, 110, 300, 105],
        "Y": [40, 10, 50, 0, 100, 100, 150, 50],
        "Z": [10, 0, 10, 0, 0, 0, 0, -10],
    }


def test_cost_sharing_without_a_key(db):
    assert sharing(db, NO_KEY_AS_OF) == {
        "X": [100, 0, 100, 60, 0, 60, 300, -40],
        "Y": [40, 0, 40, 30, 0, 30, 150, -10],
        "Z": [10, 0, 10, 0, 0, 0, 0, -10],
    }


def test_cost_sharing_sheet_in_the_export_workbook(data_dir, tmp_path):
    out = tmp_path / "book.xlsx"
    code = cli.main(["export", "--out", str(out), "--data-dir", str(data_dir), "--snapshot", AS_OF,
                     "--agency", "X", "--agency", "Y"])
    assert code == 0
    book = pd.read_excel(out, sheet_name=None)
    sheet = book["cost_sharing"].set_index("agency_code")
    assert sheet.loc["X", "cost_borne_usd"] == 125 and sheet.loc["Y", "net_usd"] == 40
    assert list(sheet.index) == ["X", "Y"]
    meta = dict(zip(book["metadata"]["field"], book["metadata"]["value"], strict=False))
    notes = " ".join(str(v) for f, v in zip(book["metadata"]["field"], book["metadata"]["value"],
                                             strict=False) if f == "note")
    assert meta["filter_agency"] == "X, Y"
    assert "X and Y: their own costs and benefits, plus 75% of shared, system-wide ones" in notes
    assert "the funding gap belong to initiatives" in notes


def test_cost_sharing_is_a_registered_sheet():
    assert "cost_sharing" in registry.SHEETS


# --- the notice ------------------------------------------------------------------------
@pytest.mark.parametrize(("as_of", "agencies", "expected"), [
    (AS_OF, ("X",), "X: its own costs and benefits, plus 25% of shared, system-wide ones "
                    "(the cost-sharing key of this snapshot)."),
    (AS_OF, ("X", "Y"), "X and Y: their own costs and benefits, plus 75% of shared"),
    (AS_OF, ("Z",), "Z: its own costs and benefits only. Shared, system-wide ones are left "
                    "out: the cost-sharing key of this snapshot gives it no share."),
    (NO_KEY_AS_OF, ("X",), "X: its own costs and benefits only. Shared, system-wide ones are "
                           "left out: this snapshot has no cost-sharing key."),
])
def test_agency_note_names_the_share(db, as_of, agencies, expected):
    ctx = chart_data.Context(db=db, filters=Filters(snapshot=as_of, agencies=agencies))
    note = chart_data.agency_note(ctx)
    assert expected in note
    assert note.endswith("Contributions and the funding gap belong to initiatives: the "
                         "organization filter does not apply to them.")


def test_no_note_without_an_agency_filter(db):
    assert chart_data.agency_note(chart_data.Context(db=db, filters=Filters(snapshot=AS_OF))) is None


# --- validation ------------------------------------------------------------------------
def csv_source(folder: Path, shares: list[str] | None) -> Path:
    """The keyed fixture as CSV files; `shares` the cost_share cells (None: no column)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in ROWS.items():
        header = list(TABLES[name].column_names)
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            if name == "agencies":
                w.writerow(header if shares is not None else header[:3])
                for row, share in zip(rows, shares or [None] * len(rows), strict=True):
                    w.writerow([*row[:3], share] if shares is not None else row[:3])
                continue
            w.writerow(header)
            for row in rows:
                w.writerow(["" if v is None else
                            ("true" if v is True else "false" if v is False else v) for v in row])
    return folder


def check(folder: Path) -> tuple[Report, dict]:
    report = Report()
    tables = validate_sources(read_source(folder, report), report)
    return report, tables


@pytest.mark.parametrize(("shares", "row", "expected"), [
    (["1.2", "0", ""], 2, "agencies.csv, row 2, column cost_share: must be between 0 and 1 "
                          "(got 1.2)"),
    (["0.25", "-0.1", ""], 3, "agencies.csv, row 3, column cost_share: must be between 0 and 1 "
                              "(got -0.1)"),
    (["0.25", "abc", ""], 3, "agencies.csv, row 3, column cost_share:"),
    (["0.8", "0.5", ""], 3, "agencies.csv, row 3, column cost_share: the column's values must "
                            "sum to at most 1: they sum to 1.3"),
])
def test_bad_shares_are_refused_with_row_and_column(tmp_path, shares, row, expected):
    report, _ = check(csv_source(tmp_path / "src", shares))
    assert not report.ok
    lines = report.lines()
    assert any(line.startswith(expected) for line in lines), lines
    assert all("cost_share" in line for line in lines), lines


def test_a_sum_of_exactly_one_and_nulls_pass(tmp_path):
    report, tables = check(csv_source(tmp_path / "src", ["0.3", "0.7", ""]))
    assert report.ok, report.lines()
    assert tables["agencies"]["cost_share"].to_pylist() == [0.3, 0.7, None]


def test_ingest_with_and_without_the_column(tmp_path):
    data = tmp_path / "data"
    src = csv_source(tmp_path / "with", ["0.25", "0.5", ""])
    assert cli.main(["ingest", str(src), "--as-of", "2006-01-01", "--data-dir", str(data)]) == 0
    src = csv_source(tmp_path / "without", None)
    assert cli.main(["ingest", str(src), "--as-of", "2006-02-01", "--data-dir", str(data)]) == 0
    scan = catalog.scan(data)
    keyed = pq.read_table(scan.get("2006-01-01").file("agencies"))
    assert keyed["cost_share"].to_pylist() == [0.25, 0.5, None]
    bare = pq.read_table(scan.get("2006-02-01").file("agencies"))
    assert "cost_share" not in bare.column_names  # absent stays absent
    db = Database(data)
    try:
        assert kpis(db, "2006-01-01", agencies=("X",))["total_cost_usd"] == 125
        assert kpis(db, "2006-02-01", agencies=("X",))["total_cost_usd"] == 100
    finally:
        db.close()
    assert cli.main(["validate", "--data-dir", str(data)]) == 0


def test_parquet_and_excel_sources_carry_the_key(tmp_path):
    keyed = fixture_data.tables(ROWS)
    pq_src = tmp_path / "pq"
    pq_src.mkdir()
    for name, t in keyed.items():
        pq.write_table(t, pq_src / f"{name}.parquet")
    report, tables = check(pq_src)
    assert report.ok, report.lines()
    assert tables["agencies"]["cost_share"].to_pylist() == [0.25, 0.5, None]

    book = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in ROWS.items():
        ws = wb.create_sheet(name)
        ws.append(list(TABLES[name].column_names))
        for row in rows:
            ws.append([dt.datetime.combine(v, dt.time()) if type(v) is dt.date else v for v in row])
    wb["agencies"]["D3"] = 1.5  # Y's share
    wb.save(book)
    report, _ = check(book)
    assert any(line.startswith("sheet 'agencies'") and "row 3, column cost_share: must be "
               "between 0 and 1 (got 1.5)" in line for line in report.lines()), report.lines()


def test_the_template_has_the_column_and_says_it_is_optional(tmp_path):
    out = tmp_path / "t.xlsx"
    assert cli.main(["template", "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert [c.value for c in wb["agencies"][1]] == ["agency_code", "name", "agency_type",
                                                    "cost_share"]
    readme = " ".join(str(c.value) for row in wb["README"].iter_rows() for c in row if c.value)
    assert "cost_share" in readme and "optional" in readme.lower()


def test_metadata_without_agency_has_no_share_note(db):
    ctx = chart_data.Context(db=db, filters=Filters(snapshot=AS_OF))
    rows = export.metadata(ctx, db.snapshot(AS_OF))
    assert not any("cost-sharing" in str(v) for _, v in rows)


# --- the chart ---------------------------------------------------------------------------
def test_who_pays_who_benefits_figure(db):

    fig = figures_agency.cost_sharing(db.query("cost_sharing", Filters(snapshot=AS_OF)))
    bars = {t.name.split(" (")[0]: dict(zip(t.y, t.x, strict=True)) for t in fig.data}
    # by hand (see test_cost_sharing_every_organization): borne X 125, Y 90, Z 10;
    # received X 110, Y 130, Z 0; pledged X 300, Y 150, Z 0
    assert bars == {
        "Cost borne": {"X": 125, "Y": 90, "Z": 10},
        "Benefit received": {"X": 110, "Y": 130, "Z": 0},
        "Organizations' pledged shares": {"X": 300, "Y": 150, "Z": 0},
    }
    # largest cost borne at the top (plotly draws the first category at the bottom)
    assert list(fig.layout.yaxis.categoryarray) == ["Z", "Y", "X"]
    assert all(t.customdata[0][0] in ("X", "Y", "Z") for t in fig.data)  # click filters by code
    x_row = next(c for c in fig.data[0].customdata if c[0] == "X")
    assert list(x_row[2:4]) == ["$100", "$25"] and x_row[6] == "-$15"  # own + shared; net
    assert {t.marker.color for t in fig.data} == {"#D55E00", "#0072B2", "#009E73"}
    # within each organization, cost on top, then benefit, then pledged (the legend's order)
    assert [t.name.split(" (")[0] for t in fig.data] == [
        "Organizations' pledged shares", "Benefit received", "Cost borne"]
    assert fig.layout.legend.traceorder == "reversed"
    assert figures_agency.cost_sharing(pd.DataFrame()).layout.annotations  # "No data" figure


# --- the pages (AppTest) -------------------------------------------------------------------
def test_pages_with_an_organization_chosen(data_dir, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard import pages as registry
    from dashboard.config import REPO_ROOT

    monkeypatch.setenv("ICT_DASHBOARD_DATA", str(data_dir))
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(str(REPO_ROOT / "dashboard" / "app.py"), default_timeout=60)
    app.query_params["snapshot"] = AS_OF
    app.query_params["agency"] = "X"
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    tiles = {m.label: m.value for m in app.metric}
    # X: cost 100 + 25% of 100 = 125; benefit 60 + 25% of 200 = 110; gap unchanged 500
    assert tiles["Total cost (X's share)"].startswith("$125")
    assert tiles["Total benefit (X's share)"].startswith("$110")
    assert tiles["Funding gap (whole portfolio)"].startswith("$500")
    notes = [i.value.replace("\\", "") for i in app.info]
    assert any("X: its own costs and benefits, plus 25% of shared, system-wide ones" in n
               for n in notes), notes
    paths = {p.url_path: p.app_test_path for p in registry.PAGES}
    app.switch_page(paths["agency-commitment"]).run()
    assert not app.exception, [e.value for e in app.exception]
    keys = {b.key for b in app.get("download_button")}
    assert {"dl_csv_cost_sharing", "dl_xlsx_cost_sharing"} <= keys
    assert any("Who pays, who benefits" in h.value for h in app.subheader)


def test_who_pays_table_sorts_money_as_numbers(db):
    from dashboard.output import table_view, tables

    df = db.query("cost_sharing", Filters(snapshot=AS_OF))
    shown, cfg = tables.present(df, exact_money=True)
    # numbers, not text, so sorting the column by its header orders the amounts
    data = table_view.sortable(df, cfg, shown).data
    assert data["cost_borne_usd"].tolist() == [125, 90, 10]
    assert shown["cost_borne_usd"].tolist() == ["$125", "$90", "$10"]
    assert cfg["cost_borne_usd"]["type_config"]["type"] == "number"
    assert data["cost_share"].tolist() == pytest.approx([0.25, 0.5, float("nan")], nan_ok=True)
    assert shown["cost_share"].tolist() == ["25.0%", "50.0%", "—"]
