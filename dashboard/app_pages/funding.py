"""Funding: contributions by donor (top N and the rest), by donor type, by year; cash,
in-kind and host-country; paid against pledged; the top five donors' share; the funding
gap of each initiative; every contribution in a sortable table."""

from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.charts import figures
from dashboard.formatting import format_percent, format_usd
from dashboard.query import chart_data

app = ui.current()
ui.page_header("Funding", app, intro="Paid and pledged money are shown side by side: a "
               "pledge is a promise and is never added to what has been paid.")

top_n = st.slider("Donors shown by name", min_value=3, max_value=30,
                  value=chart_data.DEFAULT_TOP_N, key="top_n",
                  help="The largest donors by amount paid; the rest are summed in one bar.")
ctx = app.ctx.with_(top_n=int(top_n))

k = chart_data.kpis(ctx).set_index("metric")["value"]
share = chart_data.top_five_share(ctx)
ui.metric_row([
    ("Contributions paid", format_usd(k["contributions_paid_usd"]), None),
    ("Contributions pledged", format_usd(k["contributions_pledged_usd"]),
     "Promised, not yet paid."),
    ("Top five donors' share of paid", format_percent(share), None),
    ("Funding gap", format_usd(k["funding_gap_usd"]), None),
])

ui.chart("Contributions by donor", chart_data.donors_top_n(ctx), figures.donors, "donors_top_n")
left, right = st.columns(2)
with left:
    ui.chart("By kind of donor", chart_data.contributions_by_donor_type(ctx),
             figures.contributions_by_donor_type, "contributions_by_donor_type",
             half=True)
    ui.chart("By kind of contribution", chart_data.contributions_by_type(ctx),
             figures.contributions_by_type, "contributions_by_type", half=True)
with right:
    ui.chart("By year", chart_data.contributions_by_year(ctx), figures.contributions_by_year,
             "contributions_by_year", half=True)
    ui.chart("Top five donors' share", chart_data.top_donor_share(ctx), figures.top_donor_share,
             "top_donor_share", half=True)
ui.chart("Funding gap by initiative", chart_data.funding_gap(ctx), figures.funding_gap,
         "funding_gap", select="initiative",
         caption="Target less the organizations' pledged shares and the paid contributions "
         "earmarked to the initiative, floored at 0. Pledged contributions do not count.")

st.subheader("Every contribution")
st.caption("Sort by clicking a column header. Unearmarked contributions (to the pooled fund) "
           "have no initiative and are kept only while no category, initiative or priority "
           "filter is set.")
contribs = chart_data.contribution_list(ctx)
if contribs.empty:
    ui.empty_state()
else:
    ui.table(contribs, "table_contribution_list_full", exact_money=True)
    ui.downloads(contribs, "contribution_list", app, sheet="contribution_list")
