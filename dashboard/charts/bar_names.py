"""Horizontal bars named above each bar, across the plot's whole width: the shared builder
of every chart with one bar per initiative (funding against target, priority score, rank
stability, NPV, the tornado, the chance of the top eight, organizations by level).

Beside the axis, a name took half to two thirds of a 390-px phone (the server sends one
figure to every screen), so the bars were slivers there, while at 1440 px the same names
were cut beside hundreds of px of empty plot (reader's review round 3, #13 and #14).
Above its bar a name has the plot's whole width on every screen: the one label of
dashboard/charts/axis_labels.py (`initiative_names`: one line the width of a phone's plot)
shows whole wherever it fits a phone, and the bars keep the whole plot.

Each row is `ROW_PX` px: its bar (the lower part) and, in the `GAP` above it, a label
band: `LIFT` px over the bar, the name's line (`NAME_LINE` px), and `PAD` px clear under the
bar above (round 4, #6: in print a name sat on the bar above it, so it read as either
bar's). The name is an annotation at the plot's left edge, placed in the axis's units (a
category's index), so it stays on its bar whatever the plot's height. The band holds down
to `LEAST_ROW` px a row (the pack presses rows no further: briefing_html.rows_floor; a
phone's legend taking more rows than counted presses the app's a little); a marker on a
bar (a target's tick) is at most `MARK_PX` tall, within the bar there too, so it never
rises into the name above (`band_clash` checks a figure's geometry).
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import axis_labels
from dashboard.charts.figure_layout import literal, update_axes, update_layout

NAME_LINE = 16  # px the name's line of 12-px text takes
LIFT = 1  # px between a bar's top and its name
PAD = 5  # px at least between a name's top and the bar above it
BAND = NAME_LINE + LIFT + PAD  # px over a bar that its name's band takes at the least
ROW_PX = 50  # px a bar's row takes: the band and the bar under it
GAP = 0.55  # of a row, between two bars: the name's band stands there
LEAST_ROW = -(-BAND * 100 // round(GAP * 100))  # px of the least row whose gap holds the band
MARK_PX = 14  # px a marker on a bar (a target's tick, its line included) is tall at most
NAME_COLOR = "#1F2933"
BAR_PX = round(ROW_PX * (1 - GAP))  # px a bar is thick


def height(rows: int, extra: int = 70, least: int = 200, bars: int = 1) -> int:
    """The plot's height for `rows` rows (and `extra` px for the value axis); a row of
    `bars` bars side by side (cost and benefit) is a bar's thickness taller for each bar
    past the first, so each bar stays thick enough for its value's label."""
    return max(least, extra + (ROW_PX + (bars - 1) * BAR_PX) * rows)


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
            yshift=LIFT, text=literal(one_line(text)), showarrow=False, align="left",
            font=dict(size=axis_labels.NAME_SIZE, color=NAME_COLOR), name="bar_name")


def across_bars(fig: go.Figure, x: float, rows: int, **line: object) -> None:
    """A line at `x` down the chart drawn on the bars only, a segment as tall as each bar
    (round 4 #6, French review #18: a line down the whole plot ran through the names
    between the bars). `line`: the shapes' line (colour, width, dash)."""
    gap = fig.layout.bargap if fig.layout.bargap is not None else GAP
    half = (1 - float(gap)) / 2
    for i in range(rows):
        fig.add_shape(type="line", xref="x", yref="y", x0=x, x1=x, y0=i - half,
                      y1=i + half, line=line, layer="above")


def bar_names(fig: go.Figure) -> list[str]:
    """The names a chart drew above its bars (for the tests and the pack's checks)."""
    return [a.text for a in fig.layout.annotations if a.name == "bar_name"]


def band_clash(fig: go.Figure, row_px: float) -> list[str]:
    """What runs into a name's band when a row is `row_px` px: the band (`LIFT`, the name's
    line, `PAD`) past the gap between two bars, a marker taller than its bar, a line drawn
    across the rows (a waterfall's connector, a shape from bar to bar). [] when clear."""
    out = []
    gap = fig.layout.waterfallgap if any(t.type == "waterfall" for t in fig.data) \
        else fig.layout.bargap
    gap = GAP if gap is None else float(gap)
    bar = (1 - gap) * row_px
    if gap * row_px < BAND - 1e-9:
        out.append(f"band {BAND} px in a gap of {gap * row_px:.1f} px")
    for t in fig.data:
        marker = getattr(t, "marker", None)
        if t.type == "scatter" and "markers" in (t.mode or "") and marker is not None \
                and str(marker.symbol or "").startswith("line-ns"):
            tall = float(marker.size or 6) + float((marker.line.width or 0) if marker.line else 0)
            if tall > min(bar, MARK_PX):
                out.append(f"{t.name}: a {tall:.0f}-px marker on a {bar:.1f}-px bar")
        if t.type == "waterfall" and (t.connector is None or t.connector.visible is not False):
            out.append("a waterfall's connectors cross the names")
    for sh in fig.layout.shapes or ():
        if sh.type == "line" and sh.yref != "y" and sh.x0 == sh.x1:
            out.append(f"a line at {sh.x0} down the whole plot crosses the names")
        if sh.yref == "y" and sh.type == "line" and sh.y0 is not None and sh.y1 is not None:
            lo, hi = sorted((float(sh.y0), float(sh.y1)))
            if round(hi) != round(lo) or hi - lo > 1 - gap + 1e-9:
                out.append(f"a line from row {lo:g} to {hi:g} crosses the names")
    return out
