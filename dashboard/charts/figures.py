"""The figure builders' conventions and shared helpers; the builders themselves are by page
(modules figures_overview, figures_costs, figures_agency, figures_funding,
figures_detail and figures_analytics), each declared with its dataset in
dashboard/registry.py.

A builder is pure: a DataFrame (from dashboard/query/chart_data.py) in, a Plotly figure
out. No Streamlit and no queries. Every figure has a title and axis titles with units,
uses dashboard/charts/palette.py (one colour per category everywhere, colour-blind-safe),
and puts the id a click should filter on (initiative_id or agency_code) first in
customdata. An empty DataFrame gives a figure that says "No data for these filters"
(`empty_figure`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import axis_labels
from dashboard.charts.figure_layout import update_axes, update_layout
from dashboard.charts.figure_margins import LEGEND_SWATCH, legend_names, text_width
from dashboard.contract.labels import shorten
from dashboard.formatting import (
    NO_DATA,
    format_count,
    format_usd,
    keep_units,
    money_ticks,
    whole_step,
)
from dashboard.lang.lazy import N_, read
from dashboard.lang.numbers import plotly_separators
from dashboard.lang.translate import _, language

USD = N_("US dollars")  # an axis's unit, read with _(USD)
FONT = dict(family="sans-serif", size=13, color="#1F2933")
SAMPLE_MARK = N_("Illustrative sample data")
SAMPLE_MARK_COLOR = "#8A3B00"  # dark orange: 7.5:1 on white

# The layout pattern every figure shares (see `_layout`), sized for the narrowest screen
# the dashboard supports (a 390-px phone: about 330 px of chart width), so nothing is
# clipped or piled up there and the desktop only gains room:
TOP_BAND = 30  # px kept free at the top: the chart toolbar (right), the sample mark (left)
TITLE_LINE = 21  # px per line of the title
TITLE_CHARS = 40  # the title wraps after about this many characters
LEGEND_ROW = 24  # px per row of a horizontal legend
# px under the legend's rows: its own padding, and the room Plotly keeps there for the top
# axis label (less than this and the browser draws the chart a second time to make room)
LEGEND_PAD = 20
COLORBAR_HEIGHT = 44  # px a horizontal colour key takes in the legend's place
RIGHT = 16  # px right of the plot
NARROW_WIDTH = 320  # px of legend width counted on a phone
LABEL_CHARS = 28  # category labels (initiative names) are shortened to this; hover has all


def longer_than_english(texts: Callable[[], list[str]]) -> float:
    """How much wider the texts `texts()` gives are in the reader's language than in
    English (1 when not wider): a French amount ("40,0 M $US") takes about half as much
    room again as "$40.0M", so an axis gives its labels room by this ratio and the
    English drawing stays as it was."""
    now = sum(text_width(t, 12) for t in texts())
    with language("en"):
        english = sum(text_width(t, 12) for t in texts())
    return max(1.0, now / english) if english else 1.0


def money_ticks_across(lo: float, hi: float, target: int, **kw: object):
    """Money ticks for an axis across (`money_ticks`), fewer (as many fewer as
    they are wider) when the language's labels are over a quarter wider than the English ones (they would run together on a
    phone's plot)."""
    wider = longer_than_english(lambda: money_ticks(lo, hi, target, **kw)[1])
    if wider > 1.25:
        target = max(2, int(target / wider))
    ticks = money_ticks(lo, hi, target, **kw)
    return ticks


def said(what: str, value: str) -> str:
    """"What: value" in the reader's language (French: a no-break space before the colon),
    for a hover line built from a word and a Plotly placeholder ("%{customdata}")."""
    # TRANSLATORS: a label and its value in a chart's hover, "Paid: $1.2M"
    return _("{what}: {value}").format(what=what, value=value)


def wrap(text: str, width: int = TITLE_CHARS) -> str:
    """Plotly does not wrap text: break it into lines of about `width` characters."""
    # a unit stays with its word (a no-break space is not a place textwrap breaks)
    lines = textwrap.wrap(keep_units(text), width=width, break_long_words=True) or [""]
    return "<br>".join(lines)


def short(text: object, width: int = LABEL_CHARS) -> str:
    """A label shortened to fit beside an axis (the hover keeps it whole): cut in the
    middle, so its last words survive (dashboard/contract/labels.py `shorten`)."""
    return shorten(text, width)


def keyed_axis(fig: go.Figure, axis: str, keys: list, labels: list[str], **kw: object) -> None:
    """A category axis keyed by each row's unique id (a code, or the row's key) with the
    reader's label as its tick text (dashboard/contract/labels.py): two rows whose labels
    are equal stay two rows. `keys` in the order drawn (the first at the bottom of a
    horizontal chart)."""
    keys = [str(k) for k in keys]
    update_axes(fig, axis, type="category", categoryorder="array", categoryarray=keys,
                tickmode="array", tickvals=keys, ticktext=list(labels), **kw)


def initiative_labels(df: pd.DataFrame) -> list[str]:
    """Each row's initiative as every chart names it: its one label, name and code
    (dashboard/charts/axis_labels.py `initiative_names`)."""
    names = df["name"] if "name" in df.columns else (
        df["initiative_name"] if "initiative_name" in df.columns else [None] * len(df))
    return axis_labels.side_labels(list(df["initiative_id"]), list(names))


# A legend's title stands on a row of its own above the entries: beside them (side "left")
# Plotly wraps the entries as if the title took no room, so the last entry ran off the
# chart ("Pa" for « Participant » at 1440 px, "Intéress…" on a phone, "N" for "No
# commitment" in the pack: French review round 2, #3; round 4, #7)
LEGEND_TITLE = "top"  # not "top left": Plotly then offsets the entries by the title too


def legend_rows(names: list[str], title: str | None = None,
                width: int = NARROW_WIDTH) -> int:
    """How many rows a horizontal legend takes on a phone: its title's row (`LEGEND_TITLE`:
    the title stands above the entries), then one when every entry (its swatch, about 7.5
    px a character, and a gap) fits on a row; else Plotly lays the entries out in a grid of
    the widest entry's width (plotly.js legend/draw.js, as figure_margins.legend_rows_in
    counts it), so one long entry ("Blank: not asked, or no answer") puts every entry on
    a row of its own."""
    head = 1 if title else 0
    widths = [46 + 7.5 * max(len(x) for x in name.split("<br>")) for name in names]
    extra = [name.count("<br>") for name in names]  # an entry on two lines: a taller row
    if not widths or sum(widths) <= width:
        return head + 1 + max(extra, default=0)
    columns = max(1, int(width // max(widths)))
    return head + -(-len(widths) // columns) + (sum(extra) if columns == 1 else max(extra))


def legend_entries(fig: go.Figure) -> None:
    """A legend entry wider than a phone's legend line (its swatch and name past
    `NARROW_WIDTH` px) on two lines: on a phone one line ran off the chart (French review
    #21: « Annonces de contributions des donateurs, non encore versées »); the English
    names are shorter and stay on one line."""
    for tr in fig.data:
        name = tr.name if tr.type != "pie" else None
        if name and "<br>" not in str(name) and tr.showlegend is not False \
                and LEGEND_SWATCH + text_width(str(name), 12) > NARROW_WIDTH:
            tr.name = wrap(str(name), -(-len(str(name)) // 2) + 4)


def _layout(fig: go.Figure, title: str, *, height: int = 420, legend: bool = True,
            legend_title: str | None = None, key_height: int | None = None) -> go.Figure:
    """The shared layout: a wrapped title under the top band, the legend (horizontal)
    under the title and above the plot, never on the data; margins that grow with the axis
    labels (automargin); outside labels not clipped. `height` is the plot's own height
    plus the axes (the title and legend add to it). key_height: the px a colour key in
    the legend's place takes (instead of the legend's rows)."""
    title, legend_title = str(read(title)), read(legend_title)  # marked texts, translated
    title_lines = wrap(title).count("<br>") + 1
    top = TOP_BAND + TITLE_LINE * title_lines + 8
    rows = 0
    if legend:
        legend_entries(fig)
        rows = legend_rows(legend_names(fig), legend_title)
    legend_top = top
    key = key_height if key_height is not None else LEGEND_ROW * rows
    top += key + (LEGEND_PAD if key else 0)
    total = int(height + top)
    update_layout(
        fig,
        title=dict(text=wrap(title), x=0, xanchor="left", xref="container",
                   y=1 - (TOP_BAND - 4) / total, yref="container", yanchor="top",
                   font=dict(size=16), pad=dict(l=4)),
        height=total,
        margin=dict(l=10, r=RIGHT, t=top, b=10, autoexpand=True),
        font=FONT,
        showlegend=legend,
        legend=dict(orientation="h", xref="container", x=0, xanchor="left", yref="container",
                    y=1 - legend_top / total, yanchor="top", bgcolor="rgba(0,0,0,0)",
                    font=dict(color="#1F2933"),
                    title=dict(text=legend_title, side=LEGEND_TITLE, font=dict(color="#333333"))
                    if legend_title else None),
        hoverlabel=dict(font_size=13),
        separators=plotly_separators(),  # the reader's language: "1,234.5" / "1 234,5"
        plot_bgcolor="white",
        paper_bgcolor="white",
        uniformtext=dict(minsize=10, mode="hide"),
    )
    if fig.layout.barmode in ("stack", "relative") and fig.layout.legend.traceorder is None and any(
            t.type == "bar" and t.orientation == "h" for t in fig.data):
        # bars stacked on their side, the first trace at the left: the legend reads as they
        # stack (plotly's default for a stack, "reversed", is for bars standing up; R5 #11)
        fig.layout.legend.traceorder = "normal"
    axis_text = dict(tickfont=dict(color="#333333"), title_font=dict(color="#333333"))
    update_axes(fig, "x", showgrid=False, zeroline=False, linecolor="#BBBBBB", automargin=True,
                **axis_text)
    update_axes(fig, "y", gridcolor="#E5E5E5", zerolinecolor="#999999", automargin=True,
                **axis_text)
    return fig


MONEY_TICKS = 4  # labelled ticks a money axis shows at least (round 4, #10)
MONEY_TICKS_OFF_ZERO = 3  # on an axis whose range does not hold $0 (a waterfall's), when
# four's labels would not fit side by side (EN #8)
HEADROOM = 0.03  # of the span: the range's least room past the largest value (a bar
# never ends on the plot's edge)
MOST_TARGET = 10  # the finest step tried: about this many intervals
LABEL_GAP_PX = 4  # px at least between two money labels across (their widths are
# measured at most: figure_margins.text_width)


def money_scale(low: float, high: float, shown: tuple[float, float] | None = None, *,
                across: bool, least: int = 0, room: float | None = None
                ) -> tuple[list[float], list[float], list[str]]:
    """THE rule of a money axis (round 4, #10; French review #7): (range, tick values,
    tick labels) for values from `low` to `high`. The range always reaches a labelled
    tick at or above the largest value (no bar rises past the last labelled gridline;
    with no `shown` range of the builder's, `HEADROOM` past the largest value when that
    tick is nearer), and
    then to one below the lowest negative value; it holds at least `MONEY_TICKS` labelled ticks
    (`MONEY_TICKS_OFF_ZERO` when it does not hold $0 and four would not fit: EN #8, the
    waterfall's "$100M, $120M, $140M" now "$100M" to "$140M" by $10M), and `least` when asked, at a finer
    step while their labels fit side by side on a plot `room` px wide (a phone's; across
    only). Across (x): about three steps and never a 2.5 one, whose longer labels ran
    together on a phone's narrow plot ("$2.5B" on "$5.0B"); down (y): about four."""
    span = (high - low) or abs(high) or 1.0
    top = high if shown else high + HEADROOM * span
    start, end = (min(low, shown[0]), max(top, shown[1])) if shown else (low, top)
    tiny = 1e-9 * span

    def scale(vals: list[float], texts: list[str], stretch: bool) -> tuple | None:
        """The range on these ticks (`stretch`: a builder's range ended at the next
        tick), and whether it holds the ticks asked for and their labels fit."""
        hi_tick = min((v for v in vals if v >= high - tiny), default=end)
        last = min((v for v in vals if v >= end - tiny), default=end)
        first = max((v for v in vals if v <= start + tiny), default=start)
        if shown:
            rng = [first if stretch and start < 0 else shown[0],
                   last if stretch else max(shown[1], hi_tick)]
        else:
            rng = [max((v for v in vals if v <= low + tiny), default=start) if low < 0
                   else low, last if stretch else max(hi_tick, top)]
        keep = [i for i, v in enumerate(vals) if rng[0] - tiny <= v <= rng[1] + tiny]
        vals, texts = [vals[i] for i in keep], [texts[i] for i in keep]
        inside = vals
        need = max(least, MONEY_TICKS if rng[0] <= 0 <= rng[1] else MONEY_TICKS_OFF_ZERO)
        four = len(inside) >= max(least, MONEY_TICKS)
        step = (vals[1] - vals[0]) if len(vals) > 1 else 0.0
        fits = not texts or not (across and room is not None and step) or room * step / (
            (rng[1] - rng[0]) or 1.0) >= max(text_width(t, 12) for t in texts) + LABEL_GAP_PX
        return rng, vals, texts, len(inside) >= need, fits, four

    raw = [money_ticks_across(start, end, 3, quarters=False) if across
           else money_ticks(start, end, 4)]
    # across, a 2.5 step only when no other holds enough ("$2.5B" ran into "$5B")
    for quarters in ((False, True) if across else (True,)):
        raw += [money_ticks(start, end, target, quarters=quarters)
                for target in range(4 if across else 5, MOST_TARGET + 1)]
    # else the range ended at the ticks past its ends: fewer, wider steps may then do
    tried = [scale(*r, False) for r in raw] + [scale(*r, True) for r in raw]
    # four labelled ticks on the range as it is wherever their labels fit; three only off
    # $0 where four do not (no range stretched for a fourth)
    kept = len(raw)
    for _i, (rng, vals, texts, enough, fits, _four) in sorted(
            enumerate(tried), key=lambda it: not (it[1][5] and it[0] < kept)):
        if enough and fits:
            return rng, vals, texts
    # none holds enough that fit a phone: the finest whose labels fit, else the first
    best = max((t for t in tried if t[4]), key=lambda t: len(t[1]), default=tried[0])
    return best[0], best[1], best[2]


PLOT_WIDTHS = (255.0, 560.0)  # px: a phone's plot (beside the French share axis's
# labels and title), a desktop's: the builders fit their labels to both


def end_label_room(fig: go.Figure, rng: list[float], vals: list[float],
                   texts: list[str], room: float = PLOT_WIDTHS[0]) -> None:
    """Room right of the plot for the half of each tick's label that runs past the x
    axis's right end on a phone's plot `room` px wide: past the figure's edge Plotly hides
    it ("$100M" missing at the tornado's end, the tick the range reaches above the largest
    value: round 4, #10; "$140M" 8 px from the waterfall's end on a phone: EN #8)."""
    span = (rng[1] - rng[0]) or 1.0
    # half the label less its tick's distance to the end, and the pad Plotly's automargin
    # keeps past it (24 px for "$100M" came out 30 in the browser: a redraw,
    # tests/browser/test_chart_drawing.py)
    past = [text_width(t, 12) / 2 - (rng[1] - v) / span * room
            for v, t in zip(vals, texts, strict=True) if rng[0] <= v <= rng[1] + 1e-9 * span]
    if past and max(past) > 0:
        need = int(max(past)) + 12
        if (fig.layout.margin.r or 0) < need:
            fig.layout.margin.r = need


def _money_axis(fig: go.Figure, axis: str = "y", values: object = None, *,
                lo: float | None = None, least: int = 0, room: float | None = None,
                **kw: object) -> None:
    """Money ticks in the dashboard's one format ("$200.0K", as on the tiles) on the range
    `money_scale` gives. `values`: the amounts the axis must show (stack totals for
    stacked bars); `lo`: where the axis starts when not at 0; `least`: at least this many
    ticks inside the axis's range (a finer step when fewer show: "$0, $20.0M" alone under
    bars up to $31M), while across their labels fit side by side on a plot `room` px wide
    (a phone's). A range the builder set (room for labels) is kept, and extended to the
    tick above the largest value."""
    upd: dict[str, object] = dict(kw)
    nums = pd.to_numeric(pd.Series(list(values) if values is not None else []),
                         errors="coerce").dropna()
    if len(nums):
        low = float(min(0.0, nums.min())) if lo is None else lo
        high = float(max(0.0, nums.max()))
        current = fig.layout.yaxis if axis == "y" else fig.layout.xaxis
        shown = upd.get("range") or current.range
        rng, vals, texts = money_scale(low, high, tuple(shown) if shown else None,
                                       across=axis == "x", least=least, room=room)
        upd.update(range=rng, tickmode="array", tickvals=vals, ticktext=texts)
        if axis == "x":
            end_label_room(fig, rng, vals, texts)
    else:
        upd.update(tickprefix="$", exponentformat="B", separatethousands=True)
    if axis == "y":
        update_axes(fig, "y", **upd)
    else:
        update_axes(fig, "x", **upd)


PAIRED = 1.25  # two charts share a row while the taller is at most this many times the other


def side_by_side(left: float, right: float) -> bool:
    """Whether two columns of figures `left` and `right` px tall stand side by side: the
    house style's rule for paired columns, matched in height (round 4, #14: a 360-px
    histogram beside a 900-px tornado left an empty column 400 px tall). Else each chart
    takes the page's whole width, one under the other."""
    short, tall = sorted((float(left), float(right)))
    return short > 0 and tall <= PAIRED * short


def count_labels(values) -> list[str]:
    """Counts as a reader reads them: whole numbers with a thousands separator ("5", never
    "5.0"; Plotly keeps a numeric text array as floats, which the browser shows as "5.0")."""
    return [format_count(round(float(v))) for v in values]


def _count_axis(fig: go.Figure, axis: str, most: float) -> None:
    """Whole-number ticks at a round step (never one tick per unit when counts are large)."""
    upd = dict(tickmode="linear", tick0=0, dtick=whole_step(float(most or 1), 5),
               tickformat=",d", rangemode="tozero")
    if axis == "y":
        update_axes(fig, "y", **upd)
    else:
        update_axes(fig, "x", **upd)


def category_ticks(fig: go.Figure, labels: list[str], axis: str = "x",
                   width: int = NARROW_WIDTH - 60, texts: list[str] | None = None) -> None:
    """Category labels under a chart: on up to two lines (cut only past them), upright
    while they fit side by side on a phone, else standing vertically (a slanted label's box would cover its neighbours').
    `labels` are the categories (the keys); `texts` what they read as, when not the keys
    (already fitted to their room)."""
    # `texts` come fitted (dashboard/charts/axis_labels.py); the keys are wrapped on two
    # lines here, never cut while they fit them (a French step name is a third longer)
    texts = axis_labels.category_texts(labels) if texts is None else list(texts)
    fits = sum(16 + 7 * max(len(x) for x in t.split("<br>")) for t in texts) <= width
    upd = dict(tickmode="array", tickvals=list(labels), ticktext=texts,
               tickangle=0 if fits else -90, tickfont=dict(size=13 if fits else 11))
    if axis == "x":
        update_axes(fig, "x", **upd)
    else:
        update_axes(fig, "y", **upd)


def _year_axis(fig: go.Figure, years: pd.Series, wider: float = 1.0) -> None:
    """Fiscal years as whole numbers, every year while they fit, else a round step.
    `wider`: how much wider the money labels beside the plot are than in English
    (`longer_than_english`): the plot is narrower by as much, so fewer years fit."""
    ys = pd.to_numeric(years, errors="coerce").dropna()
    span = float(ys.max() - ys.min()) if len(ys) else 0.0
    most = 6 / wider
    update_axes(fig, "x", tickmode="linear",
                dtick=1 if span <= most else whole_step(span, max(2, int(most))),
                tick0=0, tickformat="d")


def label_positions(x: list[float], y: list[float], texts: list[str], *,
                    x_range: tuple[float, float], y_range: tuple[float, float],
                    size: tuple[float, float] = (280, 300), limit: int = 8,
                    order: list[int] | None = None) -> list[bool]:
    """Which points get a text label: at most `limit`, in `order` (default: as given), each
    kept only if its label (drawn above the point) would not overlap one already kept, on a
    plot of `size` px (a phone's; a wider screen only spreads them further apart)."""
    w_px, h_px = size
    (x0, x1), (y0, y1) = x_range, y_range
    sx = w_px / ((x1 - x0) or 1.0)
    sy = h_px / ((y1 - y0) or 1.0)
    kept: list[tuple[float, float, float, float]] = []
    show = [False] * len(x)
    for i in order if order is not None else range(len(x)):
        if len(kept) >= limit:
            break
        cx, cy = (x[i] - x0) * sx, (y[i] - y0) * sy
        half = 4 + 3.8 * len(str(texts[i]))
        box = (cx - half, cx + half, cy + 8, cy + 26)
        if box[0] < -20 or box[1] > w_px + 20:
            continue
        if any(box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3]
               for b in kept):
            continue
        kept.append(box)
        show[i] = True
    return show


def mark_illustrative(fig: go.Figure) -> go.Figure:
    """Stamp the illustrative-data marker on the figure, so a screenshot or a downloaded
    image of the chart keeps it: a first line of the title block, small and coloured, in
    the top band (left; the chart toolbar is on the right)."""
    total = fig.layout.height or 450
    title = fig.layout.title.text or ""
    update_layout(fig, title=dict(
        text=f"<span style='font-size:11px;color:{SAMPLE_MARK_COLOR}'><b>{_(SAMPLE_MARK)}</b>"
        f"</span>" + (f"<br>{title}" if title else ""),
        y=1 - 12 / total))
    return fig


def empty_figure(title: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=_(NO_DATA), showarrow=False, x=0.5, y=0.5, xref="paper",
                       yref="paper", font=dict(size=16, color="#555555"))
    update_axes(fig, "x", visible=False)
    update_axes(fig, "y", visible=False)
    return _layout(fig, title, height=160, legend=False)


def _money(values: pd.Series) -> list[str]:
    return [format_usd(v) for v in values]


# --- a title said by a heading above the drawing (the app's and the pack's) ----------


def title_shift(fig: go.Figure) -> int:
    """The px the builder's title takes (its lines), given back when a heading above the
    drawing says it instead (`untitle`)."""
    text = fig.layout.title.text if fig.layout.title else None
    return TITLE_LINE * (text.count("<br>") + 1) if text else 0


def move_from_top(fig: go.Figure, old: float, new: float, by: float = 0) -> None:
    """Keep the legend and any colour key `by` px nearer the top than the builder put them,
    as the figure's height goes from `old` to `new` (they are placed as fractions)."""

    def moved(y: float | None) -> float | None:
        return None if y is None else 1 - ((1 - y) * old - by) / new

    legend = fig.layout.legend
    if legend and legend.y is not None and legend.yref == "container":
        legend.y = moved(legend.y)
    for trace in fig.data:
        bar = getattr(getattr(trace, "marker", None), "colorbar", None)
        if bar is not None and bar.y is not None and bar.yref == "container":
            bar.y = moved(bar.y)


def untitle(fig: go.Figure) -> None:
    """Take the builder's title out of the drawing where a heading above says it (the
    app's chart heading, the pack's), giving back the room it took above the legend and
    the plot."""
    shift = title_shift(fig)
    if not shift:
        return
    old = float(fig.layout.height or 450)
    fig.layout.title.text = ""
    move_from_top(fig, old, old - shift, shift)
    fig.layout.margin.t = max(0, (fig.layout.margin.t or 0) - shift)
    fig.layout.height = old - shift
