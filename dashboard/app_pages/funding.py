"""Funding: contributions by donor (top N and the rest), by donor type, by year; cash,
in-kind and host-country; paid against pledged; the top five donors' share; the funding
gap of each initiative; every contribution in a sortable table."""

from __future__ import annotations

import streamlit as st

from dashboard import registry, ui
from dashboard.charts import figures_funding
from dashboard.lang.lazy import read
from dashboard.lang.translate import _
from dashboard.output import table_titles, tiles
from dashboard.query import chart_data
from dashboard.ui import say

app = ui.current()
ui.page_header(_("Funding"), app, intro=_(
    "Paid contributions and donor pledges are shown side by side: a donor pledge is a "
    "promise, never added to what has been paid."))

# the slider runs up to the number of donors (a one-donor snapshot has nothing to choose)
donor_count = len(chart_data.contributions_by_donor(app.ctx))
top_max = min(30, donor_count)
if top_max > 3:
    # within the range (e.g. a filter left fewer donors); the one default, set once
    st.session_state["top_n"] = min(st.session_state.get("top_n", chart_data.DEFAULT_TOP_N),
                                    top_max)
    top_n = st.slider(_("Donors shown by name"), min_value=3, max_value=top_max, key="top_n",
                      help=_("The largest donors by {order}; the rest are summed in one "
                             "bar.").format(order=read(figures_funding.DONOR_ORDER)))
else:
    top_n = max(1, donor_count)  # every donor by name
ctx = app.ctx.with_(top_n=int(top_n))

ui.metric_row(tiles.funding(ctx))
if paid_after := chart_data.paid_after_note(ctx):
    say.info(paid_after, icon=":material/event_upcoming:")
ui.charts(registry.for_page("funding"), ctx)

say.subheader(table_titles.every_contribution(app.filters.agencies))  # R6a #14
say.caption(_("Sort by clicking a column header. Unearmarked contributions (to the pooled "
              "fund) have no initiative and are kept only while no category, initiative or "
              "priority filter is set."))
contribs = registry.CONTRIBUTION_LIST.dataset(ctx)
if contribs.empty:
    ui.empty_state()
else:
    name = registry.CONTRIBUTION_LIST.name
    ui.table(contribs, f"table_{name}_full", exact_money=True)
    ui.downloads(contribs, name, app, sheet=name)
