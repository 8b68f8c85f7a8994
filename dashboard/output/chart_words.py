"""A chart said in words: the text alternative of every chart in the briefing pack (its
`aria-label`, which Chromium writes into the tagged PDF as the figure's /Alt), for a
reader who cannot see the chart.

`describe(fig, title, units)` is the one function: it reads the figure the app's builder
made (dashboard/charts/figures*.py), so the words always say what is drawn: the title,
then for each series its largest item and (for amounts and counts) its total, or for a
grid the number of rows and columns and of cells at each level.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from dashboard.formatting import format_probability, format_share, format_usd

MAX_SERIES = 5  # series said in words; the rest are counted


def plain(text: str | None) -> str:
    """A Plotly title as plain text: line breaks as spaces, tags dropped."""
    import re

    t = re.sub(r"-<br\s*/?>", "-", text or "")  # "one-<br>off": one word
    t = re.sub(r"<br\s*/?>", " ", t)
    t = re.sub(r"<[^>]+>", "", t)
    return " ".join(t.replace("\xa0", " ").split())


def _value(v: float, units: str) -> str:
    if units == "US$":
        return format_usd(v)
    if units == "chance":  # a share of simulated outcomes: never a rounded certainty
        return format_probability(v)
    if units == "share":
        return format_share(v) if abs(v) <= 1 else f"{v:,.1f}%"
    if units == "count" or float(v).is_integer():
        return f"{v:,.0f}"
    return f"{v:,.3f}"


def _numbers(values: object) -> list[float] | None:
    if values is None:
        return None
    try:
        arr = np.asarray(list(values), dtype=float)
    except (TypeError, ValueError):
        return None
    return list(arr)


def _labels(trace: go.BaseTraceType, categories: Sequence[object]) -> list[str]:
    """Each point's name: its code (the first of its customdata) when it has one, else
    its category."""
    custom = getattr(trace, "customdata", None)
    out = []
    for i, c in enumerate(categories):
        first = None
        if custom is not None and i < len(custom):
            row = custom[i]
            first = row[0] if isinstance(row, (list, tuple, np.ndarray)) and len(row) else None
        out.append(str(first) if isinstance(first, str) and first else str(c))
    return out


def _bar(trace: go.BaseTraceType, units: str) -> str | None:
    horizontal = trace.orientation == "h"
    values = _numbers(trace.x if horizontal else trace.y)
    cats = trace.y if horizontal else trace.x
    if values is None or cats is None:
        return None
    pairs = [(v, lab) for v, lab in zip(values, _labels(trace, list(cats)), strict=False)
             if not np.isnan(v)]
    measure = getattr(trace, "measure", None)
    if measure is not None:  # a waterfall: its steps, not its totals
        pairs = [p for p, m in zip(pairs, measure, strict=False) if m == "relative"]
    if not pairs:
        return None
    base = _numbers(getattr(trace, "base", None))
    if base is not None and len(base) == len(values):  # a range: from base to base + value
        ranges = [(v, lab, b) for (v, lab), b in zip(pairs, base, strict=False)]
        v, lab, b = max(ranges, key=lambda x: x[0])
        name = f"{trace.name}: " if trace.name else ""
        return (f"{name}the widest {lab} (from {_value(b, units)} to "
                f"{_value(b + v, units)})")
    top_v, top = max(pairs, key=lambda x: x[0])
    low_v, low = min(pairs, key=lambda x: x[0])
    name = f"{trace.name}: " if trace.name else ""
    text = f"{name}largest {top} ({_value(top_v, units)})"
    if low_v < 0:
        text += f", lowest {low} ({_value(low_v, units)})"
    if units in ("US$", "count") and len(pairs) > 1:
        text += f", total {_value(sum(v for v, _ in pairs), units)} over {len(pairs)}"
    return text


def _pie(trace: go.BaseTraceType, units: str) -> str | None:
    values = _numbers(trace.values)
    if not values or trace.labels is None:
        return None
    total = sum(values)
    pairs = sorted(zip(values, [str(x) for x in trace.labels], strict=False), reverse=True)
    top_v, top = pairs[0]
    share = format_share(top_v / total) if total else "0%"
    return f"largest {top} ({share} of {len(pairs)})"


def _scatter(trace: go.BaseTraceType, units: str) -> str | None:
    xs, ys = _numbers(trace.x), _numbers(trace.y)
    if trace.x is None or trace.y is None:
        return None
    name = f"{trace.name}: " if trace.name else ""
    if ys is None and xs is not None:  # markers along categories: as bars
        return _bar(go.Bar(x=trace.x, y=trace.y, orientation="h", name=trace.name,
                           customdata=trace.customdata), units)
    if ys is None:  # a grid: categories both ways (organization by initiative)
        return f"{name}{len(trace.y)} cells"
    if xs is None:
        xs = list(range(len(ys)))
    if "lines" in (trace.mode or "") and "markers" not in (trace.mode or ""):
        return f"{name}a line up to {_value(max(ys), units)}" if ys else None
    texts = trace.text if isinstance(trace.text, (list, tuple, np.ndarray)) else None
    labels = _labels(trace, [t or "" for t in texts]) if texts is not None else [""] * len(ys)
    points = [(y, x, lab) for y, x, lab in zip(ys, xs, labels, strict=False) if not np.isnan(y)]
    if not points:
        return None
    y, x, lab = max(points, key=lambda p: p[0])
    who = f"{lab} " if lab else ""
    return f"{name}{len(points)} point(s), the highest {who}at {_value(y, units)}"


def _grid(fig: go.Figure) -> str | None:
    """Rows by columns when every trace is a scatter of categories both ways."""
    # a legend's key alone (x and y None: the matrices' blank cell) is no row or column
    traces = [t for t in fig.data if getattr(t, "y", None) is not None
              and any(v is not None for v in t.y)]
    if not traces or any(t.type != "scatter" or _numbers(t.y) is not None
                         or _numbers(t.x) is not None for t in traces):
        return None
    rows = {str(y) for t in traces for y in t.y}
    cols = {str(x) for t in traces for x in t.x}
    return f"{len(rows)} rows (organizations) by {len(cols)} columns (initiatives)"


def describe(fig: go.Figure, title: str, units: str = "") -> str:
    """The chart in words: its title, then what its series hold (largest item, total)."""
    parts: list[str] = []
    grid = _grid(fig)
    if grid:
        parts.append(grid)
    for trace in fig.data:
        if trace.visible == "legendonly" or (trace.type != "pie" and getattr(
                trace, "x", None) is None and getattr(trace, "y", None) is None):
            continue  # a legend's swatch only
        say = {"bar": _bar, "waterfall": _bar, "pie": _pie, "scatter": _scatter}.get(trace.type)
        text = say(trace, units) if say else None
        if text:
            parts.append(text)
    said = parts[:MAX_SERIES + (1 if grid else 0)]
    more = len(parts) - len(said)
    if more:
        said.append(f"and {more} more series")
    body = "; ".join(said) if said else "no data"
    return f"Chart: {title}. {body[:1].upper()}{body[1:]}."
