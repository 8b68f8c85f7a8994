"""Initiative detail: one initiative chosen — its stage, lead, organizations, costs,
benefits and funding, under the sidebar's organization and year filters."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import registry, ui
from dashboard.contract.labels import ORG_PLEDGED, PAID, category_label
from dashboard.contract.metrics import BY_KEY
from dashboard.contract.schema import STAGE_LABELS, STAGES
from dashboard.formatting import format_count, format_usd
from dashboard.lang.lazy import read
from dashboard.lang.translate import _
from dashboard.output import summary, table_titles, tiles
from dashboard.output.usertext import md
from dashboard.query import chart_data
from dashboard.ui import say

app = ui.current()
ui.page_header(_("Initiative detail"), app)

kept = chart_data.cost_by_initiative(app.ctx)
if kept.empty:
    ui.empty_state()
    st.stop()

names = dict(zip(kept["initiative_id"], kept["name"], strict=True))
ids = list(kept["initiative_id"])
# The chosen initiative travels in the URL as ?detail=<initiative_id>. Not a bound widget:
# a bound selectbox would match the URL against the formatted labels ("KS — ..."), not ids.
raw_detail = st.query_params.get_all("detail")
if raw_detail and st.session_state.get("_detail_from_url") != raw_detail[-1]:
    st.session_state["_detail_from_url"] = raw_detail[-1]
    if raw_detail[-1] in ids:
        st.session_state["detail"] = raw_detail[-1]
    else:
        say.warning(md(_("The link's initiative {value} is not among the initiatives kept by "
                         "the filters; showing the first one instead.").format(
                             value=repr(raw_detail[-1]))),
                   icon=":material/link_off:")
if st.session_state.get("detail") not in (None, *ids):
    st.session_state["detail"] = ids[0]
# not "Initiative": that is the sidebar's filter (which may say "All initiatives" while
# this shows one); this picks one of the initiatives the sidebar's filters keep
iid = st.selectbox(_("Initiative shown"), ids, format_func=lambda i: f"{i} — {names[i]}",
                   key="detail",
                   help=_("One of the {count} initiatives the sidebar's filters keep; the "
                          "sidebar's Initiative filter narrows this list.").format(
                              count=format_count(len(ids))))
if st.query_params.get("detail") != iid:
    st.query_params["detail"] = iid  # a copied link opens the same initiative
    st.session_state["_detail_from_url"] = iid
row = kept.set_index("initiative_id").loc[iid]
info = chart_data.initiative_info(app.ctx, iid).iloc[0]

say.header(f"{md(info['name'])} ({iid})")
stage_no = STAGES.index(info["stage"]) + 1
say.markdown(_("**Category:** {category} · **Priority:** {priority} · **Lead organization:** "
               "{lead}").format(
    category=category_label(info["category"]), priority=_("yes") if info["is_priority"] else _("no"),
    lead=(f"{md(info['lead_agency_name'])} ({md(info['lead_agency'])})"
          if pd.notna(info["lead_agency"]) else _("none named"))))
st.progress(stage_no / len(STAGES),
            text=_("Stage {n} of {total}: {stage}").format(
                n=stage_no, total=len(STAGES), stage=read(STAGE_LABELS[info["stage"]])))

gap = chart_data.initiative_funding(app.ctx, iid)
g = gap.iloc[0] if len(gap) else None
ratio = row["total_benefit_usd"] / row["total_cost_usd"] if row["total_cost_usd"] else None
one = {"total_cost_usd": row["total_cost_usd"], "total_benefit_usd": row["total_benefit_usd"],
       "net_benefit_usd": row["net_benefit_usd"], "benefit_cost_ratio": ratio}
# whose figure each tile is: under the organization filter, cost and benefit are the
# organization's share; the funding is the whole initiative's
scope = summary.Scope(organizations=app.filters.agencies)
funding = ((_("Funding target"), "funding_target_usd"), (ORG_PLEDGED, "agency_pledged_usd"),
           (PAID, "paid_contributions_usd"), (BY_KEY["funding_gap_usd"].label, "funding_gap_usd"))
ui.metric_row([
    *tiles.headline(one, keys=one, with_help=False, scope=scope),
    *((scope.label(read(label), summary.NOT_SPLIT), format_usd(g[col]) if g is not None else "—",
       None)
      for label, col in funding),
])

ui.charts(registry.for_page("initiative"), app.ctx, iid)

say.subheader(table_titles.initiative_organizations(app.filters.agencies))  # R6a #14
orgs = chart_data.initiative_commitments(app.ctx, iid)
if orgs.empty:
    ui.empty_state()
else:
    cols = ["agency_code", "agency_name", "agency_type", "commitment_level", "relative_value",
            "pledged_usd"]
    # the organizations' own pledged shares, headed as the pack's who-pays table (F2 #5)
    ui.table(orgs[cols].rename(columns={"pledged_usd": "pledged_share_usd"}),
             "table_detail_orgs")
    ui.downloads(orgs[cols], "detail_orgs", app, sheet="detail_organizations")

say.subheader(_("Contributions earmarked to it"))
contribs = chart_data.initiative_contributions(app.ctx, iid)
if contribs.empty:
    say.info(_("No contributions earmarked to this initiative under these filters."))
else:
    ui.table(contribs, "table_detail_contributions")
    if paid_after := chart_data.initiative_paid_after_note(app.ctx, iid):
        say.caption(paid_after)
    ui.downloads(contribs, "detail_contributions", app, sheet="detail_contributions")
