"""The figure builders of the Overview page: a DataFrame from dashboard/query/chart_data.py
in, a Plotly figure out (conventions and shared helpers: dashboard/charts/figures.py).
Each is declared with its dataset, page, title and caption in dashboard/registry.py."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import (
    axis_labels,
    bar_names,
    cost_benefit,
    outside_room,
    palette,
    scatter_key,
)
from dashboard.charts.figure_layout import update_axes, update_layout
from dashboard.charts.figures import (
    LABEL_CHARS,
    USD,
    _count_axis,
    _layout,
    _money_axis,
    count_labels,
    empty_figure,
    wrap,
)
from dashboard.contract.labels import category_label
from dashboard.formatting import usd_formatter
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

TITLE_BY_CATEGORY = N_("Cost and benefit by category (US$)")
# one category kept: its initiatives; the title's brackets say which (registry.py)
TITLE_BY_INITIATIVE = N_("Cost and benefit by initiative (US$)")
TITLE_SCATTER = N_("Cost against benefit, by initiative (US$)")
TITLE_STAGE = N_("Initiatives at each implementation stage (count)")


def portfolio_by_category(df: pd.DataFrame) -> go.Figure:
    """Cost (solid) and benefit (hatched) bars for each category, in its category colour;
    for each initiative when the frame has them (one category kept: `by_initiative`)."""
    if df.empty:
        return empty_figure(TITLE_BY_CATEGORY)
    if "initiative_id" in df.columns:
        return by_initiative(df)
    d = df.iloc[::-1]  # first category on top
    words = [category_label(c) for c in d["category"]]  # the framework's label, in the reader's language
    fig = go.Figure()
    _cost_benefit_bars(fig, d, list(d["category"]), words)
    _layout(fig, TITLE_BY_CATEGORY, height=max(300, 80 + 60 * len(d)))
    ticks = [wrap(w, LABEL_CHARS) for w in words]
    update_axes(fig, "y", title_text=None, type="category", ticktext=ticks,
                tickvals=list(d["category"]))
    _money_room(fig, d, [line for t in ticks for line in t.split("<br>")])
    return fig


def by_initiative(df: pd.DataFrame) -> go.Figure:
    """The initiatives of the one category kept (EN #19: its two bars alone said nothing
    the tiles do not), each named above its cost and benefit bars (charts/bar_names.py);
    the title's brackets say which category (registry.py `summary.BY_CATEGORY`)."""
    d = df.iloc[::-1]  # the first on top
    keys = [str(i) for i in d["initiative_id"]]
    names = axis_labels.initiative_names(d["initiative_id"], d["name"])
    fig = go.Figure()
    _cost_benefit_bars(fig, d, keys, [str(n) for n in d["name"]])
    _layout(fig, TITLE_BY_INITIATIVE, height=bar_names.height(len(d), least=260, bars=2))
    bar_names.names_above(fig, keys, names)
    _money_room(fig, d, [])
    return fig


def _cost_benefit_bars(fig: go.Figure, d: pd.DataFrame, keys: list, words: list) -> None:
    """Each row's benefit (hatched) and cost (solid) bars in its category's colour, and a
    legend that tells solid from hatched in a neutral grey (a coloured swatch would
    wrongly tie cost or benefit to one category). `words`: each row's name in the hover."""
    colors = [palette.category_color(c) for c in d["category"]]
    benefit, cost = _("Benefit (hatched)"), _("Cost (solid)")
    for name, shape in ((benefit, "/"), (cost, "")):
        fig.add_bar(name=name, x=[None], y=[None], orientation="h", hoverinfo="skip",
                    legendgroup=name, offsetgroup=name,  # shares its bars' slot
                    marker=dict(color=palette.GREY, pattern=dict(
                        fillmode="overlay", shape=shape, fgcolor="white", solidity=0.35)))
    fig.add_bar(
        name=benefit, legendgroup=benefit, showlegend=False,
        offsetgroup=benefit, y=keys, x=d["total_benefit_usd"], orientation="h",
        marker=dict(color=colors, pattern=dict(fillmode="overlay", shape="/", fgcolor="white",
                                               solidity=0.35)),
        text=_labels(d)[0], textposition="outside", cliponaxis=False,
        constraintext="none", hovertext=words, hovertemplate="%{hovertext}<br>" + _("Benefit: %{text}") + "<extra></extra>",
    )
    fig.add_bar(
        name=cost, legendgroup=cost, showlegend=False,
        offsetgroup=cost, y=keys,
        x=d["total_cost_usd"], orientation="h",
        marker_color=colors, text=_labels(d)[1], textposition="outside",
        cliponaxis=False, constraintext="none", hovertext=words,
        hovertemplate="%{hovertext}<br>" + _("Cost: %{text}") + "<extra></extra>",
    )
    update_layout(fig, barmode="group", legend_traceorder="reversed")


def _labels(d: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The benefit bars' and the cost bars' value labels, on one scale (FR3 #7)."""
    label = usd_formatter([*d["total_benefit_usd"], *d["total_cost_usd"]])
    return [label(v) for v in d["total_benefit_usd"]], [label(v) for v in d["total_cost_usd"]]


def _money_room(fig: go.Figure, d: pd.DataFrame, side: list[str]) -> None:
    """The money axis, with room for the outside labels on a phone's plot too (French
    review, #22), its ticks side by side there beside the `side` labels' lines."""
    top = float(max(d["total_cost_usd"].max(), d["total_benefit_usd"].max(), 1.0))
    end = outside_room.axis_end(
        [*d["total_benefit_usd"].fillna(0), *d["total_cost_usd"].fillna(0)],
        [*_labels(d)[0], *_labels(d)[1]], side)
    update_axes(fig, "x", title_text=_(USD), range=[0, max(top * 1.4, end)])
    _money_axis(fig, "x", [0, top], room=outside_room.phone_plot(side))


def cost_benefit_scatter(df: pd.DataFrame) -> go.Figure:
    """One point per initiative, coloured by category, drawn as Prioritization draws it
    (dashboard/charts/cost_benefit.py: a priority's black outline, the break-even line, log
    axes when one initiative dwarfs the rest); each point labelled with its initiative's
    code, the key under the plot names each (dashboard/charts/scatter_key.py `by_code`)."""
    if df.empty:
        return empty_figure(TITLE_SCATTER)
    marks, labels, order, heading = scatter_key.by_code(df["initiative_id"], df["name"])
    return cost_benefit.scatter(df, TITLE_SCATTER, marks, order=order, heading=heading,
                                labels=labels)


def initiatives_by_stage(df: pd.DataFrame) -> go.Figure:
    """One bar on its side per implementation stage, in the stages' order (the first on
    top), its name whole above it as on every chart of named bars (dashboard/charts/
    bar_names.py): under upright bars the names stood turned 90° (EN #13)."""
    if df.empty or int(df["initiatives"].sum()) == 0:
        return empty_figure(TITLE_STAGE)
    d = df.iloc[::-1]  # the first stage on top
    stages = [_(s) for s in d["stage_label"]]  # the dataset's English: the reader's words
    fig = go.Figure(
        go.Bar(y=stages, x=d["initiatives"], orientation="h", marker_color=palette.COUNT_COLOR,
               text=count_labels(d["initiatives"]), textposition="outside", name=_("Initiatives"),
               cliponaxis=False,
               hovertemplate=_("%{y}: %{x} initiative(s)") + "<extra></extra>")
    )
    _layout(fig, TITLE_STAGE, height=bar_names.height(len(d)), legend=False)
    bar_names.names_above(fig, stages, stages)
    most = int(d["initiatives"].max())
    update_axes(fig, "x", title_text=_("Number of initiatives"), range=[0, most * 1.2 + 0.5])
    _count_axis(fig, "x", most)
    return fig
