"""The cost-against-benefit scatters (the Overview's points, Prioritization's bubbles): their
money axes.

Axes. One initiative often dwarfs the rest (the sample's ERP: $44M of cost, $101M of
benefit, beside ten initiatives under $10M; the odd data: $1 to $10B). On linear axes the
others pile up at $0 and cannot be read. So one scale rule (`uses_log`, the same for the
app and the briefing pack, and for the efficient frontier's budget axis): an axis is
logarithmic when its amounts above $0 span more than `LOG_SPREAD` times (two powers of ten)
or when most of its points sit in the first `CROWDED` of its range; each axis title says
so ("log scale"): equal steps are then equal ratios, and the break-even line (benefit =
cost) is still the diagonal. A $0 (no log of 0) is drawn apart from the powers of ten,
before a break "//" at the start of the axis, labelled "$0" (`log_floor`, `placed`), and
the caption says so; every power of ten the axis shows is labelled while they fit. Negative amounts keep the
axes linear, each fitted to its own data up to a tick above its largest point.

Labels: each point's mark is placed by dashboard/charts/scatter_labels.py.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.figure_layout import update_axes
from dashboard.charts.figure_margins import FULL_WIDTH, fit_legend, text_width
from dashboard.charts.figures import MONEY_TICKS
from dashboard.formatting import format_usd, money_tick, money_ticks
from dashboard.lang.lazy import N_
from dashboard.lang.translate import _

LOG_SPREAD = 100.0  # log axes when the largest amount is more than this many times the least
CROWDED = 0.05  # ... or when most points sit in this first share of the axis's range
LOG_NOTE = N_("log scale")
PLOT_PX = (230.0, 220.0)  # a phone's plot (390-px screen), w x h
TICK_SIZE = 12  # px: the tick labels' font (dashboard/charts/browser_figure.py)


def _amounts(col: Sequence[float]) -> pd.Series:
    return pd.to_numeric(pd.Series(list(col), dtype="object"), errors="coerce").dropna()


def uses_log(*columns: Sequence[float]) -> bool:
    """The one scale rule of the money scatters and the frontier (the module's docstring):
    True when no amount is below $0, at least two are above it, and some column's amounts
    above $0 span more than LOG_SPREAD times or most of its points sit in the first
    CROWDED of its range."""
    wide = False
    for col in columns:
        v = _amounts(col).astype(float)
        above = v[v > 0]
        if (v < 0).any() or len(above) < 2:
            return False
        top = float(above.max())
        wide = wide or top > LOG_SPREAD * float(above.min()) or \
            float((v <= CROWDED * top).mean()) > 0.5
    return wide


ZERO_GAP = 0.6  # decades between a log axis's $0 and its first power of ten (never one)


def log_floor(values: Sequence[float]) -> float | None:
    """Where a $0 sits on a log axis: apart from the powers of ten, ZERO_GAP of a decade
    under the first power of ten at or under the smallest amount ($330K -> the first
    gridline $100K, the $0 at about $25K), beyond a break in the axis (`log_axis`); never on
    a power of ten, where it read as one ten times under the next (round 3, #6). None when
    no amount is $0."""
    v = _amounts(values).astype(float)
    if not (v == 0).any() or not (v > 0).any():
        return None
    return 10.0 ** (math.floor(math.log10(float(v[v > 0].min()))) - ZERO_GAP)


def placed(values: Sequence[float], floor: float | None) -> list[float]:
    """The amounts where a log axis draws them: a $0 on the floor (`log_floor`)."""
    return [floor if floor is not None and not pd.isna(v) and float(v) == 0 else v
            for v in values]


LOG_CAPTION = N_("Both axes are on a log scale: each gridline is ten times the one before, "
                 "so the smaller initiatives can be read beside the largest.")
# TRANSLATORS: {zero} is zero in the language's money form ("$0", "0 $US"); "//" is the
# mark drawn on the axis
ZERO_CAPTION = N_("An amount of {zero} is drawn apart, before the break (//) at the start "
                  "of the axis, marked {zero}.")


def log_note(df: pd.DataFrame | None) -> str:
    """The caption's sentence when the frame's scatter is drawn on log axes, else ''."""
    if df is None or df.empty:
        return ""
    cost, benefit = df["total_cost_usd"].fillna(0), df["total_benefit_usd"].fillna(0)
    if not uses_log(cost, benefit):
        return ""
    zero = log_floor(cost) is not None or log_floor(benefit) is not None
    return " " + _(LOG_CAPTION) + (
        " " + _(ZERO_CAPTION).format(zero=format_usd(0)) if zero else "")


BREAK_SIZE = 14  # px: the break mark's font
GAP_PX = 6.0  # px at least between the break mark and the labels either side of it


def _clear_of_break(first: str, decade_px: float) -> bool:
    """Whether the "$0", the break "//" between them and the first power of ten's label
    `first` stand apart on an axis of `decade_px` px a decade (their centres ZERO_GAP of a
    decade apart)."""
    need = (text_width(format_usd(0), TICK_SIZE) + text_width(first, TICK_SIZE)) / 2 \
        + text_width("//", BREAK_SIZE) + 2 * GAP_PX
    return ZERO_GAP * decade_px >= need


def log_ticks(lo: float, hi: float, most: int = 6, floor: float | None = None,
              across_px: float | None = None) -> tuple[list[float], list[str]]:
    """A tick (and its gridline) at every power of ten from `lo` to `hi` (those the axis
    shows), so each gridline is ten times the one before (LOG_CAPTION says so); labelled
    like the tiles without a needless ".0" ("$100K", "$1M": `money_tick`): every one when
    they number `most` or fewer (a phone's axis holds that many), else every second or third
    one, the others' labels left empty (beside a "$0", from the second). `floor`: where a $0 is drawn (`log_floor`), its own
    tick "$0" apart from the powers of ten, which then start ZERO_GAP above it.
    `across_px`: the axis's length on a phone when it runs across; the first power of
    ten's label is left off when it would stand close to the "$0" and the break between
    them (`_clear_of_break`)."""
    first = math.ceil(math.log10(lo) - 1e-9)
    if floor is not None:
        first = max(first, round(math.log10(floor) + ZERO_GAP))
    last = math.floor(math.log10(hi) + 1e-9)
    room = max(1, most - (floor is not None))  # the "$0" takes one label's room
    every = max(1, math.ceil((last - first + 1) / room))
    values = [10.0**k for k in range(first, last + 1)]
    # thinned beside a "$0": the first label a whole step past the first power of ten, not
    # ZERO_GAP from the "$0" ("$0" ran into "$0.10" on a phone: the odd data's frontier)
    start = 1 if floor is not None and every > 1 else 0
    texts = [money_tick(v) if (k - first) % every == start else ""
             for k, v in zip(range(first, last + 1), values, strict=True)]
    if floor is not None and texts and texts[0] and across_px is not None and \
            not _clear_of_break(texts[0], across_px / (math.log10(hi) - math.log10(lo))):
        texts[0] = ""  # "$0 // $100K" touched on a phone (R4 #16): the next label on
    if floor is not None:
        values, texts = [floor, *values], [format_usd(0), *texts]
    return values, texts


def linear_ticks(hi: float, axis: str) -> tuple[list[float], list[str]]:
    """Money ticks from $0 to the first tick above `hi` at a round step: about four steps
    (never "$0 / $2.0M"), three or four across (a phone's width holds about four labels),
    four or five up; of these the one whose top tick is nearest above `hi` (the least
    empty room past the largest point) of those with at least `figures.MONEY_TICKS`
    labelled ticks (round 4, #10: "$0, $100, $200" alone across)."""
    options = [money_ticks(0.0, hi, t) for t in ((3, 4) if axis == "x" else (4, 5))]
    if all(len(o[0]) < MONEY_TICKS for o in options):  # "$0, $100, $200": finer
        options = [money_ticks(0.0, hi, t) for t in (5, 6)]
    return min(options, key=lambda o: (len(o[0]) < MONEY_TICKS, o[0][-1], len(o[0])))


def log_axis(fig: go.Figure, axis: str, values: Sequence[float], title: str,
             pad: float = 0.08, most: int = 6) -> tuple[float, float]:
    """One money axis on a log scale over `values` (a $0 apart, on its floor `log_floor`,
    and a break "//" drawn between it and the first power of ten): its title says so;
    returns its range in log10 of dollars."""
    floor = log_floor(values)
    v = _amounts(placed(values, floor)).astype(float)
    v = v[v > 0]
    lo, hi = math.log10(float(v.min())), math.log10(float(v.max()))
    span = (hi - lo) or 1.0
    rng = (lo - pad * span, hi + pad * span)
    vals, texts = log_ticks(10 ** rng[0], 10 ** rng[1], most, floor,
                            PLOT_PX[0] if axis == "x" else None)
    update_axes(fig, axis, type="log", range=list(rng), tickmode="array",
                tickvals=vals, ticktext=texts, title_text=_("{title}, {log_scale}").format(title=title, log_scale=_(LOG_NOTE)))
    if floor is not None:  # the break, half-way between the $0 and the first power of ten
        at = math.log10(floor) + ZERO_GAP / 2
        across = axis == "x"
        fig.add_annotation(
            text="//", showarrow=False, bgcolor="white", borderpad=0,
            font=dict(size=14, color="#333333"), textangle=0 if across else 90,
            xref="x" if across else "paper", yref="paper" if across else "y",
            x=at if across else 0, y=0 if across else at, name=ZERO_BREAK)
    return rng


ZERO_BREAK = "zero break"  # the name of a log axis's break mark


def money_axes(fig: go.Figure, x: Sequence[float], y: Sequence[float], *, log: bool,
               x_title: str, y_title: str, pad: float = 0.08) -> tuple[tuple, tuple]:
    """Set both money axes (titles, ranges, ticks) and return their ranges in the axes' own
    units (log10 of dollars on a log axis)."""
    ranges = []
    for axis, values, title in (("x", x, x_title), ("y", y, y_title)):
        v = pd.to_numeric(pd.Series(list(values)), errors="coerce").dropna()
        if log:
            # across, fewer: a phone's x axis holds about four money labels side by side
            rng = log_axis(fig, axis, values, title, pad, 4 if axis == "x" else 6)
        else:
            hi = float(max(v.max() if len(v) else 0.0, 1.0))
            vals, texts = linear_ticks(hi, axis)
            # every point and a margin inside, up to the first tick above the largest (a
            # point above the top gridline read as off the scale)
            rng = (-pad * hi, max(hi * (1 + pad), vals[-1]))
            update_axes(fig, axis, range=list(rng), title_text=title, tickmode="array",
                        tickvals=vals, ticktext=texts)
        ranges.append(rng)
    return ranges[0], ranges[1]


def legend_room(fig: go.Figure) -> go.Figure:
    """The room above the plot for the legend's rows on a desktop, not a phone's (a phone's
    legend pushes the plot down as it draws; a scatter's plot can spare that height)."""
    return fit_legend(fig, FULL_WIDTH, shrink=True)


def drawn_at(cost: Sequence[float], benefit: Sequence[float], log: bool
             ) -> tuple[pd.Series, pd.Series]:
    """Where a cost-against-benefit scatter draws its points: as given on linear axes; on
    log axes a $0 on its axis's floor (`log_floor`, `placed`). The Overview's and
    Prioritization's scatters both draw and label their points here."""
    cost, benefit = pd.Series(list(cost)), pd.Series(list(benefit))
    if not log:
        return cost, benefit
    return (pd.Series(placed(cost, log_floor(cost))),
            pd.Series(placed(benefit, log_floor(benefit))))
