"""The ranges through every door: the `ranges` table (optional; ingest, validation, the
manifest, the template's drop-downs), the queries under the filters, and the datasets of
the export's sheets `ranges_portfolio`, `ranges_by_initiative`, `npv_tornado`.

Hand-worked on the fixture (tests/fixture_data.py; its `ranges` table replaces the
medium-confidence benefits' factors by 0.5..1.5, every other class keeps the default):
see each test. Quantiles used (data/README.md, "Ranges"):
  high q(0.1) = 0.85 + sqrt(0.1*0.25*0.15) = 0.911237   medium q(0.1) = 0.723607
  recurring q(0.9) = 1.25 - sqrt(0.1*0.3*0.25) = 1.163397  one-off q(0.9) = 1.402516
"""

from __future__ import annotations

import json
import math

import openpyxl
import pandas as pd
import pytest

from dashboard import cli
from dashboard.analysis import finance
from dashboard.contract.schema import RANGE_DEFAULTS
from dashboard.query import chart_data
from dashboard.query import ranges_data as rd
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from dashboard.store import catalog, folders
from tests import fixture_data
from tests.intake.test_validation import text_rows, write_csv_source

AS_OF = fixture_data.FIXTURE_AS_OF


def ctx(db: Database, **filters: object) -> chart_data.Context:
    return chart_data.Context(db=db, filters=Filters(snapshot=AS_OF, **filters))


def by_id(df: pd.DataFrame) -> pd.DataFrame:
    return df.set_index("initiative_id")


# --- the sheets, as the contract lists them ---------------------------------------------


def test_the_three_sheets_have_the_contract_columns(db):
    c = ctx(db)
    assert list(rd.ranges_portfolio(c).columns) == [
        "metric", "stated", "expected", "p10", "p50", "p90", "p_above_break_even"]
    assert rd.ranges_portfolio(c)["metric"].tolist() == [
        "total_cost_usd", "total_benefit_usd", "net_benefit_usd", "npv_usd",
        "benefit_cost_ratio"]
    assert list(rd.ranges_by_initiative(c).columns) == [
        "initiative_id", "name", "cost_stated_usd", "cost_expected_usd", "cost_p10_usd",
        "cost_p90_usd", "benefit_stated_usd", "benefit_expected_usd", "benefit_p10_usd",
        "benefit_p90_usd", "npv_stated_usd", "npv_downside_usd", "npv_upside_usd",
        "p_npv_positive", "share_in_top8"]
    assert list(rd.npv_tornado(c).columns) == [
        "initiative_id", "name", "npv_if_worse_usd", "npv_if_better_usd", "swing_usd"]


def test_portfolio_stated_and_expected_by_hand(db):
    """Stated: cost 255, benefit 295 (the fixture's totals), net 40, ratio 295/255.
    Expected cost: one-off 50+40+10+5 = 105 at 3.55/3, recurring 100+30+20 = 150 at 3.2/3:
    124.25 + 160 = 284.25. Expected benefit: high 120 at 2.95/3 = 118; medium 80+50 = 130
    at 3/3 = 130; low 30+15 = 45 at 2.5/3 = 37.5; total 285.5. Net 1.25."""
    p = rd.ranges_portfolio(ctx(db)).set_index("metric")
    assert p.at["total_cost_usd", "stated"] == pytest.approx(255.0)
    assert p.at["total_benefit_usd", "stated"] == pytest.approx(295.0)
    assert p.at["net_benefit_usd", "stated"] == pytest.approx(40.0)
    assert p.at["benefit_cost_ratio", "stated"] == pytest.approx(295 / 255)
    assert p.at["total_cost_usd", "expected"] == pytest.approx(284.25)
    assert p.at["total_benefit_usd", "expected"] == pytest.approx(285.5)
    assert p.at["net_benefit_usd", "expected"] == pytest.approx(1.25)
    assert p.at["benefit_cost_ratio", "expected"] == pytest.approx(285.5 / 284.25)
    assert pd.isna(p.at["total_cost_usd", "p_above_break_even"])
    assert pd.isna(p.at["total_benefit_usd", "p_above_break_even"])
    for metric in ("total_cost_usd", "total_benefit_usd", "npv_usd"):
        assert p.at[metric, "p10"] < p.at[metric, "p50"] < p.at[metric, "p90"]


def test_stated_npv_is_the_npv_of_the_cash_flow(db):
    """The portfolio's and each initiative's stated NPV are those of the existing
    definition (finance.npv over the cash-flow queries), at two rates."""
    for rate in (0.05, 0.2):
        c = ctx(db).with_(discount_rate=rate)
        flow = db.query("cashflow_by_year", c.filters, discount_rate=rate)
        p = rd.ranges_portfolio(c).set_index("metric")
        assert p.at["npv_usd", "stated"] == pytest.approx(finance.npv(flow), abs=1e-9)
        measures = by_id(chart_data.financial_measures(c))["npv_usd"]
        stated = by_id(rd.ranges_by_initiative(c))["npv_stated_usd"]
        assert stated.to_dict() == pytest.approx(measures.to_dict(), abs=1e-9)


def test_by_initiative_by_hand(db):
    """KS: worked in tests/analysis/test_ranges.py's docstring (the same lines, from the queries).
    TRN: one one-off cost of 5 in 2007, no benefit: P90 cost 5 * 1.402516 = 7.01258;
    its NPV is negative in every draw; 4 initiatives, so every one is in the top eight."""
    df = by_id(rd.ranges_by_initiative(ctx(db)))
    ks = df.loc["KS"]
    assert ks["name"] == "Knowledge-sharing"
    assert ks["cost_expected_usd"] == pytest.approx(68.6667, abs=1e-4)
    assert ks["benefit_p10_usd"] == pytest.approx(51.07978, abs=1e-4)
    assert ks["benefit_p90_usd"] == pytest.approx(97.36989, abs=1e-4)
    assert ks["npv_downside_usd"] == pytest.approx(-31.25394, abs=1e-4)
    assert ks["npv_upside_usd"] == pytest.approx(30.70406, abs=1e-4)
    trn = df.loc["TRN"]
    assert trn["cost_p90_usd"] == pytest.approx(7.01258, abs=1e-5)
    assert trn["benefit_stated_usd"] == 0
    assert trn["p_npv_positive"] == 0
    assert df["share_in_top8"].tolist() == [1.0, 1.0, 1.0, 1.0]
    assert 0 < ks["p_npv_positive"] < 1


def test_the_tornado_order(db):
    """Swing = upside - downside of each initiative. By hand (y0 2005, 5%):
    ERP: benefits 120 high 2006, 80 medium 2007; costs 100 recurring + 50 one-off 2005,
    30 recurring 2006 -> 120(1.05 - 0.911237)/1.05 + 80(1.276393 - 0.723607)/1.05^2
    + 100(1.163397 - 0.988730) + 50(1.402516 - 1.007547) + 30(0.174667)/1.05
    = 15.8586 + 40.1115 + 17.4667 + 19.7484 + 4.9905 = 98.1757;
    KS 61.9581 (tests/analysis/test_ranges.py: 30.70406 + 31.25394); SEC: 15 low 2007
    (1.118341 - 0.496648) / 1.05^2 + 10 one-off 2006 (0.394969) / 1.05 = 8.4584 + 3.7616
    = 12.2200; TRN 5 (0.394969) / 1.05^2 = 1.7912. Largest first."""
    t = rd.npv_tornado(ctx(db))
    assert t["initiative_id"].tolist() == ["ERP", "KS", "SEC", "TRN"]
    assert t["swing_usd"].tolist() == pytest.approx([98.1757, 61.9580, 12.2200, 1.7912],
                                                    abs=2e-4)
    assert t.iloc[0]["name"] == "Enterprise resource planning systems"


def test_same_inputs_give_the_same_figures(fixture_dir):
    one = rd.ranges_by_initiative(ctx(Database(fixture_dir)))
    two = rd.ranges_by_initiative(ctx(Database(fixture_dir)))
    pd.testing.assert_frame_equal(one, two)
    pd.testing.assert_frame_equal(rd.ranges_portfolio(ctx(Database(fixture_dir))),
                                  rd.ranges_portfolio(ctx(Database(fixture_dir))))


def test_npv_distribution_marks_and_histogram(db):
    c = ctx(db)
    h = rd.npv_distribution(c)
    assert list(h.columns) == ["bin_from_usd", "bin_to_usd", "share_of_draws"]
    assert len(h) == rd.HISTOGRAM_BINS
    assert h["share_of_draws"].sum() == pytest.approx(1.0)
    npv = rd.ranges_portfolio(c).set_index("metric").loc["npv_usd"]
    assert h["bin_from_usd"].iloc[0] <= npv["p10"] <= npv["p90"] <= h["bin_to_usd"].iloc[-1]


def test_low_confidence_share_and_one_initiative(db):
    """Low-confidence benefit 30 + 15 = 45 of 295."""
    c = ctx(db)
    assert rd.low_confidence_share(c) == pytest.approx(45 / 295)
    one = rd.initiative_ranges(c, "SEC")
    assert one["initiative_id"].tolist() == ["SEC"]
    assert rd.initiative_ranges(c, "NOPE").empty


def test_a_change_of_weights_with_the_simulation_cached(tmp_path):
    """With a memo shared between views (as the app's cache is), the simulation made at the
    first view's weights serves a second view's other weights only through the replayed
    share: every view gets what it gets alone."""
    from tests import odd_data

    odd_data.build(tmp_path)  # 12 initiatives: the top eight is a real choice
    db = Database(tmp_path)
    cache: dict = {}

    def memo(fn, c, options, args):
        key = (fn.__qualname__, c.filters, tuple(getattr(c, o) for o in options), args)
        if key not in cache:
            cache[key] = fn(c, *args)
        return cache[key]

    base = chart_data.Context(db=db, filters=Filters(snapshot=odd_data.ODD_AS_OF))
    for weights in ((1 / 3, 1 / 3, 1 / 3), (0.0, 1.0, 0.0), (1.0, 0.0, 0.0)):
        shared = rd.ranges_by_initiative(base.with_(weights=weights, memo=memo))
        alone = rd.ranges_by_initiative(base.with_(weights=weights))
        pd.testing.assert_frame_equal(shared, alone)
    assert sum(1 for k in cache if k[0] == "range_simulation") == 1  # made once


def test_weights_that_cannot_rank_leave_the_share_empty(db):
    df = rd.ranges_by_initiative(ctx(db).with_(weights=(0.0, 0.0, 0.0)))
    assert df["share_in_top8"].isna().all()
    assert df["p_npv_positive"].notna().all()


def test_the_top_eight_share_chart_largest_first_then_by_rank(db):
    """Four kept initiatives, at most eight: each is in the top eight in every draw, so
    the order is the ranking's. Default weights, each factor scaled 0-1: cost C ERP 180,
    KS 60, SEC 10, TRN 5; benefit B 200, 80, 15, 0; value V 3.67, 4, 1, none (0). Score x 3:
    KS 0.686 + 0.4 + 1 = 2.09, ERP 0 + 1 + 0.89 = 1.89, SEC 0.97 + 0.075 + 0 = 1.05,
    TRN 1 + 0 + 0 = 1: ranks KS, ERP, SEC, TRN. Flagged: ERP, KS, TRN."""
    df = rd.share_in_top_eight(ctx(db))
    assert df["initiative_id"].tolist() == ["KS", "ERP", "SEC", "TRN"]
    assert df["share_in_top8"].tolist() == [1.0, 1.0, 1.0, 1.0]
    assert df["rank"].tolist() == [1, 2, 3, 4]
    assert df["is_priority"].tolist() == [True, True, False, True]
    cannot = rd.share_in_top_eight(ctx(db).with_(weights=(0.0, 0.0, 0.0)))
    assert len(cannot) == 4  # every kept initiative, with no share and no rank
    assert cannot["share_in_top8"].isna().all() and cannot["rank"].isna().all()


# --- the filters ---------------------------------------------------------------------------


def test_years_filter(db):
    """Years 2006-2007, y0 2006: ERP keeps 30 recurring (2006), 120 high (2006), 80 medium
    (2007). Expected cost 30 * 3.2/3 = 32; expected benefit 118 + 80 = 198; stated NPV
    120 + 80/1.05 - 30 = 166.190476; downside 120 * 0.911237 + 80 * 0.723607/1.05
    - 30 * 1.163397 = 109.34847 + 55.13195 - 34.90192 = 129.57849."""
    erp = by_id(rd.ranges_by_initiative(ctx(db, year_from=2006, year_to=2007))).loc["ERP"]
    assert erp["cost_stated_usd"] == pytest.approx(30.0)
    assert erp["cost_expected_usd"] == pytest.approx(32.0)
    assert erp["benefit_expected_usd"] == pytest.approx(198.0)
    assert erp["npv_stated_usd"] == pytest.approx(166.190476, abs=1e-6)
    assert erp["npv_downside_usd"] == pytest.approx(129.57849, abs=1e-4)


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory):
    """The fixture with a cost-sharing key: UNDP carries half of shared lines."""
    rows = dict(fixture_data.ROWS)
    rows["agencies"] = [(*a, 0.5 if a[0] == "UNDP" else None) for a in fixture_data.AGENCIES]
    d = tmp_path_factory.mktemp("ranges-shared")
    fixture_data.build(d, rows=rows)
    return Database(d)


def test_agency_filter_counts_a_shared_line_at_its_share_with_its_class(shared_db):
    """UNDP, S = 0.5. ERP: UNDP's 100 recurring (2005), half the shared 50 one-off (2005)
    = 25 one-off, not WFP's 30. Expected cost 100 * 3.2/3 + 25 * 3.55/3 = 106.6667 +
    29.5833 = 136.25; P90 100 * 1.163397 + 25 * 1.402516 = 116.3397 + 35.0629 = 151.4027
    (were the shared line counted as recurring: 100 * 1.163397 + 25 * 1.163397 = 145.42).
    Benefits: UNDP's 120 high, half the shared 80 medium = 40: expected 118 + 40 = 158.
    KS keeps half the shared 20 recurring: 10, expected 10.6667."""
    df = by_id(rd.ranges_by_initiative(ctx(shared_db, agencies=("UNDP",))))
    erp = df.loc["ERP"]
    assert erp["cost_stated_usd"] == pytest.approx(125.0)
    assert erp["cost_expected_usd"] == pytest.approx(136.25)
    assert erp["cost_p90_usd"] == pytest.approx(151.4027, abs=1e-4)
    assert erp["benefit_expected_usd"] == pytest.approx(158.0)
    assert df.loc["KS", "cost_expected_usd"] == pytest.approx(10.6667, abs=1e-4)
    assert df.loc["KS", "benefit_stated_usd"] == 0


def test_category_filter_keeps_its_initiatives(db):
    df = rd.ranges_by_initiative(ctx(db, categories=("Working together",)))
    assert df["initiative_id"].tolist() == ["ERP"]
    p = rd.ranges_portfolio(ctx(db, categories=("Working together",))).set_index("metric")
    assert p.at["total_cost_usd", "stated"] == pytest.approx(180.0)


# --- the ranges table: optional, and exactly the classes it names -------------------------


@pytest.fixture(scope="module")
def no_ranges_db(tmp_path_factory):
    rows = {k: v for k, v in fixture_data.ROWS.items() if k != "ranges"}
    d = tmp_path_factory.mktemp("ranges-none")
    fixture_data.build(d, rows=rows)
    return Database(d)


def test_a_snapshot_without_the_table_uses_the_defaults(no_ranges_db):
    snap = no_ranges_db.snapshot(AS_OF)
    assert "ranges.parquet" not in json.loads((snap.path / "manifest.json").read_text())["files"]
    f = rd.range_factors(ctx(no_ranges_db))
    assert [tuple(r) for r in f[["side", "range_class", "low_factor", "high_factor"]]
            .itertuples(index=False)] == [
        (d.side, d.range_class, d.low_factor, d.high_factor) for d in RANGE_DEFAULTS]
    assert not f["from_snapshot"].any()


def test_the_table_changes_exactly_the_classes_it_names(db, no_ranges_db):
    """The fixture's table names medium benefits only: the factors differ in that row
    alone; SEC and TRN (no medium benefit) and every cost figure are unchanged, while ERP's
    and KS's benefit ranges move (medium 0.6..1.2 -> 0.5..1.5)."""
    with_t, without = rd.range_factors(ctx(db)), rd.range_factors(ctx(no_ranges_db))
    differs = (with_t[["low_factor", "high_factor"]] != without[["low_factor", "high_factor"]])
    assert with_t.loc[differs.any(axis=1), "range_class"].tolist() == ["medium"]
    assert with_t["from_snapshot"].tolist() == [False, True, False, False, False]
    a = by_id(rd.range_figures(ctx(db)))
    b = by_id(rd.range_figures(ctx(no_ranges_db)))
    pd.testing.assert_frame_equal(a.loc[["SEC", "TRN"]], b.loc[["SEC", "TRN"]])
    cost = [c for c in a.columns if c.startswith("cost_")]
    pd.testing.assert_frame_equal(a[cost], b[cost])
    for i in ("ERP", "KS"):
        assert a.at[i, "benefit_p10_usd"] < b.at[i, "benefit_p10_usd"]
        assert a.at[i, "benefit_p90_usd"] > b.at[i, "benefit_p90_usd"]
    # medium expected: 0.5..1.5 -> 1 per dollar; defaults 0.6..1.2 -> 2.8/3
    assert a.at["KS", "benefit_expected_usd"] - b.at["KS", "benefit_expected_usd"] == \
        pytest.approx(50 * (1 - 2.8 / 3))


def test_an_older_snapshot_without_the_table_is_served(tmp_path):
    fixture_data.build_two(tmp_path)
    db = Database(tmp_path)
    old = chart_data.Context(db=db, filters=Filters(snapshot=fixture_data.EARLIER_AS_OF))
    assert not rd.range_factors(old)["from_snapshot"].any()
    assert len(rd.ranges_by_initiative(old)) == 4
    assert cli.main(["validate", "--data-dir", str(tmp_path)]) == 0


# --- through the doors: ingest, validation, the template -----------------------------------


def test_a_source_without_ranges_publishes_without_it(tmp_path):
    rows = {k: v for k, v in text_rows().items() if k != "ranges"}
    src = write_csv_source(tmp_path / "src", rows)
    data = tmp_path / "data"
    assert cli.main(["ingest", str(src), "--as-of", AS_OF, "--data-dir", str(data)]) == 0
    snap = catalog.scan(data).get(AS_OF)
    assert "ranges" not in snap.rows
    assert "ranges.parquet" not in folders.read_manifest(snap.path)["files"]
    assert not (snap.path / "ranges.parquet").exists()


def test_a_source_with_ranges_publishes_it_in_the_manifest(tmp_path):
    data = tmp_path / "data"
    assert cli.main(["ingest", str(write_csv_source(tmp_path / "src")), "--as-of", AS_OF,
                     "--data-dir", str(data)]) == 0
    snap = catalog.scan(data).get(AS_OF)
    assert folders.read_manifest(snap.path)["files"]["ranges.parquet"]["rows"] == 1


def test_bad_ranges_rows_are_refused_with_row_and_column(tmp_path, capsys):
    rows = text_rows()
    rows["ranges"] = [
        ["benefit", "medium", "1.2", "1.5"],     # row 2: low_factor above 1
        ["cost", "sometimes", "0.9", "1.1"],    # row 3: an unknown class
        ["benefit", "one_off", "0.9", "1.1"],   # row 4: a cost class given for benefits
        ["benefit", "high", "0.9", "0.5"],      # row 5: high_factor below 1
        ["benefit", "high", "0.9", "11"],       # row 6: high_factor above 10; (benefit, high) twice
        ["gain", "high", "0.9", "1.1"],         # row 7: an unknown side
    ]
    src = write_csv_source(tmp_path / "src", rows)
    data = tmp_path / "data"
    assert cli.main(["ingest", str(src), "--as-of", AS_OF, "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    expected = [
        "ranges.csv, row 2, column low_factor",
        "ranges.csv, row 3, column range_class",
        "ranges.csv, row 4, column range_class",
        "ranges.csv, row 5, column high_factor",
        "ranges.csv, row 6, column high_factor",
        "ranges.csv, row 7, column side",
    ]
    for where in expected:
        assert where in err, (where, err)
    assert "for side benefit must be one of high, medium, low" in err
    assert "must be between 0 and 1" in err
    assert "must be between 1 and 10" in err
    assert "side + range_class" in err and "row 5 has the same" in err
    assert not data.exists() or not (data / "snapshots" / AS_OF).exists()


def test_a_published_ranges_file_with_a_bad_row_fails_validate(tmp_path, capsys):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dashboard.contract.schema import TABLES

    folder = fixture_data.build(tmp_path)
    bad = pa.Table.from_pylist([{"side": "cost", "range_class": "high", "low_factor": 0.9,
                                 "high_factor": 1.2}], schema=TABLES["ranges"].arrow_schema())
    pq.write_table(bad, folder / "ranges.parquet")
    manifest = folders.read_manifest(folder)
    manifest["files"]["ranges.parquet"]["sha256"] = folders.sha256_file(folder / "ranges.parquet")
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert cli.main(["validate", "--data-dir", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert "ranges.parquet, row 1, column range_class" in out.out + out.err
    assert "for side cost must be one of one_off, recurring" in out.out + out.err


def test_the_template_has_a_ranges_sheet_with_drop_downs(tmp_path):
    out = tmp_path / "t.xlsx"
    assert cli.main(["template", "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    ws = wb["ranges"]
    assert [c.value for c in ws[1]] == ["side", "range_class", "low_factor", "high_factor"]
    lists = {rng.min_col: dv for dv in ws.data_validations.dataValidation
             for rng in dv.sqref.ranges}
    assert lists[1].type == "list" and lists[2].type == "list"
    lists_sheet = wb["lists"]
    columns = {c[0].value: [v.value for v in c[1:] if v.value] for c in lists_sheet.iter_cols()}
    assert columns["ranges.side"] == ["benefit", "cost"]
    assert columns["ranges.range_class"] == ["high", "medium", "low", "one_off", "recurring"]


def test_an_empty_ranges_sheet_in_a_workbook_is_no_override(tmp_path):
    """A filled-in template whose ranges sheet is left empty: the defaults apply."""
    path = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, table_rows in fixture_data.ROWS.items():
        ws = wb.create_sheet(name)
        ws.append(fixture_data.columns(name))
        for row in (table_rows if name != "ranges" else []):
            ws.append([v if not hasattr(v, "isoformat") else v.isoformat() for v in row])
    wb.save(path)
    data = tmp_path / "data"
    assert cli.main(["ingest", str(path), "--as-of", AS_OF, "--data-dir", str(data)]) == 0
    db = Database(data)
    assert not rd.range_factors(ctx(db))["from_snapshot"].any()
    assert math.isclose(rd.range_factors(ctx(db)).iloc[1]["low_factor"], 0.6)



def test_the_docs_state_the_defaults_and_their_reasons():
    """data/README.md's table of defaults is schema.RANGE_DEFAULTS, reasons included."""
    from dashboard.contract import docs

    text = docs.section("Ranges: how sure each figure is")
    for d in RANGE_DEFAULTS:
        row = (f"| {d.side} | {d.range_class} | {d.low_factor:.2f} | {d.high_factor:.2f} | "
               f"{d.reason} |")
        assert row in text, row
    for words in ("20,000 draws", "fixed seed 60323", "8 times in 10"):
        assert words in text


def test_the_load_data_preview_without_and_with_ranges(tmp_path):
    """The Load data page's check and row counts (dashboard/intake/loading.py): an upload
    without the optional table is complete, and its preview lists only what it holds."""
    from dashboard.intake import ingest, loading

    rows = {k: v for k, v in text_rows().items() if k != "ranges"}
    report, tables = ingest.check_source(write_csv_source(tmp_path / "a", rows))
    assert report.ok and "ranges" not in tables
    checked = loading.Checked("a.zip", None, report, tables)  # type: ignore[arg-type]
    assert checked.ok
    assert "ranges" not in loading.rows_per_table(tables)["table"].tolist()
    report, tables = ingest.check_source(write_csv_source(tmp_path / "b"))
    counts = loading.rows_per_table(tables)
    assert dict(zip(counts["table"], counts["rows"], strict=True))["ranges"] == 1


def test_top_eight_share_of_a_snapshot_without_spread_is_its_ranking(tmp_path):
    """Ten initiatives and every class's factors 1..1 (no spread): every draw is the
    stated portfolio, so the share in the top eight is 1 for the eight first of the
    Prioritization ranking (chart_data.priority_ranking: C, B and V of the same filters)
    and 0 for the two others, whatever the weights."""
    rows = {k: list(v) for k, v in fixture_data.ROWS.items()}
    for k in range(6):
        i = f"X{k}"
        rows["initiatives"].append((i, f"Extra {k}", "ICT governance", False, "planning",
                                    None, None))
        rows["costs"].append((i, "UNDP", 2006, "staff", bool(k % 2), 10.0 + 7 * k))
        rows["benefits"].append((i, None, 2007, "productivity", "low", 60.0 - 5 * k))
        rows["commitments"].append((i, "WFP", "committed", 1 + k % 5, 0.0))
    rows["ranges"] = [(side, cls, 1.0, 1.0) for side, cls in
                      (("benefit", "high"), ("benefit", "medium"), ("benefit", "low"),
                       ("cost", "one_off"), ("cost", "recurring"))]
    fixture_data.build(tmp_path, rows=rows)
    db = Database(tmp_path)
    for weights in ((1 / 3, 1 / 3, 1 / 3), (0.0, 0.0, 1.0), (0.2, 0.5, 0.3)):
        c = ctx(db).with_(weights=weights)
        ranking = chart_data.priority_ranking(c)
        top = set(ranking.loc[ranking["rank"] <= 8, "initiative_id"])
        share = by_id(rd.ranges_by_initiative(c))["share_in_top8"]
        assert share.to_dict() == {i: (1.0 if i in top else 0.0) for i in share.index}


def _invariants(c: chart_data.Context) -> None:
    p = rd.ranges_portfolio(c).set_index("metric")
    for metric in p.index:
        assert p.at[metric, "p10"] <= p.at[metric, "p50"] <= p.at[metric, "p90"], metric
    kpis = chart_data.kpis(c).set_index("metric")["value"]
    for metric in ("total_cost_usd", "total_benefit_usd", "net_benefit_usd",
                   "benefit_cost_ratio"):
        assert p.at[metric, "stated"] == pytest.approx(kpis[metric], rel=1e-12), metric
    df = rd.ranges_by_initiative(c)
    for side in ("cost", "benefit"):  # a triangle's mean lies between its P10 and P90
        assert (df[f"{side}_p10_usd"] <= df[f"{side}_expected_usd"] * (1 + 1e-12)).all()
        assert (df[f"{side}_expected_usd"] <= df[f"{side}_p90_usd"] * (1 + 1e-12)).all()
    assert (df["npv_downside_usd"] <= df["npv_upside_usd"]).all()
    assert df["p_npv_positive"].between(0, 1).all()
    assert df["share_in_top8"].sum() == pytest.approx(min(8, len(df)))
    assert sorted(rd.npv_tornado(c)["initiative_id"]) == sorted(df["initiative_id"])


def test_the_shipped_sample(tmp_path):
    """The newest sample snapshot (no ranges table: the defaults): the low-confidence share
    is the one the benefits-by-confidence chart's query gives (about 61%, as issue 25
    says), and the sheets hold together (no figure of the sample is assumed here)."""
    from dashboard.config import REPO_ROOT

    db = Database(REPO_ROOT / "data")
    c = chart_data.Context(db=db, filters=Filters(snapshot=db.scan().newest.as_of))
    by_confidence = db.query("benefits_by_confidence", c.filters)
    low = by_confidence.loc[by_confidence["confidence"] == "low", "benefit_usd"].sum()
    assert rd.low_confidence_share(c) == pytest.approx(low / by_confidence["benefit_usd"].sum(),
                                                       rel=1e-12)
    assert not rd.range_factors(c)["from_snapshot"].any()
    _invariants(c)


def test_odd_data(tmp_path):
    """Odd but valid data: 12 initiatives (a real top-eight share), amounts $1 to $10B, a
    single-initiative snapshot."""
    from tests import odd_data

    odd_data.build(tmp_path)
    db = Database(tmp_path)
    for as_of in (odd_data.ODD_AS_OF, odd_data.ONE_AS_OF):
        _invariants(chart_data.Context(db=db, filters=Filters(snapshot=as_of)))
