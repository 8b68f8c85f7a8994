"""Figure builders of the decision-support pages, checked on fig.data / fig.layout."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.analysis import finance, scoring, selection, sensitivity
from dashboard.charts import figures_analytics as fa
from dashboard.charts import palette


@pytest.fixture
def ranking(db, f0):
    return scoring.priority_ranking(db.query("priority_inputs", f0))


def test_ranking_bars_stack_the_three_factors_in_rank_order(ranking):
    fig = fa.priority_ranking(ranking)
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == ["Low cost", "Benefit", "Value to organizations"]
    assert fig.layout.barmode == "stack"
    # rank 1 (KS) is drawn last, i.e. on top; each bar's parts add up to the score
    # the whole name and its code (they fit two lines beside the axis), the rank before
    assert bars[0].y[-1].replace("<br>", " ") == "#1 Knowledge-sharing (KS)"
    total = [sum(t.x[k] for t in bars) for k in range(4)]
    assert total[-1] == pytest.approx(73 / 105)
    assert total[0] == pytest.approx(1 / 3)  # TRN, rank 4
    assert bars[0].customdata[-1][0] == "KS"
    assert "factor" in fig.layout.title.text


def test_bubble_sizes_colours_and_outlines(ranking):
    fig = fa.cost_benefit_bubble(ranking)
    by_name = {t.name: t for t in fig.data if t.mode == "markers+text"}  # not the legend's
    erp = by_name["Working together"]
    assert list(erp.x) == [180] and list(erp.y) == [200]
    assert erp.marker.color == palette.category_color("Working together")
    assert list(erp.marker.size) == pytest.approx([12 + 2 * 11 / 3])  # V = 11/3: 14..22 px
    assert list(erp.marker.line.color) == ["black"]  # flagged priority
    sec = by_name["Information security"]
    assert list(sec.marker.line.color) == ["white"]  # not flagged
    trn = by_name["Sustaining the initiative"]
    assert list(trn.marker.size) == [12]  # no commitment rows: a small bubble
    assert fig.layout.xaxis.title.text.startswith("Total cost")


def test_frontier_is_a_step_line_with_the_budget_marked(ranking):
    fr = selection.efficient_frontier(ranking)
    fig = fa.efficient_frontier(fr, 70.0, 1.044)
    line = fig.data[0]
    assert line.line.shape == "hv"
    assert list(line.y[:-1]) == list(fr["total_score"])
    assert list(line.y) == sorted(line.y)  # never decreases
    assert any(s.x0 == 70.0 for s in fig.layout.shapes)  # the chosen budget
    assert fig.data[-1].name == "Chosen budget" and list(fig.data[-1].x) == [70.0]


def test_sensitivity_bars_run_from_best_to_worst(db, f0):
    s = sensitivity.rank_sensitivity(db.query("priority_inputs", f0), (1, 0, 0), step=0.5)
    fig = fa.rank_sensitivity(s)
    bar, dots = fig.data[-2:]  # after the legend's colour entries
    d = s.sort_values("rank", ascending=False)
    assert list(bar.base) == list(d["best_rank"])
    ks = list(d["initiative_id"]).index("KS")
    assert bar.x[ks] == 2  # ranks 1 to 3
    assert list(dots.x) == list(d["rank"])
    assert fig.layout.xaxis.range[0] > fig.layout.xaxis.range[1]  # rank 1 on the right
    # round 7 N6: the bars drawn as their key's swatches are (the key draws them opaque):
    # each bar's grey is its verdict's swatch, with no opacity to pale it into the next
    swatches = {t.name: t.marker.color for t in fig.data[:-2]}
    assert swatches and all(t.marker.opacity in (None, 1) for t in fig.data)
    names = dict((k, str(n)) for k, n in fa.VERDICT_NAMES)
    for colour, verdict in zip(bar.marker.color, d["verdict"], strict=True):
        assert colour == swatches[names[str(verdict).split(" ")[0]]], verdict


def test_waterfall_goes_from_before_to_after():
    changes = pd.DataFrame({
        "initiative_id": ["A", "B", "C", "D"],
        "name": ["Alpha", "Beta", "Gamma", "Delta"],
        "status": ["changed", "added", "removed", "unchanged"],
        "cost_before_usd": [100.0, None, 30.0, 10.0],
        "cost_after_usd": [125.0, 5.0, None, 10.0],
        "cost_change_usd": [25.0, 5.0, -30.0, 0.0],
    })
    fig = fa.cost_change_waterfall(changes, "2005-07-01", "2006-01-01")
    # running totals 140, 110 (-30), 135 (+25), 140 (+5): lowest 110, highest 140, span 30;
    # the axis from 110 - 0.6 x 30 = 92 to 140 + 0.75 x 30 = 162.5, not from 0, so the
    # totals are diamonds, not bars (round 3, #3): the waterfall holds the steps only,
    # drawn from the total before (its base)
    assert list(fig.layout.xaxis.range) == pytest.approx([92, 162.5])
    w, totals = fig.data
    assert list(w.measure) == ["relative", "relative", "relative"] and w.base == 140.0
    # horizontal, before at the top: each step keyed by its code, named by its name and
    # code (the labelling policy), added or removed said beside the code
    assert w.orientation == "h"
    assert list(w.y) == ["C", "A", "B"]
    axis = fig.layout.yaxis
    assert list(axis.tickvals) == ["_after", "B", "A", "C", "_before"]  # from the bottom
    # the totals' amounts in their names (no text beside a diamond: it ran into the name
    # over its row in print)
    assert list(axis.ticktext) == ["Cost 2006-01-01: $140", "Beta (B, added)", "Alpha (A)",
                                   "Gamma (C, removed)", "Cost 2005-07-01: $140"]
    assert list(w.x) == [-30.0, 25.0, 5.0]  # 140 - 30 + 25 + 5 = 140
    # every step carries its amount, not only the largest (the review's O25)
    assert list(w.text) == ["-$30", "+$25", "+$5"]
    assert totals.type == "scatter" and "markers" in totals.mode
    assert list(totals.y) == ["_before", "_after"] and list(totals.x) == [140.0, 140.0]
    assert totals.mode == "markers"


def test_the_waterfall_s_amounts_are_on_one_scale_in_french():
    # FR3 #7: the totals in millions, so every step too: 946,000 is 0.946 M « +0,9 M $US »;
    # -48,000 is -0.048 M, « 0,0 » at one decimal, so « −0,05 M $US »; the totals
    # 100,000,000 « 100,0 M $US » and 100,898,000 « 100,9 M $US »
    from dashboard.lang.translate import language

    nb = "\u00a0"
    changes = pd.DataFrame({
        "initiative_id": ["A", "B", "C"], "name": ["Alpha", "Beta", "Gamma"],
        "status": ["changed", "changed", "unchanged"],
        "cost_before_usd": [99_000_000.0, 1_000_000.0, 0.0],
        "cost_after_usd": [99_946_000.0, 952_000.0, 0.0],
        "cost_change_usd": [946_000.0, -48_000.0, 0.0],
    })
    with language("fr"):
        fig = fa.cost_change_waterfall(changes, "a", "b")
    w, totals = fig.data
    assert list(w.text) == [f"+0,9{nb}M{nb}$US", f"\u22120,05{nb}M{nb}$US"]
    assert list(totals.text) == [f"100,0{nb}M{nb}$US", f"100,9{nb}M{nb}$US"]
    fig = fa.cost_change_waterfall(changes, "a", "b")
    assert list(fig.data[0].text) == ["+$946.0K", "-$48.0K"]  # English keeps its units


def test_waterfall_totals_are_bars_only_over_an_axis_from_zero():
    changes = pd.DataFrame({
        "initiative_id": ["A"], "name": ["Alpha"], "status": ["changed"],
        "cost_before_usd": [100.0], "cost_after_usd": [20.0], "cost_change_usd": [-80.0],
    })
    fig = fa.cost_change_waterfall(changes, "a", "b")
    # running totals 100, 20: span 80, 20 - 0.6 x 80 < 0, so the axis starts at 0 and
    # the totals may be bars: 100 at the top, 20 at the bottom
    assert fig.layout.xaxis.range[0] == 0
    (w,) = fig.data
    assert list(w.measure) == ["absolute", "relative", "total"]
    assert list(w.x) == [100.0, -80.0, 20.0]
    assert "not from 0" not in fig.layout.xaxis.title.text


def test_npv_bars(db, f0):
    m = finance.financial_measures(db.query("cost_by_initiative", f0),
                                     db.query("cashflow_by_initiative_year", f0,
                                              discount_rate=0.05))
    fig = fa.npv_by_initiative(m, 0.05)
    bar = fig.data[0]
    assert "at 5.0%" in fig.layout.title.text.replace("<br>", " ")  # read across lines
    assert bar.y[-1] == "Knowledge-sharing (KS)"  # largest NPV (14.88) on top, never cut
    assert bar.marker.color[0] == palette.VERMILLION  # TRN: negative NPV
    assert bar.customdata[0][1] == "—"  # TRN never pays back


@pytest.mark.parametrize("builder", [
    fa.priority_ranking, fa.cost_benefit_bubble, fa.efficient_frontier, fa.rank_sensitivity,
    lambda df: fa.cost_change_waterfall(df, "a", "b"), lambda df: fa.npv_by_initiative(df, 0.05),
])
def test_empty_data_says_so(builder):
    fig = builder(pd.DataFrame())
    assert fig.layout.annotations[0].text == "No data for these filters"


def test_waterfall_has_no_connectors_and_three_ticks_on_an_axis_not_from_zero():
    # F2 #7: the connectors ran through the names above the bars, and an axis not from 0
    # had one tick ("$100M") alone
    changes = pd.DataFrame({
        "initiative_id": ["A", "B", "C", "D"], "name": ["Alpha", "Beta", "Gamma", "Delta"],
        "status": ["changed", "added", "removed", "unchanged"],
        "cost_before_usd": [100.0, None, 30.0, 10.0], "cost_after_usd": [125.0, 5.0, None, 10.0],
        "cost_change_usd": [25.0, 5.0, -30.0, 0.0],
    })
    fig = fa.cost_change_waterfall(changes, "a", "b")
    w = fig.data[0]
    assert w.connector.visible is False
    lo, hi = fig.layout.xaxis.range  # 92 to 162.5 (worked out in the test above)
    assert sum(lo <= v <= hi for v in fig.layout.xaxis.tickvals) >= 3


def test_no_bubble_is_wider_than_22_px():
    # F2 #19: bubbles of up to 30 px lay on one another on a phone's plot
    assert fa.bubble_size(5) == 22 and fa.bubble_size(1) == 14
