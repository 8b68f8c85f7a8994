"""Costs & benefits: by fiscal year stacked by category; cumulative net benefit with the
payback year; cost by kind, recurring against one-off; benefits by confidence level."""

from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.analysis import finance
from dashboard.charts import figures, figures_analytics
from dashboard.formatting import format_percent, format_usd, format_year
from dashboard.query import chart_data

app = ui.current()
ui.page_header("Costs & benefits", app)

cash = chart_data.cashflow_by_year(app.ctx)
payback = finance.payback_year(cash) if len(cash) else None
ui.metric_row([
    (f"NPV at {format_percent(app.ctx.discount_rate)}",
     format_usd(finance.npv(cash)) if len(cash) else "—",
     "Net present value: yearly net benefit discounted to the first year of the range "
     "(the discount rate is in the sidebar)."),
    ("Payback year", format_year(payback),
     "First fiscal year in which the cumulative net benefit is at least 0."),
], per_row=4)

ui.chart("Cost and benefit by fiscal year", chart_data.cost_benefit_by_year_category(app.ctx),
         figures.cost_benefit_by_year_category, "cost_benefit_by_year_category")
ui.chart("Cumulative net benefit", cash,
         lambda df: figures.cumulative_net(df, payback), "cashflow_by_year",
         figure_args=(payback,),
         caption="Bars: net benefit in each year; line: the running total. The payback year "
         "is the first year the running total reaches 0.")
left, right = st.columns(2)
with left:
    ui.chart("Cost by kind of cost", chart_data.cost_by_cost_category(app.ctx),
             figures.cost_by_cost_category, "cost_by_cost_category", half=True)
with right:
    ui.chart("Benefits by confidence", chart_data.benefits_by_confidence(app.ctx),
             figures.benefits_by_confidence, "benefits_by_confidence", half=True)

# --- financial measures per initiative (decision support: dashboard/analysis/) ---------

ui.chart(
    "Financial measures by initiative",
    chart_data.financial_measures(app.ctx),
    lambda df: figures_analytics.npv_by_initiative(df, app.ctx.discount_rate),
    "financial_measures",
    select="initiative",
    figure_args=(app.ctx.discount_rate,),
    caption="NPV at the sidebar's discount rate, discounted to the same first year as the "
    "portfolio's (so the initiatives' NPVs add up to it); payback year: the first year "
    "an initiative's cumulative net benefit reaches 0; benefit-cost ratio: benefit / cost. "
    "The table below lists all three.",
)
