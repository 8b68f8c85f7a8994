"""Pure figure builders: a DataFrame (from dashboard/chart_data.py) in, a Plotly figure out.

No Streamlit and no queries here. Every figure has a title and axis titles with units,
uses dashboard/palette.py (one colour per category everywhere, colour-blind-safe), and
puts the id a click should filter on (initiative_id or agency_code) first in customdata.
An empty DataFrame gives a figure that says "No data for these filters".
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import palette
from dashboard.formatting import format_ratio, format_share, format_usd
from dashboard.schema import (
    AGENCY_TYPES,
    CATEGORIES,
    COMMITMENT_LEVELS,
    CONFIDENCE_LEVELS,
    CONTRIBUTION_TYPES,
    COST_CATEGORIES,
)

USD = "US dollars"
EMPTY_TEXT = "No data for these filters"
FONT = dict(family="sans-serif", size=13)


def _layout(fig: go.Figure, title: str, *, height: int = 420, legend: bool = True) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", y=0.99, yref="container", yanchor="top"),
        height=height,
        margin=dict(l=10, r=10, t=100 if legend else 60, b=10),
        font=FONT,
        showlegend=legend,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        hoverlabel=dict(font_size=13),
        separators=".,",
        plot_bgcolor="white",
    )
    fig.update_xaxes(showgrid=False, zeroline=False, linecolor="#BBBBBB")
    fig.update_yaxes(gridcolor="#E5E5E5", zerolinecolor="#999999")
    return fig


def _money_axis(fig: go.Figure, axis: str = "y", **kw: object) -> None:
    upd = dict(tickprefix="$", exponentformat="B", separatethousands=True)
    upd.update(kw)
    if axis == "y":
        fig.update_yaxes(**upd)
    else:
        fig.update_xaxes(**upd)


def empty_figure(title: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=EMPTY_TEXT, showarrow=False, x=0.5, y=0.5, xref="paper",
                       yref="paper", font=dict(size=16, color="#555555"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, height=220, legend=False)


def _money(values: pd.Series) -> list[str]:
    return [format_usd(v) for v in values]


# --- overview ---------------------------------------------------------------------------

TITLE_BY_CATEGORY = "Portfolio by category: cost and benefit (US$)"
TITLE_SCATTER = "Cost against benefit, by initiative (US$)"
TITLE_STAGE = "Initiatives at each implementation stage (count)"


def portfolio_by_category(df: pd.DataFrame) -> go.Figure:
    """Cost (solid) and benefit (hatched) bars for each category, in its category colour."""
    if df.empty:
        return empty_figure(TITLE_BY_CATEGORY)
    d = df.iloc[::-1]  # first category on top
    colors = [palette.category_color(c) for c in d["category"]]
    fig = go.Figure()
    fig.add_bar(
        name="Benefit (hatched)", y=d["category"], x=d["total_benefit_usd"], orientation="h",
        marker=dict(color=colors, pattern=dict(fillmode="overlay", shape="/", fgcolor="white", solidity=0.35)),
        text=_money(d["total_benefit_usd"]), textposition="outside", cliponaxis=False,
        hovertemplate="%{y}<br>Benefit: %{text}<extra></extra>",
    )
    fig.add_bar(
        name="Cost (solid)", y=d["category"], x=d["total_cost_usd"], orientation="h",
        marker_color=colors, text=_money(d["total_cost_usd"]), textposition="outside",
        cliponaxis=False, hovertemplate="%{y}<br>Cost: %{text}<extra></extra>",
    )
    fig.update_layout(barmode="group", legend_traceorder="reversed")
    _layout(fig, TITLE_BY_CATEGORY, height=max(360, 120 + 60 * len(d)))
    fig.update_yaxes(title_text="Category", type="category")
    top = float(max(d["total_cost_usd"].max(), d["total_benefit_usd"].max(), 1.0))
    fig.update_xaxes(title_text=USD, range=[0, top * 1.25])  # room for the outside labels
    _money_axis(fig, "x")
    return fig


def cost_benefit_scatter(df: pd.DataFrame) -> go.Figure:
    """One point per initiative, coloured by category; priorities are diamonds."""
    if df.empty:
        return empty_figure(TITLE_SCATTER)
    fig = go.Figure()
    for cat in [c for c in CATEGORIES if c in set(df["category"])] + sorted(
        set(df["category"]) - set(CATEGORIES)
    ):
        d = df[df["category"] == cat]
        fig.add_scatter(
            x=d["total_cost_usd"], y=d["total_benefit_usd"], mode="markers+text",
            name=cat, text=d["initiative_id"], textposition="top center",
            customdata=list(zip(d["initiative_id"], d["name"], _money(d["total_cost_usd"]),
                                _money(d["total_benefit_usd"]),
                                ["priority" if p else "not a priority" for p in d["is_priority"]],
                                strict=True)),
            marker=dict(
                color=palette.category_color(cat), size=14,
                symbol=["diamond" if p else "circle" for p in d["is_priority"]],
                line=dict(color="black", width=[2 if p else 0.5 for p in d["is_priority"]]),
            ),
            hovertemplate="<b>%{customdata[1]}</b> (%{customdata[0]})<br>Cost: %{customdata[2]}"
            "<br>Benefit: %{customdata[3]}<br>%{customdata[4]}<extra></extra>",
        )
    hi = float(max(df["total_cost_usd"].max(), df["total_benefit_usd"].max(), 1.0)) * 1.05
    fig.add_scatter(x=[0, hi], y=[0, hi], mode="lines", name="Break-even (benefit = cost)",
                    line=dict(color="#777777", dash="dot", width=1), hoverinfo="skip")
    fig.add_annotation(text="◆ outlined = priority initiative · ● = other", showarrow=False,
                       x=1, y=0.02, xref="paper", yref="paper", xanchor="right",
                       yanchor="bottom", font=dict(size=12, color="#333333"),
                       bgcolor="rgba(255,255,255,0.8)")
    _layout(fig, TITLE_SCATTER, height=480)
    fig.update_xaxes(title_text=f"Total cost ({USD})", rangemode="tozero")
    fig.update_yaxes(title_text=f"Total benefit ({USD})", rangemode="tozero")
    _money_axis(fig, "x")
    _money_axis(fig, "y")
    return fig


def initiatives_by_stage(df: pd.DataFrame) -> go.Figure:
    if df.empty or int(df["initiatives"].sum()) == 0:
        return empty_figure(TITLE_STAGE)
    fig = go.Figure(
        go.Bar(x=df["stage_label"], y=df["initiatives"], marker_color=palette.BLUE,
               text=df["initiatives"], textposition="outside", name="Initiatives",
               cliponaxis=False,
               hovertemplate="%{x}: %{y} initiative(s)<extra></extra>")
    )
    _layout(fig, TITLE_STAGE, height=380, legend=False)
    fig.update_xaxes(title_text="Implementation stage (A/60/323 steps, in order)")
    fig.update_yaxes(title_text="Number of initiatives", dtick=1, rangemode="tozero")
    return fig


# --- costs & benefits -------------------------------------------------------------------

TITLE_YEAR_CATEGORY = "Cost and benefit by fiscal year, stacked by category (US$)"
TITLE_CUMULATIVE = "Net benefit by year and cumulative (US$)"
TITLE_COST_CATEGORY = "Cost by kind of cost: recurring and one-off (US$)"
TITLE_CONFIDENCE = "Expected benefit by confidence level (US$)"


def cost_benefit_by_year_category(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_YEAR_CATEGORY)
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04)
    cats = [c for c in CATEGORIES if c in set(df["category"])]
    for cat in cats:
        d = df[df["category"] == cat]
        for col, measure in ((1, "cost_usd"), (2, "benefit_usd")):
            fig.add_bar(
                x=d["fiscal_year"], y=d[measure], name=cat, legendgroup=cat,
                showlegend=col == 1, marker_color=palette.category_color(cat),
                customdata=_money(d[measure]),
                hovertemplate=f"{cat}<br>%{{x}}: %{{customdata}}<extra></extra>",
                row=1, col=col,
            )
    fig.update_layout(barmode="stack")
    _layout(fig, TITLE_YEAR_CATEGORY, height=440)
    fig.update_xaxes(title_text="<b>Cost</b> by fiscal year", dtick=1, row=1, col=1)
    fig.update_xaxes(title_text="<b>Benefit</b> by fiscal year", dtick=1, row=1, col=2)
    fig.update_yaxes(title_text=USD, row=1, col=1)
    _money_axis(fig)
    return fig


def cumulative_net(df: pd.DataFrame, payback_year: int | None = None) -> go.Figure:
    """Yearly net benefit as bars, the running total as a line, the payback year marked."""
    if df.empty:
        return empty_figure(TITLE_CUMULATIVE)
    fig = go.Figure()
    fig.add_bar(
        x=df["fiscal_year"], y=df["net_usd"], name="Net benefit in the year",
        marker_color=[palette.BLUE if v >= 0 else palette.VERMILLION for v in df["net_usd"]],
        customdata=_money(df["net_usd"]),
        hovertemplate="%{x}: net %{customdata}<extra></extra>",
    )
    fig.add_scatter(
        x=df["fiscal_year"], y=df["cumulative_net_usd"], mode="lines+markers",
        name="Cumulative net benefit", line=dict(color=palette.BLACK, width=3),
        customdata=_money(df["cumulative_net_usd"]),
        hovertemplate="%{x}: cumulative %{customdata}<extra></extra>",
    )
    if payback_year is not None:
        fig.add_vline(x=payback_year, line=dict(color=palette.GREEN, dash="dash", width=2))
        fig.add_annotation(x=payback_year, y=1, yref="paper", text=f"Payback {payback_year}",
                           showarrow=False, xanchor="left", yanchor="bottom",
                           font=dict(color=palette.GREEN, size=13))
    else:
        fig.add_annotation(x=0, y=1, xref="paper", yref="paper", showarrow=False,
                           text="No payback within these years", xanchor="left",
                           yanchor="bottom", font=dict(color=palette.VERMILLION, size=13))
    _layout(fig, TITLE_CUMULATIVE)
    fig.update_xaxes(title_text="Fiscal year", dtick=1)
    fig.update_yaxes(title_text=USD)
    _money_axis(fig)
    return fig


def cost_by_cost_category(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_COST_CATEGORY)
    order = [c for c in COST_CATEGORIES if c in set(df["cost_category"])]
    fig = go.Figure()
    for rec in ("recurring", "one-off"):
        d = df[df["recurrence"] == rec].set_index("cost_category").reindex(order)
        fig.add_bar(
            x=order, y=d["cost_usd"].fillna(0), name=rec.capitalize(),
            marker=dict(color=palette.RECURRENCE_COLORS[rec],
                        pattern=dict(fillmode="overlay", shape="" if rec == "recurring" else "x",
                                     fgcolor="white", solidity=0.3)),
            customdata=_money(d["cost_usd"].fillna(0)),
            hovertemplate=f"%{{x}} ({rec}): %{{customdata}}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    _layout(fig, TITLE_COST_CATEGORY)
    fig.update_xaxes(title_text="Kind of cost")
    fig.update_yaxes(title_text=USD)
    _money_axis(fig)
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
                x=[lv.capitalize() for lv in levels], y=d["benefit_usd"].fillna(0),
                name=bc.replace("_", " ").capitalize(), marker_color=color,
                customdata=_money(d["benefit_usd"].fillna(0)),
                hovertemplate=f"{bc.replace('_', ' ')}<br>%{{x}} confidence: %{{customdata}}"
                "<extra></extra>",
            )
    fig.update_layout(barmode="stack")
    _layout(fig, TITLE_CONFIDENCE)
    fig.update_xaxes(title_text="Confidence in the estimate")
    fig.update_yaxes(title_text=USD)
    _money_axis(fig)
    return fig


# --- agency commitment ------------------------------------------------------------------

TITLE_MATRIX = "Commitment of each organization to each initiative"
TITLE_VALUE = "Relative value of each initiative to each organization (1 = low, 5 = high)"
TITLE_BY_AGENCY = "What each organization committed and pledged (US$)"
TITLE_LEVELS = "Organizations at each commitment level, by initiative (count)"


def _agency_order(df: pd.DataFrame) -> list[str]:
    """Organizations grouped by type (contract order), then by code."""
    rank = {t: i for i, t in enumerate(AGENCY_TYPES)}
    a = df[["agency_code", "agency_type"]].drop_duplicates()
    a = a.assign(r=a["agency_type"].map(rank).fillna(len(rank)))
    return list(a.sort_values(["r", "agency_code"])["agency_code"])


def _agency_labels(df: pd.DataFrame, order: list[str]) -> list[str]:
    types = dict(zip(df["agency_code"], df["agency_type"], strict=False))
    return [f"{a} · {types.get(a, '').replace('_', ' ')}" for a in order]


def commitment_matrix(df: pd.DataFrame) -> go.Figure:
    """A grid of squares (organization × initiative) coloured by commitment level."""
    if df.empty:
        return empty_figure(TITLE_MATRIX)
    order = _agency_order(df)
    labels = dict(zip(order, _agency_labels(df, order), strict=True))
    inits = sorted(df["initiative_id"].unique())
    fig = go.Figure()
    for level in COMMITMENT_LEVELS:
        d = df[df["commitment_level"] == level]
        fig.add_scatter(
            x=d["initiative_id"], y=[labels[a] for a in d["agency_code"]], mode="markers",
            name=level, marker=dict(symbol="square", size=22, color=palette.LEVEL_COLORS[level],
                                    line=dict(color="#555555", width=1)),
            customdata=list(zip(d["agency_code"], d["initiative_id"], d["agency_name"],
                                d["initiative_name"], _money(d["pledged_usd"]),
                                d["relative_value"], strict=True)),
            hovertemplate="<b>%{customdata[2]}</b> → %{customdata[3]}<br>"
            f"Level: {level}<br>Pledged: %{{customdata[4]}}<br>Relative value: %{{customdata[5]}}"
            "<extra></extra>",
        )
    height = max(320, 60 + 30 * len(order))
    _layout(fig, TITLE_MATRIX, height=height)
    fig.update_xaxes(title_text="Initiative", categoryorder="array", categoryarray=inits,
                     type="category", tickangle=-45)
    fig.update_yaxes(title_text="Organization · type", categoryorder="array",
                     categoryarray=[labels[a] for a in reversed(order)], type="category",
                     gridcolor="#F0F0F0")
    fig.update_layout(legend_title_text="Commitment level")
    return fig


def relative_value_matrix(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_VALUE)
    order = _agency_order(df)
    labels = dict(zip(order, _agency_labels(df, order), strict=True))
    inits = sorted(df["initiative_id"].unique())
    fig = go.Figure(
        go.Scatter(
            x=df["initiative_id"], y=[labels[a] for a in df["agency_code"]], mode="markers+text",
            text=df["relative_value"].astype(str),
            textfont=dict(color=["black" if v >= 4 else "white" for v in df["relative_value"]],
                          size=11),
            marker=dict(symbol="square", size=22, color=df["relative_value"], cmin=1, cmax=5,
                        colorscale=palette.RELATIVE_VALUE_SCALE, showscale=True,
                        colorbar=dict(title="Value (1–5)", tickvals=[1, 2, 3, 4, 5])),
            customdata=list(zip(df["agency_code"], df["initiative_id"], df["agency_name"],
                                df["initiative_name"], strict=True)),
            hovertemplate="<b>%{customdata[2]}</b> → %{customdata[3]}<br>"
            "Relative value: %{marker.color}<extra></extra>",
            name="Relative value",
        )
    )
    _layout(fig, TITLE_VALUE, height=max(320, 60 + 30 * len(order)), legend=False)
    fig.update_xaxes(title_text="Initiative", categoryorder="array", categoryarray=inits,
                     type="category", tickangle=-45)
    fig.update_yaxes(title_text="Organization · type", categoryorder="array",
                     categoryarray=[labels[a] for a in reversed(order)], type="category")
    return fig


def commitment_by_agency(df: pd.DataFrame) -> go.Figure:
    """Pledged amount per organization (bars, colour by type), committed count as text."""
    if df.empty:
        return empty_figure(TITLE_BY_AGENCY)
    d = df.iloc[::-1]
    fig = go.Figure()
    for t in [t for t in AGENCY_TYPES if t in set(d["agency_type"])]:
        s = d[d["agency_type"] == t]
        fig.add_bar(
            y=s["agency_code"], x=s["pledged_usd"], orientation="h",
            name=t.replace("_", " "), marker_color=palette.AGENCY_TYPE_COLORS[t],
            text=[f"{format_usd(p)} · {n} committed" for p, n in
                  zip(s["pledged_usd"], s["initiatives_committed"], strict=True)],
            textposition="outside", cliponaxis=False,
            customdata=list(zip(s["agency_code"], s["agency_name"],
                                s["initiatives_committed"], _money(s["pledged_usd"]),
                                strict=True)),
            hovertemplate="<b>%{customdata[1]}</b><br>Pledged: %{customdata[3]}<br>"
            "Initiatives committed or leading: %{customdata[2]}<extra></extra>",
        )
    _layout(fig, TITLE_BY_AGENCY, height=max(320, 60 + 28 * len(d)))
    fig.update_yaxes(title_text="Organization", type="category", categoryorder="array",
                     categoryarray=list(d["agency_code"]))
    fig.update_xaxes(title_text=f"Pledged ({USD})",
                     range=[0, float(max(d["pledged_usd"].max(), 1.0)) * 1.45])
    _money_axis(fig, "x")
    fig.update_layout(legend_title_text="Type")
    return fig


def commitment_levels_by_initiative(df: pd.DataFrame) -> go.Figure:
    if df.empty or int(df["organizations"].sum()) == 0:
        return empty_figure(TITLE_LEVELS)
    inits = sorted(df["initiative_id"].unique(), reverse=True)
    fig = go.Figure()
    for level in COMMITMENT_LEVELS:
        d = df[df["commitment_level"] == level].set_index("initiative_id").reindex(inits)
        fig.add_bar(
            y=inits, x=d["organizations"].fillna(0), orientation="h", name=level,
            marker=dict(color=palette.LEVEL_COLORS[level], line=dict(color="#555555", width=0.5)),
            customdata=list(zip(inits, d["initiative_name"].fillna(""), strict=True)),
            hovertemplate=f"%{{customdata[1]}}<br>{level}: %{{x}} organization(s)<extra></extra>",
        )
    fig.update_layout(barmode="stack", legend_title_text="Commitment level")
    _layout(fig, TITLE_LEVELS, height=max(320, 60 + 28 * len(inits)))
    fig.update_xaxes(title_text="Number of organizations", dtick=1)
    fig.update_yaxes(title_text="Initiative", type="category")
    return fig


# --- funding -----------------------------------------------------------------------------

TITLE_DONORS = "Contributions by donor: paid and pledged (US$)"
TITLE_DONOR_TYPE = "Contributions by kind of donor (US$)"
TITLE_BY_YEAR = "Contributions by year: paid and pledged (US$)"
TITLE_BY_TYPE = "Cash, in-kind and host-country contributions (US$)"
TITLE_SHARE = "Share of paid contributions: the five largest donors"
TITLE_GAP = "Funding of each initiative against its target (US$)"


def _paid_pledged_bars(fig: go.Figure, x: list, paid: pd.Series, pledged: pd.Series, *,
                       horizontal: bool = False) -> None:
    """Paid (solid) and pledged (hatched) side by side: a pledge is never added to paid."""
    for status, values in (("paid", paid), ("pledged", pledged)):
        kw = dict(y=x, x=values, orientation="h") if horizontal else dict(x=x, y=values)
        fig.add_bar(
            name=status.capitalize() + (" (promised, not yet paid)" if status == "pledged" else ""),
            marker=dict(color=palette.STATUS_COLORS[status],
                        pattern=dict(fillmode="overlay", shape=palette.STATUS_PATTERNS[status], fgcolor="white",
                                     solidity=0.3)),
            customdata=_money(values),
            hovertemplate=f"%{{{'y' if horizontal else 'x'}}}<br>{status}: %{{customdata}}"
            "<extra></extra>",
            **kw,
        )
    fig.update_layout(barmode="group")


def donors(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_DONORS)
    d = df.iloc[::-1]
    fig = go.Figure()
    _paid_pledged_bars(fig, list(d["donor"]), d["paid_usd"], d["pledged_usd"], horizontal=True)
    _layout(fig, TITLE_DONORS, height=max(340, 80 + 34 * len(d)))
    fig.update_yaxes(title_text="Donor", type="category", categoryorder="array",
                     categoryarray=list(d["donor"]))
    fig.update_xaxes(title_text=USD)
    _money_axis(fig, "x")
    return fig


def contributions_by_donor_type(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_DONOR_TYPE)
    fig = go.Figure()
    _paid_pledged_bars(fig, [t.replace("_", " ") for t in df["donor_type"]], df["paid_usd"],
                       df["pledged_usd"])
    _layout(fig, TITLE_DONOR_TYPE)
    fig.update_xaxes(title_text="Kind of donor")
    fig.update_yaxes(title_text=USD)
    _money_axis(fig)
    return fig


def contributions_by_year(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_BY_YEAR)
    fig = go.Figure()
    _paid_pledged_bars(fig, list(df["year"]), df["paid_usd"], df["pledged_usd"])
    _layout(fig, TITLE_BY_YEAR)
    fig.update_xaxes(title_text="Year of the contribution", dtick=1)
    fig.update_yaxes(title_text=USD)
    _money_axis(fig)
    return fig


def contributions_by_type(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_BY_TYPE)
    order = [t for t in CONTRIBUTION_TYPES if t in set(df["contribution_type"])]
    d = df.set_index("contribution_type").reindex(order)
    fig = go.Figure()
    _paid_pledged_bars(fig, [t.replace("_", "-") for t in order], d["paid_usd"], d["pledged_usd"])
    _layout(fig, TITLE_BY_TYPE)
    fig.update_xaxes(title_text="Kind of contribution")
    fig.update_yaxes(title_text=USD)
    _money_axis(fig)
    return fig


def top_donor_share(df: pd.DataFrame) -> go.Figure:
    if df.empty or df["paid_usd"].sum() <= 0:
        return empty_figure(TITLE_SHARE)
    colors = [palette.OTHER_COLOR if str(n).startswith("All other donors") else
              palette.OKABE_ITO[i % len(palette.OKABE_ITO)] for i, n in enumerate(df["donor"])]
    fig = go.Figure(
        go.Pie(labels=df["donor"], values=df["paid_usd"], hole=0.5, sort=False,
               marker=dict(colors=colors, line=dict(color="white", width=1)),
               customdata=list(zip(_money(df["paid_usd"]),
                                   [format_share(s) for s in df["share_of_paid"]], strict=True)),
               hovertemplate="%{label}<br>Paid: %{customdata[0]}<br>Share: %{customdata[1]}"
               "<extra></extra>",
               textinfo="percent", direction="clockwise")
    )
    _layout(fig, TITLE_SHARE, height=400)
    fig.update_layout(legend=dict(orientation="v", x=1.02, xanchor="left", y=0.5))
    return fig


def funding_gap(df: pd.DataFrame) -> go.Figure:
    """Per initiative: agency pledges, paid contributions and the remaining gap, stacked;
    the target as a marker."""
    if df.empty:
        return empty_figure(TITLE_GAP)
    d = df.iloc[::-1]
    ids = list(d["initiative_id"])
    fig = go.Figure()
    parts = (
        ("agency_pledged_usd", "Pledged by organizations", palette.GREEN, ""),
        ("paid_contributions_usd", "Paid contributions", palette.BLUE, ""),
        ("funding_gap_usd", "Funding gap", palette.VERMILLION, "/"),
    )
    for col, name, color, pattern in parts:
        fig.add_bar(
            y=ids, x=d[col], orientation="h", name=name,
            marker=dict(color=color, pattern=dict(fillmode="overlay", shape=pattern, fgcolor="white", solidity=0.3)),
            customdata=list(zip(ids, d["name"], _money(d[col]), strict=True)),
            hovertemplate=f"<b>%{{customdata[1]}}</b><br>{name}: %{{customdata[2]}}<extra></extra>",
        )
    t = d[d["funding_target_usd"].notna()]
    fig.add_scatter(
        y=list(t["initiative_id"]), x=t["funding_target_usd"], mode="markers", name="Target",
        marker=dict(symbol="line-ns-open", size=26, color=palette.BLACK, line=dict(width=3)),
        customdata=list(zip(t["initiative_id"], t["name"], _money(t["funding_target_usd"]),
                            strict=True)),
        hovertemplate="<b>%{customdata[1]}</b><br>Target: %{customdata[2]}<extra></extra>",
    )
    fig.update_layout(barmode="stack")
    _layout(fig, TITLE_GAP, height=max(340, 80 + 30 * len(d)))
    fig.update_yaxes(title_text="Initiative", type="category", categoryorder="array",
                     categoryarray=ids)
    fig.update_xaxes(title_text=USD)
    _money_axis(fig, "x")
    return fig


# --- initiative detail -------------------------------------------------------------------

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
    fig.update_layout(barmode="stack")
    _layout(fig, TITLE_DETAIL_COST, height=380)
    fig.update_xaxes(title_text="Fiscal year", dtick=1)
    fig.update_yaxes(title_text=USD)
    _money_axis(fig)
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
    fig.update_layout(barmode="stack")
    _layout(fig, TITLE_DETAIL_BENEFIT, height=380)
    fig.update_xaxes(title_text="Fiscal year", dtick=1)
    fig.update_yaxes(title_text=USD)
    _money_axis(fig)
    return fig


__all__ = ["format_ratio"]
