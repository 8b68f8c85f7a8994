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
    assert list(shown["donor_type"]) == ["Member State", "Fund / programme"]
    assert list(shown["status"]) == ["Paid", "Pledged"]
    assert list(shown["initiative_id"]) == ["ERP", "—"]  # never "None"
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
    assert list(shown["funding_target_usd"]) == ["—", "$5.00"]  # missing money: "—"; cents under $10
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
    # 0.65 of the draws: 65.0%; 0.125: 12.5% (a chance in words: formatting.format_probability)
    assert shown["p_npv_positive"].tolist() == ["65.0%"]
    assert config["p_npv_positive"]["alignment"] == "right"
    assert config["p_npv_positive"]["label"] == "Chance its NPV is above 0"
    assert shown["share_in_top8"].tolist() == ["12.5%"]


def test_headers_give_one_name_per_amount_and_npv_in_capitals():
    # the funding-gap table's amount has the name of the chart's legend beside it
    assert tables.header_label("agency_pledged_usd") == "Organizations' pledged shares (US$)"
    assert tables.header_label("npv_usd") == "NPV (US$)"  # never "Npv"
    assert tables.header_label("paid_contributions_usd") == "Paid contributions (US$)"
    assert tables.header_label("contributions_paid_usd") == "Paid contributions (US$)"
    assert tables.header_label("pledged_contributions_usd") == "Donor pledges, not yet paid (US$)"


def test_the_amount_comes_early_and_every_column_fits_the_frame():
    # the Funding page's "Every contribution" table, with the query's columns in its order
    df = pd.DataFrame({
        "contribution_id": ["C1"], "date": pd.to_datetime(["2005-03-01"]),
        "donor": ["Donor with a rather long official name number 13"],
        "donor_type": ["member_state"], "initiative_id": ["INIT01"],
        "initiative_name": ["Harmonized enterprise-wide information platform"],
        "contribution_type": ["in_kind"], "status": ["paid"], "amount_usd": [1e10],
    })
    assert tables.column_order(df)[:3] == ["contribution_id", "donor", "amount_usd"]
    # a desktop frame holds all nine, half a frame the first five
    for frame, cols in ((tables.FRAME_WIDTH, list(df.columns)),
                        (tables.HALF_FRAME_WIDTH, tables.column_order(df)[:5])):
        _, cfg = tables.present(df[cols], exact_money=True, frame=frame)
        widths = [cfg[c]["width"] for c in cols]
        assert all(isinstance(w, int) for w in widths)
        assert sum(widths) <= frame, (frame, widths)  # within the frame: none cut off
    _, cfg = tables.present(df, exact_money=True)
    # a desktop frame holds these nine columns: the amount keeps room for its longest
    # figure, whole and exact
    assert cfg["amount_usd"]["width"] >= len("$10,000,000,000") * tables.DIGIT_PX
    assert cfg["amount_usd"]["format"] == "$%,.0f"
    assert cfg["amount_usd"]["label"] == "Amount (US$)"
    # the names a reader tells rows apart by keep room; codes and dates give way first
    assert cfg["donor"]["width"] >= tables.NAME_MIN > cfg["donor_type"]["width"]


def test_many_exact_amounts_are_shown_compact_rather_than_cut():
    # the Agency commitment's "who pays" table on the odd data: eight exact amounts up to
    # $10B beside a code, a name and a share: 8 x 119 px would not fit in 978 px
    money = ["own_cost_usd", "shared_cost_share_usd", "cost_borne_usd", "own_benefit_usd",
             "shared_benefit_share_usd", "benefit_received_usd", "pledged_usd", "net_usd"]
    df = pd.DataFrame({"agency_code": ["A01"], "name": ["Organization number 1"],
                       "cost_share": [0.1], **{m: [1e10] for m in money}})
    shown, cfg = tables.present(df, exact_money=True, frame=978)
    assert sum(cfg[c]["width"] for c in df.columns) <= 978
    assert all(cfg[m]["format"] == "compact" for m in money)  # "10B", under "(US$)"
    assert list(shown["net_usd"]) == [1e10]  # still a number: sorting orders the amounts


def test_a_frame_too_narrow_for_every_column_gets_several_tables_each_with_its_key():
    # What changed's sheet: 24 columns, 15 of them amounts (15 x 84 px > 978 px)
    cols = {"initiative_id": ["ERP"], "name": ["Enterprise resource planning"],
            "category": ["ICT governance"], "status": ["changed"]}
    for stem in ("cost", "benefit", "agency_pledged", "pledged_contributions",
                 "paid_contributions"):
        cols.update({f"{stem}_{w}_usd": [1.0] for w in ("before", "after", "change")})
    cols.update({f"orgs_committed_{w}": [1] for w in ("before", "after", "change")})
    df = pd.DataFrame(cols)
    groups = tables.column_groups(df, 978)
    assert len(groups) > 1
    assert all(g[:2] == ["initiative_id", "name"] for g in groups)  # each says whose row
    shown_once = [c for g in groups for c in g[2:]]
    assert sorted(shown_once) == sorted(df.columns[2:])  # every other column, once
    for g in groups:
        _, cfg = tables.present(df[g], frame=978)
        assert sum(cfg[c]["width"] for c in g) <= 978, g
    # a frame that holds every column: one table
    assert tables.column_groups(df[list(df.columns[:8])], 978) == [
        tables.column_order(df[list(df.columns[:8])])]


def test_every_change_column_is_signed_alike():
    # What changed's "Every initiative, before and after" (the fresh review, S17): a rise
    # read "$156.1K" beside a fall's "-$18.0K". Worked out by hand: 100,000 -> 256,100 is
    # +156,100; 50,000 -> 32,000 is -18,000; +156.1% and -36.0% of the cost before.
    df = pd.DataFrame({
        "initiative_id": ["UP", "DOWN", "SAME", "NEW"],
        "cost_before_usd": [100_000.0, 50_000.0, 7_000.0, math.nan],
        "cost_after_usd": [256_100.0, 32_000.0, 7_000.0, 500.0],
        "cost_change_usd": [156_100.0, -18_000.0, 0.0, 500.0],
        "cost_change_pct": [156.1, -36.0, 0.0, math.nan],
        "orgs_committed_change": pd.array([2, -1, 0, pd.NA], dtype="Int64"),
    })
    for exact in (False, True):
        shown, cfg = tables.present(df, exact_money=exact)
        assert list(shown["cost_change_usd"]) == ["+$156.1K", "-$18.0K", "$0", "+$500"]
        assert list(shown["cost_change_pct"]) == ["+156.1%", "-36.0%", "0.0%", "—"]
        assert list(shown["orgs_committed_change"]) == ["+2", "-1", "0", "—"]
        assert cfg["cost_change_pct"]["label"] == "Cost change (%)"
        assert all(cfg[c]["alignment"] == "right"
                   for c in ("cost_change_usd", "cost_change_pct", "orgs_committed_change"))
    # the before and after amounts stay unsigned
    shown, _ = tables.present(df)
    assert list(shown["cost_after_usd"]) == ["$256.1K", "$32.0K", "$7.0K", "$500"]


def test_what_changed_status_and_the_categories_read_in_french():
    # French review #6 and #8: the values shown; the frame (the export's) keeps the machine
    # values (data/README.md: added, removed, changed, unchanged; the framework's labels)
    from dashboard.lang.translate import language

    df = pd.DataFrame({"initiative_id": ["A", "B", "C", "D"], "name": ["a", "b", "c", "d"],
                       "category": ["Working together", "ICT governance",
                                    "Information security", "ICT in development"],
                       "status": ["added", "removed", "changed", "unchanged"]})
    with language("fr"):
        shown, config = tables.present(df)
    assert shown["status"].tolist() == ["Ajoutée", "Retirée", "Modifiée", "Inchangée"]
    assert shown["category"].tolist() == ["Travailler ensemble", "Gouvernance des TIC",
                                          "Sécurité de l'information",
                                          "Les TIC au service du développement"]
    assert config["status"]["label"] == "État"
    assert df["status"].tolist() == ["added", "removed", "changed", "unchanged"]
    shown, _config = tables.present(df)
    assert shown["status"].tolist() == ["Added", "Removed", "Changed", "Unchanged"]
    assert shown["category"].tolist() == df["category"].tolist()


def test_the_ranges_headers_read_in_french():
    # French review #7: Data & methods' "The ranges in use"
    from dashboard.lang.translate import language

    columns = ["estimate", "at least", "at most", "values from"]
    assert [tables.header_label(c) for c in columns] == ["Estimate", "At least", "At most",
                                                         "Values from"]
    with language("fr"):
        assert [tables.header_label(c) for c in columns] == [
            "Estimation", "Au minimum", "Au maximum", "Source des valeurs"]


def test_no_header_says_agency_where_the_pages_say_organization():
    # round 3 #15: "organization" everywhere a reader reads; the columns keep their names
    from dashboard.lang.translate import language

    columns = ["agencies_committed", "lead_agency", "lead_agency_name"]
    assert [tables.header_label(c) for c in columns] == [
        "Organizations committed", "Lead organization", "Lead organization name"]
    with language("fr"):
        assert [tables.header_label(c) for c in columns] == [
            "Organismes engagés", "Organisme chef de file", "Nom de l'organisme chef de file"]
