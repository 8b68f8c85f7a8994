"""The figure builders of the Initiative detail page: a DataFrame from dashboard/query/chart_data.py
in, a Plotly figure out (conventions and shared helpers: dashboard/charts/figures.py).
Each is declared with its dataset, page, title and caption in dashboard/registry.py."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import palette
from dashboard.charts.figure_layout import update_axes, update_layout
from dashboard.charts.figures import (
    USD,
    _layout,
    _money,
    _money_axis,
    _year_axis,
    empty_figure,
)
from dashboard.contract.schema import (
    CONFIDENCE_LEVELS,
    COST_CATEGORIES,
)

TITLE_DETAIL_COST = "Cost by fiscal year and kind of cost (US$)"
TITLE_DETAIL_BENEFIT = "Expected benefit by fiscal year and confidence (US$)"


def detail_costs(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_DETAIL_COST)
    fig = go.Figure()
    for cc in [c for c in COST_CATEGORIES if c in set(df["cost_category"])]:
        d = df[df["cost_category"] == cc]
        fig.add_bar(x=d["fiscal_year"], y=d["cost_usd"], name=cc,
                    marker_color=palette.COST_CATEGORY_COLORS[cc], customdata=_money(d["cost_usd"]),
                    hovertemplate=f"{cc}<br>%{{x}}: %{{customdata}}<extra></extra>")
    update_layout(fig, barmode="stack")
    _layout(fig, TITLE_DETAIL_COST, height=340)
    update_axes(fig, "x", title_text="Fiscal year")
    _year_axis(fig, df["fiscal_year"])
    update_axes(fig, "y", title_text=USD)
    _money_axis(fig, "y", df.groupby("fiscal_year")["cost_usd"].sum())
    return fig


def detail_benefits(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_DETAIL_BENEFIT)
    fig = go.Figure()
    for lv in [c for c in CONFIDENCE_LEVELS if c in set(df["confidence"])]:
        d = df[df["confidence"] == lv]
        fig.add_bar(x=d["fiscal_year"], y=d["benefit_usd"], name=f"{lv} confidence",
                    marker_color=palette.CONFIDENCE_COLORS[lv], customdata=_money(d["benefit_usd"]),
                    hovertemplate=f"{lv} confidence<br>%{{x}}: %{{customdata}}<extra></extra>")
    update_layout(fig, barmode="stack")
    _layout(fig, TITLE_DETAIL_BENEFIT, height=340)
    update_axes(fig, "x", title_text="Fiscal year")
    _year_axis(fig, df["fiscal_year"])
    update_axes(fig, "y", title_text=USD)
    _money_axis(fig, "y", df.groupby("fiscal_year")["benefit_usd"].sum())
    return fig
