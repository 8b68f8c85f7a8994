"""The pure figure builders, checked on fig.data / fig.layout with fixture data."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import registry
from dashboard.analysis import finance
from dashboard.charts import (
    bar_names,
    browser_figure,
    figures,
    figures_agency,
    figures_costs,
    figures_detail,
    figures_funding,
    figures_overview,
    palette,
)
from dashboard.contract.labels import DONOR_PLEDGED, PAID
from dashboard.contract.schema import CATEGORIES
from dashboard.lang.translate import language
from dashboard.query import chart_data


@pytest.fixture
def ctx(db, f0):
    return chart_data.Context(db=db, filters=f0)


def _title(fig) -> str:
    return fig.layout.title.text or ""


def test_palette_gives_each_category_its_own_colour():
    colours = [palette.CATEGORY_COLORS[c] for c in CATEGORIES]
    assert len(set(colours)) == len(CATEGORIES)
    assert set(colours) <= set(palette.OKABE_ITO)  # the colour-blind-safe palette


# every registered chart (dashboard/registry.py): its dataset on the fixture, its builder
BUILDERS = list(registry.CHARTS)


def _data(ctx, entry):
    """The chart's frame as its page has it: one initiative's charts for ERP, the
    comparison against the fixture's own snapshot (no other is published here)."""
    if not entry.export:
        return entry.dataset(ctx, "ERP")
    return entry.dataset(ctx.with_(compare_to=ctx.filters.snapshot))


@pytest.mark.parametrize("entry", BUILDERS, ids=[c.id for c in BUILDERS])
def test_every_figure_is_titled_with_units_and_has_an_empty_state(ctx, entry):
    ctx = ctx.with_(compare_to=ctx.filters.snapshot)
    df = _data(ctx, entry)
    fig = entry.figure(ctx, df)
    assert _title(fig), "untitled figure"
    assert len(fig.data) > 0
    if "US$" in _title(fig):  # money charts name the unit on an axis too
        axes = [fig.layout.xaxis.title.text, fig.layout.yaxis.title.text]
        assert any(a and "US dollars" in a for a in axes), axes
    empty = entry.builder(df.iloc[0:0], *entry.builder_args(ctx, df.iloc[0:0]))
    assert len(empty.data) == 0
    assert any("No data for these filters" in a.text for a in empty.layout.annotations)


def test_portfolio_by_category_uses_category_colours(ctx):
    df = chart_data.portfolio_by_category(ctx)
    fig = figures_overview.portfolio_by_category(df)
    by_name = {t.name: t for t in fig.data}
    cost, benefit = by_name["Cost (solid)"], by_name["Benefit (hatched)"]
    # horizontal bars, first category on top (plotly draws the y categories bottom-up)
    assert list(cost.y)[::-1] == ["ICT in development", "Information security",
                                  "Working together", "Sustaining the initiative"]
    assert list(cost.x)[::-1] == [60, 10, 180, 5]  # KS; SEC; ERP 100+50+30; TRN
    assert list(benefit.x)[::-1] == [80, 15, 200, 0]
    assert list(cost.marker.color) == [palette.CATEGORY_COLORS[c] for c in cost.y]
    assert benefit.marker.pattern.shape == "/"  # told apart by pattern, not colour alone


def test_scatter_marks_priorities_and_carries_ids(ctx):
    fig = figures_overview.cost_benefit_scatter(chart_data.cost_by_initiative(ctx))
    points = {}
    for tr in fig.data:
        if tr.customdata is None:
            continue  # the break-even line
        assert tr.marker.color == palette.CATEGORY_COLORS[tr.name]
        for cd, edge, x, y in zip(tr.customdata, tr.marker.line.color, tr.x, tr.y,
                                  strict=True):
            points[cd[0]] = (edge, x, y)
    assert points == {  # a priority outlined in black (N5: as Prioritization draws it)
        "ERP": ("black", 180, 200),
        "KS": ("black", 60, 80),
        "SEC": ("white", 10, 15),
        "TRN": ("black", 5, 0),
    }


def test_cumulative_net_marks_the_payback_year(ctx):
    cash = chart_data.cashflow_by_year(ctx)
    year = finance.payback_year(cash)
    assert year == 2007  # cumulative -190, -100, +40
    fig = figures_costs.cumulative_net(cash, year)
    assert [s.x0 for s in fig.layout.shapes] == [2007]
    line = [t for t in fig.data if t.type == "scatter"][0]
    assert list(line.y) == [-190, -100, 40]
    never = figures_costs.cumulative_net(cash.assign(cumulative_net_usd=-1.0), None)
    assert not never.layout.shapes
    assert any("No payback" in a.text for a in never.layout.annotations)


def test_year_category_bars_are_stacked_per_category(ctx):
    fig = figures_costs.cost_benefit_by_year_category(chart_data.cost_benefit_by_year_category(ctx))
    assert fig.layout.barmode == "stack"
    wt = [t for t in fig.data if t.name == "Working together"]
    assert len(wt) == 2  # one in the cost panel, one in the benefit panel
    assert {t.marker.color for t in wt} == {palette.CATEGORY_COLORS["Working together"]}
    cost = wt[0]
    assert dict(zip(cost.x, cost.y, strict=True)) == {2005: 150, 2006: 30, 2007: 0}


def test_commitment_matrix_colours_levels_and_carries_agency_first(ctx):
    fig = figures_agency.commitment_matrix(chart_data.commitment_matrix(ctx))
    by_level = {t.name: t for t in fig.data}  # levels in the reader's words
    assert by_level["Lead"].marker.color == palette.LEVEL_COLORS["lead"]
    lead = sorted((cd[0], cd[1]) for cd in by_level["Lead"].customdata)
    assert lead == [("ITU", "KS"), ("UNDP", "ERP")]
    # grouped by type: fund_programme (UNDP, WFP) before specialized_agency (ITU), top down,
    # each group under a header row (named inside the plot); keyed by code, each row on one
    # line (the name and type in the hover)
    assert list(fig.layout.yaxis.categoryarray)[::-1] == [
        "type:fund_programme", "UNDP", "WFP", "type:specialized_agency", "ITU"]
    assert list(fig.layout.yaxis.ticktext)[::-1] == ["", "UNDP", "WFP", "", "ITU"]
    # the initiatives across by name and code, standing, whole (each chart's one label);
    # three columns are wide enough on a phone for a long one on two lines; by name, A to Z
    # (R5 #11: by code, ERP, KS, SEC)
    assert list(fig.layout.xaxis.ticktext) == [
        "Enterprise resource<br>planning systems (ERP)", "Information security (SEC)",
        "Knowledge-sharing (KS)"]


def test_paid_and_pledged_are_never_stacked(ctx):
    for build, data in ((figures_funding.donors, chart_data.donors_top_n),
                        (figures_funding.contributions_by_year, chart_data.contributions_by_year)):
        fig = build(data(ctx))
        assert fig.layout.barmode == "group"
        names = [t.name for t in fig.data]
        assert names[0] == PAID and names[1] == DONOR_PLEDGED  # one name each (labels.py)
    fig = figures_funding.contributions_by_year(chart_data.contributions_by_year(ctx))
    assert list(fig.data[0].y) == [200, 70, 60]
    assert list(fig.data[1].y) == [0, 100, 40]


def test_funding_gap_stacks_pledges_paid_and_gap_with_target(ctx):
    fig = figures_funding.funding_gap(chart_data.funding_gap(ctx))
    by_name = {t.name: t for t in fig.data}
    gap = by_name["Funding gap"]
    assert dict(zip(gap.y, gap.x, strict=True)) == {"ERP": 400, "KS": 380, "SEC": 0, "TRN": 200}
    assert [cd[0] for cd in gap.customdata] == list(gap.y)  # ids for click-to-filter
    target = by_name["Target"]
    assert dict(zip(target.y, target.x, strict=True)) == {"ERP": 1000, "KS": 500, "TRN": 200}


def test_funding_gap_rows_by_gap_and_at_least_four_ticks(ctx):
    fig = figures_funding.funding_gap(chart_data.funding_gap(ctx))
    # round 3, #17: the largest gap at the top (ERP 400, KS 380, TRN 200, SEC 0), as the
    # pack's table; the axis lists the keys from the bottom
    assert list(fig.layout.yaxis.categoryarray) == ["SEC", "TRN", "KS", "ERP"]
    # the longest stack and the largest target: 1000; SEC has no target, so the axis runs
    # to 1250 (room for "no target")
    assert list(fig.layout.xaxis.range) == [0, 1250]


def test_a_money_axis_across_takes_at_least_the_ticks_asked_while_they_fit():
    # round 3, #17: "$0, $20.0M" alone under bars up to $31M. Over 0..1000 on an axis to
    # 1250: three steps of 500 show $0, $500, $1.0K; four steps: still 500; five: 200 ->
    # 0, 200, ..., 1200 over the axis's range (round 4, #10: the ticks cover the range)
    fig = go.Figure(go.Bar(x=[1000], y=["a"], orientation="h"))
    fig.update_xaxes(range=[0, 1250])
    figures._money_axis(fig, "x", [0, 1000], least=4)
    assert list(fig.layout.xaxis.tickvals) == [0, 200, 400, 600, 800, 1000, 1200]
    # on a phone's plot of 100 px a step of 200 is 100 x 200 / 1250 = 16 px, narrower than
    # "$1.0K": the step of 500 stays (labels never run together)
    fig.update_xaxes(tickvals=None)
    figures._money_axis(fig, "x", [0, 1000], least=4, room=100)
    assert list(fig.layout.xaxis.tickvals) == [0, 500, 1000]


def test_an_initiative_without_a_target_says_so_on_its_bar_and_in_the_caption(ctx):
    from dashboard import registry
    df = chart_data.funding_gap(ctx)
    fig = figures_funding.funding_gap(df)
    # SEC has no funding target: no target marker, "no target" at its bar's end (its
    # stack: nothing pledged, nothing paid, a gap of 0 -> at $0), padded off the bar's end
    # and the axis line (O29: the words started on the line)
    (text,) = [a for a in fig.layout.annotations if a.text == figures_funding.NO_TARGET]
    assert (text.y, text.x) == ("SEC", 0)
    assert text.xanchor == "left" and text.xshift >= 4
    entry = next(c for c in registry.CHARTS if c.id == "funding_gap")
    assert "1 of 4 initiatives has no funding target" in entry.caption_for(df)
    assert "gap of $0" in entry.caption_for(df)
    with_targets = df.assign(funding_target_usd=df["funding_target_usd"].fillna(5.0))
    assert "no funding target" not in entry.caption_for(with_targets)


def test_both_residual_groups_of_donors_say_how_many_of_how_many():
    # the top ten of 27 donors beside the top five of the 25 who paid: "(17)" beside
    # "(20)" read as one set of donors counted twice
    assert chart_data.other_donors(17, 27) == "All other donors (17 of 27)"
    assert chart_data.other_donors(20, 25, paid_only=True) == \
        "Others who paid (20 of 25 who paid)"  # round 3: each count says what it counts


def test_top_donor_share_and_donor_grouping(ctx):
    ctx1 = ctx.with_(top_n=1)
    d = chart_data.donors_top_n(ctx1)
    assert d["donor"].tolist() == ["Norway", "All other donors (3 of 4)"]
    assert d["paid_usd"].tolist() == [260, 70]
    assert d["pledged_usd"].tolist() == [0, 140]
    s = chart_data.top_donor_share(ctx)
    assert s["donor"].tolist() == ["Norway", "Switzerland"]  # only donors with paid money
    assert s["share_of_paid"].tolist() == pytest.approx([260 / 330, 70 / 330])
    assert chart_data.top_five_share(ctx) == pytest.approx(1.0)
    fig = figures_funding.top_donor_share(s)
    assert list(fig.data[0].values) == [260, 70]
    # each slice's label is the formatter's share (as its hover), not Plotly's "%{percent}"
    # (FR #13: "78,8%" in French): 260 / 330 = 78.8%, 70 / 330 = 21.2%
    assert fig.data[0].texttemplate == "%{customdata[1]}"
    assert [c[1] for c in fig.data[0].customdata] == ["78.8%", "21.2%"]
    with language("fr"):
        fr_fig = figures_funding.top_donor_share(s)
    assert [c[1] for c in fr_fig.data[0].customdata] == ["78,8\u00a0%", "21,2\u00a0%"]
    # the title counts the donors shown (two paid here), never "the five largest"
    title = fig.layout.title.text.replace("<br>", " ")  # wrapped to the chart's width
    assert title == "Share of paid contributions: the two largest donors"
    one = figures_funding.top_donor_share(s.head(1)).layout.title.text.replace("<br>", " ")
    assert one == "Share of paid contributions: the largest donor"


def test_stage_chart_lists_every_stage_in_order(ctx):
    df = chart_data.initiatives_by_stage(ctx)
    fig = figures_overview.initiatives_by_stage(df)
    # EN #13 (round 5): the stage names stood turned 90° under upright bars; now each bar
    # lies on its side with its stage's name whole above it, the first stage on top
    stages = ["High-value initiative", "Organization commitment", "Implementer identified",
              "Sponsorship & governance", "Implementation planning", "Implementation",
              "Completed"]
    assert [html.unescape(n) for n in bar_names.bar_names(fig)][::-1] == stages  # as drawn
    assert fig.data[0].orientation == "h"
    assert list(fig.data[0].x)[::-1] == [1, 1, 0, 0, 1, 1, 0]  # SEC, TRN, -, -, ERP, KS, -
    assert fig.layout.xaxis.tickangle in (None, 0) and fig.layout.yaxis.tickangle in (None, 0)
    # the count axis says what it counts, as every axis of the house does (without a title
    # the browser widened the bottom margin past the one computed and drew it twice:
    # tests/browser/test_chart_drawing.py); the pack gives the chart a page of its own
    assert fig.layout.xaxis.title.text == "Number of initiatives"
    # counts are whole numbers as the browser receives them ("1", never "1.0"; "0", not "0.0")
    sent = browser_figure.for_browser(fig).to_plotly_json()["data"][0]["text"]
    assert list(sent)[::-1] == ["1", "1", "0", "0", "1", "1", "0"]
    with language("fr"):
        fr = figures_overview.initiatives_by_stage(df)
    assert bar_names.bar_names(fr)[-1] == "Initiative à forte valeur"  # whole, on top
    assert fr.layout.xaxis.tickangle in (None, 0)


def test_detail_figures(ctx):
    one = ctx.with_(filters=ctx.filters.with_(initiatives=("ERP",)))
    fig = figures_detail.detail_costs(chart_data.initiative_costs(one, "ERP"))
    assert {t.name: list(t.y) for t in fig.data} == {
        "Staff": [100], "Hardware": [50], "Software": [30]}
    fig = figures_detail.detail_benefits(chart_data.initiative_benefits(one, "ERP"))
    assert {t.name: list(t.y) for t in fig.data} == {
        "Medium confidence": [80], "High confidence": [120]}
    assert figures_detail.detail_costs(pd.DataFrame(columns=["fiscal_year", "cost_category",
                                                      "cost_usd"])).layout.annotations


def test_the_paired_detail_charts_share_their_years_and_no_colour(ctx):
    # round 3, #22: ERP's costs run 2005-2006 and its benefits 2006-2007 (the fixture);
    # side by side, both charts span 2005-2007 (half a year beyond each end)
    costs = figures_detail.detail_costs(chart_data.initiative_costs(ctx, "ERP"))
    benefits = figures_detail.detail_benefits(chart_data.initiative_benefits(ctx, "ERP"))
    assert list(costs.layout.xaxis.range) == [2004.5, 2007.5]
    assert list(benefits.layout.xaxis.range) == [2004.5, 2007.5]
    # a colour means one thing across the pair: no kind of cost shares one with a
    # confidence level (Training and Low confidence were both vermillion)
    assert not set(palette.COST_CATEGORY_COLORS.values()) & set(
        palette.CONFIDENCE_COLORS.values())
