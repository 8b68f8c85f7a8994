"""The briefing pack's HTML pieces (dashboard/output/briefing_html.py)."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.lang.lazy import read
from dashboard.lang.translate import language
from dashboard.output import briefing_html
from dashboard.registry import BY_ID
from tests import odd_data


def test_a_table_names_each_initiative_never_by_its_bare_code():
    df = pd.DataFrame({"initiative_id": ["KS", "BUSCASE"],
                       "name": ["Knowledge-sharing", "Business case development and costing"],
                       "npv_usd": [1.0, 2.0]})
    html = briefing_html.table(df, ["initiative_id", "npv_usd"])
    assert ">Knowledge-sharing (KS)<" in html
    # 37 + 10 characters: within the 48 of a cell, whole
    assert ">Business case development and costing (BUSCASE)<" in html


def test_a_table_keeps_the_part_of_long_names_that_differs():
    df = pd.DataFrame({"initiative_id": ["INIT03", "INIT11"],
                       "name": [odd_data.LONG.format(i=3), odd_data.LONG.format(i=11)],
                       "npv_usd": [1.0, 2.0]})
    html = briefing_html.table(df, ["initiative_id", "npv_usd"])
    for code, n in (("INIT03", 3), ("INIT11", 11)):
        row = html.split(f"({code})")[0].rsplit(">", 1)[1]
        assert row.startswith("Harmonized") and f"number {n}" in row, row


def test_a_table_may_head_a_column_in_its_own_words():
    """FR #18: the who-pays table's "pledged_usd" is each organization's own pledged share,
    headed "Pledged (US$)" ("Annoncé ($US)"), which a reader took for donors' pledges. The
    registry gives that table its own header; the other columns keep the app's."""
    df = pd.DataFrame({"agency_code": ["UNDP"], "pledged_usd": [1.0], "net_usd": [2.0]})
    html = briefing_html.table(df, ["agency_code", "pledged_usd", "net_usd"],
                               headers={"pledged_usd": "Pledged share (US$)"})
    heads = re.findall(r'<th scope="col">([^<]*)</th>', html)
    assert heads == ["Organization", "Pledged share (US$)", "Net (US$)"]


def test_the_who_pays_table_heads_the_organizations_pledged_share():
    table = BY_ID["cost_sharing"].pack.table
    assert dict(table.headers)["pledged_usd"] == "Pledged share (US$)"
    with language("fr"):
        assert read(dict(table.headers)["pledged_usd"]) == "Quote-part annoncée ($US)"
