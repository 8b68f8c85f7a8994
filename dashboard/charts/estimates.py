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
    return fig


def _year(x: object) -> int | None:
    try:
        return int(x)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
