"""`python -m dashboard export` and the download workbooks: sheets, columns and values on
the fixture, under each filter of the data contract (section 3)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard import registry
from dashboard.cli import main
from dashboard.output import export
from dashboard.query import chart_data
from dashboard.query.filters import Filters
from tests import fixture_data
from tests.fixture_figures import KPI_CASES

REQUIRED = {  # contract section 6 (the analytics sheets are tested in test_export_analytics)
    "kpis": ["metric", "value"],
    "cost_by_initiative": ["initiative_id", "name", "category", "total_cost_usd",
                           "total_benefit_usd", "net_benefit_usd"],
    "cashflow_by_year": ["fiscal_year", "cost_usd", "benefit_usd", "net_usd",
                         "cumulative_net_usd", "discounted_net_usd"],
    "commitment_matrix": ["initiative_id", "agency_code", "commitment_level", "relative_value",
                          "pledged_usd"],
    "contributions_by_donor": ["donor", "donor_type", "paid_usd", "pledged_usd"],
    "funding_gap": ["initiative_id", "funding_target_usd", "agency_pledged_usd",
                    "paid_contributions_usd", "funding_gap_usd"],
}

FLAGS = {
    "agencies": "--agency", "categories": "--category", "initiatives": "--initiative",
}


def _args(kw: dict) -> list[str]:
    out: list[str] = []
    for k, flag in FLAGS.items():
        for v in kw.get(k, ()):
            out += [flag, v]
    if kw.get("priority_only"):
        out.append("--priority-only")
    if "year_from" in kw:
        out += ["--years", str(kw["year_from"]), str(kw["year_to"])]
    return out


def _export(fixture_dir, tmp_path, *extra: str) -> dict[str, pd.DataFrame]:
    out = tmp_path / "export.xlsx"
    code = main(["export", "--out", str(out), "--data-dir", str(fixture_dir), *extra])
    assert code == 0
    return pd.read_excel(out, sheet_name=None)


def test_export_has_every_sheet_with_the_contract_columns(fixture_dir, tmp_path):
    book = _export(fixture_dir, tmp_path)
    for name in registry.SHEETS:
        if name in ("budget_selection", "changes"):
            continue  # only with --budget / --compare-to
        assert name in book, f"sheet {name} missing"
    for name, cols in REQUIRED.items():
        got = list(book[name].columns)
        assert got[: len(cols)] == cols or set(cols) <= set(got), (name, got)
    assert "metadata" in book
    assert "budget_selection" not in book  # no --budget given


def test_export_values_on_the_fixture(fixture_dir, tmp_path):
    book = _export(fixture_dir, tmp_path)
    k = book["kpis"].set_index("metric")["value"]
    assert k["total_cost_usd"] == 255 and k["total_benefit_usd"] == 295
    assert k["benefit_cost_ratio"] == pytest.approx(295 / 255)
    assert k["funding_gap_usd"] == 980
    assert "npv_usd" not in k.index and "payback_year" not in k.index
    c = book["cost_by_initiative"].set_index("initiative_id")
    assert c["total_cost_usd"].to_dict() == {"ERP": 180, "KS": 60, "SEC": 10, "TRN": 5}
    cf = book["cashflow_by_year"]
    assert cf["cumulative_net_usd"].tolist() == [-190, -100, 40]
    d = book["contributions_by_donor"].set_index("donor")
    assert d.loc["Côte d'Ivoire", "pledged_usd"] == 100  # unicode and apostrophes survive
    lst = book["contribution_list"]
    assert sorted(lst["contribution_id"]) == ["C1", "C2", "C3", "C4", "C5"]


@pytest.mark.parametrize("case", list(KPI_CASES))
def test_export_matches_each_filter_of_the_contract(fixture_dir, tmp_path, case):
    kw, cost, benefit, committed, paid, pledged, gap = KPI_CASES[case]
    book = _export(fixture_dir, tmp_path, *_args(kw))
    k = book["kpis"].set_index("metric")["value"]
    assert k["total_cost_usd"] == cost
    assert k["total_benefit_usd"] == benefit
    assert k["net_benefit_usd"] == benefit - cost
    assert k["agencies_committed"] == committed
    assert k["contributions_paid_usd"] == paid
    assert k["contributions_pledged_usd"] == pledged
    assert k["funding_gap_usd"] == gap
    assert book["cost_by_initiative"]["total_cost_usd"].sum() == cost
    assert book["cashflow_by_year"]["benefit_usd"].sum() == benefit
    assert book["contributions_by_donor"]["paid_usd"].sum() == paid
    assert book["funding_gap"]["funding_gap_usd"].sum() == gap
    meta = dict(zip(book["metadata"]["field"], book["metadata"]["value"], strict=False))
    assert meta["filter_agency"] == (", ".join(sorted(kw.get("agencies", ()))) or "all")
    assert meta["filter_priority_only"] == ("yes" if kw.get("priority_only") else "no")


def test_metadata_sheet(fixture_dir, tmp_path):
    book = _export(fixture_dir, tmp_path, "--discount-rate", "0.1")
    meta = dict(zip(book["metadata"]["field"], book["metadata"]["value"], strict=False))
    assert meta["snapshot"] == fixture_data.FIXTURE_AS_OF
    assert meta["source"] == "test fixture"
    for f in ("filter_agency", "filter_category", "filter_initiative", "filter_years"):
        assert meta[f] == "all"
    assert meta["discount_rate"] == 0.1 or meta["discount_rate"] == "0.1"
    assert meta["generated_at"].endswith("Z")
    assert "illustrative" not in " ".join(map(str, book["metadata"]["value"])).lower()
    cf = book["cashflow_by_year"]
    assert cf["discounted_net_usd"].tolist() == pytest.approx([-190, 90 / 1.1, 140 / 1.1**2])


def test_sample_data_is_labelled_in_the_metadata(tmp_path):
    fixture_data.build(tmp_path / "d", source="Illustrative sample data (test)")
    book = _export(tmp_path / "d", tmp_path)
    values = " ".join(map(str, book["metadata"]["value"]))
    assert "not official figures" in values


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--agency", "NOPE"], "valid values: ITU, UN, UNDP, WFP"),
        (["--category", "Space"], "valid values: ICT in development"),
        (["--initiative", "XX"], "valid values: ERP, KS, SEC, TRN"),
        (["--snapshot", "1999-01-01"], "valid values: 2006-01-01"),
        (["--years", "2007", "2005"], "FROM must not be after TO"),
    ],
)
def test_bad_filter_values_are_usage_errors(fixture_dir, tmp_path, capsys, extra, needle):
    out = tmp_path / "x.xlsx"
    code = main(["export", "--out", str(out), "--data-dir", str(fixture_dir), *extra])
    assert code == 2
    assert needle in capsys.readouterr().err
    assert not out.exists()


def test_a_failed_export_leaves_no_file(fixture_dir, tmp_path, monkeypatch):
    out = tmp_path / "x.xlsx"

    def broken(target, sheets, meta):
        with open(target, "wb") as f:
            f.write(b"partial")
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "write_workbook", broken)
    with pytest.raises(RuntimeError):
        main(["export", "--out", str(out), "--data-dir", str(fixture_dir)])
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_replaced_whole(fixture_dir, tmp_path):
    out = tmp_path / "x.xlsx"
    out.write_bytes(b"old")
    assert main(["export", "--out", str(out), "--data-dir", str(fixture_dir)]) == 0
    assert pd.read_excel(out, sheet_name="kpis").shape[0] == 8
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.xlsx"]


def test_per_chart_downloads(db, f0):
    ctx = chart_data.Context(db=db, filters=f0.with_(agencies=("UNDP",)))
    snap = db.snapshot(f0.snapshot)
    df = chart_data.commitment_by_agency(ctx)
    meta = export.metadata(ctx, snap, sheets=["commitment_by_agency"])
    book = pd.read_excel(io.BytesIO(export.workbook_bytes({"commitment_by_agency": df}, meta)),
                         sheet_name=None)
    assert list(book) == ["commitment_by_agency", "metadata"]
    sheet = book["commitment_by_agency"]
    assert sheet["agency_code"].tolist() == ["UNDP"]
    assert sheet["pledged_usd"].tolist() == [300 + 10]
    m = dict(zip(book["metadata"]["field"], book["metadata"]["value"], strict=False))
    assert m["filter_agency"] == "UNDP"
    assert "this snapshot has no cost-sharing key" in " ".join(map(str, book["metadata"]["value"]))
    csv = export.csv_bytes(chart_data.contributions_by_donor(ctx)).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(csv))
    assert back.set_index("donor").loc["Côte d'Ivoire", "pledged_usd"] == 100


def test_download_all_gives_the_export_workbook(fixture_dir, tmp_path, db):
    """The sidebar's "Download all" bytes and the command's file hold the same sheets."""
    f = chart_data.Context(db=db, filters=Filters(
        snapshot=fixture_data.FIXTURE_AS_OF, categories=("Working together",)))
    data = export.build_workbook_bytes(f, db.snapshot(fixture_data.FIXTURE_AS_OF))
    button = pd.read_excel(io.BytesIO(data), sheet_name=None)
    command = _export(fixture_dir, tmp_path, "--category", "Working together")
    assert list(button) == list(command)
    for name in button:
        if name != "metadata":
            pd.testing.assert_frame_equal(button[name], command[name], check_dtype=False)
    assert button["kpis"].set_index("metric").loc["total_cost_usd", "value"] == 180


def test_the_french_export_has_exactly_the_english_names_and_french_labels(fixture_dir,
                                                                          tmp_path):
    # machine names never change with the language (data/README.md, "Languages"): the
    # same sheets in the same order, the same columns, the same rows and values; only the
    # metadata sheet's labels are in French
    (tmp_path / "en").mkdir()
    (tmp_path / "fr").mkdir()
    english = _export(fixture_dir, tmp_path / "en")
    french = _export(fixture_dir, tmp_path / "fr", "--lang", "fr")
    assert list(french) == list(english)
    for name in english:
        assert list(french[name].columns) == list(english[name].columns), name
    assert french["kpis"]["value"].tolist() == english["kpis"]["value"].tolist()
    assert french["funding_gap"].equals(english["funding_gap"])
    en_meta = dict(zip(english["metadata"]["field"], english["metadata"]["value"],
                       strict=True))
    fr_meta = dict(zip(french["metadata"]["field"], french["metadata"]["value"], strict=True))
    assert en_meta["snapshot"] == fr_meta["instantané"] == "2006-01-01"
    assert fr_meta["taux d'actualisation"] == en_meta["discount_rate"]
    assert "snapshot" not in fr_meta and "discount_rate" not in fr_meta
    assert len(fr_meta) == len(en_meta)
