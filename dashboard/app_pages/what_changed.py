"""What changed: each initiative's figures in two snapshots, before, after and the change.

After = the snapshot chosen in the sidebar; before = the one compared to (URL-bound key
`compare`; by default the snapshot just before it). The same filters apply to both. The
comparison is dashboard/analysis/comparison.py `compare_snapshots` and `change_summary`.
"""

from __future__ import annotations

import streamlit as st

from dashboard import registry, ui
from dashboard.analysis import comparison
from dashboard.lang.lazy import N_
from dashboard.lang.numbers import date as format_date
from dashboard.lang.translate import _
from dashboard.output import change_tables, change_words, group_words, summary, tiles
from dashboard.output.usertext import md
from dashboard.ui import compare_link, say
from dashboard.ui.formats import in_run_language

ONLY_ONE_SNAPSHOT = N_("Only one snapshot is published, so there is nothing to compare it "
                       "with. Ask the data team to publish a newer estimate.")

app = ui.current()
ui.page_header(_("What changed"), app)

after = app.snapshot.as_of
dates = [s.as_of for s in app.scan.snapshots]  # newest first
others = [d for d in dates if d != after]
if not others:
    say.info(_(ONLY_ONE_SNAPSHOT), icon=":material/compare_arrows:")
    st.stop()
# the sidebar's context compares with the previous snapshot by default (ui/context.py), so
# "Download all" and the briefing hold the changes this page shows; the first snapshot has
# none before it: compared with the next one
default = summary.previous_snapshot(dates, after) or others[-1]
compare_link.from_url(others, default)  # e.g. the sidebar snapshot was switched to it
before = st.selectbox(  # each date as a reader reads it; the address holds its ISO date
    _("Compare {date} with the snapshot of").format(date=format_date(after)), others,
    key=compare_link.KEY, format_func=in_run_language(format_date),
    help=_("The earlier estimate (by default the snapshot just before the one in the "
           "sidebar)."),
)
compare_link.to_url(before, default)
snap_before = app.scan.get(before)
if snap_before is not None:
    say.caption(_("Compared with: {snapshot}").format(snapshot=ui.provenance_text(snap_before)))

ctx = app.ctx.with_(compare_to=before)
(waterfall,) = registry.for_page("what-changed")
changes = waterfall.dataset(ctx)
if changes is None or changes.empty:
    ui.empty_state()
    st.stop()

say.subheader(_("In short"))
# names are text from the data: escaped before they go into the sentences
# (shortened first, as the summary names them: an escape is never cut in half)
short = comparison.summary_names(changes)
named = short.assign(name=short["name"].map(md, na_action="ignore"))
say.markdown("\n".join(f"- {line}" for line in
                       change_words.in_short(named, before, ctx.filters.agencies)))

money, counts = tiles.changes(changes, before, after,
                              summary.Scope(organizations=app.filters.agencies))
ui.metric_row(money, per_row=2)  # two to a row: the before → after labels are read whole
ui.metric_row(counts, per_row=2)

ui.chart_entry(waterfall, ctx, df=changes)

added = changes[changes["status"] == "added"]
removed = changes[changes["status"] == "removed"]
left, right = st.columns(2)
left.markdown(_("**Added since {date}**").format(date=format_date(before)) + "\n\n" + ("\n".join(
    f"- {md(r.name)} ({r.initiative_id})" for r in added.itertuples()) or _("None.")))
right.markdown(_("**Removed since {date}**").format(date=format_date(before)) + "\n\n" + (
    "\n".join(f"- {md(r.name)} ({r.initiative_id})" for r in removed.itertuples())
    or _("None.")))

say.subheader(_("Every initiative, before and after"))
say.caption(change_tables.intro())
# the tables and their introduction from one configuration (output/change_tables.py)
# each group's name says whose figures it holds under the organization filter (R6a #8)
with group_words.scoped(change_tables.scopes(app.filters.agencies)):
    for part, table in change_tables.tables(changes):
        ui.table(table, f"table_changes_{part}")
ui.downloads(changes, waterfall.export_sheet.name, app, sheet=waterfall.export_sheet.name)
