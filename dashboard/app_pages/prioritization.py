"""Prioritization: replay the ranking of report A/60/323 with your own weights and budget.

The score, the exact budget selection, the efficient frontier and the rank sensitivity are
dashboard/analysis/scoring.py, selection.py and sensitivity.py (data/README.md, "Priority score"); the data comes from
dashboard/query/chart_data.py, the figures from dashboard/charts/figures_analytics.py. Last,
how sure each top-eight place is: its share of the simulated outcomes (the ranges:
dashboard/query/ranges_data.py, dashboard/charts/figures_ranges.py).
"""

from __future__ import annotations

import streamlit as st

from dashboard import registry, ui
from dashboard.analysis import scoring, selection
from dashboard.formatting import format_count, format_usd
from dashboard.lang.numbers import number
from dashboard.lang.translate import _
from dashboard.output import (
    budget_words,
    prioritization_words,
    tiles,
    weights_words,
)
from dashboard.output.rules_notes import ties_shown
from dashboard.output.usertext import md
from dashboard.query import params
from dashboard.ui import say
from dashboard.ui.budget_link import budget_input
from dashboard.ui.percent_link import PercentParam, percent_input

app = ui.current()
ui.page_header(
    _("Prioritization"),
    app,
    intro=_("Report A/60/323 found that the system could not pursue all its ICT initiatives "
            "at once, and ranked them on estimated cost, likely benefit and their relative "
            "value to each organization. Set your own weights and budget below to replay that "
            "judgement. Each factor is scaled to 0–1 across the initiatives kept by the "
            "filters; the weights are {scaled} (Data & methods gives the exact rules).")
    .format(scaled=_(weights_words.SCALED)),
    # under the organization filter, what the page's scores, ranks and budget rest on: the
    # briefing's line under this section's heading (output/scope_lines.py), said once (F2
    # #1), in the filter's notice (one box)
    page="prioritization",
)

# --- weights (in the URL: w_cost, w_benefit, w_value) -----------------------------------
say.subheader(_("Weights"))
cols = st.columns(3)
labels = (
    ("w_cost", _("Low cost (%)"),
     _("Weight of a low total cost (the cheapest initiative scores 1).")),
    ("w_benefit", _("Benefit (%)"),
     _("Weight of the total expected benefit (the largest scores 1).")),
    ("w_value", _("Value to organizations (%)"),
     _("Weight of the mean relative value (1–5) the organizations gave the initiative. "
       "An initiative without commitment rows scores 0 on value.")),
)
raw_weights = []
for col, (key, label, help_text), default in zip(cols, labels, scoring.DEFAULT_WEIGHTS,
                                                 strict=True):
    # in percent; the URL's w_cost= etc. stay fractions (dashboard/ui/percent_link.py)
    raw_weights.append(percent_input(col, PercentParam(
        key=key, label=label, default=default, lo=params.WEIGHT_MIN,
        hi=params.WEIGHT_MAX, check=params.check_weight, step=5.0, decimals=0,
        help=_("{what} In percent, from 0 to 100; the three are {scaled}.").format(
            what=help_text, scaled=_(weights_words.SCALED)))))
try:
    weights = scoring.normalize_weights(raw_weights)
except scoring.AnalyticsError as e:
    say.error(_("{error}. Raise one of the three weights above 0 to rank the initiatives.")
              .format(error=e),
             icon=":material/error:")
    st.stop()
say.caption(weights_words.echo(weights))
ctx = app.ctx.with_(weights=weights)

ranking_chart, bubble, frontier_chart, sensitivity, top_eight_share = registry.for_page(
    "prioritization")
ranking = ui.chart_entry(ranking_chart, ctx)
ui.chart_entry(bubble, ctx, df=ranking)

# --- the model's top eight beside the flagged priorities ---------------------------------
say.subheader(prioritization_words.heading(prioritization_words.TOP_EIGHT, ctx.filters.agencies))
both = registry.TOP_EIGHT_VS_FLAGGED.dataset(ctx)
if both.empty:
    ui.empty_state()
else:
    words = prioritization_words.top_eight_lists(both, name=md, kept=len(ranking))
    say.markdown(words.lead)
    left, right = st.columns(2)
    left.markdown(f"**{words.top_heading}**\n\n" + "\n".join(f"- {x}" for x in words.top))
    right.markdown(f"**{words.flagged_heading}**\n\n"
                   + "\n".join(f"- {x}" for x in words.flagged))
    if words.tied:
        say.caption(ties_shown())
    ui.sheet_table(registry.TOP_EIGHT_VS_FLAGGED, both)

# --- budget scenarios (URL-bound: budget) -------------------------------------------------
say.subheader(prioritization_words.heading(prioritization_words.BUDGET, ctx.filters.agencies))
total_cost = float(ranking["total_cost_usd"].sum()) if len(ranking) else 0.0
budget = budget_input(  # typed with the reader's grouping; the URL's budget= plain digits
    _("Budget (US$)"),
    placeholder=_("e.g. {amount} (half the total cost)").format(amount=number(total_cost / 2, 0)),
    help=_("The best selection is exact: the set of initiatives whose total cost fits the "
           "budget with the highest summed score (ties: lower cost, then initiative ids). "
           "Where proving it would take more than about a second, the best selection found "
           "is shown with how close it is proven to be; the line under the figures says "
           "which."),
)
if budget is not None:  # the amount in the dashboard's short form, and to the dollar
    say.markdown(_("Budget entered: **{amount}** ({exact})").format(
        amount=format_usd(budget), exact=_("US$ {amount}").format(amount=number(budget, 0))))
ctx = ctx.with_(budget=None if budget is None else float(budget))
if budget is None:
    say.info(_("Enter a budget to see the best selection under it. All kept initiatives "
               "together cost {cost}.").format(cost=format_usd(total_cost)),
             icon=":material/savings:")
else:
    sel = registry.BUDGET_SELECTION.dataset(ctx)
    summary = selection.selection_summary(sel, float(budget))
    ui.metric_row([*tiles.budget(sel, summary), (
        _("Total score"), number(float(summary["total_score"]), 3),
        _("Sum of the selected initiatives' scores."))])
    optimality = selection.selection_optimality(sel)
    if optimality is not None and optimality.optimal:
        say.markdown(_("**Optimal:** the exact search proved that no selection within this "
                       "budget scores more."))
    elif optimality is not None:
        say.warning(
            _("**Best selection found, {statement}.** The exact search stops after {steps} "
              "steps so that the page stays responsive; no selection within this budget can "
              "score more than {bound}.").format(
                statement=optimality.statement(), steps=format_count(selection.SELECTION_STEPS),
                bound=number(optimality.bound_up(6), 6)), icon=":material/speed:")
    # what the selection maximises, and each initiative with its rank (output/budget_words)
    say.markdown(budget_words.objective())
    chosen_col, left_col = st.columns(2)
    for col, picked in ((chosen_col, True), (left_col, False)):
        listed = budget_words.items(sel, picked)
        if listed or picked:
            with col:
                say.markdown(f"**{md(budget_words.heading(len(listed), picked))}**\n\n" + (
                    "\n".join(f"- {md(x)}" for x in listed) or _("none (nothing fits)")))
    ui.sheet_table(registry.BUDGET_SELECTION, sel)
ui.chart_entry(frontier_chart, ctx)

# --- sensitivity: to the weights, and to the estimates' ranges ----------------------------
ui.chart_entry(sensitivity, ctx)
ui.chart_entry(top_eight_share, ctx)
