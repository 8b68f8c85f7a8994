"""Overview: where the portfolio stands, how sure it is and what moved. One plain sentence,
the headline figures with their likely range and their change since the previous snapshot
(when there is one), the portfolio by
category, cost against benefit for each initiative (priorities marked), initiatives by
implementation stage."""

from __future__ import annotations

from dashboard import registry, ui
from dashboard.lang.numbers import date as format_date
from dashboard.lang.translate import _
from dashboard.output import summary, tiles
from dashboard.query import chart_data
from dashboard.ui import say

app = ui.current()
ui.page_header(_("ICT portfolio overview"), app)

kpis = chart_data.kpis(app.ctx)
k = kpis.set_index("metric")["value"]
# the previous snapshot (the one published just before this one), same filters
previous = summary.previous_snapshot((s.as_of for s in app.scan.snapshots), app.snapshot.as_of)
before = None
if previous is not None:
    before = chart_data.kpis(app.ctx.with_(filters=app.filters.with_(snapshot=previous))
                             ).set_index("metric")["value"]
scope = tiles.scope_of(app.ctx)
say.markdown(f"#### {summary.overview_sentence(k, scope.initiatives, before, previous, scope)}")

# the change and the likely range on each tile (a tile is narrow); the captions under them
# name the snapshot compared with and say what "likely" means
ui.metric_row(tiles.headline(k, before, scope=scope))
if previous is not None:
    say.caption(_("Changes are against the snapshot of {date} under the same filters.").format(
        date=format_date(previous)))
if (likely := summary.ranges_caption(k, scope)) is not None:
    say.caption(likely)
ui.sheet_table(registry.KPIS, kpis)
ui.charts(registry.for_page("overview"), app.ctx)
