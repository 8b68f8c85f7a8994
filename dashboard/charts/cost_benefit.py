"""The one cost-against-benefit scatter of the Overview and of Prioritization.

The two pages drew the same initiatives on the same axes two ways: the Overview's
priorities were outlined diamonds ("Priority (outlined diamond)") beside a break-even line,
Prioritization's were circles with a black outline ("Flagged priority (black outline)")
without the line, so a reader moving between the pages learnt two legends for one chart
(reader's review round 4, N5), and the French called the outline "cerclé", which nothing
is (French review round 2, #11). Now both pages draw it here: the money axes of
dashboard/charts/scatter_axes.py, one circle per initiative in its category's colour, a
priority with a black outline and every other point a thin white one, one legend entry
for the outline (`PRIORITY_MARK`, the words every chart and caption use), the break-even
line, each point's mark and the key under the plot (dashboard/charts/scatter_key.py).

What a page chooses: the marks (Prioritization's ranks, the Overview's initiative codes),
the key's order and heading, the marker sizes (Prioritization's bubbles are sized by the
mean relative value, which its title says) and what the hover adds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import palette, scatter_axes, scatter_key, scatter_labels
from dashboard.charts.figure_layout import literal
from dashboard.charts.figures import USD, _layout, _money, end_label_room
from dashboard.contract.labels import category_label
from dashboard.contract.schema import CATEGORIES
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

# the one phrase of the priority marker (FR #11: never "circled"), every chart and caption
PRIORITY_MARK = N_("Priority (black outline)")
BREAK_EVEN = N_("Break-even (benefit = cost)")
OUTLINE_PX = {True: 3, False: 1}  # a priority's black outline, another point's white one
OPACITY = 0.8  # a marker lying on another lets it show through
INK = "#1F2933"  # a mark beside its marker, on white
MARK_BESIDE = "point mark"  # the name of a mark's annotation beside its marker


def categories(df: pd.DataFrame) -> list[str]:
    """The frame's categories in the framework's order, any other after them."""
    present = set(df["category"])
    return [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))


def fill(category: str) -> str:
    """A marker's fill as the reader sees it: the category's colour at `OPACITY` on white."""
    rgb = palette.category_color(category).lstrip("#")
    mixed = [round(OPACITY * int(rgb[i:i + 2], 16) + (1 - OPACITY) * 255) for i in (0, 2, 4)]
    return "#" + "".join(f"{v:02X}" for v in mixed)


def scatter(df: pd.DataFrame, title: str, marks: Sequence[str], *, order: Sequence[object],
            heading: str, labels: Sequence[str] | None = None,
            sizes: Sequence[float] | None = None, more: Sequence[str] | None = None
            ) -> go.Figure:
    """The scatter of `df` (initiative_id, name, category, is_priority, total_cost_usd,
    total_benefit_usd), one point per row: `marks` on the points, the key under the plot
    in `order` under `heading`, naming each by `labels` (each initiative's one label when
    None); `sizes`: each marker's diameter in px
    (scatter_key.MARKER_PX each when None); `more`: a line the hover adds for each point."""
    df = df.reset_index(drop=True)
    fig = go.Figure()
    cost, benefit = df["total_cost_usd"].fillna(0), df["total_benefit_usd"].fillna(0)
    log = scatter_axes.uses_log(cost, benefit)
    x_range, y_range = scatter_axes.money_axes(
        fig, cost, benefit, log=log, x_title=_("Total cost ({unit})").format(unit=_(USD)),
        y_title=_("Total benefit ({unit})").format(unit=_(USD)))
    cost, benefit = scatter_axes.drawn_at(cost, benefit, log)  # a $0 on a log axis's floor
    sizes = list(sizes) if sizes is not None else [scatter_key.MARKER_PX] * len(df)
    more = list(more) if more is not None else [""] * len(df)
    df = df.assign(_mark=list(marks), _x=cost, _y=benefit, _size=sizes, _more=more)
    places = _places(df, x_range, y_range, log)
    df = df.assign(_text=[m if p.inside else "" for m, p in zip(marks, places, strict=True)])
    for cat in categories(df):
        _points(fig, df[df["category"] == cat], cat)
    # added at once: Plotly checks the whole list on each add_annotation (a second for 15)
    fig.layout.annotations = (*fig.layout.annotations, *(
        _beside(df.iloc[i], p, log) for i, p in enumerate(places) if not p.inside))
    if df["is_priority"].astype(bool).any():
        # the size of a category's swatch: a bigger one makes the legend's rows taller than
        # the room made for them
        fig.add_scatter(x=[None], y=[None], mode="markers", name=_(PRIORITY_MARK),
                        marker=dict(color="white", size=12, line=dict(color="black", width=2)),
                        hoverinfo="skip")
    ends = [min(x_range[0], y_range[0]), max(x_range[1], y_range[1])]
    line = [10**e for e in ends] if log else [0.0, ends[1]]
    fig.add_scatter(x=line, y=line, mode="lines", name=_(BREAK_EVEN),
                    line=dict(color="#555555", dash="dot", width=1), hoverinfo="skip")
    _layout(fig, title, height=440 + scatter_key.key_px(len(df)))
    if not log:  # room for the last tick's label past the plot's end (EN #8)
        ax = fig.layout.xaxis
        end_label_room(fig, list(ax.range), list(ax.tickvals), list(ax.ticktext))
    if labels is None:
        labels = scatter_key.key_labels(df["initiative_id"], df["name"])
    scatter_key.add_key(fig, list(marks), list(labels), order, heading)
    return scatter_axes.legend_room(fig)


def _places(df: pd.DataFrame, x_range: tuple, y_range: tuple,
            log: bool) -> list[scatter_labels.Place]:
    """Where each point's mark sits: on its marker where it can be read there, else
    beside it (dashboard/charts/scatter_labels.py)."""
    inside = [scatter_labels.fits_inside(str(m), float(s), OUTLINE_PX[bool(p)], fill(c))
              for m, s, p, c in zip(df["_mark"], df["_size"], df["is_priority"],
                                    df["category"], strict=True)]
    across = [scatter_labels.fits_across(str(m), float(s), OUTLINE_PX[bool(p)], fill(c))
              for m, s, p, c in zip(df["_mark"], df["_size"], df["is_priority"],
                                    df["category"], strict=True)]
    at = scatter_labels.centres(df["_x"], df["_y"], x_range=x_range, y_range=y_range, log=log)
    return scatter_labels.place(at, [str(m) for m in df["_mark"]], list(df["_size"]), inside,
                                across)


def _beside(row: pd.Series, place: scatter_labels.Place, log: bool) -> go.layout.Annotation:
    """A mark beside its marker, in dark ink on a white box; one further away joined to its
    marker by a leader line."""
    def at(v: float) -> float:
        return math.log10(v) if log and v > 0 else v
    common = dict(x=at(float(row["_x"])), y=at(float(row["_y"])), xref="x", yref="y",
                  text=literal(str(row["_mark"])), name=MARK_BESIDE,
                  font=dict(size=scatter_labels.SIZE, color=INK),
                  bgcolor="rgba(255,255,255,0.85)", borderpad=0, xanchor="center",
                  yanchor="middle")
    if place.leader:
        return go.layout.Annotation(**common, showarrow=True, axref="pixel", ayref="pixel",
                                    ax=place.dx, ay=-place.dy, arrowhead=0, arrowwidth=1,
                                    arrowcolor="#555555", standoff=float(row["_size"]) / 2)
    return go.layout.Annotation(**common, showarrow=False, xshift=place.dx, yshift=place.dy)


def _points(fig: go.Figure, d: pd.DataFrame, cat: str) -> None:
    """One category's points, its mark on each, and its legend entry (its colour alone,
    never the black outline the legend gives to a priority)."""
    flagged = d["is_priority"].astype(bool).tolist()
    fig.add_scatter(
        x=d["_x"], y=d["_y"], mode="markers+text", name=category_label(cat),
        legendgroup=cat, showlegend=False, text=d["_text"], textposition="middle center",
        cliponaxis=False,
        textfont=dict(size=scatter_key.NUMBER_SIZE, color=palette.ink(fill(cat))),
        marker=dict(color=palette.category_color(cat), size=list(d["_size"]),
                    sizemode="diameter", opacity=OPACITY, symbol="circle",
                    line=dict(color=["black" if p else "white" for p in flagged],
                              width=[OUTLINE_PX[p] for p in flagged])),
        customdata=list(zip(d["initiative_id"], d["name"], _money(d["total_cost_usd"]),
                            _money(d["total_benefit_usd"]),
                            [_("priority") if p else _("not a priority") for p in flagged],
                            d["_more"], d["_mark"], strict=True)),
        hovertemplate="<b>%{customdata[1]}</b> (%{customdata[0]})<br>"
        + _("Cost: %{customdata[2]}<br>Benefit: %{customdata[3]}")
        + "<br>%{customdata[4]}%{customdata[5]}<extra></extra>",
    )
    fig.add_scatter(x=[None], y=[None], mode="markers", name=category_label(cat),
                    legendgroup=cat, marker=dict(color=palette.category_color(cat), size=12,
                                                 line=dict(color="white", width=0)),
                    hoverinfo="skip")
