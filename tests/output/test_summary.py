"""The Overview's sentence and tile changes (dashboard/output/summary.py), worked out by hand."""

from __future__ import annotations

from dashboard.output import summary

NOW = {"total_cost_usd": 126_400_000.0, "benefit_cost_ratio": 1.82,
       "funding_gap_usd": 38_100_000.0, "agencies_committed": 27.0}
BEFORE = {"total_cost_usd": 122_700_000.0, "benefit_cost_ratio": 1.75,
          "funding_gap_usd": 40_000_000.0, "agencies_committed": 25.0}


def test_the_sentence_says_where_we_stand_and_what_moved():
    # cost 122.7M -> 126.4M: +3.7 / 122.7 = +3.0%
    assert summary.overview_sentence(NOW, 15, BEFORE, "2005-09-01") == (
        "15 initiatives, $126.4M estimated cost, 1.8x benefit; $38.1M still unfunded; "
        "cost up 3.0% since 2005-09-01.")
    assert summary.overview_sentence(NOW, 1) == (
        "1 initiative, $126.4M estimated cost, 1.8x benefit; $38.1M still unfunded.")
    assert summary.overview_sentence({**NOW, "funding_gap_usd": 0.0}, 2).endswith(
        "; fully funded.")


def test_tile_changes():
    assert summary.tile_change("total_cost_usd", 122_700_000, 126_400_000) == "+$3.7M (+3.0%)"
    assert summary.tile_change("funding_gap_usd", 40e6, 38.1e6) == "-$1.9M (-4.8%)"
    assert summary.tile_change("agencies_committed", 25, 27) == "+2"
    assert summary.tile_change("agencies_committed", 25, 25) == "No change"
    assert summary.tile_change("total_benefit_usd", 295, 295.2) == "No change"  # "$0"
    assert summary.tile_change("benefit_cost_ratio", 1.75, 1.77) == "No change"  # 0.0x
    assert summary.tile_change("benefit_cost_ratio", 1.75, 1.82) == "+0.1x"
    # no % of nothing: beyond ±1,000% the base is said instead
    assert summary.tile_change("total_cost_usd", 0, 5) == "+$5 (from $0)"
    assert summary.tile_change("total_cost_usd", None, 5) is None
