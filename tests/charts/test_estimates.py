"""Estimate years drawn distinctly (dashboard/charts/estimates.py) on every by-year chart,
checked on fig.data / fig.layout with hand-made frames. The rule: a fiscal year that ends
after the as-of date is an estimate (dashboard/contract/years.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import registry
from dashboard.charts import estimates, figures_costs, figures_detail
from dashboard.contract.years import ESTIMATE_KEY
from dashboard.query import chart_data
from tests import fixture_data
from tests.figure_inputs import context_at

# net 2005 -190, 2006 +90, 2007 +140 (cumulative -190, -100, +40)
CASH = pd.DataFrame({"fiscal_year": [2005, 2006, 2007], "cost_usd": [190.0, 60.0, 5.0],
                     "benefit_usd": [0.0, 150.0, 145.0], "net_usd": [-190.0, 90.0, 140.0],
                     "cumulative_net_usd": [-190.0, -100.0, 40.0],
                     "discounted_net_usd": [-190.0, 90.0, 140.0]})


def _bands(fig):
    return [(s.xref, s.x0, s.x1) for s in fig.layout.shapes
            if s.type == "rect" and s.fillcolor == estimates.BAND_COLOR]


def _keys(fig):
    return [t for t in fig.data if t.name == ESTIMATE_KEY]


def _net_bars(fig):
    """The yearly net bars (not the legend's two colour keys, which have no x)."""
    return [t for t in fig.data if t.type == "bar" and len(t.x) == len(CASH)][0]


def test_cumulative_net_shades_the_years_after_the_as_of_date():
    # as of 2006-03-31: 2006 and 2007 end after it (estimates), 2005 ended before
    fig = figures_costs.cumulative_net(CASH, 2007, "2006-03-31")
    assert _bands(fig) == [("x", 2005.5, 2007.5)]
    bars = _net_bars(fig)
    assert list(bars.marker.pattern.shape) == ["", "/", "/"]
    assert bars.marker.opacity is None  # the colours keep their meaning (EN #17)
    assert len(_keys(fig)) == 1 and _keys(fig)[0].showlegend
    assert ESTIMATE_KEY in [t.name for t in fig.data if t.showlegend is not False]
    # the payback line is still there
    assert [s.x0 for s in fig.layout.shapes if s.type == "line"] == [2007]


def test_no_estimate_year_no_marking():
    # as of 2007-12-31 every year has ended; without an as-of date nothing is marked
    for as_of in ("2007-12-31", None):
        fig = figures_costs.cumulative_net(CASH, 2007, as_of)
        assert _bands(fig) == [] and _keys(fig) == []
        assert _net_bars(fig).marker.pattern.shape is None


def test_cost_and_benefit_by_year_shade_both_panels():
    df = pd.DataFrame({"fiscal_year": [2005, 2006, 2007, 2007],
                       "category": ["Working together"] * 3 + ["ICT in development"],
                       "cost_usd": [100.0, 30.0, 5.0, 1.0],
                       "benefit_usd": [0.0, 120.0, 80.0, 2.0]})
    fig = figures_costs.cost_benefit_by_year_category(df, "2006-12-31")  # 2007 only
    assert _bands(fig) == [("x", 2006.5, 2007.5), ("x2", 2006.5, 2007.5)]
    wt = [t for t in fig.data if t.name == "Working together"]
    assert [list(t.marker.pattern.shape) for t in wt] == [["", "", "/"]] * 2
    other = [t for t in fig.data if t.name == "ICT in development"]
    # its one year (2007) an estimate; the legend entry's trace starts with an empty point
    assert [list(t.marker.pattern.shape) for t in other] == [["", "/"], ["/"]]
    assert list(other[0].x) == [None, 2007]
    assert len(_keys(fig)) == 1
    # its only year is an estimate: its legend entry is still its own solid colour
    assert _swatches(fig)["ICT in development"] == ""


@pytest.mark.parametrize("builder, key, value", [
    (figures_detail.detail_costs, "cost_category", "cost_usd"),
    (figures_detail.detail_benefits, "confidence", "benefit_usd")])
def test_initiative_detail_by_year(builder, key, value):
    kind = "staff" if key == "cost_category" else "high"
    df = pd.DataFrame({"fiscal_year": [2005, 2006, 2007, 2008], key: [kind] * 4,
                       value: [1.0, 2.0, 3.0, 4.0]})
    fig = builder(df, "2007-06-30")  # 2007 (ends 2007-12-31) and 2008
    assert _bands(fig) == [("x", 2006.5, 2008.5)]
    # estimate years hatched, their hue the kind's own (EN #17: lighter tints made Hosting
    # look like Consultancy, Staff beige)
    assert list(fig.data[0].marker.pattern.shape) == ["", "", "/", "/"]
    assert fig.data[0].marker.opacity is None
    assert len(_keys(fig)) == 1 and _keys(fig)[0].marker.pattern.shape == "/"


def _swatch(trace) -> str:
    """The pattern Plotly draws a trace's legend swatch with: its first point's (plotly.js
    legend/style.js reads `pattern.shape[0]`), or the one shape of the series."""
    shape = trace.marker.pattern.shape if trace.type == "bar" else None
    if shape is None:
        return ""
    return shape if isinstance(shape, str) else (shape[0] if len(shape) else "")


def _swatches(fig) -> dict[str, str]:
    return {t.name: _swatch(t) for t in fig.data if t.showlegend is not False and t.name}


def test_a_series_whose_years_are_all_estimates_keeps_its_own_swatch():
    """The round 5 re-look: "Medium confidence" (benefits from 2006 on, every one an
    estimate) had a hatched swatch, the estimate years' mark, as if hatching were its own."""
    df = pd.DataFrame({"fiscal_year": [2005, 2006, 2007, 2008, 2007, 2008],
                       "confidence": ["high"] * 4 + ["medium"] * 2,
                       "benefit_usd": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]})
    fig = figures_detail.detail_benefits(df, "2007-06-30")  # 2007 and 2008 estimates
    assert _swatches(fig) == {"High confidence": "", "Medium confidence": "",
                              ESTIMATE_KEY: estimates.HATCH}
    medium = next(t for t in fig.data if t.name == "Medium confidence")
    # its bars still hatched (estimates) after an empty point, which draws nothing: no year,
    # no value, and the hover's amount lined up with its bar
    assert list(medium.marker.pattern.shape) == ["", "/", "/"]
    assert list(medium.x) == [None, 2007, 2008] and list(medium.y) == [None, 5.0, 6.0]
    assert medium.customdata[0] is None and len(medium.customdata) == 3
    # the legend's entries keep their order (the contract's, then the estimate years)
    assert [t.name for t in fig.data if t.showlegend is not False] == [
        "Medium confidence", "High confidence", ESTIMATE_KEY]


def _one_meaning_per_pattern(fig) -> list[str]:
    """The legend entries other than the estimate years' whose swatch is their hatch, in a
    figure that marks estimate years: a pattern meaning two things."""
    if not _keys(fig):
        return []
    return [n for n, p in _swatches(fig).items() if n != ESTIMATE_KEY and p == estimates.HATCH]


@pytest.mark.parametrize("chart", registry.CHARTS, ids=[c.id for c in registry.CHARTS])
def test_in_every_registry_figure_the_estimate_hatch_means_one_thing(db, chart):
    """Over the fixture (as of 2006-01-01, years 2005-2007: 2006 and 2007 estimates), no
    series' legend swatch wears the estimate years' hatch on a chart that marks them."""
    ctx = context_at(db, fixture_data.FIXTURE_AS_OF)
    df = chart.dataset(ctx, "ERP") if chart.page == "initiative" else chart.dataset(ctx)
    if df is not None:  # None: a comparison's chart, with no earlier snapshot to compare to
        assert _one_meaning_per_pattern(chart.figure(ctx, df)) == [], chart.id


@pytest.mark.parametrize("chart_id, last", [
    ("cost_benefit_by_year_category", 2007), ("cashflow_by_year", 2007),
    ("detail_costs", 2006), ("detail_benefits", 2007)])  # ERP's costs: 2005 and 2006 only
def test_the_registry_hands_the_snapshots_as_of_date_to_each_by_year_builder(db, f0, chart_id,
                                                                             last):
    """The fixture is as of 2006-01-01, its years 2005-2007: 2006 and 2007 are estimates,
    in the app and the briefing alike (both draw `Chart.figure`)."""
    ctx = chart_data.Context(db=db, filters=f0)
    chart = next(c for c in registry.CHARTS if c.id == chart_id)
    df = chart.dataset(ctx, "ERP") if chart.page == "initiative" else chart.dataset(ctx)
    fig = chart.figure(ctx, df)
    assert {(x0, x1) for _, x0, x1 in _bands(fig)} == {(2005.5, last + 0.5)}
    assert len(_keys(fig)) == 1


def test_the_by_year_charts_say_the_rule_in_their_caption(db, f0):
    ctx = chart_data.Context(db=db, filters=f0)
    for chart_id in ("cost_benefit_by_year_category", "cashflow_by_year"):
        chart = next(c for c in registry.CHARTS if c.id == chart_id)
        caption = chart.caption_for(chart.dataset(ctx))
        assert caption.endswith("that ends after the snapshot's as-of date is an estimate; "
                                "an earlier one is at least partly actual.")
