"""The figure builders of the Costs & benefits page: a DataFrame from dashboard/query/chart_data.py
in, a Plotly figure out (conventions and shared helpers: dashboard/charts/figures.py).
Each is declared with its dataset, page, title and caption in dashboard/registry.py."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts import palette
from dashboard.charts.estimates import mark_estimates
from dashboard.charts.figure_layout import update_axes, update_layout
from dashboard.charts.figures import (
    USD,
    _layout,
    _money,
    _money_axis,
    _year_axis,
    category_ticks,
    empty_figure,
    move_from_top,
)
from dashboard.contract.labels import category_label, code_label
from dashboard.contract.schema import (
    CATEGORIES,
    CONFIDENCE_LEVELS,
    COST_CATEGORIES,
)
from dashboard.formatting import money_ticks
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

TITLE_YEAR_CATEGORY = N_("Cost and benefit by fiscal year, stacked by category (US$)")
TITLE_CUMULATIVE = N_("Net benefit by year and cumulative (US$)")
TITLE_COST_CATEGORY = N_("Cost by kind of cost: recurring and one-off (US$)")
TITLE_CONFIDENCE = N_("Expected benefit by confidence level (US$)")
# TRANSLATORS: "$0" is zero in the language's money form (French "0 $US")
NET_GAIN = N_("Net benefit in the year (above $0)")
NET_LOSS = N_("Net cost in the year (below $0)")


def cost_benefit_by_year_category(df: pd.DataFrame, as_of: str | None = None) -> go.Figure:
    """Cost and benefit by fiscal year side by side, stacked by category; the years after
    the as-of date marked as estimates (dashboard/charts/estimates.py)."""
    if df.empty:
        return empty_figure(TITLE_YEAR_CATEGORY)
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04)
    cats = [c for c in CATEGORIES if c in set(df["category"])]
    for cat in cats:
        d = df[df["category"] == cat]
        for col, measure in ((1, "cost_usd"), (2, "benefit_usd")):
            fig.add_bar(
                x=d["fiscal_year"], y=d[measure], name=category_label(cat), legendgroup=cat,
                showlegend=col == 1, marker_color=palette.category_color(cat),
                customdata=_money(d[measure]),
                hovertemplate=f"{category_label(cat)}<br>%{{x}}: %{{customdata}}<extra></extra>",
                row=1, col=col,
            )
    mark_estimates(fig, df["fiscal_year"], as_of, axes=("x", "x2"))
    update_layout(fig, barmode="stack")
    _layout(fig, TITLE_YEAR_CATEGORY, height=400)
    # each panel named on top, where a reader starts (under the x axis, "Cost / by fiscal
    # year" was read after the bars: S16)
    panel_titles(fig, [_("Cost"), _("Benefit")])
    update_axes(fig, "x", title_text=_("Fiscal year"))
    _year_axis(fig, df["fiscal_year"])
    fig.update_yaxes(title_text=_(USD), row=1, col=1)
    stacks = df.groupby("fiscal_year")[["cost_usd", "benefit_usd"]].sum()
    _money_axis(fig, "y", [*stacks["cost_usd"], *stacks["benefit_usd"]])
    return fig


PANEL_TITLE_PX = 24  # the room above the plot for a panel's title


def panel_titles(fig: go.Figure, titles: list[str]) -> None:
    """Each side-by-side panel's title centred over it, above the plot, in room added
    between the legend and the plot (the figure grows by it; the title and the legend keep
    their place from the top)."""
    old = float(fig.layout.height)
    new = old + PANEL_TITLE_PX
    move_from_top(fig, old, new)
    title = fig.layout.title
    if title and title.y is not None and title.yref == "container":
        title.y = 1 - (1 - title.y) * old / new
    update_layout(fig, height=int(new), margin=dict(t=(fig.layout.margin.t or 0)
                                                    + PANEL_TITLE_PX))
    names = ["xaxis", *(f"xaxis{i}" for i in range(2, len(titles) + 1))]
    for text, name in zip(titles, names, strict=True):
        lo, hi = fig.layout[name].domain
        fig.add_annotation(x=(lo + hi) / 2, xref="paper", xanchor="center", y=1,
                           yref="paper", yanchor="bottom", yshift=1, showarrow=False,
                           text=f"<b>{text}</b>", font=dict(size=14, color="#1F2933"))


def cumulative_net(df: pd.DataFrame, payback_year: int | None = None,
                   as_of: str | None = None) -> go.Figure:
    """Yearly net benefit as bars (blue above $0, orange below: the legend shows both), the
    running total as a line, the payback year marked, the years after the as-of date marked
    as estimates; the money axis has a tick below the lowest value, so the low point can be
    read."""
    if df.empty:
        return empty_figure(TITLE_CUMULATIVE)
    fig = go.Figure()
    for name, color in ((_(NET_GAIN), palette.BLUE), (_(NET_LOSS), palette.VERMILLION)):
        fig.add_bar(x=[None], y=[None], name=name, marker_color=color, hoverinfo="skip",
                    legendgroup="net")
    fig.add_bar(
        x=df["fiscal_year"], y=df["net_usd"], name=_("Net benefit in the year"),
        showlegend=False, legendgroup="net",
        marker_color=[palette.BLUE if v >= 0 else palette.VERMILLION for v in df["net_usd"]],
        customdata=_money(df["net_usd"]),
        hovertemplate=_("%{x}: net %{customdata}") + "<extra></extra>",
    )
    fig.add_scatter(
        x=df["fiscal_year"], y=df["cumulative_net_usd"], mode="lines+markers",
        name=_("Cumulative net benefit"), line=dict(color=palette.BLACK, width=3),
        customdata=_money(df["cumulative_net_usd"]),
        hovertemplate=_("%{x}: cumulative %{customdata}") + "<extra></extra>",
    )
    # the note sits inside the plot, in a band above the data kept free for it
    values = pd.to_numeric(pd.concat([df["net_usd"], df["cumulative_net_usd"]]),
                           errors="coerce").fillna(0)
    lo, hi = min(0.0, float(values.min())), max(0.0, float(values.max()))
    span = (hi - lo) or 1.0
    if payback_year is not None:
        years = list(df["fiscal_year"])
        late = payback_year > (min(years) + max(years)) / 2
        fig.add_vline(x=payback_year, line=dict(color=palette.GREEN, dash="dash", width=2))
        fig.add_annotation(x=payback_year, y=1, yref="paper", text=_("Payback {year}").format(year=payback_year),
                           showarrow=False, xanchor="right" if late else "left",
                           yanchor="top", xshift=-4 if late else 4,
                           font=dict(color=palette.TEXT_GREEN, size=13))
    else:
        fig.add_annotation(x=0, y=1, xref="paper", yref="paper", showarrow=False,
                           text=_("No payback within these years"), xanchor="left",
                           yanchor="top", font=dict(color=palette.TEXT_VERMILLION, size=13))
    # one real bar trace: "overlay" keeps the two legend entries from taking bar slots
    update_layout(fig, barmode="overlay")
    mark_estimates(fig, df["fiscal_year"], as_of)
    _layout(fig, TITLE_CUMULATIVE, height=360)
    update_axes(fig, "x", title_text=_("Fiscal year"))
    _year_axis(fig, df["fiscal_year"])
    bottom = lo - 0.05 * span
    if lo < 0:  # down to the tick under the low point (-$39M: the -$50M tick)
        bottom = min(bottom, money_ticks(lo, hi, 4)[0][0] - 0.02 * span)
    update_axes(fig, "y", title_text=_(USD), range=[bottom, hi + 0.22 * span])
    _money_axis(fig, "y", [lo, hi])
    return fig


def cost_by_cost_category(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_COST_CATEGORY)
    order = [c for c in COST_CATEGORIES if c in set(df["cost_category"])]
    fig = go.Figure()
    for rec in ("recurring", "one-off"):
        d = df[df["recurrence"] == rec].set_index("cost_category").reindex(order)
        fig.add_bar(
            x=[code_label(c) for c in order], y=d["cost_usd"].fillna(0), name=code_label(rec),
            marker=dict(color=palette.RECURRENCE_COLORS[rec],
                        pattern=dict(fillmode="overlay", shape=palette.RECURRENCE_PATTERNS[rec],
                                     fgcolor="white", solidity=0.3)),
            customdata=_money(d["cost_usd"].fillna(0)),
            hovertemplate=_("%{x} ({kind}): %{customdata}").replace(
                "{kind}", code_label(rec).lower()) + "<extra></extra>",
        )
    update_layout(fig, barmode="stack")
    _layout(fig, TITLE_COST_CATEGORY, height=360)
    update_axes(fig, "x", title_text=_("Kind of cost"))
    category_ticks(fig, [code_label(c) for c in order])
    update_axes(fig, "y", title_text=_(USD))
    _money_axis(fig, "y", df.groupby("cost_category")["cost_usd"].sum())
    return fig


def benefits_by_confidence(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_CONFIDENCE)
    levels = [c for c in CONFIDENCE_LEVELS if c in set(df["confidence"])]
    fig = go.Figure()
    for bc, color in palette.BENEFIT_CATEGORY_COLORS.items():
        d = df[df["benefit_category"] == bc].set_index("confidence").reindex(levels)
        if d["benefit_usd"].notna().any():
            fig.add_bar(
                x=[code_label(lv) for lv in levels], y=d["benefit_usd"].fillna(0),
                name=code_label(bc), marker_color=color,
                customdata=_money(d["benefit_usd"].fillna(0)),
                hovertemplate=code_label(bc) + "<br>"
                + _("%{x} confidence: %{customdata}") + "<extra></extra>",
            )
    update_layout(fig, barmode="stack")
    _layout(fig, TITLE_CONFIDENCE, height=360)
    update_axes(fig, "x", title_text=_("Confidence in the estimate"))
    category_ticks(fig, [code_label(lv) for lv in levels])
    update_axes(fig, "y", title_text=_(USD))
    _money_axis(fig, "y", df.groupby("confidence")["benefit_usd"].sum())
    return fig
