"""Estimate years drawn distinctly on a by-year chart: the rule and its words are
dashboard/contract/years.py; here is how they look. The estimate years (at the end of the
axis) stand on a shaded band, their bars hatched (colours unchanged), and the legend says so. Pure: the
figure, its years and the snapshot's as-of date in; the same figure, marked, out."""

from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go

from dashboard.contract.years import ESTIMATE_KEY, estimate_years
from dashboard.lang.translate import _

BAND_COLOR = "rgba(120, 120, 120, 0.13)"  # the shaded band behind the estimate years
KEY_COLOR = "rgba(120, 120, 120, 0.35)"  # its swatch in the legend (a band's own tint)
# an estimate year's bar is hatched, its colour its own: a lighter tint changed what the
# colours meant (round 5 #17: Hosting looked like Consultancy, Staff turned beige)
HATCH = "/"


def mark_estimates(fig: go.Figure, years: Iterable[object], as_of: str | None,
                   axes: tuple[str, ...] = ("x",)) -> go.Figure:
    """Shade the estimate years on each x axis of `axes` ("x", "x2", ...), hatch their
    bars and add the legend's entry. Nothing when no year is an estimate (or as_of is
    None). Call before the layout (its legend room counts the entry)."""
    ys = [int(y) for y in years if y is not None]
    est = estimate_years(ys, as_of)
    if not est:
        return fig
    first, last = est[0], max(ys)
    for trace in fig.data:
        if trace.type == "bar" and trace.x is not None:
            trace.marker.pattern = dict(
                shape=[HATCH if _year(x) in est else "" for x in trace.x],
                fillmode="overlay", fgcolor="white", fgopacity=0.7, size=6, solidity=0.35)
    for axis in axes:
        y_axis = axis.replace("x", "y")
        fig.add_shape(type="rect", xref=axis, yref=f"{y_axis} domain", x0=first - 0.5,
                      x1=last + 0.5, y0=0, y1=1, fillcolor=BAND_COLOR, line_width=0,
                      layer="below")
    fig.add_bar(x=[None], y=[None], name=_(ESTIMATE_KEY), hoverinfo="skip", showlegend=True,
                marker=dict(color=KEY_COLOR, pattern=dict(shape=HATCH, fillmode="overlay",
                                                          fgcolor="white", fgopacity=0.7,
                                                          size=6, solidity=0.35)))
    _own_swatches(fig)
    return fig


def _own_swatches(fig: go.Figure) -> None:
    """Plotly draws a bar's legend swatch from its first point (plotly.js legend/style.js
    reads `pattern.shape[0]`): a series whose first year is an estimate showed a hatched
    swatch, as if the hatch were its own mark (round 5 re-look: "Medium confidence" hatched
    beside "Estimate years"). Such a series starts with an empty point (no year, no value,
    no hatch), which draws nothing and gives the legend the series' own swatch; its entry
    keeps its place and still hides its bars."""
    for trace in fig.data:
        if not _hatched_swatch(trace):
            continue
        n = len(trace.x)
        for attr in ("x", "y", "customdata", "text", "hovertext", "base"):
            values = trace[attr]
            if values is not None and not isinstance(values, str) and len(values) == n:
                trace[attr] = [None, *values]
        if trace.marker.color is not None and not isinstance(trace.marker.color, str):
            trace.marker.color = [trace.marker.color[0], *trace.marker.color]
        trace.marker.pattern.shape = ["", *trace.marker.pattern.shape]


def _hatched_swatch(trace: object) -> bool:
    """Whether the legend would draw this series' swatch with the estimate years' hatch."""
    if getattr(trace, "type", None) != "bar" or trace.showlegend is False or not trace.name:
        return False
    shape = trace.marker.pattern.shape
    return shape is not None and not isinstance(shape, str) and len(shape) > 0 \
        and shape[0] == HATCH


def _year(x: object) -> int | None:
    try:
        return int(x)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
