"""Organization commitment (URL agency-commitment): who pays, who benefits (cost borne and benefit received per
organization, with the cost-sharing key); organization × initiative by commitment level;
relative value; what each organization committed and pledged; organizations at each level
per initiative; organizations grouped by type, and a quick filter by type."""

from __future__ import annotations

import streamlit as st

from dashboard import registry, ui
from dashboard.contract.labels import code_label
from dashboard.contract.schema import AGENCY_TYPES
from dashboard.lang.translate import _
from dashboard.ui.formats import in_run_language

app = ui.current()
ui.page_header(_("Organization commitment"), app)

types_present = [t for t in AGENCY_TYPES if t in set(app.options.agency_types.values())]


def _filter_by_type() -> None:
    chosen = st.session_state.get("agency_type_pick") or []
    if chosen:
        st.session_state["agency"] = sorted(
            a for a, t in app.options.agency_types.items() if t in chosen
        )


c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
c1.multiselect(
    _("Organizations of type"),
    types_present,
    format_func=in_run_language(code_label),
    key="agency_type_pick",
    placeholder=_("Choose one or more types"),
    help=_("Sets the organization filter in the sidebar to every organization of these "
           "types."),
)
c2.button(_("Filter to these types"), key="apply_agency_type", on_click=_filter_by_type,
          width="stretch")

ui.charts(registry.for_page("agency-commitment"), app.ctx)
