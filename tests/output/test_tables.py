"""The table presenter (dashboard/output/tables.py): headers in words, codes with names, money in
the one format (or exact and sortable), dates as dates, no "None"."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.lang.translate import language
from dashboard.output import table_view, tables


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
    assert list(shown["date"]) == ["2005-03-01", "2005-06-30"]  # not "2005-03-01 00:00:00"
    assert cfg["date"]["type_config"] == {"type": "date"}  # sorted as a date
    assert cfg["initiative_id"].get("pinned") is None
    assert cfg["donor"]["pinned"] is True  # the first key shown (the contribution's code is not)
    # the frame keeps its column names (downloads and tests address them)
    assert list(shown.columns) == list(df.columns)


def test_exact_money_stays_a_sortable_number():
    df = pd.DataFrame({"donor": ["A", "B"], "amount_usd": [9.0, 21_000.0]})
    shown, cfg = tables.present(df, exact_money=True)
    assert list(shown["amount_usd"]) == ["$9", "$21,000"]
    assert cfg["amount_usd"]["type_config"] == {"type": "number"}
    # the grid gets the amounts, each shown as its text: sorting orders the amounts
    view = table_view.sortable(df, cfg, shown)
    assert list(view.data["amount_usd"]) == [9.0, 21_000.0]
    assert ">$21,000<" in view.to_html() and ">$9<" in view.to_html()


def test_shares_free_text_missing_numbers_and_headers():
    df = pd.DataFrame({
        "share_of_paid": [0.528, None],
        "status": ["skipped: bad checksum", "published"],
        "funding_target_usd": [None, 5.0],
        "is_priority": [True, False],
    })
    shown, cfg = tables.present(df)
    assert list(shown["share_of_paid"]) == ["52.8%", "—"]
    assert cfg["share_of_paid"]["type_config"] == {"type": "number"}
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
    # the codes are left out: the initiative's name is in the table, and the donor, date
    # and amount say which contribution it is (the downloads keep both)
    assert tables.column_order(df)[:2] == ["donor", "amount_usd"]
    assert "initiative_id" not in tables.column_order(df)
    assert "contribution_id" not in tables.column_order(df)
    df = df[tables.column_order(df)]
    # a desktop frame holds all eight in one table; half a frame in several, each within it
    assert tables.column_groups(df, tables.FRAME_WIDTH, exact_money=True) == [list(df.columns)]
    halves = tables.column_groups(df, tables.HALF_FRAME_WIDTH, exact_money=True)
    assert len(halves) > 1
    for frame, groups in ((tables.FRAME_WIDTH, [list(df.columns)]),
                          (tables.HALF_FRAME_WIDTH, halves)):
        for cols in groups:
            _, cfg = tables.present(df[cols], exact_money=True, frame=frame)
            widths = [cfg[c]["width"] for c in cols]
            assert all(isinstance(w, int) for w in widths)
            assert sum(widths) <= frame, (frame, widths)  # within the frame: none cut off
    _, cfg = tables.present(df, exact_money=True)
    # a desktop frame holds these nine columns: the amount keeps room for its longest
    # figure, whole and exact
    assert cfg["amount_usd"]["width"] >= tables.text_px("$10,000,000,000")
    assert cfg["amount_usd"]["cells"](1e10) == "$10,000,000,000"
    assert cfg["amount_usd"]["label"] == "Amount (US$)"
    # the names a reader tells rows apart by keep room; codes and dates give way first
    assert cfg["donor"]["width"] > cfg["donor_type"]["width"]
    # a name longer than its column wraps: its rows are made tall enough for its lines
    widths = {c: cfg[c]["width"] for c in df.columns}
    lines = tables.text_px(df["donor"][0]) / (widths["donor"] - tables.CELL_PAD)
    assert lines > 1
    assert tables.row_height(df, widths) >= tables.ROW_PAD + tables.LINE_PX * math.ceil(lines)


def test_many_exact_amounts_are_shown_compact_rather_than_cut():
    # the Agency commitment's "who pays" table on the odd data: eight exact amounts up to
    # $10B beside a code, a name and a share: 8 x 119 px would not fit in 978 px
    money = ["own_cost_usd", "shared_cost_share_usd", "cost_borne_usd", "own_benefit_usd",
             "shared_benefit_share_usd", "benefit_received_usd", "pledged_usd", "net_usd"]
    df = pd.DataFrame({"agency_code": ["A01"], "name": ["Organization number 1"],
                       "cost_share": [0.1], **{m: [1e10] for m in money}})
    groups = tables.column_groups(df, 978, exact_money=True)
    assert sorted(c for g in groups for c in g) == sorted(  # every column, the key in each
        list(df.columns) + ["agency_code", "name"] * (len(groups) - 1))
    for cols in groups:
        shown, cfg = tables.present(df[cols], exact_money=True, frame=978)
        assert sum(cfg[c]["width"] for c in cols) <= 978
    # the amounts are shown compact ("$10.0B") and the headers whole ("Cost share (key)"),
    # in at most two tables rather than eight exact amounts cut
    assert len(groups) <= 2
    shown, cfg = tables.present(df[groups[0]], exact_money=True, frame=978)
    assert list(shown["net_usd"]) == ["$10.0B"]
    # still a number: sorting orders the amounts
    assert list(table_view.sortable(df[groups[0]], cfg, shown).data["net_usd"]) == [1e10]


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
    assert all(g[0] == "name" for g in groups)  # each says whose row (the name, no code)
    shown_once = [c for g in groups for c in g[1:]]
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


def test_a_money_column_in_millions_is_all_in_millions_in_french():
    # FR3 #7: What changed's "Every initiative, before and after" read « 946 000 $US » beside
    # « 2,1 M $US » in one column. Worked out by hand: 946,000 is 0.946 M, « 0,9 M $US »;
    # 48,000 is 0.048 M, « 0,0 » at one decimal, so two: « 0,05 M $US »; the change
    # 2,100,000 - 946,000 = 1,154,000 « +1,2 M $US », 1,000,000 - 1,048,000 = -48,000
    # « −0,05 M $US »; a column under a million keeps its amounts in full
    nb, nn = "\u00a0", "\u202f"
    df = pd.DataFrame({
        "initiative_id": ["UP", "DOWN"],
        "cost_before_usd": [946_000.0, 1_048_000.0],
        "cost_after_usd": [2_100_000.0, 1_000_000.0],
        "cost_change_usd": [1_154_000.0, -48_000.0],
        "benefit_before_usd": [946_000.0, 48_000.0],
    })
    with language("fr"):
        shown, cfg = tables.present(df)
        # the grid writes its cells with the same function (table_view: sorting keeps values)
        assert cfg["cost_before_usd"]["cells"](946_000.0) == f"0,9{nb}M{nb}$US"
    assert list(shown["cost_before_usd"]) == [f"0,9{nb}M{nb}$US", f"1,0{nb}M{nb}$US"]
    assert list(shown["cost_change_usd"]) == [f"+1,2{nb}M{nb}$US", f"\u22120,05{nb}M{nb}$US"]
    assert list(shown["benefit_before_usd"]) == [f"946{nn}000{nb}$US", f"48{nn}000{nb}$US"]
    shown, _cfg = tables.present(df)  # English keeps its units
    assert list(shown["cost_before_usd"]) == ["$946.0K", "$1.0M"]


def test_money_and_dates_in_cells_are_in_the_readers_language():
    # French review #9: "$15,000" and "2004-01-29" in a French table. Written by hand:
    # CLDR French groups thousands with a narrow no-break space (U+202F) and puts the
    # symbol "$US" after a no-break space (U+00A0); the app's French date is the long form
    df = pd.DataFrame({"contribution_id": ["C1", "C2"],
                       "date": pd.to_datetime(["2004-01-29", None]),
                       "amount_usd": [15_000.0, -838_000.0],
                       "share_of_paid": [0.528, 0.0]})
    expected = {
        "en": (["$15,000", "-$838,000"], ["2004-01-29", "—"], ["52.8%", "0.0%"]),
        "fr": (["15\u202f000\u00a0$US", "\u2212838\u202f000\u00a0$US"], ["29\u00a0janvier\u00a02004", "—"],
               ["52,8\u00a0%", "0,0\u00a0%"]),
    }
    for lang, (money, dates, shares) in expected.items():
        with language(lang):
            shown, cfg = tables.present(df, exact_money=True)
            assert list(shown["amount_usd"]) == money, lang
            assert list(shown["date"]) == dates, lang
            assert list(shown["share_of_paid"]) == shares, lang
            # the grid gets the values (sorted as amounts and dates) and these texts
            view = table_view.sortable(df, cfg, shown)
            assert list(view.data["amount_usd"]) == [15_000.0, -838_000.0]
            assert str(view.data["date"].dtype).startswith("datetime64")
            html = view.to_html()
            assert all(f">{text}<" in html for text in money + dates[:1]), lang
            # no grid format: it would write the cells in English again
            assert all("format" not in c for c in cfg.values())
            columns = tables.streamlit_config(cfg)
            assert columns["amount_usd"]["type_config"]["type"] == "number"
            assert columns["amount_usd"]["type_config"]["format"] is None
            assert columns["date"]["type_config"]["type"] == "date"
            assert columns["date"]["type_config"]["format"] is None


def test_before_after_and_change_are_one_word_under_their_figure_s_name():
    # round 3 #7: "Organizations' pledged b…" three times over; the figure named once
    df = pd.DataFrame({"initiative_id": ["ERP"], "name": ["Enterprise resource planning"],
                       **{f"agency_pledged_{w}_usd": [1e6] for w in ("before", "after", "change")},
                       **{f"orgs_committed_{w}": [2] for w in ("before", "after", "change")}})
    for lang, group, count_group, words in (
            # round 5 #4: the policy's one name for the money, never a second one
            ("en", "Organizations\u2019 pledged shares (US$)", "Organizations committed",
             ["Before", "After", "Change"]),
            ("fr", "Quotes-parts annoncées par les organismes ($US)", "Organismes engagés",
             ["Avant", "Après", "Écart"])):
        with language(lang):
            order = tables.column_order(df)
            assert order[0] == "name"  # the code is left out: the name says it, pinned
            shown, cfg = tables.present(df[order])
            assert cfg["name"]["pinned"] is True
            money = [f"agency_pledged_{w}_usd" for w in ("before", "after", "change")]
            counts = [f"orgs_committed_{w}" for w in ("before", "after", "change")]
            assert [cfg[c]["label"] for c in money] == words
            assert [cfg[c]["label"] for c in counts] == words
            assert {cfg[c]["group"] for c in money} == {group}
            assert {cfg[c]["group"] for c in counts} == {count_group}
            # the whole header in the column's help
            assert cfg[money[0]]["help"] == tables.header_label(money[0])
            # the grid's two-level header: the group over its columns
            view = table_view.sortable(df[order], cfg, shown)
            assert (group, money[0]) in view.data.columns
            assert ("", "name") in view.data.columns
            # the group's name fits over its three columns
            assert sum(cfg[c]["width"] for c in money) >= tables.text_px(group)


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


def test_a_date_column_holding_no_date_shows_it_as_written():
    # the hostile data's snapshot folder named "**folder** <b>x ..." in Data & methods'
    # "as_of" column raised DateParseError and the page showed an exception
    df = pd.DataFrame({"as_of": ["2006-03-31", "**folder** <b>x"]})
    shown, _cfg = tables.present(df)
    assert list(shown["as_of"]) == ["2006-03-31", "**folder** <b>x"]


def test_an_organizations_pledged_share_is_headed_as_a_share_not_a_pledge():
    # F2 #5: the Initiative page's organizations table holds each organization's own pledged
    # share: headed as the pack's who-pays table, never "Pledged" alone (donors pledge)
    assert tables.header_label("pledged_share_usd") == "Pledged share (US$)"
    with language("fr"):
        assert tables.header_label("pledged_share_usd") == "Quote-part annoncée ($US)"
        assert tables.header_label("pledged_usd") == "Annoncé ($US)"  # donors' tables


def test_a_wrapped_cell_s_row_holds_its_words_lines():
    # FR #15 (round 2): Data & methods' contents cell ran past its row's bottom border: the
    # rows were sized by the text's width over the column's (2 lines for three words of
    # width p in a column of 1.6 p), but a line breaks between words, so each word takes
    # a line of its own: 3 lines. Worked by hand from the rule: ROW_PAD + 3 LINE_PX
    word = "mmmmmmmmmm"
    p = tables.text_px(word)
    df = pd.DataFrame({"contents": [f"{word} {word} {word}"]})
    widths = {"contents": int(1.6 * p) + tables.CELL_PAD}
    assert tables.row_height(df, widths) == tables.ROW_PAD + 3 * tables.LINE_PX
    # a free text of five such words has five lines: its row holds them all
    df = pd.DataFrame({"contents": [" ".join([word] * 5)]})
    assert tables.row_height(df, widths) == tables.ROW_PAD + 5 * tables.LINE_PX


def test_the_snapshots_contents_column_in_french_is_contenu():
    # FR #15: "Sommaire" is a table of contents; the column is what a snapshot holds
    with language("fr"):
        assert tables.header_label("contents") == "Contenu"
