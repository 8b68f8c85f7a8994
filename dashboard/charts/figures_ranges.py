"""The figure builders of the ranges (data/README.md, "Ranges: how sure each figure is"):
the portfolio NPV's simulated distribution and the NPV tornado (Costs & benefits), each
initiative's share of the simulated outcomes in the top eight (Prioritization), and one
initiative's ranges (Initiative detail). A DataFrame from dashboard/query/ranges_data.py
in, a Plotly figure out (conventions and shared helpers: dashboard/charts/figures.py);
each is declared with its dataset, page, title and caption in dashboard/registry.py.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.ranges import DRAWS, TOP_K
from dashboard.charts import bar_names, palette
from dashboard.charts.figure_layout import update_axes, update_layout
from dashboard.charts.figure_margins import text_width
from dashboard.charts.figures import (
    USD,
    _layout,
    empty_figure,
    end_label_room,
    longer_than_english,
    money_scale,
    said,
)
from dashboard.charts.figures_analytics import _label
from dashboard.formatting import (
    format_count,
    format_probability,
    format_rank,
    format_share,
    format_usd,
    is_missing,
    percent_ticks,
)
from dashboard.lang.lazy import N_, Msg, read
from dashboard.lang.translate import _

# What "likely" means, in a manager's words (data/README.md, "What 'likely' means"): the
# captions of the range charts and the briefing pack's section say it with this sentence.
OUTCOMES = Msg(N_("{draws} simulated outcomes"), draws=lambda: format_count(DRAWS))
TITLE_DISTRIBUTION = N_("Portfolio NPV over the simulated outcomes (US$)")
TITLE_TORNADO = N_("Which initiatives' estimates move the portfolio NPV most (US$)")
TITLE_TOP_EIGHT = Msg(N_("Chance of a place in the top eight, over {outcomes}"), outcomes=OUTCOMES)
TITLE_DETAIL_RANGES = N_("Likely cost, benefit and NPV (US$)")
CANNOT_RANK = N_("The weights cannot rank the initiatives: raise one of them above 0.")
WORSE, BETTER = N_("If its estimates come out worse"), N_("If they come out better")
# the percentiles as a manager reads them on a chart (the captions say which percentile)
MARK_WORDS = {"P10": N_("Likely low"), "P50": N_("Middle"), "P90": N_("Likely high")}


def _known(value: object) -> bool:
    return not is_missing(value) and not math.isinf(float(value))  # type: ignore[arg-type]


def _money_x(fig: go.Figure, lo: float, hi: float, shown: tuple[float, float],
             title: str) -> None:
    """A money x axis showing `shown` (extended to the labelled ticks around [lo, hi]),
    ticked at a round step in the one money format (figures.money_scale)."""
    rng, vals, texts = money_scale(lo, hi, shown, across=True, room=PLOT_WIDTHS[0])
    update_axes(fig, "x", title_text=title, range=rng, tickmode="array",
                tickvals=vals, ticktext=texts)
    end_label_room(fig, rng, vals, texts)


# --- Costs & benefits: the NPV's distribution ----------------------------------------------


def distribution_title(p_positive: float | None) -> str:
    """'Portfolio NPV: above 0 in 99.3% of 20,000 simulated outcomes (US$)'."""
    if not _known(p_positive):
        return TITLE_DISTRIBUTION
    return _("Portfolio NPV: above 0 in {chance} of {outcomes} (US$)").format(
        chance=format_probability(p_positive), outcomes=read(OUTCOMES))


LABEL_GAP = 5  # px between a reference line and its label
LABEL_BG = "white"  # opaque: a line behind a label never runs through its text


def _anchor(fraction: float, preferred: str) -> str:
    """A percentile label's anchor: beside its line on the preferred side ("left": the
    label lies left of its line, anchored by its right edge), turned to the other side
    when the preferred one has no room for it (a phone's plot is about 280 px wide)."""
    if preferred == "left" and fraction < 0.2:
        return "right"
    if preferred == "right" and fraction > 0.8:
        return "left"
    return preferred


PLOT_WIDTHS = (255.0, 560.0)  # px: a phone's plot (beside the French share axis's
# labels and title), a desktop's (a label must fit on both)
ROWS = 3  # label rows under the plot's top (34 px each), in the headroom over the bars
CLEAR = 10  # px between a label's edge and any line but its own (a line under the label,
# hidden by its background, is crossed, not labelled)


def _label_places(marks: dict[str, float], texts: dict[str, str], others: list[float],
                  x_range: tuple[float, float]) -> dict[str, tuple[str, int]]:
    """Each percentile label's side of its line and row: the preferred one (P10 left, P50
    right a row lower, P90 right) unless there the label would leave the plot, cover a
    label already placed or come near another line (the $0 line, another percentile's),
    on a phone's plot or a desktop's; then the other side, then the other rows. A place
    with no other line under the label is taken first; then one whose edges are clear of
    the other lines (CLEAR). Round 3, #18: "Likely low $19.0M" lay between the $0 line
    and its own, touching the $0 line, and read as its label."""
    lo, hi = x_range
    sides = {"P10": ("left", 0), "P50": ("right", 1), "P90": ("right", 0)}
    taken: list[tuple[int, float, float, float]] = []  # row, plot width, from, to

    def at(v: float, w: float) -> float:
        return (v - lo) / ((hi - lo) or 1.0) * w

    def box(x: float, text: str, side: str, w: float) -> tuple[float, float]:
        px, width = at(x, w), text_width(text, 12) + 2
        return (px - LABEL_GAP - width, px - LABEL_GAP) if side == "left" else (
            px + LABEL_GAP, px + LABEL_GAP + width)

    def free(name: str, side: str, row: int, strict: bool | None) -> bool:
        x = marks[name]
        lines = [v for v in [*others, *marks.values()] if v != x]
        for w in PLOT_WIDTHS:
            a, b = box(x, texts[name], side, w)
            if a < 0 or b > w or any(r == row and pw == w and a < t1 and t0 < b
                                     for r, pw, t0, t1 in taken):
                return False
        if strict is None:  # inside the plot, on no other label: lines may run under it
            return True
        for w in PLOT_WIDTHS:
            a, b = box(x, texts[name], side, w)
            near = [at(v, w) for v in lines]
            if any((a - CLEAR <= p <= b + CLEAR) if strict else
                   (abs(p - a) <= CLEAR or abs(p - b) <= CLEAR) for p in near):
                return False
        if not strict:  # a line under the label at one width is under it at every width
            # between (positions and the label's edges move linearly with the width)
            under = [[a < at(v, w) < b for v in lines]
                     for w in PLOT_WIDTHS for a, b in [box(x, texts[name], side, w)]]
            if any(u != under[0] for u in under):
                return False
        return True

    places: dict[str, tuple[str, int]] = {}
    for name, x in marks.items():
        side, row = sides[name]
        other = "right" if side == "left" else "left"
        options = [(side, row), (other, row)] + [
            (s, r) for r in range(ROWS) if r != row for s in (side, other)]
        # else a place inside the plot on no other label, a line under it (FR #18: "Haut
        # probable" was cut at a phone's right edge)
        fallback = (_anchor((x - lo) / ((hi - lo) or 1.0), side), row)
        places[name] = next((o for strict in (True, False, None) for o in options
                             if free(name, *o, strict)), fallback)
        for w in PLOT_WIDTHS:
            taken.append((places[name][1], w, *box(x, texts[name], places[name][0], w)))
    return places


def _percentile_marks(fig: go.Figure, marks: dict[str, float],
                      x_range: tuple[float, float]) -> int:
    """A line at each of P10, P50, P90 (P50 solid), labelled at the top of the plot with its
    value, always beside its line, never on it nor touching another line (`_label_places`);
    each label on an opaque background `LABEL_GAP` px from its line. Returns the rows of
    labels used."""
    known = {k: float(v) for k, v in marks.items() if _known(v)}
    texts = {k: f"<b>{_(MARK_WORDS[k])}</b><br>{format_usd(v)}" for k, v in known.items()}
    places = _label_places(known, texts, [], x_range)  # the $0 line stops under the labels
    for name, x in known.items():
        anchor, row = places[name]
        fig.add_shape(type="line", x0=x, x1=x, y0=0, y1=1, yref="paper",
                      line=dict(color=palette.BLACK, width=1.5,
                                dash="solid" if name == "P50" else "dash"))
        # the label's far edge is its anchor: xanchor "right" puts it left of the line
        fig.add_annotation(x=x, y=1, yref="paper", yanchor="top",
                           xanchor="right" if anchor == "left" else "left",
                           xshift=-LABEL_GAP if anchor == "left" else LABEL_GAP,
                           yshift=-34 * row, showarrow=False, align="left",
                           text=texts[name], bgcolor=LABEL_BG, borderpad=1, font=dict(size=12))
    return 1 + max((row for _side, row in places.values()), default=0)


def npv_distribution(df: pd.DataFrame, stated: float | None, p10: float | None,
                     p50: float | None, p90: float | None,
                     p_positive: float | None) -> go.Figure:
    """The simulated portfolio NPV as a histogram (share of the outcomes in each bin;
    below 0 in vermillion), its P10, P50 and P90 marked and labelled, a line at 0, the
    stated NPV as a diamond on the axis; the title says how often the NPV is above 0."""
    title = distribution_title(p_positive)
    if df.empty:
        return empty_figure(title)
    frm, to = df["bin_from_usd"].astype(float), df["bin_to_usd"].astype(float)
    centre, share = (frm + to) / 2, df["share_of_draws"].astype(float)
    fig = go.Figure()
    for name, keep, colour in ((_("NPV below 0"), centre < 0, palette.VERMILLION),
                               (_("NPV 0 or above"), centre >= 0, palette.BLUE)):
        if not keep.any():
            continue
        fig.add_bar(
            x=centre[keep], y=share[keep], width=(to - frm)[keep], name=name,
            marker=dict(color=colour, line=dict(color="white", width=0.5)),
            customdata=list(zip([format_usd(v) for v in frm[keep]],
                                [format_usd(v) for v in to[keep]],
                                [format_share(v) for v in share[keep]], strict=True)),
            hovertemplate=_("NPV %{customdata[0]} to %{customdata[1]}: %{customdata[2]} of "
                            "the outcomes") + "<extra></extra>")
    if _known(stated):
        fig.add_scatter(x=[stated], y=[0], mode="markers", name=_("Stated NPV"), cliponaxis=False,
                        marker=dict(symbol="diamond", size=12, color=palette.BLACK),
                        hovertemplate=said(_("Stated NPV"), format_usd(stated))
                        + "<extra></extra>")
    update_layout(fig, barmode="overlay", bargap=0)
    _layout(fig, title, height=360)
    known = [float(v) for v in (stated, p10, p50, p90) if _known(v)]
    lo = min(0.0, float(frm.min()), *known)
    hi = max(0.0, float(to.max()), *known)
    pad = 0.04 * ((hi - lo) or 1.0)
    _money_x(fig, lo, hi, (lo - pad, hi + pad), _("Portfolio NPV ({unit})").format(unit=_(USD)))
    # the labels placed on the axis's range as drawn (it reaches its ticks: money_scale)
    rows = _percentile_marks(fig, {"P10": p10, "P50": p50, "P90": p90},
                             tuple(fig.layout.xaxis.range))
    top = float(share.max()) or 1.0
    # headroom over the bars for the labels' rows (a third row: more); the $0 line up to
    # the tallest bar's height only, under the labels' rows: no label ever touches it
    # (round 3, #18: "Likely low $19.0M" beside it read as its label)
    headroom = 1.6 if rows <= 2 else 1.9
    fig.add_shape(type="line", x0=0, x1=0, y0=0, y1=1 / headroom, yref="paper",
                  line=dict(color="#555555", width=1.5, dash="dot"))
    vals, texts = percent_ticks(top * headroom)
    update_axes(fig, "y", title_text=_("Share of the outcomes"), range=[0, top * headroom],
                tickmode="array", tickvals=vals, ticktext=texts, rangemode="tozero")
    return fig


# --- Costs & benefits: the NPV tornado ----------------------------------------------------


# the stated NPV across each bar, and the words under the axis that name it: a segment as
# tall as a bar, too short for a dash to show, drawn solid and called a tick (round 5 #9:
# "dashed line" named a short solid tick)
STATED_MARK = dict(color=palette.BLACK, width=2, dash="solid")
STATED_WORDS = N_("black tick: as stated, {npv}")


def npv_tornado(df: pd.DataFrame, stated: float | None) -> go.Figure:
    """For each initiative, a bar from the portfolio NPV with its estimates at their worse
    (benefits at P10, costs at P90) to the NPV with them at their better, split at the
    stated NPV (a black tick across each bar, `STATED_MARK`); the largest swing on top, ties
    by initiative id."""
    if df.empty:
        return empty_figure(TITLE_TORNADO)
    d = df.sort_values(["swing_usd", "initiative_id"], ascending=[False, True]).iloc[::-1]
    worse = d["npv_if_worse_usd"].astype(float)
    better = d["npv_if_better_usd"].astype(float)
    centre = float(stated) if _known(stated) else float((worse + better).mean() / 2)
    labels = _label(d)
    info = list(zip(d["initiative_id"], d["name"], [format_usd(v) for v in worse],
                    [format_usd(v) for v in better], [format_usd(v) for v in d["swing_usd"]],
                    strict=True))
    hover = ("%{customdata[1]}<br>"
             + said(_("Portfolio NPV if its estimates come out worse"), "%{customdata[2]}")
             + "<br>" + said(_("if better"), "%{customdata[3]}") + "<br>"
             + said(_("Swing"), "%{customdata[4]}") + "<extra></extra>")
    fig = go.Figure()
    low_end = [min(centre, b) for b in better]
    high_start = [max(centre, w) for w in worse]
    fig.add_bar(y=labels, x=[max(0.0, e - w) for e, w in zip(low_end, worse, strict=True)],
                base=list(worse), orientation="h", name=_(WORSE),
                marker_color=palette.VERMILLION, customdata=info, hovertemplate=hover)
    fig.add_bar(y=labels, x=[max(0.0, b - s) for b, s in zip(better, high_start, strict=True)],
                base=high_start, orientation="h", name=_(BETTER), marker_color=palette.BLUE,
                customdata=info, hovertemplate=hover)
    update_layout(fig, barmode="overlay")
    _layout(fig, TITLE_TORNADO, height=bar_names.height(len(d), extra=120, least=180))
    lo, hi = min(float(worse.min()), centre), max(float(better.max()), centre)
    pad = 0.06 * ((hi - lo) or abs(hi) or 1.0)
    stated_words = ("<br><span style='font-size:12px'>"
                    + _(STATED_WORDS).format(npv=format_usd(stated))
                    + "</span>" if _known(stated) else "")
    _money_x(fig, lo, hi, (lo - pad, hi + pad),
             _("Portfolio NPV ({unit})").format(unit=_(USD)) + stated_words)
    bar_names.names_above(fig, labels, labels)
    # on the bars only: down the whole plot they ran through the names (FR #18)
    if _known(stated):
        bar_names.across_bars(fig, centre, len(d), **STATED_MARK)
    if lo - pad < 0 < hi + pad:
        bar_names.across_bars(fig, 0.0, len(d), color="#555555", width=1, dash="dot")
    return fig


# --- Prioritization: the share of outcomes in the top eight -------------------------------


def _message(title: str, text: str) -> go.Figure:
    """A figure that says why there is nothing to draw (no traces)."""
    fig = empty_figure(title)
    fig.layout.annotations[0].text = text
    return fig


def share_in_top_eight(df: pd.DataFrame) -> go.Figure:
    """Each initiative's share of the simulated outcomes in which it ranks in the top
    eight at the chosen weights, largest first; the flagged priorities hatched and
    outlined; the share written at each bar's end."""
    if df.empty:
        return empty_figure(TITLE_TOP_EIGHT)
    if df["share_in_top8"].isna().all():
        return _message(TITLE_TOP_EIGHT, _(CANNOT_RANK))
    if "rank_with_ties" not in df.columns:  # a frame without the ranks with ties
        df = df.assign(rank_with_ties=df["rank"], is_tied=False)
    d = df.assign(_rank=df["rank"].fillna(len(df) + 1)).sort_values(
        ["share_in_top8", "_rank", "initiative_id"], ascending=[False, True, True]).iloc[::-1]
    labels = _label(d)
    fig = go.Figure()
    for name, flagged in ((_("Flagged priority"), True), (_("Not flagged"), False)):
        keep = (d["is_priority"].astype(bool) == flagged).to_numpy()
        if not keep.any():
            continue
        part = d[keep]
        fig.add_bar(
            y=[lb for lb, k in zip(labels, keep, strict=True) if k], x=part["share_in_top8"],
            orientation="h", name=name, text=[format_probability(v) for v in part["share_in_top8"]],
            textposition="outside", cliponaxis=False,
            marker=dict(color=palette.BLUE if flagged else palette.SKY_BLUE,
                        line=dict(color=palette.BLACK, width=1.5 if flagged else 0),
                        pattern=dict(shape="/" if flagged else "", fillmode="overlay",
                                     fgcolor="white", solidity=0.3)),
            customdata=list(zip(part["initiative_id"], part["name"],
                                [format_probability(v) for v in part["share_in_top8"]],
                                [format_rank(r, bool(t)) if _known(r) else "—" for r, t in
                                 zip(part["rank_with_ties"], part["is_tied"], strict=True)],
                                strict=True)),
            hovertemplate="%{customdata[1]}<br>"
            + _("In the top {k} in %{customdata[2]} of the outcomes").replace("{k}", str(TOP_K))
            + "<br>" + said(_("Rank as stated"), "%{customdata[3]}") + "<extra></extra>")
    update_layout(fig, barmode="overlay")
    _layout(fig, TITLE_TOP_EIGHT, height=bar_names.height(len(d), extra=100, least=180))
    update_axes(fig, "x", title_text=_("Outcomes in the top {k}").format(k=TOP_K),
                range=[0, 1.3], tickmode="array", tickvals=[0, 0.5, 1],
                ticktext=percent_ticks(1, 2)[1])
    bar_names.names_above(fig, labels, labels)
    return fig


# --- Initiative detail: one initiative's ranges -------------------------------------------


def detail_title(p_positive: float | None) -> str:
    if not _known(p_positive):
        return TITLE_DETAIL_RANGES
    return _("Likely cost, benefit and NPV; NPV above 0 in {chance} of the outcomes "
             "(US$)").format(chance=format_probability(p_positive))


RANGE_KIND, NPV_KIND = N_("likely range"), N_("downside to upside")
# the markers' legend names, which the chart's caption quotes (registry "detail_ranges"):
# one wording in the legend and the caption (FR #24)
STATED_VALUE, EXPECTED_VALUE = N_("Stated value"), N_("Expected value (risk-adjusted)")


def in_sentence(marked: str) -> Callable[[], str]:
    """A legend name as a sentence quotes it, read in the language of the moment: its
    first letter in lower case ("Stated value" -> "stated value")."""
    def said() -> str:
        text = _(marked)
        return text[:1].lower() + text[1:]
    return said
MARKER_PX = 12  # the largest marker's size (the stated figure's diamond)


def _range_labels(fig: go.Figure, rows: list[tuple]) -> None:
    """Each row's range in words ("$1.2M to $1.4M") after whatever is drawn furthest
    right on its row, the bar's end or a marker (a stated figure above its range), half a
    marker and a gap beyond it: a marker never covers the label's start."""
    for name, low, high, stated, expected, _kind in rows:
        ends = [float(v) for v in (high, stated, expected) if _known(v)]
        fig.add_annotation(x=max(ends), y=name, xanchor="left", xshift=MARKER_PX / 2 + 4,
                           showarrow=False, text=_("{low} to {high}").format(low=format_usd(low), high=format_usd(high)),
                           font=dict(size=12))


def initiative_ranges(df: pd.DataFrame) -> go.Figure:
    """One initiative (the first row): its cost and benefit from P10 to P90 and its NPV
    from downside to upside as bars, the stated figures as diamonds, the expected
    (risk-adjusted) cost and benefit as circles; the title says how often its NPV is
    above 0."""
    if df.empty:
        return empty_figure(TITLE_DETAIL_RANGES)
    r = df.iloc[0]
    rows = [  # top to bottom: label, low, high, stated, expected, what the bar is
        (_("Cost"), r["cost_p10_usd"], r["cost_p90_usd"], r["cost_stated_usd"],
         r["cost_expected_usd"], RANGE_KIND),
        (_("Benefit"), r["benefit_p10_usd"], r["benefit_p90_usd"], r["benefit_stated_usd"],
         r["benefit_expected_usd"], RANGE_KIND),
        (_("NPV"), r["npv_downside_usd"], r["npv_upside_usd"], r["npv_stated_usd"], None,
         NPV_KIND),
    ][::-1]
    names = [x[0] for x in rows]
    low = [float(x[1]) for x in rows]
    high = [float(x[2]) for x in rows]
    fig = go.Figure()
    # two kinds of bar, each named in the legend: cost and benefit from P10 to P90 (likely),
    # the NPV from its downside to its upside (benefits low and costs high at once: wider
    # than a likely range, so never called one)
    for kind, legend, color in ((RANGE_KIND, _("Likely range"), palette.SKY_BLUE),
                                (NPV_KIND, _("NPV, downside to upside"), palette.PURPLE)):
        at = [i for i, x in enumerate(rows) if x[5] == kind]
        fig.add_bar(y=[names[i] for i in at], x=[high[i] - low[i] for i in at],
                    base=[low[i] for i in at], orientation="h", name=legend,
                    marker_color=color,
                    customdata=[_("{low} to {high}").format(low=format_usd(low[i]),
                                                             high=format_usd(high[i]))
                                for i in at],
                    hovertemplate=said("%{y}, " + _(kind), "%{customdata}") + "<extra></extra>")
    fig.add_scatter(y=names, x=[float(x[3]) for x in rows], mode="markers", name=_(STATED_VALUE),
                    marker=dict(symbol="diamond", size=12, color=palette.BLACK),
                    customdata=[format_usd(x[3]) for x in rows],
                    hovertemplate=_("%{y} as stated: %{customdata}") + "<extra></extra>")
    expected = [x for x in rows if _known(x[4])]
    fig.add_scatter(y=[x[0] for x in expected], x=[float(x[4]) for x in expected],
                    mode="markers", name=_(EXPECTED_VALUE),
                    marker=dict(symbol="circle", size=10, color=palette.ORANGE,
                                line=dict(color=palette.BLACK, width=1)),
                    customdata=[format_usd(x[4]) for x in expected],
                    hovertemplate=_("%{y} expected: %{customdata}") + "<extra></extra>")
    update_layout(fig, barmode="overlay")
    _range_labels(fig, rows)
    _layout(fig, detail_title(r["p_npv_positive"]), height=250)
    # room for the three short row labels and Plotly's padding beside them, fixed: the
    # estimate from their width (figure_margins) falls a few px short on such short labels,
    # and the browser would draw the chart twice
    update_layout(fig, margin=dict(l=max(72, 24 + max(text_width(n, 13) for n in names))))
    values = [*low, *high, *(float(x[3]) for x in rows)]
    lo, hi = min(0.0, *values), max(0.0, *values)
    span = (hi - lo) or 1.0
    # room right of the bars for the range in words, wider in a language that writes it longer
    wider = longer_than_english(lambda: [_("{low} to {high}").format(
        low=format_usd(a), high=format_usd(b)) for a, b in zip(low, high, strict=True)])
    _money_x(fig, lo, hi, (lo - 0.05 * span, hi + 0.7 * span * wider), _(USD))
    # cost on top, then benefit, the NPV below them (the order of `rows`, bottom-up)
    update_axes(fig, "y", title_text=None, type="category", categoryorder="array",
                categoryarray=names)
    return fig
