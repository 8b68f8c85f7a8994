"""The tiles say whose figure each is and whether the stated figure lies outside its own
likely range (dashboard/output/tiles.py, with summary.Scope); issue 24, S2 and S3. The
expected words are the review's, the figures made by hand."""

from __future__ import annotations

import pandas as pd

from dashboard.output import summary, tiles

NOW = pd.Series({"total_cost_usd": 8_900_000.0, "total_benefit_usd": 23_100_000.0,
                 "net_benefit_usd": 14_200_000.0, "benefit_cost_ratio": 2.6,
                 "agencies_committed": 1.0, "contributions_paid_usd": 28_500_000.0,
                 "contributions_pledged_usd": 11_800_000.0, "funding_gap_usd": 38_100_000.0})
UNDP = summary.Scope(organizations=("UNDP",), initiatives=15,
                     likely={"total_cost_usd": (9.4e6, 10.3e6),  # stated 8.9M: below
                             "total_benefit_usd": (18.0e6, 23.6e6),  # 23.1M: inside
                             "net_benefit_usd": (8.2e6, 13.8e6)})  # 14.2M: above


def _by_label(tiles_list):
    return {t.label: t for t in tiles_list}


def test_under_an_organization_each_tile_says_whose_figure_it_is():
    got = _by_label(tiles.headline(NOW, scope=UNDP))
    # the organization's share: cost, benefit, net benefit, ratio; the funding: everyone's
    assert got["Total cost (UNDP's share)"].value == "$8.9M"
    assert "Benefit-cost ratio (UNDP's share)" in got
    assert got["Paid contributions (all organizations)"].value == "$28.5M"
    assert "Donor pledges, not yet paid (all organizations)" in got
    assert got["Funding gap (all organizations)"].value == "$38.1M"
    # "Organizations committed 1" under one organization: of the ones chosen
    assert got["Chosen organizations committed"].value == "1 of 1"
    two = summary.Scope(organizations=("UNDP", "WFP"))
    assert _by_label(tiles.headline(NOW, scope=two))["Chosen organizations committed"].value \
        == "1 of 2"


def test_without_the_filter_the_labels_are_the_plain_ones():
    labels = [t.label for t in tiles.headline(NOW, scope=summary.Scope(initiatives=15))]
    assert labels == ["Total cost", "Total benefit", "Net benefit", "Benefit-cost ratio",
                      "Organizations committed", "Paid contributions",
                      "Donor pledges, not yet paid", "Funding gap"]


def test_a_stated_figure_outside_its_range_says_so_on_the_tile():
    got = _by_label(tiles.headline(NOW, scope=UNDP))
    assert got["Total cost (UNDP's share)"].note == (
        "Likely $9.4M to $10.3M; stated figure below its likely range")
    assert got["Net benefit (UNDP's share)"].note == (
        "Likely $8.2M to $13.8M; stated figure above its likely range")
    assert got["Total benefit (UNDP's share)"].note == "Likely $18.0M to $23.6M"  # inside
    assert got["Funding gap (all organizations)"].note is None  # no range


def test_the_what_changed_tiles_say_whose_figure():
    changes = pd.DataFrame({"cost_before_usd": [100.0], "cost_after_usd": [150.0],
                            "benefit_before_usd": [10.0], "benefit_after_usd": [10.0],
                            "status": ["changed"]})
    money, _ = tiles.changes(changes, "2005-09-01", "2006-03-31",
                             summary.Scope(organizations=("UNDP",)))
    assert [t[0] for t in money] == ["Cost 2005-09-01 → 2006-03-31 (UNDP's share)",
                                     "Benefit 2005-09-01 → 2006-03-31 (UNDP's share)"]
    plain, _ = tiles.changes(changes, "2005-09-01", "2006-03-31")
    assert plain[0][0] == "Cost 2005-09-01 → 2006-03-31"


def test_the_largest_donors_share_is_counted_from_the_data():
    assert tiles.top_share_label(5) == "The five largest donors' share of paid"
    assert tiles.top_share_label(2) == "The two largest donors' share of paid"
    assert tiles.top_share_label(1) == "The largest donor's share of paid"
