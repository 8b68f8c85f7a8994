"""Overview: the headline figures, the portfolio by category, cost against benefit for
each initiative (priorities marked), initiatives by implementation stage."""

from __future__ import annotations

import streamlit as st

from dashboard import chart_data, figures, ui
from dashboard.formatting import format_count, format_ratio, format_usd

app = ui.current()
ui.page_header("ICT portfolio overview", app)

kpis = chart_data.kpis(app.ctx)
k = kpis.set_index("metric")["value"]
ui.metric_row([
    ("Total cost", format_usd(k["total_cost_usd"]), "Sum of the estimated cost line items."),
    ("Total benefit", format_usd(k["total_benefit_usd"]), "Sum of the expected benefit line items."),
    ("Net benefit", format_usd(k["net_benefit_usd"]), "Total benefit less total cost."),
    ("Benefit-cost ratio", format_ratio(k["benefit_cost_ratio"]),
     "Total benefit divided by total cost; — when there is no cost."),
    ("Organizations committed", format_count(k["agencies_committed"]),
     "Organizations at level committed or lead on at least one initiative."),
    ("Contributions paid", format_usd(k["contributions_paid_usd"]), "Voluntary contributions paid."),
    ("Contributions pledged", format_usd(k["contributions_pledged_usd"]),
     "Promised, not yet paid; never added to paid."),
    ("Funding gap", format_usd(k["funding_gap_usd"]),
     "Per initiative: target less organizations' pledges less paid earmarked contributions, "
     "floored at 0; summed."),
])
ui.table_and_downloads(kpis, "kpis", app, sheet="kpis")

left, right = st.columns(2)
with left:
    ui.chart("Portfolio by category", chart_data.portfolio_by_category(app.ctx),
             figures.portfolio_by_category, "portfolio_by_category")
with right:
    ui.chart("Initiatives by implementation stage", chart_data.initiatives_by_stage(app.ctx),
             figures.initiatives_by_stage, "initiatives_by_stage")
ui.chart("Cost against benefit", chart_data.cost_by_initiative(app.ctx),
         figures.cost_benefit_scatter, "cost_by_initiative", select="initiative")
