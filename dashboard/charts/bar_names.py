"""Horizontal bars named above each bar, across the plot's whole width: the shared builder
of every chart with one bar per initiative (funding against target, priority score, rank
stability, NPV, the tornado, the chance of the top eight, organizations by level).

Beside the axis, a name took half to two thirds of a 390-px phone (the server sends one
figure to every screen), so the bars were slivers there, while at 1440 px the same names
were cut beside hundreds of px of empty plot (reader's review round 3, #13 and #14).
Above its bar a name has the plot's whole width on every screen: the one label of
dashboard/charts/axis_labels.py (`initiative_names`: one line the width of a phone's plot)
shows whole wherever it fits a phone, and the bars keep the whole plot.

Each row is `ROW_PX` px: its bar (the lower part) and, in the `GAP` above it, the name's
line. The name is an annotation at the plot's left edge, placed in the axis's units (a
category's index), so it stays on its bar whatever the plot's height.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import axis_labels
from dashboard.charts.figure_layout import literal, update_axes, update_layout

ROW_PX = 46  # px a bar's row takes: its name's line (about 16 px) and the bar under it
GAP = 0.48  # of a row, between two bars: the name's line stands there
NAME_COLOR = "#1F2933"
BAR_PX = round(ROW_PX * (1 - GAP))  # px a bar is thick


def height(rows: int, extra: int = 70, least: int = 200) -> int:
    """The plot's height for `rows` bars (and `extra` px for the value axis)."""
    return max(least, extra + ROW_PX * rows)


def one_line(label: str) -> str:
    """A label's lines as one line (a break after a hyphen or an ellipsis joins without a
    space)."""
    parts = str(label).split("<br>")
    out = parts[0]
    for p in parts[1:]:
        out += p if out.endswith(("-", "…")) else f" {p}"
    return out


def names_above(fig: go.Figure, keys: list, labels: list[str]) -> None:
    """Name each bar above it: `keys` the y axis's categories in the order drawn (the first
    at the bottom), `labels` what each reads as. The axis's own tick labels are hidden (the
    names say what the rows are; no axis title needed)."""
    keys = [str(k) for k in keys]
    update_axes(fig, "y", type="category", categoryorder="array", categoryarray=keys,
                tickmode="array", tickvals=keys, ticktext=[one_line(t) for t in labels],
                showticklabels=False, ticks="", title_text=None, automargin=False,
                showgrid=False,
                # room above the top bar for its name
                range=[-0.5, len(keys) - 0.5 + GAP / 2])
    update_layout(fig, bargap=GAP, waterfallgap=GAP)  # a waterfall has its own gap
    bar_top = (1 - GAP) / 2  # in rows, above a category's centre
    for i, text in enumerate(labels):  # a name is data: shown literally (usertext.plotly's rule)
        fig.add_annotation(
            x=0, xref="x domain", y=i + bar_top, yref="y", xanchor="left", yanchor="bottom",
            yshift=1, text=literal(one_line(text)), showarrow=False, align="left",
            font=dict(size=axis_labels.NAME_SIZE, color=NAME_COLOR), name="bar_name")


def bar_names(fig: go.Figure) -> list[str]:
    """The names a chart drew above its bars (for the tests and the pack's checks)."""
    return [a.text for a in fig.layout.annotations if a.name == "bar_name"]
