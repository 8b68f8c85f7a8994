"""A tall matrix's initiative labels repeated over its first row (reader's review round 3,
#19): with 27 organizations the labels under the last row stood about 1,000 px below the
first, so a reader of the top rows could not see which column was which.

The labels over the matrix are a second category axis on top (`xaxis2`, matching the
initiatives' axis), the same one labels standing on end; the figure grows by their height
above the plot, and its title and legend keep their place from the top.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import axis_labels
from dashboard.charts.figure_layout import update_layout
from dashboard.charts.figure_margins import text_width
from dashboard.charts.figures import move_from_top

TALL_ROWS = 24  # a matrix of more rows than this is taller than a laptop's screen (the pack
# prints fewer a page: its split pages need no labels over them)
TOP_GAP = 12  # px between the labels over the plot and the legend above them


def labels_on_top(fig: go.Figure, rows: int) -> go.Figure:
    """Repeat the initiatives' labels (the x axis's) over the plot when the matrix has more
    than `TALL_ROWS` rows."""
    x = fig.layout.xaxis
    if rows <= TALL_ROWS or x.ticktext is None or x.tickvals is None:
        return fig
    texts = [str(t) for t in x.ticktext]
    size = (x.tickfont.size if x.tickfont and x.tickfont.size else axis_labels.COLUMN_SIZE)
    standing = x.tickangle in (90, -90)
    room = (max(text_width(t, size) for t in texts) if standing
            else 1.3 * size * max(t.count("<br>") + 1 for t in texts)) + TOP_GAP
    old = float(fig.layout.height or 450)
    new = float(int(old + room))  # whole px: the legend keeps its px exactly
    room = new - old
    move_from_top(fig, old, new)  # the legend keeps its px from the top
    title = fig.layout.title
    if title and title.y is not None and title.yref in (None, "container"):
        title.y = 1 - (1 - title.y) * old / new
    update_layout(fig, height=int(new), margin=dict(t=int((fig.layout.margin.t or 0) + room)))
    fig.layout["xaxis2"] = dict(overlaying="x", side="top", matches="x", type="category",
                    categoryorder="array", categoryarray=list(x.categoryarray or x.tickvals),
                    tickmode="array", tickvals=list(x.tickvals), ticktext=texts,
                    tickangle=x.tickangle, tickfont=dict(size=size, color="#333333"),
                    showgrid=False, zeroline=False, automargin=False, showline=False)
    # an axis is drawn with a trace on it: one point, invisible, on the first column
    fig.add_scatter(x=[x.tickvals[0]], y=[None], xaxis="x2", mode="markers",
                    marker=dict(opacity=0), showlegend=False, hoverinfo="skip",
                    name="top_labels")
    return fig
