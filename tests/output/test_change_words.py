"""What changed's « In short » under the organization filter (French round 3, #1): each line
says whose figure it gives, from one presenter (output/change_words.py) for the app and the
pack; the figures and the lines worked out by hand from a small fixture."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import comparison
from dashboard.output import change_words

COLUMNS = ["initiative_id", "name", "total_cost_usd", "total_benefit_usd", "agencies_committed",
           "agency_pledged_usd", "pledged_contributions_usd", "paid_contributions_usd"]
BEFORE = pd.DataFrame([["A", "Alpha", 100, 50, 0, 0, 0, 0],
                       ["R", "Retired", 35, 0, 0, 0, 0, 0]], columns=COLUMNS)
AFTER = pd.DataFrame([["A", "Alpha", 125, 60, 1, 0, 0, 40],
                      ["N", "Newly", 5, 0, 0, 0, 0, 0]], columns=COLUMNS)
SINCE = "2005-07-01"


def _changes() -> pd.DataFrame:
    return comparison.compare_snapshots(BEFORE, AFTER)


def test_every_line_under_an_organization_says_its_scope():
    # by hand: Alpha's cost +25 of 100 (25%), its benefit +10 of 50 (20%), paid contributions
    # +40 from 0 (whole portfolio: contributions are not split), and UNDP now committed
    lines = change_words.in_short(_changes(), SINCE, ("UNDP",))
    assert lines == [
        "Newly: new since 2005-07-01 (UNDP's share: cost $5.00, benefit $0)",
        "Retired: no longer in the portfolio since 2005-07-01 (UNDP's share: cost was $35)",
        "Alpha: paid contributions (whole portfolio) up $40 (from $0) since 2005-07-01",
        "Alpha: cost estimate (UNDP's share) up 25% (+$25) since 2005-07-01",
        "Alpha: expected benefit (UNDP's share) up 20% (+$10) since 2005-07-01",
        "Alpha: UNDP committed since 2005-07-01",
    ]


def test_several_organizations_count_among_them():
    lines = change_words.in_short(_changes(), SINCE, ("UNDP", "WFP"))
    assert lines[-1] == "Alpha: committed organizations among UNDP and WFP 0 → 1 since 2005-07-01"
    assert lines[3] == "Alpha: cost estimate (UNDP and WFP's share) up 25% (+$25) since 2005-07-01"


def test_without_the_filter_the_lines_are_the_portfolio_s():
    lines = change_words.in_short(_changes(), SINCE, ())
    assert lines[3] == "Alpha: cost estimate up 25% (+$25) since 2005-07-01"
    assert lines[-1] == "Alpha: committed organizations 0 → 1 since 2005-07-01"


def test_a_pledged_share_is_the_organization_s_own():
    # R6a #8: UNDP's pledged share is UNDP's own (not "UNDP's share" of the pledged shares),
    # as the table's group name says it: "(UNDP only)"; by hand: Alpha's pledged share
    # 0 -> 30, up $30 from $0
    after = AFTER.assign(agency_pledged_usd=[30, 0])
    lines = change_words.in_short(comparison.compare_snapshots(BEFORE, after), SINCE, ("UNDP",))
    assert ("Alpha: organizations' pledged shares (UNDP only) up $30 (from $0) since 2005-07-01"
            in lines), lines
