"""Pure figure builders of the decision-support pages (Prioritization, What changed) and the
financial measures of Costs & benefits: a DataFrame from dashboard/chart_data.py in, a
Plotly figure out. No Streamlit, no queries.

Conventions as dashboard/figures.py: titles and axis titles with units, one colour per
category (dashboard/palette.py, colour-blind-safe), the initiative_id first in
customdata, and an empty DataFrame gives a figure that says so.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard import palette
from dashboard.figures import USD, _layout, _money_axis, empty_figure
from dashboard.formatting import format_ratio, format_usd, format_year
from dashboard.schema import CATEGORIES

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
    names = df["name"] if "name" in df.columns else df["initiative_id"]
    return [f"{n} ({i})" if n != i else str(i) for n, i in zip(names, df["initiative_id"],
                                                               strict=True)]


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
            marker=dict(color=color, pattern=dict(shape=hatch, fgcolor="white", solidity=0.3)),
            customdata=list(zip(d["initiative_id"], d["score"], strict=True)),
            hovertemplate="%{y}<br>" + name + ": %{x:.3f} of score %{customdata[1]:.3f}"
            "<extra></extra>",
        )
    fig.add_scatter(
        x=d["score"], y=labels, mode="text", text=[f"{s:.3f}" for s in d["score"]],
        textposition="middle right", showlegend=False, hoverinfo="skip", cliponaxis=False,
    )
    fig.update_layout(barmode="stack")
    _layout(fig, TITLE_RANKING, height=max(360, 110 + 28 * len(d)))
    fig.update_xaxes(title_text="Score (0 to 1; weights scaled to sum to 1)",
                     range=[0, max(1.0, float(d["score"].max()) * 1.12)])
    fig.update_yaxes(title_text=None, type="category")
    return fig


def cost_benefit_bubble(df: pd.DataFrame) -> go.Figure:
    """One bubble per initiative: cost across, benefit up, size the mean relative value,
    colour the category; the flagged priorities are outlined in black."""
    if df.empty:
        return empty_figure(TITLE_BUBBLE)
    fig = go.Figure()
    for cat in _categories(df):
        d = df[df["category"] == cat]
        v = pd.to_numeric(d["mean_relative_value"], errors="coerce")
        flagged = d["is_priority"].astype(bool).tolist()
        fig.add_scatter(
            x=d["total_cost_usd"], y=d["total_benefit_usd"], mode="markers", name=cat,
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
    fig.add_annotation(text="Black outline = flagged priority · size = mean relative value (1–5)",
                       showarrow=False, x=1, y=0.02, xref="paper", yref="paper",
                       xanchor="right", yanchor="bottom", font=dict(size=12, color="#333333"),
                       bgcolor="rgba(255,255,255,0.8)")
    _layout(fig, TITLE_BUBBLE, height=500)
    fig.update_xaxes(title_text=f"Total cost ({USD})", rangemode="tozero")
    fig.update_yaxes(title_text=f"Total benefit ({USD})", rangemode="tozero")
    _money_axis(fig, "x")
    _money_axis(fig, "y")
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
                            df["initiative_ids"].fillna(""), strict=True)),
        hovertemplate="From %{customdata[0]}: score %{y:.3f}<br>%{customdata[1]} initiatives: "
        "%{customdata[2]}<extra></extra>", showlegend=False,
    )
    if budget is not None:
        fig.add_vline(x=budget, line=dict(color=palette.VERMILLION, dash="dash", width=2))
        if chosen_score is not None:
            fig.add_scatter(
                x=[budget], y=[chosen_score], mode="markers+text", name="Chosen budget",
                marker=dict(color=palette.VERMILLION, size=13, symbol="diamond"),
                text=[f"{format_usd(budget)}: {chosen_score:.3f}"], textposition="top left",
                hovertemplate="Budget %{x:$,.0f}<br>Best score %{y:.3f}<extra></extra>",
            )
    _layout(fig, TITLE_FRONTIER, height=420)
    fig.update_xaxes(title_text=f"Budget ({USD})", rangemode="tozero")
    fig.update_yaxes(title_text="Total score of the best selection", rangemode="tozero")
    _money_axis(fig, "x")
    return fig


def rank_sensitivity(df: pd.DataFrame) -> go.Figure:
    """For each initiative, a bar from its best to its worst rank over the weight grid and
    a dot at its rank under the chosen weights; rank 1 at the top."""
    if df.empty:
        return empty_figure(TITLE_SENSITIVITY)
    d = df.sort_values("rank", ascending=False)
    labels = _label(d)
    colors = {"always": palette.GREEN, "never": palette.GREY}
    bar_colors = [colors.get(str(v).split(" ")[0], palette.ORANGE) for v in d["verdict"]]
    fig = go.Figure()
    fig.add_bar(
        y=labels, x=(d["worst_rank"] - d["best_rank"]).clip(lower=0.15), base=d["best_rank"],
        orientation="h", name="Best to worst rank", marker=dict(color=bar_colors, opacity=0.6),
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
    _layout(fig, TITLE_SENSITIVITY, height=max(360, 110 + 28 * len(d)))
    fig.update_xaxes(title_text="Rank (1 = highest score)", range=[n + 0.5, 0.5], dtick=1)
    fig.update_yaxes(title_text=None, type="category")
    fig.add_annotation(text="green: always in the top eight · orange: depends on the weights · "
                       "grey: never", showarrow=False, x=0, y=-0.02, xref="paper",
                       yref="paper", xanchor="left", yanchor="top",
                       font=dict(size=12, color="#333333"))
    return fig


def cost_change_waterfall(df: pd.DataFrame, before_label: str, after_label: str) -> go.Figure:
    """From the portfolio cost before to after, one step per initiative whose cost changed
    (largest first); added and removed initiatives count in full."""
    if df.empty:
        return empty_figure(TITLE_WATERFALL)
    before_total = float(pd.to_numeric(df["cost_before_usd"], errors="coerce").fillna(0).sum())
    after_total = float(pd.to_numeric(df["cost_after_usd"], errors="coerce").fillna(0).sum())
    steps = df[df["cost_change_usd"].round(6) != 0]
    steps = steps.reindex(steps["cost_change_usd"].abs().sort_values(ascending=False).index)
    names = [f"{n} ({s})" if s in ("added", "removed") else str(n)
             for n, s in zip(steps["name"], steps["status"], strict=True)]
    x = [f"Cost {before_label}", *names, f"Cost {after_label}"]
    y = [before_total, *steps["cost_change_usd"].astype(float), after_total]
    measure = ["absolute", *["relative"] * len(steps), "total"]
    text = [format_usd(before_total),
            *[("+" if v > 0 else "") + format_usd(v) for v in steps["cost_change_usd"]],
            format_usd(after_total)]
    fig = go.Figure(go.Waterfall(
        x=x, y=y, measure=measure, text=text, textposition="outside", cliponaxis=False,
        customdata=["", *steps["initiative_id"], ""],
        increasing=dict(marker=dict(color=palette.VERMILLION)),
        decreasing=dict(marker=dict(color=palette.BLUE)),
        totals=dict(marker=dict(color=palette.GREY)),
        connector=dict(line=dict(color="#999999", width=1)),
        hovertemplate="%{x}<br>%{text}<extra></extra>", name="Cost change",
    ))
    _layout(fig, TITLE_WATERFALL, height=460, legend=False)
    fig.update_xaxes(title_text=None, tickangle=-30)
    fig.update_yaxes(title_text=f"Total cost ({USD})")
    _money_axis(fig, "y")
    return fig


def npv_by_initiative(df: pd.DataFrame, rate: float) -> go.Figure:
    """NPV at the discount rate per initiative, largest first; payback year and benefit-cost
    ratio in the hover."""
    title = f"{TITLE_NPV} at {rate:.1%} (US$)"
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
    _layout(fig, title, height=max(320, 100 + 28 * len(d)), legend=False)
    fig.update_xaxes(title_text=f"Net present value ({USD})")
    fig.update_yaxes(title_text=None, type="category")
    _money_axis(fig, "x")
    return fig
