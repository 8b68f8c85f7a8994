"""The Costs & benefits builders (dashboard/charts/figures_costs.py, and the NPV bars of
figures_analytics) on hand-made frames: what issue 24's readers could not read."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.charts import figures_analytics, figures_costs, palette

M = 1e6


def _cashflow():
    # net by year (in $M): -10, -20, -9, 15, 20, 30, 40 -> running total -10, -30, -39,
    # -24, -4, 26, 66: the low point -$39M (as in the sample)
    net = [-10, -20, -9, 15, 20, 30, 40]
    running, total = [], 0
    for v in net:
        total += v
        running.append(total)
    return pd.DataFrame({"fiscal_year": list(range(2004, 2011)),
                         "net_usd": [v * M for v in net],
                         "cumulative_net_usd": [v * M for v in running]})


def test_the_cumulative_chart_has_a_tick_under_its_low_point():
    fig = figures_costs.cumulative_net(_cashflow(), 2009)
    y = fig.layout.yaxis
    # -39M to 66M in about 4 steps: 105 / 4 = 26.25 -> a step of 50M: -50M, 0, 50M, 100M;
    # the -50M tick lies inside the axis, so the low point (-39M) can be read
    shown = [(v, t) for v, t in zip(y.tickvals, y.ticktext, strict=True)
             if y.range[0] <= v <= y.range[1]]
    assert (-50 * M, "-$50M") in shown
    assert y.range[0] <= -50 * M


def test_the_cumulative_legend_shows_both_colours():
    fig = figures_costs.cumulative_net(_cashflow(), 2009)
    legend = {t.name: t.marker.color for t in fig.data
              if t.type == "bar" and t.showlegend is not False}
    assert legend == {figures_costs.NET_GAIN: palette.BLUE,
                      figures_costs.NET_LOSS: palette.VERMILLION}
    # the bars themselves: blue above $0, orange below, and one bar slot (not three)
    bars = [t for t in fig.data if t.type == "bar" and t.showlegend is False][0]
    assert list(bars.marker.color) == [palette.VERMILLION] * 3 + [palette.BLUE] * 4
    assert fig.layout.barmode == "overlay"


def test_year_axes_step_by_whole_years():
    # 2005 to 2015: span 10 -> a step of 2 years (never 2.5: "2005, 2008, 2010, 2013")
    years = list(range(2005, 2016))
    df = pd.DataFrame({"fiscal_year": years * 2, "category": ["ICT governance"] * 22,
                       "cost_usd": [1.0] * 22, "benefit_usd": [2.0] * 22})
    fig = figures_costs.cost_benefit_by_year_category(df)
    for axis in (fig.layout.xaxis, fig.layout.xaxis2):
        assert axis.dtick == 2 and axis.tick0 == 0 and axis.tickformat == "d"


def test_each_panel_is_named_on_top_and_its_name_fits_a_phone():
    # S16: "Cost / by fiscal year" and "Benefit / by fiscal year" were the x axes' titles,
    # under the bars, so the panels were unnamed where they are read
    df = pd.DataFrame({"fiscal_year": [2005], "category": ["ICT governance"],
                       "cost_usd": [1.0], "benefit_usd": [2.0]})
    fig = figures_costs.cost_benefit_by_year_category(df)
    names = {a.text: a for a in fig.layout.annotations if a.text in ("<b>Cost</b>",
                                                                     "<b>Benefit</b>")}
    assert set(names) == {"<b>Cost</b>", "<b>Benefit</b>"}
    for text, axis in (("<b>Cost</b>", fig.layout.xaxis), ("<b>Benefit</b>", fig.layout.xaxis2)):
        a = names[text]
        # above the plot (the top of the paper, standing on it), centred over its panel
        assert (a.yref, a.y, a.yanchor) == ("paper", 1, "bottom")
        assert a.xref == "paper" and a.x == pytest.approx(sum(axis.domain) / 2)
        # the axis under it says only what runs across: "Fiscal year" (a panel is about
        # 120 px wide on a phone: at about 7 px a character, 16 at most)
        assert axis.title.text == "Fiscal year"
    # the room for them: the legend's last row ends above the panel titles' band
    lay = fig.layout
    legend_top_px = (1 - lay.legend.y) * lay.height
    assert legend_top_px + 24 + 20 <= lay.margin.t - figures_costs.PANEL_TITLE_PX + 0.5


def test_the_npv_axis_runs_to_the_data():
    df = pd.DataFrame({
        "initiative_id": ["ERP", "COMMONAPPS", "CHANGE", "INFOSEC"],
        "name": ["ERP", "Common applications", "Change management", "Information security"],
        "npv_usd": [44 * M, 14.2 * M, -0.46 * M, -3.5 * M],
        "payback_year": [2008, 2009, None, None],
        "benefit_cost_ratio": [2.3, 2.4, 0.4, 0.6],
    })
    fig = figures_analytics.npv_by_initiative(df, 0.05)
    # lowest -3.5M, span 47.5M: the axis starts 5% of the span below it, at -5.875M
    # (it ran to -25M, room for an outside label)
    assert fig.layout.xaxis.range[0] == pytest.approx(-3.5 * M - 0.05 * 47.5 * M)
    bars = fig.data[0]
    assert list(bars.text) == ["", "", "$14.2M", "$44.0M"]  # ascending: lowest first
    # the negative values' labels sit right of $0, on their rows
    neg = [t for t in fig.data if t.type == "scatter"][0]
    assert list(neg.x) == [0.0, 0.0] and neg.textposition == "middle right"
    assert [t.strip() for t in neg.text] == ["-$3.5M", "-$460.0K"]


def test_a_money_axis_across_has_more_than_two_ticks():
    # the funding gap's axis read "$0 / $20.0M" only (issue 24's reviews, finding 35): a
    # span of 30M in about 3 steps: 10M -> $0, $10M, $20M, $30M
    from dashboard.charts import figures_funding
    df = pd.DataFrame({"initiative_id": ["ERP"], "name": ["ERP"],
                       "funding_target_usd": [30 * M], "agency_pledged_usd": [10 * M],
                       "paid_contributions_usd": [10 * M], "funding_gap_usd": [10 * M]})
    fig = figures_funding.funding_gap(df)
    assert list(fig.layout.xaxis.ticktext) == ["$0", "$10M", "$20M", "$30M"]
