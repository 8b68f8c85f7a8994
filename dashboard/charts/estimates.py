"""Estimate years drawn distinctly on a by-year chart: the rule and its words are
dashboard/contract/years.py; here is how they look. The estimate years (at the end of the
axis) stand on a shaded band, their bars lighter, and the legend says so. Pure: the
figure, its years and the snapshot's as-of date in; the same figure, marked, out."""

from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go

from dashboard.contract.years import ESTIMATE_KEY, estimate_years
from dashboard.lang.translate import _

BAND_COLOR = "rgba(120, 120, 120, 0.13)"  # the shaded band behind the estimate years
KEY_COLOR = "rgba(120, 120, 120, 0.35)"  # its swatch in the legend (a band's own tint)
ESTIMATE_OPACITY = 0.5  # a bar's opacity in an estimate year (1 in the others)


def mark_estimates(fig: go.Figure, years: Iterable[object], as_of: str | None,
                   axes: tuple[str, ...] = ("x",)) -> go.Figure:
    """Shade the estimate years on each x axis of `axes` ("x", "x2", ...), make their bars
    lighter and add the legend's entry. Nothing when no year is an estimate (or as_of is
    None). Call before the layout (its legend room counts the entry)."""
    ys = [int(y) for y in years if y is not None]
    est = estimate_years(ys, as_of)
    if not est:
        return fig
    first, last = est[0], max(ys)
    for trace in fig.data:
        if trace.type == "bar" and trace.x is not None:
            trace.marker.opacity = [ESTIMATE_OPACITY if _year(x) in est else 1.0
                                    for x in trace.x]
    for axis in axes:
        y_axis = axis.replace("x", "y")
        fig.add_shape(type="rect", xref=axis, yref=f"{y_axis} domain", x0=first - 0.5,
                      x1=last + 0.5, y0=0, y1=1, fillcolor=BAND_COLOR, line_width=0,
                      layer="below")
    fig.add_scatter(x=[None], y=[None], mode="markers", name=_(ESTIMATE_KEY),
                    marker=dict(symbol="square", size=14, color=KEY_COLOR),
                    hoverinfo="skip", showlegend=True)
    return fig


def _year(x: object) -> int | None:
    try:
        return int(x)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
