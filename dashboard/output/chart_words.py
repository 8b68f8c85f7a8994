"""A chart said in words: the text alternative of every chart in the briefing pack (its
`aria-label`, which Chromium writes into the tagged PDF as the figure's /Alt), for a
reader who cannot see the chart.

`describe(fig, title, units)` is the one function: it reads the figure the app's builder
made (dashboard/charts/figures*.py), so the words always say what is drawn: the title,
then for each series its largest item and (for amounts and counts) its total, or for a
grid the number of rows and columns and of cells at each level. Every phrase is one
message in the reader's language, its numbers from the formatter.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from dashboard.formatting import format_probability, format_share, format_usd
from dashboard.lang import numbers
from dashboard.lang.translate import _, ngettext
from dashboard.lang.typography import typeset
from dashboard.output.summary import clause_list

MAX_SERIES = 5  # series said in words; the rest are counted


def plain(text: str | None) -> str:
    """A Plotly title as plain text: line breaks as spaces, tags dropped; its no-break
    spaces kept (a heading never starts a line with "(US$)", French's ":" or the "%" of
    "99,3 %", nor splits "20 000": FR #15)."""
    import re

    t = re.sub(r"-<br\s*/?>", "-", text or "")  # "one-<br>off": one word
    t = re.sub(r"<br\s*/?>", " ", t)
    t = re.sub(r"<[^>]+>", "", t)
    return re.sub(r"[ \t\n\r\f\v]+", " ", t).strip()


def _value(v: float, units: str) -> str:
    if units == "US$":
        return format_usd(v)
    if units == "chance":  # a share of simulated outcomes: never a rounded certainty
        return format_probability(v)
    if units == "share":
        return format_share(v) if abs(v) <= 1 else numbers.plain_percent(v / 100, 1)
    if units == "count" or float(v).is_integer():
        return numbers.number(v, 0)
    return numbers.number(v, 3)


def _named(name: object, words: str) -> str:
    """A series' words after its name ("Cost: largest KS ($1.2M)"), or the words alone."""
    # TRANSLATORS: a chart's series (a legend's name), then what it holds
    return _("{series}: {words}").format(series=name, words=words) if name else words


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
        return _named(trace.name, _("the widest {label} (from {low} to {high})").format(
            label=lab, low=_value(b, units), high=_value(b + v, units)))
    top_v, top = max(pairs, key=lambda x: x[0])
    low_v, low = min(pairs, key=lambda x: x[0])
    words = [_("largest {label} ({value})").format(label=top, value=_value(top_v, units))]
    if low_v < 0:
        words.append(_("lowest {label} ({value})").format(label=low, value=_value(low_v, units)))
    if units in ("US$", "count") and len(pairs) > 1:
        words.append(_("total {total} over {n}").format(
            total=_value(sum(v for v, _i in pairs), units), n=numbers.number(len(pairs), 0)))
    return _named(trace.name, ", ".join(words))


def _pie(trace: go.BaseTraceType, units: str) -> str | None:
    values = _numbers(trace.values)
    if not values or trace.labels is None:
        return None
    total = sum(values)
    pairs = sorted(zip(values, [str(x) for x in trace.labels], strict=False), reverse=True)
    top_v, top = pairs[0]
    share = format_share(top_v / total) if total else numbers.plain_percent(0, 0)
    return _("largest {label} ({share} of {n})").format(label=top, share=share,
                                                        n=numbers.number(len(pairs), 0))


def _scatter(trace: go.BaseTraceType, units: str) -> str | None:
    xs, ys = _numbers(trace.x), _numbers(trace.y)
    if trace.x is None or trace.y is None:
        return None
    if ys is None and xs is not None:  # markers along categories: as bars
        return _bar(go.Bar(x=trace.x, y=trace.y, orientation="h", name=trace.name,
                           customdata=trace.customdata), units)
    if ys is None:  # a grid: categories both ways (organization by initiative)
        return _named(trace.name, ngettext("{n} cell", "{n} cells", len(trace.y)).format(
            n=numbers.number(len(trace.y), 0)))
    if xs is None:
        xs = list(range(len(ys)))
    if "lines" in (trace.mode or "") and "markers" not in (trace.mode or ""):
        return _named(trace.name, _("a line up to {value}").format(
            value=_value(max(ys), units))) if ys else None
    texts = trace.text if isinstance(trace.text, (list, tuple, np.ndarray)) else None
    labels = _labels(trace, [t or "" for t in texts]) if texts is not None else [""] * len(ys)
    points = [(y, x, lab) for y, x, lab in zip(ys, xs, labels, strict=False) if not np.isnan(y)]
    if not points:
        return None
    y, x, lab = max(points, key=lambda p: p[0])
    n, value = numbers.number(len(points), 0), _value(y, units)
    return _named(trace.name, (
        _("{n} point(s), the highest {label} at {value}").format(n=n, label=lab, value=value)
        if lab else _("{n} point(s), the highest at {value}").format(n=n, value=value)))


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
    return _("{rows} rows (organizations) by {columns} columns (initiatives)").format(
        rows=numbers.number(len(rows), 0), columns=numbers.number(len(cols), 0))


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
        if trace.meta == "totals":
            continue  # a waterfall's two totals drawn as markers: its steps are said
        say = {"bar": _bar, "waterfall": _bar, "pie": _pie, "scatter": _scatter}.get(trace.type)
        text = say(trace, units) if say else None
        if text:
            parts.append(text)
    said = parts[:MAX_SERIES + (1 if grid else 0)]
    more = len(parts) - len(said)
    if more:
        said.append(_("and {n} more series").format(n=numbers.number(more, 0)))
    body = clause_list(said) if said else _("no data")
    return typeset(_("Chart: {title}. {description}.").format(
        title=title, description=f"{body[:1].upper()}{body[1:]}"))
