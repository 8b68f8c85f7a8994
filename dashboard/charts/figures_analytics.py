"""Pure figure builders of the decision-support pages (Prioritization, What changed) and the
financial measures of Costs & benefits: a DataFrame from dashboard/query/chart_data.py in, a
Plotly figure out. No Streamlit, no queries.

Conventions as dashboard/charts/figures.py: titles and axis titles with units, one colour per
category (dashboard/charts/palette.py, colour-blind-safe), the initiative_id first in
customdata, and an empty DataFrame gives a figure that says so.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import scoring
from dashboard.charts import (
    axis_labels,
    bar_names,
    cost_benefit,
    outside_room,
    palette,
    scatter_axes,
    scatter_key,
    value_floor,
)
from dashboard.charts.figure_layout import update_axes, update_layout
from dashboard.charts.figures import (
    USD,
    _layout,
    _money_axis,
    empty_figure,
    initiative_labels,
    said,
    wrap,
)
from dashboard.contract.schema import CATEGORIES
from dashboard.formatting import (
    and_list,
    format_count,
    format_percent,
    format_rank,
    format_ratio,
    format_scaled,
    format_usd,
    format_year,
    usd_formatter,
)
from dashboard.lang.lazy import N_
from dashboard.lang.numbers import number
from dashboard.lang.translate import _, ngettext

TITLE_RANKING = N_("Priority score by initiative: each factor's share of the score")
TITLE_BUBBLE = N_("Cost against benefit (US$)")  # bubble size: in its caption (EN #7)
TITLE_FRONTIER = N_("Efficient frontier: best total score reachable at each budget")
TITLE_SENSITIVITY = N_("How stable is each rank? Best to worst rank as the weights move")
TITLE_WATERFALL = N_("Portfolio cost change by initiative (US$)")
TITLE_NPV = N_("Net present value by initiative")
VERDICT_NAMES = (("always", N_("Always in the top eight")),
                 ("depends", N_("Depends on the weights")),
                 ("never", N_("Never in the top eight")))

FACTOR_TRACES = (
    # column, legend name, colour, hatch (told apart by pattern as well as colour)
    ("cost_contribution", N_("Low cost"), palette.FACTOR_COLORS["cost"], ""),
    ("benefit_contribution", N_("Benefit"), palette.FACTOR_COLORS["benefit"], "/"),
    ("value_contribution", N_("Value to organizations"), palette.FACTOR_COLORS["value"], "."),
)


def _label(df: pd.DataFrame) -> list[str]:
    """The initiative as every chart names it: its one label, name and code (room for a
    rank "=12 " before it is kept in every chart, dashboard/charts/axis_labels.py); the
    code keeps every label one initiative's."""
    return initiative_labels(df)


def _categories(df: pd.DataFrame) -> list[str]:
    present = set(df["category"])
    return [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))


NORM_OF = {"cost_contribution": "norm_cost", "benefit_contribution": "norm_benefit",
           "value_contribution": "norm_value"}
RAW_OF = {"cost_contribution": ("total_cost_usd", N_("Total cost")),
          "benefit_contribution": ("total_benefit_usd", N_("Total benefit")),
          "value_contribution": ("mean_relative_value", N_("Mean relative value"))}


def shown_ranks(df: pd.DataFrame) -> dict[str, str]:
    """Each initiative's rank as a reader should read it (the one rule,
    `scoring.ranks_with_ties` and `formatting.format_rank`): '#3', or '=1' for each of the
    initiatives whose scores are equal as shown, 3 decimals (the order within a tie is by code:
    data/README.md). `df` holds every kept initiative."""
    d = scoring.with_tied_ranks(df)
    return {str(i): format_rank(r, t) for i, r, t in
            zip(d["initiative_id"], d["rank_with_ties"], d["is_tied"], strict=True)}


# the ranking's caption before its sentences on the data (`ranking_note`), the app's and
# the pack's (R6b #9)
RANKING_CAPTION = N_("Each bar is an initiative's score; its three parts are the weighted factors.")
RANKING_NEEDS = N_("A ranking needs two or more initiatives that differ on a factor.")
LOW_COST, BENEFIT, VALUE, COST = N_("low cost"), N_("benefit"), N_("value"), N_("cost")
FLAT_FACTORS = (("total_cost_usd", LOW_COST), ("total_benefit_usd", BENEFIT),
                ("mean_relative_value", VALUE))


def flat_factors(df: pd.DataFrame) -> list[str]:
    """The factors on which every kept initiative is equal (min == max over the non-null
    values, or none at all): scaled 1 for each by the rule of data/README.md. The factors'
    words in English (their message ids: `_()` reads them)."""
    out = []
    for column, factor in FLAT_FACTORS:
        if column in df.columns:
            v = pd.to_numeric(df[column], errors="coerce").dropna()
            if v.empty or float(v.min()) == float(v.max()):
                out.append(factor)
    return out


def flat_note(df: pd.DataFrame | None) -> str:
    """The caption's sentence when a factor cannot tell the kept initiatives apart (one
    initiative, or all equal on it): scaled 1, low cost then reads 0 for each, which is no
    sign of a high cost (the fresh review, O6)."""
    if df is None or df.empty:
        return ""
    flat = flat_factors(df)
    if not flat:
        return ""
    needs = _(RANKING_NEEDS)
    if len(df) == 1:
        return " " + _("With one initiative there is nothing to compare: when all amounts are "
                       "equal, the rule of Data & methods scales each of them to 1, as if it "
                       "were the highest, so its cost counts as the highest and low cost reads "
                       "0. That says nothing about its cost. {needs}").format(needs=needs)
    factors = and_list([_(f) for f in flat])
    if LOW_COST in flat:
        text = ngettext(
            "The kept initiatives are all equal on {factors}, so it tells them nothing apart: "
            "scaled 1 for each by the rule of Data & methods, low cost reads 0 for every one, "
            "which is no sign of a high cost. {needs}",
            "The kept initiatives are all equal on {factors}, so these tell them nothing "
            "apart: scaled 1 for each by the rule of Data & methods, low cost reads 0 for "
            "every one, which is no sign of a high cost. {needs}", len(flat))
    else:
        text = ngettext(
            "The kept initiatives are all equal on {factors}, so it tells them nothing apart: "
            "scaled 1 for each by the rule of Data & methods. {needs}",
            "The kept initiatives are all equal on {factors}, so these tell them nothing "
            "apart: scaled 1 for each by the rule of Data & methods. {needs}", len(flat))
    return " " + text.format(factors=factors, needs=needs)


def _dominates(name: str, words: list[str]) -> str:
    """One initiative dominating one or two factors, in a sentence (`dominated`'s spans and
    factors, alternately)."""
    spans, factors = words[0::2], words[1::2]
    words = [_(f) for f in factors]
    if len(factors) > 1:
        text = _("{name} dominates {factor} and {other}: scaled from 0 (least) to 1 (most), "
                 "every other initiative's {span} and its {other_span}, so these factors tell "
                 "the others little apart and the costliest initiative gets 0 for low cost.")
        return " " + text.format(name=name, factor=words[0], other=words[1], span=spans[0],
                                 other_span=spans[1])
    if factors[0] == COST:
        text = _("{name} dominates {factor}: scaled from 0 (least) to 1 (most), every other "
                 "initiative's {span}, so {factor} tells the others little apart and the "
                 "costliest initiative gets 0 for low cost.")
    else:
        text = _("{name} dominates {factor}: scaled from 0 (least) to 1 (most), every other "
                 "initiative's {span}, so {factor} tells the others little apart.")
    return " " + text.format(name=name, factor=words[0], span=spans[0])


def ranking_note(df: pd.DataFrame | None, name: Callable[[str], str] = str, *,
                 app: bool = True) -> str:
    """The caption's sentences on what min-max normalisation does when one initiative
    dominates a factor (issue 24: ERP, the best NPV, 8th with equal weights), when a
    factor tells the initiatives nothing apart, and on ties. Each initiative is named as
    the bars name it, without the code (`_label`: a 100-character name spelt out in full
    took 8 grey lines, R6b #5), shown by `name` (the app's Markdown escaping). The pointer
    to the app's "View data as a table" switch is the app's only (`app`): a printed pack
    has no switch (`pack_ranking_note`)."""
    if df is not None and {"name", "initiative_id"} <= set(df.columns) and len(df):
        df = df.assign(name=[name(lab.removesuffix(f" ({c})")) for lab, c in zip(
            _label(df), df["initiative_id"], strict=True)])
    flat = flat_note(df) + value_floor.value_floor_note(df)
    if df is None or len(df) < 3:
        return flat
    parts = [flat] if flat else []
    by_name = dominated(df)
    for name, words in by_name.items():
        parts.append(_dominates(name, words))
    if parts and app:
        parts.append(" " + _("Turn on \"{switch}\" for each factor scaled 0–1.").format(
            switch=_("View data as a table")))
    tied = int(scoring.with_tied_ranks(df)["is_tied"].sum())
    if tied:
        parts.append(" " + _("{n} initiatives share a score with another to three decimals "
                             "(shown \"=\"): tied ones are ordered by their exact score, then "
                             "by code.").format(n=format_count(tied)))
    return "".join(parts)


def pack_ranking_note(df: pd.DataFrame | None) -> str:
    """`ranking_note` as the briefing pack prints it: without the app's switch."""
    return ranking_note(df, app=False)


def dominated(df: pd.DataFrame) -> dict[str, list[str]]:
    """The initiative (by name) that dominates benefit or cost under min-max scaling, with
    what the others' scaled values then are and the factor, alternately (the factor's
    English word, its message id); {} when none."""
    by_name: dict[str, list[str]] = {}
    if df is None or len(df) < 3:
        return by_name
    for column, factor in (("total_benefit_usd", BENEFIT), ("total_cost_usd", COST)):
        v = pd.to_numeric(df[column], errors="coerce").fillna(0.0)
        top = v.idxmax()
        rest = v.drop(index=top)
        lo, hi = float(v.min()), float(v.max())
        if hi <= lo:
            continue
        scaled = (rest - lo) / (hi - lo)
        if float(scaled.median()) < DOMINATED:
            name = str(df.at[top, "name"] if "name" in df.columns else df.at[top, "initiative_id"])
            most = format_scaled(float(scaled.max()))
            half = max(0.01, math.ceil(round(float(scaled.median()) * 100, 6)) / 100)
            by_name.setdefault(name, []).append(
                _("{factor} is under {least}").format(factor=_(factor), least=number(0.01, 2))
                if most.startswith("<") else
                _("{factor} is {most} or less (half of them under {half})").format(
                    factor=_(factor), most=most, half=number(half, 2)))
            by_name[name].append(factor)
    return by_name


DOMINATED = 0.1  # a factor is dominated when the others' median scaled value is under this


def priority_ranking(df: pd.DataFrame) -> go.Figure:
    """Horizontal stacked bars in rank order (rank 1 on top): the three weighted factors,
    which add up to the score."""
    if df.empty:
        return empty_figure(TITLE_RANKING)
    d = df.sort_values("rank", ascending=False)  # plotly draws the first category lowest
    shown = shown_ranks(d)
    labels = [f"{shown[i]} {lab}" for i, lab in zip(d["initiative_id"], _label(d),
                                                    strict=True)]
    fig = go.Figure()
    for col, name, color, hatch in FACTOR_TRACES:
        norm = d[NORM_OF[col]].astype("float64")
        if col == "cost_contribution":
            norm = 1.0 - norm  # the low-cost factor: 1 for the cheapest
        fig.add_bar(
            name=_(name), y=labels, x=d[col], orientation="h",
            # a pattern needs a solid fill behind it ("overlay"), or the part and its legend
            # swatch vanish (fillmode "replace" draws white hatching on nothing)
            marker=dict(color=color, line=dict(color="white", width=0.5),
                        pattern=dict(fillmode="overlay", shape=hatch, fgcolor="white",
                                     solidity=0.3)),
            # the part's own figure (cost, benefit, rating of 1 to 5) beside its scaled one
            customdata=list(zip(d["initiative_id"], d["score"],
                                [format_scaled(v) for v in norm],
                                value_floor.raw_values(d, RAW_OF[col][0]),
                                strict=True)),
            hovertemplate="%{y}<br>" + said(_(name), _("%{customdata[2]} on a 0-to-1 scale "
                                                       "(min-max)"))
            + "<br>" + said(_(RAW_OF[col][1]), "%{customdata[3]}")
            + "<br>" + _("weighted: %{x:.3f} of score %{customdata[1]:.3f}") + "<extra></extra>",
        )
    # the total once, at the bar's end
    fig.add_scatter(
        x=d["score"], y=labels, mode="text", text=value_floor.score_texts(d),
        textposition="middle right", showlegend=False, hoverinfo="skip", cliponaxis=False,
        name=_("Score"),
    )
    update_layout(fig, barmode="stack", legend_traceorder="normal")  # as the parts, left to right
    _layout(fig, TITLE_RANKING, height=bar_names.height(len(d), least=260))
    update_axes(fig, "x", title_text=_("Score (0 to 1)"),
                range=[0, max(1.0, float(d["score"].max())) * 1.22], dtick=0.5,
                tickformat=".1f")
    bar_names.names_above(fig, labels, labels)
    return fig


def cost_benefit_bubble(df: pd.DataFrame) -> go.Figure:
    """One bubble per initiative, drawn as the Overview draws its points
    (dashboard/charts/cost_benefit.py: cost across, benefit up, colour the category, a
    priority's black outline, the break-even line), its size the mean relative value; each
    bubble carries its rank as the ranking shows it ("#3", "=1"; R4 #3; a shared one with its
    code, "=1 INIT04": R6b #22), the key under the
    plot in rank order names each; the initiative's code when the frame has no score."""
    if df.empty:
        return empty_figure(TITLE_BUBBLE)
    df = df.reset_index(drop=True)
    value = pd.to_numeric(df["mean_relative_value"], errors="coerce")
    more = ["<br>" + _("Mean relative value: {value} of 5").format(
        value="—" if math.isnan(v) else number(v, 2)) for v in value]
    sizes = [bubble_size(v) for v in value]
    if "score" in df.columns and "rank" in df.columns:
        shown = shown_ranks(df)
        marks = scatter_key.apart([shown[str(i)] for i in df["initiative_id"]],
                                  df["initiative_id"])
        return cost_benefit.scatter(
            df, TITLE_BUBBLE, marks,
            order=[float(r) for r in df["rank"]], heading=_(scatter_key.KEY_BY_RANK),
            sizes=sizes, more=more)
    marks, labels, order, heading = scatter_key.by_code(df["initiative_id"], df["name"])
    return cost_benefit.scatter(df, TITLE_BUBBLE, marks, order=order, heading=heading,
                                labels=labels, sizes=sizes, more=more)


def bubble_size(value: float) -> float:
    """A bubble's diameter in px: mean relative value 1..5 -> 14..22 px; 12 px unrated
    (on a phone's 230-px plot, bubbles of up to 48 px, then 30 px, piled on one another:
    French review #25, F2 #19; the smallest still holds its two-digit number)."""
    return 12.0 + 2.0 * float(value) if not pd.isna(value) else 12.0


def efficient_frontier(df: pd.DataFrame, budget: float | None = None,
                       chosen_score: float | None = None) -> go.Figure:
    """The frontier as a step line (the best score holds until the next step's budget),
    with the chosen budget marked."""
    if df.empty:
        return empty_figure(TITLE_FRONTIER)
    x = list(df["budget_usd"])
    y = list(df["total_score"])
    right = max(x[-1], budget or 0.0) * 1.05 or 1.0
    # the scatters' one scale rule: budgets over many powers of ten on a log axis (the odd
    # data's $1 to $11B piled every step from 0 to 6 at $0), the $0 step on its floor
    log = scatter_axes.uses_log([*x, right])
    drawn = scatter_axes.placed(x, scatter_axes.log_floor(x)) if log else x
    fig = go.Figure()
    fig.add_scatter(
        x=[*drawn, right], y=[*y, y[-1]], mode="lines", line_shape="hv",
        name=_("Best total score"), line=dict(color=palette.FRONTIER_COLOR, width=2), hoverinfo="skip",
    )
    fig.add_scatter(
        x=drawn, y=y, mode="markers", name=_("Steps"), marker=dict(color=palette.FRONTIER_COLOR, size=6),
        customdata=list(zip([format_usd(v) for v in x], df["initiatives"],
                            [wrap(str(t), 60) for t in df["initiative_ids"].fillna("")],
                            strict=True)),
        hovertemplate=_("From %{customdata[0]}: score %{y:.3f}") + "<br>"
        + said(_("%{customdata[1]} initiatives"), "%{customdata[2]}") + "<extra></extra>", showlegend=False,
    )
    if budget is not None:
        fig.add_vline(x=budget, line=dict(color=palette.BUDGET_COLOR, dash="dash", width=2))
        if chosen_score is not None:
            fig.add_scatter(
                x=[budget], y=[chosen_score], mode="markers", name=_("Chosen budget"),
                marker=dict(color=palette.BUDGET_COLOR, size=13, symbol="diamond"),
                cliponaxis=False, customdata=[format_usd(budget)],
                hovertemplate=_("Budget %{customdata}<br>Best score %{y:.3f}") + "<extra></extra>",
            )
            # the label on a white box above the line, pointing at the diamond: a trace's
            # text beside the point was struck through by the step line
            first = min(v for v in drawn if v > 0) if log else 0.0
            late = (math.log10(budget) > (math.log10(first) + math.log10(right)) / 2
                    if log and budget > 0 else budget > right / 2)
            fig.add_annotation(
                x=math.log10(budget) if log and budget > 0 else budget, y=chosen_score, text=said(format_usd(budget), number(chosen_score, 3)),
                showarrow=True, arrowhead=0, arrowcolor=palette.BUDGET_COLOR, ax=-30 if late else 30,
                ay=-34, xanchor="right" if late else "left", bgcolor="white",
                bordercolor=palette.BUDGET_COLOR, borderwidth=1, borderpad=2,
                font=dict(size=12, color="#1F2933"))
    _layout(fig, TITLE_FRONTIER, height=360)
    update_axes(fig, "y", title_text=_("Total score of the best selection"),
                range=[0, max(y[-1], chosen_score or 0.0, 0.1) * 1.3])  # room for the label
    if log:
        scatter_axes.log_axis(fig, "x", [*x, right], _("Budget ({unit})").format(unit=_(USD)), pad=0.02, most=5)
    else:
        update_axes(fig, "x", title_text=_("Budget ({unit})").format(unit=_(USD)),
                    range=[0, right])
        _money_axis(fig, "x", [0, right])
    return fig


def rank_sensitivity(df: pd.DataFrame) -> go.Figure:
    """For each initiative, a bar from its best to its worst rank over the weight grid and
    a dot at its rank under the chosen weights; rank 1 at the top. The colour key is in the
    axis title (never on the axis numbers)."""
    if df.empty:
        return empty_figure(TITLE_SENSITIVITY)
    # rows come in the ranking's order (ties by code); rank 1 drawn on top
    d = df.sort_values("rank", kind="stable").iloc[::-1]
    labels = _label(d)
    counts = d["rank"].value_counts()
    rank_text = [format_rank(r, counts[r] > 1) for r in d["rank"]]
    colors = palette.VERDICT_COLORS
    bar_colors = [colors.get(str(v).split(" ")[0], colors["depends"]) for v in d["verdict"]]
    fig = go.Figure()
    # the legend names the three colours (one grey swatch "best to worst rank" did not)
    for key, name in VERDICT_NAMES:
        if any(str(v).startswith(key) for v in d["verdict"]):
            fig.add_bar(x=[None], y=[None], orientation="h", name=_(name), hoverinfo="skip",
                        marker=dict(color=colors[key]),
                        legendgroup="range")
    fig.add_bar(
        # a rank that never moves has no bar: the diamond alone (with one initiative, a
        # bar from rank 1 ran towards a rank 2 that does not exist)
        y=labels, x=(d["worst_rank"] - d["best_rank"]).clip(lower=0), base=d["best_rank"],
        # opaque: the legend's swatches are drawn opaque whatever the bars' opacity, and bars
        # at 0.75 read as the next, paler grey of the key (round 7 N6)
        orientation="h", name=_("Best to worst rank"), marker=dict(color=bar_colors),
        showlegend=False, legendgroup="range",
        customdata=list(zip(d["initiative_id"], d["best_rank"], d["worst_rank"], d["verdict"],
                            d["most_sensitive_to"], strict=True)),
        hovertemplate="%{y}<br>" + _("Ranks %{customdata[1]} to %{customdata[2]}")
        + "<br>%{customdata[3]}<br>"
        + _("Most sensitive to the %{customdata[4]} weight") + "<extra></extra>",
    )
    fig.add_scatter(
        y=labels, x=d["rank"], mode="markers", name=_("Rank at the chosen weights"),
        marker=dict(color=palette.BLACK, size=10, symbol="diamond"),
        customdata=list(zip(d["initiative_id"], rank_text, strict=True)),
        hovertemplate=_("%{y}: rank %{customdata[1]}") + "<extra></extra>",
    )
    n = int(d["worst_rank"].max())
    # one real bar trace: the legend's take no slot; the legend's entries in rows across,
    # not stacked by group (its room is counted so: figure_margins.legend_rows_in)
    update_layout(fig, barmode="overlay", legend_traceorder="normal")
    _layout(fig, TITLE_SENSITIVITY, height=bar_names.height(len(d), extra=60))
    update_axes(fig, "x", title_text=_("Rank (1 = highest score)"),
                range=[n + 0.5, 0.5], tickmode="linear", tick0=1, dtick=max(1, math.ceil(n / 8)))
    bar_names.names_above(fig, labels, labels)
    return fig


def cost_change_waterfall(df: pd.DataFrame, before_label: str, after_label: str) -> go.Figure:
    """From the portfolio cost before (top) to after (bottom), one step per initiative
    whose cost changed (largest first); added and removed initiatives count in full.
    Horizontal, so each step's name reads across beside it within the side axis's budget
    (dashboard/charts/axis_labels.py) and every step carries its amount (a phone's 17
    upright names left the plot no room). The axis starts near the smallest running total
    (not at 0: the steps are what matter), and says so; over an axis not from 0 the two
    totals are diamonds with their amounts, never bars (a bar cut at the axis made $89.8M
    look a third of $126.4M: round 3, #3). Bars only when the axis starts at 0."""
    if df.empty:
        return empty_figure(TITLE_WATERFALL)
    before_total = float(pd.to_numeric(df["cost_before_usd"], errors="coerce").fillna(0).sum())
    after_total = float(pd.to_numeric(df["cost_after_usd"], errors="coerce").fillna(0).sum())
    steps = df[df["cost_change_usd"].round(6) != 0]
    steps = steps.reindex(steps["cost_change_usd"].abs().sort_values(ascending=False).index)
    ids = [str(i) for i in steps["initiative_id"]]
    codes = [f"{i}, {_(STATUS_WORDS[s])}" if s in STATUS_WORDS else i
             for i, s in zip(ids, steps["status"], strict=True)]
    labels = [_("Cost {when}").format(when=before_label),
              *axis_labels.side_labels(codes, list(steps["name"])),
              _("Cost {when}").format(when=after_label)]
    keys = [WATERFALL_BEFORE, *ids, WATERFALL_AFTER]
    changes = [float(v) for v in steps["cost_change_usd"]]
    total, change = (usd_formatter([before_total, *changes, after_total], signed=signed)
                     for signed in (False, True))  # one scale for every label (FR3 #7)
    text = [total(before_total), *[change(v) for v in changes], total(after_total)]
    running = [before_total]
    for v in changes:
        running.append(running[-1] + v)
    running.append(after_total)
    lo, hi = min(running), max(running)
    span = (hi - lo) or max(abs(hi), 1.0) * 0.1
    axis_lo = max(0.0, lo - 0.6 * span) if lo >= 0 else lo - 0.6 * span
    bars = axis_lo == 0  # the totals are bars only over an axis from 0
    cut = slice(None) if bars else slice(1, -1)
    customdata = [[k, t, lab] for k, t, lab in zip(["", *ids, ""], text, labels, strict=True)]
    hover = "%{customdata[2]}<br>%{customdata[1]}<extra></extra>"
    fig = go.Figure(go.Waterfall(
        y=keys[cut], x=[before_total, *changes, after_total][cut], orientation="h",
        measure=["absolute", *["relative"] * len(steps), "total"][cut], text=text[cut],
        base=None if bars else before_total, textposition="outside", cliponaxis=False,
        customdata=customdata[cut],
        increasing=dict(marker=dict(color=palette.VERMILLION)),
        decreasing=dict(marker=dict(color=palette.BLUE)),
        totals=dict(marker=dict(color=palette.GREY)),
        # no connector lines: they ran through the names above each bar (F2 #7)
        connector=dict(visible=False),
        hovertemplate=hover, name=_("Cost change"),
    ))
    names = list(labels)
    if not bars:
        # the diamonds' amounts in their names above them: text beside a diamond ran into
        # the name over its row when printed (the packs' word-overlap check)
        fig.add_scatter(
            y=[keys[0], keys[-1]], x=[before_total, after_total], mode="markers",
            text=[text[0], text[-1]],
            marker=dict(color=palette.GREY, size=14, symbol="diamond",
                        line=dict(color=palette.BLACK, width=1)),
            customdata=[customdata[0], customdata[-1]], hovertemplate=hover,
            cliponaxis=False, name=_("Total cost"), meta=WATERFALL_TOTALS)
        for i in (0, -1):
            # TRANSLATORS: a total's name above its marker and its amount: "Cost 2005-09-01: $89.8M"
            names[i] = _("{name}: {amount}").format(name=labels[i], amount=text[i])
    _layout(fig, TITLE_WATERFALL, height=bar_names.height(len(keys), extra=90, least=0),
            legend=False)
    # the first step at the top: the keys from the bottom up
    bar_names.names_above(fig, keys[::-1], names[::-1])
    update_axes(fig, "x", range=[axis_lo, hi + 0.75 * span],
                # on two lines: under a phone's plot (half its chart) one line ran past it
                title_text=_("Total cost ({unit})").format(unit=_(USD))
                + ("" if bars else "<br>" + _("axis not from 0")))
    # at least three ticks: over an axis not from 0 a lone "$100M" gave no scale (F2 #7);
    # four where their labels fit side by side on a phone's plot, the whole chart's width
    # (names above the bars): EN #8, "$100M" to "$140M" by $10M
    _money_axis(fig, "x", [axis_lo, hi], lo=axis_lo, least=3, room=outside_room.phone_plot([]))
    return fig


STATUS_WORDS = {"added": N_("added"), "removed": N_("removed")}  # a step's status
WATERFALL_BEFORE, WATERFALL_AFTER = "_before", "_after"  # the totals' keys on the axis
WATERFALL_TOTALS = "totals"  # the meta of the totals drawn as markers (no sum of the two)


def npv_by_initiative(df: pd.DataFrame, rate: float) -> go.Figure:
    """NPV at the discount rate per initiative, largest first; payback year and benefit-cost
    ratio in the hover. The axis leaves room on both sides for the outside labels."""
    title = _("{title} at {rate} (US$)").format(title=_(TITLE_NPV), rate=format_percent(rate))
    if df.empty:
        return empty_figure(title)
    d = df.sort_values(["npv_usd", "initiative_id"], ascending=[True, False])
    colors = [palette.BLUE if v >= 0 else palette.VERMILLION for v in d["npv_usd"]]
    labels = _label(d)
    negative = [float(v) < 0 for v in d["npv_usd"].fillna(0)]
    amount = usd_formatter(d["npv_usd"])  # one scale for every label (FR3 #7)
    fig = go.Figure()
    fig.add_bar(
        y=labels, x=d["npv_usd"], orientation="h", marker_color=colors, name=_("NPV"),
        text=["" if neg else amount(v) for v, neg in zip(d["npv_usd"], negative, strict=True)],
        textposition="outside", cliponaxis=False,
        customdata=list(zip(d["initiative_id"], [format_year(v) for v in d["payback_year"]],
                            [format_ratio(v) for v in d["benefit_cost_ratio"]], strict=True)),
        hovertemplate="%{y}<br>" + said(_("NPV"), "%{text}") + "<br>"
        + said(_("Payback year"), "%{customdata[1]}") + "<br>"
        + said(_("Benefit-cost ratio"), "%{customdata[2]}") + "<extra></extra>",
    )
    if any(negative):
        # a negative value's label right of $0, not left of its bar: the axis then runs to
        # the data (-$3.5M, not -$25M of room for a label), and the label never butts into
        # the initiative's name
        neg = d[negative]
        fig.add_scatter(y=[lab for lab, n in zip(labels, negative, strict=True) if n],
                        x=[0.0] * len(neg), mode="text", textposition="middle right",
                        text=[f" {amount(v)}" for v in neg["npv_usd"]], showlegend=False,
                        hoverinfo="skip", cliponaxis=False, name=_("NPV below $0"))
    _layout(fig, title, height=bar_names.height(len(d), least=260), legend=False)
    values = pd.to_numeric(d["npv_usd"], errors="coerce").fillna(0)
    lo, hi = min(0.0, float(values.min())), max(0.0, float(values.max()))
    span = (hi - lo) or 1.0
    left = lo - 0.05 * span if lo < 0 else 0.0
    update_axes(fig, "x", title_text=_("Net present value ({unit})").format(unit=_(USD)),
                range=[left, hi + 0.55 * span])
    bar_names.names_above(fig, labels, labels)
    _money_axis(fig, "x", [lo, hi], lo=lo)
    return fig
