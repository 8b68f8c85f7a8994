"""A finished figure made ready for `st.plotly_chart`, so the browser draws it once.

Streamlit's chart element gives Plotly each new figure twice: as sent, then again from an
effect that re-applies the chart theme to a JSON copy of it. `Plotly.react` compares the
two, and with Streamlit's theme they always differed where it counts: the copy carries a
new `template` object (which Plotly compares by identity, and whose change means "compute
everything again") and freshly decoded data arrays (plotly.py sends numpy arrays as
base64 typed arrays; the copy turns them into other objects). So every chart was drawn
twice on every page: 10 full drawings for the 5 charts of Costs & benefits
(docs/benchmarks.md). `for_browser` removes each cause:

- the house style the Streamlit theme gave (title, tick and axis-title fonts and sizes,
  spacing, legend, hover label, colours) is written on the figure itself, and the chart is
  shown with `theme=None` and no template, so the theme's second pass has nothing to
  change;
- data arrays go as plain lists, which survive the JSON copy as equal arrays;
- `layout.datarevision` is a digest of the figure, so Plotly compares the data by
  revision rather than by identity: the same figure is not drawn again, a changed one
  always is;
- a chart that narrows a filter when clicked gets the click, hover and drag modes
  Streamlit would otherwise add after the first drawing (a change that draws it again);
- the margins its axis labels need, and the room its legend's rows need at its desktop
  width, are set before it is drawn (dashboard/charts/figure_margins.py), so Plotly's automargin
  does not draw it again either.

`tests/browser/test_chart_drawing.py` counts Plotly's drawings of every chart on every
page in Chromium and fails when one is drawn twice.
"""

from __future__ import annotations

import base64
import hashlib
import json

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.figure_margins import FULL_WIDTH, fit_legend, fit_margins
from dashboard.lang.numbers import plotly_separators

# The look Streamlit's chart theme gave the charts (measured from the figures Plotly drew
# with it), now set on each figure: sizes in px.
FONT_FAMILY = '"Source Sans", sans-serif'  # Streamlit's own face, for the chart titles
TITLE_COLOR = "#000000"
TICK_SIZE = 12
AXIS_TITLE_SIZE = 14
STANDOFF = {"x": 20, "y": 24}  # px between the tick labels and the axis title
LEGEND_SIZE = 12
PLOT_PAD = 8  # px between the plot and its axis lines
# the hover label as the theme drew it, but its text darker than the theme's grey #808495
# (3.8:1 on white): #31333F, Streamlit's text colour (12:1)
HOVER = dict(bgcolor="#FFFFFF", bordercolor="rgba(0, 0, 0, 0.2)",
             font=dict(family=FONT_FAMILY, color="#31333F"))
COLORWAY = ["#0068c9", "#83c9ff", "#ff2b2b", "#ffabab", "#29b09d", "#7defa1", "#ff8700",
            "#ffd16a", "#6d3fc0", "#d5dae5"]
# what Streamlit sets on a chart that reports clicked points (selection_mode="points")
SELECT_MODES = dict(clickmode="event+select", hovermode="closest", dragmode="pan")


def _plain(value: object) -> object:
    """The value with every base64 typed array (plotly.py's form of a numpy array) as a
    plain list."""
    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value:
            arr = np.frombuffer(base64.b64decode(value["bdata"]),
                                dtype=np.dtype(value["dtype"]))
            if "shape" in value:
                arr = arr.reshape(tuple(int(n) for n in str(value["shape"]).split(",")))
            return arr.tolist()
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "Mm":  # dates and durations as ISO text, as plotly.py sends them
            return np.datetime_as_string(value).tolist() if value.dtype.kind == "M" \
                else [str(v) for v in value]
        return _plain(value.tolist())
    if isinstance(value, np.generic):
        return value.item()
    return value


def _default(obj: dict, path: tuple[str, ...], value: object) -> None:
    """Set obj[path] to `value` unless the figure set it."""
    for key in path[:-1]:
        obj = obj.setdefault(key, {})
    obj.setdefault(path[-1], value)


def _style(layout: dict) -> None:
    layout.pop("template", None)
    # the reader's language's decimal sign and group separator, for axes and hovers
    # (a builder's shared layout sets them; a page's own figure gets them here)
    layout.setdefault("separators", plotly_separators())
    title = layout.get("title")
    if title and title.get("text"):
        text = title["text"]
        if not (text.startswith("<b>") and text.endswith("</b>")):
            title["text"] = f"<b>{text}</b>"
        _default(title, ("font", "family"), FONT_FAMILY)
        _default(title, ("font", "color"), TITLE_COLOR)
    layout.setdefault("xaxis", {})  # the first axes take the style whether set or not
    layout.setdefault("yaxis", {})
    for name in [k for k in layout if k[:5] in ("xaxis", "yaxis")]:
        axis = layout[name]
        _default(axis, ("tickfont", "size"), TICK_SIZE)
        _default(axis, ("title", "font", "size"), AXIS_TITLE_SIZE)
        _default(axis, ("title", "standoff"), STANDOFF[name[0]])
    _default(layout, ("legend", "font", "size"), LEGEND_SIZE)
    _default(layout, ("legend", "title", "font", "size"), LEGEND_SIZE)
    _default(layout, ("legend", "valign"), "top")
    _default(layout, ("margin", "pad"), PLOT_PAD)
    hover = layout.setdefault("hoverlabel", {})
    for key, value in HOVER.items():
        if isinstance(value, dict):
            for k, v in value.items():
                _default(hover, (key, k), v)
        else:
            hover.setdefault(key, value)
    layout.setdefault("colorway", COLORWAY)


def revision(spec: dict) -> str:
    """A digest of the figure (data and layout, its own revision left out)."""
    layout = {k: v for k, v in spec.get("layout", {}).items() if k != "datarevision"}
    text = json.dumps({"data": spec.get("data", []), "layout": layout}, sort_keys=True,
                      default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def for_browser(fig: go.Figure, *, selectable: bool = False,
                width: float = FULL_WIDTH) -> go.Figure:
    """A new figure: `fig` in the house style, with the margins its labels need, plain
    data arrays and its digest as `datarevision` (the module's docstring says why).
    selectable: the chart reports clicked points to the app; width: the chart's width on
    a desktop (figure_margins.FULL_WIDTH, or HALF_WIDTH in one of two columns)."""
    spec = _plain(fig.to_plotly_json())  # a copy: `fig` is left as it was
    layout = spec.setdefault("layout", {})
    _style(layout)
    if selectable:
        for key, value in SELECT_MODES.items():
            layout.setdefault(key, value)
    out = fit_legend(fit_margins(go.Figure(spec)), width)
    out.layout.template = None  # plotly.py gives a new figure its default template
    out.layout.datarevision = revision(out.to_plotly_json())
    return out
