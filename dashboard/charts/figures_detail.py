"""The figure builders of the Initiative detail page: a DataFrame from dashboard/query/chart_data.py
in, a Plotly figure out (conventions and shared helpers: dashboard/charts/figures.py).
Each is declared with its dataset, page, title and caption in dashboard/registry.py."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import palette
from dashboard.charts.estimates import mark_estimates
from dashboard.charts.figure_layout import update_axes, update_layout
from dashboard.charts.figures import (
    USD,
    _layout,
    _money,
    _money_axis,
    _year_axis,
    empty_figure,
    longer_than_english,
)
from dashboard.contract.labels import code_label, confidence_label
from dashboard.contract.schema import (
    CONFIDENCE_LEVELS,
    COST_CATEGORIES,
)
from dashboard.formatting import format_usd
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

TITLE_DETAIL_COST = N_("Cost by fiscal year and kind of cost (US$)")
TITLE_DETAIL_BENEFIT = N_("Expected benefit by fiscal year and confidence (US$)")


def _by_year(df: pd.DataFrame, title: str, key: str, order, value: str,
             colors: dict[str, str], as_of: str | None, name=code_label) -> go.Figure:
    """Bars by fiscal year, stacked by `key` in its contract order (the kinds present);
    the years after the as-of date marked as estimates. The year axis spans the frame's
    attrs["years"] (first, last) when given: the range it shares with the chart beside it
    (dashboard/query/chart_data.py `_paired`)."""
    if df.empty:
        return empty_figure(title)
    fig = go.Figure()
    for k in [c for c in order if c in set(df[key])]:
        d = df[df[key] == k]
        fig.add_bar(x=d["fiscal_year"], y=d[value], name=name(k), marker_color=colors[k],
                    customdata=_money(d[value]),
                    hovertemplate=f"{name(k)}<br>%{{x}}: %{{customdata}}<extra></extra>")
    mark_estimates(fig, df["fiscal_year"], as_of)
    update_layout(fig, barmode="stack")
    _layout(fig, title, height=340)
    update_axes(fig, "x", title_text=_("Fiscal year"))
    sums = df.groupby("fiscal_year")[value].sum()
    # a phone's plot is narrower by the money labels' width: fewer years fit in French
    shared = df.attrs.get("years")
    years = pd.Series(list(shared)) if shared else df["fiscal_year"]
    _year_axis(fig, years, longer_than_english(lambda: [format_usd(v) for v in sums]))
    if shared:  # half a bar's width beyond the first and the last year
        update_axes(fig, "x", range=[shared[0] - 0.5, shared[1] + 0.5])
    update_axes(fig, "y", title_text=_(USD))
    _money_axis(fig, "y", sums)
    return fig


def detail_costs(df: pd.DataFrame, as_of: str | None = None) -> go.Figure:
    return _by_year(df, TITLE_DETAIL_COST, "cost_category", COST_CATEGORIES, "cost_usd",
                    palette.COST_CATEGORY_COLORS, as_of)


def detail_benefits(df: pd.DataFrame, as_of: str | None = None) -> go.Figure:
    return _by_year(df, TITLE_DETAIL_BENEFIT, "confidence", CONFIDENCE_LEVELS, "benefit_usd",
                    palette.CONFIDENCE_COLORS, as_of, name=confidence_label)
