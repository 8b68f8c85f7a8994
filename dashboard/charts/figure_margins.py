"""Chart margins worked out on the server, so the browser draws each chart once.

Every axis keeps Plotly's `automargin` (labels are never clipped), but automargin works
after the fact: the browser draws the chart, measures the axis labels, and when they need
more room than the layout's margins give, draws the whole chart a second time. That
second drawing was about a third of Plotly's time on a page switch (docs/benchmarks.md).
`fit_margins` sets the margins the labels will need before the browser sees the figure,
from the label texts and an upper bound of their width, so the measured need fits and the
chart is drawn once. Where the estimate falls short, automargin still widens the margin
(one more drawing, as before): the estimate can cost time, never a clipped label.

The widths are the wider of DejaVu Sans (Linux's usual sans-serif, the widest of the common
ones) and Liberation Sans (metrically Arial, as Windows and macOS's Helvetica), per
character, in thousandths of an em, measured with Pillow at 1,000 px. On a screen whose
sans-serif is narrower the margin is a few pixels wider than it must be (about an eighth
of the label column); where an estimate falls short (a face wider still, tick labels
Plotly chooses itself), automargin widens it as before, at the cost of a second drawing.
"""

from __future__ import annotations

import itertools
import math
import numbers
import re
from collections.abc import Iterable

import plotly.graph_objects as go

from dashboard.charts.figure_layout import update_layout

_WIDTHS_BY_GROUP = {
    # a no-break space (French "40\u00a0M\u00a0$US") is a space; a narrow one narrower
    200: "\u202f", 275: "'", 278: "ijlìíîï", 295: "IÌÍÎÏ", 318: " \u00a0,.·’", 337: "/:;\\|", 352: "f", 361: "-",
    390: "()[]", 392: "t", 401: "!", 411: "r", 460: '"', 500: "*J`", 518: "“”", 521: "s",
    525: "z", 550: "cç", 556: "?_–", 557: "L", 579: "k", 592: "vxyýÿ", 611: "FT",
    612: "oðòóôõöø", 613: "aàáâãäå", 615: "eèéêë", 630: "ß", 634: "hnuñùúûü",
    635: "bdgpqþ", 636: "$0123456789{}€£", 667: "EKPSYÈÉÊËÝÞ", 684: "AVÀÁÂÃÄÅ", 685: "XZ",
    686: "B", 722: "CRÇ", 732: "UÙÚÛÜ", 748: "NÑ", 752: "H", 770: "D", 775: "Ð", 778: "G",
    780: "&", 787: "OQÒÓÔÕÖØ", 818: "w", 838: "#+<=>^~×÷−", 863: "M", 950: "%", 974: "m",
    982: "æ", 989: "W", 1000: "Æ…—→", 1015: "@",
}
WIDTHS = {ch: w / 1000 for w, chars in _WIDTHS_BY_GROUP.items() for ch in chars}
WIDEST = 1.0  # any other character (a CJK one is about 1 em)
BOLD = 1.12  # <b> text is about this much wider

LINE = 1.3  # Plotly's line height, in font sizes
# Plotly's spacing, measured on the sample's charts in Chromium (tests/browser/
# test_chart_drawing.py fails when a chart is drawn twice):
LABEL_GAP = 10  # px between an axis and its labels, and spare
# a side axis's labels are measured 5% wider than the table says: the labels of codes and
# shortened names ("UN-Habitat", "Common… (FIELDNET)") came out up to 3% wider than the
# table in Chromium, and a margin 2 px short makes Plotly draw the chart twice
LABEL_SLACK = 1.05
TITLE_GAP = 28  # px around the axis title
TITLE_LINES = 1.05  # an axis title's lines are a little further apart than labels'
UPRIGHT_GAP = 6  # px more under labels stood on end
EDGE = 20  # px: the half of an end label that reaches past the plot (x's first, y's lowest)
NUMBER = "8.88"  # what an automatic number label is at most as wide as
MINUS = "\u2212"

_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")


def text_width(text: object, size: float) -> float:
    """Pixels the longest line of `text` (Plotly's <br> lines; other tags dropped) takes
    at font `size`, at most."""
    return max((_line_width(line, size) for line in _BREAK.split(str(text))), default=0.0)


def _line_width(line: str, size: float) -> float:
    sized = _SIZE.search(line)
    px = float(sized.group(1)) if sized else size
    bold = BOLD if "<b>" in line.lower() else 1.0
    plain = _TAG.sub("", line).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return px * bold * sum(WIDTHS.get(ch, WIDEST) for ch in plain)


def text_height(text: object, size: float) -> float:
    """Pixels the lines of `text` take at font `size` (a sized line at its own size)."""
    return sum(LINE * (float(m.group(1)) if (m := _SIZE.search(line)) else size)
               for line in _BREAK.split(str(text)))


def _number_labels(axis: go.layout.XAxis | go.layout.YAxis, values: list[float]) -> list[str]:
    """The tick labels a numeric axis without its own label texts can show: its ends
    formatted as the axis formats them (or with three significant digits)."""
    bounds = list(axis.range) if axis.range is not None else values
    nums = [float(v) for v in bounds if isinstance(v, numbers.Real) and v == v]
    if not nums:
        return []
    fmt = axis.tickformat or ""
    out = []
    lo, hi = min(nums), max(nums)
    step = 10 ** max(0, len(str(int(abs(hi)))) - 1)  # automatic ticks may pass the data
    for v in (lo, hi, math.ceil(hi / step) * step if hi > 0 else hi):
        if fmt in ("d", ",d"):
            text = f"{round(v):,}" if "," in fmt else f"{round(v)}"
        elif re.fullmatch(r",?\.\d+[f%]", fmt):
            text = f"{v:{fmt}}"
        elif fmt.endswith("%"):
            text = f"{v * 100:.0f}%"
        else:
            text = max(f"{v:.3g}", NUMBER, key=len)
        # Plotly writes a minus sign (U+2212), wider than a hyphen
        out.append(f"{axis.tickprefix or ''}{text.replace('-', MINUS)}{axis.ticksuffix or ''}")
    return out


def _trace_values(fig: go.Figure, letter: str, ref: str) -> list:
    """The values the traces put on axis `ref` ("x", "x2", "y", ...)."""
    out: list = []
    for tr in fig.data:
        if not hasattr(tr, letter) or (getattr(tr, f"{letter}axis", None) or letter) != ref:
            continue
        vals = getattr(tr, letter)
        if vals is not None:
            out.extend(v for v in vals if v is not None)
    return out


def axis_labels(fig: go.Figure, name: str) -> list[str]:
    """The texts axis `name` ("xaxis", "yaxis2", ...) will write beside its ticks."""
    axis = fig.layout[name]
    letter = name[0]
    if axis.ticktext is not None:
        return [str(t) for t in axis.ticktext]
    values = _trace_values(fig, letter, letter + name[5:])
    if axis.tickvals is not None:
        values = list(axis.tickvals)
    if axis.type == "category" or any(isinstance(v, str) for v in values):
        return [str(v) for v in values]
    return _number_labels(axis, values)


def _axis_names(fig: go.Figure) -> Iterable[str]:
    layout = fig.layout.to_plotly_json()
    return sorted(k for k in layout if re.fullmatch(r"[xy]axis\d*", k))


def needed_margins(fig: go.Figure) -> dict[str, float]:
    """The margins (px) the axes' labels and titles need, at most: left, right, bottom."""
    base = fig.layout.font.size or 12
    need = {"l": 0.0, "r": 0.0, "b": 0.0}
    for name in _axis_names(fig):
        axis = fig.layout[name]
        if axis.visible is False or axis.automargin is False:
            continue
        size = axis.tickfont.size or base
        labels = axis_labels(fig, name) if axis.showticklabels is not False else []
        title = axis.title.text
        title_size = axis.title.font.size or base
        if name.startswith("y"):
            widest = max((text_width(t, size) for t in labels), default=0.0) * LABEL_SLACK
            depth = widest + LABEL_GAP if labels else 0.0
            if title:
                depth += TITLE_LINES * text_height(title, title_size) + TITLE_GAP
            side = "r" if axis.side == "right" else "l"
            need[side] = max(need[side], depth)
            if labels:  # the lowest label's lower half reaches under the plot
                need["b"] = max(need["b"], EDGE)
        else:
            if axis.tickangle in (90, -90):
                depth = max((text_width(t, size) for t in labels), default=0.0) + UPRIGHT_GAP
            else:
                depth = max((text_height(t, size) for t in labels), default=0.0)
            depth = depth + LABEL_GAP if labels else 0.0
            if title:
                depth += TITLE_LINES * text_height(title, title_size) + TITLE_GAP
            need["b"] = max(need["b"], depth)
            if labels and axis.tickangle not in (90, -90):  # the first label's left half
                need["l"] = max(need["l"], text_width(labels[0], size) / 2 + EDGE / 2)
    return need


PHONE_CHART = 358.0  # px: a chart on a 390-px phone (the page's side padding off)
AXIS_TITLE_SIZE = 14  # px: an axis title's text (browser_figure sets it where not set)


def wrap_axis_titles(fig: go.Figure, left: float, right: float) -> go.Figure:
    """Each x axis's title broken at its spaces onto as many lines as a phone's plot
    (`PHONE_CHART` less the margins `left` and `right`) needs: Plotly does not wrap, and
    « Quotes-parts annoncées par les organismes » ran off a phone's chart (French review
    round 2, #3). Its own line breaks are kept."""
    room = max(PHONE_CHART - left - right, 60.0)
    for name in [k for k in fig.layout if k.startswith("xaxis")]:
        title = fig.layout[name].title if fig.layout[name] is not None else None
        if title is None or not title.text:
            continue
        size = float(title.font.size or AXIS_TITLE_SIZE)
        lines: list[str] = []
        for line in _BREAK.split(str(title.text)):
            for word in line.split(" "):
                if lines and lines[-1] and text_width(f"{lines[-1]} {word}", size) <= room:
                    lines[-1] = f"{lines[-1]} {word}"
                else:
                    lines.append(word)
            lines.append("")  # the next given line starts a line of its own
        text = "<br>".join(x for x in lines if x)
        if text != title.text:
            title.text = text
    return fig


TITLE_END = 8.0  # px kept clear at each end of an upright axis title, within its plot


def wrap_y_titles(fig: go.Figure, plot_px: float) -> go.Figure:
    """Each y axis's title broken at its spaces onto the fewest lines that each fit the
    plot's height `plot_px` (less `TITLE_END` at each end): Plotly centres an upright title
    on its plot and does not wrap it, so a title longer than a short plot ran up over the
    legend (Prioritization's "Total benefit (US dollars), log scale" over "Break-even" in
    the pack). Given line breaks are re-flowed; a word longer than the room keeps a line."""
    room = max(plot_px - 2 * TITLE_END, 40.0)
    for name in [k for k in fig.layout if k.startswith("yaxis")]:
        title = fig.layout[name].title if fig.layout[name] is not None else None
        if title is None or not title.text:
            continue
        size = float(title.font.size or AXIS_TITLE_SIZE)
        text = "<br>".join(_balanced(" ".join(_BREAK.split(str(title.text))).split(),
                                     room, size))
        if text != title.text:
            title.text = text
    return fig


def _balanced(words: list[str], room: float, size: float) -> list[str]:
    """`words` on lines of at most `room` px each: broken after a comma or before a
    bracket where it can, then on the fewest lines, the longest as short as can be ("Total
    benefit / (US dollars), / log scale"; never "(US / dollars)" nor "log / scale")."""
    def clumsy(cut: int) -> bool:
        return not (words[cut - 1].endswith(",") or words[cut].startswith("("))
    fits = []
    for count in range(1, min(len(words), 4) + 1):  # an axis title: four lines at most
        for cuts in itertools.combinations(range(1, len(words)), count - 1):
            ends = (0, *cuts, len(words))
            lines = [" ".join(words[a:b]) for a, b in itertools.pairwise(ends)]
            longest = max(text_width(x, size) for x in lines)
            if longest <= room:
                fits.append((sum(map(clumsy, cuts)), count, longest, lines))
    return min(fits, key=lambda f: f[:3])[3] if fits else words


def fit_margins(fig: go.Figure) -> go.Figure:
    """Widen the figure's margins to what its axis labels need (never narrow them), an x
    axis's title wrapped to a phone's plot first (`wrap_axis_titles`); automargin stays on
    for what the estimate cannot know."""
    need = needed_margins(fig)
    margin = fig.layout.margin
    wrap_axis_titles(fig, max(margin.l or 0, need["l"]), max(margin.r or 0, need["r"]))
    need = needed_margins(fig)
    margin = fig.layout.margin
    update_layout(fig, margin=dict(l=max(margin.l or 0, round(need["l"])),
                                   r=max(margin.r or 0, round(need["r"])),
                                   b=max(margin.b or 0, round(need["b"]))))
    return fig


# The legend: Plotly packs a horizontal legend's entries into the plot's width (less a side
# title's), an entry being its swatch and gap and its name; each row is about 19 px, plus
# 10 px of padding. A chart is 940 px wide on a desktop, 462 px in half a row (two columns).
FULL_WIDTH = 940
HALF_WIDTH = 462
LEGEND_SWATCH = 42
LEGEND_LINE = 19
LEGEND_PADDING = 10
TOP_PUSH = 16  # px Plotly keeps between the legend and the plot (the top axis label)
SCATTER_TOP = 6  # px more above a scatter's plot (measured in Chromium: drawn 108 for 102)
GIVE_BACK = 0.12  # of a plot's height: the most of a phone's legend room a desktop gives back
ROW_LINE = 16  # px a line of a category row's label needs (two lines of 12-px text: 31)


def legend_rows_in(fig: go.Figure, width: float) -> int:
    """Rows Plotly gives the figure's horizontal legend in a plot `width` px wide."""
    legend = fig.layout.legend
    size = legend.font.size or fig.layout.font.size or 12
    title = legend.title.text if legend.title else None
    beside = bool(title) and legend.title.side in (None, "left")
    room = width - (text_width(title, size) + 10 if beside else 0.0)
    head = 1 if title and not beside else 0  # a title above the entries: a row of its own
    names = legend_names(fig)
    widths = [LEGEND_SWATCH + text_width(name, size) for name in names]
    # an entry on two lines (figures.legend_entry) makes its row a line taller
    extra = [name.count("<br>") for name in names]
    if sum(widths) <= room:
        return head + 1 + max(extra, default=0)
    # Plotly's horizontal legend that needs more than one row gives every entry the widest
    # entry's width (plotly.js legend/draw.js: `maxItemWidth` unless oneRowLegend): a grid
    columns = max(1, int(room // max(widths)))
    return head + -(-len(widths) // columns) + (sum(extra) if columns == 1 else max(extra))


def legend_names(fig: go.Figure) -> list[str]:
    """The entries of the figure's legend: a pie's labels, else the named traces shown
    in the legend, one per legend group."""
    names: list[str] = []
    for tr in fig.data:
        if tr.type == "pie":
            names += [str(v) for v in (tr.labels if tr.labels is not None else [])]
        elif tr.showlegend is not False and tr.name and (
            tr.legendgroup is None or tr.legendgroup not in names
        ):
            names.append(str(tr.name))
    return names


def _has_colour_key(fig: go.Figure) -> bool:
    for tr in fig.data:
        marker = getattr(tr, "marker", None)
        if getattr(tr, "showscale", None) or getattr(marker, "showscale", None):
            return True
    return False


def _labels_over_plot(fig: go.Figure) -> bool:
    """The figure repeats its column labels over the plot (charts/matrix_top.py): a second
    x axis on top, outside Plotly's automargin. When a phone's legend takes more rows than
    a desktop's, Plotly pushes the plot down by the legend's height only, and the labels
    over the plot were drawn over the legend (F2 #2: « Engagé », « Chef de file » crossed
    out by the initiatives' names): the room kept for the phone's rows stays."""
    axes = fig.layout.to_plotly_json()
    top = axes.get("xaxis2") or {}
    return top.get("side") == "top" and top.get("automargin") is False


def fit_legend(fig: go.Figure, width: float = FULL_WIDTH, *,
               shrink: bool = False) -> go.Figure:
    """Make the room above the plot as tall as the legend's rows need in a chart `width`
    px wide (the figure grows by what it adds, so the plot keeps its height); what is
    placed from the top of the figure (title, legend, colour keys) keeps its place in px.
    The room is made for the desktop width, not a phone's: a phone's legend often takes
    more rows, and room for them would stand empty on every desktop; there Plotly makes
    the room as it draws (a second drawing, on a phone only). `shrink`: room kept for a
    phone's rows (dashboard/charts/figures._layout counts them) is given back too, unless a
    colour key sits under the legend (its place is counted from that room): only for a
    figure whose plot can lose those rows' height on a phone (a scatter, not a grid of
    rows whose labels would then overlap). Without `shrink`, the room the desktop's legend
    does not use is given back up to GIVE_BACK of the plot's height (round 3, #26: 80-120
    px of white between the legend and the plot): a phone's extra rows then push its plot
    down by no more than that."""
    lay = fig.layout
    legend = lay.legend
    if not (lay.showlegend and legend.orientation == "h" and legend.yref == "container"
            and legend.yanchor == "top" and legend.y is not None and lay.height):
        return fig
    total = float(lay.height)
    plot_width = width - (lay.margin.l or 0) - (lay.margin.r or 0)
    rows = legend_rows_in(fig, plot_width)
    legend_top = (1 - legend.y) * total
    # and the top tick label's reach above the plot: a scatter's fitted axis, and a money
    # axis ending on a labelled tick (round 4 #10: "$60M" atop Cost by kind of cost pushed
    # the top 3 px, a second drawing), measured
    need = legend_top + LEGEND_PADDING + LEGEND_LINE * rows + TOP_PUSH + SCATTER_TOP
    grow = round(need - (lay.margin.t or 0))
    if grow < 0 and not shrink:
        # a top tick label at the top of the plot reaches above it (SCATTER_TOP): kept
        plot = total - (lay.margin.t or 0) - (lay.margin.b or 0)
        most = GIVE_BACK * plot
        rows = lay.yaxis.ticktext if lay.yaxis.type == "category" else None
        if rows:  # a row's label lines keep their height on a phone (16 px a line)
            lines = max(str(t).count("<br>") + 1 for t in rows)
            most = min(most, max(0.0, plot - len(rows) * lines * ROW_LINE))
        grow = min(0, max(grow, -round(most)))
    if grow == 0 or (grow < 0 and (_has_colour_key(fig) or _labels_over_plot(fig))):
        return fig
    new_total = total + grow

    def keep(y: float | None) -> float | None:  # the same px from the top, taller figure
        return None if y is None else 1 - (1 - y) * total / new_total

    update_layout(fig, height=int(new_total), margin=dict(t=(lay.margin.t or 0) + grow),
                  legend=dict(y=keep(legend.y)))
    # a title is placed in the whole figure unless it says otherwise
    if lay.title and lay.title.yref in (None, "container") and lay.title.y is not None:
        update_layout(fig, title=dict(y=keep(lay.title.y)))
    for tr in fig.data:
        for bar in (getattr(tr, "colorbar", None),
                    getattr(getattr(tr, "marker", None), "colorbar", None)):
            if bar is not None and bar.yref == "container" and bar.y is not None:
                bar.y = keep(bar.y)
    return fig
