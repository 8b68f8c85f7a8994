"""Costs & benefits: by fiscal year stacked by category; cumulative net benefit with the
payback year; cost by kind, recurring against one-off; benefits by confidence level; the
financial measures per initiative; how sure the NPV is and what moves it most (the
ranges: data/README.md, "Ranges: how sure each figure is")."""

from __future__ import annotations

from dashboard import registry, ui
from dashboard.analysis import finance
from dashboard.lang.translate import _
from dashboard.output import tiles
from dashboard.query import chart_data

app = ui.current()
ui.page_header(_("Costs & benefits"), app)

cash = chart_data.cashflow_by_year(app.ctx)
payback = finance.payback_year(cash) if len(cash) else None
ui.metric_row(tiles.costs_benefits(app.ctx, cash, payback), per_row=4)
# the financial measures per initiative come last (decision support: dashboard/analysis/)
ui.charts(registry.for_page("costs-benefits"), app.ctx)
