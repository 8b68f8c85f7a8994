"""A chance from the simulation reads the same, and never as a rounded certainty, in the
titles, the captions, the tables and the briefing (the fresh review, S20 and O15): one
formatter, `formatting.format_probability`."""

from __future__ import annotations

import pandas as pd

from dashboard import registry
from dashboard.charts import figures_analytics as fa
from dashboard.charts import figures_ranges as fr
from dashboard.output import briefing_html, briefing_ranges, tables

ALMOST = 19_995 / 20_000  # 99.975%: one decimal would print 100.0%


def test_titles_and_captions():
    assert "above 0 in >99.9% of" in fr.distribution_title(ALMOST)
    assert "above 0 in 100% of" in fr.distribution_title(1.0)
    assert "NPV above 0 in <0.1% of" in fr.detail_title(1 / 20_000)
    row = pd.DataFrame({"npv_downside_usd": [-1e6], "npv_upside_usd": [5e6],
                        "npv_stated_usd": [2e6], "p_npv_positive": [ALMOST]})
    assert "above 0 in >99.9% of the outcomes" in registry._detail_ranges_note(row)


def test_the_top_eight_chances_bars():
    df = pd.DataFrame({"initiative_id": ["A", "B"], "name": ["A", "B"],
                       "is_priority": [False, False], "rank": [1, 2],
                       "share_in_top8": [ALMOST, 1.0]})
    fig = fr.share_in_top_eight(df)
    assert sorted(t for tr in fig.data for t in tr.text) == ["100%", ">99.9%"]


def test_tables_and_the_briefing():
    df = pd.DataFrame({"initiative_id": ["A", "B"], "p_npv_positive": [ALMOST, 0.0]})
    shown, _ = tables.present(df)
    assert list(shown["p_npv_positive"]) == [">99.9%", "0%"]
    assert briefing_html.cell("share_in_top8", ALMOST) == (">99.9%", True)
    portfolio = pd.DataFrame({"metric": ["npv_usd"], "stated": [1e6], "expected": [1e6],
                              "p10": [5e5], "p50": [1e6], "p90": [2e6],
                              "p_above_break_even": [ALMOST]})
    assert briefing_ranges.portfolio_rows(portfolio, 0.05)[0][-1].startswith(">99.9% ")


def test_a_scaled_factor_in_the_ranking_caption_never_reads_zero():
    # one initiative dominates benefit: the others' scaled benefits are 0.001 to 0.004
    df = pd.DataFrame({"initiative_id": list("ABCDE"), "name": list("ABCDE"),
                       "total_cost_usd": [1.0, 2.0, 3.0, 4.0, 5.0],
                       "total_benefit_usd": [1000.0, 0.0, 1.0, 2.0, 4.0],
                       "score": [0.9, 0.5, 0.4, 0.3, 0.2]})
    note = fa.ranking_note(df)
    assert "0.00" not in note
    assert "every other initiative's benefit is under 0.01" in note
    # the others' benefits 0.001 to 0.1, half under 0.004: never "under 0.00"
    note = fa.ranking_note(df.assign(total_benefit_usd=[1000.0, 0.0, 1.0, 4.0, 100.0]))
    assert "benefit is 0.10 or less (half of them under 0.01)" in note


def test_the_chart_in_words():
    from dashboard.output.chart_words import describe
    df = pd.DataFrame({"initiative_id": ["A", "B"], "name": ["A", "B"],
                       "is_priority": [False, False], "rank": [1, 2],
                       "share_in_top8": [ALMOST, 0.5]})
    entry = registry.BY_ID["share_in_top_eight"]
    words = describe(fr.share_in_top_eight(df), "t", entry.units)
    assert ">99.9%" in words and "100.0%" not in words
