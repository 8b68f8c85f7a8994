"""Funding: contributions by donor (top N and the rest), by donor type, by year; cash,
in-kind and host-country; paid against pledged; the top five donors' share; the funding
gap of each initiative; every contribution in a sortable table."""

from __future__ import annotations

import streamlit as st

from dashboard import registry, ui
from dashboard.charts import figures_funding
from dashboard.output import tiles
from dashboard.query import chart_data
from dashboard.ui import say

app = ui.current()
ui.page_header("Funding", app, intro="Paid and pledged money are shown side by side: a "
               "pledge is a promise and is never added to what has been paid.")

top_n = st.slider("Donors shown by name", min_value=3, max_value=30,
                  value=chart_data.DEFAULT_TOP_N, key="top_n",
                  help=f"The largest donors by {figures_funding.DONOR_ORDER}; the rest are "
                  "summed in one bar.")
ctx = app.ctx.with_(top_n=int(top_n))

ui.metric_row(tiles.funding(ctx))
if paid_after := chart_data.paid_after_note(ctx):
    say.info(paid_after, icon=":material/event_upcoming:")
ui.charts(registry.for_page("funding"), ctx)

say.subheader("Every contribution")
say.caption("Sort by clicking a column header. Unearmarked contributions (to the pooled fund) "
           "have no initiative and are kept only while no category, initiative or priority "
           "filter is set.")
contribs = registry.CONTRIBUTION_LIST.dataset(ctx)
if contribs.empty:
    ui.empty_state()
else:
    name = registry.CONTRIBUTION_LIST.name
    ui.table(contribs, f"table_{name}_full", exact_money=True)
    ui.downloads(contribs, name, app, sheet=name)
