"""The table presenter (dashboard/output/tables.py): headers in words, codes with names, money in
the one format (or exact and sortable), dates as dates, no "None"."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.output import tables


def test_headers_are_words_and_codes_have_names():
    df = pd.DataFrame({
        "contribution_id": ["C1", "C2"],
        "date": pd.to_datetime(["2005-03-01", "2005-06-30"]),
        "donor": ["Norway", "UNDP"],
        "donor_type": ["member_state", "fund_programme"],
        "initiative_id": ["ERP", None],
        "status": ["paid", "pledged"],
        "amount_usd": [21_000.0, 1_234_567.0],
    })
    shown, cfg = tables.present(df)
    assert [cfg[c]["label"] for c in df.columns] == [
        "Contribution", "Date", "Donor", "Kind of donor", "Initiative", "Status", "Amount (US$)"]
    assert list(shown["donor_type"]) == ["Member state", "Fund / programme"]
    assert list(shown["status"]) == ["Paid", "Pledged"]
    assert list(shown["initiative_id"]) == ["ERP", ""]  # never "None"
    assert list(shown["amount_usd"]) == ["$21.0K", "$1.2M"]  # the tiles' format
    assert cfg["date"]["format"] == "YYYY-MM-DD"  # a date, not "2005-03-01 00:00:00"
    assert cfg["initiative_id"].get("pinned") is None
    assert cfg["contribution_id"]["pinned"] is True  # the first key column
    # the frame keeps its column names (downloads and tests address them)
    assert list(shown.columns) == list(df.columns)


def test_exact_money_stays_a_sortable_number():
    df = pd.DataFrame({"donor": ["A", "B"], "amount_usd": [9.0, 21_000.0]})
    shown, cfg = tables.present(df, exact_money=True)
    assert list(shown["amount_usd"]) == [9.0, 21_000.0]
    assert cfg["amount_usd"]["format"] == "$%,.0f"  # "$21,000"


def test_shares_free_text_missing_numbers_and_headers():
    df = pd.DataFrame({
        "share_of_paid": [0.528, None],
        "status": ["skipped: bad checksum", "published"],
        "funding_target_usd": [None, 5.0],
        "is_priority": [True, False],
    })
    shown, cfg = tables.present(df)
    assert shown["share_of_paid"][0] == pytest.approx(52.8) and math.isnan(shown["share_of_paid"][1])
    assert cfg["share_of_paid"]["format"] == "%.1f%%"
    assert list(shown["status"]) == ["skipped: bad checksum", "Published"]  # text kept
    assert list(shown["funding_target_usd"]) == ["", "$5.00"]  # missing money is blank; cents under $10
    assert cfg["is_priority"]["label"] == "Priority"
    assert tables.header_label("net_benefit_usd") == "Net benefit (US$)"
    assert tables.header_label("stage") == "Implementation stage"
    assert tables.code_name("planning") == "Implementation planning"


def test_the_range_columns_read_as_words_and_percentages():
    df = pd.DataFrame({"initiative_id": ["A"], "npv_downside_usd": [-1_500_000.0],
                       "p_npv_positive": [0.65], "share_in_top8": [0.125]})
    shown, config = tables.present(df)
    assert config["npv_downside_usd"]["label"] == "NPV, downside (US$)"
    assert shown["npv_downside_usd"].tolist() == ["-$1.5M"]
    # 0.65 of the draws: 65.0%; 0.125: 12.5%
    assert shown["p_npv_positive"].tolist() == [65.0]
    assert config["p_npv_positive"]["format"] == "%.1f%%"
    assert config["p_npv_positive"]["label"] == "Chance its NPV is above 0"
    assert shown["share_in_top8"].tolist() == [12.5]
