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
from dashboard.charts.figure_margins import text_height, text_width
from dashboard.charts.figures import (
    PLOT_WIDTHS,
    USD,
    _layout,
    empty_figure,
    end_label_room,
    longer_than_english,
    money_scale,
    said,
)
from dashboard.charts.figures_analytics import _label
from dashboard.contract.labels import flag_note
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


GAP = 6  # px at least between two labels side by side
CONNECT = 12  # px from a label's bottom down to the top of its line (a thin stroke joins them)
CLEAR = 10  # px between a label's edge and the top of any line but its own
LABEL_BG = "white"


def _mark_text(name: str, value: float, wrapped: bool) -> str:
    """'<b>Likely high</b><br>$64.7M'; `wrapped`: one word of the name a line (narrower)."""
    words = _(MARK_WORDS[name]).split() if wrapped else [_(MARK_WORDS[name])]
    return "<br>".join(f"<b>{w}</b>" for w in words) + "<br>" + format_usd(value)


def _box_width(text: str) -> float:
    return text_width(text, 12) + 2


def _spread(centres: list[float], widths: list[float], room: float) -> list[float] | None:
    """Label centres (px) on a plot `room` px wide: each as near its line as it can be, in
    the lines' order, `GAP` apart, inside the plot; None when they do not fit in one row."""
    if sum(widths) + GAP * (len(widths) - 1) > room:
        return None
    out: list[float] = []
    for i, (c, w) in enumerate(zip(centres, widths, strict=True)):
        left = out[-1] + widths[i - 1] / 2 + GAP if out else 0.0
        out.append(max(c, left + w / 2))
    right = room
    for i in reversed(range(len(out))):
        out[i] = min(out[i], right - widths[i] / 2)
        right = out[i] - widths[i] / 2 - GAP
    return out


def _label_places(marks: dict[str, float], x_range: tuple[float, float]
                  ) -> tuple[dict[str, str], dict[str, float]]:
    """Each percentile label's text and shift (px, from its line) in one row at the top of
    the plot, over the top of its line (which stops `CONNECT` px under it): the labels
    never touch a line, and lie in the lines' order, apart, inside a phone's plot and a
    desktop's (FR3 #5: « Haut probable » on the median's line, « Médiane » across the
    « haut probable » one). Centred on their lines where there is room; else moved apart on
    a phone's plot (the same shift in px holds on a wider one: the lines only move apart);
    a line's top under another label is avoided where the names on one word a line allow
    it. Names on one line first, then a word a line where they do not fit side by side."""
    lo, hi = x_range
    names = sorted(marks, key=lambda k: marks[k])
    tried = []
    for wrapped in (False, True):
        texts = {k: _mark_text(k, marks[k], wrapped) for k in names}
        widths = [_box_width(texts[k]) for k in names]
        at = [(marks[k] - lo) / ((hi - lo) or 1.0) * PLOT_WIDTHS[0] for k in names]
        placed = _spread(at, widths, PLOT_WIDTHS[0])
        if placed is None:
            continue
        shifts = {k: p - a for k, p, a in zip(names, placed, at, strict=True)}
        under = any(abs(a - p) < w / 2 + CLEAR for i, (p, w) in enumerate(zip(placed, widths, strict=True))
                    for j, a in enumerate(at) if j != i)
        tried.append((under, texts, shifts))
        if not under:
            break
    if not tried:  # no row holds them (names longer than any language's): centred on lines
        return {k: _mark_text(k, marks[k], True) for k in names}, dict.fromkeys(names, 0.0)
    _under, texts, shifts = min(tried, key=lambda t: t[0])
    return texts, shifts


def _label_height(text: str) -> float:
    return text_height(text, 12) + 2


def _percentile_marks(fig: go.Figure, marks: dict[str, float], y_top: float,
                      places: tuple[dict[str, str], dict[str, float]]) -> None:
    """A line at each of P10, P50, P90 (P50 solid) from the axis up to `CONNECT` px under its
    label, the label at the top of the plot (`_label_places`) on an opaque background,
    joined to its line's top by a thin stroke."""
    texts, shifts = places
    band = max(_label_height(t) for t in texts.values()) + CONNECT  # every line's top
    for name, x in marks.items():
        height = _label_height(texts[name])
        # the line in px from the plot's top (y_top): clipped at the axis below it
        fig.add_shape(type="line", x0=x, x1=x, xref="x", yref="y", ysizemode="pixel",
                      yanchor=y_top, y0=-4000, y1=-band,
                      line=dict(color=palette.BLACK, width=1.5,
                                dash="solid" if name == "P50" else "dash"))
        # the stroke's head at the line's top, the label's centre above it (Plotly centres
        # a label on its stroke's tail), the label's top at the plot's top
        fig.add_annotation(x=x, y=1, yref="paper", yshift=-band, showarrow=True, arrowhead=0,
                           arrowwidth=1, arrowcolor=palette.BLACK, axref="pixel",
                           ayref="pixel", ax=shifts[name], ay=height / 2 - band, standoff=0,
                           align="center", text=texts[name], bgcolor=LABEL_BG, borderpad=1,
                           font=dict(size=12))


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
    known_marks = {k: float(v) for k, v in (("P10", p10), ("P50", p50), ("P90", p90))
                   if _known(v)}
    places = _label_places(known_marks, tuple(fig.layout.xaxis.range))
    band = max((_label_height(t) for t in places[0].values()), default=0.0) + CONNECT
    top = float(share.max()) or 1.0
    # headroom over the bars for the labels' row and the strokes under it (labels of three
    # lines: more); the $0 line up to the tallest bar's height only, under the labels: no
    # label ever touches it (round 3, #18: "Likely low $19.0M" beside it read as its label)
    headroom = 1.6 if band <= 50 else 1.9
    _percentile_marks(fig, known_marks, top * headroom, places)
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
            marker=dict(color=palette.TOP_EIGHT_COLOR,
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
    update_axes(fig, "x", title_text=_("Outcomes in the top eight"),
                range=[0, 1.3], tickmode="array", tickvals=[0, 0.5, 1],
                ticktext=percent_ticks(1, 2)[1])
    # a flagged priority said in its name too, as the lists above say it: at 0% its hatched
    # bar does not show (R6a #12)
    bar_names.names_above(fig, labels, [f"{lb} {flag_note()}" if flagged else lb for lb, flagged
                                        in zip(labels, d["is_priority"].astype(bool),
                                               strict=True)])
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
