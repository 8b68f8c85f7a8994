"""Overview: where the portfolio stands and what moved. One plain sentence, the headline
figures with their change since the previous snapshot (when there is one), the portfolio by
category, cost against benefit for each initiative (priorities marked), initiatives by
implementation stage."""

from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.charts import figures
from dashboard.formatting import format_count, format_ratio, format_usd
from dashboard.output import summary
from dashboard.query import chart_data

app = ui.current()
ui.page_header("ICT portfolio overview", app)

kpis = chart_data.kpis(app.ctx)
k = kpis.set_index("metric")["value"]
# the previous snapshot (the one published just before this one), same filters
older = [s.as_of for s in app.scan.snapshots if s.as_of < app.snapshot.as_of]
previous = max(older) if older else None
before = None
if previous is not None:
    before = chart_data.kpis(app.ctx.with_(filters=app.filters.with_(snapshot=previous))
                             ).set_index("metric")["value"]
initiatives = len(chart_data.cost_by_initiative(app.ctx))
st.markdown(f"#### {summary.overview_sentence(k, initiatives, before, previous)}")


def tile(metric: str, label: str, value: str, help_text: str) -> tuple:
    if before is None:
        return (label, value, help_text)
    # the change alone (a tile is narrow); the caption under the tiles names the snapshot
    delta = summary.tile_change(metric, before[metric], k[metric])
    return (label, value, help_text, delta,
            "inverse" if metric in summary.RISE_IS_BAD else "normal")


ui.metric_row([
    tile("total_cost_usd", "Total cost", format_usd(k["total_cost_usd"]),
         "Sum of the estimated cost line items."),
    tile("total_benefit_usd", "Total benefit", format_usd(k["total_benefit_usd"]),
         "Sum of the expected benefit line items."),
    tile("net_benefit_usd", "Net benefit", format_usd(k["net_benefit_usd"]),
         "Total benefit less total cost."),
    tile("benefit_cost_ratio", "Benefit-cost ratio", format_ratio(k["benefit_cost_ratio"]),
         "Total benefit divided by total cost; — when there is no cost."),
    tile("agencies_committed", "Organizations committed", format_count(k["agencies_committed"]),
         "Organizations at level committed or lead on at least one initiative."),
    tile("contributions_paid_usd", "Contributions paid", format_usd(k["contributions_paid_usd"]),
         "Voluntary contributions paid."),
    tile("contributions_pledged_usd", "Contributions pledged",
         format_usd(k["contributions_pledged_usd"]),
         "Promised, not yet paid; never added to paid."),
    tile("funding_gap_usd", "Funding gap", format_usd(k["funding_gap_usd"]),
         "Per initiative: target less organizations' pledges less paid earmarked "
         "contributions, floored at 0; summed."),
])
if previous is not None:
    st.caption(f"Changes are against the snapshot of {previous} under the same filters.")
ui.table_and_downloads(kpis, "kpis", app, sheet="kpis")

left, right = st.columns(2)
with left:
    ui.chart("Portfolio by category", chart_data.portfolio_by_category(app.ctx),
             figures.portfolio_by_category, "portfolio_by_category", half=True)
with right:
    ui.chart("Initiatives by implementation stage", chart_data.initiatives_by_stage(app.ctx),
             figures.initiatives_by_stage, "initiatives_by_stage", half=True)
ui.chart("Cost against benefit", chart_data.cost_by_initiative(app.ctx),
         figures.cost_benefit_scatter, "cost_by_initiative", select="initiative")
