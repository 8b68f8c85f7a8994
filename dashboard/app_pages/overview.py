"""Overview: where the portfolio stands and what moved. One plain sentence, the headline
figures with their change since the previous snapshot (when there is one), the portfolio by
category, cost against benefit for each initiative (priorities marked), initiatives by
implementation stage."""

from __future__ import annotations

from dashboard import registry, ui
from dashboard.output import summary, tiles
from dashboard.query import chart_data
from dashboard.ui import say

app = ui.current()
ui.page_header("ICT portfolio overview", app)

kpis = chart_data.kpis(app.ctx)
k = kpis.set_index("metric")["value"]
# the previous snapshot (the one published just before this one), same filters
previous = summary.previous_snapshot((s.as_of for s in app.scan.snapshots), app.snapshot.as_of)
before = None
if previous is not None:
    before = chart_data.kpis(app.ctx.with_(filters=app.filters.with_(snapshot=previous))
                             ).set_index("metric")["value"]
initiatives = len(chart_data.cost_by_initiative(app.ctx))
say.markdown(f"#### {summary.overview_sentence(k, initiatives, before, previous)}")

# the change alone on each tile (a tile is narrow); the caption under them names the snapshot
ui.metric_row(tiles.headline(k, before))
if previous is not None:
    say.caption(f"Changes are against the snapshot of {previous} under the same filters.")
ui.sheet_table(registry.KPIS, kpis)
ui.charts(registry.for_page("overview"), app.ctx)
