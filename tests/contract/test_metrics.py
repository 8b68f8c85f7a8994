"""One table of headline figures (dashboard/contract/metrics.py): the figures of the docs'
"Headline figures" (but NPV and payback, which the Costs & benefits page shows), in their
order; the export's kpis sheet, the tiles and the changes all read it. Expected texts are
worked out by hand from the values written here."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.contract import docs
from dashboard.contract.metrics import BY_KEY, HEADLINES
from dashboard.output import summary, tiles
from dashboard.query import chart_data


def test_the_table_holds_the_docs_headline_figures_in_their_order():
    documented = re.findall(r"^\| `(\w+)(?:\(rate\))?` \|", docs.section("Headline figures"),
                            re.M)
    assert documented[-2:] == ["npv_usd", "payback_year"]
    assert [h.key for h in HEADLINES] == documented[:-2]


def test_the_export_kpis_sheet_is_the_table(db, f0):
    k = chart_data.kpis(chart_data.Context(db=db, filters=f0))
    assert list(k["metric"]) == [h.key for h in HEADLINES]
    assert list(k["label"]) == [h.label for h in HEADLINES]


def test_each_figure_is_written_in_its_format_and_its_change_in_its_colour():
    now = pd.Series({"total_cost_usd": 1_250_000.0, "total_benefit_usd": 2_000_000.0,
                     "net_benefit_usd": 750_000.0, "benefit_cost_ratio": 1.6,
                     "agencies_committed": 3.0, "contributions_paid_usd": 330.0,
                     "contributions_pledged_usd": 140.0, "funding_gap_usd": 980.0})
    before = now.copy()
    before["total_cost_usd"] = 1_000_000.0  # +$250.0K, +25.0%: bad news
    before["agencies_committed"] = 1.0  # +2: good news
    before["benefit_cost_ratio"] = 2.0  # -0.4x
    got = {t[0]: t[1:] for t in tiles.headline(now, before)}
    assert got["Total cost"][0] == "$1.2M" and got["Total cost"][2:4] == (
        "+$250.0K (+25.0%)", "inverse")
    assert got["Organizations committed"][0] == "3"
    assert got["Organizations committed"][2:4] == ("+2", "normal")
    assert got["Benefit-cost ratio"][0] == "1.6x"
    assert got["Benefit-cost ratio"][2:4] == ("-0.4x", "normal")
    assert got["Funding gap"][2:4] == (summary.NO_CHANGE, "inverse")
    # the help of every tile is the figure's definition
    assert [t[2] for t in tiles.headline(now)] == [h.definition for h in HEADLINES]


def test_only_cost_and_the_gap_are_bad_when_they_rise():
    assert {h.key for h in HEADLINES if h.good == "down"} == {"total_cost_usd",
                                                              "funding_gap_usd"}
    assert BY_KEY["net_benefit_usd"].delta_color == "normal"
