"""Pure figure builders: a DataFrame (from dashboard/query/chart_data.py) in, a Plotly figure out.

No Streamlit and no queries here. Every figure has a title and axis titles with units,
uses dashboard/charts/palette.py (one colour per category everywhere, colour-blind-safe), and
puts the id a click should filter on (initiative_id or agency_code) first in customdata.
An empty DataFrame gives a figure that says "No data for these filters".
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts import palette
from dashboard.charts.figure_layout import update_axes, update_layout
from dashboard.charts.figure_margins import legend_names
from dashboard.contract.schema import (
    AGENCY_TYPES,
    CATEGORIES,
    COMMITMENT_LEVELS,
    CONFIDENCE_LEVELS,
    CONTRIBUTION_TYPES,
    COST_CATEGORIES,
)
from dashboard.formatting import (
    format_share,
    format_usd,
    money_ticks,
    nice_step,
)

USD = "US dollars"
EMPTY_TEXT = "No data for these filters"
FONT = dict(family="sans-serif", size=13, color="#1F2933")
SAMPLE_MARK = "Illustrative sample data"
SAMPLE_MARK_COLOR = "#8A3B00"  # dark orange: 7.5:1 on white

# The layout pattern every figure shares (see `_layout`), sized for the narrowest screen
# the dashboard supports (a 390-px phone: about 330 px of chart width), so nothing is
# clipped or piled up there and the desktop only gains room:
TOP_BAND = 30  # px kept free at the top: the chart toolbar (right), the sample mark (left)
TITLE_LINE = 21  # px per line of the title
TITLE_CHARS = 40  # the title wraps after about this many characters
LEGEND_ROW = 24  # px per row of a horizontal legend
# px under the legend's rows: its own padding, and the room Plotly keeps there for the top
# axis label (less than this and the browser draws the chart a second time to make room)
LEGEND_PAD = 20
COLORBAR_HEIGHT = 44  # px a horizontal colour key takes in the legend's place
RIGHT = 16  # px right of the plot
NARROW_WIDTH = 320  # px of legend width counted on a phone
LABEL_CHARS = 28  # category labels (initiative names) are shortened to this; hover has all


def wrap(text: str, width: int = TITLE_CHARS) -> str:
    """Plotly does not wrap text: break it into lines of about `width` characters."""
    lines = textwrap.wrap(text, width=width, break_long_words=True) or [""]
    return "<br>".join(lines)


def short(text: object, width: int = LABEL_CHARS) -> str:
    """A label shortened with an ellipsis to fit beside an axis (the hover keeps it whole)."""
    t = str(text)
    return t if len(t) <= width else t[: width - 1].rstrip() + "…"


def legend_rows(names: list[str], title: str | None = None,
                width: int = NARROW_WIDTH) -> int:
    """How many rows a horizontal legend takes on a phone (entries are packed left to
    right; an entry is its swatch, about 7.5 px a character, and a gap)."""
    rows, used = 1, len(title) * 7.5 + 10 if title else 0.0
    for name in names:
        w = 46 + 7.5 * len(name)
        if used and used + w > width:
            rows += 1
            used = 0.0
        used += w
    return rows


def _layout(fig: go.Figure, title: str, *, height: int = 420, legend: bool = True,
            legend_title: str | None = None, key_height: int | None = None) -> go.Figure:
    """The shared layout: a wrapped title under the top band, the legend (horizontal)
    under the title and above the plot, never on the data; margins that grow with the axis
    labels (automargin); outside labels not clipped. `height` is the plot's own height
    plus the axes (the title and legend add to it). key_height: the px a colour key in
    the legend's place takes (instead of the legend's rows)."""
    title_lines = wrap(title).count("<br>") + 1
    top = TOP_BAND + TITLE_LINE * title_lines + 8
    rows = 0
    if legend:
        rows = legend_rows(legend_names(fig), legend_title)
    legend_top = top
    key = key_height if key_height is not None else LEGEND_ROW * rows
    top += key + (LEGEND_PAD if key else 0)
    total = int(height + top)
    update_layout(
        fig,
        title=dict(text=wrap(title), x=0, xanchor="left", xref="container",
                   y=1 - (TOP_BAND - 4) / total, yref="container", yanchor="top",
                   font=dict(size=16), pad=dict(l=4)),
        height=total,
        margin=dict(l=10, r=RIGHT, t=top, b=10, autoexpand=True),
        font=FONT,
        showlegend=legend,
        legend=dict(orientation="h", xref="container", x=0, xanchor="left", yref="container",
                    y=1 - legend_top / total, yanchor="top", bgcolor="rgba(0,0,0,0)",
                    font=dict(color="#1F2933"),
                    title=dict(text=legend_title, side="left", font=dict(color="#333333"))
                    if legend_title else None),
        hoverlabel=dict(font_size=13),
        separators=".,",
        plot_bgcolor="white",
        paper_bgcolor="white",
        uniformtext=dict(minsize=10, mode="hide"),
    )
    axis_text = dict(tickfont=dict(color="#333333"), title_font=dict(color="#333333"))
    update_axes(fig, "x", showgrid=False, zeroline=False, linecolor="#BBBBBB", automargin=True,
                **axis_text)
    update_axes(fig, "y", gridcolor="#E5E5E5", zerolinecolor="#999999", automargin=True,
                **axis_text)
    return fig


def _money_axis(fig: go.Figure, axis: str = "y", values: object = None, *,
                lo: float | None = None, **kw: object) -> None:
    """Money ticks in the dashboard's one format ("$200.0K", as on the tiles). `values`:
    the amounts the axis must show (stack totals for stacked bars); `lo`: where the axis
    starts when not at 0."""
    upd: dict[str, object] = dict(kw)
    nums = pd.to_numeric(pd.Series(list(values) if values is not None else []),
                         errors="coerce").dropna()
    if len(nums):
        low = float(min(0.0, nums.min())) if lo is None else lo
        high = float(max(0.0, nums.max()))
        vals, texts = money_ticks(low, high, 4 if axis == "y" else 2)
        upd.update(tickmode="array", tickvals=vals, ticktext=texts)
        current = fig.layout.yaxis if axis == "y" else fig.layout.xaxis
        if current.range is None and "range" not in upd:
            # a little headroom: the tallest bar does not end at the plot's edge
            pad = 0.06 * ((high - low) or 1.0)
            upd["range"] = [low - (pad if low < 0 else 0.0), high + pad]
    else:
        upd.update(tickprefix="$", exponentformat="B", separatethousands=True)
    if axis == "y":
        update_axes(fig, "y", **upd)
    else:
        update_axes(fig, "x", **upd)


def _count_axis(fig: go.Figure, axis: str, most: float) -> None:
    """Whole-number ticks at a round step (never one tick per unit when counts are large)."""
    upd = dict(tickmode="linear", tick0=0, dtick=nice_step(float(most or 1), 5),
               tickformat=",d", rangemode="tozero")
    if axis == "y":
        update_axes(fig, "y", **upd)
    else:
        update_axes(fig, "x", **upd)


def category_ticks(fig: go.Figure, labels: list[str], axis: str = "x",
                   width: int = NARROW_WIDTH - 60) -> None:
    """Category labels under a chart: shortened, upright while they fit side by side on a
    phone, else standing vertically (a slanted label's box would cover its neighbours')."""
    texts = [short(t, 24) for t in labels]
    fits = sum(16 + 7 * len(t) for t in texts) <= width
    upd = dict(tickmode="array", tickvals=list(labels), ticktext=texts,
               tickangle=0 if fits else -90, tickfont=dict(size=13 if fits else 11))
    if axis == "x":
        update_axes(fig, "x", **upd)
    else:
        update_axes(fig, "y", **upd)


def _year_axis(fig: go.Figure, years: pd.Series) -> None:
    """Fiscal years as whole numbers, every year while they fit, else a round step."""
    ys = pd.to_numeric(years, errors="coerce").dropna()
    span = float(ys.max() - ys.min()) if len(ys) else 0.0
    update_axes(fig, "x", tickmode="linear", dtick=1 if span <= 6 else nice_step(span, 5),
                tickformat="d")


def label_positions(x: list[float], y: list[float], texts: list[str], *,
                    x_range: tuple[float, float], y_range: tuple[float, float],
                    size: tuple[float, float] = (280, 300), limit: int = 8,
                    order: list[int] | None = None) -> list[bool]:
    """Which points get a text label: at most `limit`, in `order` (default: as given), each
    kept only if its label (drawn above the point) would not overlap one already kept, on a
    plot of `size` px (a phone's; a wider screen only spreads them further apart)."""
    w_px, h_px = size
    (x0, x1), (y0, y1) = x_range, y_range
    sx = w_px / ((x1 - x0) or 1.0)
    sy = h_px / ((y1 - y0) or 1.0)
    kept: list[tuple[float, float, float, float]] = []
    show = [False] * len(x)
    for i in order if order is not None else range(len(x)):
        if len(kept) >= limit:
            break
        cx, cy = (x[i] - x0) * sx, (y[i] - y0) * sy
        half = 4 + 3.8 * len(str(texts[i]))
        box = (cx - half, cx + half, cy + 8, cy + 26)
        if box[0] < -20 or box[1] > w_px + 20:
            continue
        if any(box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3]
               for b in kept):
            continue
        kept.append(box)
        show[i] = True
    return show


def mark_illustrative(fig: go.Figure) -> go.Figure:
    """Stamp the illustrative-data marker on the figure, so a screenshot or a downloaded
    image of the chart keeps it: a first line of the title block, small and coloured, in
    the top band (left; the chart toolbar is on the right)."""
    total = fig.layout.height or 450
    title = fig.layout.title.text or ""
    update_layout(fig, title=dict(
        text=f"<span style='font-size:11px;color:{SAMPLE_MARK_COLOR}'><b>{SAMPLE_MARK}</b>"
        f"</span><br>{title}",
        y=1 - 12 / total))
    return fig


def empty_figure(title: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=EMPTY_TEXT, showarrow=False, x=0.5, y=0.5, xref="paper",
                       yref="paper", font=dict(size=16, color="#555555"))
    update_axes(fig, "x", visible=False)
    update_axes(fig, "y", visible=False)
    return _layout(fig, title, height=160, legend=False)


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
    # the legend tells solid from hatched in a neutral grey (the bars take their category's
    # colour, so a coloured swatch would wrongly tie cost or benefit to one category)
    for name, shape in (("Benefit (hatched)", "/"), ("Cost (solid)", "")):
        fig.add_bar(name=name, x=[None], y=[None], orientation="h", hoverinfo="skip",
                    legendgroup=name, offsetgroup=name,  # shares its bars' slot
                    marker=dict(color=palette.GREY, pattern=dict(
                        fillmode="overlay", shape=shape, fgcolor="white", solidity=0.35)))
    fig.add_bar(
        name="Benefit (hatched)", legendgroup="Benefit (hatched)", showlegend=False,
        offsetgroup="Benefit (hatched)", y=d["category"], x=d["total_benefit_usd"], orientation="h",
        marker=dict(color=colors, pattern=dict(fillmode="overlay", shape="/", fgcolor="white",
                                               solidity=0.35)),
        text=_money(d["total_benefit_usd"]), textposition="outside", cliponaxis=False,
        hovertemplate="%{y}<br>Benefit: %{text}<extra></extra>",
    )
    fig.add_bar(
        name="Cost (solid)", legendgroup="Cost (solid)", showlegend=False,
        offsetgroup="Cost (solid)", y=d["category"],
        x=d["total_cost_usd"], orientation="h",
        marker_color=colors, text=_money(d["total_cost_usd"]), textposition="outside",
        cliponaxis=False, hovertemplate="%{y}<br>Cost: %{text}<extra></extra>",
    )
    update_layout(fig, barmode="group", legend_traceorder="reversed")
    _layout(fig, TITLE_BY_CATEGORY, height=max(300, 80 + 60 * len(d)))
    update_axes(fig, "y", title_text=None, type="category", ticktext=[short(c) for c in d["category"]],
                tickvals=list(d["category"]))
    top = float(max(d["total_cost_usd"].max(), d["total_benefit_usd"].max(), 1.0))
    update_axes(fig, "x", title_text=USD, range=[0, top * 1.4])  # room for the outside labels
    _money_axis(fig, "x", [0, top])
    return fig


def cost_benefit_scatter(df: pd.DataFrame) -> go.Figure:
    """One point per initiative, coloured by category (one shape: circle); priorities are
    outlined diamonds, and the legend says so once. Labels on the largest initiatives only
    where they do not overlap (the hover names every point)."""
    if df.empty:
        return empty_figure(TITLE_SCATTER)
    fig = go.Figure()
    hi = float(max(df["total_cost_usd"].max(), df["total_benefit_usd"].max(), 1.0)) * 1.08
    size_order = list((df["total_cost_usd"].fillna(0) + df["total_benefit_usd"].fillna(0))
                      .reset_index(drop=True).sort_values(ascending=False).index)
    labelled = label_positions(list(df["total_cost_usd"]), list(df["total_benefit_usd"]),
                               list(df["initiative_id"]), x_range=(0, hi), y_range=(0, hi),
                               order=size_order)
    df = df.assign(_label=[i if keep else "" for i, keep in
                           zip(df["initiative_id"], labelled, strict=True)])
    cats = [c for c in CATEGORIES if c in set(df["category"])] + sorted(
        set(df["category"]) - set(CATEGORIES))
    for cat in cats:
        d = df[df["category"] == cat]
        fig.add_scatter(
            x=d["total_cost_usd"], y=d["total_benefit_usd"], mode="markers+text",
            name=cat, legendgroup=cat, showlegend=False, text=d["_label"],
            textposition="top center", cliponaxis=False,
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
        # the legend entry: the category's colour on the one shape categories share
        fig.add_scatter(x=[None], y=[None], mode="markers", name=cat, legendgroup=cat,
                        marker=dict(color=palette.category_color(cat), size=12, symbol="circle",
                                    line=dict(color="black", width=0.5)), hoverinfo="skip")
    if df["is_priority"].astype(bool).any():
        fig.add_scatter(x=[None], y=[None], mode="markers", name="Priority (outlined diamond)",
                        marker=dict(color="white", size=12, symbol="diamond",
                                    line=dict(color="black", width=2)), hoverinfo="skip")
    fig.add_scatter(x=[0, hi], y=[0, hi], mode="lines", name="Break-even (benefit = cost)",
                    line=dict(color="#555555", dash="dot", width=1), hoverinfo="skip")
    _layout(fig, TITLE_SCATTER, height=440)
    update_axes(fig, "x", title_text=f"Total cost ({USD})", range=[0, hi])
    update_axes(fig, "y", title_text=f"Total benefit ({USD})", range=[0, hi])
    _money_axis(fig, "x", [0, hi])
    _money_axis(fig, "y", [0, hi])
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
    update_axes(fig, "x", title_text="Implementation stage (A/60/323 steps, in order)")
    category_ticks(fig, list(df["stage_label"]))
    most = int(df["initiatives"].max())
    update_axes(fig, "y", title_text="Number of initiatives", range=[0, most * 1.2 + 0.5])
    _count_axis(fig, "y", most)
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
    update_layout(fig, barmode="stack")
    _layout(fig, TITLE_YEAR_CATEGORY, height=400)
    fig.update_xaxes(title_text="<b>Cost</b> by fiscal year", row=1, col=1)
    fig.update_xaxes(title_text="<b>Benefit</b> by fiscal year", row=1, col=2)
    _year_axis(fig, df["fiscal_year"])
    fig.update_yaxes(title_text=USD, row=1, col=1)
    stacks = df.groupby("fiscal_year")[["cost_usd", "benefit_usd"]].sum()
    _money_axis(fig, "y", [*stacks["cost_usd"], *stacks["benefit_usd"]])
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
    # the note sits inside the plot, in a band above the data kept free for it
    values = pd.to_numeric(pd.concat([df["net_usd"], df["cumulative_net_usd"]]),
                           errors="coerce").fillna(0)
    lo, hi = min(0.0, float(values.min())), max(0.0, float(values.max()))
    span = (hi - lo) or 1.0
    if payback_year is not None:
        years = list(df["fiscal_year"])
        late = payback_year > (min(years) + max(years)) / 2
        fig.add_vline(x=payback_year, line=dict(color=palette.GREEN, dash="dash", width=2))
        fig.add_annotation(x=payback_year, y=1, yref="paper", text=f"Payback {payback_year}",
                           showarrow=False, xanchor="right" if late else "left",
                           yanchor="top", xshift=-4 if late else 4,
                           font=dict(color=palette.TEXT_GREEN, size=13))
    else:
        fig.add_annotation(x=0, y=1, xref="paper", yref="paper", showarrow=False,
                           text="No payback within these years", xanchor="left",
                           yanchor="top", font=dict(color=palette.TEXT_VERMILLION, size=13))
    _layout(fig, TITLE_CUMULATIVE, height=360)
    update_axes(fig, "x", title_text="Fiscal year")
    _year_axis(fig, df["fiscal_year"])
    update_axes(fig, "y", title_text=USD, range=[lo - 0.05 * span, hi + 0.22 * span])
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
            x=order, y=d["cost_usd"].fillna(0), name=rec.capitalize(),
            marker=dict(color=palette.RECURRENCE_COLORS[rec],
                        pattern=dict(fillmode="overlay", shape="" if rec == "recurring" else "x",
                                     fgcolor="white", solidity=0.3)),
            customdata=_money(d["cost_usd"].fillna(0)),
            hovertemplate=f"%{{x}} ({rec}): %{{customdata}}<extra></extra>",
        )
    update_layout(fig, barmode="stack")
    _layout(fig, TITLE_COST_CATEGORY, height=360)
    update_axes(fig, "x", title_text="Kind of cost")
    category_ticks(fig, order)
    update_axes(fig, "y", title_text=USD)
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
                x=[lv.capitalize() for lv in levels], y=d["benefit_usd"].fillna(0),
                name=bc.replace("_", " ").capitalize(), marker_color=color,
                customdata=_money(d["benefit_usd"].fillna(0)),
                hovertemplate=f"{bc.replace('_', ' ')}<br>%{{x}} confidence: %{{customdata}}"
                "<extra></extra>",
            )
    update_layout(fig, barmode="stack")
    _layout(fig, TITLE_CONFIDENCE, height=360)
    update_axes(fig, "x", title_text="Confidence in the estimate")
    category_ticks(fig, [lv.capitalize() for lv in levels])
    update_axes(fig, "y", title_text=USD)
    _money_axis(fig, "y", df.groupby("confidence")["benefit_usd"].sum())
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


def _agency_axis(fig: go.Figure, labels: list[str]) -> None:
    """Organizations down the side, one per row: the code over its type (two short lines
    leave the plot room on a phone); rows grouped by type."""
    update_axes(fig, "y", title_text=None, categoryorder="array", categoryarray=labels,
                type="category", tickmode="array", tickvals=labels,
                ticktext=[lab.replace(" · ", "<br>") for lab in labels],
                tickfont=dict(size=12))


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
    height = max(260, 110 + 34 * len(order))
    _layout(fig, TITLE_MATRIX, height=height, legend_title="Commitment level")
    update_axes(fig, "x", title_text="Initiative", categoryorder="array", categoryarray=inits,
                type="category")
    category_ticks(fig, inits)
    _agency_axis(fig, [labels[a] for a in reversed(order)])
    update_axes(fig, "y", gridcolor="#F0F0F0")
    return fig


def relative_value_matrix(df: pd.DataFrame) -> go.Figure:
    """Organization × initiative squares coloured by relative value (1–5); the value is
    also written in each square while the squares are wide enough on a phone (up to eight
    initiatives), the colour key sits above the plot where a legend would."""
    if df.empty:
        return empty_figure(TITLE_VALUE)
    order = _agency_order(df)
    labels = dict(zip(order, _agency_labels(df, order), strict=True))
    inits = sorted(df["initiative_id"].unique())
    digits = len(inits) <= 8
    fig = go.Figure(
        go.Scatter(
            x=df["initiative_id"], y=[labels[a] for a in df["agency_code"]],
            mode="markers+text" if digits else "markers",
            text=df["relative_value"].astype(str),
            textfont=dict(color=["black" if v >= 4 else "white" for v in df["relative_value"]],
                          size=11),
            marker=dict(symbol="square", size=22 if digits else 14, color=df["relative_value"],
                        cmin=1, cmax=5, colorscale=palette.RELATIVE_VALUE_SCALE,
                        showscale=True,
                        colorbar=dict(title=dict(text="Value", side="right"),
                                      tickvals=[1, 2, 3, 4, 5], orientation="h",
                                      thickness=12, len=0.6, lenmode="fraction", x=0,
                                      xanchor="left", yref="container", yanchor="top")),
            customdata=list(zip(df["agency_code"], df["initiative_id"], df["agency_name"],
                                df["initiative_name"], strict=True)),
            hovertemplate="<b>%{customdata[2]}</b> → %{customdata[3]}<br>"
            "Relative value: %{marker.color}<extra></extra>",
            name="Relative value",
        )
    )
    # the colour key takes the legend's place
    _layout(fig, TITLE_VALUE, height=max(260, 110 + 34 * len(order)),
            key_height=COLORBAR_HEIGHT)
    update_layout(fig, showlegend=False)
    fig.update_traces(marker_colorbar_y=fig.layout.legend.y)
    update_axes(fig, "x", title_text="Initiative", categoryorder="array", categoryarray=inits,
                type="category")
    category_ticks(fig, inits)
    _agency_axis(fig, [labels[a] for a in reversed(order)])
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
            text=_money(s["pledged_usd"]), textposition="outside", cliponaxis=False,
            customdata=list(zip(s["agency_code"], s["agency_name"],
                                s["initiatives_committed"], _money(s["pledged_usd"]),
                                strict=True)),
            hovertemplate="<b>%{customdata[1]}</b><br>Pledged: %{customdata[3]}<br>"
            "Initiatives committed or leading: %{customdata[2]}<extra></extra>",
        )
    _layout(fig, TITLE_BY_AGENCY, height=max(260, 80 + 24 * len(d)), legend_title="Type")
    counts = dict(zip(d["agency_code"], d["initiatives_committed"], strict=True))
    update_axes(fig, "y", title_text="Organization (initiatives committed to)", type="category",
                categoryorder="array", categoryarray=list(d["agency_code"]),
                tickvals=list(d["agency_code"]),
                ticktext=[f"{a} ({counts[a]})" for a in d["agency_code"]])
    top = float(max(d["pledged_usd"].max(), 1.0))
    update_axes(fig, "x", title_text=f"Pledged ({USD})", range=[0, top * 1.5])
    _money_axis(fig, "x", [0, top])
    return fig


TITLE_SHARING = "Who pays, who benefits: each organization (US$)"
# (column, legend name, colour): cost borne, benefit received and pledged, side by side
SHARING_BARS: tuple[tuple[str, str, str], ...] = (
    ("cost_borne_usd", "Cost borne (own + share of shared)", palette.VERMILLION),
    ("benefit_received_usd", "Benefit received (own + share of shared)", palette.BLUE),
    ("pledged_usd", "Pledged to initiatives", palette.GREEN),
)


def cost_sharing(df: pd.DataFrame) -> go.Figure:
    """Per organization (largest cost borne at the top): what it bears, receives and has
    pledged, as three bars side by side; the own/shared split and the net in the hover."""
    if df.empty:
        return empty_figure(TITLE_SHARING)
    d = df.iloc[::-1]
    detail = list(zip(
        d["agency_code"], d["name"],
        _money(d["own_cost_usd"]), _money(d["shared_cost_share_usd"]),
        _money(d["own_benefit_usd"]), _money(d["shared_benefit_share_usd"]),
        _money(d["net_usd"]), _money(d["pledged_usd"]), strict=True))
    fig = go.Figure()
    # plotly draws a horizontal group's first trace at the bottom: add them last to first,
    # so each organization reads cost, benefit, pledged from the top, as the legend does
    for column, name, color in reversed(SHARING_BARS):
        fig.add_bar(
            y=d["agency_code"], x=d[column], orientation="h", name=name, marker_color=color,
            customdata=detail,
            hovertemplate="<b>%{customdata[1]}</b><br>"
            "Cost borne: own %{customdata[2]} + shared %{customdata[3]}<br>"
            "Benefit received: own %{customdata[4]} + shared %{customdata[5]}<br>"
            "Net (benefit − cost): %{customdata[6]}<br>Pledged: %{customdata[7]}"
            "<extra></extra>",
        )
    update_layout(fig, barmode="group", bargap=0.25, bargroupgap=0.05,
                  legend_traceorder="reversed")
    _layout(fig, TITLE_SHARING, height=max(260, 90 + 36 * len(d)))
    update_axes(fig, "y", title_text="Organization", type="category", categoryorder="array",
                categoryarray=list(d["agency_code"]))
    update_axes(fig, "x", title_text=USD)
    _money_axis(fig, "x", [0, *d["cost_borne_usd"], *d["benefit_received_usd"],
                           *d["pledged_usd"]])
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
    update_layout(fig, barmode="stack")
    _layout(fig, TITLE_LEVELS, height=max(260, 80 + 24 * len(inits)),
            legend_title="Commitment level")
    update_axes(fig, "x", title_text="Number of organizations")
    _count_axis(fig, "x", float(df.groupby("initiative_id")["organizations"].sum().max()))
    update_axes(fig, "y", title_text="Initiative", type="category")
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
                        pattern=dict(fillmode="overlay", shape=palette.STATUS_PATTERNS[status],
                                     fgcolor="white", solidity=0.3)),
            customdata=_money(values),
            hovertemplate=f"%{{{'y' if horizontal else 'x'}}}<br>{status}: %{{customdata}}"
            "<extra></extra>",
            **kw,
        )
    update_layout(fig, barmode="group")


def donors(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_DONORS)
    d = df.iloc[::-1]
    fig = go.Figure()
    _paid_pledged_bars(fig, list(d["donor"]), d["paid_usd"], d["pledged_usd"], horizontal=True)
    _layout(fig, TITLE_DONORS, height=max(260, 70 + 34 * len(d)))
    update_axes(fig, "y", title_text="Donor", type="category", categoryorder="array",
                categoryarray=list(d["donor"]), tickvals=list(d["donor"]),
                ticktext=[short(x) for x in d["donor"]])
    update_axes(fig, "x", title_text=USD)
    _money_axis(fig, "x", [*d["paid_usd"], *d["pledged_usd"]])
    return fig


def contributions_by_donor_type(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_DONOR_TYPE)
    fig = go.Figure()
    _paid_pledged_bars(fig, [t.replace("_", " ") for t in df["donor_type"]], df["paid_usd"],
                       df["pledged_usd"])
    _layout(fig, TITLE_DONOR_TYPE, height=360)
    update_axes(fig, "x", title_text="Kind of donor")
    category_ticks(fig, [t.replace("_", " ") for t in df["donor_type"]])
    update_axes(fig, "y", title_text=USD)
    _money_axis(fig, "y", [*df["paid_usd"], *df["pledged_usd"]])
    return fig


def contributions_by_year(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_BY_YEAR)
    fig = go.Figure()
    _paid_pledged_bars(fig, list(df["year"]), df["paid_usd"], df["pledged_usd"])
    _layout(fig, TITLE_BY_YEAR, height=360)
    update_axes(fig, "x", title_text="Year of the contribution")
    _year_axis(fig, df["year"])
    update_axes(fig, "y", title_text=USD)
    _money_axis(fig, "y", [*df["paid_usd"], *df["pledged_usd"]])
    return fig


def contributions_by_type(df: pd.DataFrame) -> go.Figure:
    if df.empty:
        return empty_figure(TITLE_BY_TYPE)
    order = [t for t in CONTRIBUTION_TYPES if t in set(df["contribution_type"])]
    d = df.set_index("contribution_type").reindex(order)
    fig = go.Figure()
    _paid_pledged_bars(fig, [t.replace("_", "-") for t in order], d["paid_usd"], d["pledged_usd"])
    _layout(fig, TITLE_BY_TYPE, height=360)
    update_axes(fig, "x", title_text="Kind of contribution")
    category_ticks(fig, [t.replace("_", "-") for t in order])
    update_axes(fig, "y", title_text=USD)
    _money_axis(fig, "y", [*d["paid_usd"].fillna(0), *d["pledged_usd"].fillna(0)])
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
               textinfo="percent", texttemplate="%{percent:.1%}", direction="clockwise",
               insidetextorientation="horizontal")
    )
    _layout(fig, TITLE_SHARE, height=300)
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
            marker=dict(color=color, pattern=dict(fillmode="overlay", shape=pattern,
                                                  fgcolor="white", solidity=0.3)),
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
    update_layout(fig, barmode="stack")
    _layout(fig, TITLE_GAP, height=max(260, 70 + 28 * len(d)))
    update_axes(fig, "y", title_text="Initiative", type="category", categoryorder="array",
                categoryarray=ids)
    update_axes(fig, "x", title_text=USD)
    stack = d["agency_pledged_usd"].fillna(0) + d["paid_contributions_usd"].fillna(0) + d[
        "funding_gap_usd"].fillna(0)
    _money_axis(fig, "x", [*stack, *d["funding_target_usd"].fillna(0)])
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

