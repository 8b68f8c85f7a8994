"""The briefing pack's HTML pieces (dashboard/output/briefing_html.py)."""

from __future__ import annotations

import pandas as pd

from dashboard.output import briefing_html
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
