"""Two half-width charts share a row only while their columns match in height (reader's
review round 4, #14: on Costs & benefits the histogram's column ended about 400 px above
the tornado's beside it)."""

from __future__ import annotations

from pathlib import Path

from dashboard import registry
from dashboard.charts import figures
from dashboard.query import chart_data
from dashboard.query.db import Database
from dashboard.query.filters import Filters
from dashboard.ui.entries import _drawn_height

SAMPLE = Path(__file__).resolve().parents[2] / "data"


def test_columns_stand_side_by_side_only_when_matched_in_height():
    # the taller at most 1.25 times the shorter: 360 and 450 (450 / 360 = 1.25) pair; 360
    # beside 900 (2.5 times) do not, nor a chart beside an empty column
    assert figures.side_by_side(360, 450) and figures.side_by_side(450, 360)
    assert not figures.side_by_side(360, 451)
    assert not figures.side_by_side(360, 900)
    assert not figures.side_by_side(0, 300)


def test_the_costs_and_benefits_pairs_on_the_sample():
    db = Database(SAMPLE)
    try:
        snap = sorted(p.name for p in (SAMPLE / "snapshots").iterdir())[-1]
        ctx = chart_data.Context(db=db, filters=Filters(snapshot=snap))
        tall = {e.id: _drawn_height(e, ctx, e.dataset(ctx))
                for e in registry.for_page("costs-benefits") if e.half}
    finally:
        db.close()
    # the kinds of cost beside the confidence levels: equal heights, side by side
    assert figures.side_by_side(tall["cost_by_cost_category"], tall["benefits_by_confidence"])
    # the histogram (a fixed plot) beside the tornado (a row per initiative, 15 of them):
    # not matched, so each takes the whole width
    assert not figures.side_by_side(tall["npv_distribution"], tall["npv_tornado"])
