"""Pure figure builders of the decision-support pages (Prioritization, What changed) and the
financial measures of Costs & benefits: a DataFrame from dashboard/query/chart_data.py in, a
Plotly figure out. No Streamlit, no queries.

Conventions as dashboard/charts/figures.py: titles and axis titles with units, one colour per
category (dashboard/charts/palette.py, colour-blind-safe), the initiative_id first in
customdata, and an empty DataFrame gives a figure that says so.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import palette
from dashboard.charts.figure_layout import update_axes, update_layout
from dashboard.charts.figures import (
    USD,
    _layout,
    _money_axis,
    category_ticks,
    empty_figure,
    initiative_labels,
    label_positions,
    wrap,
)
from dashboard.contract.labels import initiative_label
from dashboard.contract.schema import CATEGORIES
from dashboard.formatting import (
    format_percent,
    format_ratio,
    format_usd,
    format_usd_change,
    format_year,
)

TITLE_RANKING = "Priority score by initiative: each factor's share of the score"
TITLE_BUBBLE = "Cost against benefit (bubble size: mean relative value to organizations)"
TITLE_FRONTIER = "Efficient frontier: best total score reachable at each budget"
TITLE_SENSITIVITY = "How stable is each rank? Best to worst rank as the weights move"
TITLE_WATERFALL = "Portfolio cost change by initiative (US$)"
TITLE_NPV = "Net present value by initiative"

FACTOR_TRACES = (
    # column, legend name, colour, hatch (told apart by pattern as well as colour)
    ("cost_contribution", "Low cost", palette.VERMILLION, ""),
    ("benefit_contribution", "Benefit", palette.BLUE, "/"),
    ("value_contribution", "Value to organizations", palette.GREEN, "."),
)


def _label(df: pd.DataFrame) -> list[str]:
    """The initiative as charts name it, short name and code (labels.initiative_label),
    within 18 characters (a rank "#12 " goes before it; a phone keeps room for the bars
    and their labels); the code keeps every label one initiative's."""
    return initiative_labels(df, 18)


def _categories(df: pd.DataFrame) -> list[str]:
    present = set(df["category"])
    return [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))


def priority_ranking(df: pd.DataFrame) -> go.Figure:
    """Horizontal stacked bars in rank order (rank 1 on top): the three weighted factors,
    which add up to the score."""
    if df.empty:
        return empty_figure(TITLE_RANKING)
    d = df.sort_values("rank", ascending=False)  # plotly draws the first category lowest
    labels = [f"#{r} {lab}" for r, lab in zip(d["rank"], _label(d), strict=True)]
    fig = go.Figure()
    for col, name, color, hatch in FACTOR_TRACES:
        fig.add_bar(
            name=name, y=labels, x=d[col], orientation="h",
            # a pattern needs a solid fill behind it ("overlay"), or the part and its legend
            # swatch vanish (fillmode "replace" draws white hatching on nothing)
            marker=dict(color=color, line=dict(color="white", width=0.5),
                        pattern=dict(fillmode="overlay", shape=hatch, fgcolor="white",
                                     solidity=0.3)),
            customdata=list(zip(d["initiative_id"], d["score"], strict=True)),
            hovertemplate="%{y}<br>" + name + ": %{x:.3f} of score %{customdata[1]:.3f}"
            "<extra></extra>",
        )
    # the total once, at the bar's end
    fig.add_scatter(
        x=d["score"], y=labels, mode="text", text=[f" {s:.3f}" for s in d["score"]],
        textposition="middle right", showlegend=False, hoverinfo="skip", cliponaxis=False,
        name="Score",
    )
    update_layout(fig, barmode="stack", legend_traceorder="normal")  # as the parts, left to right
    _layout(fig, TITLE_RANKING, height=max(260, 70 + 28 * len(d)))
    update_axes(fig, "x", title_text="Score (0 to 1)",
                range=[0, max(1.0, float(d["score"].max())) * 1.22], dtick=0.5,
                tickformat=".1f")
    update_axes(fig, "y", title_text=None, type="category")
    return fig


def cost_benefit_bubble(df: pd.DataFrame) -> go.Figure:
    """One bubble per initiative: cost across, benefit up, size the mean relative value,
    colour the category; the flagged priorities are outlined in black (a legend entry says
    so). The largest initiatives are labelled where the labels do not overlap."""
    if df.empty:
        return empty_figure(TITLE_BUBBLE)
    fig = go.Figure()
    hi_x = float(max(df["total_cost_usd"].max(), 1.0)) * 1.12
    hi_y = float(max(df["total_benefit_usd"].max(), 1.0)) * 1.15
    size_order = list((df["total_cost_usd"].fillna(0) + df["total_benefit_usd"].fillna(0))
                      .reset_index(drop=True).sort_values(ascending=False).index)
    labelled = label_positions(list(df["total_cost_usd"]), list(df["total_benefit_usd"]),
                               list(df["initiative_id"]), x_range=(0, hi_x), y_range=(0, hi_y),
                               order=size_order, limit=6)
    df = df.assign(_label=[i if keep else "" for i, keep in
                           zip(df["initiative_id"], labelled, strict=True)])
    for cat in _categories(df):
        d = df[df["category"] == cat]
        v = pd.to_numeric(d["mean_relative_value"], errors="coerce")
        flagged = d["is_priority"].astype(bool).tolist()
        fig.add_scatter(
            x=d["total_cost_usd"], y=d["total_benefit_usd"], mode="markers+text", name=cat,
            text=d["_label"], textposition="top center", cliponaxis=False,
            marker=dict(
                color=palette.category_color(cat),
                size=[8 + 8 * x if not math.isnan(x) else 8 for x in v],  # 1..5 -> 16..48 px
                sizemode="diameter", opacity=0.8,
                line=dict(color=["black" if p else "white" for p in flagged],
                          width=[3 if p else 1 for p in flagged]),
            ),
            customdata=list(zip(d["initiative_id"], d["name"],
                                [format_usd(x) for x in d["total_cost_usd"]],
                                [format_usd(x) for x in d["total_benefit_usd"]],
                                ["—" if math.isnan(x) else f"{x:.2f}" for x in v],
                                ["flagged priority" if p else "not flagged" for p in flagged],
                                d["rank"] if "rank" in d.columns else [None] * len(d),
                                strict=True)),
            hovertemplate="<b>%{customdata[1]}</b> (%{customdata[0]}), rank %{customdata[6]}"
            "<br>Cost: %{customdata[2]}<br>Benefit: %{customdata[3]}"
            "<br>Mean relative value: %{customdata[4]} of 5<br>%{customdata[5]}<extra></extra>",
        )
    if df["is_priority"].astype(bool).any():
        fig.add_scatter(x=[None], y=[None], mode="markers", name="Flagged priority (black outline)",
                        marker=dict(color="white", size=14, line=dict(color="black", width=3)),
                        hoverinfo="skip")
    _layout(fig, TITLE_BUBBLE, height=440)
    update_axes(fig, "x", title_text=f"Total cost ({USD})", range=[-0.06 * hi_x, hi_x])
    update_axes(fig, "y", title_text=f"Total benefit ({USD})", range=[-0.06 * hi_y, hi_y])
    _money_axis(fig, "x", [0, hi_x])
    _money_axis(fig, "y", [0, hi_y])
    return fig


def efficient_frontier(df: pd.DataFrame, budget: float | None = None,
                       chosen_score: float | None = None) -> go.Figure:
    """The frontier as a step line (the best score holds until the next step's budget),
    with the chosen budget marked."""
    if df.empty:
        return empty_figure(TITLE_FRONTIER)
    x = list(df["budget_usd"])
    y = list(df["total_score"])
    right = max(x[-1], budget or 0.0) * 1.05 or 1.0
    fig = go.Figure()
    fig.add_scatter(
        x=[*x, right], y=[*y, y[-1]], mode="lines", line_shape="hv", name="Best total score",
        line=dict(color=palette.BLUE, width=2), hoverinfo="skip",
    )
    fig.add_scatter(
        x=x, y=y, mode="markers", name="Steps", marker=dict(color=palette.BLUE, size=6),
        customdata=list(zip([format_usd(v) for v in x], df["initiatives"],
                            [wrap(str(t), 60) for t in df["initiative_ids"].fillna("")],
                            strict=True)),
        hovertemplate="From %{customdata[0]}: score %{y:.3f}<br>%{customdata[1]} initiatives: "
        "%{customdata[2]}<extra></extra>", showlegend=False,
    )
    if budget is not None:
        fig.add_vline(x=budget, line=dict(color=palette.VERMILLION, dash="dash", width=2))
        if chosen_score is not None:
            fig.add_scatter(
                x=[budget], y=[chosen_score], mode="markers+text", name="Chosen budget",
                marker=dict(color=palette.VERMILLION, size=13, symbol="diamond"),
                text=[f"{format_usd(budget)}: {chosen_score:.3f}"],
                textposition="top left" if budget > right / 2 else "top right",
                cliponaxis=False, customdata=[format_usd(budget)],
                hovertemplate="Budget %{customdata}<br>Best score %{y:.3f}<extra></extra>",
            )
    _layout(fig, TITLE_FRONTIER, height=360)
    update_axes(fig, "x", title_text=f"Budget ({USD})", range=[0, right])
    update_axes(fig, "y", title_text="Total score of the best selection",
                range=[0, max(y[-1], chosen_score or 0.0, 0.1) * 1.18])
    _money_axis(fig, "x", [0, right])
    return fig


def rank_sensitivity(df: pd.DataFrame) -> go.Figure:
    """For each initiative, a bar from its best to its worst rank over the weight grid and
    a dot at its rank under the chosen weights; rank 1 at the top. The colour key is in the
    axis title (never on the axis numbers)."""
    if df.empty:
        return empty_figure(TITLE_SENSITIVITY)
    d = df.sort_values("rank", ascending=False)
    labels = _label(d)
    colors = {"always": palette.GREEN, "never": palette.GREY}
    bar_colors = [colors.get(str(v).split(" ")[0], palette.ORANGE) for v in d["verdict"]]
    fig = go.Figure()
    fig.add_bar(
        y=labels, x=(d["worst_rank"] - d["best_rank"]).clip(lower=0.15), base=d["best_rank"],
        orientation="h", name="Best to worst rank", marker=dict(color=bar_colors, opacity=0.75),
        customdata=list(zip(d["initiative_id"], d["best_rank"], d["worst_rank"], d["verdict"],
                            d["most_sensitive_to"], strict=True)),
        hovertemplate="%{y}<br>Ranks %{customdata[1]} to %{customdata[2]}<br>%{customdata[3]}"
        "<br>Most sensitive to the %{customdata[4]} weight<extra></extra>",
    )
    fig.add_scatter(
        y=labels, x=d["rank"], mode="markers", name="Rank at the chosen weights",
        marker=dict(color=palette.BLACK, size=10, symbol="diamond"),
        customdata=d["initiative_id"], hovertemplate="%{y}: rank %{x}<extra></extra>",
    )
    n = int(d["worst_rank"].max())
    _layout(fig, TITLE_SENSITIVITY, height=max(280, 110 + 28 * len(d)))
    update_axes(
        fig, "x",
        title_text="Rank (1 = highest score)<br><span style='font-size:12px'>"
        "green bar: always in the top eight<br>orange: depends on the weights<br>"
        "grey: never in the top eight</span>",
        range=[n + 0.5, 0.5], tickmode="linear", tick0=1, dtick=max(1, math.ceil(n / 8)))
    update_axes(fig, "y", title_text=None, type="category")
    return fig


def cost_change_waterfall(df: pd.DataFrame, before_label: str, after_label: str,
                          labelled_steps: int = 8) -> go.Figure:
    """From the portfolio cost before to after, one step per initiative whose cost changed
    (largest first); added and removed initiatives count in full. The axis starts near the
    smallest running total (not at 0: the steps are what matter), and says so; the totals
    and the `labelled_steps` largest steps carry their amount (the hover has every one)."""
    if df.empty:
        return empty_figure(TITLE_WATERFALL)
    before_total = float(pd.to_numeric(df["cost_before_usd"], errors="coerce").fillna(0).sum())
    after_total = float(pd.to_numeric(df["cost_after_usd"], errors="coerce").fillna(0).sum())
    steps = df[df["cost_change_usd"].round(6) != 0]
    steps = steps.reindex(steps["cost_change_usd"].abs().sort_values(ascending=False).index)
    names = [initiative_label(i, n, 15) + f" ({s})" if s in ("added", "removed") else
             initiative_label(i, n, 24)
             for i, n, s in zip(steps["initiative_id"], steps["name"], steps["status"],
                                strict=True)]
    x = [f"Cost {before_label}", *names, f"Cost {after_label}"]
    changes = [float(v) for v in steps["cost_change_usd"]]
    y = [before_total, *changes, after_total]
    measure = ["absolute", *["relative"] * len(steps), "total"]
    text = [format_usd(before_total), *[format_usd_change(v) for v in changes],
            format_usd(after_total)]
    shown = [True, *[i < labelled_steps for i in range(len(changes))], True]
    running = [before_total]
    for v in changes:
        running.append(running[-1] + v)
    running.append(after_total)
    lo, hi = min(running), max(running)
    span = (hi - lo) or max(abs(hi), 1.0) * 0.1
    axis_lo = max(0.0, lo - 0.6 * span) if lo >= 0 else lo - 0.6 * span
    fig = go.Figure(go.Waterfall(
        x=x, y=y, measure=measure, text=[t if s else "" for t, s in zip(text, shown,
                                                                       strict=True)],
        textposition="outside", cliponaxis=False, textangle=-90 if len(x) > 6 else 0,
        customdata=[["", text[0]], *[[i, t] for i, t in zip(steps["initiative_id"], text[1:-1],
                                                            strict=True)], ["", text[-1]]],
        increasing=dict(marker=dict(color=palette.VERMILLION)),
        decreasing=dict(marker=dict(color=palette.BLUE)),
        totals=dict(marker=dict(color=palette.GREY)),
        connector=dict(line=dict(color="#999999", width=1)),
        hovertemplate="%{x}<br>%{customdata[1]}<extra></extra>", name="Cost change",
    ))
    _layout(fig, TITLE_WATERFALL, height=440, legend=False)
    update_axes(fig, "x", title_text=None)
    category_ticks(fig, x)
    update_axes(
        fig, "y",
        title_text=f"Total cost ({USD})" + ("" if axis_lo == 0 else "<br>axis not from 0"),
        range=[axis_lo, hi + 0.75 * span])
    _money_axis(fig, "y", [axis_lo, hi + 0.75 * span], lo=axis_lo)
    return fig


def npv_by_initiative(df: pd.DataFrame, rate: float) -> go.Figure:
    """NPV at the discount rate per initiative, largest first; payback year and benefit-cost
    ratio in the hover. The axis leaves room on both sides for the outside labels."""
    title = f"{TITLE_NPV} at {format_percent(rate)} (US$)"
    if df.empty:
        return empty_figure(title)
    d = df.sort_values(["npv_usd", "initiative_id"], ascending=[True, False])
    colors = [palette.BLUE if v >= 0 else palette.VERMILLION for v in d["npv_usd"]]
    fig = go.Figure()
    fig.add_bar(
        y=_label(d), x=d["npv_usd"], orientation="h", marker_color=colors, name="NPV",
        text=[format_usd(v) for v in d["npv_usd"]], textposition="outside", cliponaxis=False,
        customdata=list(zip(d["initiative_id"], [format_year(v) for v in d["payback_year"]],
                            [format_ratio(v) for v in d["benefit_cost_ratio"]], strict=True)),
        hovertemplate="%{y}<br>NPV: %{text}<br>Payback year: %{customdata[1]}"
        "<br>Benefit-cost ratio: %{customdata[2]}<extra></extra>",
    )
    _layout(fig, title, height=max(260, 70 + 28 * len(d)), legend=False)
    values = pd.to_numeric(d["npv_usd"], errors="coerce").fillna(0)
    lo, hi = min(0.0, float(values.min())), max(0.0, float(values.max()))
    span = (hi - lo) or 1.0
    left = lo - 0.55 * span if lo < 0 else 0.0
    update_axes(fig, "x", title_text=f"Net present value ({USD})",
                range=[left, hi + 0.55 * span])
    update_axes(fig, "y", title_text=None, type="category")
    _money_axis(fig, "x", [lo, hi], lo=lo)
    return fig
