"""The ranges' export sheets (data contract version 3, section 6): `ranges_portfolio`,
`ranges_by_initiative` and `npv_tornado` in the workbook with exactly the contract's
columns, after the contract's other sheets, on the fixture and on odd data; the
simulation's draws and seed in `metadata`."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import registry
from dashboard.cli import main
from tests import fixture_data, odd_data

CONTRACT = {  # data contract, section 6 (version 3), copied from the contract's table
    "ranges_portfolio": ["metric", "stated", "expected", "p10", "p50", "p90",
                         "p_above_break_even"],
    "ranges_by_initiative": [
        "initiative_id", "name", "cost_stated_usd", "cost_expected_usd", "cost_p10_usd",
        "cost_p90_usd", "benefit_stated_usd", "benefit_expected_usd", "benefit_p10_usd",
        "benefit_p90_usd", "npv_stated_usd", "npv_downside_usd", "npv_upside_usd",
        "p_npv_positive", "share_in_top8"],
    "npv_tornado": ["initiative_id", "name", "npv_if_worse_usd", "npv_if_better_usd",
                    "swing_usd"],
}
METRICS = ["total_cost_usd", "total_benefit_usd", "net_benefit_usd", "npv_usd",
           "benefit_cost_ratio"]


def _book(data_dir, tmp_path, snapshot: str) -> dict[str, pd.DataFrame]:
    out = tmp_path / "export.xlsx"
    assert main(["export", "--out", str(out), "--data-dir", str(data_dir),
                 "--snapshot", snapshot]) == 0
    return pd.read_excel(out, sheet_name=None)


@pytest.fixture(scope="module")
def odd_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("odd-data")
    odd_data.build(d)
    return d


@pytest.mark.parametrize("which", ["fixture", "odd"])
def test_the_three_sheets_have_exactly_the_contract_columns(which, fixture_dir, odd_dir,
                                                            tmp_path):
    data_dir, as_of, n = ((fixture_dir, fixture_data.FIXTURE_AS_OF, None) if which == "fixture"
                          else (odd_dir, odd_data.ODD_AS_OF, 12))
    book = _book(data_dir, tmp_path, as_of)
    for name, cols in CONTRACT.items():
        assert list(book[name].columns) == cols, name
    assert book["ranges_portfolio"]["metric"].tolist() == METRICS
    # null for cost and benefit, a share for the others
    pab = book["ranges_portfolio"]["p_above_break_even"]
    assert pab[:2].isna().all() and pab[2:].between(0, 1).all()
    if n:
        assert len(book["ranges_by_initiative"]) == n == len(book["npv_tornado"])
    swing = book["npv_tornado"]["swing_usd"].tolist()
    assert swing == sorted(swing, reverse=True)


def test_the_ranges_sheets_follow_the_contracts_other_sheets():
    names = list(registry.SHEETS)
    i = names.index("ranges_portfolio")
    assert names[i:i + 3] == list(CONTRACT)
    assert names.index("cost_sharing") < i  # the contract's earlier sheets come first
    assert "top_eight_vs_flagged" not in names[:i]  # the dashboard's other sheets after


def test_metadata_names_the_simulations_draws_and_seed(fixture_dir, tmp_path):
    book = _book(fixture_dir, tmp_path, fixture_data.FIXTURE_AS_OF)
    meta = dict(zip(book["metadata"]["field"], book["metadata"]["value"], strict=False))
    # data/README.md, "Ranges": 20,000 draws, seed 60323
    assert str(meta["simulation_draws"]) == "20000"
    assert str(meta["simulation_seed"]) == "60323"
