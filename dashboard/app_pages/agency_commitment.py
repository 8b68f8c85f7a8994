"""Agency commitment: who pays, who benefits (cost borne and benefit received per
organization, with the cost-sharing key); organization × initiative by commitment level;
relative value; what each organization committed and pledged; organizations at each level
per initiative; organizations grouped by type, and a quick filter by type."""

from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.charts import figures
from dashboard.contract.schema import AGENCY_TYPES
from dashboard.query import chart_data

app = ui.current()
ui.page_header("Agency commitment", app)

types_present = [t for t in AGENCY_TYPES if t in set(app.options.agency_types.values())]


def _filter_by_type() -> None:
    chosen = st.session_state.get("agency_type_pick") or []
    if chosen:
        st.session_state["agency"] = sorted(
            a for a, t in app.options.agency_types.items() if t in chosen
        )


c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
c1.multiselect(
    "Organizations of type",
    types_present,
    format_func=lambda t: t.replace("_", " "),
    key="agency_type_pick",
    placeholder="Choose one or more types",
    help="Sets the organization filter in the sidebar to every organization of these types.",
)
c2.button("Filter to these types", key="apply_agency_type", on_click=_filter_by_type,
          width="stretch")

ui.chart("Who pays, who benefits", chart_data.cost_sharing(app.ctx), figures.cost_sharing,
         "cost_sharing", select="agency", exact_money=True,
         caption="Each organization alone: its own costs and benefits plus its share of the "
         "shared, system-wide ones (the snapshot's cost-sharing key; none without a key). "
         "Net = benefit received − cost borne. The table holds every figure; sort it by any "
         "column.")

matrix = chart_data.commitment_matrix(app.ctx)
ui.chart("Commitment matrix", matrix, figures.commitment_matrix, "commitment_matrix",
         select="agency",
         caption="Rows are grouped by type of organization. Darker means further committed.")
ui.chart("Relative value", matrix, figures.relative_value_matrix, "relative_value",
         sheet="commitment_matrix", select="agency")
left, right = st.columns(2)
with left:
    ui.chart("Committed and pledged, by organization", chart_data.commitment_by_agency(app.ctx),
             figures.commitment_by_agency, "commitment_by_agency", select="agency",
             half=True)
with right:
    ui.chart("Commitment levels, by initiative",
             chart_data.commitment_levels_by_initiative(app.ctx),
             figures.commitment_levels_by_initiative, "commitment_levels_by_initiative",
             select="initiative", half=True)
